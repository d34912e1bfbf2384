"""The word check of a page: its texts field by field, checked against the current word list."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, Max

from newsroom.wordcheck.matcher import BANNED, CAUTION, KIND_LABELS, TYPO, Matcher
from newsroom.wordcheck.models import WordListEntry

# Headline fields first, as a reader meets them; the body and captions after.
HEADLINE_FIELDS = (("kicker", "引题"), ("title", "主题"), ("subtitle", "副题"), ("summary", "摘要"))
BLOCK_LABELS = {"paragraph": "段落", "heading": "小标题", "quote": "引语", "image": "图片说明"}


@dataclass(frozen=True)
class Hit:
    """A listed term found in one of a page's texts, where the editor typed it."""

    field: str  # the page field: title, body, lead_image_caption…
    place: str  # where, in the editor's words: 主题, 正文第3块（段落）…
    start: int  # offsets in that text as typed
    end: int
    found: str
    term: str
    kind: str
    replacement: str
    note: str
    excerpt: str
    block_id: str | None = None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    def as_dict(self) -> dict[str, object]:
        return {
            "field": self.field,
            "place": self.place,
            "start": self.start,
            "end": self.end,
            "found": self.found,
            "term": self.term,
            "kind": self.kind,
            "kind_label": self.kind_label,
            "replacement": self.replacement or None,
            "excerpt": self.excerpt,
        }


# The automaton of this process and the word list version it was built from. The version is read
# on each check (one small query): an edit in any process makes every process rebuild on its next check.
_built: dict[str, object] = {"version": None, "matcher": Matcher(())}


def word_list_version() -> tuple[int, object]:
    """Changes whenever an entry is added, edited or deleted."""
    version = WordListEntry.objects.aggregate(count=Count("id"), latest=Max("updated_at"))
    return version["count"], version["latest"]


def current_matcher() -> Matcher:
    version = word_list_version()
    if version != _built["version"]:
        entries = WordListEntry.objects.only("term", "kind", "replacement", "note")
        _built["matcher"] = Matcher(entry.as_term() for entry in entries)
        _built["version"] = version
    return _built["matcher"]


def page_texts(page: object) -> Iterator[tuple[str, str, str, str | None]]:
    """(field, place, text, block id) for every text a reader sees: the headlines, each text of every
    body block (newsroom.blocks.ArticleBodyBlock) and the lead image's caption."""
    for field, label in HEADLINE_FIELDS:
        text = getattr(page, field, "")
        if text:
            yield field, label, text, None
    for number, block in enumerate(getattr(page, "body", None) or (), start=1):
        where = f"正文第{number}块（{BLOCK_LABELS.get(block.block_type, block.block_type)}）"
        value = block.value
        if isinstance(value, str):
            yield "body", where, value, block.id
        else:
            # Struct blocks: every text in them (引文 and 出处, 图片说明 and 摄影).
            for child in value.values() if hasattr(value, "values") else ():
                if isinstance(child, str) and child:
                    yield "body", where, child, block.id
    caption = getattr(page, "lead_image_caption", "")
    if caption:
        yield "lead_image_caption", "题图说明", caption, None


def check_page(page: object, matcher: Matcher | None = None) -> list[Hit]:
    """Every hit of the word list in the page's texts, in reading order."""
    matcher = matcher or current_matcher()
    if not matcher.size:
        return []
    hits = []
    for field, place, text, block_id in page_texts(page):
        for match in matcher.find(text):
            term = match.term
            hits.append(
                Hit(
                    field=field,
                    place=place,
                    start=match.start,
                    end=match.end,
                    found=match.found,
                    term=term.term,
                    kind=term.kind,
                    replacement=term.replacement,
                    note=term.note,
                    excerpt=match.excerpt(text),
                    block_id=block_id,
                )
            )
    return hits


def hits_summary(hits: list[Hit]) -> str:
    """The hits on one line, for a message or a warning: 禁用「…」；慎用「…」；错别字「既使」→「即使」."""
    parts = []
    for kind in (BANNED, CAUTION):
        terms = terms_of(hits, kind)
        if terms:
            parts.append(KIND_LABELS[kind] + "".join(f"「{term}」" for term in terms))
    fixes = dict.fromkeys(f"「{hit.found}」→「{hit.replacement}」" for hit in hits if hit.kind == TYPO)
    if fixes:
        parts.append(KIND_LABELS[TYPO] + "".join(fixes))
    return "；".join(parts)


def terms_of(hits: list[Hit], kind: str) -> list[str]:
    """The distinct terms of one kind among the hits, in the order met."""
    return list(dict.fromkeys(hit.term for hit in hits if hit.kind == kind))


__all__ = ["Hit", "check_page", "current_matcher", "hits_summary", "page_texts", "terms_of"]

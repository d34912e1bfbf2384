"""Write a parsed Edition into the page tree: one transaction, idempotent, new revisions on change."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler as search_on_save
from wagtail.log_actions import get_active_log_context, log
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

from newsroom.importer.records import Article, Edition, Section, article_to_dict
from newsroom.importer.tree import bulk_add_children
from newsroom.importer.word_check import article_hits, hit_dicts, hit_warning
from newsroom.models import (
    ArticleByline,
    ArticlePage,
    ArticlePhotoCredit,
    ChannelHomePage,
    ReporterIndexPage,
    ReporterPage,
    SectionPage,
)
from newsroom.reporters.models import kind_for_role
from newsroom.wordcheck.check import current_matcher

# Morning papers come out at dawn: an imported article goes live at 06:00 on its edition date.
EDITION_RELEASE = time(6, 0)
# 来源 of the paper's own articles; a dateline naming someone else (新华社北京12月2日电) names the source.
OWN_SOURCE = "大众日报"
OWN_DATELINE_SOURCE = "本报"

Progress = Callable[[int, int], None]
# New pages are written, and written pages indexed, this many at a time: the statements,
# revisions and search rows of one batch are in memory at once, not those of a whole edition.
BATCH_SIZE = 500
# Set by the tree and by Wagtail when the page is added, not by the edition.
TREE_FIELDS = ("path", "depth", "numchild", "url_path", "slug", "draft_title", "translation_key")


@dataclass
class ImportReport:
    """What an import did (or, on a dry run, would do) to the tree."""

    source: str
    edition_date: str
    dry_run: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    reporters_created: list[str] = field(default_factory=list)
    sections_created: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The word check's hits in the articles written (created or changed), never a reason to stop.
    word_hits: list[dict[str, object]] = field(default_factory=list)

    def summary(self) -> str:
        verb = "would import" if self.dry_run else "imported"
        return (
            f"{self.source}: {verb} edition {self.edition_date}: "
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged; {len(self.reporters_created)} new reporters, "
            f"{len(self.sections_created)} new sections, {len(self.warnings)} warnings"
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "edition_date": self.edition_date,
            "dry_run": self.dry_run,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "reporters_created": self.reporters_created,
            "sections_created": self.sections_created,
            "warnings": self.warnings,
            "word_hits": self.word_hits,
        }


class LoadError(Exception):
    """An article that parsed but cannot be stored, e.g. a headline longer than the title field."""


class _DryRunRollback(Exception):
    """Raised inside the transaction to undo a dry run after its report is complete."""


def source_key(edition: Edition, article: Article, occurrence: int = 0) -> str:
    """Stable identity of a printed article: its edition date and its headline."""
    headline = "".join(article.title.split())
    digest = hashlib.sha1(headline.encode(), usedforsecurity=False).hexdigest()[:16]
    suffix = f"-{occurrence}" if occurrence else ""
    return f"{edition.edition_date:%Y%m%d}-{digest}{suffix}"


def _content_digest(article: Article) -> str:
    # The section is left out on purpose: editors may move an article, and a re-import
    # of the same text must not move it back.
    content = article_to_dict(article)
    for key in ("section", "line", "position"):
        content.pop(key, None)
    blob = json.dumps(content, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def source_of(article: Article) -> str:
    """来源 of a printed article: the agency or paper its dateline names, else this paper."""
    named = article.dateline.source if article.dateline else ""
    return named if named and named != OWN_DATELINE_SOURCE else OWN_SOURCE


def _published_at(edition: Edition, article: Article) -> datetime:
    # Print order survives newest-first listings: each later article is a second older.
    release = datetime.combine(edition.edition_date, EDITION_RELEASE, tzinfo=ZoneInfo(settings.TIME_ZONE))
    return release - timedelta(seconds=article.position)


def load_edition(
    edition: Edition,
    *,
    sections: Sequence[Section],
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import one edition in one transaction; a dry run reports the same and writes nothing."""
    report = ImportReport(
        source=edition.source_name,
        edition_date=edition.edition_date.isoformat(),
        dry_run=dry_run,
        warnings=list(edition.warnings),
    )
    try:
        with transaction.atomic(), _deferred_indexing():
            writer = _EditionWriter(edition, sections, report, progress)
            writer.write()
            if dry_run:
                raise _DryRunRollback
            writer.reindex()
    except _DryRunRollback:
        pass
    return report


@contextmanager
def _deferred_indexing() -> Iterator[None]:
    """Index each written page once at the end, not on each of the several saves Wagtail makes."""
    models = [ArticlePage, ReporterPage, SectionPage]
    for model in models:
        post_save.disconnect(search_on_save, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(search_on_save, sender=model)


class _EditionWriter:
    """The writes of one import, run inside its transaction."""

    def __init__(
        self, edition: Edition, sections: Sequence[Section], report: ImportReport, progress: Progress | None
    ) -> None:
        self.edition = edition
        self.sections = sections
        self.report = report
        self.progress = progress
        # The ids of the pages written, by model, indexed once the writes are done.
        self.written: dict[type[Page], list[int]] = {}
        # New articles by section, written in bulk once every article is read and checked.
        self.new: dict[str, list[ArticlePage]] = {}
        self.matcher = current_matcher()

    def write(self) -> None:
        # Serialise imports: a second import waits here until the first commits, so two
        # imports of the same file never both create the same article.
        self.home = ChannelHomePage.objects.select_for_update().get()
        self.section_pages = self._sections()
        self.reporters = self._reporters()
        keys = self._keys()
        existing = self._existing(keys)
        total = len(self.edition.articles)
        for done, (article, key) in enumerate(zip(self.edition.articles, keys, strict=True), start=1):
            page = existing.get(key)
            if page is None:
                self._create(article, key)
            else:
                self._update(page, article, key)
            if self.progress:
                self.progress(done, total)
        for slug in list(self.new):
            pages = self.new.pop(slug)
            while pages:
                # Taken off the list as they go in, so a written batch can be freed.
                batch, pages[:BATCH_SIZE] = pages[:BATCH_SIZE], []
                self._add_published_articles(self.section_pages[slug], batch)

    def reindex(self) -> None:
        """Bring the search and reference indexes up to date with every page written."""
        for model, ids in self.written.items():
            for start in range(0, len(ids), BATCH_SIZE):
                # Read back as stored: what the indexes see is what the database holds.
                pages = model.objects.filter(pk__in=ids[start : start + BATCH_SIZE])
                if model is ArticlePage:
                    pages = pages.prefetch_related("bylines__reporter", "photo_credits__reporter")
                pages = list(pages)
                for page in pages:
                    ReferenceIndex.create_or_update_for_object(page)
                for backend in get_search_backends():
                    backend.add_bulk(model, pages)

    def _wrote(self, pages: Sequence[Page]) -> None:
        for page in pages:
            self.written.setdefault(type(page), []).append(page.pk)

    def _add_published(self, parent: Page, page: Page) -> None:
        """Add a new page to the tree already published, in the state Wagtail's publish leaves it.

        A new page has no previous revision, schedule or workflow to reconcile, so the one
        validated save of add_child, one revision and one small update replace the three full
        saves of save_revision().publish(): the import runs several times faster.
        """
        page.last_published_at = timezone.now()
        page.first_published_at = page.first_published_at or page.last_published_at
        # Added as a draft, Wagtail validates only title and slug (the loader has checked every
        # field's limits, without the dozen foreign-key look-ups of a full clean); then it goes live.
        page.live, page.has_unpublished_changes = False, False
        parent.add_child(instance=page)
        revision = page.save_revision(changed=False, clean=False)
        page.live, page.live_revision = True, revision
        page.save(update_fields=["live", "live_revision"], clean=False)
        log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)
        page_published.send(sender=page.specific_class, instance=page, revision=revision)
        self._wrote([page])

    def _add_published_articles(self, section: SectionPage, pages: list[ArticlePage]) -> None:
        """Add new articles to a section already published, leaving the rows Wagtail's create and publish leave.

        About fifty queries a page inside Wagtail become a dozen statements a section: the page and
        article rows, bylines, credits, revisions, the revision links and the audit log, each in bulk.
        """
        now = timezone.now()
        for page in pages:
            page.live, page.has_unpublished_changes = True, False
            # Publishing the edition is the article's first publication, at the edition's time, not a
            # change made today (see ArticlePage.reader_modified_at); never in the future, where a
            # last publication marks a held page (newsroom.scheduling).
            page.last_published_at = min(page.first_published_at, now)
        bulk_add_children(section, pages)
        ArticleByline.objects.bulk_create(self._children(pages, "bylines"))
        ArticlePhotoCredit.objects.bulk_create(self._children(pages, "photo_credits"))
        content_type = ContentType.objects.get_for_model(ArticlePage)
        base_content_type = ContentType.objects.get_for_model(Page)
        revisions = Revision.objects.bulk_create(
            Revision(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=str(page.pk),
                created_at=now,
                content=page.serializable_data(),
                object_str=str(page),
            )
            for page in pages
        )
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision = page.live_revision = revision
            page.latest_revision_created_at = revision.created_at
        Page.objects.bulk_update(pages, ["latest_revision", "live_revision", "latest_revision_created_at"])
        # As Page.save() logs a new page and publish() its going live, with the active log context's user.
        context = get_active_log_context()
        PageLogEntry.objects.bulk_create(
            PageLogEntry(
                content_type=content_type,
                label=page.get_admin_display_title(),
                action=action,
                timestamp=now,
                data={},
                uuid=context.uuid,
                user=context.user,
                page_id=page.pk,
                revision=revision,
                content_changed=True,
            )
            for page in pages
            for action, revision in (("wagtail.create", None), ("wagtail.publish", page.live_revision))
        )
        for page in pages:
            # The reader page cache listens for this to purge itself.
            page_published.send(sender=ArticlePage, instance=page, revision=page.live_revision)
        self._wrote(pages)

    @staticmethod
    def _children(pages: list[ArticlePage], relation: str) -> list[ArticleByline | ArticlePhotoCredit]:
        # The in-memory bylines now learn their page's id; the revision's content reads them too.
        children = []
        for page in pages:
            for child in getattr(page, relation).all():
                child.page_id = page.pk
                children.append(child)
        return children

    def _sections(self) -> dict[str, SectionPage]:
        pages = {page.slug: page for page in SectionPage.objects.child_of(self.home)}
        for section in self.sections:
            if section.slug not in pages:
                page = SectionPage(title=section.title, slug=section.slug)
                self._add_published(self.home, page)
                pages[section.slug] = page
                self.report.sections_created.append(section.slug)
        return pages

    def _reporters(self) -> dict[str, ReporterPage]:
        people: dict[str, str] = {}
        for article in self.edition.articles:
            credits = article.lead_image.credits if article.lead_image else ()
            for byline in (*article.bylines, *credits):
                people.setdefault(byline.name, byline.role)
        index = ReporterIndexPage.objects.get()
        found = {page.title: page for page in ReporterPage.objects.child_of(index).filter(title__in=people)}
        for name, role in people.items():
            if name not in found:
                page = ReporterPage(title=name, kind=kind_for_role(role))
                self._add_published(index, page)
                found[name] = page
                self.report.reporters_created.append(name)
        return found

    def _keys(self) -> list[str]:
        seen: dict[str, int] = {}
        keys = []
        for article in self.edition.articles:
            base = source_key(self.edition, article)
            keys.append(source_key(self.edition, article, seen.get(base, 0)))
            seen[base] = seen.get(base, 0) + 1
        return keys

    def _existing(self, keys: list[str]) -> dict[str, ArticlePage]:
        """Pages this edition already made, by key; a retitled article is found by its print position."""
        found = {page.source_key: page for page in ArticlePage.objects.filter(source_key__in=keys)}
        missing = [(key, article) for key, article in zip(keys, self.edition.articles, strict=True) if key not in found]
        if missing:
            prefix = f"{self.edition.edition_date:%Y%m%d}-"
            orphans = {
                page.print_position: page
                for page in ArticlePage.objects.filter(source_key__startswith=prefix).exclude(source_key__in=keys)
            }
            for key, article in missing:
                page = orphans.pop(article.position, None)
                if page is not None:
                    found[key] = page
        return found

    def _fill(self, page: ArticlePage, article: Article, key: str) -> None:
        dateline = article.dateline
        page.title = article.title
        page.kicker = article.kicker or ""
        page.subtitle = article.subtitle or ""
        page.dateline_text = dateline.text if dateline else ""
        page.dateline_source = dateline.source if dateline else ""
        page.dateline_place = (dateline.place or "") if dateline else ""
        page.dateline_date = dateline.date if dateline else None
        page.body = [(block.type, block.text) for block in article.body]
        page.lead_image_caption = article.lead_image.caption if article.lead_image else ""
        page.edition_date = self.edition.edition_date
        page.print_position = article.position
        page.source_key = key
        page.source_digest = _content_digest(article)
        # An editor's 来源 stays; 责任编辑 is the desk's to set, never the importer's.
        page.source = page.source or source_of(article)
        page.bylines = [
            ArticleByline(reporter=self.reporters[b.name], role=b.role, sort_order=i)
            for i, b in enumerate(article.bylines)
        ]
        credits = article.lead_image.credits if article.lead_image else ()
        page.photo_credits = [
            ArticlePhotoCredit(reporter=self.reporters[c.name], role=c.role, sort_order=i)
            for i, c in enumerate(credits)
        ]

    def _check(self, page: ArticlePage, article: Article) -> None:
        """Field limits (a 300-character headline) as one clear error naming the line, not a database error."""
        relations = [f.name for f in page._meta.concrete_fields if f.is_relation]
        try:
            page.clean_fields(exclude=[*relations, *TREE_FIELDS])
        except ValidationError as error:
            field, messages = next(iter(error.message_dict.items()))
            label = page._meta.get_field(field).verbose_name
            raise LoadError(f"{self.edition.source_name}:{article.line}: {label}: {' '.join(messages)}") from error

    def _word_check(self, article: Article) -> None:
        hits = article_hits(article, self.matcher)
        if hits:
            self.report.word_hits.extend(hit_dicts(article, hits))
            self.report.warnings.append(hit_warning(self.edition.source_name, article, hits))

    def _create(self, article: Article, key: str) -> None:
        section = self.section_pages.get(article.section)
        if section is None:
            raise LoadError(f"{self.edition.source_name}:{article.line}: unknown section {article.section!r}")
        page = ArticlePage(first_published_at=_published_at(self.edition, article))
        self._fill(page, article, key)
        self._check(page, article)
        self._word_check(article)
        self.new.setdefault(article.section, []).append(page)
        self.report.created.append(article.title)

    def _update(self, page: ArticlePage, article: Article, key: str) -> None:
        if page.source_digest == _content_digest(article) and page.source_key == key:
            self.report.unchanged.append(article.title)
            return
        draft = page.get_latest_revision_as_object()
        self._fill(draft, article, key)
        self._check(draft, article)
        self._word_check(article)
        revision = draft.save_revision()
        # The importer's bookkeeping lives on the page row, published or not.
        ArticlePage.objects.filter(pk=page.pk).update(source_key=key, source_digest=draft.source_digest)
        if page.live:
            revision.publish()
        else:
            self.report.warnings.append(
                f"{self.edition.source_name}:{article.line}: {article.title}: "
                "updated as a draft, not published: an editor had unpublished it"
            )
        self._wrote([page])
        self.report.updated.append(article.title)

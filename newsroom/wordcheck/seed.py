"""The starter word list in seeds/ (a tab-separated file operators keep) and loading it into 字词表."""

from __future__ import annotations

from pathlib import Path

from newsroom.wordcheck.matcher import KIND_LABELS, Term
from newsroom.wordcheck.models import WordListEntry

KINDS_BY_LABEL = {label: kind for kind, label in KIND_LABELS.items()}


class WordListFileError(ValueError):
    """A line of the file that is not `term<TAB>kind[<TAB>replacement[<TAB>note]]`."""


def read_word_list(path: Path) -> list[Term]:
    """The file's entries; `#` starts a comment line, blank lines are skipped."""
    terms = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) < 2 or not cells[0] or cells[1] not in KINDS_BY_LABEL:
            raise WordListFileError(f"{path}:{number}: expected 词语<TAB>禁用|慎用|错别字[<TAB>建议改为[<TAB>说明]]")
        cells += [""] * (4 - len(cells))
        terms.append(Term(term=cells[0], kind=KINDS_BY_LABEL[cells[1]], replacement=cells[2], note=cells[3]))
    return terms


def load_word_list(path: Path, *, merge: bool = False) -> tuple[int, int]:
    """Seed the 字词表 from the file when it is empty; with `merge`, also add the file's terms it
    lacks. Entries editors changed stay as they left them, and without `merge` a term they deleted
    stays deleted. Returns (added, left as they were)."""
    terms = {term.term: term for term in read_word_list(path)}
    existing = set(WordListEntry.objects.values_list("term", flat=True))
    if existing and not merge:
        return 0, len(existing)
    new = [term for name, term in terms.items() if name not in existing]
    WordListEntry.objects.bulk_create(
        WordListEntry(term=t.term, kind=t.kind, replacement=t.replacement, note=t.note) for t in new
    )
    return len(new), len(existing)

"""The house's dependency rules, read from the source: who may import whom, and who never writes."""

import ast
import re
import sys
from pathlib import Path

import pytest

NEWSROOM = Path(__file__).resolve().parent.parent / "newsroom"
# What reads for readers: the reader site, the app API, and the queries they share.
READERS = [NEWSROOM / name for name in ("api", "site", "selectors.py", "feeds.py", "sitemaps.py")]
# Model writes, and any SQL of their own sent through a cursor (their hand-written reads go through .raw()).
WRITES = re.compile(
    r"\.(save|delete|bulk_create|bulk_update|update_or_create|get_or_create|create|update|execute|executemany|cursor)\("
)


def modules(*places: Path) -> list[Path]:
    return sorted(p for place in places for p in ([place] if place.is_file() else place.rglob("*.py")))


def imported(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function, relative imports resolved."""
    package = ["newsroom", *path.relative_to(NEWSROOM).parent.parts]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            # `from . import x` and `from newsroom import selectors` name modules too.
            names.update({module, *(f"{module}.{alias.name}" for alias in node.names)})
    return names


@pytest.mark.parametrize("path", modules(NEWSROOM / "importer" / "parser"), ids=lambda p: p.name)
def test_the_parser_imports_nothing_from_django_or_the_database_side(path):
    # The standard library, the records it returns and its own modules: nothing else.
    allowed = ("newsroom.importer.records", "newsroom.importer.parser")
    outside = {
        name
        for name in imported(path)
        if name.split(".")[0] not in sys.stdlib_module_names
        and not any(name == prefix or name.startswith(f"{prefix}.") for prefix in allowed)
    }
    assert outside == set()


@pytest.mark.parametrize("path", modules(NEWSROOM / "models"), ids=lambda p: p.name)
def test_models_know_nothing_of_the_api_the_site_or_their_queries(path):
    forbidden = ("newsroom.api", "newsroom.site", "newsroom.selectors", "newsroom.feeds", "newsroom.sitemaps")
    assert {name for name in imported(path) if name.startswith(forbidden)} == set()


@pytest.mark.parametrize("path", modules(*READERS), ids=lambda p: str(p.relative_to(NEWSROOM)))
def test_the_api_and_the_site_never_write(path):
    # The page cache is written (cache.set) by the site; the database never is.
    assert WRITES.findall(path.read_text(encoding="utf-8")) == []

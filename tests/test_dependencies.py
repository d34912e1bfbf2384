"""The house's dependency rules, read from the source: who may import whom, and who never writes."""

import ast
import re
import sys
from pathlib import Path

import pytest

NEWSROOM = Path(__file__).resolve().parent.parent / "newsroom"
# What reads for readers: the reader site, the app API, and the queries they share.
# One folder per content type, each with its models and selectors.
CONTENT_TYPES = ("articles", "sections", "reporters")
READERS = [
    *(NEWSROOM / name for name in ("api", "site", "readers", "feeds.py", "sitemaps.py")),
    *(NEWSROOM / kind / "selectors.py" for kind in CONTENT_TYPES),
]
MODELS = [NEWSROOM / "models", *(NEWSROOM / kind / "models.py" for kind in CONTENT_TYPES)]
# Model writes, and any SQL of their own sent through a cursor (their hand-written reads go through .raw()).
WRITES = re.compile(
    r"\.(save|delete|bulk_create|bulk_update|update_or_create|get_or_create|create|update|execute|executemany|cursor)\("
)


def modules(*places: Path) -> list[Path]:
    return sorted(p for place in places for p in ([place] if place.is_file() else place.rglob("*.py")))


def imported(path: Path, *, top_only: bool = False) -> set[str]:
    """Every module `path` imports, at the top or inside a function (with `top_only`, what it
    imports when it is loaded: a function's late import is not), relative imports resolved."""
    package = ["newsroom", *path.relative_to(NEWSROOM).parent.parts]
    names = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body if top_only else ast.walk(tree):
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


@pytest.mark.parametrize("path", modules(*MODELS), ids=lambda p: str(p.relative_to(NEWSROOM)))
def test_models_know_nothing_of_the_api_or_the_site(path):
    # A page's get_context calls its selectors; nothing of the API's or the site's own.
    forbidden = ("newsroom.api", "newsroom.site", "newsroom.feeds", "newsroom.sitemaps")
    assert {name for name in imported(path) if name.startswith(forbidden)} == set()


@pytest.mark.parametrize(
    ("side", "other"),
    [("api", "newsroom.site"), ("site", "newsroom.api"), ("readers", "newsroom.api"), ("readers", "newsroom.site")],
)
def test_the_api_and_the_site_share_the_readers_scope_and_never_import_each_other(side, other):
    found = {
        str(path.relative_to(NEWSROOM))
        for path in modules(NEWSROOM / side)
        if any(name == other or name.startswith(f"{other}.") for name in imported(path))
    }
    assert found == set()


def module_name(path: Path) -> str:
    parts = ["newsroom", *path.relative_to(NEWSROOM).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_module_imports_itself_back():
    graph = {module_name(path): set() for path in modules(NEWSROOM) if "migrations" not in path.parts}
    for path in modules(NEWSROOM):
        if "migrations" in path.parts:
            continue
        graph[module_name(path)] = {name for name in imported(path, top_only=True) if name in graph} - {
            module_name(path)
        }

    def cycle_from(start: str) -> list[str] | None:
        stack = [(start, [start])]
        seen = set()
        while stack:
            module, trail = stack.pop()
            for dependency in graph[module]:
                if dependency == start:
                    return [*trail, start]
                # A package's __init__ importing its own modules is how packages are built.
                if dependency not in seen and not start.startswith(dependency + "."):
                    seen.add(dependency)
                    stack.append((dependency, [*trail, dependency]))
        return None

    cycles = [cycle for module in graph if (cycle := cycle_from(module))]
    assert cycles == []


def test_what_readers_may_see_is_defined_in_one_module():
    # "Gone live by now" and Wagtail's `.public()` are the rule's parts: written in one module.
    rule = re.compile(r"go_live_at__lte|go_live_at <=|\.public\(\)|def (is_)?(in_schedule|visible)")
    found = {
        str(path.relative_to(NEWSROOM))
        for path in modules(NEWSROOM)
        if "migrations" not in path.parts and rule.search(path.read_text(encoding="utf-8"))
    }
    assert found == {"readers/visibility.py"}


@pytest.mark.parametrize("path", modules(*READERS), ids=lambda p: str(p.relative_to(NEWSROOM)))
def test_the_api_and_the_site_never_write(path):
    # The page cache is written (cache.set) by the site; the database never is.
    assert WRITES.findall(path.read_text(encoding="utf-8")) == []

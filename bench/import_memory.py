"""Importer time and peak memory against the edition's size: a 1 MB and a 20 MB edition, ratios to the 1 MB one.

    .venv/bin/python bench/import_memory.py [--sizes 1 20] [--kind synthetic|gb18030|one-article]
        [--stages parse dry-run import] [--timeout 900]

Kinds of edition, each cut to the largest that fits in SIZE MB (1 MB = 1,048,576 bytes, as
--max-size counts, so 20 is just under the command's default limit):
  synthetic    bench/synthetic_edition.py, UTF-8: about 2,200 bytes an article;
  gb18030      the same edition saved as GB18030 (GBK), the encoding the parser has to detect;
  one-article  one article whose body is the seed's paragraphs cut by the column layout, none
               ending a sentence: the parser mends them into one paragraph of the whole file.
Stages, each in a child process of its own that reports its own time and peak RSS (VmHWM):
  parse        the pure parser on the file's bytes with the channel's sections, no Django;
  dry-run      `manage.py import_edition FILE --dry-run`, called in process after django.setup()
               (parse, then the loader's writes in a transaction rolled back), on PostgreSQL;
  import       the same command, writing, into a fresh database (`bench_import_memory`,
               PostgreSQL at 127.0.0.1:5432, migrated by a child of its own beforehand).
"Above start" is the peak less the RSS the child had before reading the file (Python, or Python
with Django and Wagtail loaded): what the import itself costs. Ratios are against the first size.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import drop_postgres, fresh_postgres  # noqa: E402 - after the path is set

BENCH_DB = "bench_import_memory"
MEGABYTE = 1024 * 1024
KINDS = ("synthetic", "gb18030", "one-article")
STAGES = ("parse", "dry-run", "import")
# The file name gives the edition date, as operators name their files.
FILE_NAME = "edition-2020-11-30.txt"


def _peak_rss_mb() -> float:
    """This process's peak RSS so far, in MB."""
    # VmHWM is the peak of this program's own memory. ru_maxrss (KB on Linux) would do as well
    # but for one thing: a child starts with it at its parent's RSS when it was forked.
    status = Path("/proc/self/status")
    if status.exists():
        return int(re.search(r"^VmHWM:\s+(\d+) kB$", status.read_text(), re.MULTILINE).group(1)) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _largest_under(size: int, make: Callable[[int], bytes]) -> bytes:
    """make(n) for the largest n whose bytes fit in `size`; make's size grows with n."""
    low, high = 1, 2
    while len(make(high)) <= size:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if len(make(middle)) <= size else (low, middle)
    return make(low)


def _one_article(paragraphs: int) -> str:
    from bench.synthetic_edition import seed_paragraphs

    seed = seed_paragraphs()
    # Each paragraph loses its final 。, so each is a column break to mend into the next.
    body = "\n\n".join(seed[n % len(seed)].rstrip("。") for n in range(paragraphs))
    return f"### 青岛新闻\n\n□记者 王伟 报道  \n本报青岛讯 11月24日,{body}。\n"


def build_edition(kind: str, megabytes: float) -> bytes:
    from bench.synthetic_edition import synthetic_edition

    size = int(megabytes * MEGABYTE)
    if kind == "synthetic":
        return _largest_under(size, lambda n: synthetic_edition(n).encode())
    if kind == "gb18030":
        return _largest_under(size, lambda n: synthetic_edition(n).encode("gb18030"))
    return _largest_under(size, lambda n: _one_article(n).encode())


def child(stage: str, path: str) -> None:
    """Run one stage on one file in this process; print its figures as JSON on the last line."""
    if stage == "parse":
        from newsroom.importer.parser import parse_edition
        from newsroom.importer.sections import load_sections

        # The channel's sections, as the command routes articles with them.
        sections, default = load_sections((ROOT / "seeds" / "sections.toml").read_text(encoding="utf-8"))
        start_mb = _peak_rss_mb()
        started = time.perf_counter()
        edition = parse_edition(Path(path).read_bytes(), path, sections=sections, default_section=default)
        articles = len(edition.articles)
    else:
        import django

        django.setup()
        from django.core.management import call_command

        start_mb = _peak_rss_mb()
        started = time.perf_counter()
        with tempfile.TemporaryFile("w+") as out:
            options = ["--dry-run"] if stage == "dry-run" else []
            call_command("import_edition", path, *options, stdout=out, stderr=out)
            out.seek(0)
            articles = int(re.search(r"(\d+) created", out.read()).group(1))
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "peak_mb": _peak_rss_mb(), "start_mb": start_mb, "articles": articles}))


def run_child(stage: str, path: Path, env: dict[str, str], timeout: float) -> dict[str, float] | None:
    """One stage in a child process; None when it ran past `timeout` seconds."""
    command = [sys.executable, __file__, "--child", stage, str(path)]
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None
    if result.returncode != 0:
        raise SystemExit(f"{stage} on {path.name} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 20], help="edition sizes in MB")
    parser.add_argument("--kind", choices=KINDS, default="synthetic")
    parser.add_argument("--stages", choices=STAGES, nargs="+", default=list(STAGES))
    parser.add_argument("--timeout", type=float, default=900, help="seconds a stage may take")
    parser.add_argument("--child", nargs=2, metavar=("STAGE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    rows: list[tuple[float, str, dict[str, float] | None]] = []
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in args.sizes:
            path = Path(folder) / f"{megabytes:g}MB" / FILE_NAME
            path.parent.mkdir()
            path.write_bytes(build_edition(args.kind, megabytes))
            size = path.stat().st_size
            for stage in args.stages:
                if stage != "parse":
                    env["DATABASE_URL"] = fresh_postgres(BENCH_DB)
                    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
                try:
                    rows.append((size, stage, run_child(stage, path, env, args.timeout)))
                finally:
                    if stage != "parse":
                        drop_postgres(BENCH_DB)
                print(f"  done: {stage} on {size / MEGABYTE:.2f} MB", file=sys.stderr)

    print(f"kind {args.kind}; time and peak RSS per stage; ratios against {args.sizes[0]:g} MB in this run")
    header = f"{'stage':8s} {'file MB':>8s} {'articles':>8s} {'seconds':>8s} {'peak MB':>8s} {'above start':>11s}"
    print(f"{header} {'size x':>7s} {'time x':>7s} {'memory x':>8s}")
    first: dict[str, tuple[float, dict[str, float]]] = {}
    for size, stage, figures in rows:
        if figures is None:
            print(f"{stage:8s} {size / MEGABYTE:8.2f} {'':8s} {f'>{args.timeout:g}':>8s}  (stopped)")
            continue
        above = figures["peak_mb"] - figures["start_mb"]
        base_size, base = first.setdefault(stage, (size, figures))
        base_above = base["peak_mb"] - base["start_mb"]
        # A first size too small to move the peak has no memory ratio to give.
        memory_ratio = f"{above / base_above:8.1f}" if base_above > 0 else f"{'-':>8s}"
        print(
            f"{stage:8s} {size / MEGABYTE:8.2f} {figures['articles']:8d} {figures['seconds']:8.2f} "
            f"{figures['peak_mb']:8.0f} {above:11.0f} {size / base_size:7.1f} "
            f"{figures['seconds'] / base['seconds']:7.1f} {memory_ratio}"
        )


if __name__ == "__main__":
    main()

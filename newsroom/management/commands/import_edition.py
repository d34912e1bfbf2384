"""`import_edition PATH…`: parse edition files and load them into the page tree (contracts.md §1)."""

import argparse
import json
import math
import sys
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from newsroom.importer.loader import ImportReport, LoadError, Progress, load_edition
from newsroom.importer.parser import ParseError, parse_edition
from newsroom.importer.records import Edition, edition_to_dict
from newsroom.importer.sections import load_sections
from newsroom.importer.word_check import with_word_hits

# A day's edition is tens of KB (the seed is 21 KB): a file a thousand times that is a wrong file
# or many editions run together, and a run holds every parsed file in memory before it writes.
DEFAULT_MAX_SIZE_MB = 20
MEGABYTE = 1024 * 1024


# Option values are checked by argparse: ArgumentTypeError is its one-line usage error on the
# command line and Django's CommandError under call_command; a CommandError raised here would be
# a traceback on the command line, as parsing runs before Django catches it.
def _edition_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {value!r}") from error


class SizeLimit:
    """The largest edition file the command reads, in MB as --max-size gives it."""

    def __init__(self, megabytes: float) -> None:
        self.megabytes = megabytes
        self.bytes = int(megabytes * MEGABYTE)

    def check(self, path: Path, size: int, *, at_least: bool = False) -> None:
        """Refuse a file of `size` bytes (`at_least` when it was cut short there) over the limit."""
        if size <= self.bytes:
            return
        size_text = "" if at_least else f"{size / MEGABYTE:.1f} MB ({size:,} bytes), "
        raise CommandError(
            f"{path}: file too large: {size_text}over the limit of {self.megabytes:g} MB; "
            f"--max-size {math.ceil(size / MEGABYTE)} raises it"
        )


def _size_on_disk(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError as error:
        raise CommandError(f"{path}: cannot read: {error.strerror}") from error


def _megabytes(value: str) -> float:
    try:
        size = float(value)
    except ValueError:
        size = 0.0
    if not 0 < size < math.inf:
        raise argparse.ArgumentTypeError(f"expected a number of MB above 0, got {value!r}")
    return size


def _edition_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix == ".txt" and p.is_file())
            if not found:
                raise CommandError(f"{path}: no edition files (*.txt) in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"{path}: no such file or folder")
    return files


class Command(BaseCommand):
    help = "导入报纸版面文件(一个文件或一个文件夹),生成已发布的稿件。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="an edition file or a folder of them")
        parser.add_argument("--edition-date", type=_edition_date, help="YYYY-MM-DD of the edition")
        parser.add_argument("--dry-run", action="store_true", help="parse and report, write nothing")
        parser.add_argument("--json", action="store_true", help="with --dry-run: print the parsed edition")
        parser.add_argument(
            "--max-size",
            type=_megabytes,
            default=DEFAULT_MAX_SIZE_MB,
            metavar="MB",
            help=f"refuse larger files before reading any (default {DEFAULT_MAX_SIZE_MB}; 1 MB = 1,048,576 bytes)",
        )

    def handle(self, *args: object, **options: object) -> None:
        sections, default = load_sections(Path(settings.NEWSROOM_SECTIONS_FILE).read_text(encoding="utf-8"))
        files = _edition_files(options["paths"])
        limit = SizeLimit(options["max_size"])
        # Sizes first, from the file system: an oversized file stops the run before a byte is read.
        for path in files:
            limit.check(path, _size_on_disk(path))
        # Parse every file before writing any: one bad file stops the run with nothing written.
        editions = [self._parse(path, sections, default, options["edition_date"], limit) for path in files]
        if options["json"] and options["dry_run"]:
            payload = [with_word_hits(edition_to_dict(e), e) for e in editions]
            self.stdout.write(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2))
            return
        # Each edition is its own transaction (a savepoint here); the run as a whole is one more,
        # so an edition that cannot be stored undoes the editions of the run before it.
        with transaction.atomic():
            reports = [
                self._load(edition, sections, dry_run=options["dry_run"], quiet=options["json"]) for edition in editions
            ]
        if options["json"]:
            self.stdout.write(json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=2))

    def _parse(self, path: Path, sections: list, default: str, edition_date: date | None, limit: SizeLimit) -> Edition:
        try:
            with path.open("rb") as file:
                # At most one byte over the limit: a file that grew since its size was read
                # (or reports none, as /proc files do) is still refused without being held whole.
                data = file.read(limit.bytes + 1)
        except OSError as error:
            raise CommandError(f"{path}: cannot read: {error.strerror}") from error
        limit.check(path, len(data), at_least=True)
        try:
            return parse_edition(data, str(path), sections=sections, default_section=default, edition_date=edition_date)
        except ParseError as error:
            raise CommandError(str(error)) from error

    def _load(self, edition: Edition, sections: list, *, dry_run: bool, quiet: bool = False) -> ImportReport:
        try:
            report = load_edition(edition, sections=sections, dry_run=dry_run, progress=self._progress())
        except LoadError as error:
            raise CommandError(str(error)) from error
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        # With --json, stdout carries only the JSON report; the summary goes to stderr.
        (self.stderr if quiet else self.stdout).write(report.summary())
        if dry_run:
            for label, titles in (("create", report.created), ("update", report.updated)):
                for title in titles:
                    self.stdout.write(f"  would {label}: {title}")
        return report

    def _progress(self) -> Progress | None:
        if not sys.stderr.isatty():
            return None

        def show(done: int, total: int) -> None:
            width = 30
            filled = width * done // total
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done == total:
                sys.stderr.write("\n")

        return show

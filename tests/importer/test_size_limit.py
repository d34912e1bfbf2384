"""`import_edition --max-size`: a file over the limit is refused by its size on disk, before a byte is read."""

import math
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from newsroom.management.commands.import_edition import DEFAULT_MAX_SIZE_MB, MEGABYTE
from tests.conftest import require_system_part

GOOD = "### 青岛地铁6号线开通\n\n□记者 肖芳 报道  \n本报青岛讯 12月1日,青岛地铁6号线今天开通运营。\n"
# A tenth of a kilobyte: smaller than GOOD, whose size is about 150 bytes.
TINY_LIMIT_MB = "0.0001"
PROC_IO = Path("/proc/self/io")

pytestmark = pytest.mark.django_db


def _state() -> tuple[int, int]:
    return Page.objects.count(), Revision.objects.count()


def _bytes_read_by_this_process() -> int:
    # rchar: every byte this process has had from read() calls, whatever the file.
    require_system_part(PROC_IO.exists(), "/proc/self/io (the Linux kernel's read counters)", "run the tests on Linux")
    return int(re.search(r"^rchar: (\d+)$", PROC_IO.read_text(), re.MULTILINE).group(1))


def _refusal(*args: str) -> str:
    with pytest.raises(CommandError) as raised:
        call_command("import_edition", *args)
    return str(raised.value)


def test_a_file_over_max_size_is_refused_with_one_line_naming_file_size_limit_and_option(tmp_path):
    path = tmp_path / "edition-2020-12-02.txt"
    path.write_text(GOOD, encoding="utf-8")
    size = path.stat().st_size
    before = _state()
    message = _refusal(str(path), "--max-size", TINY_LIMIT_MB)
    assert message == (
        f"{path}: file too large: 0.0 MB ({size:,} bytes), over the limit of {TINY_LIMIT_MB} MB; --max-size 1 raises it"
    )
    assert _state() == before


def test_a_sparse_21_mb_file_is_refused_by_the_default_limit_without_being_read(tmp_path):
    path = tmp_path / "huge-2020-12-02.txt"
    with path.open("wb") as file:
        file.truncate(21 * MEGABYTE)
    before, read_before = _state(), _bytes_read_by_this_process()
    message = _refusal(str(path))
    read = _bytes_read_by_this_process() - read_before
    assert message.startswith(f"{path}: file too large: 21.0 MB (22,020,096 bytes), ")
    assert f"over the limit of {DEFAULT_MAX_SIZE_MB} MB; --max-size 21 raises it" in message
    # Settings and the sections file are read; the 21 MB are not.
    assert read < MEGABYTE, read
    assert _state() == before


def test_max_size_raises_the_limit(tmp_path, capsys):
    path = tmp_path / "edition-2020-12-02.txt"
    path.write_text(GOOD, encoding="utf-8")
    _refusal(str(path), "--max-size", TINY_LIMIT_MB)
    call_command("import_edition", str(path), "--max-size", "0.001")
    assert "1 created" in capsys.readouterr().out
    assert Page.objects.filter(title="青岛地铁6号线开通").count() == 1


def test_max_size_above_a_large_file_lets_it_be_read(tmp_path):
    # The same sparse file as above, read now: it is all NUL bytes, which the parser refuses.
    path = tmp_path / "huge-2020-12-02.txt"
    with path.open("wb") as file:
        file.truncate(21 * MEGABYTE)
    message = _refusal(str(path), "--max-size", "22")
    assert message == f"{path}:1: binary file, not a text edition"


def test_the_suggested_max_size_is_enough(tmp_path, capsys):
    path = tmp_path / "edition-2020-12-02.txt"
    path.write_text(GOOD * 40, encoding="utf-8")
    message = _refusal(str(path), "--max-size", "0.002")
    suggested = re.search(r"--max-size (\S+) raises it", message).group(1)
    assert float(suggested) == math.ceil(path.stat().st_size / MEGABYTE)
    call_command("import_edition", str(path), "--max-size", suggested, "--dry-run")
    assert "would import edition 2020-12-02: 40 created" in capsys.readouterr().out


def test_an_oversized_file_in_a_folder_stops_the_run_before_any_file_is_parsed_or_written(tmp_path):
    (tmp_path / "a-2020-12-02.txt").write_text(GOOD, encoding="utf-8")
    # Sorted before the oversized file, and unparseable: had it been read first, its error would show.
    (tmp_path / "b-2020-12-03.txt").write_bytes(b"\x00 binary")
    big = tmp_path / "c-2020-12-04.txt"
    big.write_text(GOOD * 10, encoding="utf-8")
    before = _state()
    message = _refusal(str(tmp_path), "--max-size", "0.001")
    assert message.startswith(f"{big}: file too large: ")
    assert _state() == before


def test_a_file_that_reports_no_size_is_still_cut_at_the_limit():
    # /proc files stat as 0 bytes; reading stops one byte past the limit and refuses the file.
    maps = Path("/proc/self/maps")
    require_system_part(maps.exists(), "/proc/self/maps (Linux)", "run the tests on Linux")
    assert maps.stat().st_size == 0
    message = _refusal(str(maps), "--max-size", TINY_LIMIT_MB)
    assert message == f"{maps}: file too large: over the limit of {TINY_LIMIT_MB} MB; --max-size 1 raises it"


@pytest.mark.parametrize("value", ["0", "-1", "abc", "nan", "inf"])
def test_a_bad_max_size_is_a_clear_error(value):
    with pytest.raises(CommandError, match=rf"--max-size: expected a number of MB above 0, got '{value}'"):
        call_command("import_edition", "seeds/", "--max-size", value)

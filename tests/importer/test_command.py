"""`manage.py import_edition`: the contract's options, output and errors (contracts.md §1)."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_127d583f3f2c5906.txt"
GOOD = "### 青岛地铁6号线开通\n\n□记者 肖芳 报道  \n本报青岛讯 12月1日,青岛地铁6号线今天开通运营。\n"

BAD_INPUTS = {
    "empty": b"",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    "undecodable": "### 标题\n\n□记者 肖芳 报道  \n本报青岛讯 12月1日,正文。\n".encode() + b"\n\xff\xfe\xfa\xfb bad\n",
    "byline_without_article": "□记者 肖芳 报道\n\n".encode(),
    "dateline_without_article": "本报青岛讯 12月1日,没有标题的正文。\n".encode(),
    "heading_without_body": (GOOD + "\n### 只有标题\n").encode(),
    "nul_character": (GOOD + "正文\x00继续。\n").encode(),
    "control_character": (GOOD + "正文\x07继续。\n").encode(),
    "absurdly_long_line": (GOOD + "长" * 20_000 + "。\n").encode(),
}


def _state() -> tuple[int, int]:
    return Page.objects.count(), Revision.objects.count()


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_stops_with_file_and_line_and_writes_nothing(tmp_path, name):
    path = tmp_path / f"{name}.txt"
    path.write_bytes(BAD_INPUTS[name])
    before = _state()
    with pytest.raises(CommandError) as raised:
        call_command("import_edition", str(path), "--edition-date", "2020-12-02")
    message = str(raised.value)
    assert message.startswith(str(path))
    assert "\n" not in message
    if name != "empty":
        assert message.split(":")[1].isdigit(), message
    assert _state() == before


@pytest.mark.django_db
def test_one_bad_file_in_a_folder_stops_the_whole_run_before_any_write(tmp_path):
    (tmp_path / "a-2020-12-02.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b-2020-12-03.txt").write_bytes(BAD_INPUTS["byline_without_article"])
    before = _state()
    with pytest.raises(CommandError, match=r"b-2020-12-03\.txt:1"):
        call_command("import_edition", str(tmp_path))
    assert _state() == before


@pytest.mark.django_db
def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_edition", str(tmp_path / "nowhere.txt"))


def test_a_bad_edition_date_is_a_clear_error():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("import_edition", str(SEED), "--edition-date", "30/11/2020")


def test_the_command_exits_non_zero_with_one_line_on_stderr(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(BAD_INPUTS["binary"])
    result = subprocess.run(
        [sys.executable, "manage.py", "import_edition", str(bad)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "cms.settings.test"},
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert re.search(rf"{re.escape(str(bad))}:\d+: binary file", lines[0])


@pytest.mark.django_db
def test_dry_run_json_prints_the_contract_and_writes_nothing(capsys):
    before = _state()
    call_command("import_edition", str(SEED), "--dry-run", "--json", "--edition-date", "2020-11-30")
    parsed = json.loads(capsys.readouterr().out)
    assert _state() == before
    assert parsed["edition_date"] == "2020-11-30"
    assert parsed["warnings"] == []
    assert len(parsed["articles"]) == 8
    first = parsed["articles"][0]
    assert set(first) >= {"kicker", "title", "subtitle", "section", "bylines", "dateline", "lead_image", "body"}
    assert first["dateline"] == {"text": "本报青岛讯 11月24日", "source": "本报", "place": "青岛", "date": "2020-11-24"}
    assert first["bylines"] == [{"role": "记者", "name": "肖芳"}]
    assert first["lead_image"] is None
    assert first["body"][0]["type"] == "paragraph"
    fashion = next(a for a in parsed["articles"] if a["title"].startswith("华夏基石"))
    assert fashion["lead_image"] == {
        "caption": "中、意两国时装设计大师设计的“丝绸之路”主题服装亮相。",
        "credits": [{"role": "记者", "name": "薄克国"}],
    }


@pytest.mark.django_db
def test_dry_run_says_what_would_change(capsys):
    call_command("import_edition", str(SEED), "--dry-run")
    out = capsys.readouterr().out
    assert "would import edition 2020-11-30: 8 created" in out
    assert "would create: 22个央地合作项目 在青签约" in out
    assert Page.objects.filter(title="22个央地合作项目 在青签约").count() == 0


@pytest.mark.django_db
def test_the_edition_date_comes_from_the_file_name(tmp_path, capsys):
    path = tmp_path / "qingdao-2020-12-02.txt"
    path.write_text(GOOD, encoding="utf-8")
    call_command("import_edition", str(path), "--dry-run", "--json")
    assert json.loads(capsys.readouterr().out)["edition_date"] == "2020-12-02"


@pytest.mark.django_db
def test_the_inferred_edition_date_is_announced(capsys):
    call_command("import_edition", str(SEED), "--dry-run")
    err = capsys.readouterr().err
    assert "2020-11-30" in err
    assert "--edition-date" in err


@pytest.mark.django_db
def test_a_headline_too_long_to_store_is_a_clear_error_and_writes_nothing(tmp_path):
    path = tmp_path / "long-2020-12-02.txt"
    path.write_text(
        GOOD + "\n### " + "很长的标题" * 60 + "\n\n□记者 肖芳 报道  \n本报青岛讯 12月1日,正文。\n", encoding="utf-8"
    )
    before = _state()
    with pytest.raises(CommandError, match=r"long-2020-12-02\.txt:6: 标题: .*255") as raised:
        call_command("import_edition", str(path))
    assert "\n" not in str(raised.value)
    assert _state() == before


@pytest.mark.django_db
def test_an_edition_that_cannot_be_stored_undoes_the_whole_run(tmp_path):
    (tmp_path / "a-2020-12-02.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b-2020-12-03.txt").write_text(
        "### " + "很长的标题" * 60 + "\n\n□记者 肖芳 报道  \n本报讯 12月2日,正文。\n"
    )
    before = _state()
    with pytest.raises(CommandError, match=r"b-2020-12-03\.txt:1: 标题"):
        call_command("import_edition", str(tmp_path))
    assert _state() == before


@pytest.mark.django_db
def test_json_without_dry_run_prints_only_the_report_as_json(capsys):
    call_command("import_edition", str(SEED), "--json")
    out = capsys.readouterr()
    reports = json.loads(out.out)
    assert len(reports[0]["created"]) == 8
    assert "8 created" in out.err

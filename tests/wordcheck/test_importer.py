"""The importer reports the word check's hits (JSON and warnings) and imports regardless; the starter list."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from newsroom.models import ArticlePage, WordListEntry
from newsroom.wordcheck.seed import read_word_list

pytestmark = pytest.mark.django_db

EDITION = (
    "### 青岛首次举办国际帆船赛\n\n□记者 肖芳 报道  \n"
    "本报青岛讯 12月1日,既使天气不好,比赛也照常进行。记者走进聾子学校采访。\n"
)


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    path = tmp_path / "edition-2020-12-02.txt"
    path.write_text(EDITION, encoding="utf-8")
    return path


def _run(*args: str) -> tuple[object, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_edition", *args, stdout=out, stderr=err)
    return json.loads(out.getvalue()), err.getvalue()


def test_the_import_reports_hits_and_still_publishes_the_article(edition, word_list):
    [report], err = _run(str(edition), "--json")
    assert report["created"] == ["青岛首次举办国际帆船赛"]
    assert ArticlePage.objects.get(title="青岛首次举办国际帆船赛").live
    hits = {(hit["field"], hit["found"], hit["kind"], hit["replacement"]) for hit in report["word_hits"]}
    assert hits == {
        ("title", "首次", "caution", None),
        ("body", "既使", "typo", "即使"),
        ("body", "聾子", "banned", "聋人"),
    }
    assert all(hit["article"] == "青岛首次举办国际帆船赛" and hit["line"] == 1 for hit in report["word_hits"])
    [warning] = [w for w in report["warnings"] if "字词检查" in w]
    assert warning.endswith("字词检查: 禁用「聋子」；慎用「首次」；错别字「既使」→「即使」")
    assert f"warning: {warning}" in err


def test_the_dry_run_plan_carries_each_articles_hits(edition, word_list):
    plan, _ = _run(str(edition), "--dry-run", "--json")
    [article] = plan["articles"]
    assert [hit["term"] for hit in article["word_hits"]] == ["首次", "既使", "聋子"]
    assert any("字词检查" in warning for warning in plan["warnings"])
    assert not ArticlePage.objects.exists()


def test_an_unchanged_reimport_reports_nothing_again(edition, word_list):
    _run(str(edition), "--json")
    [report], _ = _run(str(edition), "--json")
    assert report["unchanged"] and report["word_hits"] == []


def test_the_starter_list_seeds_an_empty_word_list_once():
    call_command("load_word_list", stdout=io.StringIO())
    starter = read_word_list(Path(settings.NEWSROOM_WORD_LIST))
    assert 30 <= len(starter) <= 60
    assert WordListEntry.objects.count() == len(starter)
    assert WordListEntry.objects.get(term="既使").replacement == "即使"

    # Editors' changes and deletions survive the next `make run`.
    WordListEntry.objects.filter(term="首次").update(kind="typo", replacement="第一次")
    WordListEntry.objects.filter(term="最佳").delete()
    out = io.StringIO()
    call_command("load_word_list", stdout=out)
    assert "nothing loaded" in out.getvalue()
    assert WordListEntry.objects.get(term="首次").kind == "typo"
    assert not WordListEntry.objects.filter(term="最佳").exists()

    # --merge adds what the file has and the list lacks, and still changes no entry.
    call_command("load_word_list", "--merge", stdout=io.StringIO())
    assert WordListEntry.objects.filter(term="最佳").exists()
    assert WordListEntry.objects.get(term="首次").kind == "typo"
    assert WordListEntry.objects.count() == len(starter)


def test_a_bad_line_in_the_list_file_names_the_file_and_line(tmp_path):
    path = tmp_path / "list.tsv"
    path.write_text("# 注释\n既使\t错别字\t即使\n按装 错别字 安装\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"list\.tsv:3: expected"):
        call_command("load_word_list", str(path), stdout=io.StringIO())
    assert not WordListEntry.objects.exists()

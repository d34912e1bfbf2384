"""The contract on the real seed edition: what `import_edition` parsed is what the app API serves.

The importer's own `--dry-run --json` output (contracts.md §1) is the expected value, field by
field: kicker, title, subtitle, section, bylines, dateline, lead image, body.
"""

import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction

SEEDS = "seeds/"


@pytest.fixture(scope="module")
def seed(django_db_setup, django_db_blocker) -> dict:
    """The seed edition imported once for the module (rolled back after), and its parsed JSON."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("import_edition", SEEDS, "--dry-run", "--json", stdout=out)
        call_command("import_edition", SEEDS, stdout=io.StringIO())
        yield json.loads(out.getvalue())
        transaction.set_rollback(True)


@pytest.fixture
def printed(seed, db) -> list[dict]:
    """The parsed articles in print order (the feed's newest-first order)."""
    return sorted(seed["articles"], key=lambda article: article["position"])


def _credits(credits: list[dict]) -> list[dict]:
    return [{"role": c["role"], "name": c["name"]} for c in credits]


def test_the_feed_lists_every_imported_article_in_print_order(api, printed):
    items = api("/api/v1/articles", {"limit": 100})["items"]
    assert [item["title"] for item in items] == [article["title"] for article in printed]
    assert {item["published_at"][:19] for item in items} <= {f"2020-11-30T05:59:{s:02}" for s in range(60)} | {
        "2020-11-30T06:00:00"
    }
    assert all(item["published_at"].endswith("+08:00") for item in items)


def test_every_article_says_what_the_importer_parsed(api, printed):
    items = api("/api/v1/articles", {"limit": 100})["items"]
    for item, article in zip(items, printed, strict=True):
        assert item["kicker"] == article["kicker"]
        assert item["subtitle"] == article["subtitle"]
        assert item["section"]["slug"] == article["section"]
        assert _credits(item["bylines"]) == article["bylines"]
        assert all(byline["reporter"] for byline in item["bylines"])
        assert item["dateline"] == article["dateline"]
        if article["lead_image"] is None:
            assert item["lead_image"] is None
        else:
            assert item["lead_image"]["caption"] == article["lead_image"]["caption"]
            assert _credits(item["lead_image"]["credits"]) == article["lead_image"]["credits"]
            assert item["lead_image"]["url"] is None  # a printed caption, no image file


def test_every_article_body_is_the_parsed_body_in_reading_order(api, printed):
    items = api("/api/v1/articles", {"limit": 100})["items"]
    for item, article in zip(items, printed, strict=True):
        detail = api(f"/api/v1/articles/{item['id']}")
        assert detail["body"] == article["body"]
        assert item["id"] not in [related["id"] for related in detail["related"]]


def test_reporters_are_everyone_credited_with_the_contracts_kind(api, printed):
    credited = {}
    for article in printed:
        photo = article["lead_image"]["credits"] if article["lead_image"] else []
        for credit in [*article["bylines"], *photo]:
            credited.setdefault(credit["name"], credit["role"])
    people = api("/api/v1/reporters")
    assert {person["name"] for person in people} == set(credited)
    for person in people:
        correspondent = credited[person["name"]] in {"通讯员", "本报通讯员"}
        assert person["kind"] == ("correspondent" if correspondent else "staff")
        detail = api(f"/api/v1/reporters/{person['slug']}", {"limit": 100})
        assert detail["article_count"] == len(detail["articles"]["items"]) >= 1


def test_sections_count_the_imported_articles(api, printed):
    sections = api("/api/v1/sections")
    counts = {section["slug"]: section["article_count"] for section in sections}
    for slug in {article["section"] for article in printed}:
        assert counts[slug] == sum(article["section"] == slug for article in printed)
    assert sum(counts.values()) == len(printed)


def test_home_leads_with_the_front_page_story(api, printed):
    home = api("/api/v1/home")
    assert home["lead"]["title"] == printed[0]["title"]
    listed = [item["title"] for block in home["sections"] for item in block["articles"]]
    assert sorted(listed) == sorted(article["title"] for article in printed)

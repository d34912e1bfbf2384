"""`make run` (its create_local_admin step) leaves the imported seed edition with a 头条 and two 推荐
on the home page, published as an editor would, and never replaces picks editors have made."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from newsroom.models import FrontPicks
from tests.curation.conftest import publish_picks

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_edition(settings, home):
    settings.DEBUG = True
    call_command("import_edition", "seeds/", verbosity=0)


def create_local_admin() -> str:
    out = StringIO()
    call_command("create_local_admin", stdout=out)
    return out.getvalue()


def test_make_run_gives_the_home_a_lead_and_two_featured(client, seed_edition, home):
    assert "已选好头条和两篇推荐" in create_local_admin()

    data = client.get("/api/v1/home").json()
    assert data["lead"]["section"]["slug"] == "yaowen"
    assert len(data["featured"]) == 2
    assert data["lead"]["id"] not in [item["id"] for item in data["featured"]]
    picks = FrontPicks.objects.get(front=home)
    assert ModelLogEntry.objects.for_instance(picks).filter(action="wagtail.publish").count() == 1


def test_running_it_again_keeps_the_editors_picks(client, seed_edition, home):
    create_local_admin()
    chosen = FrontPicks.objects.get(front=home).picks.first().article
    publish_picks(home, chosen)  # an editor's own choice: no 头条, one 推荐

    assert "已选好头条" not in create_local_admin()

    data = client.get("/api/v1/home").json()
    assert [item["id"] for item in data["featured"]] == [chosen.pk]
    assert FrontPicks.objects.get(front=home).lead is None

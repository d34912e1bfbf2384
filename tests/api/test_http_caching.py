"""ETag on every response, 304 when the client holds it already, Cache-Control a CDN can follow."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.api.conftest import publish

pytestmark = pytest.mark.django_db


def test_every_response_carries_an_etag_and_cache_control(client, desk):
    responses = {
        200: client.get("/api/v1/articles"),
        404: client.get("/api/v1/articles/999999"),
        422: client.get("/api/v1/articles", {"limit": 0}),
        405: client.post("/api/v1/articles"),
        400: client.get("/api/v1/articles", HTTP_HOST="evil.example"),
    }
    for status, response in responses.items():
        assert response.status_code == status
        assert response["ETag"].startswith('"') and len(response["ETag"]) == 34
        assert response["Cache-Control"]


def test_a_listing_may_be_kept_by_a_cdn_and_served_stale_while_it_revalidates(client, desk):
    policy = {part.strip() for part in client.get("/api/v1/home")["Cache-Control"].split(",")}
    assert {"public", "max-age=60", "stale-while-revalidate=600", "stale-if-error=86400"} == policy


def test_a_spoofed_host_answer_is_never_stored(client, desk):
    assert client.get("/api/v1/home", HTTP_HOST="evil.example")["Cache-Control"] == "no-store"


@pytest.mark.parametrize("form", ["{etag}", "W/{etag}", '"other", {etag}', "*"])
def test_a_matching_if_none_match_gets_304_without_a_body(client, desk, form):
    first = client.get("/api/v1/articles")
    again = client.get("/api/v1/articles", HTTP_IF_NONE_MATCH=form.format(etag=first["ETag"]))
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == first["Cache-Control"]


def test_a_stale_etag_gets_the_new_listing(client, desk, django_capture_on_commit_callbacks):
    first = client.get("/api/v1/articles")
    with django_capture_on_commit_callbacks(execute=True):
        desk.add(desk.yaowen, "新发布的稿件", -10)
    again = client.get("/api/v1/articles", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert again.json()["items"][0]["title"] == "新发布的稿件"


def test_head_is_the_get_without_its_body(client, desk):
    get = client.get("/api/v1/sections")
    head = client.head("/api/v1/sections")
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]
    assert head["Content-Length"] == str(len(get.content))


def _policy(response) -> dict[str, str]:
    directives = [part.strip().partition("=") for part in response["Cache-Control"].split(",")]
    return {name: value for name, _, value in directives}


def test_no_cache_keeps_a_listing_past_the_next_expiry(client, desk):
    expiring = desk.articles[0]
    expiring.expire_at = timezone.now() + timedelta(seconds=45)
    publish(expiring)
    policy = _policy(client.get("/api/v1/articles"))
    fresh = int(policy["max-age"])
    assert fresh <= 45
    # Fresh then stale, all of it within the 45 seconds left.
    assert fresh + int(policy.get("stale-while-revalidate", 0)) <= 45
    assert fresh + int(policy.get("stale-if-error", 0)) <= 45


def test_an_expiry_a_while_ahead_only_shortens_the_stale_window(client, desk):
    expiring = desk.articles[0]
    expiring.expire_at = timezone.now() + timedelta(minutes=5)
    publish(expiring)
    policy = _policy(client.get("/api/v1/articles"))
    assert policy["max-age"] == "60"
    assert 230 <= int(policy["stale-while-revalidate"]) <= 240
    assert 230 <= int(policy["stale-if-error"]) <= 240


def test_an_article_is_gone_the_moment_it_expires_though_the_outline_was_cached(client, desk):
    expiring = desk.articles[0]
    expiring.expire_at = timezone.now() + timedelta(seconds=30)
    publish(expiring)
    assert client.get("/api/v1/articles").json()["items"][0]["id"] == expiring.pk
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        ids = [item["id"] for item in client.get("/api/v1/articles").json()["items"]]
        assert expiring.pk not in ids
        assert client.get(f"/api/v1/articles/{expiring.pk}").status_code == 404

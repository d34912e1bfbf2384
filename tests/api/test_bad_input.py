"""Every malformed request gets a JSON 4xx, never a 500 or an HTML page; unknown parameters are ignored."""

import re

import pytest
from django.core import signing

from newsroom.api.pagination import SALT
from tests.api.conftest import EDITION, add_article

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/home",
    "/api/v1/sections",
    "/api/v1/sections/yaowen",
    "/api/v1/articles",
    "/api/v1/articles/{article_id}",
    "/api/v1/reporters",
    "/api/v1/reporters/肖芳",
    "/api/v1/search?q=青岛",
    "/api/v1/openapi.json",
]
# Paged endpoints, with the parameters each needs besides the page's own.
PAGED = [("/api/v1/articles", {}), ("/api/v1/reporters/肖芳", {}), ("/api/v1/search", {"q": "harbour"})]


def _issue_locations(response) -> list[list[str]]:
    assert response["Content-Type"] == "application/json; charset=utf-8"
    issues = response.json()["detail"]
    # What is wrong is said in Chinese, for the app to show; `type` stays for the app's code.
    assert all(re.search(r"[\u4e00-\u9fff]", issue["msg"]) and issue["type"] for issue in issues), issues
    return [issue["loc"] for issue in issues]


def test_a_bad_limit_says_what_is_allowed_in_chinese(client, desk):
    assert client.get("/api/v1/articles", {"limit": "101"}).json()["detail"][0]["msg"] == "不能大于 100"
    assert client.get("/api/v1/articles", {"limit": "0"}).json()["detail"][0]["msg"] == "不能小于 1"


@pytest.mark.parametrize(("path", "params"), [*PAGED, ("/api/v1/home", {})])
@pytest.mark.parametrize("limit", ["0", "-1", "abc", "1e9", "101", "", "1.5"])
def test_a_limit_outside_1_to_100_is_a_422(client, desk, path, params, limit):
    response = client.get(path, {**params, "limit": limit})
    assert response.status_code == 422
    assert _issue_locations(response) == [["query", "limit"]]


def _altered_inside_signature(cursor: str) -> str:
    # One character changed in the middle of the signature, never to the same character.
    at = cursor.rindex(":") + 8
    return cursor[:at] + ("A" if cursor[at] != "A" else "B") + cursor[at + 1 :]


@pytest.mark.parametrize(("path", "params"), PAGED)
def test_garbage_and_tampered_cursors_are_a_422(client, api, desk, path, params):
    add_article(desk.jingji, "harbour 第二篇", published_at=EDITION)
    envelope = api(path, {**params, "limit": 1})
    valid = (envelope.get("articles") or envelope)["next_cursor"]
    payload = signing.Signer(salt=SALT).unsign_object(valid)
    tampered = [
        "garbage",
        valid[:-1] + ("A" if valid[-1] != "A" else "B"),  # the signature altered
        _altered_inside_signature(valid),
        signing.Signer(salt="another.salt").sign_object(payload),  # signed, but not as a cursor
        signing.Signer(salt=SALT).sign_object(["f", "not a time", 1]),  # shape a cursor never has
        ":",
        "é",
    ]
    for cursor in tampered:
        response = client.get(path, {**params, "limit": 1, "cursor": cursor})
        assert response.status_code == 422, cursor
        assert _issue_locations(response) == [["query", "cursor"]]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/articles", {"section": "a\x00b"}),
        ("/api/v1/articles", {"reporter": "\x00"}),
        ("/api/v1/articles", {"tag": "港\x00口"}),
        ("/api/v1/articles", {"q": "青岛\x00"}),
        ("/api/v1/articles", {"cursor": "\x00"}),
        ("/api/v1/articles", {"since": "2020-11-30\x00"}),
        ("/api/v1/search", {"q": "\x00"}),
        ("/api/v1/search", {"q": "青岛", "cursor": "abc\x00"}),
        ("/api/v1/reporters/肖芳", {"cursor": "\x00"}),
        ("/api/v1/sections/yao%00wen", {}),
        ("/api/v1/reporters/%00", {}),
    ],
)
def test_nul_bytes_in_any_string_parameter_are_a_4xx(client, desk, path, params):
    response = client.get(path, params)
    assert 400 <= response.status_code < 500
    assert response["Content-Type"] == "application/json; charset=utf-8"


@pytest.mark.parametrize("path", ["/api/v1/search", "/api/v1/articles"])
def test_a_10000_character_query_is_a_422(client, desk, path):
    response = client.get(path, {"q": "青" * 10_000})
    assert response.status_code == 422
    assert _issue_locations(response) == [["query", "q"]]


@pytest.mark.parametrize(
    "value", ["yesterday", "2020-13-45", "2020-11-30T25:00:00Z", "1e999", "0.5", "1606687200", "2020-11-30"]
)
def test_a_date_time_that_is_not_one_is_a_422(client, desk, value):
    response = client.get("/api/v1/articles", {"since": value})
    assert response.status_code == 422
    assert _issue_locations(response) == [["query", "since"]]


def test_a_date_time_without_its_offset_is_a_422(client, desk):
    response = client.get("/api/v1/articles", {"until": "2020-11-30T06:00:00"})
    assert response.status_code == 422
    assert "带时区" in response.json()["detail"][0]["msg"]


def test_search_needs_a_query(client, desk):
    for params in ({}, {"q": ""}):
        response = client.get("/api/v1/search", params)
        assert response.status_code == 422
        assert _issue_locations(response) == [["query", "q"]]


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_wrong_methods_are_a_json_405_with_allow(client, desk, path, method):
    response = getattr(client, method)(path.format(article_id=desk.articles[0].pk))
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json()["detail"] == f"不支持 {method.upper()} 方法;只能用 GET, HEAD"


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_spoofed_host_is_a_json_400(client, desk, path):
    response = client.get(path.format(article_id=desk.articles[0].pk), HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response.json() == {"detail": "请求无效"}


def test_unknown_parameters_are_ignored(api, desk):
    plain = api("/api/v1/articles", {"limit": 2})
    noisy = {"limit": 2, "live": "false", "id": "1", "path": "0001", "order_by": "-id", "title__contains": "x"}
    assert api("/api/v1/articles", noisy) == plain


@pytest.mark.parametrize(
    "path", ["/api/v1/", "/api/v1/nothing", "/api/v1/articles/", "/api/v1/sections/yaowen/extra", "/api/v1/articles/1x"]
)
def test_unknown_paths_under_the_api_are_a_json_404(api, desk, path):
    assert api(path, status=404) == {"detail": "没有这个接口"}

"""Bad input at every edge of the site and the API: one table, each case with the answer it gets.

Never a 500, never Django's English pages: the site answers with its Chinese pages, every address
under /api/ with JSON. CSRF is enforced as in a real browser session (Django's test client skips it
unless asked).
"""

import json
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

HTML, JSON = "text/html; charset=utf-8", "application/json; charset=utf-8"
TOO_MANY = "&".join(f"p{i}=1" for i in range(10_001))
BIG_BODY = "q=" + "x" * (3 * 1024 * 1024)  # over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB)
TAG = quote("时尚产业")

# (method, address, status, content type, words the answer must hold)
CASES = [
    # NUL and control characters, in each kind of path and parameter of the reader site
    ("GET", "/tags/%00/", 400, HTML, "请求有误"),
    ("GET", f"/tags/{TAG}%01/", 400, HTML, "请求有误"),
    ("GET", "/search/?q=%00", 400, HTML, "请求有误"),
    ("GET", "/search/?q=" + quote("青岛") + "%0A", 400, HTML, "请求有误"),
    ("GET", "/search/?q%00=1", 400, HTML, "请求有误"),
    ("GET", "/yaowen%00/", 400, HTML, "请求有误"),
    ("GET", "/yaowen/%1B/", 400, HTML, "请求有误"),
    ("GET", "/reporters/%00/", 400, HTML, "请求有误"),
    ("GET", "/yaowen/?page=%00", 400, HTML, "请求有误"),
    ("GET", "/reporters/?page=1%7F", 400, HTML, "请求有误"),
    ("GET", "/feed/%00/", 400, HTML, "请求有误"),
    ("GET", "/?from=%09", 400, HTML, "请求有误"),
    ("GET", "/admin/pages/search/?q=%00", 400, HTML, "请求有误"),
    # Pages that do not exist, as any reader can ask for them
    ("GET", "/yaowen/?page=abc", 404, HTML, "页面不存在"),
    ("GET", "/yaowen/?page=99999", 404, HTML, "页面不存在"),
    ("GET", "/yaowen/?page=-1", 404, HTML, "页面不存在"),
    ("GET", "/tags/%FF/", 404, HTML, "页面不存在"),
    ("GET", "/tags/" + "长" * 300 + "/", 404, HTML, "页面不存在"),
    # Too many fields, oversized bodies, forms from elsewhere
    ("GET", "/?" + TOO_MANY, 400, HTML, "请求有误"),
    ("GET", "/search/?" + TOO_MANY, 400, HTML, "请求有误"),
    ("POST", "/search/", 403, HTML, "请求无法验证"),
    ("POST", "/yaowen/", 403, HTML, "请求无法验证"),
    ("POST", "/admin/login/", 403, HTML, "请求无法验证"),
    # The API: control characters, too many fields, unknown paths and methods, the bare root
    ("GET", "/api/v1/articles?tag=%00", 400, JSON, "请求无效"),
    ("GET", "/api/v1/search?q=a%0Db", 400, JSON, "请求无效"),
    ("GET", "/api/v1/sections/%00", 400, JSON, "请求无效"),
    ("GET", "/api/v1/reporters/a%1Fb", 400, JSON, "请求无效"),
    ("GET", "/api/v1/articles?" + TOO_MANY, 400, JSON, "请求无效"),
    ("GET", "/api/v1/home?" + TOO_MANY, 400, JSON, "请求无效"),
    ("GET", "/api/v1/nothing", 404, JSON, "没有这个接口"),
    ("GET", "/api/v1/", 404, JSON, "没有这个接口"),
    ("GET", "/api/v1", 404, JSON, "没有这个接口"),
    ("POST", "/api/v1", 405, JSON, "不支持 POST 方法"),
    ("POST", "/api/v1/nothing", 405, JSON, "不支持 POST 方法"),
    ("POST", "/api/v1/openapi.json", 405, JSON, "不支持 POST 方法"),
    ("POST", "/api/v1/articles", 405, JSON, "不支持 POST 方法"),
    ("PUT", "/api/v1/articles", 405, JSON, "不支持 PUT 方法"),
    ("DELETE", "/api/v1/docs", 405, JSON, "不支持 DELETE 方法"),
    ("PATCH", "/api/v1/sections/yaowen", 405, JSON, "不支持 PATCH 方法"),
    ("OPTIONS", "/api/v1/home", 405, JSON, "不支持 OPTIONS 方法"),
]


@pytest.fixture(scope="module")
def module_edition(django_db_setup, django_db_blocker):
    """The seed edition, imported once for the module in a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("import_edition", "seeds/", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def edition(module_edition, db):
    """Each test in a savepoint inside the module's transaction."""


@pytest.fixture
def browser_like():
    """A client that enforces CSRF like a browser's session does, and shows 500s as answers."""
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


@pytest.mark.parametrize(("method", "address", "status", "content_type", "words"), CASES, ids=lambda v: str(v)[:40])
def test_bad_input_gets_a_clear_4xx_in_the_right_language(
    browser_like, edition, method, address, status, content_type, words
):
    body = BIG_BODY if method == "POST" else ""
    response = browser_like.generic(
        method,
        address,
        body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == status, (address[:80], response.status_code, response.content[:300])
    assert response["Content-Type"] == content_type
    text = response.content.decode()
    assert words in text
    if content_type == JSON:
        assert json.loads(text)["detail"]
    else:
        assert 'lang="zh-CN"' in text


def test_an_oversized_form_with_a_valid_token_is_a_400_not_a_500(browser_like, edition):
    browser_like.get("/admin/login/")
    token = browser_like.cookies["csrftoken"].value
    response = browser_like.post(
        "/admin/login/",
        BIG_BODY + f"&csrfmiddlewaretoken={token}",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "请求有误" in response.content.decode()


def test_the_api_schema_writes_chinese_as_characters(client, edition):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response["Content-Type"] == JSON
    text = response.content.decode()
    assert "青岛频道 App API" in text and "\\u" not in text

"""The admin's login form locks a username out from one client address after too many wrong passwords:
the lock-out page in Chinese in the admin's look, other usernames and addresses unaffected, a success
before the limit starting the count again, every failure on record, unlocking by an operator's command
or by the chief editor in the admin (设置 → 登录锁定)."""

import logging

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from newsroom.roles import CHIEF_EDITORS, EDITORS

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "qingdao-editor-password"
# Addresses from the documentation ranges (RFC 5737): only ever values in a test request's headers.
OFFICE = "198.51.100.7"
ELSEWHERE = "203.0.113.9"


@pytest.fixture
def limit(settings) -> int:
    return settings.AXES_FAILURE_LIMIT


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("zhangwei", "zhangwei@example.cn", PASSWORD)


def attempt(username: str, password: str, address: str = OFFICE, **headers: str):
    """One try at the admin's login form from `address`, as a browser there would send it."""
    client = Client(REMOTE_ADDR=address)
    response = client.post(LOGIN, {"username": username, "password": password}, **headers)
    response.signed_in = "_auth_user_id" in client.session
    return response


def fail(times: int, username: str = "zhangwei", address: str = OFFICE) -> None:
    for _ in range(times):
        response = attempt(username, "wrong-password", address)
        assert response.status_code in (200, 429)


def test_after_the_limit_even_the_right_password_gets_the_lockout_page_in_chinese(editor, limit):
    wrong = [attempt("zhangwei", "wrong-password").status_code for _ in range(limit)]
    # The form's own "wrong password" until the limit; the last wrong one already locks.
    assert wrong == [200] * (limit - 1) + [429]

    response = attempt("zhangwei", PASSWORD)

    assert response.status_code == 429
    assert response.signed_in is False
    page = response.content.decode()
    assert f"密码连续输错 {limit} 次,账号「zhangwei」在你当前的网络上已暂时锁定" in page
    assert "请 15 分钟后再试" in page
    # The admin's own login page, the message where a wrong password is shown, the form still there.
    assert 'class="login-form"' in page
    assert '<li class="error">' in page


def test_a_lockout_leaves_other_usernames_and_other_addresses_alone(editor, django_user_model, limit):
    django_user_model.objects.create_superuser("lina", "lina@example.cn", PASSWORD)
    fail(limit)
    assert attempt("zhangwei", PASSWORD).status_code == 429

    assert attempt("lina", PASSWORD).signed_in is True
    assert attempt("zhangwei", PASSWORD, address=ELSEWHERE).signed_in is True


def test_a_success_before_the_limit_starts_the_count_again(editor, limit):
    fail(limit - 1)
    assert attempt("zhangwei", PASSWORD).signed_in is True

    fail(limit - 1)
    response = attempt("zhangwei", PASSWORD)
    assert response.status_code == 302
    assert response.signed_in is True


def test_a_spoofed_x_forwarded_for_does_not_escape_the_lockout(editor, limit):
    for n in range(limit):
        attempt("zhangwei", "wrong-password", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert attempt("zhangwei", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.200").status_code == 429


def test_guesses_spread_over_one_ipv6_network_share_one_lockout(editor, limit):
    # One home or office holds a whole /64 (RFC 3849 documentation addresses): one client.
    for n in range(limit):
        attempt("zhangwei", "wrong-password", address=f"2001:db8:0:1::{n + 1:x}")
    assert attempt("zhangwei", PASSWORD, address="2001:db8:0:1:ffff::9").status_code == 429
    assert attempt("zhangwei", PASSWORD, address="2001:db8:0:2::1").signed_in is True


def test_every_failure_and_the_lockout_are_on_record(editor, limit, caplog):
    with caplog.at_level(logging.WARNING, logger="axes"):
        fail(limit)

    attempt_record = AccessAttempt.objects.get()
    assert (attempt_record.username, attempt_record.ip_address) == ("zhangwei", OFFICE)
    assert attempt_record.failures_since_start == limit
    # The password typed is never kept.
    assert "wrong-password" not in attempt_record.post_data
    failures = AccessFailureLog.objects.filter(username="zhangwei", ip_address=OFFICE).order_by("attempt_time")
    assert [f.locked_out for f in failures] == [False] * (limit - 1) + [True]
    assert "Locking out" in caplog.text


def test_an_operator_unlocks_an_editor_with_axes_reset_username(editor, limit):
    fail(limit)
    assert attempt("zhangwei", PASSWORD).status_code == 429

    call_command("axes_reset_username", "zhangwei")

    assert attempt("zhangwei", PASSWORD).signed_in is True


def signed_in(django_user_model, username: str, group: str) -> Client:
    """The admin as a member of `group` sees it."""
    user = django_user_model.objects.create_user(username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    desk = Client()
    desk.force_login(user)
    return desk


def test_the_chief_editor_sees_the_lockout_in_the_admin_and_lifts_it(editor, limit, django_user_model):
    fail(limit)
    desk = signed_in(django_user_model, "wangzhubian", CHIEF_EDITORS)

    assert "/admin/lockouts/" in desk.get("/admin/").content.decode()
    listing = desk.get("/admin/lockouts/").content.decode()
    assert "zhangwei" in listing
    assert OFFICE in listing

    answer = desk.post("/admin/lockouts/", {"username": "zhangwei", "ip_address": OFFICE}, follow=True)
    assert "已解锁:账号「zhangwei」在 198.51.100.7 可以重新登录。" in answer.content.decode()
    assert "zhangwei" not in desk.get("/admin/lockouts/").content.decode()
    assert attempt("zhangwei", PASSWORD).signed_in is True


def test_section_editors_neither_see_nor_lift_lockouts(editor, limit, django_user_model):
    fail(limit)
    desk = signed_in(django_user_model, "lixiaobian", EDITORS)

    assert "/admin/lockouts/" not in desk.get("/admin/").content.decode()
    # Wagtail answers an admin page someone may not see with its dashboard and "no permission".
    for refused in (
        desk.get("/admin/lockouts/"),
        desk.post("/admin/lockouts/", {"username": "zhangwei", "ip_address": OFFICE}),
    ):
        assert (refused.status_code, refused.url) == (302, "/admin/")
    assert attempt("zhangwei", PASSWORD).status_code == 429

"""Admin login throttling with django-axes: the backend that checks it and the lock-out page editors see."""

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.admin.views.account import get_user_login_form, password_reset_enabled

LOCKED_OUT_MESSAGE = "密码连续输错 {limit} 次,账号「{username}」在你当前的网络上已暂时锁定。"
AFTER_COOL_OFF = "请 {minutes} 分钟后再试(锁定期间每再试一次都重新计时);急用请联系管理员解锁。"
UNTIL_UNLOCKED = "请联系管理员解锁。"


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' check before Django's ModelBackend, for logins made through a form (with a request).

    `authenticate()` called without a request comes from code (the test client's `login()`, a
    shell), never from a client over HTTP: there is no client address to count, so it is left to
    the next backend instead of raising as Axes does.
    """

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """The admin's own login page, the lock-out in Chinese where a wrong password is shown; 429."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    cool_off = get_cool_off(request)
    then = AFTER_COOL_OFF.format(minutes=max(1, round(cool_off.total_seconds() / 60))) if cool_off else UNTIL_UNLOCKED
    # Shown where the page shows a wrong password, in the admin's own look.
    messages.error(request, LOCKED_OUT_MESSAGE.format(limit=settings.AXES_FAILURE_LIMIT, username=username) + then)
    user_model = get_user_model()
    context = {
        "form": get_user_login_form()(request, initial={"username": username}),
        # The login view checks `next` again before following it.
        "next": request.POST.get("next", ""),
        "username_field": user_model._meta.get_field(user_model.USERNAME_FIELD).verbose_name,
        "show_password_reset": password_reset_enabled(),
    }
    return render(request, "wagtailadmin/login.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)

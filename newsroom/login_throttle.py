"""Admin login throttling with django-axes: the backend that checks it, the lock-out page editors see, and the
admin's list of lock-outs where the chief editors lift them."""

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Max, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from wagtail.admin.views.account import get_user_login_form, password_reset_enabled

from newsroom.roles import CHIEF_EDITORS

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


# --- Lock-outs in the admin (设置 → 登录锁定): who is locked out now, and unlocking them. ---


def may_unlock(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Superusers and the chief editors (主编) see the lock-outs and lift them."""
    return user.is_active and (user.is_superuser or user.groups.filter(name=CHIEF_EDITORS).exists())


def current_lockouts() -> QuerySet:
    """Each username and address locked out now: at the limit within the cool-off, last failure first."""
    recent = AccessAttempt.objects.all()
    if cool_off := get_cool_off():
        recent = recent.filter(attempt_time__gte=timezone.now() - cool_off)
    return (
        recent.values("username", "ip_address")
        .annotate(failures=Max("failures_since_start"), last_failure=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last_failure")
    )


def lockouts(request: HttpRequest) -> HttpResponse:
    """The list; a POST unlocks one username at one address, as `manage.py axes_reset_ip_username` does."""
    if not may_unlock(request.user):
        raise PermissionDenied
    if request.method == "POST":
        username, address = request.POST.get("username", ""), request.POST.get("ip_address", "")
        if not (username and address):
            # axes' reset() with neither would unlock everyone.
            return HttpResponseBadRequest("需要账号和地址")
        if reset(ip=address, username=username):
            messages.success(request, f"已解锁:账号「{username}」在 {address} 可以重新登录。")
        return redirect("newsroom_lockouts")
    cool_off = get_cool_off()
    context = {
        "lockouts": current_lockouts(),
        "limit": settings.AXES_FAILURE_LIMIT,
        "cool_off_minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "newsroom/admin/lockouts.html", context)

"""What may be published, as far as the word list goes: the one rule every publishing path asks.

- a 禁用 term stops publishing and approval, unless a 主编 gives a reason (logged on the page's history);
- a 慎用 term needs the editor's confirmation, term by term, in the 字词检查 panel;
- a 错别字 never stops anything: the panel offers the fix.

The paths: publishing in the editor (new or existing page, also scheduled), the bulk 发布 action,
and approving a review step (in the editor, or from the dashboard's buttons): ``newsroom.wagtail_hooks``
and ``newsroom.review_actions`` call ``enforce``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from wagtail.log_actions import log

from newsroom.wordcheck.check import Hit, check_page, terms_of
from newsroom.wordcheck.matcher import BANNED, CAUTION

# Inputs of the 字词检查 panel, posted with the editor's form.
CONFIRM_FIELD = "wordcheck-confirmed"  # one per 慎用 term the editor confirmed
OVERRIDE_FIELD = "wordcheck-override-reason"  # the 主编's reason to publish despite a 禁用 term
OVERRIDE_LOG_ACTION = "newsroom.wordcheck_override"

PUBLISH = "发布"
APPROVE = "批准"


def quoted(terms: Iterable[str]) -> str:
    return "".join(f"「{term}」" for term in terms)


def may_override(user: AbstractBaseUser) -> bool:
    """Only the chief editor (主编) lets a 禁用 term through."""
    from newsroom.roles import CHIEF_EDITORS  # late: roles reads the page models

    return bool(user.is_superuser or user.groups.filter(name=CHIEF_EDITORS).exists())


@dataclass(frozen=True)
class Decision:
    """The word check's answer for one page and one action."""

    action: str
    hits: list[Hit]
    banned: list[str] = field(default_factory=list)
    unconfirmed: list[str] = field(default_factory=list)
    override_reason: str = ""
    message: str = ""

    @property
    def allowed(self) -> bool:
        return not self.message

    @property
    def overridden(self) -> bool:
        return self.allowed and bool(self.banned)


def decide(
    page: object,
    user: AbstractBaseUser,
    *,
    action: str = PUBLISH,
    confirmed: Iterable[str] = (),
    override_reason: str = "",
) -> Decision:
    """May `user` take `action` (发布 or 批准) on `page` as it stands (its texts as they would go out)?"""
    hits = check_page(page)
    banned = terms_of(hits, BANNED)
    unconfirmed = [term for term in terms_of(hits, CAUTION) if term not in set(confirmed)]
    reason = " ".join(override_reason.split())
    message = ""
    if banned and not (reason and may_override(user)):
        if may_override(user):
            how = "如确需保留，请在“字词检查”面板填写放行理由后再操作。"
        else:
            how = "请修改后再操作；确需保留的，请主编审核放行。"
        message = f"稿件含禁用词{quoted(banned)}，不能{action}。{how}"
    elif unconfirmed:
        message = f"稿件含慎用词{quoted(unconfirmed)}，请在“字词检查”面板逐一确认后再{action}。"
    return Decision(
        action=action,
        hits=hits,
        banned=banned,
        unconfirmed=unconfirmed,
        override_reason=reason if banned else "",
        message=message,
    )


def enforce(request: HttpRequest, page: object, *, action: str = PUBLISH, confirmable: bool = True) -> Decision:
    """The rule for a request: the panel's confirmations and reason come from its POST (`confirmable`
    is False where the form has no panel, e.g. the dashboard's buttons). When the action may go ahead
    past a 禁用 term, the 主编's reason is logged on the page's history."""
    post = request.POST if confirmable else {}
    decision = decide(
        page,
        request.user,
        action=action,
        confirmed=post.getlist(CONFIRM_FIELD) if post else (),
        override_reason=post.get(OVERRIDE_FIELD, "") if post else "",
    )
    if decision.overridden:
        log(
            instance=page,
            action=OVERRIDE_LOG_ACTION,
            user=request.user,
            data={"action": action, "terms": decision.banned, "reason": decision.override_reason},
        )
    return decision

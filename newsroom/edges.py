"""What a request may carry before anything reads it: no NUL or control characters in its address.

A NUL reaches PostgreSQL as an error (text cannot hold it) and a control character is never part of
a headline, a tag, a slug or a search: both are refused here, once, for the site, the admin and the
API, with a 400 (JSON under /api/, through `handler400`).
"""

import re
from collections.abc import Callable

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse

# C0 controls and DEL. Tab, newline and carriage return included: none belongs in an address.
CONTROL_CHARACTER_RANGE = r"\x00-\x1f\x7f"
CONTROL_CHARACTERS = re.compile(f"[{CONTROL_CHARACTER_RANGE}]")
# The same rule as a pattern for the API's schema, so the app and fuzzers know it.
WITHOUT_CONTROL_CHARACTERS = f"^[^{CONTROL_CHARACTER_RANGE}]*$"


class MalformedRequest(SuspiciousOperation):
    """Django answers a SuspiciousOperation with its 400 handler and logs it as a security event."""


def malformed_part(request: HttpRequest) -> str | None:
    """Which part of the request's address carries a control character, or None."""
    if CONTROL_CHARACTERS.search(request.path):
        return "路径"
    # Reading GET parses at most DATA_UPLOAD_MAX_NUMBER_FIELDS fields (TooManyFieldsSent, a 400 too).
    for key, values in request.GET.lists():
        if CONTROL_CHARACTERS.search(key) or any(CONTROL_CHARACTERS.search(value) for value in values):
            return f"参数 {CONTROL_CHARACTERS.sub('?', key)}"
    return None


class RejectMalformedRequestsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        part = malformed_part(request)
        if part is not None:
            raise MalformedRequest(f"请求的{part}含有控制字符")
        return self.get_response(request)

"""The Content-Security-Policy of every answer: strict for readers, what Wagtail needs in the admin.

The policy itself is `CONTENT_SECURITY_POLICY` in the settings (django-csp). Reader pages and the
API docs run no inline script, so they get it as it is. Wagtail's admin still writes inline
`<script>` in some widgets (inline panels, date pickers) and `style=""` attributes: under
`/admin/` the policy also allows inline scripts and styles, and nothing else more.
"""

import base64
import hashlib
import re

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest, HttpResponseBase

ADMIN_PREFIX = "/admin/"
ADMIN_ADDITIONS = {"script-src": [UNSAFE_INLINE], "style-src": [UNSAFE_INLINE]}
STYLE_ELEMENT = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def style_hashes(html: str) -> list[str]:
    """CSP sources allowing exactly the `<style>` elements of a static page (the error pages)."""
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'"
        for css in STYLE_ELEMENT.findall(html)
    ]


def allow_styles_of(response: HttpResponseBase, html: str) -> HttpResponseBase:
    """Let this answer's own inline `<style>` through the policy, by hash: nothing else inline."""
    response._csp_update = {"style-src": style_hashes(html)}  # django-csp's per-response update
    return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX):
            # A nonce would make browsers ignore 'unsafe-inline': the admin gets none.
            parts.nonce = None
            parts.update = {**(parts.update or {}), **ADMIN_ADDITIONS}
        return parts

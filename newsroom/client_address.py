"""The one rule for a request's client address, used by the admin's login throttling and the API's rate limit."""

import contextlib
import ipaddress
import logging

from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger(__name__)


# One home or office gets a whole /64 of IPv6 addresses: counted per address, one client could
# spread its guesses over 2^64 of them.
IPV6_PREFIX = 64


def as_client(address: str) -> str:
    """An IPv4 address as it is; an IPv6 address as its /64 network, which is one client."""
    parsed = ipaddress.ip_address(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_PREFIX}", strict=False).network_address)
    return str(parsed)


def client_address(request: HttpRequest) -> str | None:
    """The address of the client that sent `request`, or None when there is none (a request made in code).

    With no trusted proxy (`NEWSROOM_TRUSTED_PROXY_COUNT = 0`), REMOTE_ADDR: X-Forwarded-For is
    whatever the client wrote. With N trusted proxies, each appended the address it was reached
    from, so the Nth entry from the end is the client's; anything left of it is the client's own
    writing. An entry that is not an address falls back to REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    # Not an IP address (a socket's name): counted as it is.
    with contextlib.suppress(ValueError):
        remote = as_client(remote) if remote else None
    proxies = getattr(settings, "NEWSROOM_TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    entries = [entry.strip() for entry in forwarded.split(",")]
    # Fewer entries than proxies: the request skipped the outer ones; the first entry is still ours.
    candidate = entries[-min(proxies, len(entries))]
    try:
        return as_client(candidate)
    except ValueError:
        logger.warning("X-Forwarded-For entry %r is not an address: using REMOTE_ADDR", candidate)
        return remote

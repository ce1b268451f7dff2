"""The client's address, as far as it can be believed: what the audit trail records and
the login throttling counts by.

Behind a reverse proxy every request comes from the proxy (REMOTE_ADDR); the proxy names
the client in `X-Forwarded-For` (each proxy appends the address it was reached from) or
`X-Real-IP`. Anyone can send those headers, so they are believed only when the direct
peer is one of WASPADA_TRUSTED_PROXIES, and X-Forwarded-For is read from the right: the
first address that is not a trusted proxy is the client (what is left of it was written
by the client and may be forged).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=4)
def _networks(configured: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in configured)


def _address(text: str) -> Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 203.0.113.7:51234
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def _trusted(address: Address) -> bool:
    return any(address in network for network in _networks(tuple(settings.WASPADA_TRUSTED_PROXIES)))


def client_address(request: HttpRequest) -> str | None:
    peer = _address(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return None
    if not _trusted(peer):
        return str(peer)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded.strip():
        nearest = peer
        for item in reversed(forwarded.split(",")):
            hop = _address(item)
            if hop is None:  # unreadable: believe nothing further left
                return str(nearest)
            if not _trusted(hop):
                return str(hop)
            nearest = hop
        return str(nearest)  # only proxies: the furthest one
    real = _address(request.META.get("HTTP_X_REAL_IP", ""))
    return str(real) if real is not None else str(peer)

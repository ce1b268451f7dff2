"""A rate limit per network for the public forms, kept in the cache only.

A sender's network (the /24 of an IPv4 address, the /64 of an IPv6 one: a household or a
phone's carrier-grade NAT, not one device) may send so many times per window; the count
lives in the cache and expires with the window. Nothing of it is stored with a report.
"""

from __future__ import annotations

import hashlib
import ipaddress
import time

from django.core.cache import cache
from django.http import HttpRequest


def network_of(address: str) -> str:
    """The /24 (IPv4) or /64 (IPv6) network of an address; the address itself if odd."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    prefix = 24 if ip.version == 4 else 64
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def _key(bucket: str, request: HttpRequest, window: int) -> str:
    network = network_of(request.META.get("REMOTE_ADDR", ""))
    slot = int(time.time()) // window
    digest = hashlib.sha256(network.encode()).hexdigest()[:24]
    return f"publik:rate:{bucket}:{slot}:{digest}"


def hit(bucket: str, request: HttpRequest, *, limit: int, window_seconds: int) -> bool:
    """Count one use; True while the network stays within `limit` in this window."""
    key = _key(bucket, request, window_seconds)
    if cache.add(key, 1, timeout=window_seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds)
        return True
    return count <= limit

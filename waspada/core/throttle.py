"""Slowing down sign-in attempts per username, instead of locking the account.

Locking an account after a few wrong passwords lets anyone who knows a username lock its
owner out. Waspada throttles the client address instead (django-axes, see settings) and,
per username, only slows guessing down: the first FREE_FAILURES failures cost nothing,
then each further attempt must wait twice as long as the one before (1 s, 2 s, 4 s ...,
at most WASPADA_LOGIN_SLOWDOWN_MAX_SECONDS) after the last failure. An attempt made too
early is refused without checking the password. The failures are forgotten after the
cool-off time (WASPADA_LOGIN_COOLOFF_MINUTES) without one, on a successful sign-in, or
when an administrator unblocks the user.
"""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.core.models import SignInSlowdown

FREE_FAILURES = 3


def _key(username: str) -> str:
    return username.strip().lower()[:150]


def _cooloff() -> dt.timedelta:
    return dt.timedelta(hours=float(settings.AXES_COOLOFF_TIME))


def delay_after(failures: int) -> int:
    """Seconds the next attempt must wait after the last of `failures` failures."""
    if failures < FREE_FAILURES:
        return 0
    return int(min(2 ** (failures - FREE_FAILURES), settings.WASPADA_LOGIN_SLOWDOWN_MAX_SECONDS))


def _current(row: SignInSlowdown, now: dt.datetime) -> int:
    """The row's failures, or 0 when they are older than the cool-off time."""
    return row.failures if now - row.last_failure_at <= _cooloff() else 0


def wait_seconds(username: str, now: dt.datetime | None = None) -> int:
    """How long before `username` may try again (0: now)."""
    now = now or timezone.now()
    row = SignInSlowdown.objects.filter(username=_key(username)).first()
    if row is None:
        return 0
    remaining = row.last_failure_at + dt.timedelta(seconds=delay_after(_current(row, now))) - now
    return max(0, math.ceil(remaining.total_seconds()))


def record_failure(username: str) -> None:
    key = _key(username)
    if not key:
        return
    now = timezone.now()
    # Forgotten failures go (usernames typed once, or guessed, would pile up otherwise).
    SignInSlowdown.objects.filter(last_failure_at__lt=now - _cooloff()).exclude(
        username=key
    ).delete()
    row, created = SignInSlowdown.objects.get_or_create(
        username=key, defaults={"failures": 1, "last_failure_at": now}
    )
    if created:
        return
    if _current(row, now):
        SignInSlowdown.objects.filter(pk=row.pk).update(
            failures=F("failures") + 1, last_failure_at=now
        )
    else:
        SignInSlowdown.objects.filter(pk=row.pk).update(failures=1, last_failure_at=now)


def clear(username: str) -> None:
    SignInSlowdown.objects.filter(username=_key(username)).delete()


def slowed_down(now: dt.datetime | None = None) -> set[str]:
    """The usernames (lower case) whose attempts are slowed down now."""
    now = now or timezone.now()
    return {
        row.username
        for row in SignInSlowdown.objects.filter(
            failures__gte=FREE_FAILURES, last_failure_at__gte=now - _cooloff()
        )
    }


def blocked_addresses(username: str, now: dt.datetime | None = None) -> list[str]:
    """The client addresses blocked now after failures that include `username`'s."""
    from axes.models import AccessAttempt

    now = now or timezone.now()
    recent = AccessAttempt.objects.filter(attempt_time__gte=now - _cooloff())
    addresses = set(
        recent.filter(username__iexact=username.strip()).values_list("ip_address", flat=True)
    )
    blocked = []
    for address in sorted(a for a in addresses if a):
        failures = sum(
            recent.filter(ip_address=address).values_list("failures_since_start", flat=True)
        )
        if failures >= settings.AXES_FAILURE_LIMIT:
            blocked.append(address)
    return blocked


def unblock(username: str) -> list[str]:
    """Forget the failures of `username` and free the addresses they blocked; returns
    those addresses."""
    from axes.utils import reset

    addresses = blocked_addresses(username)
    for address in addresses:
        reset(ip=address)
    clear(username)
    return addresses


def needing_unblock(now: dt.datetime | None = None) -> set[str]:
    """Usernames (lower case) slowed down now or with failures from a blocked address:
    whom the Users page offers to unblock."""
    from axes.models import AccessAttempt

    now = now or timezone.now()
    recent = AccessAttempt.objects.filter(attempt_time__gte=now - _cooloff())
    failures: dict[str, int] = {}
    for address, count in recent.values_list("ip_address", "failures_since_start"):
        failures[address] = failures.get(address, 0) + count
    blocked = [a for a, count in failures.items() if count >= settings.AXES_FAILURE_LIMIT]
    usernames = recent.filter(ip_address__in=blocked).values_list("username", flat=True)
    return slowed_down(now) | {_key(name) for name in usernames if name}


def refusal(seconds: int) -> str:
    """What a user who must wait is told."""
    return _(
        "Too many failed sign-ins for this username. Wait %(seconds)s seconds, then try again."
    ) % {"seconds": seconds}

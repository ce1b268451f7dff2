"""Helpers shared by the `waspada` console commands."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from waspada.core.models import User


def acting_user(username: str | None) -> User | None:
    """The user named by `--user`, recorded as the actor in the audit trail (None: system)."""
    if not username:
        return None
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(_("No user with the username %(username)s.") % {"username": username})
    return user

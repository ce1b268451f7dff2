"""Deactivating an agency locks its users out at once: the sign-in backend refuses a user
whose agency is deactivated, both at a fresh login and when it loads the user of an open
session on every request (so their sessions end with their next click)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend


def agency_allows(user: Any) -> bool:
    """False for a partner whose agency is deactivated; True for everybody else."""
    if getattr(user, "agency_id", None) is None:
        return True
    return bool(user.agency.is_active)


class ActiveAgencyBackend(ModelBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        return super().user_can_authenticate(user) and agency_allows(user)

"""Signing in, and staying signed in: an account is usable while it is active and, for a
partner user, while their agency is.

Django asks `user_can_authenticate` both when a user logs in and on every request of an
existing session (`get_user`), so deactivating a partner agency shuts its users out at
once, sessions included.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from waspada.core.models import User


def agency_active(user: Any) -> bool:
    """False for a partner user whose agency was deactivated (others: True)."""
    if getattr(user, "agency_id", None) is None:
        return True
    return bool(user.agency.is_active)


class AccountBackend(ModelBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        return super().user_can_authenticate(user) and agency_active(user)

    def get_user(self, user_id: Any) -> Any:
        try:
            user = User.objects.select_related("agency").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

"""State changes of accounts. Each function is atomic and writes an audit event."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.http import HttpRequest
from django.utils.translation import gettext_noop

from waspada.core import audit, throttle, two_factor
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import field_labels, said
from waspada.core.models import User
from waspada.core.roles import Role


def _agency_name(agency: models.Model | None) -> str | None:
    # An agency reads as its name (`agencies()` says why core holds it as a plain model).
    return str(agency) if agency is not None else None


@transaction.atomic
def create_user(
    *,
    acting_user: User | None,
    username: str,
    full_name: str,
    role: str,
    password: str | None,
    email: str = "",
    agency: models.Model | None = None,
    request: HttpRequest | None = None,
) -> User:
    """Create an account; without a password the user cannot log in until one is set."""
    user = User(
        username=username,
        full_name=full_name,
        role=role,
        email=email,
        agency_id=agency.pk if agency is not None else None,
    )
    if password:
        user.set_password(password)
        # An administrator chose it: the user replaces it at their first sign-in.
        user.must_change_password = acting_user is not None
    else:
        user.set_unusable_password()
    user.save()
    audit.record(
        AuditAction.USER_CREATED,
        said(
            gettext_noop("User %(user)s created with role %(role)s"),
            user=username,
            role=Role(role).label if role in Role.values else role,
        ),
        actor=acting_user,
        obj=user,
        details={"role": role, "agency": _agency_name(agency)},
        request=request,
    )
    return user


@transaction.atomic
def update_user(
    user: User,
    *,
    acting_user: User | None,
    full_name: str,
    email: str,
    role: str,
    agency: models.Model | None,
    is_active: bool,
    request: HttpRequest | None = None,
) -> User:
    """Change a user's name, role, agency or active flag; the audit lists what changed."""
    new = {
        "full_name": full_name,
        "email": email,
        "role": role,
        "agency": _agency_name(agency),
        "is_active": is_active,
    }
    old = {
        "full_name": user.full_name,
        "email": user.email,
        "role": user.role,
        "agency": _agency_name(user.agency),
        "is_active": user.is_active,
    }
    changes = {key: [old[key], new[key]] for key in new if old[key] != new[key]}
    if not changes:
        return user
    user.full_name, user.email, user.role = full_name, email, role
    user.agency_id = agency.pk if agency is not None else None
    user.is_active = is_active
    user.save()
    audit.record(
        AuditAction.USER_UPDATED,
        said(
            gettext_noop("User %(user)s changed: %(fields)s"),
            user=user.username,
            fields=field_labels(User, changes),
        ),
        actor=acting_user,
        obj=user,
        details={"changes": changes},
        request=request,
    )
    return user


@transaction.atomic
def set_password(
    user: User, password: str, *, acting_user: User | None, request: HttpRequest | None = None
) -> None:
    """Set a password (by the user or an admin); the password itself is never logged."""
    own = acting_user is not None and acting_user.pk == user.pk
    user.set_password(password)
    # Set by someone else (an administrator): the user replaces it at the next sign-in.
    user.must_change_password = not own
    user.save(update_fields=["password", "must_change_password"])
    audit.record(
        AuditAction.PASSWORD_CHANGED if own else AuditAction.PASSWORD_RESET,
        said(
            gettext_noop("Password of %(user)s changed")
            if own
            else gettext_noop("Password of %(user)s reset by an administrator"),
            user=user.username,
        ),
        actor=acting_user,
        obj=user,
        request=request,
    )


@transaction.atomic
def unblock_sign_in(
    user: User, *, acting_user: User | None, request: HttpRequest | None = None
) -> list[str]:
    """Lift the slowdown of `user`'s username and the blocks of the addresses their
    failures came from (an administrator, after checking with the user)."""
    addresses = throttle.unblock(user.username)
    audit.record(
        AuditAction.SIGN_IN_UNBLOCKED,
        said(gettext_noop("Sign-in of %(user)s unblocked"), user=user.username),
        actor=acting_user,
        obj=user,
        details={"addresses": addresses},
        request=request,
    )
    return addresses


@transaction.atomic
def enrol_two_factor(user: User, device: Any, *, request: HttpRequest | None = None) -> list[str]:
    """Confirm the authenticator app `user` just proved to have, and give them fresh
    recovery codes (returned, to be shown once)."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = two_factor.new_recovery_codes(user)
    audit.record(
        AuditAction.TWO_FACTOR_ENROLLED,
        said(gettext_noop("Two-factor sign-in set up by %(user)s"), user=user.username),
        actor=user,
        obj=user,
        request=request,
    )
    return codes


@transaction.atomic
def renew_recovery_codes(user: User, *, request: HttpRequest | None = None) -> list[str]:
    """The user's own fresh recovery codes (returned, to be shown once); the old ones
    stop working. The caller has checked who asks (password or authenticator code)."""
    left = two_factor.recovery_codes_left(user)
    codes = two_factor.new_recovery_codes(user)
    audit.record(
        AuditAction.RECOVERY_CODES_RENEWED,
        said(
            gettext_noop("New recovery codes for %(user)s (%(left)s old codes left unused)"),
            user=user.username,
            left=left,
        ),
        actor=user,
        obj=user,
        details={"unused_before": left},
        request=request,
    )
    return codes


@transaction.atomic
def reset_two_factor(
    user: User, *, acting_user: User | None, request: HttpRequest | None = None
) -> None:
    """Remove `user`'s authenticator and recovery codes (a lost phone): they set the
    second factor up again at their next sign-in."""
    removed = two_factor.remove_all(user)
    audit.record(
        AuditAction.TWO_FACTOR_RESET,
        said(
            gettext_noop("Two-factor sign-in of %(user)s reset by an administrator"),
            user=user.username,
        ),
        actor=acting_user,
        obj=user,
        details={"removed": removed},
        request=request,
    )

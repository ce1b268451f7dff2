"""Two-factor sign-in: after the password, a code from an authenticator app (TOTP, RFC
6238, through django-otp) or one of the user's one-time recovery codes.

Required for the roles that decide, administer or reach outside the office (supervisors,
the head of office, administrators, partner users); anyone else who has set it up is
asked too. A user without a second factor sets it up at their next sign-in: the QR code
is drawn here (segno, an inline SVG: nothing is fetched from elsewhere).

Signing in is completed only after the second step: until then the session holds no
user, just the pending sign-in (who, how long ago), so no page is reachable in between.
"""

from __future__ import annotations

import re
from base64 import b32encode

import segno
from django.db import transaction
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from waspada.core.models import User
from waspada.core.roles import Role

REQUIRED_ROLES = frozenset({Role.SUPERVISOR, Role.HEAD_OF_OFFICE, Role.ADMIN, Role.PARTNER})
RECOVERY_CODES = 10
APP_DEVICE = "authenticator"
RECOVERY_DEVICE = "recovery codes"


def required(user: User) -> bool:
    return user.role in REQUIRED_ROLES


def app_device(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if set up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def is_set_up(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def users_set_up() -> set[int]:
    """The ids of the users whose authenticator is set up."""
    return set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))


def asked(user: User) -> bool:
    """Whether signing in as `user` takes a second step: also for anyone whose password
    an administrator set, so that the person who first signs in with it binds the account
    to their phone (and the real user, finding it taken, raises the alarm)."""
    return required(user) or user.must_change_password or is_set_up(user)


def enrolment_device(user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up (the same one until it is confirmed,
    so reloading the page shows the same QR code)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret as an app's "enter a key" field wants it: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The app's set-up link as a QR code, an SVG element to put in the page."""
    return str(
        segno.make(device.config_url, error="m").svg_inline(
            scale=4, svgclass="qr-code", lineclass=None, title=None
        )
    )


def _normalised(code: str) -> str:
    return re.sub(r"[\s-]", "", code).lower()


def verify(user: User, code: str) -> Device | None:
    """The device that accepts `code` (six digits: the app; otherwise a recovery code,
    used up by this), or None. django-otp slows repeated wrong codes down per device."""
    code = _normalised(code)
    if not code or len(code) > 16:
        return None
    devices: list[Device] = (
        list(TOTPDevice.objects.filter(user=user, confirmed=True))
        if code.isdigit() and len(code) == 6
        else list(StaticDevice.objects.filter(user=user, confirmed=True))
    )
    for device in devices:
        verified = verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified
    return None


def confirm(device: TOTPDevice, code: str) -> bool:
    """During set-up: whether the app shows the code this device expects."""
    with transaction.atomic():
        fresh = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        code = _normalised(code)
        return code.isdigit() and len(code) == 6 and fresh.verify_token(code)


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes with fresh ones (shown once, stored as given)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remove_all(user: User) -> int:
    """Remove every second factor of `user`; returns how many there were."""
    apps, recovery = TOTPDevice.objects.filter(user=user), StaticDevice.objects.filter(user=user)
    removed = apps.filter(confirmed=True).count() + recovery.count()
    apps.delete()
    recovery.delete()
    return removed

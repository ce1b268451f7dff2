"""The steps of signing in after the password: the second factor, or setting it up.

The password step (`views.LoginView`) does not sign in a user who is asked for a second
factor (`two_factor.asked`): it keeps them in the session as a pending sign-in, valid for
PENDING_SECONDS, and sends them here. Only a right code completes the sign-in (Django's
`login`, audited as every sign-in is). A wrong code counts as a failed sign-in: audited,
slowing the username down and counting against the client address like a wrong password.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice

from waspada.core import services, throttle, two_factor
from waspada.core.backends import AccountBackend
from waspada.core.forms import SecondFactorForm
from waspada.core.models import User

PENDING = "waspada_pending_sign_in"
PENDING_SECONDS = 300


def start(request: HttpRequest, user: User, next_url: str) -> HttpResponse:
    """After the right password: keep `user` pending and ask for the second step."""
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1]),
        "since": time.time(),
        "next": next_url,
    }
    return redirect("login_verify" if two_factor.is_set_up(user) else "login_enrol")


def _pending(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    data = request.session.get(PENDING)
    if not isinstance(data, dict) or time.time() - float(data.get("since", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    user = User.objects.select_related("agency").filter(pk=int(data.get("user") or 0)).first()
    if user is None or not AccountBackend().user_can_authenticate(user):
        request.session.pop(PENDING, None)
        return None
    return user, data


def _finish(request: HttpRequest, user: User, data: dict[str, Any]) -> str:
    """Complete the sign-in; returns where to go next."""
    request.session.pop(PENDING, None)
    auth_login(request, user, backend=data["backend"])
    target = str(data.get("next") or "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _refused(request: HttpRequest, user: User, form: SecondFactorForm) -> None:
    user_login_failed.send(
        sender=__name__,
        credentials={"username": user.username, "step": "second factor"},
        request=request,
    )
    form.add_error("code", _("This code is not right. Check the time on your phone, too."))


def _slowed_down(user: User, form: SecondFactorForm) -> bool:
    wait = throttle.wait_seconds(user.username)
    if wait:
        form.add_error(None, throttle.refusal(wait))
    return bool(wait)


def _again(request: HttpRequest) -> HttpResponse:
    messages.info(request, _("Please sign in again."))
    return redirect("login")


def verify(request: HttpRequest) -> HttpResponse:
    """The second step for a user whose authenticator is set up."""
    pending = _pending(request)
    if pending is None:
        return _again(request)
    user, data = pending
    if not two_factor.is_set_up(user):
        return redirect("login_enrol")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not _slowed_down(user, form):
        device = two_factor.verify(user, form.cleaned_data["code"])
        if device is None:
            _refused(request, user, form)
        else:
            target = _finish(request, user, data)
            if isinstance(device, StaticDevice):
                messages.warning(
                    request,
                    _(
                        "You signed in with a recovery code, which is now used up: "
                        "%(left)s are left. Ask an administrator to reset your second "
                        "factor if you lost your phone."
                    )
                    % {"left": two_factor.recovery_codes_left(user)},
                )
            return redirect(target)
    return render(request, "registration/login_verify.html", {"form": form})


def enrol(request: HttpRequest) -> HttpResponse:
    """The second step for a user who has no authenticator yet: set one up."""
    pending = _pending(request)
    if pending is None:
        return _again(request)
    user, data = pending
    if two_factor.is_set_up(user):
        return redirect("login_verify")
    device = two_factor.enrolment_device(user)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not _slowed_down(user, form):
        if two_factor.confirm(device, form.cleaned_data["code"]):
            codes = services.enrol_two_factor(user, device, request=request)
            target = _finish(request, user, data)
            return render(
                request, "registration/recovery_codes.html", {"codes": codes, "next": target}
            )
        _refused(request, user, form)
    return render(
        request,
        "registration/login_enrol.html",
        {
            "form": form,
            "qr_code": two_factor.qr_svg(device),
            "secret": two_factor.secret_text(device),
            "account": user,
        },
    )

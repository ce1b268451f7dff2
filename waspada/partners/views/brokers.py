"""A broker named on an application (its sponsor, recruiter or companion): from the
application page a supervisor puts them on the office's own watchlist, or refers them to
a police unit under a data-sharing agreement covering cases, each with a reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from waspada.applications.models import PassportApplication
from waspada.core.access import requires
from waspada.core.errors import UserFacingError, add_to_form
from waspada.core.models import User
from waspada.core.policy import Action, can
from waspada.partners import services
from waspada.partners.forms import BrokerForm, BrokerReferralForm
from waspada.watchlists import brokers
from waspada.watchlists import services as watchlist_services


def _page(
    request: HttpRequest,
    application: PassportApplication,
    *,
    watchlist_form: BrokerForm | None = None,
    referral_form: BrokerForm | None = None,
) -> HttpResponse:
    named = brokers.named_brokers(application)
    initial = {"role": request.GET.get("role", "")}
    may_refer = can(request.user, Action.SEND_ALERTS)
    context = {
        "application": application,
        "rows": services.broker_rows(application),
        "watchlist_form": watchlist_form or BrokerForm(brokers=named, initial=initial),
        "referral_form": (
            (referral_form or BrokerReferralForm(brokers=named, initial=initial))
            if may_refer
            else None
        ),
    }
    status = 400 if (watchlist_form or referral_form) is not None else 200
    return render(request, "partners/broker.html", context, status=status)


def _application(application_no: str) -> PassportApplication:
    return get_object_or_404(
        PassportApplication.objects.select_related("office"), application_no=application_no
    )


@requires(Action.MANAGE_WATCHLISTS)
def broker_page(request: HttpRequest, application_no: str) -> HttpResponse:
    return _page(request, _application(application_no))


def _act(
    request: HttpRequest,
    application_no: str,
    form_class: type[BrokerForm],
    act: Callable[..., str],
    key: str,
) -> HttpResponse:
    """Check the posted form, act on the broker it names, back to the application with
    what was done (`act` returns the message); the page with the form's errors otherwise."""
    application = _application(application_no)
    form = form_class(request.POST, brokers=brokers.named_brokers(application))
    if form.is_valid():
        try:
            done = act(application, form.cleaned_data)
        except UserFacingError as error:
            add_to_form(form, error)
        else:
            messages.success(request, done)
            return redirect("application_detail", application_no=application.application_no)
    return _page(request, application, **{key: form})


@require_POST
@requires(Action.MANAGE_WATCHLISTS)
def broker_watchlist(request: HttpRequest, application_no: str) -> HttpResponse:
    def act(application: PassportApplication, data: dict[str, Any]) -> str:
        entry = watchlist_services.watchlist_broker(
            application,
            role=data["role"],
            reason=data["reason"],
            acting_user=_user(request),
            request=request,
        )
        return _(
            "%(name)s is on the watchlist '%(list)s'; open applications are checked again."
        ) % {"name": entry.full_name, "list": entry.watchlist.name}

    return _act(request, application_no, BrokerForm, act, "watchlist_form")


@require_POST
@requires(Action.SEND_ALERTS)
def broker_refer(request: HttpRequest, application_no: str) -> HttpResponse:
    def act(application: PassportApplication, data: dict[str, Any]) -> str:
        referral = services.refer_broker(
            application,
            role=data["role"],
            agency=data["agency"],
            reason=data["reason"],
            acting_user=_user(request),
            request=request,
        )
        return _("Referred to %(agency)s.") % {"agency": referral.agency.name}

    return _act(request, application_no, BrokerReferralForm, act, "referral_form")


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user

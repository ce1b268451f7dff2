"""Person referrals: a supervisor refers a suspected victim from the application page; the
receiving agency sees only its own referrals, only the minimum, every look recorded; the
office follows all referrals (rings and persons) on its register."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from waspada.applications.models import PassportApplication
from waspada.core.access import get_object_or_deny, requires
from waspada.core.errors import UserFacingError, add_to_form
from waspada.core.policy import Action, scope
from waspada.partners import agreements, covering, person_referrals, register
from waspada.partners.forms import (
    AgreementForm,
    PersonReferralForm,
    PersonRevokeForm,
    RegisterFilterForm,
    ResponseForm,
)
from waspada.partners.models import (
    Agency,
    PersonReferral,
)

FOLLOW_UP_DAYS = 14


def own_person_referrals(request: HttpRequest) -> QuerySet[PersonReferral]:
    """Referrals to the user's own agency; nobody else's exist for them (404, not 403)."""
    return scope(request.user, Action.VIEW_PERSON_REFERRALS, PersonReferral.objects.all())


# --- The office: refer, follow, revoke ------------------------------------------------------


@requires(Action.REFER_PERSONS)
def person_refer(request: HttpRequest, application_no: str) -> HttpResponse:
    application = get_object_or_deny(
        request,
        Action.REFER_PERSONS,
        PassportApplication.objects.all(),
        application_no=application_no,
    )
    agencies = person_referrals.receiving_agencies()
    initial = {
        "contact": application.phone,
        "follow_up_due": timezone.localdate() + dt.timedelta(days=FOLLOW_UP_DAYS),
    }
    form = PersonReferralForm(request.POST or None, agencies=agencies, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = person_referrals.refer_person(
                application,
                agency=data["agency"],
                contact=data["contact"],
                needs=data["needs"],
                note=data["note"],
                summary=data["summary"],
                consent=person_referrals.Consent(
                    method=data["consent_method"],
                    given_by=data["consent_given_by"],
                    given_on=data["consent_on"],
                    override_basis=data["override_basis"],
                ),
                follow_up_due=data["follow_up_due"],
                acting_user=request.user,  # type: ignore[arg-type]
                request=request,
            )
        except UserFacingError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request, _("Referral sent to %(agency)s.") % {"agency": referral.agency.name}
            )
            return redirect("application_detail", application_no=application.application_no)
    return render(
        request,
        "partners/person_refer.html",
        {"application": application, "form": form, "has_agencies": agencies.exists()},
        status=400 if form.errors else 200,
    )


@requires(Action.VIEW_REFERRAL_REGISTER)
def referral_register(request: HttpRequest) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(register.register_rows(filters), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "partners/referral_register.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "expiring": agreements.expiring(),
            "warning_days": agreements.EXPIRY_WARNING_DAYS,
        },
    )


@requires(Action.VIEW_REFERRAL_REGISTER)
def person_referral_letter(request: HttpRequest, referral_id: int) -> HttpResponse:
    """The covering letter of a person referral, for the office to sign and send."""
    referral = get_object_or_deny(
        request,
        Action.VIEW_REFERRAL_REGISTER,
        PersonReferral.objects.select_related("agency", "referred_by"),
        pk=referral_id,
    )
    return covering.letter_response(request, referral, covering.person_letter_pdf)


def _detail(
    request: HttpRequest,
    referral: PersonReferral,
    *,
    office: bool,
    form: Any = None,
    status: int = 200,
) -> HttpResponse:
    if not office:
        person_referrals.record_view(
            referral,
            acting_user=request.user,  # type: ignore[arg-type]
            request=request,
        )
        form = form or (ResponseForm(referral=referral) if referral.next_statuses() else None)
    elif referral.open:
        form = form or PersonRevokeForm(initial={"seen": referral.status})
    return render(
        request,
        "partners/person_referral_detail.html",
        {"referral": referral, "office": office, "form": form},
        status=status,
    )


def _step(
    request: HttpRequest,
    referral: PersonReferral,
    form: Any,
    *,
    office: bool,
    move: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """One step of the lifecycle from a posted form: done and back to the page, or the
    page again with the form's errors (nothing saved)."""
    if form.is_valid():
        try:
            move(form.cleaned_data)
        except UserFacingError as error:
            add_to_form(form, error)
        else:
            messages.success(request, done)
            page = "register_person_referral" if office else "person_referral_detail"
            return redirect(page, referral_id=referral.pk)
    return _detail(request, referral, office=office, form=form, status=400)


@requires(Action.VIEW_REFERRAL_REGISTER)
def register_person_referral(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = get_object_or_deny(
        request,
        Action.VIEW_REFERRAL_REGISTER,
        PersonReferral.objects.select_related("agency", "application"),
        pk=referral_id,
    )
    return _detail(request, referral, office=True)


@require_POST
@requires(Action.REFER_PERSONS)
def person_referral_revoke(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = get_object_or_deny(
        request,
        Action.REFER_PERSONS,
        PersonReferral.objects.select_related("agency", "application"),
        pk=referral_id,
    )
    form = PersonRevokeForm(request.POST)
    return _step(
        request,
        referral,
        form,
        office=True,
        move=lambda data: person_referrals.revoke(
            referral,
            reason=data["reason"],
            seen_status=data["seen"],
            acting_user=request.user,  # type: ignore[arg-type]
            request=request,
        ),
        done=_("The referral was revoked."),
    )


# --- The receiving agency ---------------------------------------------------------------------


@requires(Action.VIEW_PERSON_REFERRALS)
def person_referral_list(request: HttpRequest) -> HttpResponse:
    referrals = own_person_referrals(request).order_by("-referred_at", "-id")
    page = Paginator(referrals, 50).get_page(request.GET.get("page"))
    return render(request, "partners/person_referral_list.html", {"page": page, "query": ""})


def _own(request: HttpRequest, referral_id: int) -> PersonReferral:
    return get_object_or_deny(
        request,
        Action.VIEW_PERSON_REFERRALS,
        own_person_referrals(request).select_related("agency"),
        pk=referral_id,
    )


@requires(Action.VIEW_PERSON_REFERRALS)
def person_referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _detail(request, _own(request, referral_id), office=False)


@require_POST
@requires(Action.VIEW_PERSON_REFERRALS)
def person_referral_answer(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _own(request, referral_id)
    form = ResponseForm(request.POST, referral=referral)
    return _step(
        request,
        referral,
        form,
        office=False,
        move=lambda data: person_referrals.respond(
            referral,
            status=data["status"],
            note=data["note"],
            seen_status=data["seen"],
            acting_user=request.user,  # type: ignore[arg-type]
            request=request,
        ),
        done=_("Your answer was sent to the immigration office."),
    )


# --- Agreements -------------------------------------------------------------------------------


@requires(Action.MANAGE_AGENCIES)
def agreement_create(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = get_object_or_deny(request, Action.MANAGE_AGENCIES, Agency.objects.all(), pk=agency_id)
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agreements.record_agreement(
                agency,
                **form.cleaned_data,
                acting_user=request.user,  # type: ignore[arg-type]
                request=request,
            )
        except UserFacingError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("Agreement recorded."))
            return redirect("agency_list")
    return render(
        request,
        "partners/agreement_form.html",
        {"agency": agency, "form": form},
        status=400 if form.errors else 200,
    )

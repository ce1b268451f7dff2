"""The Dukcapil NIK verification pages: the liaison's queue and answer, the officer's
request from the application page. A Dukcapil user sees the NIK, name, birth place and
birth date of the requests sent to its own agency, nothing else (another agency's
request is "not found"); the office's readers see every request with its application."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from waspada.applications.models import PassportApplication
from waspada.core.access import requires
from waspada.core.models import User
from waspada.core.policy import Action, can, scope
from waspada.core.roles import Role
from waspada.partners import nik_verifications as nik
from waspada.partners.forms import NikAnswerForm, NikRequestForm
from waspada.partners.models import NikResult, NikVerification


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@requires(Action.VIEW_NIK_VERIFICATIONS)
def nik_verification_list(request: HttpRequest) -> HttpResponse:
    """Open requests first (oldest first, with their age), then the latest answers."""
    items = scope(request.user, Action.VIEW_NIK_VERIFICATIONS, NikVerification.objects.all())
    is_partner = _user(request).role == Role.PARTNER
    related = () if is_partner else ("agency", "application")
    open_items = items.filter(result=NikResult.OPEN).select_related(*related)
    answered = (
        items.exclude(result=NikResult.OPEN)
        .select_related("answered_by", *related)
        .order_by("-answered_at", "-id")[:50]
    )
    context = {
        "open_items": open_items.order_by("opened_at", "id")[:200],
        "open_count": open_items.count(),
        "answered": answered,
        "is_partner": is_partner,
    }
    return render(request, "partners/nik_verification_list.html", context)


@requires(Action.VIEW_NIK_VERIFICATIONS)
def nik_verification_detail(request: HttpRequest, item_id: int) -> HttpResponse:
    items = scope(request.user, Action.VIEW_NIK_VERIFICATIONS, NikVerification.objects.all())
    item = get_object_or_404(items.select_related("agency", "answered_by"), pk=item_id)
    user = _user(request)
    form = None
    if item.is_open and can(user, Action.ANSWER_NIK_VERIFICATIONS, item):
        form = NikAnswerForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                nik.answer_verification(
                    item,
                    result=form.cleaned_data["result"],
                    note=form.cleaned_data.get("note", ""),
                    acting_user=user,
                    request=request,
                )
            except nik.AlreadyAnswered as exc:
                messages.error(request, str(exc))
                return redirect("nik_verification_detail", item_id=item.pk)
            messages.success(
                request,
                _("Answer saved for NIK %(nik)s; the application was re-screened.")
                % {"nik": item.nik},
            )
            return redirect("nik_verification_list")
    elif request.method == "POST":
        return redirect("nik_verification_detail", item_id=item.pk)
    if user.role == Role.PARTNER and request.method == "GET":
        nik.record_view(item, acting_user=user, request=request)
    context = {
        "item": item,
        "form": form,
        "is_partner": user.role == Role.PARTNER,
        "application": None if user.role == Role.PARTNER else item.application,
    }
    status = 400 if form is not None and form.is_bound and form.errors else 200
    return render(request, "partners/nik_verification_detail.html", context, status=status)


@require_POST
@requires(Action.REQUEST_NIK_VERIFICATION)
def nik_verification_request(request: HttpRequest, application_no: str) -> HttpResponse:
    application = get_object_or_404(
        PassportApplication.objects.select_related("applicant"), application_no=application_no
    )
    form = NikRequestForm(request.POST)
    reason = form.cleaned_data["reason"].strip() if form.is_valid() else ""
    item = nik.request_verification(
        application,
        reason=reason or _("asked by an officer"),
        acting_user=_user(request),
        request=request,
    )
    if item.is_open:
        messages.success(
            request,
            _("Dukcapil was asked to verify NIK %(nik)s (%(ref)s).")
            % {"nik": item.nik, "ref": item.reference},
        )
    else:
        messages.success(
            request,
            _("Dukcapil answered: %(answer)s; the application was re-screened.")
            % {"answer": item.get_result_display()},
        )
    return redirect("application_detail", application_no=application.application_no)

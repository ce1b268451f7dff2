"""The police's pages: reports from the public referred to them, alerts sent to them, and
their submissions to the watchlists; the office's side: alerting a unit (from the
application page or the ring page) and deciding submissions. A police user sees only its
own unit's rows (another unit's are "not found"), every look audited."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from waspada.applications.models import PassportApplication
from waspada.core.access import requires
from waspada.core.errors import UserFacingError
from waspada.core.models import User
from waspada.core.policy import Action, can, scope
from waspada.core.roles import Role
from waspada.networks.models import RingCluster
from waspada.partners import alerts, services
from waspada.partners.forms import AlertForm, DecisionForm, ResponseForm, SubmissionForm
from waspada.partners.models import (
    AlertStatus,
    CaseReferral,
    PoliceAlert,
    Submission,
    SubmissionState,
)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


# --- Reports from the public ------------------------------------------------------------------


@requires(Action.VIEW_REFERRALS)
def case_referral_list(request: HttpRequest) -> HttpResponse:
    cases = scope(request.user, Action.VIEW_REFERRALS, CaseReferral.objects.all())
    page = Paginator(cases.select_related("agency").order_by("-referred_at", "-id"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "partners/case_referral_list.html", {"page": page, "query": ""})


@requires(Action.VIEW_REFERRALS)
def case_referral_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    cases = scope(request.user, Action.VIEW_REFERRALS, CaseReferral.objects.all())
    case = get_object_or_404(cases.select_related("agency", "responded_by"), pk=case_id)
    user = _user(request)
    answering = user.role == Role.PARTNER and case.open
    form = ResponseForm(request.POST or None, referral=case) if answering else None
    if request.method == "POST":
        if form is None:
            return redirect("case_referral_detail", case_id=case.pk)
        if form.is_valid():
            try:
                services.respond_to_referral(
                    case,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    seen_status=form.cleaned_data["seen"],
                    acting_user=user,
                    request=request,
                )
            except UserFacingError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Your answer was sent to the immigration office."))
            return redirect("case_referral_detail", case_id=case.pk)
    elif user.role == Role.PARTNER:
        services.record_case_view(case, acting_user=user, request=request)
    status = 400 if form is not None and form.is_bound else 200
    return render(
        request, "partners/case_referral_detail.html", {"case": case, "form": form}, status=status
    )


# --- Alerts -----------------------------------------------------------------------------------


@requires(Action.VIEW_ALERTS)
def alert_list(request: HttpRequest) -> HttpResponse:
    items = scope(request.user, Action.VIEW_ALERTS, PoliceAlert.objects.all())
    page = Paginator(
        items.select_related("agency", "sent_by").order_by("-sent_at", "-id"), 50
    ).get_page(request.GET.get("page"))
    return render(request, "partners/alert_list.html", {"page": page, "query": ""})


@requires(Action.VIEW_ALERTS)
def alert_detail(request: HttpRequest, alert_id: int) -> HttpResponse:
    items = scope(request.user, Action.VIEW_ALERTS, PoliceAlert.objects.all())
    alert = get_object_or_404(items.select_related("agency", "sent_by"), pk=alert_id)
    user = _user(request)
    is_partner = user.role == Role.PARTNER
    if request.method == "POST":
        if is_partner:
            alerts.acknowledge_alert(alert, acting_user=user, request=request)
            messages.success(request, _("The office sees that you received the alert."))
        return redirect("alert_detail", alert_id=alert.pk)
    if is_partner:
        alerts.record_alert_view(alert, acting_user=user, request=request)
    context = {
        "alert": alert,
        "may_acknowledge": is_partner and alert.status == AlertStatus.SENT,
        "application": None if is_partner else alert.application,
    }
    return render(request, "partners/alert_detail.html", context)


def _alert(request: HttpRequest, send: object, target: object, back: HttpResponse) -> HttpResponse:
    form = AlertForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return back
    try:
        alert = send(  # type: ignore[operator]
            target,
            agency=form.cleaned_data["agency"],
            note=form.cleaned_data["note"],
            acting_user=_user(request),
            request=request,
        )
    except UserFacingError as error:
        messages.error(request, "; ".join(text for _field, text in error.form_errors()))
        return back
    messages.success(request, _("%(agency)s was alerted.") % {"agency": alert.agency.name})
    return back


@require_POST
@requires(Action.SEND_ALERTS)
def alert_application(request: HttpRequest, application_no: str) -> HttpResponse:
    application = get_object_or_404(
        PassportApplication.objects.select_related("applicant"), application_no=application_no
    )
    back = redirect("application_detail", application_no=application.application_no)
    return _alert(request, alerts.alert_wanted_match, application, back)


@require_POST
@requires(Action.SEND_ALERTS)
def alert_ring(request: HttpRequest, ring_id: int) -> HttpResponse:
    ring = get_object_or_404(RingCluster, pk=ring_id)
    return _alert(request, alerts.alert_ring, ring, redirect("ring_detail", ring_id=ring.pk))


# --- Submissions to the watchlists -------------------------------------------------------------


@requires(Action.SUBMIT_TO_WATCHLISTS)
def submission_create(request: HttpRequest) -> HttpResponse:
    """A police unit's form, and its submissions with their state."""
    user = _user(request)
    form = SubmissionForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and user.agency is not None:
        submission = alerts.submit(
            user.agency, acting_user=user, request=request, **form.cleaned_data
        )
        messages.success(
            request,
            _("%(name)s was submitted; a supervisor of the office decides.")
            % {"name": submission.full_name},
        )
        return redirect("submission_create")
    own = scope(user, Action.SUBMIT_TO_WATCHLISTS, Submission.objects.all())
    context = {"form": form, "submissions": own.order_by("-submitted_at", "-id")[:100]}
    status = 400 if form.is_bound else 200
    return render(request, "partners/submission_form.html", context, status=status)


@requires(Action.REVIEW_SUBMISSIONS)
def submission_queue(request: HttpRequest) -> HttpResponse:
    pending = Submission.objects.filter(state=SubmissionState.PENDING).select_related(
        "agency", "submitted_by"
    )
    decided = (
        Submission.objects.exclude(state=SubmissionState.PENDING)
        .select_related("agency", "decided_by", "entry", "entry__watchlist")
        .order_by("-decided_at")[:50]
    )
    context = {
        "pending": pending.order_by("submitted_at", "id"),
        "decided": decided,
        "may_decide": can(request.user, Action.REVIEW_SUBMISSIONS),
    }
    return render(request, "partners/submission_queue.html", context)


@require_POST
@requires(Action.REVIEW_SUBMISSIONS)
def submission_decide(request: HttpRequest, submission_id: int) -> HttpResponse:
    submission = get_object_or_404(Submission, pk=submission_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or reject it."))
        return redirect("submission_queue")
    try:
        if form.cleaned_data["decision"] == "accept":
            alerts.accept_submission(
                submission, acting_user=_user(request), note=form.cleaned_data["note"],
                request=request,
            )  # fmt: skip
            messages.success(request, _("Accepted into the watchlist."))
        else:
            alerts.reject_submission(
                submission, acting_user=_user(request), note=form.cleaned_data["note"],
                request=request,
            )  # fmt: skip
            messages.success(request, _("Rejected."))
    except UserFacingError as error:
        messages.error(request, str(error))
    return redirect("submission_queue")

"""The Disnaker pages: its open verification requests, its register of recommendations
(one by one, by file, revoking, declaring it complete). A Disnaker user sees only its own
agency's rows (another agency's is "not found"); supervisors, the head of office and
auditors read every register, and supervisors see the overdue requests."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from waspada.applications.models import PassportApplication
from waspada.core import jobs
from waspada.core.access import requires
from waspada.core.errors import UserFacingError
from waspada.core.models import User
from waspada.core.policy import Action, can, scope
from waspada.core.roles import Role
from waspada.core.tables import RowError, render_message
from waspada.partners import recommendations as rec
from waspada.partners.forms import (
    AnswerForm,
    CompletePeriodForm,
    RecommendationForm,
    RecommendationUploadForm,
    RevokeForm,
)
from waspada.partners.models import (
    Agency,
    Recommendation,
    RecommendationImportJob,
    RecommendationRequest,
    RegisterPeriod,
    RequestState,
)

PER_PAGE = 50
# What a Disnaker needs to look a recommendation up in its own files (UU 27/2022: no more).
_NAMING_FIELDS = (
    "pk",
    "application_no",
    "submitted_on",
    "full_name",
    "applicant__nik",
    "destination_country",
    "recruiter_name",
    "recruiter_license_no",
    "status",
)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _own_agency(request: HttpRequest) -> Agency:
    """The Disnaker of the signed-in partner (office roles keep no register: 404)."""
    agency = _user(request).agency
    if agency is None:
        raise Http404
    return agency


def _requests(request: HttpRequest) -> QuerySet[RecommendationRequest]:
    return scope(request.user, Action.VIEW_RECOMMENDATIONS, RecommendationRequest.objects.all())


def _register(request: HttpRequest) -> QuerySet[Recommendation]:
    return scope(request.user, Action.VIEW_RECOMMENDATIONS, Recommendation.objects.all())


@requires(Action.VIEW_RECOMMENDATIONS)
def disnaker_home(request: HttpRequest) -> HttpResponse:
    """Open requests first (oldest first, with their age), then the register."""
    user = _user(request)
    overdue_before = timezone.now() - rec.overdue_after()
    open_requests = (
        _requests(request)
        .filter(state=RequestState.OPEN)
        .select_related("agency")
        .order_by("opened_at", "id")
    )
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    register = _register(request).select_related("agency").order_by("-issued_on", "-id")
    if query:
        register = register.filter(
            Q(number__icontains=query) | Q(nik__icontains=query) | Q(full_name__icontains=query)
        )
    is_partner = user.role == Role.PARTNER
    context: dict[str, Any] = {
        "open_requests": open_requests[:200],
        "open_count": open_requests.count(),
        "overdue_count": open_requests.filter(opened_at__lt=overdue_before).count(),
        "overdue_before": overdue_before,
        "overdue_days": rec.overdue_after().days,
        "page": Paginator(register, PER_PAGE).get_page(request.GET.get("page")),
        "q": query,
        "query": f"q={query}" if query else "",
        "is_partner": is_partner,
        "may_manage": can(user, Action.MANAGE_RECOMMENDATIONS),
        "periods": RegisterPeriod.objects.filter(agency=user.agency)[:20]
        if is_partner
        else RegisterPeriod.objects.select_related("agency")[:50],
        "complete_form": CompletePeriodForm(),
        "recent_imports": RecommendationImportJob.objects.filter(agency=user.agency)[:3]
        if is_partner
        else [],
        "answered": _requests(request)
        .exclude(state=RequestState.OPEN)
        .select_related("agency", "answered_by")
        .order_by("-answered_at")[:20],
    }
    return render(request, "partners/disnaker_home.html", context)


@requires(Action.MANAGE_RECOMMENDATIONS)
def recommendation_create(request: HttpRequest) -> HttpResponse:
    agency = _own_agency(request)
    form = RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = rec.register_recommendation(
                agency, form.values(), acting_user=_user(request), request=request
            )
        except rec.AlreadyRegistered as exc:
            form.add_error("number", str(exc))
        else:
            messages.success(
                request,
                _("Recommendation %(number)s registered.") % {"number": record.number},
            )
            return redirect("recommendation_detail", record_id=record.pk)
    return render(request, "partners/recommendation_form.html", {"form": form})


def _naming(key: str, *, partner: bool) -> list[dict[str, Any]]:
    """Every application that named the number (decided ones too), newest first."""
    rows = list(
        PassportApplication.objects.filter(pk__in=rec.naming_applications([key], open_only=False))
        .order_by("-submitted_on", "-pk")
        .values(*_NAMING_FIELDS)[:200]
    )
    for row in rows:
        row["link"] = not partner
    return rows


@requires(Action.VIEW_RECOMMENDATIONS)
def recommendation_detail(request: HttpRequest, record_id: int) -> HttpResponse:
    record = get_object_or_404(_register(request).select_related("agency"), pk=record_id)
    user = _user(request)
    context = {
        "record": record,
        "naming": _naming(record.number_key, partner=user.role == Role.PARTNER),
        "revoke_form": RevokeForm()
        if can(user, Action.MANAGE_RECOMMENDATIONS) and not record.revoked
        else None,
    }
    return render(request, "partners/recommendation_detail.html", context)


@require_POST
@requires(Action.MANAGE_RECOMMENDATIONS)
def recommendation_revoke(request: HttpRequest, record_id: int) -> HttpResponse:
    record = get_object_or_404(
        scope(request.user, Action.MANAGE_RECOMMENDATIONS, Recommendation.objects.all()),
        pk=record_id,
    )
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            rec.revoke_recommendation(
                record,
                reason=form.cleaned_data["reason"],
                acting_user=_user(request),
                request=request,
            )
        except UserFacingError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Recommendation %(number)s revoked.") % {"number": record.number}
            )
        return redirect("recommendation_detail", record_id=record.pk)
    context = {
        "record": record,
        "naming": _naming(record.number_key, partner=_user(request).role == Role.PARTNER),
        "revoke_form": form,
    }
    return render(request, "partners/recommendation_detail.html", context, status=400)


@requires(Action.VIEW_RECOMMENDATIONS)
def recommendation_request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    item = get_object_or_404(_requests(request).select_related("agency"), pk=request_id)
    user = _user(request)
    form = None
    if item.is_open and can(user, Action.ANSWER_RECOMMENDATION_REQUESTS, item):
        form = AnswerForm(
            request.POST or None, number=item.number, with_details=item.agency_id is not None
        )
        if request.method == "POST" and form.is_valid():
            try:
                rec.answer_request(
                    item,
                    answer=form.cleaned_data["answer"],
                    note=form.cleaned_data.get("note", "").strip(),
                    acting_user=user,
                    values=form.details(),
                    request=request,
                )
            except rec.AlreadyRegistered as exc:
                form.add_error(None, str(exc))
            except UserFacingError as exc:
                messages.error(request, str(exc))
                return redirect("recommendation_request_detail", request_id=item.pk)
            else:
                messages.success(
                    request,
                    _("Answer saved; the applications naming %(number)s were re-screened.")
                    % {"number": item.number},
                )
                return redirect("disnaker_home")
    elif request.method == "POST":
        return redirect("recommendation_request_detail", request_id=item.pk)
    context = {
        "item": item,
        "naming": _naming(item.number_key, partner=user.role == Role.PARTNER),
        "form": form,
        "overdue": item.is_open and item.opened_at < timezone.now() - rec.overdue_after(),
    }
    status = 400 if form is not None and form.is_bound and form.errors else 200
    return render(request, "partners/recommendation_request.html", context, status=status)


@require_POST
@requires(Action.MANAGE_RECOMMENDATIONS)
def register_complete(request: HttpRequest) -> HttpResponse:
    agency = _own_agency(request)
    form = CompletePeriodForm(request.POST)
    if form.is_valid():
        rec.declare_complete(
            agency,
            starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"],
            acting_user=_user(request),
            request=request,
        )
        messages.success(request, _("Your register is declared complete for that period."))
    else:
        for error in form.errors.get("ends_on", []) + form.errors.get("starts_on", []):
            messages.error(request, str(error))
        if not form.errors.get("ends_on") and not form.errors.get("starts_on"):
            messages.error(request, _("Give both dates of the period."))
    return redirect("disnaker_home")


@requires(Action.MANAGE_RECOMMENDATIONS)
def recommendation_import(request: HttpRequest) -> HttpResponse:
    agency = _own_agency(request)
    form = RecommendationUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = rec.queue_import(
            form.cleaned_data["file"], agency=agency, acting_user=_user(request), request=request
        )
        messages.success(
            request,
            _("%(file)s was uploaded; the import runs in the background.") % {"file": job.filename},
        )
        return redirect("recommendation_import_job", job_id=job.pk)
    return render(
        request,
        "partners/recommendation_import.html",
        {
            "form": form,
            "required_columns": rec.SPEC.required,
            "optional_columns": rec.SPEC.optional,
            "recent_jobs": RecommendationImportJob.objects.filter(agency=agency)[:5],
        },
    )


@requires(Action.MANAGE_RECOMMENDATIONS)
def recommendation_import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = get_object_or_404(
        scope(request.user, Action.MANAGE_RECOMMENDATIONS, RecommendationImportJob.objects.all()),
        pk=job_id,
    )
    problems = [RowError.from_dict(error) for error in job.errors]
    failure = (
        render_message(job.failure["code"], job.failure.get("params", {})) if job.failure else ""
    )
    context = {"job": job, "problems": problems, "failure": failure}
    return jobs.render_status_page(request, "partners/recommendation_import_job.html", context)

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from waspada.applications import services
from waspada.applications.forms import DOCUMENT_LABELS, ApplicationFilterForm, IntakeForm
from waspada.applications.hooks import DETAIL_PANELS
from waspada.applications.models import Applicant, PassportApplication
from waspada.applications.queries import filtered_applications
from waspada.applications.receipt import receipt_pdf
from waspada.core import audit
from waspada.core.access import get_object_or_deny, requires
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said
from waspada.core.models import AuditEvent
from waspada.core.policy import Action
from waspada.domain.documents import expected_documents, missing_documents
from waspada.domain.nik import cross_check
from waspada.regions.nik import check_nik, discrepancy_message, reason_message
from waspada.regions.queries import region_path
from waspada.regions.services import ensure_office
from waspada.regions.widgets import PICKER_LEVELS, picker_context

PAGE_SIZE = 50


@requires(Action.VIEW_APPLICATIONS)
def application_list(request: HttpRequest) -> HttpResponse:
    form = ApplicationFilterForm(request.GET or None)
    filters = form.filters()
    page = Paginator(filtered_applications(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "applications/application_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def _missing_labels(purpose: str, presented: list[str]) -> list[str]:
    missing = missing_documents(purpose, presented)
    labels = [str(DOCUMENT_LABELS[code]) for code in missing.documents]
    if missing.civil_status_proof:
        labels.append(_("one of: birth certificate, diploma, marriage book or baptism letter"))
    return labels


# What a returning applicant's last registration offers to the counter form.
_KNOWN_FIELDS = (
    "nik",
    "full_name",
    "sex",
    "birth_place",
    "birth_date",
    "phone",
    "address",
    "education",
    "occupation",
    "marital_status",
)


def _known_applicant_initial(nik: str) -> dict[str, object]:
    """The form filled from the applicant's record, for a NIK already known here."""
    if not (len(nik) == 16 and nik.isascii() and nik.isdigit()):
        return {}
    applicant = Applicant.objects.filter(nik=nik).first()
    if applicant is None:
        return {}
    initial: dict[str, object] = {name: getattr(applicant, name) for name in _KNOWN_FIELDS}
    initial["village"] = applicant.village_id
    return initial


@requires(Action.REGISTER_APPLICATION)
def application_register(request: HttpRequest) -> HttpResponse:
    # "Use the last data" on the NIK check opens the form filled for a returning applicant;
    # the officer checks it against the KTP and changes what has changed.
    initial = (
        _known_applicant_initial(request.GET.get("known", "")) if request.method == "GET" else {}
    )
    form = IntakeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        applicant_record, application_record = form.records()
        application = services.register_application(
            applicant_record,
            application_record,
            office=ensure_office(),
            acting_user=request.user,  # type: ignore[arg-type]
            request=request,
        )
        messages.success(
            request,
            _("Application %(number)s registered.") % {"number": application.application_no},
        )
        missing = _missing_labels(application.purpose, application.documents)
        if missing:
            # A warning, not a block: the applicant may bring the rest later.
            messages.warning(
                request,
                _("Documents still missing for this purpose: %(documents)s.")
                % {"documents": ", ".join(missing)},
            )
        return redirect("application_registered", application_no=application.application_no)
    if not form.is_bound:
        # The next applicant: the officer types the NIK at once (a filled form starts at
        # the first field the record cannot give).
        first = "application_no" if initial else "nik"
        form.fields[first].widget.attrs["autofocus"] = True
    purpose = str(form["purpose"].value() or "")
    return render(
        request,
        "applications/intake_form.html",
        {
            "form": form,
            "expected": expected_documents(purpose),
            "missing": _missing_labels(purpose, list(form["documents"].value() or [])),
            "purpose_chosen": bool(purpose),
        },
    )


def _registered(request: HttpRequest, application_no: str) -> PassportApplication:
    return get_object_or_deny(
        request,
        Action.REGISTER_APPLICATION,
        PassportApplication.objects.select_related("office"),
        application_no=application_no,
    )


@requires(Action.REGISTER_APPLICATION)
def application_registered(request: HttpRequest, application_no: str) -> HttpResponse:
    """The counter's screen after registering: neutral, in view of the applicant (the
    assessment is on the application page, for the officers who may read it)."""
    application = _registered(request, application_no)
    return render(
        request,
        "applications/registered.html",
        {
            "application": application,
            "missing": _missing_labels(application.purpose, application.documents),
        },
    )


@requires(Action.REGISTER_APPLICATION)
def application_receipt(request: HttpRequest, application_no: str) -> HttpResponse:
    """The receipt (tanda terima) as a PDF to print for the applicant."""
    application = _registered(request, application_no)
    return HttpResponse(
        receipt_pdf(application),
        content_type="application/pdf",
        headers={
            "Content-Disposition": (
                f'inline; filename="tanda-terima-{application.application_no}.pdf"'
            )
        },
    )


def _declared_date(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None  # not typed completely yet


@requires(Action.REGISTER_APPLICATION)
def nik_check(request: HttpRequest) -> HttpResponse:
    """What the NIK says, checked as the officer types (htmx partial)."""
    raw = request.GET.get("nik", "").strip()
    context: dict[str, object] = {"raw": raw}
    if len("".join(ch for ch in raw if ch.isdigit())) >= 6:
        result = check_nik(raw)
        context["result"] = result
        context["reason"] = reason_message(result)
        if result.parsed is not None:
            context["region"] = region_path(result.parsed.district_code)
            context["discrepancies"] = [
                discrepancy_message(found)
                for found in cross_check(
                    result.parsed,
                    birth_date=_declared_date(request.GET.get("birth_date", "")),
                    sex=request.GET.get("sex") or None,
                )
            ]
            context["known"] = (
                Applicant.objects.filter(nik=result.parsed.nik)
                .prefetch_related("applications")
                .first()
            )
            context["picker"] = _picker_from_nik(request, result.parsed.district_code)
    return render(request, "applications/_nik_check.html", context)


def _picker_from_nik(request: HttpRequest, district: str) -> dict[str, object] | None:
    """The address picker opened at the kecamatan the NIK was issued in, while the officer
    has chosen nothing there yet (the KTP address is usually the NIK's region; a choice
    already made is never overwritten)."""
    chosen = [request.GET.get(f"village_{level}", "") for level in PICKER_LEVELS]
    if any(chosen) or request.GET.get("village") or len(region_path(district)) != 3:
        return None
    parts = district.split(".")
    selected = {level: ".".join(parts[: i + 1]) for i, level in enumerate(PICKER_LEVELS)}
    return picker_context("village", selected)


@requires(Action.REGISTER_APPLICATION)
def documents_checklist(request: HttpRequest) -> HttpResponse:
    """The documents checklist for the chosen purpose, with what is missing (htmx partial)."""
    form = IntakeForm(request.GET)
    return render(
        request,
        "applications/_documents.html",
        {
            "field": form["documents"],
            "expected": expected_documents(request.GET.get("purpose", "")),
            "missing": _missing_labels(
                request.GET.get("purpose", ""), request.GET.getlist("documents")
            ),
            "purpose_chosen": bool(request.GET.get("purpose")),
        },
    )


@requires(Action.VIEW_APPLICATIONS)
def application_detail(request: HttpRequest, application_no: str) -> HttpResponse:
    application = get_object_or_deny(
        request,
        Action.VIEW_APPLICATIONS,
        PassportApplication.objects.select_related("applicant", "applicant__village", "office"),
        application_no=application_no,
    )
    audit.record_view(
        request,
        application,
        said(gettext_noop("Application %(number)s viewed"), number=application.application_no),
    )
    # The case's history: what was done to it, not who read it (the audit trail has that).
    timeline = (
        AuditEvent.objects.filter(
            Q(object_type="applications.passportapplication", object_id=str(application.pk))
            | Q(object_type="applications.applicant", object_id=str(application.applicant_id))
        )
        .exclude(action=AuditAction.VIEWED)
        .order_by("created_at", "id")
    )
    return render(
        request,
        "applications/application_detail.html",
        {
            "application": application,
            "applicant": application.applicant,
            "origin": region_path(application.village_id),
            "documents": [
                (code, DOCUMENT_LABELS[code], code in application.documents)
                for code in DOCUMENT_LABELS
                if code in application.documents or code in expected_documents(application.purpose)
            ],
            "missing": _missing_labels(application.purpose, application.documents),
            "status_changes": application.status_changes.select_related("changed_by"),
            "timeline": timeline,
            "panels": DETAIL_PANELS.hooks(),
        },
    )


@requires(Action.VIEW_APPLICATIONS)
def application_by_id(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_deny(
        request, Action.VIEW_APPLICATIONS, PassportApplication.objects.all(), pk=pk
    )
    return redirect("application_detail", application_no=application.application_no)


@requires(Action.VIEW_APPLICATIONS)
def applicant_detail(request: HttpRequest, nik: str) -> HttpResponse:
    applicant = get_object_or_deny(
        request, Action.VIEW_APPLICATIONS, Applicant.objects.select_related("village"), nik=nik
    )
    audit.record_view(
        request, applicant, said(gettext_noop("Applicant %(id)s viewed"), id=applicant.pk)
    )
    return render(
        request,
        "applications/applicant_detail.html",
        {
            "applicant": applicant,
            "origin": region_path(applicant.village_id),
            "applications": applicant.applications.order_by("-submitted_on", "-id"),
        },
    )

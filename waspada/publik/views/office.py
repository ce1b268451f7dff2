"""The office side of the public pages: triage of reports from the public, the article
editor, and the campaign record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from waspada.applications.models import Applicant, PassportApplication
from waspada.core.access import requires
from waspada.core.errors import UserFacingError, add_to_form
from waspada.core.models import User
from waspada.core.policy import Action
from waspada.networks.models import LicensedOrganiser, RingCluster
from waspada.publik import queries, services
from waspada.publik.forms import (
    ArticleForm,
    ArticleImageForm,
    CloseForm,
    CoverageForm,
    LinkSearchForm,
    OutreachForm,
    ReferForm,
)
from waspada.publik.models import (
    Article,
    MediaCoverage,
    OutreachActivity,
    PublicReport,
    ReportStatus,
)
from waspada.publik.rendering import render_markdown


def _officer(request: HttpRequest) -> User:
    """The signed-in officer (the `requires` decorator let only them through)."""
    return cast(User, request.user)


# --- Triage ---------------------------------------------------------------------------------


@requires(Action.TRIAGE_PUBLIC_REPORTS)
def report_queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", ReportStatus.RECEIVED)
    if status not in ReportStatus.values:
        status = ReportStatus.RECEIVED
    reports = PublicReport.objects.filter(status=status).order_by("received_at", "id")
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    counts = queries.status_counts()
    tabs = [(value, label, counts[value]) for value, label in ReportStatus.choices]
    return render(
        request,
        "publik/office/report_queue.html",
        {"page": page, "tabs": tabs, "status": status},
    )


def _report_page(
    request: HttpRequest, report: PublicReport, status: int = 200, **forms: Any
) -> HttpResponse:
    search = LinkSearchForm(request.GET or None)
    query = search.cleaned_data.get("q", "") if search.is_valid() else ""
    context = {
        "report": report,
        "photos": list(report.photos.values_list("pk", flat=True)),
        "search": search,
        "candidates": _candidate_groups(queries.link_candidates(query)) if query else None,
        "refer_form": forms.get("refer_form") or ReferForm(),
        "close_form": forms.get("close_form") or CloseForm(),
        "closed": report.status == ReportStatus.CLOSED,
    }
    return render(request, "publik/office/report_detail.html", context, status=status)


def _candidate_groups(found: queries.LinkCandidates) -> list[tuple[str, str, list[Any]]]:
    """(field, label, [(pk, words)]) of what the report may be linked to."""
    return [
        (
            "application",
            _("Application"),
            [(a.pk, f"{a.application_no} — {a.full_name}") for a in found.applications],
        ),
        (
            "applicant",
            _("Applicant"),
            [(a.pk, f"{a.nik} — {a.full_name}") for a in found.applicants],
        ),
        ("ring", _("Ring"), [(r.pk, f"#{r.pk} ({r.size})") for r in found.rings]),
        ("organiser", _("Organiser"), [(o.pk, str(o)) for o in found.organisers]),
    ]


@requires(Action.TRIAGE_PUBLIC_REPORTS)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_page(request, get_object_or_404(PublicReport, pk=pk))


@requires(Action.TRIAGE_PUBLIC_REPORTS)
def report_photo(request: HttpRequest, pk: int, photo: int) -> HttpResponse:
    report = get_object_or_404(PublicReport, pk=pk)
    found = get_object_or_404(report.photos, pk=photo)
    response = HttpResponse(bytes(found.data), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response


_LINK_MODELS: dict[str, Any] = {
    "application": PassportApplication,
    "applicant": Applicant,
    "ring": RingCluster,
    "organiser": LicensedOrganiser,
}


@require_POST
@requires(Action.TRIAGE_PUBLIC_REPORTS)
def report_link(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(PublicReport, pk=pk)
    field = request.POST.get("field", "")
    model = _LINK_MODELS.get(field)
    target_id = request.POST.get("target", "")
    if model is None or not target_id.isdigit():
        raise Http404
    target = get_object_or_404(model, pk=int(target_id))
    try:
        services.link_report(
            report, field=field, target=target, acting_user=_officer(request), request=request
        )
    except UserFacingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The report is linked."))
    return redirect("public_report_detail", pk=report.pk)


def _triage_step(
    request: HttpRequest,
    pk: int,
    form_name: str,
    form_class: type[forms.Form],
    step: Callable[..., PublicReport],
    done: str,
    next_url: Callable[[PublicReport], str],
) -> HttpResponse:
    """One step of the triage from its form: the service `step` with the form's values, or
    the report page again (400) with what is wrong; nothing saved then."""
    report = get_object_or_404(PublicReport, pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            step(report, **form.cleaned_data, acting_user=_officer(request), request=request)
        except UserFacingError as error:
            add_to_form(form, error)
        else:
            messages.success(request, done)
            return redirect(next_url(report))
    return _report_page(request, report, status=400, **{form_name: form})


@require_POST
@requires(Action.TRIAGE_PUBLIC_REPORTS)
def report_refer(request: HttpRequest, pk: int) -> HttpResponse:
    return _triage_step(
        request, pk, "refer_form", ReferForm, services.refer_report,
        _("The report was referred to the police."),
        lambda report: reverse("public_report_detail", args=[report.pk]),
    )  # fmt: skip


@require_POST
@requires(Action.TRIAGE_PUBLIC_REPORTS)
def report_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _triage_step(
        request, pk, "close_form", CloseForm, services.close_report,
        _("The report is closed."), lambda _report: reverse("public_report_queue"),
    )  # fmt: skip


# --- Articles -------------------------------------------------------------------------------


@requires(Action.PUBLISH_ARTICLES)
def article_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(Article.objects.order_by("-created_at", "-id"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "publik/office/article_list.html", {"page": page})


@requires(Action.PUBLISH_ARTICLES)
def article_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk) if pk is not None else None
    form = ArticleForm(request.POST or None, instance=article)
    if request.method == "POST" and form.is_valid():
        saved = services.save_article(
            article, values=form.cleaned_data, acting_user=_officer(request), request=request
        )
        messages.success(request, _("The article is saved."))
        return redirect("article_edit", pk=saved.pk)
    context = {
        "form": form,
        "article": article,
        "image_form": ArticleImageForm(),
        "preview": render_markdown(article.body) if article else "",
    }
    return render(
        request, "publik/office/article_form.html", context, status=400 if form.errors else 200
    )


@require_POST
@requires(Action.PUBLISH_ARTICLES)
def article_image(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    form = ArticleImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            saved = services.add_article_image(
                article,
                upload=form.cleaned_data["image"],
                alt=form.cleaned_data["alt"],
                acting_user=_officer(request),
                request=request,
            )
        except UserFacingError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                _("Image added. Put it in the text with: %(markdown)s")
                % {"markdown": f"![{saved.alt}](/publik/gambar/{saved.pk}/)"},
            )
            return redirect("article_edit", pk=article.pk)
    context = {
        "form": ArticleForm(instance=article),
        "article": article,
        "image_form": form,
        "preview": render_markdown(article.body),
    }
    return render(request, "publik/office/article_form.html", context, status=400)


# --- The campaign record --------------------------------------------------------------------


@requires(Action.RECORD_OUTREACH)
def outreach_list(request: HttpRequest) -> HttpResponse:
    activities = Paginator(
        OutreachActivity.objects.select_related("village").prefetch_related("partners"), 50
    ).get_page(request.GET.get("page"))
    coverage = MediaCoverage.objects.all()[:50]
    return render(
        request,
        "publik/office/outreach_list.html",
        {"page": activities, "coverage": coverage},
    )


def _record_form(request: HttpRequest, form: forms.ModelForm[Any], heading: str) -> HttpResponse:
    context = {"form": form, "heading": heading}
    return render(
        request, "publik/office/record_form.html", context, status=400 if form.errors else 200
    )


@requires(Action.RECORD_OUTREACH)
def outreach_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    activity = get_object_or_404(OutreachActivity, pk=pk) if pk is not None else None
    form = OutreachForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_activity(
            activity,
            values={
                "held_on": data["held_on"],
                "village_id": data["village"],
                "place": data["place"],
                "audience": data["audience"],
                "people_reached": data["people_reached"],
                "materials": data["materials"],
            },
            partners=list(data["partners"]),
            acting_user=_officer(request),
            request=request,
        )
        messages.success(request, _("The outreach activity is saved."))
        return redirect("outreach_list")
    heading = _("Outreach activity") if activity else _("Record an outreach activity")
    return _record_form(request, form, heading)


@requires(Action.RECORD_OUTREACH)
def coverage_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    coverage = get_object_or_404(MediaCoverage, pk=pk) if pk is not None else None
    form = CoverageForm(request.POST or None, instance=coverage)
    if request.method == "POST" and form.is_valid():
        services.save_coverage(
            coverage, values=form.cleaned_data, acting_user=_officer(request), request=request
        )
        messages.success(request, _("The media coverage is saved."))
        return redirect("outreach_list")
    return _record_form(
        request, form, _("Media coverage") if coverage else _("Record media coverage")
    )

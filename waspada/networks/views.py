"""Ring pages: the rings of the latest detection, one ring with its drawing, review."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from waspada.applications.countries import country_choices
from waspada.core.access import get_object_or_deny, requires
from waspada.core.policy import Action, can
from waspada.networks import services
from waspada.networks.drawing import draw
from waspada.networks.models import DetectionRun, NetworkKey, RingCluster, RingMembership
from waspada.regions.models import Region
from waspada.regions.queries import working_area_codes

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
KIND_LABELS = {
    "phone": gettext_lazy("phone"),
    "sponsor": gettext_lazy("sponsor"),
    "companion": gettext_lazy("companion"),
    "recruiter": gettext_lazy("recruiter"),
    "licence": gettext_lazy("recruiter licence"),
    "address": gettext_lazy("address"),
    "employer": gettext_lazy("employer"),
}


class RingFilterForm(forms.Form):
    risky = forms.BooleanField(label=gettext_lazy("Risky rings only"), required=False)
    min_size = forms.IntegerField(
        label=gettext_lazy("At least applicants"), min_value=2, required=False
    )
    destination = forms.ChoiceField(label=gettext_lazy("Destination"), required=False)
    regency = forms.ChoiceField(label=gettext_lazy("Regency of origin"), required=False)
    date_from = forms.DateField(label=gettext_lazy("Active from"), required=False, widget=_DATE)
    date_to = forms.DateField(label=gettext_lazy("until"), required=False, widget=_DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        destination = self.fields["destination"]
        regency = self.fields["regency"]
        assert isinstance(destination, forms.ChoiceField)
        assert isinstance(regency, forms.ChoiceField)
        destination.choices = every + country_choices()
        regencies = Region.objects.filter(code__in=working_area_codes()).order_by("code")
        regency.choices = every + [(r.code, r.name) for r in regencies]

    def apply(self, rings: QuerySet[RingCluster]) -> QuerySet[RingCluster]:
        if not self.is_valid():
            return rings
        data = self.cleaned_data
        if data["risky"]:
            rings = rings.filter(risky=True)
        if data["min_size"]:
            rings = rings.filter(size__gte=data["min_size"])
        if data["destination"]:
            rings = rings.filter(
                memberships__application__destination_country=data["destination"]
            ).distinct()
        if data["regency"]:
            rings = rings.filter(memberships__application__regency_code=data["regency"]).distinct()
        if data["date_from"]:
            rings = rings.filter(last_submitted__gte=data["date_from"])
        if data["date_to"]:
            rings = rings.filter(first_submitted__lte=data["date_to"])
        return rings


def latest_run() -> DetectionRun | None:
    return DetectionRun.objects.filter(finished_at__isnull=False).order_by("-started_at").first()


@requires(Action.VIEW_NETWORKS)
def ring_list(request: HttpRequest) -> HttpResponse:
    run = latest_run()
    form = RingFilterForm(request.GET or None)
    rings = RingCluster.objects.none()
    if run is not None:
        rings = form.apply(RingCluster.objects.filter(run=run, size__gte=2)).order_by(
            "-score", "-size", "pk"
        )
    page = Paginator(rings, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "networks/ring_list.html",
        {"run": run, "form": form, "page": page, "query": query.urlencode()},
    )


@requires(Action.VIEW_NETWORKS)
def ring_detail(request: HttpRequest, ring_id: int) -> HttpResponse:
    ring = get_object_or_deny(
        request, Action.VIEW_NETWORKS, RingCluster.objects.select_related("run"), pk=ring_id
    )
    members = list(
        RingMembership.objects.filter(cluster=ring)
        .select_related("application__applicant")
        .order_by("application__submitted_on", "application_id")
    )
    applications = [m.application for m in members]
    keys = NetworkKey.objects.filter(application__in=applications).values_list(
        "application__application_no", "kind", "value"
    )
    drawing = draw([(a.application_no, a.applicant.full_name) for a in applications], list(keys))
    return render(
        request,
        "networks/ring_detail.html",
        {
            "ring": ring,
            "members": members,
            "drawing": drawing,
            "kind_labels": KIND_LABELS,
            "shared": [
                {**value, "label": KIND_LABELS.get(value["kind"], value["kind"])}
                for value in ring.shared
            ],
            "days": (ring.last_submitted - ring.first_submitted).days
            if ring.first_submitted and ring.last_submitted
            else 0,
            "can_review": can(request.user, Action.REVIEW_NETWORKS, ring),
        },
    )


@require_POST
@requires(Action.REVIEW_NETWORKS)
def ring_review(request: HttpRequest, ring_id: int) -> HttpResponse:
    ring = get_object_or_deny(
        request, Action.REVIEW_NETWORKS, RingCluster.objects.all(), pk=ring_id
    )
    note = request.POST.get("note", "").strip()
    if not note:
        messages.error(request, _("Write what was decided about this ring."))
        return redirect("ring_detail", ring_id=ring.pk)
    services.review_ring(ring, acting_user=request.user, note=note, request=request)  # type: ignore[arg-type]
    messages.success(request, _("Ring marked as reviewed."))
    return redirect("ring_detail", ring_id=ring.pk)

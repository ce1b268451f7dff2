"""Ring pages: the rings of the latest detection, one ring with its drawing and review.

The apps above add their parts to the ring page through `RING_PANELS` (the partners'
referrals, whose form posts to their own view).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from waspada.core.access import get_object_or_deny, requires
from waspada.core.policy import Action, can
from waspada.networks import queries, services
from waspada.networks.drawing import draw
from waspada.networks.forms import ReviewForm, RingFilterForm
from waspada.networks.hooks import RING_PANELS
from waspada.networks.labels import shared_values
from waspada.networks.models import (
    NetworkKey,
    RingCluster,
    RingMembership,
    VerificationKind,
    VerificationTask,
)
from waspada.networks.reasons import ring_reasons


@requires(Action.VIEW_NETWORKS)
def ring_list(request: HttpRequest) -> HttpResponse:
    run = queries.latest_run()
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
        {
            "run": run,
            "active": queries.active_run(),
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_run": can(request.user, Action.REVIEW_NETWORKS),
        },
    )


def ring_page(
    request: HttpRequest,
    ring: RingCluster,
    review_form: ReviewForm | None = None,
    status: int = 200,
    extra: Mapping[str, object] | None = None,
) -> HttpResponse:
    """The ring page; `extra` goes into the context for the panels (a panel's form with
    its errors)."""
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
    current = _is_current(ring)
    return render(
        request,
        "networks/ring_detail.html",
        {
            "ring": ring,
            "members": members,
            "drawing": drawing,
            "shared": shared_values(ring.shared),
            "reasons": ring_reasons(ring.reasons),
            "days": (ring.last_submitted - ring.first_submitted).days
            if ring.first_submitted and ring.last_submitted
            else 0,
            "current": current,
            "can_review": current and can(request.user, Action.REVIEW_NETWORKS, ring),
            "review_form": review_form or ReviewForm(),
            "panels": RING_PANELS.hooks(),
            # The organiser an organiser-led group names, to verify (or verified).
            "verifications": VerificationTask.objects.filter(
                kind=VerificationKind.ORGANISER, subjects__application__in=applications
            )
            .distinct()
            .order_by("pk")
            if can(request.user, Action.VIEW_VERIFICATIONS)
            else [],
            **(extra or {}),
        },
        status=status,
    )


def _is_current(ring: RingCluster) -> bool:
    """Whether the ring belongs to the current run (older runs are history: their rings
    are not reviewed or referred any more, the current run's successor is)."""
    latest = queries.latest_run()
    return latest is not None and ring.run_id == latest.pk


def history_refused(request: HttpRequest, ring: RingCluster) -> HttpResponse | None:
    if _is_current(ring):
        return None
    messages.error(
        request, _("This ring belongs to an earlier detection run: open the current rings.")
    )
    return redirect("ring_detail", ring_id=ring.pk)


@requires(Action.VIEW_NETWORKS)
def ring_detail(request: HttpRequest, ring_id: int) -> HttpResponse:
    ring = get_object_or_deny(
        request, Action.VIEW_NETWORKS, RingCluster.objects.select_related("run"), pk=ring_id
    )
    return ring_page(request, ring)


@require_POST
@requires(Action.REVIEW_NETWORKS)
def ring_review(request: HttpRequest, ring_id: int) -> HttpResponse:
    ring = get_object_or_deny(
        request, Action.REVIEW_NETWORKS, RingCluster.objects.select_related("run"), pk=ring_id
    )
    refused = history_refused(request, ring)
    if refused is not None:
        return refused
    form = ReviewForm(request.POST)
    if not form.is_valid() or not form.cleaned_data["note"].strip():
        messages.error(request, _("Write what was decided about this ring."))
        return redirect("ring_detail", ring_id=ring.pk)
    services.review_ring(
        ring,
        acting_user=request.user,  # type: ignore[arg-type]
        note=form.cleaned_data["note"].strip(),
        request=request,
    )
    messages.success(request, _("Ring marked as reviewed."))
    return redirect("ring_detail", ring_id=ring.pk)

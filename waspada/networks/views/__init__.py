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

from waspada.applications.models import Status
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

# Members listed per page of a ring (the drawing shows them all).
MEMBERS_PER_PAGE = 50


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
    # The drawing needs every member (names and shared values only); the table shows
    # one page of them, so that a ring of hundreds stays a small page.
    everyone = list(
        RingMembership.objects.filter(cluster=ring)
        .order_by("application__submitted_on", "application_id")
        .values_list("application_id", "application__application_no", "application__full_name")
    )
    keys = NetworkKey.objects.filter(application__in=[pk for pk, _no, _name in everyone])
    drawing = draw(
        [(number, name) for _pk, number, name in everyone],
        list(keys.values_list("application__application_no", "kind", "value")),
    )
    members = (
        RingMembership.objects.filter(cluster=ring)
        .select_related("application__applicant")
        .order_by("application__submitted_on", "application_id")
    )
    issued = members.filter(application__status=Status.ISSUED)
    follow_up = issued.count() if ring.risky else 0
    issued_only = bool(follow_up) and request.GET.get("issued") == "1"
    member_page = Paginator(issued if issued_only else members, MEMBERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    applications = [pk for pk, _no, _name in everyone]
    current = _is_current(ring)
    return render(
        request,
        "networks/ring_detail.html",
        {
            "ring": ring,
            "member_page": member_page,
            "query": "issued=1" if issued_only else "",
            "follow_up": follow_up,
            "issued_only": issued_only,
            "drawing": drawing,
            "shared": shared_values(ring.shared),
            "reasons": ring_reasons(ring.reasons),
            "days": ring.span_days,
            "current": current,
            "can_review": current and can(request.user, Action.REVIEW_NETWORKS, ring),
            "review_form": review_form or ReviewForm(),
            "panels": RING_PANELS.hooks(),
            # The organiser an organiser-led group names, to verify (or verified).
            "verifications": VerificationTask.objects.filter(
                kind=VerificationKind.ORGANISER, subjects__application_id__in=applications
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

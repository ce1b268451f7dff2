"""Referrals: the office refers a ring (on the ring page); the partner sees only their own
agency's, every look audited."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from waspada.core.access import get_object_or_deny, requires
from waspada.core.errors import UserFacingError, add_to_form
from waspada.core.policy import Action, scope
from waspada.networks.labels import shared_values
from waspada.networks.models import NetworkKey, RingCluster
from waspada.networks.views import history_refused, ring_page
from waspada.partners import covering, services
from waspada.partners.forms import ReferralForm, ResponseForm
from waspada.partners.models import Referral

# What the police need about each referred person (UU 27/2022: no more).
_MEMBER_FIELDS = (
    "pk",
    "applicant__full_name",
    "applicant__nik",
    "applicant__phone",
    "applicant__village__code",
    "applicant__village__name",
    "sponsor_phone",
    "companion_phone",
)


def own_referrals(request: HttpRequest) -> QuerySet[Referral]:
    """Referrals to the user's own agency; nobody else's exist for them (404, not 403)."""
    return scope(request.user, Action.VIEW_REFERRALS, Referral.objects.all())


@requires(Action.VIEW_REFERRALS)
def referral_list(request: HttpRequest) -> HttpResponse:
    referrals = (
        own_referrals(request)
        .select_related("agency")
        .annotate(people=Count("applications"))
        .order_by("-referred_at", "-id")
    )
    page = Paginator(referrals, 50).get_page(request.GET.get("page"))
    return render(request, "partners/referral_list.html", {"page": page, "query": ""})


@requires(Action.VIEW_REFERRAL_REGISTER)
def ring_referral_letter(request: HttpRequest, referral_id: int) -> HttpResponse:
    """The covering letter of a ring referral, for the office to sign and send."""
    referral = get_object_or_deny(
        request,
        Action.VIEW_REFERRAL_REGISTER,
        Referral.objects.select_related("agency", "referred_by"),
        pk=referral_id,
    )
    return covering.letter_response(request, referral, covering.ring_letter_pdf)


def _members(referral: Referral) -> list[dict[str, object]]:
    """The referred people with the ring's shared values each of them gives."""
    people = list(
        referral.applications.order_by("applicant__full_name", "pk").values(*_MEMBER_FIELDS)
    )
    shared = {(s["kind"], s["value"]) for s in referral.shared}
    gives: dict[int, list[dict[str, object]]] = defaultdict(list)
    keys = NetworkKey.objects.filter(
        application_id__in=[p["pk"] for p in people],
        value__in=[value for _kind, value in shared],
    ).values_list("application_id", "kind", "value")
    for application_id, kind, value in keys.distinct():
        if (kind, value) in shared:
            gives[application_id].append({"kind": kind, "value": value})
    for person in people:
        person["gives"] = shared_values(gives[person["pk"]])  # type: ignore[index]
        person["phones"] = [
            p
            for p in dict.fromkeys(
                [person["applicant__phone"], person["sponsor_phone"], person["companion_phone"]]
            )
            if p
        ]
    return people


def _page(
    request: HttpRequest, referral: Referral, form: ResponseForm | None = None, status: int = 200
) -> HttpResponse:
    services.record_referral_view(
        referral,
        acting_user=request.user,  # type: ignore[arg-type]
        request=request,
    )
    return render(
        request,
        "partners/referral_detail.html",
        {
            "referral": referral,
            "members": _members(referral),
            "shared": shared_values(referral.shared),
            "form": form or (ResponseForm(referral=referral) if referral.open else None),
        },
        status=status,
    )


@requires(Action.VIEW_REFERRALS)
def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = get_object_or_deny(
        request,
        Action.VIEW_REFERRALS,
        own_referrals(request).select_related("agency", "referred_by", "responded_by"),
        pk=referral_id,
    )
    return _page(request, referral)


@require_POST
@requires(Action.VIEW_REFERRALS)
def referral_respond(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = get_object_or_deny(
        request,
        Action.VIEW_REFERRALS,
        own_referrals(request).select_related("agency", "referred_by", "responded_by"),
        pk=referral_id,
    )
    if request.POST.get("seen") != referral.status:
        messages.error(request, services.StaleReferral(referral).message())
        return redirect("referral_detail", referral_id=referral.pk)
    form = ResponseForm(request.POST, referral=referral)
    if not form.is_valid():
        return _page(request, referral, form, status=400)
    try:
        services.respond_to_referral(
            referral,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            seen_status=form.cleaned_data["seen"],
            acting_user=request.user,  # type: ignore[arg-type]
            request=request,
        )
    except services.StaleReferral as stale:
        messages.error(request, stale.message())
    else:
        messages.success(request, _("Your answer was sent to the immigration office."))
    return redirect("referral_detail", referral_id=referral.pk)


@require_POST
@requires(Action.REFER_NETWORKS)
def ring_refer(request: HttpRequest, ring_id: int) -> HttpResponse:
    ring = get_object_or_deny(
        request, Action.REFER_NETWORKS, RingCluster.objects.select_related("run"), pk=ring_id
    )
    refused = history_refused(request, ring)
    if refused is not None:
        return refused
    form = ReferralForm(request.POST, ring=ring)
    if not form.is_valid():
        return ring_page(request, ring, status=400, extra={"referral_form": form})
    try:
        referral = services.refer_ring(
            ring,
            agency=form.cleaned_data["agency"],
            note=form.cleaned_data["note"],
            acting_user=request.user,  # type: ignore[arg-type]
            request=request,
        )
    except UserFacingError as error:  # the agreement ended since the page was loaded
        add_to_form(form, error)
        return ring_page(request, ring, status=400, extra={"referral_form": form})
    messages.success(request, _("Ring referred to %(agency)s.") % {"agency": referral.agency.name})
    return redirect("ring_detail", ring_id=ring.pk)

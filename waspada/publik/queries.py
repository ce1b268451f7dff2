"""Reading the public side: the published articles, the triage queue, the link search, and the
campaign figures of a period (for the reports)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from waspada.applications.models import Applicant, PassportApplication
from waspada.core.policy import Action, can
from waspada.domain import network
from waspada.networks.models import LicensedOrganiser, RingCluster
from waspada.publik.models import (
    Article,
    ArticleKind,
    MediaCoverage,
    OutreachActivity,
    PublicReport,
    ReportStatus,
)
from waspada.regions.models import Region


def published_articles() -> QuerySet[Article]:
    """Articles and announcements the public may read now, newest first."""
    return (
        Article.objects.filter(publish_at__lte=timezone.now())
        .exclude(kind=ArticleKind.GUIDE)
        .order_by("-publish_at", "-id")
    )


def published_guide() -> Article | None:
    return (
        Article.objects.filter(kind=ArticleKind.GUIDE, publish_at__lte=timezone.now())
        .order_by("-publish_at")
        .first()
    )


def new_report_count(user: Any) -> int:
    if not can(user, Action.TRIAGE_PUBLIC_REPORTS):
        return 0
    return PublicReport.objects.filter(status=ReportStatus.RECEIVED).count()


def status_counts() -> dict[str, int]:
    counts = dict(PublicReport.objects.values_list("status").annotate(n=Count("id")).order_by())
    return {status: counts.get(status, 0) for status in ReportStatus.values}


@dataclass
class LinkCandidates:
    applications: list[PassportApplication] = field(default_factory=list)
    applicants: list[Applicant] = field(default_factory=list)
    rings: list[RingCluster] = field(default_factory=list)
    organisers: list[LicensedOrganiser] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.applications or self.applicants or self.rings or self.organisers)


def link_candidates(query: str, limit: int = 10) -> LinkCandidates:
    """What a report could be linked to: by application number, NIK, name, ring number,
    organiser name or licence number."""
    text = query.strip()
    if len(text) < 2:
        return LinkCandidates()
    found = LinkCandidates()
    found.applications = list(
        PassportApplication.objects.filter(
            Q(application_no__iexact=text) | Q(full_name__icontains=text)
        ).select_related("applicant")[:limit]
    )
    found.applicants = list(
        Applicant.objects.filter(Q(nik=text) | Q(full_name__icontains=text))[:limit]
    )
    number = text.lstrip("#")
    if number.isdigit():
        found.rings = list(RingCluster.objects.filter(pk=int(number))[:1])
    licence = network.licence_key(text)
    found.organisers = [
        organiser
        for organiser in LicensedOrganiser.objects.all()
        if text.lower() in organiser.name.lower()
        or (licence and network.licence_key(organiser.licence_no) == licence)
    ][:limit]
    return found


# --- Campaign figures for a period ----------------------------------------------------------


@dataclass(frozen=True)
class RegencyRow:
    code: str
    name: str
    activities: int
    people: int


@dataclass(frozen=True)
class CampaignFigures:
    activities: int
    people: int
    coverage: int
    by_regency: list[RegencyRow]
    reports_received: int
    reports_by_status: dict[str, int]
    referred: int

    @property
    def empty(self) -> bool:
        return not (self.activities or self.coverage or self.reports_received)


def campaign_figures(start: dt.date, end: dt.date) -> CampaignFigures:
    """Outreach, media coverage and reports from the public between two dates (included)."""
    per_regency: dict[str, list[int]] = {}
    activities = people = 0
    for village, reached in OutreachActivity.objects.filter(
        held_on__range=(start, end)
    ).values_list("village_id", "people_reached"):
        row = per_regency.setdefault(".".join(village.split(".")[:2]), [0, 0])
        row[0] += 1
        row[1] += reached
        activities += 1
        people += reached
    names = (
        dict(Region.objects.filter(code__in=per_regency).values_list("code", "name"))
        if per_regency
        else {}
    )
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tz)
    by_status: dict[str, int] = {}
    referred = 0
    for status, count, passed in (
        PublicReport.objects.filter(received_at__gte=since, received_at__lt=until)
        .values_list("status")
        .annotate(n=Count("id"), referred=Count("id", filter=Q(referred_at__isnull=False)))
        .order_by()
    ):
        by_status[status] = count
        referred += passed
    return CampaignFigures(
        activities=activities,
        people=people,
        coverage=MediaCoverage.objects.filter(published_on__range=(start, end)).count(),
        by_regency=[
            RegencyRow(code, names.get(code, code), counts[0], counts[1])
            for code, counts in sorted(per_regency.items())
        ],
        reports_received=sum(by_status.values()),
        reports_by_status={status: by_status.get(status, 0) for status in ReportStatus.values},
        referred=referred,
    )

"""Who may see the public side and its office pages (see tests/test_url_access.py)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from waspada.core.models import User
from waspada.publik.models import (
    Article,
    ArticleImage,
    MediaCoverage,
    OutreachActivity,
    PublicReport,
    ReportPhoto,
)

TRIAGE = {"supervisor", "head_of_office"}
PUBLISHERS = {"supervisor", "head_of_office"}
OUTREACH = {"intake_officer", "interviewer", "supervisor"}

ACCESS: dict[str, set[str] | str] = {
    "publik_home": "public",
    "publik_archive": "public",
    "publik_article": "public",
    "publik_guide": "public",
    "publik_image": "public",
    "publik_feed": "public",
    "publik_offer_check": "public",
    "publik_report": "public",
    "publik_report_status": "public",
    "publik_language": "public",
    "public_report_queue": TRIAGE,
    "public_report_detail": TRIAGE,
    "public_report_photo": TRIAGE,
    "public_report_link": "post-only",
    "public_report_refer": "post-only",
    "public_report_close": "post-only",
    "article_list": PUBLISHERS,
    "article_create": PUBLISHERS,
    "article_edit": PUBLISHERS,
    "article_image": "post-only",
    "outreach_list": OUTREACH,
    "outreach_create": OUTREACH,
    "outreach_edit": OUTREACH,
    "coverage_create": OUTREACH,
    "coverage_edit": OUTREACH,
}


def _report() -> PublicReport:
    return PublicReport.objects.create(
        tracking_hash=f"h{PublicReport.objects.count()}", what="x" * 20, place="Cilacap"
    )


def _article() -> Article:
    return Article.objects.create(
        slug=f"a{Article.objects.count()}",
        title="Judul",
        body="Teks",
        publish_at=timezone.now() - dt.timedelta(hours=1),
    )


def url(name: str, target: User) -> str:
    if name == "publik_article":
        return reverse(name, args=[_article().slug])
    if name == "publik_image":
        image = ArticleImage.objects.create(article=_article(), data=b"x", width=1, height=1)
        return reverse(name, args=[image.pk])
    if name == "publik_language":
        return reverse(name, args=["en"])
    if name in {"public_report_detail", "public_report_link", "public_report_refer"} or (
        name == "public_report_close"
    ):
        return reverse(name, args=[_report().pk])
    if name == "public_report_photo":
        report = _report()
        photo = ReportPhoto.objects.create(report=report, data=b"x", width=1, height=1)
        return reverse(name, args=[report.pk, photo.pk])
    if name in {"article_edit", "article_image"}:
        return reverse(name, args=[_article().pk])
    if name == "outreach_edit":
        from waspada.regions.models import Region

        village = Region.objects.filter(level="village").first()
        assert village is not None
        activity = OutreachActivity.objects.create(
            held_on=dt.date(2026, 1, 5),
            village=village,
            place="Balai desa",
            audience="villagers",
            people_reached=40,
            recorded_by=target,
        )
        return reverse(name, args=[activity.pk])
    if name == "coverage_edit":
        coverage = MediaCoverage.objects.create(
            outlet="Radar Banyumas", kind="print", published_on=dt.date(2026, 1, 6),
            recorded_by=target,
        )  # fmt: skip
        return reverse(name, args=[coverage.pk])
    return reverse(name)

"""State changes of the public side, each audited: reports from the public and their triage,
articles, and the campaign record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import field_labels, said
from waspada.core.errors import UserFacingError
from waspada.core.models import User
from waspada.partners import services as partner_services
from waspada.partners.models import Agency
from waspada.publik import tracking
from waspada.publik.images import clean_image
from waspada.publik.models import (
    Article,
    ArticleImage,
    CloseReason,
    MediaCoverage,
    OutreachActivity,
    PublicReport,
    ReportPhoto,
    ReportStatus,
)

# --- Reports from the public ----------------------------------------------------------------


@dataclass(frozen=True)
class Received:
    report: PublicReport
    code: str  # shown once to the reporter; only its hash is stored


class ReportClosed(UserFacingError):
    def __init__(self) -> None:
        super().__init__(_("This report is closed; nothing was changed."))


@transaction.atomic
def receive_report(
    *, what: str, place: str, who: str = "", contact: str = "", photos: list[UploadedFile]
) -> Received:
    """Save a report from the public with its photos (cleaned). No address, no browser
    string; the audit event has no actor and no address either."""
    cleaned = [clean_image(photo) for photo in photos]  # refuses before anything is saved
    for _attempt in range(5):
        code = tracking.new_code()
        try:
            with transaction.atomic():
                report = PublicReport.objects.create(
                    tracking_hash=tracking.code_hash(code),
                    what=what,
                    place=place,
                    who=who,
                    contact=contact,
                )
            break
        except IntegrityError:  # a code drawn twice: draw again
            continue
    else:  # pragma: no cover - 59 bits of randomness
        raise RuntimeError("no free tracking code")
    ReportPhoto.objects.bulk_create(
        ReportPhoto(report=report, data=image.data, width=image.width, height=image.height)
        for image in cleaned
    )
    audit.record(
        AuditAction.PUBLIC_REPORT_RECEIVED,
        said(
            gettext_noop("Report from the public %(id)s received (%(photos)s photos)"),
            id=report.pk,
            photos=len(cleaned),
        ),
        actor=None,
        obj=report,
        details={"photos": len(cleaned)},
    )
    return Received(report, code)


def report_by_code(code: str) -> PublicReport | None:
    return PublicReport.objects.filter(tracking_hash=tracking.code_hash(code)).first()


def _open_for_change(report: PublicReport) -> PublicReport:
    current = PublicReport.objects.select_for_update().get(pk=report.pk)
    if current.status == ReportStatus.CLOSED:
        raise ReportClosed()
    return current


LINK_FIELDS = ("application", "applicant", "ring", "organiser")


@transaction.atomic
def link_report(
    report: PublicReport,
    *,
    field: str,
    target: models.Model,
    acting_user: User,
    request: HttpRequest | None = None,
) -> PublicReport:
    """Link the report to an application, applicant, ring or organiser; the reporter sees
    'being looked into'."""
    if field not in LINK_FIELDS:
        raise ValueError(field)
    current = _open_for_change(report)
    setattr(current, field, target)
    if current.status == ReportStatus.RECEIVED:
        current.status = ReportStatus.IN_REVIEW
    current.save(update_fields=[field, "status"])
    audit.record(
        AuditAction.PUBLIC_REPORT_LINKED,
        said(
            gettext_noop("Report from the public %(id)s linked to %(field)s %(target)s"),
            id=current.pk,
            field=field_labels(PublicReport, [field])[0],
            target=target,
        ),
        actor=acting_user,
        obj=current,
        details={field: target.pk},
        request=request,
    )
    return current


@transaction.atomic
def refer_report(
    report: PublicReport,
    *,
    agency: Agency,
    note: str,
    public_note: str,
    acting_user: User,
    request: HttpRequest | None = None,
) -> PublicReport:
    """Refer the report to a police unit: a referral in the unit's queue with what was
    reported, where and who (never the reporter's contact or photos), under a data-sharing
    agreement in force (`NoAgreement` otherwise); recorded on the report, audited."""
    current = _open_for_change(report)
    current.case_referral = partner_services.refer_case(
        agency=agency,
        what=current.what,
        place=current.place,
        who=current.who,
        reported_on=timezone.localdate(current.received_at),
        note=note,
        acting_user=acting_user,
        request=request,
    )
    current.status = ReportStatus.REFERRED
    current.referred_to = agency
    current.referral_note = note
    current.referred_at = timezone.now()
    current.public_note = public_note
    current.save(
        update_fields=[
            "status",
            "referred_to",
            "referral_note",
            "referred_at",
            "public_note",
            "case_referral",
        ]
    )
    audit.record(
        AuditAction.PUBLIC_REPORT_REFERRED,
        said(
            gettext_noop("Report from the public %(id)s referred to %(agency)s"),
            id=current.pk,
            agency=agency.name,
        ),
        actor=acting_user,
        obj=current,
        details={"agency": agency.pk, "note": note, "case_referral": current.case_referral.pk},
        request=request,
    )
    return current


@transaction.atomic
def close_report(
    report: PublicReport,
    *,
    reason: str,
    public_note: str,
    acting_user: User,
    request: HttpRequest | None = None,
) -> PublicReport:
    current = _open_for_change(report)
    previous = current.status
    current.status = ReportStatus.CLOSED
    current.close_reason = reason
    current.closed_at = timezone.now()
    current.public_note = public_note
    current.save(update_fields=["status", "close_reason", "closed_at", "public_note"])
    audit.record(
        AuditAction.PUBLIC_REPORT_CLOSED,
        said(
            gettext_noop("Report from the public %(id)s closed (%(reason)s)"),
            id=current.pk,
            reason=CloseReason(reason).label if reason in CloseReason.values else reason,
        ),
        actor=acting_user,
        obj=current,
        details={"from": previous, "reason": reason},
        request=request,
    )
    return current


# --- Articles -------------------------------------------------------------------------------

_PAGES_GENERATION = "publik:pages:generation"


def pages_generation() -> int:
    return int(cache.get_or_set(_PAGES_GENERATION, 1, timeout=None) or 1)


def forget_cached_pages() -> None:
    """The public pages are built again on their next visit (an article changed)."""
    try:
        cache.incr(_PAGES_GENERATION)
    except ValueError:
        cache.set(_PAGES_GENERATION, 2, timeout=None)


_ARTICLE_FIELDS = (
    "kind",
    "slug",
    "title",
    "title_en",
    "summary",
    "summary_en",
    "body",
    "body_en",
    "publish_at",
)


@transaction.atomic
def save_article(
    article: Article | None,
    *,
    values: dict[str, Any],
    acting_user: User,
    request: HttpRequest | None = None,
) -> Article:
    creating = article is None
    if article is None:
        article = Article(created_by=acting_user)
    changed = sorted(_changes(article, {name: values[name] for name in _ARTICLE_FIELDS}))
    for name in _ARTICLE_FIELDS:
        setattr(article, name, values[name])
    article.save()
    audit.record(
        AuditAction.ARTICLE_CREATED if creating else AuditAction.ARTICLE_UPDATED,
        said(
            gettext_noop("Public article '%(slug)s' created")
            if creating
            else gettext_noop("Public article '%(slug)s' changed"),
            slug=article.slug,
        ),
        actor=acting_user,
        obj=article,
        details={
            "changed": changed,
            "publish_at": article.publish_at.isoformat() if article.publish_at else None,
        },
        request=request,
    )
    forget_cached_pages()
    return article


@transaction.atomic
def add_article_image(
    article: Article,
    *,
    upload: UploadedFile,
    alt: str,
    acting_user: User,
    request: HttpRequest | None = None,
) -> ArticleImage:
    image = clean_image(upload)
    saved = ArticleImage.objects.create(
        article=article, data=image.data, width=image.width, height=image.height, alt=alt
    )
    audit.record(
        AuditAction.ARTICLE_IMAGE_ADDED,
        said(
            gettext_noop("Image %(id)s added to the public article '%(slug)s'"),
            id=saved.pk,
            slug=article.slug,
        ),
        actor=acting_user,
        obj=article,
        details={"image": saved.pk, "width": image.width, "height": image.height},
        request=request,
    )
    forget_cached_pages()
    return saved


# --- The campaign record --------------------------------------------------------------------


def _changes(obj: models.Model, values: dict[str, Any]) -> dict[str, list[str]]:
    """What `values` change, against the stored row (a validated ModelForm has already
    written the new values onto `obj`)."""
    stored = type(obj)._default_manager.filter(pk=obj.pk).first() if obj.pk else None
    return {
        name: [str(getattr(stored, name, "")) if stored else "", str(value)]
        for name, value in values.items()
        if stored is None or getattr(stored, name, None) != value
    }


_Record = TypeVar("_Record", OutreachActivity, MediaCoverage)


def _save_record(
    record: _Record,
    *,
    values: dict[str, Any],
    actions: tuple[AuditAction, AuditAction],
    summary: Callable[[_Record], str],
    acting_user: User,
    request: HttpRequest | None,
    details: dict[str, Any] | None = None,
) -> _Record:
    """Save a new (no pk) or changed record of the campaign and audit what changed."""
    creating = record.pk is None
    changes = _changes(record, values)
    for name, value in values.items():
        setattr(record, name, value)
    record.save()
    audit.record(
        actions[0] if creating else actions[1],
        summary(record),
        actor=acting_user,
        obj=record,
        details={"changes": changes, **(details or {})},
        request=request,
    )
    return record


@transaction.atomic
def save_activity(
    activity: OutreachActivity | None,
    *,
    values: dict[str, Any],
    partners: list[Agency],
    acting_user: User,
    request: HttpRequest | None = None,
) -> OutreachActivity:
    """Record an outreach activity (`activity` None) or change one."""
    saved = _save_record(
        activity or OutreachActivity(recorded_by=acting_user),
        values=values,
        actions=(AuditAction.OUTREACH_RECORDED, AuditAction.OUTREACH_UPDATED),
        summary=lambda a: said(
            gettext_noop("Outreach activity %(id)s on %(day)s at %(place)s, %(people)s people"),
            id=a.pk,
            day=a.held_on,
            place=a.place,
            people=a.people_reached,
        ),
        acting_user=acting_user,
        request=request,
        details={"partners": [agency.pk for agency in partners]},
    )
    saved.partners.set(partners)
    return saved


@transaction.atomic
def save_coverage(
    coverage: MediaCoverage | None,
    *,
    values: dict[str, Any],
    acting_user: User,
    request: HttpRequest | None = None,
) -> MediaCoverage:
    """Record media coverage (`coverage` None) or change it."""
    return _save_record(
        coverage or MediaCoverage(recorded_by=acting_user),
        values=values,
        actions=(AuditAction.COVERAGE_RECORDED, AuditAction.COVERAGE_UPDATED),
        summary=lambda c: said(
            gettext_noop("Media coverage %(id)s: %(outlet)s on %(day)s"),
            id=c.pk,
            outlet=c.outlet,
            day=c.published_on,
        ),
        acting_user=acting_user,
        request=request,
    )

"""The public side: campaign articles, reports from the public, and the campaign record.

A public report keeps no address and no browser string of whoever sent it, and only the
hash of its tracking code (the code itself is shown once, to the reporter).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ArticleKind(models.TextChoices):
    ARTICLE = "article", _("Article")
    ANNOUNCEMENT = "announcement", _("Announcement")
    GUIDE = "guide", _("Safe-migration guide")


GUIDE_SLUG = "panduan-migrasi-aman"


class Article(models.Model):
    """A campaign article, an announcement, or the safe-migration guide (one page).

    Written in Markdown, Indonesian first; the English fields are optional (the Indonesian
    text shows when they are empty). Public from `publish_at` on; a draft has none.
    """

    kind = models.CharField(
        _("kind"), max_length=12, choices=ArticleKind.choices, default=ArticleKind.ARTICLE
    )
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title = models.CharField(_("title (Indonesian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary = models.CharField(_("summary (Indonesian)"), max_length=300, blank=True)
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    body = models.TextField(_("text (Indonesian, Markdown)"), max_length=30000)
    body_en = models.TextField(_("text (English, Markdown)"), max_length=30000, blank=True)
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-publish_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.publish_at is not None and self.publish_at <= timezone.now()

    def localized(self, language: str) -> dict[str, str]:
        english = language.startswith("en")
        return {
            "title": (self.title_en if english and self.title_en else self.title),
            "summary": (self.summary_en if english and self.summary_en else self.summary),
            "body": (self.body_en if english and self.body_en else self.body),
        }


class ArticleImage(models.Model):
    """An image of an article: resized, re-encoded as JPEG, without its metadata."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images")
    data = models.BinaryField(_("image"))
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    alt = models.CharField(_("description of the image"), max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("article image")
        verbose_name_plural = _("article images")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.alt


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_REVIEW = "in_review", _("Being looked into")
    REFERRED = "referred", _("Passed to the police")
    CLOSED = "closed", _("Closed")


class CloseReason(models.TextChoices):
    HANDLED = "handled", _("Handled by the office")
    LINKED_CASE = "linked_case", _("Part of a case the office already handles")
    NOT_TRAFFICKING = "not_trafficking", _("No sign of trafficking found")
    NOT_ENOUGH = "not_enough", _("Not enough information to act on")
    DUPLICATE = "duplicate", _("Same as another report")
    ABUSE = "abuse", _("Not a genuine report")


class PublicReport(models.Model):
    """A report from the public about a job offer or a departure that looks like trafficking.

    Nothing here identifies the sender unless they chose to leave a contact: no IP address,
    no browser string; the tracking code is kept only as its hash.
    """

    tracking_hash = models.CharField(max_length=64, unique=True)
    what = models.TextField(_("what happened"), max_length=4000)
    place = models.CharField(_("where"), max_length=300)
    who = models.CharField(_("who is involved"), max_length=300, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReportStatus.choices,
        default=ReportStatus.RECEIVED,
        db_index=True,
    )
    public_note = models.CharField(_("note for the reporter"), max_length=500, blank=True)
    application = models.ForeignKey(
        "applications.PassportApplication",
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    applicant = models.ForeignKey(
        "applications.Applicant",
        verbose_name=_("applicant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ring = models.ForeignKey(
        "networks.RingCluster",
        verbose_name=_("ring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organiser = models.ForeignKey(
        "networks.LicensedOrganiser",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    referred_to = models.ForeignKey(
        "partners.Agency",
        verbose_name=_("referred to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    referral_note = models.TextField(_("note for the police"), max_length=2000, blank=True)
    # What the police unit received and answers (the partners' referral).
    case_referral = models.ForeignKey(
        "partners.CaseReferral",
        verbose_name=_("referral to the police"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    referred_at = models.DateTimeField(_("referred"), null=True, blank=True)
    close_reason = models.CharField(
        _("reason for closing"), max_length=16, choices=CloseReason.choices, blank=True
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("public report")
        verbose_name_plural = _("public reports")
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"public report {self.pk}"


class ReportPhoto(models.Model):
    """A photo of the offer sent with a report: re-encoded, without its metadata."""

    report = models.ForeignKey(PublicReport, on_delete=models.CASCADE, related_name="photos")
    data = models.BinaryField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"photo {self.pk} of public report {self.report_id}"


class Audience(models.TextChoices):
    VILLAGERS = "villagers", _("Villagers")
    JOB_SEEKERS = "job_seekers", _("Job seekers")
    STUDENTS = "students", _("Pupils and students")
    FAMILIES = "families", _("Families of migrant workers")
    RELIGIOUS = "religious", _("Religious community")
    OFFICIALS = "officials", _("Village and local officials")
    OTHER = "other", _("Other")


class OutreachActivity(models.Model):
    """One campaign activity: a talk, a stand, a radio programme in a village."""

    held_on = models.DateField(_("date"))
    village = models.ForeignKey(
        "regions.Region",
        verbose_name=_("village"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    place = models.CharField(_("place"), max_length=200)
    audience = models.CharField(_("audience"), max_length=12, choices=Audience.choices)
    people_reached = models.PositiveIntegerField(_("people reached"))
    partners = models.ManyToManyField(
        "partners.Agency", verbose_name=_("partner agencies"), blank=True, related_name="+"
    )
    materials = models.TextField(_("materials"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("outreach activity")
        verbose_name_plural = _("outreach activities")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.place}"


class MediaKind(models.TextChoices):
    ONLINE = "online", _("Online news")
    PRINT = "print", _("Newspaper")
    RADIO = "radio", _("Radio")
    TV = "tv", _("Television")
    SOCIAL = "social", _("Social media")


class MediaCoverage(models.Model):
    outlet = models.CharField(_("outlet"), max_length=200)
    kind = models.CharField(_("kind"), max_length=8, choices=MediaKind.choices)
    published_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("media coverage")
        verbose_name_plural = _("media coverage")
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return f"{self.outlet} {self.published_on}"

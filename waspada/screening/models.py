"""Screening policy versions and the risk assessments made under them.

Assessments are history: a new one never overwrites an older one. The latest one is
also copied onto the application (score, level, action) so that queues sort and
filter a million applications by risk with an index.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from waspada.core import audit_summaries
from waspada.core.audit_actions import AuditAction
from waspada.core.jobs import Job
from waspada.core.models import AuditEvent, NumberedVersion, VersionState

# One state list for every versioned rule set (kept under its old name here).
PolicyState = VersionState


class PolicyVersion(NumberedVersion):
    """One numbered version of the indicator policy; never changed once published.

    The version in force on a day is the published one with the latest effective date
    on or before that day (the highest number on a tie).
    """

    data = models.JSONField(_("policy"))
    effective_from = models.DateField(_("effective from"), null=True, blank=True)

    class Meta(NumberedVersion.Meta):
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")


class Trigger(models.TextChoices):
    INTAKE = "intake", _("Registered at the counter")
    IMPORT = "import", _("Imported")
    POLICY = "policy", _("Policy changed")
    FACT = "fact", _("New fact (watchlist, network, interview)")
    MANUAL = "manual", _("Requested by an officer")


class RegistrySnapshot(models.Model):
    """The registries an assessment consulted, as they were (size, last update): one row
    per distinct state, shared by every assessment made while the registries stood so.

    `data`: [{"registry": name, "entries": n, "lists": n or null, "updated": "YYYY-MM-DD"
    or null}, ...] (see `waspada.core.registries.RegistryStatus.snapshot`).
    """

    key = models.CharField(_("key"), max_length=64, unique=True)
    data = models.JSONField(_("registries"), default=list)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("registry snapshot")
        verbose_name_plural = _("registry snapshots")

    def __str__(self) -> str:
        return self.key[:12]


class RiskAssessment(models.Model):
    application = models.ForeignKey(
        "applications.PassportApplication",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    policy_version = models.ForeignKey(
        PolicyVersion, verbose_name=_("policy version"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(_("risk score"))
    level = models.CharField(_("risk level"), max_length=6)
    action = models.CharField(_("recommended action"), max_length=16)
    trigger = models.CharField(_("trigger"), max_length=8, choices=Trigger.choices)
    created_at = models.DateTimeField(_("assessed"), default=timezone.now)
    # Information that moved no score: values a registry does not know, as reason codes
    # with parameters ([{"code": ..., "params": {...}}]), put into words when shown.
    notes = models.JSONField(_("notes"), default=list, blank=True)
    consulted = models.ForeignKey(
        RegistrySnapshot,
        verbose_name=_("registries consulted"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["application", "-created_at"], name="assess_app_idx")]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.score} {self.level}"


class IndicatorHit(models.Model):
    """One indicator that fired in an assessment, with its evidence in both languages."""

    assessment = models.ForeignKey(
        RiskAssessment, verbose_name=_("assessment"), on_delete=models.PROTECT, related_name="hits"
    )
    code = models.CharField(_("indicator"), max_length=8, db_index=True)
    weight = models.PositiveSmallIntegerField(_("weight"))
    strength = models.CharField(_("strength"), max_length=6)
    evidence_id = models.TextField(_("evidence (Indonesian)"))
    evidence_en = models.TextField(_("evidence (English)"))

    class Meta:
        verbose_name = _("indicator hit")
        verbose_name_plural = _("indicator hits")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class ScreeningRun(Job):
    """A bulk (re-)screening done by the background worker, with its progress."""

    TASK = "waspada.screening.tasks.run_screening_task"
    PROGRESS_UNIT = _("applications")

    trigger = models.CharField(_("trigger"), max_length=8, choices=Trigger.choices)
    description = models.CharField(_("description"), max_length=300)
    application_ids = models.JSONField(_("applications"), default=list)

    class Meta(Job.Meta):
        verbose_name = _("screening run")
        verbose_name_plural = _("screening runs")

    def __str__(self) -> str:
        return self.description

    @property
    def description_text(self) -> str:
        """What is screened, in the reader's language: from the message kept with the
        run's "queued" event; as written when the event has none."""
        queued = (
            AuditEvent.objects.filter(
                action=AuditAction.SCREENING_QUEUED,
                object_type=self._meta.label_lower,
                object_id=str(self.pk),
            )
            .values_list("details", flat=True)
            .first()
        )
        params = queued.get(audit_summaries.PARAMS) if isinstance(queued, dict) else None
        described = params.get("description") if isinstance(params, dict) else None
        if isinstance(described, dict):
            return audit_summaries.rendered(self.description, described)
        return audit_summaries.rendered_note(self.description)


class BacktestRun(Job):
    """A backtest of a draft policy against the one in force, done by the background
    worker; the counts are kept as JSON (`backtest.BacktestResult.to_json`)."""

    TASK = "waspada.screening.tasks.run_backtest_task"
    PROGRESS_UNIT = _("applications")

    draft = models.ForeignKey(
        PolicyVersion,
        verbose_name=_("draft"),
        on_delete=models.PROTECT,
        related_name="backtests",
    )
    # The draft as it was when the backtest was asked for: it may be edited meanwhile,
    # and the result must say what it was computed on.
    draft_data = models.JSONField(_("draft policy backtested"))
    in_force = models.ForeignKey(
        PolicyVersion, verbose_name=_("policy in force"), on_delete=models.PROTECT, related_name="+"
    )
    # An open end of the period reaches the end of the history.
    date_from = models.DateField(_("submitted from"), null=True, blank=True)
    date_to = models.DateField(_("submitted until"), null=True, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)

    class Meta(Job.Meta):
        verbose_name = _("policy backtest")
        verbose_name_plural = _("policy backtests")

    def __str__(self) -> str:
        return f"backtest {self.pk}"

    @property
    def draft_changed(self) -> bool:
        """The draft was edited after this backtest was asked for."""
        return self.draft.data != self.draft_data

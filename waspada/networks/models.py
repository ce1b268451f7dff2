"""Licensed organisers and the recruitment rings found among applications (D18).

A full detection run (`waspada detect-networks`, or the "Run detection" button through a
background task) stores every cluster of two or more linked applications it found; older
runs are kept as history, the latest finished one is what screening and the pages read.
Applications saved afterwards are linked into that latest run in place (incremental
linking, see `services.link_applications`); the next full run recomputes everything and
carries reviews and referrals forward to the rings with the same members.
`NetworkKey` holds each application's normalised shared values (phone, names, address,
employer), indexed by (kind, value), so a new application finds its neighbours with one
indexed query instead of a scan.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from waspada.core.jobs import Job, JobState
from waspada.domain.evidence import Reason
from waspada.domain.risk import shared_param
from waspada.networks import labels


def ring_reason(
    ring_id: int,
    size: int,
    districts: int,
    first: dt.date | None,
    last: dt.date | None,
    shared: list[dict[str, Any]] | None,
    score: int,
) -> Reason:
    """The D18 evidence of one ring as a typed fact: its number, size, spread, span, the
    three most widely shared values and its score ("ring #12: 6 applicants from 5
    kecamatan in 21 days share sponsor phone ...; score 80" in English)."""
    days = (last - first).days + 1 if first and last else 0
    values = [
        (str(s.get("kind", "")), [str(r) for r in s.get("roles", ())], str(s.get("value", "")))
        for s in (shared or [])[:3]
        if isinstance(s, dict)
    ]
    return Reason.of(
        "ring_member",
        ring=ring_id,
        size=size,
        districts=districts,
        days=days,
        shared=shared_param(values),
        score=score,
    )


class OrganiserKind(models.TextChoices):
    PPIU = "ppiu", _("Umrah organiser (PPIU)")
    PIHK = "pihk", _("Special hajj organiser (PIHK)")
    P3MI = "p3mi", _("Migrant worker placement agency (P3MI)")


class LicensedOrganiser(models.Model):
    kind = models.CharField(_("kind"), max_length=4, choices=OrganiserKind.choices)
    name = models.CharField(_("name"), max_length=200)
    licence_no = models.CharField(_("licence number"), max_length=100, unique=True)
    phones = models.JSONField(_("office phones (E.164)"), default=list, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("licensed organiser")
        verbose_name_plural = _("licensed organisers")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.licence_no})"


class RunKind(models.TextChoices):
    FULL = "full", _("Full detection")
    # Created by incremental linking when no full detection has run yet.
    LINKS = "links", _("Linked as applications were saved")


# The runs' states are the states of every background job.
RunState = JobState


class RunPhase(models.TextChoices):
    WAITING = "", _("Waiting")
    LOADING = "loading", _("Loading applications")
    CLUSTERING = "clustering", _("Finding clusters")
    STORING = "storing", _("Storing rings")
    RESCREENING = "rescreening", _("Re-screening members whose ring changed")


class DetectionRun(Job):
    """A full detection (queued from the web or run by `waspada detect-networks`), or the
    run applications are linked into as saved when no full detection has run yet.

    `processed` and `total` count within the current phase (applications loaded, members
    re-screened). `finished_at` is when its rings were stored: from then on it is the
    current picture (see `queries.latest_run`), while members whose ring changed are still
    re-screened; the job itself ends later (`ended_at`).
    """

    TASK = "waspada.networks.tasks.detect_networks_task"
    PROGRESS_UNIT = _("applications")

    kind = models.CharField(_("kind"), max_length=5, choices=RunKind.choices, default=RunKind.FULL)
    phase = models.CharField(
        _("phase"), max_length=12, choices=RunPhase.choices, blank=True, default=RunPhase.WAITING
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    applications = models.PositiveIntegerField(_("applications"), default=0)
    clusters = models.PositiveIntegerField(_("clusters"), default=0)
    risky = models.PositiveIntegerField(_("risky rings"), default=0)
    hubs = models.JSONField(_("hubs"), default=list, blank=True)
    # Applications linked into this run as they were saved, after it finished.
    linked = models.PositiveIntegerField(_("applications linked since"), default=0)

    class Meta(Job.Meta):
        verbose_name = _("network detection run")
        verbose_name_plural = _("network detection runs")

    def __str__(self) -> str:
        return f"run {self.pk} ({self.created_at:%Y-%m-%d %H:%M})"


class RingCluster(models.Model):
    run = models.ForeignKey(
        DetectionRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="ring_clusters"
    )
    size = models.PositiveIntegerField(_("applicants"))
    score = models.PositiveSmallIntegerField(_("ring score"))
    risky = models.BooleanField(_("risky ring"), default=False)
    benign = models.BooleanField(_("benign"), default=False)
    # How the score was reached: `evidence.Reason` data ({"code", "params"}), put into
    # words by `reasons.ring_reasons` in the reader's language.
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    # The evidence line without its "ring #N: " prefix (see `evidence`).
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    shared = models.JSONField(_("shared values"), default=list, blank=True)
    organiser = models.CharField(_("licensed organiser"), max_length=200, blank=True)
    first_submitted = models.DateField(_("first submitted"), null=True, blank=True)
    last_submitted = models.DateField(_("last submitted"), null=True, blank=True)
    districts = models.PositiveSmallIntegerField(_("kecamatan"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.CharField(_("review note"), max_length=500, blank=True)
    # Members that joined since the review (carried forward with it): 0 = nothing new.
    joined_since_review = models.PositiveIntegerField(_("joined since the review"), default=0)

    class Meta:
        verbose_name = _("ring cluster")
        verbose_name_plural = _("ring clusters")
        ordering = ["-score", "-size", "id"]
        indexes = [models.Index(fields=["run", "-score"], name="ring_run_score_idx")]

    def __str__(self) -> str:
        return f"ring #{self.pk}"

    @property
    def linked_by(self) -> list[str]:
        """What links the ring, in words, the most widely shared kind first."""
        return labels.linked_by(self.shared)

    @property
    def span_days(self) -> int:
        """Days between the first and the last member's application."""
        if self.first_submitted and self.last_submitted:
            return (self.last_submitted - self.first_submitted).days
        return 0

    @property
    def evidence(self) -> Reason:
        return ring_reason(
            self.pk,
            self.size,
            self.districts,
            self.first_submitted,
            self.last_submitted,
            self.shared,
            self.score,
        )


class RingMembership(models.Model):
    cluster = models.ForeignKey(
        RingCluster, verbose_name=_("ring"), on_delete=models.CASCADE, related_name="memberships"
    )
    application = models.ForeignKey(
        "applications.PassportApplication",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="ring_memberships",
    )
    # ";"-separated link kinds of this member inside the cluster, e.g. "phone;sponsor".
    link_types = models.CharField(_("link types"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("ring member")
        verbose_name_plural = _("ring members")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "application"], name="ring_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.cluster_id}: {self.application_id}"

    @property
    def link_labels(self) -> list[str]:
        """This member's link kinds in the reader's language."""
        return labels.link_labels(self.link_types)


class NetworkKey(models.Model):
    application = models.ForeignKey(
        "applications.PassportApplication",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=12)
    value = models.CharField(_("value"), max_length=255)
    role = models.CharField(_("role"), max_length=12, blank=True)
    joins = models.BooleanField(_("joins clusters"), default=True)
    # Set by incremental linking (empty for keys a full run wrote): a full run that was
    # computing meanwhile links these applications again once it has stored its rings.
    linked_at = models.DateTimeField(_("linked"), null=True, blank=True)

    class Meta:
        verbose_name = _("network key")
        verbose_name_plural = _("network keys")
        indexes = [
            models.Index(fields=["kind", "value"], name="netkey_kind_value_idx"),
            models.Index(
                fields=["linked_at"],
                name="netkey_linked_idx",
                condition=models.Q(linked_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


class VerificationKind(models.TextChoices):
    RECRUITER = "recruiter", _("Recruiter's licence")
    ORGANISER = "organiser", _("Organiser of a group")


class VerificationState(models.TextChoices):
    OPEN = "open", _("To verify")
    REGISTERED = "registered", _("Verified and registered")
    SUSPICIOUS = "suspicious", _("Marked suspicious")
    DISMISSED = "dismissed", _("Dismissed")


class VerificationTask(models.Model):
    """A value screening met that the registry of licensed organisers does not know: a
    recruiter's licence number, or the organiser an organiser-led group names.

    One task per value (`kind`, `key`: the licence key or the organiser's name key), however
    many applications name it; they are its subjects. Unknown is not bad: until a
    supervisor resolves the task the applications only carry a note. Registering adds the
    organiser to the registry; marking it suspicious makes its indicator count (D21 for a
    recruiter, D18 for a group's organiser) on the applications naming it; dismissing
    leaves it unknown. Every change is audited (`verification` module).
    """

    kind = models.CharField(_("kind"), max_length=10, choices=VerificationKind.choices)
    key = models.CharField(_("key"), max_length=255)
    name = models.CharField(_("name"), max_length=200)
    licence_no = models.CharField(_("licence number"), max_length=100, blank=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=VerificationState.choices,
        default=VerificationState.OPEN,
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    organiser = models.ForeignKey(
        LicensedOrganiser,
        verbose_name=_("registered as"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    applications = models.ManyToManyField(
        "applications.PassportApplication",
        through="VerificationSubject",
        verbose_name=_("applications"),
        related_name="verification_tasks",
    )

    class Meta:
        verbose_name = _("verification task")
        verbose_name_plural = _("verification tasks")
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="verification_value_unique")
        ]
        indexes = [models.Index(fields=["state", "-opened_at"], name="verification_state_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"

    @property
    def is_open(self) -> bool:
        return self.state == VerificationState.OPEN


class VerificationSubject(models.Model):
    """An application naming the value of a verification task."""

    task = models.ForeignKey(
        VerificationTask,
        verbose_name=_("verification task"),
        on_delete=models.CASCADE,
        related_name="subjects",
    )
    application = models.ForeignKey(
        "applications.PassportApplication",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("application to verify")
        verbose_name_plural = _("applications to verify")
        constraints = [
            models.UniqueConstraint(
                fields=["task", "application"], name="verification_subject_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.application_id}"

"""Officer training: modules, exercises from decided cases, simulations, assignments and
certificates. Exercises and simulations hold anonymised or synthetic cases only: nothing
here points back at a real application or person."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from waspada.core.jobs import Job
from waspada.domain.training_families import FAMILIES


class Family(models.TextChoices):
    PURPOSE = "purpose", _("Purpose of travel and documents")
    DESTINATION = "destination", _("Destination and route")
    ORGANISERS = "organisers", _("Organisers and recruiters")
    IDENTITY = "identity", _("Identity and history")
    PERSON = "person", _("The person (U01-U10)")


assert [family.key for family in FAMILIES] == Family.values  # one list of families

DEFAULT_PASS_THRESHOLD = 70
DEFAULT_REQUIRED_EXERCISES = 3
CERTIFICATE_MONTHS = 12


class TrainingModule(models.Model):
    """One module per family of indicators. Its content is generated from the policy in
    force; supervisors write the introduction and set the pass mark."""

    family = models.CharField(_("family"), max_length=12, choices=Family.choices, unique=True)
    introduction = models.TextField(_("introduction"), blank=True)
    pass_threshold = models.PositiveSmallIntegerField(
        _("pass mark (0-100)"), default=DEFAULT_PASS_THRESHOLD
    )
    required_exercises = models.PositiveSmallIntegerField(
        _("exercises to pass"), default=DEFAULT_REQUIRED_EXERCISES
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.get_family_display())


class GenerationRun(Job):
    """A background job making exercises from decided applications."""

    TASK = "waspada.training.tasks.generate_exercises_task"
    PROGRESS_UNIT = _("cases")

    requested = models.PositiveIntegerField(_("exercises requested"))
    created_count = models.PositiveIntegerField(_("exercises made"), default=0)

    class Meta(Job.Meta):
        verbose_name = _("exercise generation")
        verbose_name_plural = _("exercise generations")


class Exercise(models.Model):
    """An anonymised decided case, with the truth it is graded against."""

    family = models.CharField(_("family"), max_length=12, choices=Family.choices)
    case = models.JSONField(_("case (anonymised)"))
    indicators = models.JSONField(_("indicators"), default=list)
    questions = models.JSONField(_("questions that matter"), default=list)
    outcome = models.CharField(_("signed-off outcome"), max_length=8)
    reason_code = models.CharField(_("reason code"), max_length=40, blank=True)
    reason = models.TextField(_("signed-off reason (anonymised)"), blank=True)
    evidence = models.JSONField(_("what screening found (anonymised)"), default=list)
    benign = models.BooleanField(_("benign look-alike"), default=False)
    look_alike_of = models.JSONField(_("looks like"), default=list)
    # A keyed hash of the source application (not reversible without the secret key):
    # one exercise per case, and nothing that leads back to it.
    source_key = models.CharField(max_length=64, unique=True, editable=False)
    policy_version = models.PositiveIntegerField(_("policy version"))
    run = models.ForeignKey(
        GenerationRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="exercises"
    )
    created_at = models.DateTimeField(_("made"), default=timezone.now)

    class Meta:
        verbose_name = _("exercise")
        verbose_name_plural = _("exercises")
        ordering = ["id"]
        indexes = [models.Index(fields=["family", "benign"], name="exercise_family_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.family}"


class ExerciseAttempt(models.Model):
    """One trainee's answer to an exercise and its grade (every attempt is kept)."""

    exercise = models.ForeignKey(
        Exercise, verbose_name=_("exercise"), on_delete=models.PROTECT, related_name="attempts"
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="exercise_attempts",
    )
    family = models.CharField(_("family"), max_length=12, choices=Family.choices)
    indicators = models.JSONField(_("indicators picked"), default=list)
    questions = models.JSONField(_("questions picked"), default=list)
    outcome = models.CharField(_("outcome proposed"), max_length=8)
    reason = models.TextField(_("reason"))
    see = models.PositiveSmallIntegerField(_("what you see"))
    ask = models.PositiveSmallIntegerField(_("what you ask"))
    decide = models.PositiveSmallIntegerField(_("what you decide"))
    total = models.PositiveSmallIntegerField(_("score"))
    feedback = models.JSONField(_("feedback"), default=list)
    seconds = models.PositiveIntegerField(_("seconds taken"), default=0)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("exercise attempt")
        verbose_name_plural = _("exercise attempts")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["trainee", "family", "submitted_at"], name="attempt_idx")]

    def __str__(self) -> str:
        return f"{self.trainee_id} #{self.exercise_id}: {self.total}"


class Simulation(models.Model):
    """A deep interview in training mode, on an anonymised or synthetic case."""

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="simulations",
    )
    exercise = models.ForeignKey(
        Exercise, null=True, blank=True, on_delete=models.PROTECT, related_name="simulations"
    )
    case = models.JSONField(_("case"))
    indicators = models.JSONField(_("indicators"), default=list)
    questions = models.JSONField(_("questions that matter"), default=list)
    truth_outcome = models.CharField(_("signed-off outcome"), max_length=8)
    asked = models.JSONField(_("questions asked"), default=list)  # [question, indicator]
    observed = models.JSONField(_("indicators recorded"), default=list)
    notes = models.TextField(_("observations"), blank=True)
    outcome = models.CharField(_("outcome proposed"), max_length=8, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    score = models.JSONField(_("score"), null=True, blank=True)
    total = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)

    class Meta:
        verbose_name = _("simulated interview")
        verbose_name_plural = _("simulated interviews")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.trainee_id} simulation {self.pk}"


class Assignment(models.Model):
    """A module assigned to an officer (directly or through their role), with a due date.
    A refresher names the indicators that changed."""

    module = models.ForeignKey(
        TrainingModule, verbose_name=_("module"), on_delete=models.PROTECT, related_name="+"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        related_name="training_assignments",
    )
    role = models.CharField(_("assigned to the role"), max_length=20, blank=True)
    due_on = models.DateField(_("due"))
    refresher_codes = models.JSONField(_("refresher on"), default=list, blank=True)
    policy_version = models.PositiveIntegerField(_("policy version"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("assigned"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("training assignment")
        verbose_name_plural = _("training assignments")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.officer_id}: {self.module_id} by {self.due_on}"


class Certificate(models.Model):
    """Passing a module: a certificate with an expiry. Issuing and revoking are audited."""

    number = models.CharField(_("certificate number"), max_length=40, unique=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        related_name="training_certificates",
    )
    module = models.ForeignKey(
        TrainingModule, verbose_name=_("module"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(_("score"))
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    expires_on = models.DateField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoke_reason = models.CharField(_("reason for revoking"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("training certificate")
        verbose_name_plural = _("training certificates")
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return self.number

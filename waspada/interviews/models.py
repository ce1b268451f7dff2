"""The interview question bank (versioned) and interview sessions with their answers.

A session keeps the bank version it was held under and a snapshot of each question as
it was asked, so the record reads the same after the bank changes. What the applicant
said about the facts that matter (destination, dates, who pays...) is kept as structured
answers on the session, which the consistency checks compare with the application.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from waspada.core.choices import mirror
from waspada.core.models import NumberedVersion, VersionState
from waspada.domain import consistency

# One state list for every versioned rule set (kept under its old name here).
BankState = VersionState


class QuestionBankVersion(NumberedVersion):
    """One numbered version of the question bank; never changed once published.

    `data` maps a question code to {indicator, text: {id, en}, worrying: {id, en},
    active} (see `waspada.domain.question_bank`). The version in force is the newest
    published one.
    """

    data = models.JSONField(_("questions"), default=dict)

    class Meta(NumberedVersion.Meta):
        verbose_name = _("question bank version")
        verbose_name_plural = _("question bank versions")


class InterviewKind(models.TextChoices):
    STANDARD = "standard", _("Standard interview")
    DEEP = "deep", _("Deep interview (wawancara mendalam)")


class SessionState(models.TextChoices):
    OPEN = "open", _("In progress")
    FINISHED = "finished", _("Finished")


class Observation(models.TextChoices):
    """What the officer saw, as opposed to what the applicant said."""

    FEARFUL = "fearful", _("Fearful or anxious")
    COMPANION_ANSWERS = "companion_answers", _("A companion answers for the applicant")
    COACHED = "coached", _("Answers sound rehearsed or coached")
    COMPANION_HOLDS_DOCUMENTS = (
        "companion_holds_documents",
        _("Someone else holds the applicant's documents"),
    )
    INCONSISTENT_DOCUMENTS = (
        "inconsistent_documents",
        _("Documents do not match what the applicant says"),
    )
    UNAWARE_OF_JOB = "unaware_of_job", _("Does not know the job, pay or contract")
    UNAWARE_OF_ADDRESS = (
        "unaware_of_address",
        _("Does not know where they will stay or work"),
    )


# The indicator each observation raises (the "interview" fact for the screening).
OBSERVATION_INDICATORS: dict[str, str] = {
    Observation.FEARFUL: "D24",
    Observation.COMPANION_ANSWERS: "D24",
    Observation.COACHED: "D24",
    Observation.COMPANION_HOLDS_DOCUMENTS: "U01",
    Observation.INCONSISTENT_DOCUMENTS: "D23",
    Observation.UNAWARE_OF_JOB: "U02",
    Observation.UNAWARE_OF_ADDRESS: "U09",
}
mirror("OBSERVATION_INDICATORS", OBSERVATION_INDICATORS, Observation.values)


class StatedFunds(models.TextChoices):
    OWN = "own", _("Own money or savings")
    FAMILY = "family", _("The family")
    SPONSOR = "sponsor", _("A sponsor or guarantor")
    EMPLOYER = "employer", _("An employer or company")
    RECRUITER = "recruiter", _("A recruiter or agent")
    LOAN = "loan", _("A loan or debt")
    OTHER = "other", _("Other (e.g. a scholarship)")


mirror("StatedFunds", StatedFunds.values, consistency.FUNDS, ordered=True)


class StatedRelation(models.TextChoices):
    NONE = "none", _("No sponsor")
    FAMILY = "family", _("A relative")
    FRIEND = "friend", _("A friend or acquaintance")
    EMPLOYER = "employer", _("The employer")
    RECRUITER = "recruiter", _("A recruiter, agent or field agent (PL)")
    ORGANISER = "organiser", _("A travel or pilgrimage organiser")
    OTHER = "other", _("Other")


mirror("StatedRelation", StatedRelation.values, consistency.RELATIONS, ordered=True)


class StatedTicket(models.TextChoices):
    YES = "yes", _("Has a return ticket")
    NO = "no", _("No return ticket")


class InterviewSession(models.Model):
    application = models.ForeignKey(
        "applications.PassportApplication",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="interviews",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=InterviewKind.choices)
    question_bank = models.ForeignKey(
        QuestionBankVersion,
        verbose_name=_("question bank version"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("interviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The language the questions were asked in (their texts are kept as asked).
    language = models.CharField(_("language"), max_length=2, default="id")
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=8, choices=SessionState.choices, default=SessionState.OPEN
    )
    observations = models.JSONField(_("observations"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # [{"code": "U01", "note": "..."}]: indicators the officer raised for the whole session.
    raised_indicators = models.JSONField(_("indicators raised"), default=list, blank=True)
    # Structured answers: what the applicant said about the facts the checks compare.
    stated_purpose = models.CharField(_("purpose stated"), max_length=16, blank=True)
    stated_destination = models.CharField(_("destination stated"), max_length=2, blank=True)
    stated_departure = models.DateField(_("departure date stated"), null=True, blank=True)
    stated_return_ticket = models.CharField(
        _("return ticket stated"), max_length=3, choices=StatedTicket.choices, blank=True
    )
    stated_funds = models.CharField(
        _("who pays, as stated"), max_length=10, choices=StatedFunds.choices, blank=True
    )
    stated_sponsor_relation = models.CharField(
        _("relation to the sponsor, as stated"),
        max_length=10,
        choices=StatedRelation.choices,
        blank=True,
    )
    # The consistency findings when the session was finished (`consistency.Finding` data).
    findings = models.JSONField(_("consistency findings"), default=list, blank=True)

    class Meta:
        verbose_name = _("interview session")
        verbose_name_plural = _("interview sessions")
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["application", "-started_at"], name="interview_app_idx"),
            models.Index(fields=["state", "-started_at"], name="interview_state_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.kind} {self.started_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.state == SessionState.OPEN


class InterviewAnswer(models.Model):
    """One question of a session (planned or added by the officer) and its answer."""

    session = models.ForeignKey(
        InterviewSession,
        verbose_name=_("interview session"),
        on_delete=models.PROTECT,
        related_name="answers",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    question_code = models.CharField(_("question"), max_length=8)
    question_text = models.TextField(_("question as asked"))
    answer = models.TextField(_("answer"), blank=True)
    worrying = models.BooleanField(_("worrying answer"), default=False)
    raises = models.CharField(_("raises indicator"), max_length=3, blank=True)
    added_by_officer = models.BooleanField(_("added by the officer"), default=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("interview answer")
        verbose_name_plural = _("interview answers")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "question_code"], name="interview_answer_unique_question"
            )
        ]

    def __str__(self) -> str:
        return self.question_code


class InterviewAssignment(models.Model):
    """Who is to interview an application: set by a supervisor, changed by reassigning.

    While the application waits for its interview it is on that officer's queue; once an
    interview is open, reassigning hands the session to the new officer as well.
    """

    application = models.OneToOneField(
        "applications.PassportApplication",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="interview_assignment",
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned interviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)

    class Meta:
        verbose_name = _("interview assignment")
        verbose_name_plural = _("interview assignments")
        indexes = [models.Index(fields=["interviewer"], name="interview_assignee_idx")]

    def __str__(self) -> str:
        return f"{self.application_id} -> {self.interviewer_id}"

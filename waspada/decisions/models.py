"""Decisions on applications (proposal, sign-off) and the official letters they produce.

The rules (what may be proposed when, who signs off) live in `waspada.domain.decisions`;
every change goes through `waspada.decisions.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from waspada.core.choices import mirror
from waspada.domain import decisions as rules


class Outcome(models.TextChoices):
    ISSUE = rules.Outcome.ISSUE, _("Issue (terbit)")
    DEFER = rules.Outcome.DEFER, _("Defer (tunda)")
    REFUSE = rules.Outcome.REFUSE, _("Refuse (tolak)")
    CANCEL = rules.Outcome.CANCEL, _("Cancel (batal)")


class DecisionState(models.TextChoices):
    PROPOSED = rules.State.PROPOSED, _("Awaiting sign-off")
    RETURNED = rules.State.RETURNED, _("Returned")
    IN_FORCE = rules.State.IN_FORCE, _("In force")


class ReasonCode(models.TextChoices):
    NON_PROCEDURAL_WORK = "non_procedural_work", _("Suspected non-procedural migrant work")
    TRAFFICKING_SUSPECTED = "trafficking_suspected", _("Suspected trafficking (TPPO) victim")
    DOCUMENTS_NOT_COMPLETED = "documents_not_completed", _("Documents not completed in time")
    FALSE_STATEMENTS = "false_statements", _("False statements")
    TRAVEL_BAN = "travel_ban", _("On a travel-ban list")
    OBTAINED_BY_FALSE_STATEMENTS = (
        "obtained_by_false_statements",
        _("Passport obtained on false statements"),
    )
    WITHDRAWN_BY_APPLICANT = "withdrawn_by_applicant", _("Withdrawn by the applicant")
    DUPLICATE_APPLICATION = "duplicate_application", _("Duplicate application")


mirror("ReasonCode", ReasonCode.values, rules.REASONS)


class Decision(models.Model):
    """One proposed outcome for an application, and what became of it."""

    application = models.ForeignKey(
        "applications.PassportApplication",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=DecisionState.choices, default=DecisionState.PROPOSED
    )
    reason = models.TextField(_("reason"))
    reason_code = models.CharField(
        _("reason code"), max_length=32, choices=ReasonCode.choices, blank=True
    )
    legal_basis = models.TextField(_("legal basis"), blank=True)
    missing_documents = models.JSONField(_("missing documents"), default=list, blank=True)
    deadline = models.DateField(_("deadline to complete documents"), null=True, blank=True)
    # Where the application was when the proposal was made: a returned proposal goes back.
    from_status = models.CharField(_("status before the proposal"), max_length=16)
    risk_level = models.CharField(_("risk level at the proposal"), max_length=6, blank=True)
    needs_sign_off = models.BooleanField(_("needs a supervisor's sign-off"), default=True)
    automatic = models.BooleanField(
        _("proposed automatically"),
        default=False,
        help_text=_("Proposed by the daily deadline check, not by an officer."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off or returned by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("signed off or returned"), null=True, blank=True)
    review_comment = models.TextField(_("supervisor's comment"), blank=True)
    in_force_at = models.DateTimeField(_("in force since"), null=True, blank=True)
    # A deferral whose documents were completed (the application went back to interview).
    documents_completed_at = models.DateTimeField(_("documents completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-proposed_at", "-id"]
        indexes = [
            models.Index(fields=["state", "proposed_at"], name="decision_queue_idx"),
            models.Index(fields=["outcome", "state", "in_force_at"], name="decision_outcome_idx"),
            models.Index(fields=["deadline"], name="decision_deadline_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.outcome} ({self.state})"


class LetterKind(models.TextChoices):
    DEFERRAL = "penundaan", _("Deferral letter (Surat Penundaan)")
    REFUSAL = "penolakan", _("Refusal letter (Surat Penolakan)")
    INTERVIEW_RECORD = "berita_acara", _("Interview record (Berita Acara Wawancara)")


class LetterSequence(models.Model):
    """The last letter number given out in a year of a series: numbers restart each year.

    The office's letters share one series (""); covering letters of referrals have their
    own ("pengantar") when the office gives them their own number format."""

    series = models.CharField(_("series"), max_length=20, blank=True, default="", db_default="")
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("letter number sequence")
        verbose_name_plural = _("letter number sequences")
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="letter_sequence_series_year")
        ]

    def __str__(self) -> str:
        return f"{self.series or 'letters'} {self.year}: {self.last_number}"


class Letter(models.Model):
    """An official letter as issued: its number, the data it was made from, the PDF."""

    kind = models.CharField(_("kind"), max_length=12, choices=LetterKind.choices)
    application = models.ForeignKey(
        "applications.PassportApplication",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="letters",
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters",
    )
    # The interview a Berita Acara Wawancara records (empty for decision letters).
    interview = models.ForeignKey(
        "interviews.InterviewSession",
        verbose_name=_("interview"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters",
    )
    number = models.CharField(_("letter number"), max_length=120, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence number"))
    # Everything the template was filled with: the PDF can be made again from it.
    context = models.JSONField(_("letter data"), default=dict)
    file = models.FileField(_("PDF"), upload_to="letters/%Y/")
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("made"), default=timezone.now)

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="letter_year_sequence_uniq"),
            # One letter per decision and one record per interview, whoever asks twice.
            models.UniqueConstraint(fields=["decision", "kind"], name="letter_one_per_decision"),
            models.UniqueConstraint(fields=["interview"], name="letter_one_per_interview"),
        ]

    def __str__(self) -> str:
        return self.number


class Signatory(models.Model):
    """An officer's NIP and position as printed under their signature on letters.

    Deferral and refusal letters are signed by the head of office (`Office.head_name`,
    `head_nip`) unless the supervisor who signed the decision off is registered here
    to sign on the head's behalf (*a.n. Kepala Kantor*). An interview record prints
    the interviewer's NIP from here.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        related_name="signatory",
    )
    nip = models.CharField(_("NIP"), max_length=18)
    position = models.CharField(
        _("position"),
        max_length=200,
        blank=True,
        help_text=_("As printed under the name, e.g. Kepala Seksi Lalu Lintas Keimigrasian."),
    )
    signs_for_head = models.BooleanField(
        _("signs letters on behalf of the head of office"),
        default=False,
        help_text=_(
            "Deferral and refusal letters of the decisions this officer signs off carry "
            "their signature (a.n. Kepala Kantor) instead of the head of office's."
        ),
    )

    class Meta:
        verbose_name = _("letter signatory")
        verbose_name_plural = _("letter signatories")

    def __str__(self) -> str:
        return f"{self.user} ({self.nip})"

"""Partner agencies whose users see what their task needs (docs/domain.md)."""

from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from waspada.core.audit_summaries import rendered_note, text
from waspada.core.jobs import Job
from waspada.domain.recommendations import number_key


class AgencyKind(models.TextChoices):
    POLICE = "police", _("Police")
    DISNAKER = "disnaker", _("Manpower office (Disnaker)")
    DUKCAPIL = "dukcapil", _("Population registry (Dukcapil)")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    BP3MI = "bp3mi", _("Migrant-worker protection agency (BP3MI/KP2MI)")
    NGO = "ngo", _("Community organisation / NGO")
    UPTD_PPA = "uptd_ppa", _("Women and children protection unit (UPTD PPA)")
    DINAS_SOSIAL = "dinas_sosial", _("Social affairs office (Dinas Sosial)")


class Agency(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=AgencyKind.choices)
    is_active = models.BooleanField(_("active"), default=True)
    # A Disnaker serves one regency: the recommendations of applicants living there are
    # verified with it ("33.01"; empty: not tied to a regency).
    regency_code = models.CharField(
        _("regency served"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{2}\.[0-9]{2}$", _("A regency code such as 33.01."))],
        help_text=_("For a Disnaker: the regency whose applicants it verifies, e.g. 33.01."),
    )

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    DONE = "done", _("Done")


# What a partner may answer, from each status (Primero's referral flow, without revoke).
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    ReferralStatus.SENT: (ReferralStatus.ACCEPTED, ReferralStatus.REJECTED),
    ReferralStatus.ACCEPTED: (ReferralStatus.DONE,),
    ReferralStatus.REJECTED: (),
    ReferralStatus.DONE: (),
}


class Answered(models.Model):
    """A referral the office sends and the receiving agency answers step by step: who sent
    it and when, and the latest answer (its lifecycle: `LIFECYCLE`, status -> the steps
    that may follow)."""

    LIFECYCLE: dict[str, tuple[str, ...]] = {}

    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    referred_at = models.DateTimeField(_("referred"), default=timezone.now)
    response = models.TextField(_("partner's response"), max_length=2000, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    status: Any

    class Meta:
        abstract = True

    def next_statuses(self) -> list[tuple[str, str]]:
        """(value, label) of the answers the partner may give now."""
        labels = dict(getattr(self._meta.get_field("status"), "choices", None) or [])
        return [(value, str(labels[value])) for value in self.LIFECYCLE[self.status]]


class WithCoveringLetter(models.Model):
    """A referral sent with a covering letter (surat pengantar): its number, from the
    office's letter register, given the first time the letter is made and kept."""

    letter_number = models.CharField(
        _("covering letter number"), max_length=120, blank=True, db_index=True, db_default=""
    )

    class Meta:
        abstract = True


class ToThePolice(Answered):
    """A referral to a police unit, answered sent -> accepted / rejected -> done."""

    LIFECYCLE = NEXT_STATUSES

    status = models.CharField(
        _("status"), max_length=8, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )

    class Meta:
        abstract = True

    @property
    def open(self) -> bool:
        return self.status in {ReferralStatus.SENT, ReferralStatus.ACCEPTED}


class Referral(ToThePolice, WithCoveringLetter):
    """A recruitment ring handed to a partner agency (the police) for investigation.

    The members and the shared values are kept as they were when referred: the partner
    sees exactly what was disclosed, even when the ring later grows, splits or is
    recomputed (the office refers again for newcomers). `ring` follows the ring into
    later detection runs so the office sees the referral on the current ring page.
    """

    ring = models.ForeignKey(
        "networks.RingCluster",
        verbose_name=_("ring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    ring_number = models.PositiveIntegerField(_("ring number when referred"))
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="referrals"
    )
    note = models.TextField(_("note for the partner"), max_length=2000)
    applications = models.ManyToManyField(
        "applications.PassportApplication",
        verbose_name=_("referred applications"),
        related_name="referrals",
    )
    shared = models.JSONField(_("shared values"), default=list, blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-referred_at", "-id"]
        indexes = [models.Index(fields=["agency", "-referred_at"], name="referral_agency_idx")]

    def __str__(self) -> str:
        return f"referral {self.pk}: ring #{self.ring_number} to {self.agency}"


class RecommendationStatus(models.TextChoices):
    ISSUED = "issued", _("Issued")
    REVOKED = "revoked", _("Revoked")


class Recommendation(models.Model):
    """A passport recommendation a Disnaker issued (its register; the agency owns it)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="recommendations"
    )
    number = models.CharField(_("recommendation number"), max_length=100)
    # `recommendations.number_key(number)`: what applications are looked up by.
    number_key = models.CharField(max_length=100, editable=False)
    issued_on = models.DateField(_("issued on"))
    nik = models.CharField(_("NIK"), max_length=16)
    full_name = models.CharField(_("full name"), max_length=200)
    destination_country = models.CharField(_("destination country"), max_length=2)
    employer_name = models.CharField(_("employer"), max_length=200, blank=True)
    p3mi_name = models.CharField(_("P3MI name"), max_length=200, blank=True)
    p3mi_license_no = models.CharField(_("P3MI licence number"), max_length=100, blank=True)
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.ISSUED,
    )
    revoked_reason = models.TextField(_("reason for revoking"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("Disnaker recommendation")
        verbose_name_plural = _("Disnaker recommendations")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="recommendation_unique_no"),
        ]
        indexes = [models.Index(fields=["number_key"], name="recommendation_key_idx")]

    def __str__(self) -> str:
        return f"{self.number} ({self.agency})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.number_key = number_key(self.number)
        super().save(*args, **kwargs)

    @property
    def revoked(self) -> bool:
        return self.status == RecommendationStatus.REVOKED


class RegisterPeriod(models.Model):
    """A Disnaker's word that its register is complete from `starts_on` to `ends_on`: a
    number it does not hold for an application dated then was not issued by it."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="register_periods"
    )
    starts_on = models.DateField(_("complete from"))
    ends_on = models.DateField(_("complete until"))
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("declared by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    declared_at = models.DateTimeField(_("declared"), default=timezone.now)

    class Meta:
        verbose_name = _("complete register period")
        verbose_name_plural = _("complete register periods")
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return f"{self.agency}: {self.starts_on} - {self.ends_on}"


class RequestState(models.TextChoices):
    OPEN = "open", _("Open")
    ISSUED = "issued", _("Issued")
    NOT_ISSUED = "not_issued", _("Not issued")
    REVOKED = "revoked", _("Revoked")


class RecommendationRequest(models.Model):
    """A number applications give that the register does not know: the Disnaker (or,
    with no Disnaker to ask, a supervisor) answers whether it issued it."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendation_requests",
    )
    number = models.CharField(_("recommendation number"), max_length=100)
    number_key = models.CharField(max_length=100, editable=False)
    applications = models.ManyToManyField(
        "applications.PassportApplication",
        verbose_name=_("applications naming it"),
        related_name="recommendation_requests",
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    state = models.CharField(
        _("state"), max_length=10, choices=RequestState.choices, default=RequestState.OPEN
    )
    note = models.TextField(_("note"), max_length=1000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("recommendation verification request")
        verbose_name_plural = _("recommendation verification requests")
        ordering = ["opened_at", "id"]
        indexes = [
            models.Index(fields=["number_key"], name="recrequest_key_idx"),
            models.Index(fields=["agency", "state", "opened_at"], name="recrequest_queue_idx"),
        ]

    def __str__(self) -> str:
        return f"request {self.pk}: {self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.number_key = number_key(self.number)
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.state == RequestState.OPEN

    @property
    def age_days(self) -> int:
        return (timezone.now() - self.opened_at).days


class RecommendationImportJob(Job):
    """A recommendations file uploaded on the register page, imported in the background."""

    TASK = "waspada.partners.tasks.run_recommendation_import"
    PROGRESS_UNIT = _("rows")

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(_("file"), upload_to="recommendations/%Y/%m/")
    filename = models.CharField(_("file name"), max_length=255)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    errors = models.JSONField(_("row errors"), default=list, blank=True)
    failure = models.JSONField(_("failure"), null=True, blank=True)

    class Meta(Job.Meta):
        verbose_name = _("recommendation import")
        verbose_name_plural = _("recommendation imports")

    def __str__(self) -> str:
        return f"{self.filename} ({self.state})"


class SharingKind(models.TextChoices):
    """What a data-sharing agreement covers: the kinds of referral."""

    RING = "ring", _("Rings (to the police)")
    PERSON = "person", _("Persons (suspected victims)")
    CASE = "case", _("Alerts and reports from the public (to the police)")


# The field of an agreement saying it covers each kind of data.
COVER_FIELDS = {
    SharingKind.RING: "covers_rings",
    SharingKind.PERSON: "covers_persons",
    SharingKind.CASE: "covers_cases",
}


class DataSharingAgreement(models.Model):
    """A memorandum or cooperation agreement (MoU/PKS) with an agency: without one in
    force on the day, nothing is shared with it."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="agreements"
    )
    legal_basis = models.CharField(_("legal basis"), max_length=500)
    covers_rings = models.BooleanField(_("covers rings"), default=False)
    covers_persons = models.BooleanField(_("covers persons"), default=False)
    covers_cases = models.BooleanField(_("covers alerts and public reports"), default=False)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    document_reference = models.CharField(_("document reference"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("data-sharing agreement")
        verbose_name_plural = _("data-sharing agreements")
        ordering = ["agency__name", "-valid_until", "-id"]

    def __str__(self) -> str:
        return f"{self.document_reference} ({self.agency})"

    @property
    def covers(self) -> list[str]:
        return [kind for kind, field in COVER_FIELDS.items() if getattr(self, field)]

    def covers_labels(self) -> list[str]:
        labels = dict(SharingKind.choices)
        return [str(labels[kind]) for kind in self.covers]


class PersonReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")
    REVOKED = "revoked", _("Revoked")


# What the receiving agency may answer, from each status (case management: accept or
# reject with a reason, work on it, close it with an outcome).
PERSON_NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    PersonReferralStatus.SENT: (PersonReferralStatus.ACCEPTED, PersonReferralStatus.REJECTED),
    PersonReferralStatus.ACCEPTED: (PersonReferralStatus.IN_PROGRESS, PersonReferralStatus.CLOSED),
    PersonReferralStatus.IN_PROGRESS: (PersonReferralStatus.CLOSED,),
    PersonReferralStatus.REJECTED: (),
    PersonReferralStatus.CLOSED: (),
    PersonReferralStatus.REVOKED: (),
}
# The office may revoke a referral that is still open.
PERSON_OPEN = (
    PersonReferralStatus.SENT,
    PersonReferralStatus.ACCEPTED,
    PersonReferralStatus.IN_PROGRESS,
)


class Need(models.TextChoices):
    SHELTER = "shelter", _("Shelter")
    HEALTH = "health", _("Health care")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial support")
    LEGAL = "legal", _("Legal aid")
    RETURN_HOME = "return_home", _("Return home")
    LIVELIHOOD = "livelihood", _("Livelihood and economic support")
    DOCUMENTS = "documents", _("Identity documents")
    EDUCATION = "education", _("Safe-migration information")


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("Written")
    ORAL = "oral", _("Oral")
    GUARDIAN = "guardian", _("By a parent or guardian")
    NONE = "none", _("No consent: supervisor's override")


class PersonReferral(Answered, WithCoveringLetter):
    """A suspected victim found in an interview, referred to victim services or a
    community organisation with their consent (or a supervisor's override with its legal
    basis). It carries the minimum, copied when referred: the receiving agency never
    sees the application, its risk score, watchlists or rings."""

    LIFECYCLE = PERSON_NEXT_STATUSES

    application = models.ForeignKey(
        "applications.PassportApplication",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="person_referrals",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="person_referrals"
    )
    full_name = models.CharField(_("name"), max_length=200)
    sex = models.CharField(_("sex"), max_length=1)
    age = models.PositiveSmallIntegerField(_("age"))
    contact = models.CharField(_("phone or contact"), max_length=200, blank=True)
    village = models.CharField(_("village"), max_length=100, blank=True)
    regency = models.CharField(_("regency"), max_length=100, blank=True)
    needs = models.JSONField(_("needs"), default=list)
    note = models.TextField(_("note for the agency"), max_length=2000, blank=True)
    summary = models.TextField(_("what the office observed"), max_length=2000)
    consent_method = models.CharField(_("consent"), max_length=8, choices=ConsentMethod.choices)
    consent_given_by = models.CharField(_("consent given by"), max_length=200, blank=True)
    consent_on = models.DateField(_("consent given on"), null=True, blank=True)
    override_basis = models.TextField(_("legal basis of the override"), max_length=1000, blank=True)
    follow_up_due = models.DateField(_("follow up by"))
    status = models.CharField(
        _("status"),
        max_length=11,
        choices=PersonReferralStatus.choices,
        default=PersonReferralStatus.SENT,
    )

    class Meta:
        verbose_name = _("person referral")
        verbose_name_plural = _("person referrals")
        ordering = ["-referred_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "-referred_at"], name="personref_agency_idx"),
            models.Index(fields=["status", "follow_up_due"], name="personref_due_idx"),
        ]

    def __str__(self) -> str:
        return f"person referral {self.pk} to {self.agency}"

    @property
    def open(self) -> bool:
        return self.status in PERSON_OPEN

    @property
    def overdue(self) -> bool:
        return self.open and self.follow_up_due < timezone.localdate()

    def needs_labels(self) -> list[str]:
        labels = dict(Need.choices)
        return [str(labels.get(need, need)) for need in self.needs]


class NikResult(models.TextChoices):
    OPEN = "open", _("Waiting for Dukcapil")
    MATCH = "match", _("Match")
    NO_MATCH = "no_match", _("No match")
    NOT_FOUND = "not_found", _("NIK not found")


class NikChannel(models.TextChoices):
    """Who gave the answer: the provenance of the evidence."""

    LIAISON = "liaison", _("Dukcapil liaison officer")
    ONLINE = "online", _("Dukcapil online service")


class NikVerification(models.Model):
    """A request to Dukcapil to verify an application's NIK with the name, birth place and
    birth date written on it. Dukcapil sees these four values only (copied when asked);
    its answer is evidence for D12 (`waspada.partners.nik_verifications`)."""

    application = models.ForeignKey(
        "applications.PassportApplication",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="nik_verifications",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nik_verifications",
    )
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    nik = models.CharField(_("NIK"), max_length=16)
    full_name = models.CharField(_("full name"), max_length=200)
    birth_place = models.CharField(_("birth place"), max_length=100)
    birth_date = models.DateField(_("birth date"))
    # Why it was asked: an officer's words, or the indicators that asked ("D13").
    reason = models.CharField(_("why asked"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("asked"), default=timezone.now)
    result = models.CharField(
        _("answer"), max_length=10, choices=NikResult.choices, default=NikResult.OPEN
    )
    note = models.TextField(_("note"), max_length=1000, blank=True)
    channel = models.CharField(_("answered through"), max_length=8, choices=NikChannel.choices)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("NIK verification")
        verbose_name_plural = _("NIK verifications")
        ordering = ["opened_at", "id"]
        indexes = [
            models.Index(fields=["agency", "result", "opened_at"], name="nikver_queue_idx"),
        ]

    def __str__(self) -> str:
        return f"NIK verification {self.reference}"

    @property
    def is_open(self) -> bool:
        return self.result == NikResult.OPEN

    @property
    def age_days(self) -> int:
        return ((self.answered_at or timezone.now()) - self.opened_at).days


class CaseReferral(ToThePolice):
    """A case handed to a police unit: a report from the public, or a broker named on an
    application (`application` set, `who` the broker). What was reported, where and who
    is copied when referred (never the reporter's contact or photos, never the applicant's
    file); the police answer it with the lifecycle of a ring referral."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="case_referrals"
    )
    # The application naming the broker referred (empty for a report from the public).
    application = models.ForeignKey(
        "applications.PassportApplication",
        verbose_name=_("application naming the broker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_referrals",
    )
    broker_role = models.CharField(_("broker's role"), max_length=10, blank=True)
    what = models.TextField(_("what was reported"), max_length=4000)
    place = models.CharField(_("where"), max_length=300)
    who = models.CharField(_("who is involved"), max_length=300, blank=True)
    reported_on = models.DateField(_("reported on"))
    note = models.TextField(_("note for the police"), max_length=2000)

    class Meta:
        verbose_name = _("case referral")
        verbose_name_plural = _("case referrals")
        ordering = ["-referred_at", "-id"]
        indexes = [models.Index(fields=["agency", "-referred_at"], name="caseref_agency_idx")]

    def __str__(self) -> str:
        return f"case referral {self.pk} to {self.agency}"


class AlertKind(models.TextChoices):
    WANTED_MATCH = "wanted", _("An applicant matches a wanted person")
    RING = "ring", _("A risky recruitment ring")


class AlertStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")


# What an alert says, copied in English when it is sent and read back in the reader's
# language (registered here, at import, so every process can read them back).
ALERT_WANTED_SUBJECT = text(gettext_noop("%(name)s (%(number)s) matches a wanted person"))
ALERT_RING_SUBJECT = text(gettext_noop("Ring #%(ring)s: %(size)s applicants, score %(score)s"))
ALERT_APPLICANT_LINE = text(
    gettext_noop(
        "%(name)s, NIK %(nik)s, born %(place)s %(date)s (application %(number)s, %(submitted)s)"
    )
)
ALERT_MATCH_LINE = text(gettext_noop("matches %(name)s on '%(list)s' (%(level)s, %(score)s)"))
ALERT_SHARED_LINE = text(gettext_noop("shared: %(values)s"))


class PoliceAlert(models.Model):
    """A supervisor alerts a police unit: an applicant matching a wanted person, or a risky
    ring. What the unit reads is copied when sent (`subject`, `details`)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="alerts"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=AlertKind.choices)
    application = models.ForeignKey(
        "applications.PassportApplication",
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="police_alerts",
    )
    ring = models.ForeignKey(
        "networks.RingCluster",
        verbose_name=_("ring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="police_alerts",
    )
    subject = models.CharField(_("subject"), max_length=300)
    details = models.JSONField(_("what the unit reads"), default=list, blank=True)
    note = models.TextField(_("note for the police"), max_length=2000)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=12, choices=AlertStatus.choices, default=AlertStatus.SENT
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)

    class Meta:
        verbose_name = _("police alert")
        verbose_name_plural = _("police alerts")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["agency", "status", "sent_at"], name="alert_queue_idx")]

    def __str__(self) -> str:
        return f"alert {self.pk} to {self.agency}"

    @property
    def heading(self) -> str:
        """The subject in the reader's language."""
        return rendered_note(self.subject)

    def details_read(self) -> list[str]:
        """What the unit reads, in the reader's language."""
        return [rendered_note(str(line)) for line in self.details or []]


class SubmissionState(models.TextChoices):
    PENDING = "pending", _("Waiting for a supervisor")
    ACCEPTED = "accepted", _("Accepted into the watchlist")
    REJECTED = "rejected", _("Not accepted")


class Submission(models.Model):
    """A wanted person or known broker a police unit submits; it enters a watchlist (with
    its provenance) once a supervisor accepts it."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="submissions"
    )
    list_type = models.CharField(_("type"), max_length=20)
    full_name = models.CharField(_("full name"), max_length=300)
    aliases = models.CharField(_("aliases"), max_length=500, blank=True)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, blank=True)
    phone = models.CharField(_("phone (E.164)"), max_length=20, blank=True)
    basis = models.CharField(_("basis (warrant, DPO or case number)"), max_length=300)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    state = models.CharField(
        _("state"), max_length=8, choices=SubmissionState.choices, default=SubmissionState.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.CharField(_("reason"), max_length=500, blank=True)
    entry = models.ForeignKey(
        "watchlists.WatchlistEntry",
        verbose_name=_("watchlist entry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("watchlist submission")
        verbose_name_plural = _("watchlist submissions")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["state", "submitted_at"], name="submission_state_idx")]

    def __str__(self) -> str:
        return f"submission {self.pk}: {self.full_name}"

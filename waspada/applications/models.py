"""Applicants and their passport applications: the record every later step works on.

Every field of the application exchange format (docs/exchange-format.md) has a home here, so an
export followed by an import loses nothing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from waspada.core import audit_summaries
from waspada.core.choices import mirror
from waspada.core.jobs import Job, JobState
from waspada.domain.documents import PURPOSES
from waspada.domain.names import NAME_KEY_CHARS, PLACE_KEY_CHARS, name_key, normalize_place


class Sex(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")


class Purpose(models.TextChoices):
    TOURISM = "tourism", _("Tourism")
    UMRAH = "umrah", _("Umrah")
    HAJJ = "hajj", _("Hajj")
    WORK = "work", _("Work")
    STUDY = "study", _("Study")
    INTERNSHIP = "internship", _("Internship (magang)")
    FAMILY_VISIT = "family_visit", _("Family visit")
    MEDICAL = "medical", _("Medical treatment")
    BUSINESS = "business", _("Business")
    SEAFARER = "seafarer", _("Seafarer")
    OTHER = "other", _("Other")


mirror("Purpose", Purpose.values, PURPOSES)


class ReturnTicket(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Unknown")


class ApplicationType(models.TextChoices):
    NEW = "new", _("New passport")
    REPLACEMENT = "replacement", _("Replacement (expired or full)")
    LOST = "lost", _("Replacement for a lost passport")
    DAMAGED = "damaged", _("Replacement for a damaged passport")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SCREENING = "screening", _("Screened, awaiting interview")
    INTERVIEW = "interview", _("Interview")
    DECISION_PENDING = "decision_pending", _("Decision pending")
    ISSUED = "issued", _("Issued")
    DEFERRED = "deferred", _("Deferred")
    REFUSED = "refused", _("Refused")
    CANCELLED = "cancelled", _("Cancelled")


class Applicant(models.Model):
    """A person, identified by NIK."""

    nik = models.CharField(_("NIK"), max_length=16, unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_place = models.CharField(_("birth place"), max_length=100)
    birth_date = models.DateField(_("birth date"))
    phone = models.CharField(_("phone (E.164)"), max_length=20, blank=True, db_index=True)
    address = models.CharField(_("address"), max_length=300)
    village = models.ForeignKey(
        "regions.Region", verbose_name=_("village"), on_delete=models.PROTECT, related_name="+"
    )
    education = models.CharField(_("education"), max_length=100, blank=True)
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    marital_status = models.CharField(_("marital status"), max_length=50, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Derived from full_name and birth_place (`identity_keys`), so that the search for one
    # person under two NIKs reads, among thousands born on one day in one place, only the
    # few whose names sound alike (waspada.watchlists.identity).
    name_key = models.CharField(max_length=NAME_KEY_CHARS, blank=True, editable=False)
    birth_place_key = models.CharField(max_length=PLACE_KEY_CHARS, blank=True, editable=False)

    class Meta:
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")
        indexes = [
            models.Index(fields=["full_name"]),
            models.Index(
                fields=["birth_date", "birth_place_key", "name_key"],
                name="applicant_identity_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.nik})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        keys = identity_keys(self.full_name, self.birth_place)
        for name, value in keys.items():
            setattr(self, name, value)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"full_name", "birth_place"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, *keys}
        super().save(*args, **kwargs)


def identity_keys(full_name: str, birth_place: str) -> dict[str, str]:
    """The derived key fields of an applicant with this name and birth place.

    `Applicant.save` sets them; code that writes applicants in bulk adds them itself.
    """
    return {"name_key": name_key(full_name), "birth_place_key": normalize_place(birth_place)}


class PassportApplication(models.Model):
    application_no = models.CharField(_("application number"), max_length=40, unique=True)
    applicant = models.ForeignKey(
        Applicant,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    # The applicant's identity as written on this application (the intake form or the
    # exchange row). The Applicant holds the latest values; these stay as submitted, so an
    # export writes what each application said, and the values of a person's applications
    # are the history of their identity (a name or birth date that changed is D12 evidence).
    full_name = models.CharField(_("full name"), max_length=200)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_place = models.CharField(_("birth place"), max_length=100)
    birth_date = models.DateField(_("birth date"))
    phone = models.CharField(_("phone (E.164)"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=300)
    village = models.ForeignKey(
        "regions.Region", verbose_name=_("village"), on_delete=models.PROTECT, related_name="+"
    )
    education = models.CharField(_("education"), max_length=100, blank=True)
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    marital_status = models.CharField(_("marital status"), max_length=50, blank=True)
    office = models.ForeignKey(
        "regions.Office", verbose_name=_("office"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_on = models.DateField(_("submitted on"))
    application_type = models.CharField(
        _("application type"),
        max_length=12,
        choices=ApplicationType.choices,
        default=ApplicationType.NEW,
    )
    purpose = models.CharField(_("travel purpose"), max_length=16, choices=Purpose.choices)
    destination_country = models.CharField(_("destination country"), max_length=2)
    intended_departure = models.DateField(_("intended departure"), null=True, blank=True)
    return_ticket = models.CharField(
        _("return ticket"), max_length=7, choices=ReturnTicket.choices, default=ReturnTicket.UNKNOWN
    )
    itinerary = models.TextField(_("itinerary"), blank=True)
    funds_source = models.CharField(_("source of funds"), max_length=200, blank=True)
    sponsor_name = models.CharField(_("sponsor / guarantor"), max_length=200, blank=True)
    sponsor_phone = models.CharField(_("sponsor phone"), max_length=20, blank=True, db_index=True)
    sponsor_relation = models.CharField(_("relation to sponsor"), max_length=100, blank=True)
    sponsor_address = models.CharField(_("sponsor address"), max_length=300, blank=True)
    employer_name = models.CharField(_("employer"), max_length=200, blank=True)
    recruiter_name = models.CharField(_("recruiter"), max_length=200, blank=True)
    recruiter_license_no = models.CharField(
        _("recruiter licence number"), max_length=100, blank=True
    )
    disnaker_recommendation_no = models.CharField(
        _("Disnaker recommendation number"), max_length=100, blank=True
    )
    companion_name = models.CharField(_("companion"), max_length=200, blank=True)
    companion_phone = models.CharField(_("companion phone"), max_length=20, blank=True)
    companion_relation = models.CharField(_("relation to companion"), max_length=100, blank=True)
    previous_passport_no = models.CharField(_("previous passport number"), max_length=9, blank=True)
    documents = models.JSONField(_("documents presented"), default=list, blank=True)
    # Optimistic lock: every status change checks and bumps it, so two officers acting
    # on one application at once cannot both win (see services.change_status).
    version = models.PositiveIntegerField(_("version"), default=0)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    # The latest risk assessment, copied here so that queues sort and filter by risk
    # with an index (the assessments themselves are history in the screening app).
    risk_score = models.PositiveSmallIntegerField(_("risk score"), null=True, blank=True)
    risk_level = models.CharField(_("risk level"), max_length=6, blank=True)
    risk_action = models.CharField(_("recommended action"), max_length=16, blank=True)
    # ";"-separated indicator codes of the latest assessment, e.g. "D01;D22".
    risk_indicators = models.CharField(_("indicators"), max_length=300, blank=True)
    # Where the applicant comes from, copied from the village so that lists and reports
    # filter by regency or kecamatan without joining the region tree.
    regency_code = models.CharField(_("regency code"), max_length=5)
    district_code = models.CharField(_("kecamatan code"), max_length=8)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("passport application")
        verbose_name_plural = _("passport applications")
        indexes = [
            models.Index(fields=["-submitted_on", "-id"], name="app_submitted_idx"),
            models.Index(fields=["status", "-submitted_on"], name="app_status_idx"),
            models.Index(fields=["purpose", "-submitted_on"], name="app_purpose_idx"),
            models.Index(fields=["destination_country", "-submitted_on"], name="app_dest_idx"),
            models.Index(fields=["regency_code", "-submitted_on"], name="app_regency_idx"),
            models.Index(fields=["district_code"], name="app_district_idx"),
            models.Index(fields=["status", "-risk_score", "-id"], name="app_queue_idx"),
        ]

    def __str__(self) -> str:
        return self.application_no


class StatusChange(models.Model):
    """The history of an application's status (later steps add their transitions)."""

    application = models.ForeignKey(
        PassportApplication,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="status_changes",
    )
    from_status = models.CharField(_("from"), max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Status.choices)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status} → {self.to_status}"

    @property
    def note_text(self) -> str:
        """The note in the reader's language when it is one the services write ("refuse
        signed off", "intake form"); a note typed by an officer as it was typed."""
        return audit_summaries.rendered_note(self.note)


# The import jobs' states are the states of every background job.
ImportState = JobState


class ImportJob(Job):
    """One uploaded exchange file and what its import did (run by a background task).

    Row errors, warnings and a file-level failure are stored as codes with parameters
    (see `exchange.RowError`), so the status page shows them in the reader's language.
    `total` is the number of rows in the file, None until it is known.
    """

    TASK = "waspada.applications.tasks.run_import_job"
    PROGRESS_UNIT = _("rows")

    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    filename = models.CharField(_("file name"), max_length=255)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected_count = models.PositiveIntegerField(_("rows rejected"), default=0)
    noticed_count = models.PositiveIntegerField(_("rows imported with notices"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    errors = models.JSONField(_("row errors"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    missing_columns = models.JSONField(_("missing columns"), default=list, blank=True)
    failure = models.JSONField(_("failure"), null=True, blank=True)

    class Meta(Job.Meta):
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"{self.filename} ({self.state})"

"""Watchlists, their entries, the matches found on applications and identity duplicates.

Entries are never deleted: they are deactivated (the audit trail and the matches they
raised keep pointing at them). Matches keep the matcher's explanation as reason codes with
parameters, so the page renders them in the reader's language.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ListType(models.TextChoices):
    CEKAL = "cekal", _("Travel ban (cekal)")
    WANTED = "wanted", _("Wanted person")
    KNOWN_BROKER = "known_broker", _("Known broker (calo)")
    PREVIOUSLY_REFUSED = "previously_refused", _("Previously refused")
    DEPORTEE = "deportee", _("Deportee")
    OTHER = "other", _("Other")


class EntrySex(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")


class Watchlist(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    list_type = models.CharField(_("type"), max_length=20, choices=ListType.choices)
    source = models.CharField(_("source"), max_length=300, blank=True)
    owner_agency = models.CharField(_("owner agency"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # The list or one of its entries last changed (imports and changes by hand).
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The last change made by hand (a list edited, an entry added, changed or deactivated on
    # its page); imports are in the audit trail with their file.
    changed_by_hand_at = models.DateTimeField(_("last changed by hand"), null=True, blank=True)
    changed_by_hand_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by hand by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("watchlist")
        verbose_name_plural = _("watchlists")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class WatchlistEntry(models.Model):
    watchlist = models.ForeignKey(
        Watchlist, verbose_name=_("watchlist"), on_delete=models.PROTECT, related_name="entries"
    )
    external_id = models.CharField(_("id in the list"), max_length=100)
    full_name = models.CharField(_("full name"), max_length=300)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    # As given: YYYY-MM-DD, YYYY, or empty.
    birth_date = models.CharField(_("birth date"), max_length=10, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=EntrySex.choices, blank=True)
    nik = models.CharField(_("NIK"), max_length=16, blank=True, db_index=True)
    phone = models.CharField(_("phone (E.164)"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("watchlist entry")
        verbose_name_plural = _("watchlist entries")
        ordering = ["full_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["watchlist", "external_id"], name="watchlist_entry_external_id_unique"
            )
        ]
        indexes = [models.Index(fields=["watchlist", "full_name"], name="wl_entry_name_idx")]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.watchlist_id}:{self.external_id})"


class MatchRole(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    SPONSOR = "sponsor", _("Sponsor")
    COMPANION = "companion", _("Companion")
    RECRUITER = "recruiter", _("Recruiter")


class MatchLevel(models.TextChoices):
    LIKELY = "likely", _("likely")
    POSSIBLE = "possible", _("possible")


class MatchState(models.TextChoices):
    OPEN = "open", _("To review")
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Dismissed")


class WatchlistMatch(models.Model):
    entry = models.ForeignKey(
        WatchlistEntry, verbose_name=_("entry"), on_delete=models.PROTECT, related_name="matches"
    )
    application = models.ForeignKey(
        "applications.PassportApplication",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="watchlist_matches",
    )
    role = models.CharField(_("role"), max_length=10, choices=MatchRole.choices)
    name = models.CharField(_("name matched"), max_length=300)
    score = models.FloatField(_("score"))
    level = models.CharField(_("level"), max_length=8, choices=MatchLevel.choices)
    # [{"code": ..., "params": {...}}, ...] from waspada.domain.matching.Reason.
    explanation = models.JSONField(_("explanation"), default=list, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=MatchState.choices, default=MatchState.OPEN
    )
    # The entry's updated_at when the match was last computed: a dismissed pair comes
    # back only when the entry changed since.
    entry_version = models.DateTimeField(_("entry version"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    created_at = models.DateTimeField(_("found"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("watchlist match")
        verbose_name_plural = _("watchlist matches")
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "application", "role"], name="watchlist_match_unique"
            )
        ]
        indexes = [models.Index(fields=["state", "-created_at"], name="wl_match_state_idx")]

    def __str__(self) -> str:
        return f"{self.application_id} ~ {self.entry_id} ({self.role}, {self.score:.2f})"

    def reasons(self) -> list[dict[str, Any]]:
        return list(self.explanation or [])


class DuplicateKind(models.TextChoices):
    OTHER_NIK = "other_nik", _("Same person under another NIK")
    RECORD_CHANGED = "record_changed", _("Name or birth date changed under the same NIK")


class IdentityDuplicate(models.Model):
    """Two applicant records that look like one person, or one NIK whose identity changed.

    `other_nik`: `applicant` and `other` have different NIKs but a likely name match, the
    same birth date and the same birth place. `record_changed`: `other` is empty and
    `details` holds the name/birth-date changes of the NIK record between applications
    (taken from the "applications.applicant_updated" audit events written by intake and imports).
    """

    kind = models.CharField(_("kind"), max_length=16, choices=DuplicateKind.choices)
    applicant = models.ForeignKey(
        "applications.Applicant",
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="identity_duplicates",
    )
    other = models.ForeignKey(
        "applications.Applicant",
        verbose_name=_("other applicant"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    score = models.FloatField(_("score"), default=1.0)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("found"), default=timezone.now)

    class Meta:
        verbose_name = _("identity duplicate")
        verbose_name_plural = _("identity duplicates")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "applicant", "other"], name="identity_duplicate_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.applicant_id} / {self.other_id}"

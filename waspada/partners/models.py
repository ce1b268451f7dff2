"""Partner agencies whose users see what their task needs (docs/domain.md)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    POLICE = "police", _("Police")
    DISNAKER = "disnaker", _("Manpower office (Disnaker)")
    DUKCAPIL = "dukcapil", _("Population registry (Dukcapil)")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    BP3MI = "bp3mi", _("Migrant-worker protection agency (BP3MI)")
    NGO = "ngo", _("Community organisation / NGO")


class Agency(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=AgencyKind.choices)
    is_active = models.BooleanField(_("active"), default=True)

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


class Referral(models.Model):
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
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    referred_at = models.DateTimeField(_("referred"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=8, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
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

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-referred_at", "-id"]
        indexes = [models.Index(fields=["agency", "-referred_at"], name="referral_agency_idx")]

    def __str__(self) -> str:
        return f"referral {self.pk}: ring #{self.ring_number} to {self.agency}"

    @property
    def open(self) -> bool:
        return self.status in {ReferralStatus.SENT, ReferralStatus.ACCEPTED}

    def next_statuses(self) -> list[tuple[str, str]]:
        """(value, label) of the answers the partner may give now."""
        labels = dict(ReferralStatus.choices)
        return [(value, str(labels[value])) for value in NEXT_STATUSES[self.status]]

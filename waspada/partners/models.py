"""Partner agencies whose users see what their task needs (DOMAIN.md)."""

from django.db import models
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

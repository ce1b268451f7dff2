"""The roles of Waspada's users: who works at the office and its partners (docs/roles.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    INTAKE_OFFICER = "intake_officer", _("Intake officer")
    INTERVIEWER = "interviewer", _("Interview officer")
    SUPERVISOR = "supervisor", _("Supervisor")
    HEAD_OF_OFFICE = "head_of_office", _("Head of office")
    ADMIN = "admin", _("Administrator")
    AUDITOR = "auditor", _("Auditor (read-only)")
    PARTNER = "partner", _("Partner agency")

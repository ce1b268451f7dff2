"""Labels of the kinds of shared values, for the ring and referral pages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

KIND_LABELS = {
    "phone": _("phone"),
    "sponsor": _("sponsor"),
    "companion": _("companion"),
    "recruiter": _("recruiter"),
    "licence": _("recruiter licence"),
    "address": _("address"),
    "employer": _("employer"),
}


def shared_values(shared: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Shared values (kind, value, ...) with the kind's label added."""
    return [
        {**value, "label": KIND_LABELS.get(str(value["kind"]), value["kind"])} for value in shared
    ]

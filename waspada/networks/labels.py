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


def kind_label(kind: str) -> str:
    """A link kind in the reader's language ("telepon" for "phone")."""
    return str(KIND_LABELS.get(kind, kind))


def link_labels(link_types: str) -> list[str]:
    """A member's ";"-separated link kinds, in words."""
    return [kind_label(kind) for kind in link_types.split(";") if kind]


def linked_by(shared: Iterable[Mapping[str, Any]]) -> list[str]:
    """What links a ring, in words: its shared values' kinds, the most widely shared
    first ("telepon, penjamin")."""
    widest: dict[str, int] = {}
    for value in shared:
        kind = str(value.get("kind", ""))
        widest[kind] = max(widest.get(kind, 0), int(value.get("count") or 0))
    ordered = sorted(widest, key=lambda kind: (-widest[kind], kind))
    return [kind_label(kind) for kind in ordered if kind]

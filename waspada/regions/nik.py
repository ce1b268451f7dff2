"""NIK checking inside Django: the bundled region list and officer-facing messages.

The rules themselves live in `waspada.domain.nik`; this module adds the Kepmendagri codes
shipped with the app and translated explanations of each failure.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from waspada.domain.nik import (
    FEMALE,
    MALE,
    Discrepancy,
    NikError,
    NikResult,
    load_region_codes,
    parse_nik,
)

REGION_CSV = Path(__file__).parent / "data" / "wilayah.csv"

# %(code)s is the offending part of the NIK (NikResult.detail), so the officer can see
# at once whether a digit was mistyped.
REASON_MESSAGES: dict[NikError, Promise] = {
    NikError.NOT_16_DIGITS: _(
        "The NIK must have exactly 16 digits (spaces, dots or dashes between groups are allowed)."
    ),
    NikError.UNKNOWN_PROVINCE: _("Unknown province code %(code)s in the NIK (digits 1-2)."),
    NikError.UNKNOWN_REGENCY: _("Unknown regency or city code %(code)s in the NIK (digits 3-4)."),
    NikError.UNKNOWN_DISTRICT: _(
        "Unknown district (kecamatan) code %(code)s in the NIK (digits 5-6)."
    ),
    NikError.IMPOSSIBLE_DATE: _(
        "The birth date in the NIK (digits 7-12: %(code)s, as DDMMYY) is not a real date; "
        "for women the day is increased by 40."
    ),
    NikError.SERIAL_ZERO: _("The serial number in the NIK (last 4 digits) cannot be 0000."),
}

DISCREPANCY_MESSAGES: dict[str, Promise] = {
    "birth_date": _("The NIK gives birth date %(nik)s but %(declared)s was entered."),
    "sex": _("The NIK gives sex %(nik)s but %(declared)s was entered."),
}

SEX_LABELS: dict[str, Promise] = {MALE: _("male"), FEMALE: _("female")}


@functools.cache
def region_codes() -> frozenset[str]:
    """Codes of all provinces, regencies/cities and districts; read once per process."""
    return load_region_codes(REGION_CSV)


def check_nik(nik: str, today: date | None = None) -> NikResult:
    """Parse a NIK against the bundled Kepmendagri region codes."""
    return parse_nik(nik, known_codes=region_codes(), today=today)


def reason_message(result: NikResult) -> str:
    """Why the NIK was rejected, in the active language; "" when it is valid."""
    if result.error is None:
        return ""
    return str(REASON_MESSAGES[result.error]) % {"code": result.detail}


def _show(field: str, value: str) -> str:
    # Dates with the month as a word ("12 Mar 1990"), which no reader can take for
    # month/day; sex as a word rather than the L/P letter.
    if field == "birth_date":
        try:
            return date_format(date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            return value
    if field == "sex":
        label = SEX_LABELS.get(value.strip().upper())
        return str(label) if label is not None else value
    return value


def discrepancy_message(d: Discrepancy) -> str:
    """Explain a contradiction between the form and the NIK, in the active language."""
    template = DISCREPANCY_MESSAGES.get(d.field)
    if template is None:
        return ""
    return str(template) % {
        "nik": _show(d.field, d.from_nik),
        "declared": _show(d.field, d.declared),
    }

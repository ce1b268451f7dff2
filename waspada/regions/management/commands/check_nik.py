"""`waspada check-nik NIK [NIK ...]`: check NIKs and print one JSON object per line.

Reads NIKs from standard input, one per line, when the only argument is "-". The exit
status is 0 whenever the NIKs could be read: validity is in the JSON, so a script can
check a batch without stopping at the first bad number.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from typing import IO, Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from waspada.domain.nik import NikResult
from waspada.regions.nik import check_nik, reason_message

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def result_json(result: NikResult) -> dict[str, Any]:
    """The command's output object for one NIK; keys in a fixed order for readers."""
    parsed = result.parsed
    return {
        "nik": result.nik,
        "valid": result.valid,
        "reason": None if result.valid else reason_message(result),
        "province_code": parsed.province_code if parsed else None,
        "regency_code": parsed.regency_code if parsed else None,
        "district_code": parsed.district_code if parsed else None,
        "birth_date": parsed.birth_date.isoformat() if parsed else None,
        "sex": parsed.sex if parsed else None,
    }


def _parse_today(value: str | None) -> date | None:
    if value is None:
        return None
    # date.fromisoformat alone would also take "20250101" or "2025-W01"; insist on one form.
    try:
        if _ISO_DATE.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise CommandError(
        _("--today must be a real date written as YYYY-MM-DD, e.g. 2025-01-31 (got '%(value)s').")
        % {"value": value}
    )


def _lines(stream: IO[str]) -> Iterator[str]:
    # Blank lines (a trailing newline, a spacer in a pasted list) are not NIKs to report.
    for line in stream:
        if line.strip():
            yield line


class Command(BaseCommand):
    help = (
        "Check Indonesian NIKs (national ID numbers) against the Kepmendagri region codes "
        "and print one JSON object per NIK. Use '-' to read NIKs from standard input."
    )
    # Pure computation: no database, so it also works before `migrate` and offline.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False
    # Tests pass their own input stream: call_command("check_nik", "-", stdin=...).
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "niks",
            nargs="+",
            metavar="NIK",
            help="NIKs to check (16 digits; spaces, dots, dashes allowed), or '-' for stdin.",
        )
        parser.add_argument(
            "--today",
            metavar="YYYY-MM-DD",
            help="Reference date for the century of the birth year (default: today).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        niks: list[str] = options["niks"]
        # Whatever language an earlier caller left active, the office's language is used,
        # as with every other command (settings.LANGUAGE_CODE, Indonesian by default).
        with translation.override(settings.LANGUAGE_CODE):
            today = _parse_today(options.get("today"))
            source: Iterable[str] = niks
            if niks == ["-"]:
                source = _lines(options.get("stdin") or sys.stdin)
            for nik in source:
                result = check_nik(nik, today=today)
                self.stdout.write(json.dumps(result_json(result), ensure_ascii=False))

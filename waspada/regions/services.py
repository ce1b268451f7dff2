"""Loading the region codes and keeping the office's working area, each audited."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_noop

from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said
from waspada.core.models import User
from waspada.regions.models import Level, Office, Region

WILAYAH_CSV = Path(__file__).parent / "data" / "wilayah.csv"

# The CSV's `tingkat` column, mapped to our levels; parents come before children.
_LEVELS = {
    "provinsi": Level.PROVINCE,
    "kabupaten_kota": Level.REGENCY,
    "kecamatan": Level.DISTRICT,
    "desa_kelurahan": Level.VILLAGE,
}
_BATCH = 2000


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    level: str

    @property
    def parent_code(self) -> str | None:
        return self.code.rsplit(".", 1)[0] if "." in self.code else None


def read_regions(path: Path = WILAYAH_CSV) -> list[RegionRow]:
    """All rows of the Kepmendagri list, parents first."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [
            RegionRow(row["kode"].strip(), row["nama"].strip(), _LEVELS[row["tingkat"].strip()])
            for row in csv.DictReader(handle)
        ]
    return sorted(rows, key=lambda row: (row.code.count("."), row.code))


def _batches(rows: list[RegionRow]) -> Iterator[list[RegionRow]]:
    for start in range(0, len(rows), _BATCH):
        yield rows[start : start + _BATCH]


def load_regions(
    *,
    acting_user: User | None = None,
    path: Path = WILAYAH_CSV,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Insert or update every region (idempotent); returns how many rows were read."""
    rows = read_regions(path)
    with transaction.atomic():
        for batch in _batches(rows):
            Region.objects.bulk_create(
                [
                    Region(code=row.code, name=row.name, level=row.level, parent_id=row.parent_code)
                    for row in batch
                ],
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=["name", "level", "parent"],
            )
            if progress:
                progress(len(batch))
        audit.record(
            AuditAction.REGIONS_LOADED,
            said(
                gettext_noop("%(count)s regions loaded from %(file)s"),
                count=len(rows),
                file=path.name,
            ),
            actor=acting_user,
            details={"rows": len(rows), "file": path.name},
        )
        ensure_office(acting_user=acting_user)
    return len(rows)


def ensure_office(*, acting_user: User | None = None) -> Office:
    """The office row; created on first use with the working area from settings."""
    office = Office.objects.first()
    if office is not None:
        return office
    office = Office.objects.create(name=settings.WASPADA_OFFICE_NAME)
    regencies = Region.objects.filter(
        code__in=settings.WASPADA_OFFICE_REGENCIES, level=Level.REGENCY
    )
    office.regencies.set(regencies)
    audit.record(
        AuditAction.OFFICE_CREATED,
        said(gettext_noop("Office %(office)s created"), office=office.name),
        actor=acting_user,
        obj=office,
        details={"regencies": sorted(r.code for r in regencies)},
    )
    return office


@transaction.atomic
def set_working_area(
    office: Office,
    regencies: list[Region],
    *,
    acting_user: User,
    name: str,
    letterhead: Mapping[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> Office:
    """Change the office's name, the regencies and cities it serves and, when given,
    the letterhead and numbering of its letters (address, phone, city, head_name,
    head_nip, letter_number_format, covering_letter_number_format, deferral_days)."""
    before = sorted(office.regencies.values_list("code", flat=True))
    after = sorted(r.code for r in regencies)
    old_name = office.name
    changed = {
        field: [getattr(office, field), value]
        for field, value in (letterhead or {}).items()
        if getattr(office, field) != value
    }
    office.name = name
    for field, (_old, value) in changed.items():
        setattr(office, field, value)
    office.save()
    office.regencies.set(regencies)
    audit.record(
        AuditAction.OFFICE_UPDATED,
        said(
            gettext_noop("Working area of %(office)s: %(regions)s"),
            office=office.name,
            regions=", ".join(after),
        ),
        actor=acting_user,
        obj=office,
        details={"regencies": [before, after], "name": [old_name, name], **changed},
        request=request,
    )
    return office

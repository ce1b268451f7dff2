"""Read helpers for regions: children for the pickers, the working area."""

from __future__ import annotations

from django.db.models import QuerySet

from waspada.regions.models import Level, Office, Region

LEVEL_ORDER = [Level.PROVINCE, Level.REGENCY, Level.DISTRICT, Level.VILLAGE]


def provinces() -> QuerySet[Region]:
    return Region.objects.filter(level=Level.PROVINCE)


def children(parent_code: str) -> QuerySet[Region]:
    return Region.objects.filter(parent_id=parent_code)


def region_path(code: str) -> list[Region]:
    """The region and its ancestors, province first (empty for an unknown code)."""
    parts = code.split(".")
    codes = [".".join(parts[: i + 1]) for i in range(len(parts))]
    return list(Region.objects.filter(code__in=codes).order_by("code"))


def office() -> Office | None:
    return Office.objects.prefetch_related("regencies").first()


def working_area_codes() -> list[str]:
    found = office()
    return sorted(r.code for r in found.regencies.all()) if found else []

"""The families of indicators that officer training is organised in: one module each.

Every indicator of the screening policy belongs to one family; a code the table below
does not name (an indicator added by a later policy version) falls to the family of its
prefix: U-codes to "the person", D-codes to "purpose and documents". Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Family:
    key: str
    title: Mapping[str, str]  # id / en
    codes: tuple[str, ...]


FAMILIES: tuple[Family, ...] = (
    Family(
        "purpose",
        MappingProxyType(
            {"id": "Tujuan perjalanan dan dokumen", "en": "Purpose of travel and documents"}
        ),
        ("D01", "D02", "D03", "D07", "D08", "D09", "D15", "D16", "D25", "D27"),
    ),
    Family(
        "destination",
        MappingProxyType({"id": "Negara tujuan dan rute", "en": "Destination and route"}),
        ("D04", "D05", "D06", "D22"),
    ),
    Family(
        "organisers",
        MappingProxyType({"id": "Penyelenggara dan perekrut", "en": "Organisers and recruiters"}),
        ("D17", "D18", "D19", "D20", "D21"),
    ),
    Family(
        "identity",
        MappingProxyType({"id": "Identitas dan riwayat", "en": "Identity and history"}),
        ("D10", "D11", "D12", "D13", "D14", "D23", "D26", "D28"),
    ),
    Family(
        "person",
        MappingProxyType({"id": "Keadaan orangnya (U01-U10)", "en": "The person (U01-U10)"}),
        ("D24", "U01", "U02", "U03", "U04", "U05", "U06", "U07", "U08", "U09", "U10"),
    ),
)
FAMILY_KEYS: tuple[str, ...] = tuple(family.key for family in FAMILIES)
_BY_CODE: Mapping[str, str] = MappingProxyType(
    {code: family.key for family in FAMILIES for code in family.codes}
)


def family_of(code: str) -> str:
    """The family an indicator code belongs to (by its prefix when the table lacks it)."""
    found = _BY_CODE.get(code)
    if found is not None:
        return found
    return "person" if code.startswith("U") else "purpose"


def family(key: str) -> Family:
    for candidate in FAMILIES:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def group_by_family(codes: Iterable[str]) -> dict[str, list[str]]:
    """`codes` grouped by family, every family present (possibly empty), codes in order."""
    grouped: dict[str, list[str]] = {key: [] for key in FAMILY_KEYS}
    for code in codes:
        grouped[family_of(code)].append(code)
    return grouped

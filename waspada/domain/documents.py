"""Which documents an application needs for its travel purpose (docs/domain.md).

Permenkumham 8/2014 (as amended by 18/2022): KTP, KK and one civil-status proof for
everybody; SE IMI-0277.GR.02.06/2017 and UU 18/2017 add the proofs per purpose.
A missing document is a warning for the officer, never a block at intake.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

DOCUMENT_CODES = (
    "ktp",
    "kk",
    "akta_lahir",
    "ijazah",
    "buku_nikah",
    "surat_baptis",
    "paspor_lama",
    "rekomendasi_disnaker",
    "sarkes",
    "ppiu_letter",
    "surat_jaminan",
    "loa",
    "buku_pelaut",
    "bst",
    "kontrak_kerja",
    "izin_keluarga",
    "tiket_pulang",
    "sertifikat_kompetensi",
    "rekomendasi_kemnaker",
)

PURPOSES = (
    "tourism",
    "umrah",
    "hajj",
    "work",
    "study",
    "internship",
    "family_visit",
    "medical",
    "business",
    "seafarer",
    "other",
)

# Any one of these proves birth and civil status.
CIVIL_STATUS_PROOFS = ("akta_lahir", "ijazah", "buku_nikah", "surat_baptis")

# Documents expected on top of KTP, KK and a civil-status proof.
PURPOSE_DOCUMENTS: dict[str, tuple[str, ...]] = {
    "tourism": ("tiket_pulang",),
    "umrah": ("ppiu_letter",),
    "hajj": ("ppiu_letter",),
    "work": ("rekomendasi_disnaker", "sarkes", "kontrak_kerja", "izin_keluarga"),
    "study": ("loa",),
    # Interns abroad are placed under a Kemnaker recommendation (Permenaker 8/2008).
    "internship": ("loa", "rekomendasi_kemnaker"),
    "family_visit": ("surat_jaminan",),
    "medical": (),
    "business": (),
    "seafarer": ("buku_pelaut", "bst"),
    "other": (),
}


@dataclass(frozen=True)
class MissingDocuments:
    """What is missing: single documents, and whether no civil-status proof was given."""

    documents: tuple[str, ...]
    civil_status_proof: bool

    def __bool__(self) -> bool:
        return bool(self.documents) or self.civil_status_proof


def expected_documents(purpose: str) -> tuple[str, ...]:
    return ("ktp", "kk", *PURPOSE_DOCUMENTS.get(purpose, ()))


def missing_documents(purpose: str, presented: Collection[str]) -> MissingDocuments:
    have = set(presented)
    return MissingDocuments(
        documents=tuple(code for code in expected_documents(purpose) if code not in have),
        civil_status_proof=not have.intersection(CIVIL_STATUS_PROOFS),
    )

"""Who a sponsor, companion or recruiter is: a person, or an organisation.

A broker (calo) is a person - "agen", "bos", "om" - while a travel organiser, a placement
company, a school or a government office organises groups in the open. Screening (D17)
and ring detection (organiser-led groups) both ask this question, the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Words that make a party an organisation rather than a person: in its name (a company, a
# travel or pilgrimage organiser, a placement company, a school, the Ministry of Religious
# Affairs' office or a hajj guidance group (KBIH/KBIHU)) or in the relation the
# applicant gives ("tour leader", "PPIU"...). A broker is a person: "agen", "bos", "om".
_ORGANISATION_NAME_WORDS = frozenset(
    {
        "pt", "cv", "ud", "tbk", "yayasan", "koperasi", "travel", "tour", "tours", "biro",
        "kbih", "ppiu", "pihk", "umroh", "umrah", "haji", "hajj", "wisata", "travelindo",
        "p3mi", "lpk", "manning", "sdn", "bhd", "ltd", "co", "inc", "university",
        "universitas", "institut", "sekolah", "pondok", "pesantren", "kbihu", "kemenag",
        "kankemenag", "kementerian", "dinas", "pemkab", "pemda",
    }
)  # fmt: skip
_ORGANISER_RELATIONS = frozenset(
    {
        "ppiu", "pihk", "kbih", "travel", "tour", "tour leader", "tl", "pemandu", "guide",
        "muthawif", "mutawif", "pembimbing", "pembimbing ibadah", "ustadz", "ustad", "biro",
        "p3mi", "perusahaan", "penyelenggara", "pt", "lpk", "sekolah", "kampus",
        "universitas", "tempat kerja", "kantor", "kbihu", "kemenag",
    }
)  # fmt: skip


@lru_cache(maxsize=65536)
def _words_of(text: str) -> tuple[str, ...]:
    return tuple(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def party_is_organisation(name: str, relation: str) -> bool:
    """Whether a sponsor, companion or recruiter is an organisation (or acts for one)."""
    return name_is_organisation(name) or relation_is_organiser(relation)


def name_is_organisation(name: str) -> bool:
    """Whether a party's name is an organisation's: one of its words is an organisation
    word ("PT", "Travel", "Yayasan"...)."""
    return any(word in _ORGANISATION_NAME_WORDS for word in _words_of(name))


def relation_is_organiser(relation: str) -> bool:
    """Whether the relation an applicant gives says the party acts for an organisation
    ("Tour Leader", "PPIU", "Perusahaan"...)."""
    words = _words_of(relation)
    return any(w in _ORGANISER_RELATIONS for w in words) or any(
        " ".join(words[i : i + 2]) in _ORGANISER_RELATIONS for i in range(len(words) - 1)
    )


def organisation_name_pattern() -> str:
    """A regular expression (Rust and Python syntax) that finds an organisation word in a
    lowercase ASCII name: `name_is_organisation` for a whole column at once."""
    words = "|".join(sorted(_ORGANISATION_NAME_WORDS, key=lambda w: (-len(w), w)))
    return rf"(?:^|[^a-z0-9])(?:{words})(?:[^a-z0-9]|$)"

"""Anonymising a case for training: nothing identifying of the source leaves it."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from waspada.domain.training_anonymise import anonymise, digits, strings_of

WORD = st.from_regex(r"[A-Z][a-z]{2,9}", fullmatch=True)
NAME = st.lists(WORD, min_size=1, max_size=3).map(" ".join)
NIK = st.from_regex(r"33[0-9]{14}", fullmatch=True)
PHONE = st.from_regex(r"\+628[0-9]{8,10}", fullmatch=True)
ADDRESS = st.tuples(WORD, st.integers(1, 300)).map(lambda t: f"Jl. {t[0]} No. {t[1]}")


def _local(phone: str) -> str:
    return "0" + phone[3:]


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    name, sponsor, companion = draw(NAME), draw(NAME), draw(NAME)
    nik, phone, sponsor_phone = draw(NIK), draw(PHONE), draw(PHONE)
    address, village = draw(ADDRESS), draw(WORD)
    # Free text that quotes the identifiers in the ways officers write them down.
    quotes = [
        f"Pemohon {name} (NIK {nik}) tinggal di {address}, Desa {village}.",
        f"Sponsor {sponsor.upper()} bisa dihubungi di {_local(sponsor_phone)}.",
        f"HP pemohon {phone[:6]} {phone[6:]}; ditemani {companion.split()[0].lower()}.",
        f"{name.split()[-1]} menyebut {sponsor.split()[0]} dan {companion}.",
    ]
    text = draw(st.lists(st.sampled_from(quotes), min_size=1, max_size=4).map(" ".join))
    return {
        "person": {
            "full_name": name,
            "nik": nik,
            "sex": draw(st.sampled_from("LP")),
            "birth_date": "1995-04-12",
            "birth_place": draw(WORD),
            "phone": phone,
            "address": address,
            "village": village,
            "district": draw(WORD),
            "regency": "Cilacap",
            "occupation": text,
            "application_no": "2025-000123",
        },
        "trip": {"purpose": "tourism", "destination_country": "MY", "itinerary": text},
        "parties": {
            "sponsor_name": sponsor,
            "sponsor_phone": sponsor_phone,
            "sponsor_address": draw(ADDRESS),
            "companion_name": companion,
            "recruiter_name": draw(NAME),
        },
        "interview": [{"question": "D01-Q1", "answer": text}],
        "evidence": [{"code": "D17", "text": text}],
        "decision": {"outcome": "refuse", "reason": text},
        "indicators": ["D01", "D17"],
    }


def _identifiers(case: dict[str, Any]) -> tuple[set[str], set[str]]:
    """(words, digit strings) that identify the people of the source case."""
    person, parties = case["person"], case["parties"]
    words: set[str] = set()
    for value in (
        person["full_name"],
        person["village"],
        person["district"],
        person["birth_place"],
        parties["sponsor_name"],
        parties["companion_name"],
        parties["recruiter_name"],
        person["address"].split()[1],
        parties["sponsor_address"].split()[1],
    ):
        words |= {word.casefold() for word in value.split()}
    numbers = {person["nik"]}
    for phone in (person["phone"], parties["sponsor_phone"]):
        numbers |= {digits(phone), _local(phone), digits(phone)[2:]}
    return words, numbers


@settings(max_examples=100, deadline=None)
@given(cases(), st.integers(0, 2**32))
def test_no_nik_name_phone_or_address_of_the_source_case_leaves_it(
    case: dict[str, Any], seed: int
) -> None:
    exercise = anonymise(case, seed)
    words, numbers = _identifiers(case)
    for text in strings_of(exercise):
        found = {word.casefold() for word in re.findall(r"[^\W\d_]+", text)}
        assert not found & words, (text, found & words)
        assert not any(number in digits(text) for number in numbers), text
        for address in (case["person"]["address"], case["parties"]["sponsor_address"]):
            assert address.casefold() not in text.casefold()


def test_replacements_are_consistent_within_a_case() -> None:
    case = {
        "person": {
            "full_name": "Siti Aminah",
            "nik": "3301234505950001",
            "phone": "+6281234567890",
            "sex": "P",
            "birth_date": "1995-05-05",
            "village": "Kesugihan",
        },
        "trip": {"itinerary": "Siti Aminah ke rumah Aminah, telepon 081234567890"},
        "parties": {},
        "decision": {"outcome": "refuse", "reason": "Aminah dari desa Kesugihan"},
    }
    first = anonymise(case, 7)
    fake = first["person"]["full_name"]
    surname = fake.split()[-1]
    phone = first["person"]["phone"]
    assert first["trip"]["itinerary"] == f"{fake} ke rumah {surname}, telepon {phone}"
    assert first["decision"]["reason"] == f"{surname} dari desa {first['person']['village']}"
    # Same seed, same copy; birth year kept, NIK consistent with the invented birth date.
    assert anonymise(case, 7) == first
    birth = first["person"]["birth_date"]
    assert birth.startswith("1995-")
    assert first["person"]["nik"][6:12] == f"{int(birth[8:]) + 40:02d}{birth[5:7]}95"

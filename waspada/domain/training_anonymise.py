"""Anonymising a decided case for training: nothing that identifies a person leaves it.

A source case is a plain mapping (built by the training app from an application, its
screening, interview and signed-off decision):

    person:    full_name, nik, sex, birth_date (ISO), birth_place, phone, address,
               village, district, regency, education, occupation, marital_status
    trip:      purpose, destination_country, return_ticket, itinerary, funds_source,
               intended_departure (ISO or ""), documents (codes)
    parties:   sponsor_name, sponsor_phone, sponsor_relation, sponsor_address,
               employer_name, recruiter_name, recruiter_license_no,
               disnaker_recommendation_no, companion_name, companion_phone,
               companion_relation
    interview: [{question, answer}]     free text the officer wrote down
    evidence:  [{code, text}]           what screening found (free text)
    decision:  {outcome, reason_code, reason}
    indicators: [codes]

`anonymise` replaces, consistently within the case, every name (each word of it too),
NIK, phone number, address, village, kecamatan and birth place by invented ones, wherever
they occur - in their own fields and inside every free text. Reference numbers (Disnaker
recommendation, recruiter licence, previous passport, application number) are masked,
and any other long run of digits in free text too. The birth date keeps its year (age
matters to the indicators) and moves within it; codes (purpose, country, documents,
indicators, outcome) stay. The invented values are drawn so that none of them contains
a word or number of the source. Pure: no Django.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterable, Mapping
from typing import Any

MASK = "***"

_FEMALE = ("Sri", "Wulan", "Ratna", "Dewi", "Intan", "Lestari", "Yuliani", "Kartika", "Puspa")
_MALE = ("Agus", "Bambang", "Eko", "Hendra", "Joko", "Rudi", "Slamet", "Wahyu", "Yoga")
_FAMILY = ("Pratama", "Wibowo", "Saputra", "Kusuma", "Nugraha", "Permana", "Santoso", "Hidayat")
_STREETS = ("Kenanga", "Cempaka", "Flamboyan", "Anggrek", "Bougenvil", "Teratai", "Seroja")
_PLACES = (
    "Sukamaju",
    "Tirtasari",
    "Mekarjaya",
    "Sindangrasa",
    "Karangtengah",
    "Wanasari",
    "Sumberrejo",
    "Jatisari",
    "Ngadirejo",
)
_COMPANIES = ("Sentosa Abadi", "Mitra Karya", "Cahaya Timur", "Bina Usaha", "Prima Jaya")

NAME_FIELDS = {
    ("person", "full_name"): "person",
    ("parties", "sponsor_name"): "person",
    ("parties", "companion_name"): "person",
    ("parties", "employer_name"): "company",
    ("parties", "recruiter_name"): "company",
}
PHONE_FIELDS = (("person", "phone"), ("parties", "sponsor_phone"), ("parties", "companion_phone"))
ADDRESS_FIELDS = (("person", "address"), ("parties", "sponsor_address"))
PLACE_FIELDS = (("person", "village"), ("person", "district"), ("person", "birth_place"))
NUMBER_FIELDS = (("parties", "recruiter_license_no"), ("parties", "disnaker_recommendation_no"))
# Dropped outright: they point straight at the real record.
DROPPED_FIELDS = (("person", "application_no"), ("person", "previous_passport_no"))
# Codes and choices: kept as they are.
CODE_FIELDS = {
    ("person", "sex"),
    ("person", "regency"),
    ("trip", "purpose"),
    ("trip", "destination_country"),
    ("trip", "return_ticket"),
    ("trip", "documents"),
    ("trip", "intended_departure"),
    ("person", "birth_date"),
}

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_DIGIT_RUN = re.compile(r"\+?\d(?:[\d\s.\-/]*\d)?")
_MIN_MASKED_DIGITS = 6
# Any other run of this many digits in free text is masked (a phone number written in
# pieces, a NIK with a typo); shorter runs (dates, amounts) stay.
_MASK_DIGITS = 9
# Private-use characters stand for replacements until the digit runs are masked.
_SENTINEL = 0xF0000


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def phone_forms(phone: str) -> set[str]:
    """The ways a phone number is written: +62812..., 62812..., 0812..., 812..."""
    number = digits(phone)
    if len(number) < _MIN_MASKED_DIGITS:
        return set()
    national = number[2:] if number.startswith("62") else number.lstrip("0")
    return {number, "+" + number, "0" + national, "62" + national, "+62" + national, national}


def words(text: str) -> set[str]:
    """The words of three letters or more in `text`, lower case."""
    return {word.casefold() for word in _WORD.findall(text or "")}


def _get(case: Mapping[str, Any], path: tuple[str, str]) -> str:
    value = (case.get(path[0]) or {}).get(path[1], "")
    return value if isinstance(value, str) else ""


def source_identifiers(case: Mapping[str, Any]) -> dict[str, set[str]]:
    """What identifies the people of `case`: names, NIKs, phones, addresses, places,
    numbers (each as written in the case)."""
    found: dict[str, set[str]] = {
        "names": set(),
        "niks": set(),
        "phones": set(),
        "addresses": set(),
        "places": set(),
        "numbers": set(),
    }
    for path in NAME_FIELDS:
        if value := _get(case, path).strip():
            found["names"].add(value)
    if nik := _get(case, ("person", "nik")).strip():
        found["niks"].add(nik)
    for path in PHONE_FIELDS:
        if value := _get(case, path).strip():
            found["phones"].add(value)
    for path in ADDRESS_FIELDS:
        if value := _get(case, path).strip():
            found["addresses"].add(value)
    for path in PLACE_FIELDS:
        if value := _get(case, path).strip():
            found["places"].add(value)
    for path in (*NUMBER_FIELDS, *DROPPED_FIELDS):
        if value := _get(case, path).strip():
            found["numbers"].add(value)
    return found


class _Faker:
    """Invented values that share no word and no number with the source."""

    def __init__(self, rng: random.Random, forbidden_words: set[str], forbidden_digits: set[str]):
        self.rng = rng
        self.forbidden_words = forbidden_words
        self.forbidden_digits = forbidden_digits
        self.used: set[str] = set()

    def _clean(self, value: str) -> bool:
        if value in self.used or words(value) & self.forbidden_words:
            return False
        number = digits(value)
        return not any(source in number for source in self.forbidden_digits if source)

    def _pick(self, make: Any) -> str:
        for _ in range(200):
            value = make()
            if self._clean(value):
                self.used.add(value)
                return str(value)
        raise ValueError("no invented value avoids the source case")  # pragma: no cover

    def person(self, sex: str) -> str:
        firsts = _FEMALE if sex == "P" else _MALE
        return self._pick(lambda: f"{self.rng.choice(firsts)} {self.rng.choice(_FAMILY)}")

    def company(self) -> str:
        return self._pick(lambda: f"PT {self.rng.choice(_COMPANIES)}")

    def place(self) -> str:
        return self._pick(lambda: self.rng.choice(_PLACES))

    def address(self) -> str:
        return self._pick(lambda: f"Jl. {self.rng.choice(_STREETS)} No. {self.rng.randint(1, 99)}")

    def phone(self) -> str:
        return self._pick(lambda: "+628" + "".join(self.rng.choices("0123456789", k=9)))

    def nik(self, birth: dt.date, sex: str) -> str:
        day = birth.day + (40 if sex == "P" else 0)
        return self._pick(
            lambda: (
                f"330199{day:02d}{birth.month:02d}{birth.year % 100:02d}"
                f"{self.rng.randint(1, 9999):04d}"
            )
        )


def _shift_birth(value: str, rng: random.Random) -> dt.date:
    try:
        year = dt.date.fromisoformat(value).year
    except ValueError:
        year = 1990
    return dt.date(year, rng.randint(1, 12), rng.randint(1, 28))


class _Scrubber:
    """Replaces known identifiers (and their words) in free text, then masks long digit
    runs left over."""

    def __init__(self) -> None:
        self.phrases: dict[str, str] = {}  # casefolded source phrase -> replacement
        self.numbers: dict[str, str] = {}  # source digits -> replacement

    def phrase(self, source: str, replacement: str) -> None:
        source = " ".join(source.split())
        if source and words(source):
            self.phrases.setdefault(source.casefold(), replacement)

    def tokens(self, source: str, replacement: str) -> None:
        """Every word of `source` -> a word of `replacement` (by position)."""
        fake_words = [w for w in replacement.split() if _WORD.fullmatch(w)] or [MASK]
        for index, word in enumerate(_WORD.findall(source)):
            self.phrases.setdefault(word.casefold(), fake_words[min(index, len(fake_words) - 1)])

    def number(self, source: str, replacement: str) -> None:
        if len(digits(source)) >= 3:
            self.numbers.setdefault(digits(source), replacement)

    def compile(self) -> None:
        ordered = sorted(self.phrases, key=len, reverse=True)
        if ordered:
            alternatives = "|".join(
                r"\s+".join(re.escape(part) for part in phrase.split()) for phrase in ordered
            )
            self._pattern: re.Pattern[str] | None = re.compile(
                rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", re.IGNORECASE | re.UNICODE
            )
        else:
            self._pattern = None

    def _digits(self, match: re.Match[str]) -> str:
        run = match.group(0)
        number = digits(run)
        for source, replacement in self.numbers.items():
            if number == source or (len(source) >= 8 and source in number):
                return replacement
        national = number[2:] if number.startswith("62") else number.lstrip("0")
        for source, replacement in self.numbers.items():
            if len(national) >= 8 and national in source:
                return replacement
        return MASK if len(number) >= _MASK_DIGITS else run

    def text(self, value: str) -> str:
        if not value:
            return value
        sentinels: list[str] = []

        def stash(replacement: str) -> str:
            sentinels.append(replacement)
            return chr(_SENTINEL + len(sentinels) - 1)

        if self._pattern is not None:
            value = self._pattern.sub(
                lambda m: stash(self.phrases[" ".join(m.group(0).split()).casefold()]), value
            )
        value = _DIGIT_RUN.sub(lambda m: stash(self._digits(m)), value)
        return "".join(
            sentinels[ord(ch) - _SENTINEL]
            if _SENTINEL <= ord(ch) < _SENTINEL + len(sentinels)
            else ch
            for ch in value
        )


def anonymise(case: Mapping[str, Any], seed: int) -> dict[str, Any]:
    """An anonymised copy of `case` (see the module docstring); the same seed gives the
    same copy."""
    rng = random.Random(seed)
    found = source_identifiers(case)
    forbidden_words: set[str] = set()
    for kind in ("names", "addresses", "places"):
        for value in found[kind]:
            forbidden_words |= words(value)
    forbidden_digits = {digits(v) for v in found["niks"] | found["numbers"]}
    for phone in found["phones"]:
        forbidden_digits |= {digits(form) for form in phone_forms(phone)}
    forbidden_digits = {d for d in forbidden_digits if len(d) >= 4}
    faker = _Faker(rng, forbidden_words, forbidden_digits)
    scrub = _Scrubber()

    person = dict(case.get("person") or {})
    parties = dict(case.get("parties") or {})
    trip = dict(case.get("trip") or {})
    sections = {"person": person, "parties": parties, "trip": trip}
    sex = str(person.get("sex") or "L")
    birth = _shift_birth(str(person.get("birth_date") or ""), rng)

    replaced: dict[str, str] = {}  # consistent: one source value, one fake

    def fake_for(source: str, make: Any) -> str:
        key = " ".join(source.split()).casefold()
        if key not in replaced:
            replaced[key] = make()
        return replaced[key]

    def replace_words(path: tuple[str, str], make: Any) -> str:
        """Replace the field at `path` (and its words wherever they occur) by a fake."""
        section, field = path
        source = str(sections[section].get(field) or "").strip()
        if not source:
            return ""
        fake = fake_for(source, make)
        sections[section][field] = fake
        scrub.phrase(source, fake)
        scrub.tokens(source, fake)
        return source

    for path, kind in NAME_FIELDS.items():
        person_sex = sex if path[1] == "full_name" else "L"
        replace_words(
            path,
            faker.company
            if kind == "company"
            else lambda person_sex=person_sex: faker.person(person_sex),
        )
    for path in ADDRESS_FIELDS:
        for number in re.findall(r"\d+", replace_words(path, faker.address)):
            scrub.number(number, MASK)
    for path in PLACE_FIELDS:
        replace_words(path, faker.place)
    nik = str(person.get("nik") or "").strip()
    fake_nik = faker.nik(birth, sex)
    person["nik"] = fake_nik
    if nik:
        scrub.number(nik, fake_nik)
    for section, field in PHONE_FIELDS:
        source = str(sections[section].get(field) or "").strip()
        if not source:
            continue
        fake = fake_for(digits(source)[-9:], faker.phone)
        sections[section][field] = fake
        for form in phone_forms(source):
            scrub.number(form, fake)
    for section, field in NUMBER_FIELDS:
        source = str(sections[section].get(field) or "").strip()
        if source:
            sections[section][field] = MASK
            scrub.phrase(source, MASK)
            scrub.number(source, MASK)
    for section, field in DROPPED_FIELDS:
        source = str(sections[section].pop(field, "") or "").strip()
        if source:
            scrub.phrase(source, MASK)
            scrub.number(source, MASK)
    person["birth_date"] = birth.isoformat()
    scrub.compile()

    replaced_fields = {*CODE_FIELDS, *NAME_FIELDS, *PHONE_FIELDS, *ADDRESS_FIELDS, *PLACE_FIELDS}
    replaced_fields.add(("person", "nik"))
    for section_name, values in sections.items():
        for key, value in list(values.items()):
            if (section_name, key) not in replaced_fields:
                values[key] = _scrub_value(value, scrub)
    decision = dict(case.get("decision") or {})
    decision["reason"] = scrub.text(str(decision.get("reason") or ""))
    return {
        "person": person,
        "trip": trip,
        "parties": parties,
        "interview": [
            {"question": str(row.get("question", "")), "answer": scrub.text(str(row["answer"]))}
            for row in case.get("interview") or ()
            if row.get("answer")
        ],
        "evidence": [
            {"code": str(row.get("code", "")), "text": scrub.text(str(row.get("text", "")))}
            for row in case.get("evidence") or ()
        ],
        "decision": decision,
        "indicators": list(case.get("indicators") or ()),
    }


def _scrub_value(value: Any, scrub: _Scrubber) -> Any:
    if isinstance(value, str):
        return scrub.text(value)
    if isinstance(value, list | tuple):
        return [_scrub_value(item, scrub) for item in value]
    return value


def strings_of(value: Any) -> Iterable[str]:
    """Every string inside `value` (mappings: their values), depth first."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from strings_of(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_of(item)

"""Who applies: NIKs, phones, villages of the office's area, organisers' phones."""

from __future__ import annotations

from collections import Counter, defaultdict

from waspada.domain.nik import load_region_codes, parse_nik
from waspada.domain.phones import normalize_phone
from waspada.synthetic import REGENCIES, Case, Pattern, Village
from waspada.synthetic.area import ELSEWHERE_DISTRICTS
from waspada.synthetic.organisers import LICENSED_P3MI, LICENSED_PPIU
from waspada.synthetic.tests.conftest import WILAYAH


def test_niks_are_valid_and_agree_with_birth_date_sex_and_kecamatan(
    year_2024: list[Case],
) -> None:
    codes = load_region_codes(WILAYAH)
    elsewhere = 0
    for case in year_2024:
        person = case.applicant
        result = parse_nik(person.nik, known_codes=codes, today=case.application.submitted_on)
        assert result.parsed is not None, (person.nik, result.error)
        assert result.parsed.birth_date == person.birth_date
        assert result.parsed.sex == person.sex
        assert person.village_code.startswith(result.parsed.district_code + ".") or (
            result.parsed.district_code in codes
        )
        if not person.village_code.startswith(result.parsed.district_code + "."):
            elsewhere += 1
    assert 0.03 < elsewhere / len(year_2024) < 0.08


def test_a_nik_belongs_to_one_person_and_repeats_only_in_duplicates(
    year_2024: list[Case],
) -> None:
    by_nik: dict[str, list[Case]] = defaultdict(list)
    for case in year_2024:
        by_nik[case.applicant.nik].append(case)
    for cases in by_nik.values():
        if len(cases) > 1:
            assert {case.pattern for case in cases} == {Pattern.DUPLICATE}
            assert len({case.group for case in cases}) == 1
            assert len({(c.applicant.full_name, c.applicant.birth_date) for c in cases}) == 1


def test_elsewhere_districts_and_organisers_are_real_codes_and_valid_phones() -> None:
    codes = load_region_codes(WILAYAH)
    assert all(code in codes for code, _place in ELSEWHERE_DISTRICTS)
    for organiser in (*LICENSED_PPIU, *LICENSED_P3MI):
        assert normalize_phone(organiser.phone) == organiser.phone


def test_every_phone_is_valid_e164(year_2024: list[Case]) -> None:
    for case in year_2024:
        phones = (
            case.applicant.phone,
            case.application.sponsor_phone,
            case.application.companion_phone,
        )
        assert case.applicant.phone
        for phone in filter(None, phones):
            assert normalize_phone(phone) == phone, phone


def test_villages_are_real_and_regencies_weighted_by_size(
    year_2024: list[Case], villages: list[Village]
) -> None:
    known = {village.code for village in villages}
    assert all(case.applicant.village_code in known for case in year_2024)
    shares = Counter(case.applicant.village_code[:5] for case in year_2024)
    for code, profile in REGENCIES.items():
        assert abs(shares[code] / len(year_2024) - profile.weight) < 0.02, code
    assert shares["33.01"] > shares["33.05"] > shares["33.03"]


# --- mix and patterns ------------------------------------------------------------------

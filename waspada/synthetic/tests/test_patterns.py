"""The mix of a year: purposes, the patterns screening must catch, benign lookalikes."""

from __future__ import annotations

from collections import Counter

from waspada.synthetic import Case, Pattern
from waspada.synthetic.destinations import PURPOSE_MIX
from waspada.synthetic.organisers import LICENSED_PPIU
from waspada.synthetic.tests.conftest import age, groups


def test_purpose_mix_is_within_tolerance(year_2024: list[Case]) -> None:
    shares = Counter(case.application.purpose for case in year_2024)
    for purpose, share in PURPOSE_MIX.items():
        assert abs(shares[purpose] / len(year_2024) - share) < max(0.015, share * 0.15), purpose


def test_a_year_holds_a_few_suspicious_percent_and_every_pattern(
    year_2024: list[Case],
) -> None:
    counts = Counter(case.pattern for case in year_2024)
    suspicious = sum(1 for case in year_2024 if case.suspicious)
    assert 0.01 <= suspicious / len(year_2024) <= 0.02
    assert counts[Pattern.DISGUISED_TOURISM] == 140
    assert counts[Pattern.MIDDLE_EAST_DOMESTIC] == 30
    assert counts[Pattern.UMRAH_COVER] == 40
    assert counts[Pattern.NO_AGREEMENT_JOB] == 40
    assert counts[Pattern.UNDER_18_WORK] == 10
    assert counts[Pattern.DUPLICATE] == 50
    assert 10 <= len(groups(year_2024, "ring-")) <= 30
    assert counts[Pattern.FAMILY] > 1000
    assert counts[Pattern.PPIU_PHONE] > 1000


def test_rings_share_the_broker_phone_across_different_kecamatan(
    year_2024: list[Case],
) -> None:
    rings = groups(year_2024, "ring-")
    for members in rings.values():
        assert 3 <= len(members) <= 8
        phones = [
            {m.application.sponsor_phone, m.application.companion_phone} - {""} for m in members
        ]
        assert set.intersection(*phones), "no phone common to every member"
        districts = {m.applicant.village_code.rsplit(".", 1)[0] for m in members}
        assert len(districts) == len(members)
        assert len({m.application.destination_country for m in members}) == 1
        dates = [m.application.submitted_on for m in members]
        assert (max(dates) - min(dates)).days <= 35
        assert all({"D17", "D18"} <= set(m.indicators) for m in members)


def test_duplicates_are_one_nik_applying_twice_within_weeks(year_2024: list[Case]) -> None:
    duplicates = groups(year_2024, "dup-")
    assert len(duplicates) == 25
    for first, second in duplicates.values():
        assert first.applicant.nik == second.applicant.nik
        assert first.application.application_no != second.application.application_no
        assert 7 <= (second.application.submitted_on - first.application.submitted_on).days <= 50


def test_under_18_work_applicants_are_16_or_17(year_2024: list[Case]) -> None:
    minors = [case for case in year_2024 if case.pattern == Pattern.UNDER_18_WORK]
    assert minors
    for case in minors:
        assert case.application.purpose == "work"
        assert 16 <= age(case) <= 17


def test_disguised_work_looks_like_it(year_2024: list[Case]) -> None:
    for case in year_2024:
        app = case.application
        if case.pattern == Pattern.DISGUISED_TOURISM:
            assert app.purpose == "tourism" and app.return_ticket != "yes"
            assert app.application_type == "new" and 18 <= age(case) <= 31
        elif case.pattern == Pattern.MIDDLE_EAST_DOMESTIC:
            assert app.destination_country in {"SA", "AE", "QA", "KW", "OM", "JO"}
            assert case.applicant.occupation in {"Ibu Rumah Tangga", "Asisten Rumah Tangga"}
        elif case.pattern == Pattern.UMRAH_COVER:
            assert app.destination_country == "SA" and "ppiu_letter" not in app.documents
        elif case.pattern == Pattern.NO_AGREEMENT_JOB:
            assert app.destination_country in {"KH", "MM", "LA", "TH"} and app.itinerary


def test_fake_recommendation_numbers_are_never_issued_ones(year_2024: list[Case]) -> None:
    genuine = [
        case.application.disnaker_recommendation_no
        for case in year_2024
        if not case.suspicious and case.application.purpose == "work"
    ]
    fakes = {
        case.application.disnaker_recommendation_no for case in year_2024 if case.suspicious
    } - {""}
    assert len(genuine) > 3000 and len(set(genuine)) == len(genuine)
    assert all(number.endswith("/REKOM/2024") for number in genuine)
    assert fakes and not fakes.intersection(genuine)


def test_benign_families_share_address_day_and_name_each_other(
    year_2024: list[Case],
) -> None:
    families = groups(year_2024, "family-")
    assert len(families) > 1000
    for members in families.values():
        assert len({m.applicant.address for m in members}) == 1
        assert len({m.applicant.village_code for m in members}) == 1
        assert len({m.application.submitted_on for m in members}) == 1
        names = {m.applicant.full_name for m in members}
        assert all(m.application.companion_name in names for m in members[1:])


def test_many_pilgrims_give_their_licensed_ppiu_office_phone(year_2024: list[Case]) -> None:
    licensed = {organiser.phone for organiser in LICENSED_PPIU}
    phones = Counter(
        case.application.sponsor_phone
        for case in year_2024
        if case.application.purpose == "umrah" and case.application.sponsor_phone
    )
    shared = sum(count for phone, count in phones.items() if phone in licensed)
    assert shared > 3000
    assert max(phones.values()) > 500

"""Consistency checks: the interview's structured answers against the application, and
the application against the same person's earlier applications."""

from __future__ import annotations

import datetime as dt

import pytest

from waspada.domain.consistency import (
    ApplicationFacts,
    EarlierApplication,
    Finding,
    StatedFacts,
    check_history,
    check_statements,
    funds_category,
    relation_category,
    same_person_name,
)

TODAY = dt.date(2026, 3, 2)
TOURIST = ApplicationFacts(
    purpose="tourism",
    destination_country="JP",
    intended_departure=dt.date(2026, 4, 3),
    return_ticket="yes",
    funds_source="Tabungan pribadi",
    sponsor_name="",
    sponsor_relation="",
)
SAME_STORY = StatedFacts(
    purpose="tourism",
    destination_country="jp",
    departure=dt.date(2026, 4, 6),
    return_ticket="yes",
    funds="own",
    sponsor_relation="none",
)


def codes(findings: list[Finding]) -> list[str]:
    return [finding.code for finding in findings]


def test_an_honest_applicant_contradicts_nothing() -> None:
    assert check_statements(TOURIST, SAME_STORY) == []


def test_questions_not_asked_are_not_compared() -> None:
    assert check_statements(TOURIST, StatedFacts()) == []


@pytest.mark.parametrize(
    ("stated", "code", "application", "said"),
    [
        (StatedFacts(purpose="work"), "purpose", "tourism", "work"),
        (StatedFacts(destination_country="sa"), "destination", "JP", "SA"),
        (StatedFacts(departure=dt.date(2026, 5, 1)), "departure", "2026-04-03", "2026-05-01"),
        (StatedFacts(return_ticket="no"), "return_ticket", "yes", "no"),
        (StatedFacts(funds="recruiter"), "funds", "Tabungan pribadi", "recruiter"),
        (StatedFacts(sponsor_relation="recruiter"), "sponsor_relation", "", "recruiter"),
    ],
)
def test_each_contradiction_with_the_application(
    stated: StatedFacts, code: str, application: str, said: str
) -> None:
    assert check_statements(TOURIST, stated) == [Finding(code, True, application, said)]


def test_a_departure_a_few_days_off_is_not_a_contradiction() -> None:
    assert check_statements(TOURIST, StatedFacts(departure=dt.date(2026, 4, 17))) == []
    assert codes(check_statements(TOURIST, StatedFacts(departure=dt.date(2026, 4, 18)))) == [
        "departure"
    ]


def test_an_unknown_return_ticket_on_the_application_is_not_compared() -> None:
    unknown = ApplicationFacts(purpose="tourism", destination_country="JP", return_ticket="unknown")
    assert check_statements(unknown, StatedFacts(return_ticket="no")) == []


def test_own_money_and_the_family_paying_are_the_same_answer() -> None:
    family = ApplicationFacts("tourism", "JP", funds_source="Dibiayai orang tua")
    assert check_statements(family, StatedFacts(funds="own")) == []
    assert codes(check_statements(family, StatedFacts(funds="loan"))) == ["funds"]


def test_funds_text_that_fits_no_category_is_not_compared() -> None:
    scholarship = ApplicationFacts("study", "EG", funds_source="Beasiswa LPDP")
    assert check_statements(scholarship, StatedFacts(funds="sponsor")) == []


def test_sponsor_relation_against_the_written_relation() -> None:
    visit = ApplicationFacts(
        "family_visit", "TW", sponsor_name="Sri Wahyuni", sponsor_relation="Kakak kandung"
    )
    assert check_statements(visit, StatedFacts(sponsor_relation="family")) == []
    assert check_statements(visit, StatedFacts(sponsor_relation="recruiter")) == [
        Finding("sponsor_relation", True, "Kakak kandung", "recruiter")
    ]
    assert codes(check_statements(visit, StatedFacts(sponsor_relation="none"))) == [
        "sponsor_relation"
    ]
    assert check_statements(visit, StatedFacts(sponsor_relation="other")) == []


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Tabungan pribadi", "own"),
        ("Tabungan keluarga", "family"),
        ("Ditanggung P3MI", "recruiter"),
        ("Tabungan dan pinjaman koperasi", "loan"),
        ("Dibiayai sponsor", "sponsor"),
        ("Perusahaan tempat bekerja", "employer"),
        ("Beasiswa LPDP", ""),
        ("", ""),
    ],
)
def test_funds_categories(text: str, category: str) -> None:
    assert funds_category(text) == category


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Biro perjalanan umrah (PPIU)", "organiser"),
        ("Agen travel", "organiser"),
        ("Agen", "recruiter"),
        ("Sponsor / PL", "recruiter"),
        ("Majikan", "employer"),
        ("Teman sekolah", "friend"),
        ("Paman", "family"),
        ("Anak kandung", "family"),
        ("???", ""),
    ],
)
def test_relation_categories(text: str, category: str) -> None:
    assert relation_category(text) == category


def test_names_allow_spelling_variants_but_not_other_people() -> None:
    assert same_person_name("H. Moch. Soeharto", "Mochamad Suharto")
    assert same_person_name("", "Anyone")
    assert not same_person_name("Budi Santoso", "Slamet Riyadi")


def earlier(
    number: str, days_ago: int, status: str, facts: ApplicationFacts, said_purpose: str = ""
) -> EarlierApplication:
    return EarlierApplication(
        application_no=number,
        submitted_on=TODAY - dt.timedelta(days=days_ago),
        status=status,
        facts=facts,
        stated=StatedFacts(purpose=said_purpose),
    )


def test_an_earlier_refusal_is_history_not_a_contradiction() -> None:
    refused = earlier("CLP-1", 40, "refused", TOURIST)
    assert check_history(TOURIST, SAME_STORY, [refused], submitted_on=TODAY) == [
        Finding("earlier_outcome", False, "refused", "", "CLP-1", "2026-01-21")
    ]


def test_a_different_purpose_and_destination_before_are_contradictions() -> None:
    umrah = ApplicationFacts("umrah", "SA", sponsor_name="PT Safa Marwa")
    found = check_history(
        TOURIST, SAME_STORY, [earlier("CLP-2", 60, "deferred", umrah)], submitted_on=TODAY
    )
    assert codes(found) == ["earlier_outcome", "earlier_purpose", "earlier_destination"]
    purpose = found[1]
    assert (purpose.application, purpose.stated, purpose.contradiction) == (
        "umrah",
        "tourism",
        True,
    )


def test_what_was_said_at_an_earlier_interview_counts_too() -> None:
    said_work = earlier("CLP-3", 100, "issued", TOURIST, said_purpose="work")
    found = check_history(TOURIST, SAME_STORY, [said_work], submitted_on=TODAY)
    assert found == [Finding("earlier_purpose", True, "work", "tourism", "CLP-3", "2025-11-22")]


def test_a_different_sponsor_before_is_a_contradiction_a_respelled_one_is_not() -> None:
    now = ApplicationFacts("family_visit", "TW", sponsor_name="Sri Wahyuni")
    respelled = earlier(
        "CLP-4", 30, "issued", ApplicationFacts("family_visit", "TW", sponsor_name="Sri Wahjuni")
    )
    other = earlier(
        "CLP-5", 20, "issued", ApplicationFacts("family_visit", "TW", sponsor_name="Hendra Gunawan")
    )
    found = check_history(now, StatedFacts(), [respelled, other], submitted_on=TODAY)
    assert found == [
        Finding("earlier_sponsor", True, "Hendra Gunawan", "Sri Wahyuni", "CLP-5", "2026-02-10")
    ]


def test_an_old_issued_passport_says_nothing_about_today() -> None:
    old_trip = earlier("CLP-6", 900, "issued", ApplicationFacts("umrah", "SA"))
    assert check_history(TOURIST, SAME_STORY, [old_trip], submitted_on=TODAY) == []
    old_refusal = earlier("CLP-7", 900, "refused", ApplicationFacts("work", "MY"))
    assert codes(check_history(TOURIST, SAME_STORY, [old_refusal], submitted_on=TODAY)) == [
        "earlier_outcome",
        "earlier_purpose",
        "earlier_destination",
    ]


def test_history_is_listed_oldest_first() -> None:
    newer = earlier("CLP-9", 10, "refused", TOURIST)
    older = earlier("CLP-8", 50, "refused", TOURIST)
    found = check_history(TOURIST, SAME_STORY, [newer, older], submitted_on=TODAY)
    assert [f.reference for f in found] == ["CLP-8", "CLP-9"]


def test_findings_round_trip_through_data() -> None:
    finding = Finding("earlier_purpose", True, "work", "tourism", "CLP-3", "2025-11-22")
    assert Finding.from_data(finding.to_data()) == finding

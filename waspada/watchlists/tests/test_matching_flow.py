"""Watchlist entries raise D14/D17 on assessments; reviews and entry changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command

from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.core.models import AuditEvent, User
from waspada.screening.models import Trigger
from waspada.screening.services import screen_applications
from waspada.watchlists import services
from waspada.watchlists.importing import EntryValues
from waspada.watchlists.models import (
    DuplicateKind,
    IdentityDuplicate,
    MatchRole,
    MatchState,
    Watchlist,
    WatchlistMatch,
)

pytestmark = pytest.mark.usefixtures("central_java_regions")


def _codes(application: PassportApplication) -> set[str]:
    application.refresh_from_db()
    return set(filter(None, application.risk_indicators.split(";")))


def _cekal(user: User | None = None) -> Watchlist:
    return services.create_watchlist(acting_user=user, name="Cekal 2026", list_type="cekal")


def test_entry_matching_a_name_variant_raises_d14(supervisor: User) -> None:
    application = make_application(
        applicant={"full_name": "Siti Aminah Wulandari", "birth_date": dt.date(1990, 5, 17)}
    )
    assert "D14" not in _codes(application)
    services.add_entry(
        _cekal(supervisor),
        EntryValues("C-1", "Sitti Aminah Woelandari", birth_date="1990-05-17", sex="P"),
        acting_user=supervisor,
        rescreen="now",
    )
    assert "D14" in _codes(application)
    match = WatchlistMatch.objects.get(application=application)
    assert match.role == MatchRole.APPLICANT
    assert match.level == "likely"
    assert match.state == MatchState.OPEN
    assert {r["code"] for r in match.explanation} & {"spelling_variant", "date_exact"}
    hit = application.assessments.latest("pk").hits.get(code="D14")
    assert "Cekal 2026" in hit.evidence_en
    # The match is described in the office's language (Indonesian by default).
    assert "daftar cekal 'Cekal 2026'" in hit.evidence_id
    assert "kemungkinan besar cocok" in hit.evidence_id


def test_known_broker_matching_the_sponsor_and_phone_raises_d17(supervisor: User) -> None:
    application = make_application(
        sponsor_name="Bambang Sutrisno Hadiwijoyo", sponsor_phone="+6281399887766"
    )
    broker_list = services.create_watchlist(
        acting_user=supervisor, name="Calo Cilacap", list_type="known_broker"
    )
    services.add_entry(
        broker_list,
        EntryValues("B-1", "Bambang Soetrisno Hadiwidjojo", sex="L", phone="0813-9988-7766"),
        acting_user=supervisor,
        rescreen="now",
    )
    codes = _codes(application)
    assert "D17" in codes
    assert "D14" not in codes
    match = WatchlistMatch.objects.get(application=application)
    assert match.role == MatchRole.SPONSOR
    assert match.level == "likely"
    assert "same_phone" in {r["code"] for r in match.explanation}


def test_a_sponsor_who_only_shares_a_brokers_name_is_a_possible_match_to_review(
    supervisor: User,
) -> None:
    application = make_application(
        sponsor_name="Bambang Sutrisno Hadiwijoyo", sponsor_phone="+6281211112222"
    )
    broker_list = services.create_watchlist(
        acting_user=supervisor, name="Calo Cilacap", list_type="known_broker"
    )
    services.add_entry(
        broker_list,
        EntryValues("B-1", "Bambang Soetrisno Hadiwidjojo", sex="L", phone="0813-9988-7766"),
        acting_user=supervisor,
        rescreen="now",
    )
    assert "D17" not in _codes(application)
    match = WatchlistMatch.objects.get(application=application)
    assert (match.level, match.state) == ("possible", MatchState.OPEN)
    assert "name_only" in {r["code"] for r in match.explanation}


def _broker(user: User, name: str, phone: str) -> None:
    broker_list = services.create_watchlist(
        acting_user=user, name="Calo Cilacap", list_type="known_broker"
    )
    services.add_entry(
        broker_list,
        EntryValues("B-7", name, sex="L", phone=phone),
        acting_user=user,
        rescreen="now",
    )


def test_a_common_misspelt_broker_name_with_the_brokers_own_phone_raises_d17(
    supervisor: User,
) -> None:
    # "Sri" is a very common name and a sponsor has no birth date on the form: the name
    # alone is only possible; the broker's own phone number makes it likely.
    for i in range(30):
        make_application(applicant={"full_name": f"Sri Lestari {chr(65 + i % 26)}"})
    application = make_application(sponsor_name="Sri Darmawan", sponsor_phone="087893551335")
    _broker(supervisor, "Sri Darmmawan", "+62 878-9355-1335")
    assert "D17" in _codes(application)
    match = WatchlistMatch.objects.get(application=application)
    assert match.level == "likely"
    assert "same_phone" in {r["code"] for r in match.explanation}


def test_a_placeholder_phone_on_both_sides_is_no_agreeing_identifier(supervisor: User) -> None:
    application = make_application(sponsor_name="Sri Darmawan", sponsor_phone="-")
    _broker(supervisor, "Sri Darmmawan", "-")
    assert "D17" not in _codes(application)
    match = WatchlistMatch.objects.get(application=application)
    assert "same_phone" not in {r["code"] for r in match.explanation}


def test_a_namesake_born_on_another_day_is_not_a_watchlist_hit(supervisor: User) -> None:
    application = make_application(
        applicant={"full_name": "Siti Aminah", "birth_date": dt.date(1992, 3, 4)}
    )
    services.add_entry(
        _cekal(supervisor),
        EntryValues("C-5", "Siti Aminah", birth_date="1987-11-23", sex="P"),
        acting_user=supervisor,
        rescreen="now",
    )
    assert "D14" not in _codes(application)
    assert not WatchlistMatch.objects.filter(application=application, level="likely").exists()


def test_sponsor_is_not_checked_against_other_list_types(supervisor: User) -> None:
    application = make_application(sponsor_name="Bambang Sutrisno Hadiwijoyo")
    services.add_entry(
        _cekal(supervisor),
        EntryValues("C-9", "Bambang Sutrisno Hadiwijoyo", sex="L"),
        acting_user=supervisor,
        rescreen="now",
    )
    assert not WatchlistMatch.objects.filter(application=application).exists()
    assert "D17" not in _codes(application)


def test_dismissed_match_gives_no_fact_and_returns_only_when_the_entry_changes(
    supervisor: User, interviewer: User
) -> None:
    application = make_application(
        applicant={"full_name": "Rina Kartikasari", "birth_date": dt.date(1995, 1, 9)}
    )
    entry = services.add_entry(
        _cekal(supervisor),
        EntryValues("C-2", "Rina Kartika Sari", birth_date="1995-01-09", sex="P"),
        acting_user=supervisor,
        rescreen="now",
    )
    match = WatchlistMatch.objects.get(application=application)
    assert "D14" in _codes(application)

    services.dismiss_match(match, acting_user=interviewer, note="different mother's name")
    assert "D14" not in _codes(application)
    assert AuditEvent.objects.filter(action="watchlists.match_dismissed").count() == 1
    # Screening again does not raise it.
    screen_applications([application.pk], trigger=Trigger.MANUAL)
    match.refresh_from_db()
    assert match.state == MatchState.DISMISSED
    assert "D14" not in _codes(application)

    services.update_entry(
        entry, acting_user=supervisor, rescreen="now", note="seen at Tanjung Priok"
    )
    match.refresh_from_db()
    assert match.state == MatchState.OPEN
    assert "D14" in _codes(application)


def test_confirmed_possible_match_counts(supervisor: User, interviewer: User) -> None:
    application = make_application(
        applicant={"full_name": "Siti Aminah", "birth_date": dt.date(1988, 2, 3)}
    )
    watchlist = _cekal(supervisor)
    for number in range(3):
        services.add_entry(
            watchlist,
            EntryValues(f"S-{number}", "Siti Aminah", birth_date="1988", sex="P"),
            acting_user=supervisor,
            rescreen="none",
        )
    services.refresh_matches(acting_user=supervisor, rescreen="now", reason="test")
    matches = list(WatchlistMatch.objects.filter(application=application))
    assert matches and all(m.level == "possible" for m in matches)
    assert "D14" not in _codes(application)
    services.confirm_match(matches[0], acting_user=interviewer, note="KTP photo matches")
    assert "D14" in _codes(application)


def test_deactivated_entry_no_longer_raises_d14(supervisor: User) -> None:
    application = make_application(
        applicant={"full_name": "Dwi Purnamasari", "birth_date": dt.date(1993, 8, 21)}
    )
    entry = services.add_entry(
        _cekal(supervisor),
        EntryValues("C-3", "Dwi Purnamasari", birth_date="1993-08-21", sex="P"),
        acting_user=supervisor,
        rescreen="now",
    )
    assert "D14" in _codes(application)
    services.deactivate_entry(entry, acting_user=supervisor, note="ban lifted", rescreen="now")
    assert "D14" not in _codes(application)
    entry.refresh_from_db()
    assert entry.active is False


def test_same_nik_on_the_list_matches_whatever_the_name(supervisor: User) -> None:
    application = make_application(applicant={"full_name": "Yuliana"})
    services.add_entry(
        _cekal(supervisor),
        EntryValues("C-4", "Nama Lain Sekali", nik=application.applicant.nik),
        acting_user=supervisor,
        rescreen="now",
    )
    assert "D14" in _codes(application)


def test_same_person_under_another_nik_raises_d12() -> None:
    first = make_application(
        applicant={
            "full_name": "Muhammad Rizki Pratama",
            "sex": "L",
            "birth_date": dt.date(1999, 4, 2),
            "birth_place": "Kab. Cilacap",
        }
    )
    second = make_application(
        applicant={
            "full_name": "Mochamad Rizky Pratama",
            "sex": "L",
            "birth_date": dt.date(1999, 4, 2),
            "birth_place": "CILACAP",
        }
    )
    assert first.applicant.nik != second.applicant.nik
    assert "D12" in _codes(second)
    duplicate = IdentityDuplicate.objects.get(applicant=second.applicant)
    assert duplicate.kind == DuplicateKind.OTHER_NIK
    assert duplicate.other == first.applicant


def test_nik_record_with_a_changed_name_raises_d12() -> None:
    first = make_application(applicant={"full_name": "Ani Suryani"})
    second = make_application(
        applicant={"full_name": "Ani Suryani Putri", "nik": first.applicant.nik}
    )
    assert "D12" in _codes(second)
    duplicate = IdentityDuplicate.objects.get(applicant=second.applicant)
    assert duplicate.kind == DuplicateKind.RECORD_CHANGED
    assert duplicate.details["changes"][0]["field"] == "full_name"


def test_import_command_rescreens_matched_applications(tmp_path: Path) -> None:
    application = make_application(
        applicant={"full_name": "Sri Handayani Lestari", "birth_date": dt.date(1987, 11, 30)}
    )
    path = tmp_path / "cekal.csv"
    path.write_text(
        "id,full_name,birth_date,sex\nX1,Sri Handajani Lestari,1987-11-30,P\n", encoding="utf-8"
    )
    call_command("import_watchlist", str(path), "--list", "Cekal", "--type", "cekal", verbosity=0)
    assert "D14" in _codes(application)

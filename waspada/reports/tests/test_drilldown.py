"""The application list's drill-down filters: who applied, what happened, when, by whom."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.decisions import services as decisions
from waspada.decisions.models import Decision, DecisionState
from waspada.interviews import services as interviews
from waspada.interviews.models import InterviewSession

pytestmark = pytest.mark.usefixtures("central_java_regions")


@pytest.fixture
def head(login: Callable[..., Client], head_of_office: User) -> Client:
    return login(head_of_office)


def listed(client: Client, **params: Any) -> list[str]:
    response = client.get(reverse("application_list"), params)
    assert response.status_code == 200
    assert not response.context["form"].errors, response.context["form"].errors
    return sorted(a.application_no for a in response.context["page"].object_list)


def jakarta(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def issue(application: PassportApplication, officer: User) -> Decision:
    application.refresh_from_db()
    return decisions.propose_decision(
        application,
        outcome="issue",
        reason="Persyaratan lengkap.",
        acting_user=officer,
        expected_version=application.version,
    )


def refuse(application: PassportApplication, officer: User, boss: User, reason: str) -> Decision:
    application.refresh_from_db()
    decision = decisions.propose_decision(
        application,
        outcome="refuse",
        reason="Hasil wawancara.",
        reason_code=reason,
        legal_basis="UU 6/2011",
        acting_user=officer,
        expected_version=application.version,
    )
    application.refresh_from_db()
    return decisions.sign_off(decision, acting_user=boss, expected_version=application.version)


def test_age_is_counted_on_the_day_of_application(head: Client) -> None:
    born = {"birth_date": dt.date(2005, 3, 15)}
    make_application(application_no="A-17", submitted_on=dt.date(2023, 3, 14), applicant=born)
    make_application(application_no="A-18", submitted_on=dt.date(2023, 3, 15), applicant=born)
    assert listed(head, age_band="0-17") == ["A-17"]
    assert listed(head, age_band="18-24") == ["A-18"]
    assert listed(head, age_band="55+") == []


def test_decision_dates_are_days_in_the_office_time_zone(head: Client, interviewer: User) -> None:
    late = make_application(application_no="LATE", submitted_on=dt.date(2023, 12, 29))
    early = make_application(application_no="EARLY", submitted_on=dt.date(2023, 12, 29))
    # 23:30 in Jakarta on 31 December is 16:30 UTC: still 2023 for the office.
    for application, moment in (
        (late, jakarta(2023, 12, 31, 23, 30)),
        (early, jakarta(2024, 1, 1, 0, 10)),
    ):
        decision = issue(application, interviewer)
        Decision.objects.filter(pk=decision.pk).update(in_force_at=moment)
    year = {"event": "decided", "event_from": "2023-01-01", "event_to": "2023-12-31"}
    assert listed(head, outcome="issue", **year) == ["LATE"]
    assert listed(head, outcome="issue", event="decided", event_from="2024-01-01") == ["EARLY"]


def test_outcome_and_reason_select_decisions_in_force_only(
    head: Client, interviewer: User, supervisor: User
) -> None:
    refused = make_application(application_no="REFUSED")
    pending = make_application(application_no="PENDING")
    refuse(refused, interviewer, supervisor, "non_procedural_work")
    pending.refresh_from_db()
    decisions.propose_decision(
        pending,
        outcome="refuse",
        reason="Hasil wawancara.",
        reason_code="non_procedural_work",
        legal_basis="UU 6/2011",
        acting_user=interviewer,
        expected_version=pending.version,
    )
    assert listed(head, outcome="refuse") == ["REFUSED"]
    assert listed(head, reason="non_procedural_work") == ["REFUSED"]
    assert listed(head, reason="false_statements") == []
    # Who did it: the proposer of both, the supervisor of one.
    assert listed(head, proposed_by=interviewer.username) == ["PENDING", "REFUSED"]
    assert listed(head, reviewed_by=supervisor.username, event="reviewed") == ["REFUSED"]
    assert Decision.objects.filter(state=DecisionState.PROPOSED).count() == 1


def test_interview_kind_interviewer_and_date_are_of_the_same_interview(
    head: Client, interviewer: User, supervisor: User
) -> None:
    deep = make_application(application_no="DEEP")
    standard = make_application(application_no="STANDARD")
    for application, kind, officer in (
        (deep, "deep", interviewer),
        (standard, "standard", supervisor),
    ):
        application.refresh_from_db()
        interviews.start_interview(
            application, kind=kind, acting_user=officer, expected_version=application.version
        )
    InterviewSession.objects.filter(application=deep).update(started_at=jakarta(2023, 6, 1, 9))
    assert listed(head, interview="deep") == ["DEEP"]
    assert listed(head, interviewer=interviewer.username) == ["DEEP"]
    # The deep interview was held in June, the standard one today.
    june = {"event": "interviewed", "event_from": "2023-06-01", "event_to": "2023-06-30"}
    assert listed(head, **june) == ["DEEP"]
    assert listed(head, interview="standard", **june) == []


def test_activity_dates_need_to_say_what_they_date(head: Client) -> None:
    make_application(application_no="ANY")
    response = head.get(reverse("application_list"), {"event_from": "2023-01-01"})
    assert "event" in response.context["form"].errors
    response = head.get(
        reverse("application_list"),
        {"event": "decided", "event_from": "2023-02-01", "event_to": "2023-01-01"},
    )
    assert "event_to" in response.context["form"].errors


def test_sex_kecamatan_indicator_and_registering_officer(
    head: Client, intake_officer: User
) -> None:
    make_application(
        application_no="MAN",
        acting_user=intake_officer,
        applicant={"sex": "L", "village_code": "33.02.01.2001"},
    )
    make_application(application_no="WOMAN", purpose="work", destination_country="TW")
    assert listed(head, sex="L") == ["MAN"]
    assert listed(head, district="33.02.01") == ["MAN"]
    assert listed(head, registered_by=intake_officer.username) == ["MAN"]
    woman = PassportApplication.objects.get(application_no="WOMAN")
    code = next(c for c in woman.risk_indicators.split(";") if c)
    assert "WOMAN" in listed(head, indicator=code)


def test_applicants_from_outside_the_working_area_can_be_listed(head: Client) -> None:
    make_application(application_no="BREBES", applicant={"village_code": "33.29.01.2001"})
    make_application(application_no="CILACAP")
    assert listed(head, regency="33.29") == ["BREBES"]
    assert listed(head, district="33.29.01") == ["BREBES"]
    response = head.get(reverse("application_list"), {"regency": "99.99"})
    assert "regency" in response.context["form"].errors


def test_the_folded_filters_open_when_one_is_used(head: Client) -> None:
    unfolded = '<details class="more-filters" open'
    assert unfolded not in head.get(reverse("application_list")).content.decode()
    assert unfolded in head.get(reverse("application_list"), {"sex": "P"}).content.decode()


def test_an_export_holds_exactly_the_drill_down_list(
    login: Callable[..., Client], supervisor: User, interviewer: User
) -> None:
    refused = make_application(application_no="OUT-1")
    make_application(application_no="OUT-2")
    refuse(refused, interviewer, supervisor, "false_statements")
    client = login(supervisor)
    response = client.get(
        reverse("application_export"), {"format": "csv", "reason": "false_statements"}
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    assert "OUT-1" in body and "OUT-2" not in body

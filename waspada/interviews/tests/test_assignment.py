"""Supervisors assign and reassign interviews (audited); the waiting list and the
interview list filter by the officer assigned and by "mine"."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from waspada.applications.models import PassportApplication
from waspada.core.audit_actions import AuditAction
from waspada.core.models import AuditEvent, User
from waspada.core.roles import Role
from waspada.interviews import services
from waspada.interviews.models import InterviewAssignment, InterviewSession
from waspada.interviews.tests.conftest import HONEST_TOURIST, UNDOCUMENTED_WORKER, screened, start

Login = Callable[[User | None], Client]


def _rows(client: Client, name: str, testid: str, **params: str) -> list[str]:
    page = client.get(reverse(name), params)
    assert page.status_code == 200
    return page.content.decode().split(f'data-testid="{testid}"')[1:]


def _assign(client: Client, application: PassportApplication, officer: User) -> None:
    response = client.post(
        reverse("interview_assign", args=[application.application_no]),
        {"interviewer": str(officer.pk), "next": reverse("interview_waiting")},
    )
    assert response.status_code == 302


def test_a_supervisor_assigns_then_reassigns_from_the_waiting_list(
    tourist: PassportApplication,
    interviewer: User,
    supervisor: User,
    make_user: Callable[..., User],
    login: Login,
) -> None:
    colleague = make_user("colleague", Role.INTERVIEWER)
    client = login(supervisor)
    (row,) = _rows(client, "interview_waiting", "waiting-row")
    assert tourist.application_no in row and "Belum ditugaskan" in row
    _assign(client, tourist, interviewer)
    (row,) = _rows(client, "interview_waiting", "waiting-row")
    assert interviewer.get_full_name() in row.split('data-testid="assignee"')[1].split("</td>")[0]
    _assign(client, tourist, colleague)
    assert InterviewAssignment.objects.get(application=tourist).interviewer == colleague
    events = AuditEvent.objects.filter(action=AuditAction.INTERVIEW_ASSIGNED).order_by("pk")
    assert [
        (e.actor, e.details["interviewer"], e.details["previous_interviewer"]) for e in events
    ] == [
        (supervisor, interviewer.username, ""),
        (supervisor, colleague.username, interviewer.username),
    ]


def test_reassigning_an_open_interview_hands_the_session_to_the_new_officer(
    tourist: PassportApplication,
    interviewer: User,
    supervisor: User,
    make_user: Callable[..., User],
    login: Login,
) -> None:
    colleague = make_user("colleague", Role.INTERVIEWER)
    session = start(tourist, interviewer)
    client = login(supervisor)
    page = client.get(reverse("interview_session", args=[session.pk])).content.decode()
    assert 'data-testid="reassign"' in page
    _assign(client, tourist, colleague)
    session.refresh_from_db()
    assert session.interviewer == colleague
    # The former interviewer may no longer record in it.
    saved = login(interviewer).post(reverse("interview_save", args=[session.pk]), {})
    assert saved.status_code in {403, 404}


def test_only_supervisors_assign_and_only_to_officers_who_hold_interviews(
    tourist: PassportApplication,
    interviewer: User,
    intake_officer: User,
    supervisor: User,
    login: Login,
) -> None:
    url = reverse("interview_assign", args=[tourist.application_no])
    refused = login(interviewer).post(url, {"interviewer": str(interviewer.pk)})
    assert refused.status_code == 403
    page = login(supervisor).post(url, {"interviewer": str(intake_officer.pk)}, follow=True)
    assert not InterviewAssignment.objects.exists()
    assert "Pilih petugas" in page.content.decode()


def test_a_decided_application_cannot_be_assigned(
    tourist: PassportApplication, interviewer: User, supervisor: User
) -> None:
    services.finish_interview(start(tourist, interviewer), acting_user=interviewer)
    PassportApplication.objects.filter(pk=tourist.pk).update(status="issued")
    try:
        services.assign_interview(tourist, interviewer, acting_user=supervisor)
    except services.InterviewError:
        pass
    else:
        raise AssertionError("an issued application was assigned")
    assert not InterviewAssignment.objects.exists()


def test_the_waiting_list_filters_mine_unassigned_a_colleague_and_deep_only(
    central_java_regions: None,
    interviewer: User,
    supervisor: User,
    make_user: Callable[..., User],
    login: Login,
) -> None:
    colleague = make_user("colleague", Role.INTERVIEWER)
    mine, theirs = screened(**HONEST_TOURIST), screened(**HONEST_TOURIST)
    nobody_deep = screened(**UNDOCUMENTED_WORKER)
    services.assign_interview(mine, interviewer, acting_user=supervisor)
    services.assign_interview(theirs, colleague, acting_user=supervisor)
    client = login(interviewer)

    def numbers(**params: str) -> set[str]:
        rows = _rows(client, "interview_waiting", "waiting-row", **params)
        return {
            app.application_no
            for app in (mine, theirs, nobody_deep)
            if any(app.application_no in row for row in rows)
        }

    assert numbers() == {mine.application_no, theirs.application_no, nobody_deep.application_no}
    assert numbers(assignee="mine") == {mine.application_no}
    assert numbers(assignee="none") == {nobody_deep.application_no}
    assert numbers(assignee=str(colleague.pk)) == {theirs.application_no}
    assert numbers(deep="on") == {nobody_deep.application_no}
    # Interviewers see who has what but do not assign.
    assert 'name="interviewer"' not in client.get(reverse("interview_waiting")).content.decode()


def test_the_interview_list_filters_by_the_officer_assigned(
    central_java_regions: None,
    interviewer: User,
    supervisor: User,
    make_user: Callable[..., User],
    login: Login,
) -> None:
    colleague = make_user("colleague", Role.INTERVIEWER)
    ours, theirs = screened(**HONEST_TOURIST), screened(**HONEST_TOURIST)
    start(ours, interviewer)
    start(theirs, interviewer)
    services.assign_interview(theirs, colleague, acting_user=supervisor)
    client = login(supervisor)
    (row,) = _rows(client, "interview_list", "interview-row", interviewer=str(colleague.pk))
    assert theirs.application_no in row
    assert InterviewSession.objects.get(application=theirs).interviewer == colleague
    (row,) = _rows(login(interviewer), "interview_list", "interview-row", mine="1")
    assert ours.application_no in row


def test_a_next_address_that_is_not_a_path_of_this_site_goes_back_to_the_waiting_list(
    tourist: PassportApplication, interviewer: User, supervisor: User, login: Login
) -> None:
    url = reverse("interview_assign", args=[tourist.application_no])
    for odd in ("0001-01-01", "https://elsewhere.example/", "//elsewhere.example/"):
        response = login(supervisor).post(url, {"interviewer": str(interviewer.pk), "next": odd})
        assert response.status_code == 302
        assert response["Location"] == reverse("interview_waiting")


def test_the_lists_cost_the_same_queries_for_one_row_or_many(
    central_java_regions: None, interviewer: User, supervisor: User, login: Login
) -> None:
    client = login(supervisor)
    counts: list[list[int]] = []
    for rows in (1, 3):
        for _ in range(rows):
            services.assign_interview(
                screened(**HONEST_TOURIST), interviewer, acting_user=supervisor
            )
            start(screened(**HONEST_TOURIST), interviewer)
        counts.append([])
        for name in ("interview_waiting", "interview_list"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(name)).status_code == 200
            counts[-1].append(len(queries.captured_queries))
    assert counts[0] == counts[1]

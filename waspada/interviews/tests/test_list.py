"""The interview list as the desk reads it: who, by whom, how long the case waited, and
the filters (state, mine, waiting longer than N days)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from waspada.applications.models import PassportApplication, Status, StatusChange
from waspada.core.models import User
from waspada.core.roles import Role
from waspada.interviews import services
from waspada.interviews.tests.conftest import HONEST_TOURIST, screened, start

Login = Callable[[User | None], Client]


def _rows(client: Client, **params: str) -> list[str]:
    page = client.get(reverse("interview_list"), params)
    assert page.status_code == 200
    html = page.content.decode()
    return html.split('data-testid="interview-row"')[1:]


def _screened_days_ago(application: PassportApplication, days: int) -> None:
    StatusChange.objects.filter(application=application, to_status=Status.SCREENING).update(
        changed_at=timezone.now() - dt.timedelta(days=days)
    )


def test_the_list_names_the_applicant_the_interviewer_and_the_days_waited(
    tourist: PassportApplication, interviewer: User, supervisor: User, login: Login
) -> None:
    _screened_days_ago(tourist, 4)
    start(tourist, interviewer)
    (row,) = _rows(login(supervisor))
    assert tourist.application_no in row
    assert tourist.full_name in row
    assert interviewer.get_full_name() in row
    assert "4 hari" in row


def test_the_list_opens_on_interviews_in_progress_and_filters_by_state(
    central_java_regions: None, interviewer: User, supervisor: User, login: Login
) -> None:
    running = screened(**HONEST_TOURIST)
    done = screened(**HONEST_TOURIST)
    start(running, interviewer)
    services.finish_interview(start(done, interviewer), acting_user=interviewer)
    client = login(supervisor)
    opened = "".join(_rows(client))
    assert running.application_no in opened and done.application_no not in opened
    finished = "".join(_rows(client, state="finished"))
    assert done.application_no in finished and running.application_no not in finished
    assert len(_rows(client, state="all")) == 2


def test_mine_only_leaves_out_colleagues_interviews(
    central_java_regions: None,
    interviewer: User,
    make_user: Callable[..., User],
    login: Login,
) -> None:
    colleague = make_user("colleague", Role.INTERVIEWER)
    ours, theirs = screened(**HONEST_TOURIST), screened(**HONEST_TOURIST)
    start(ours, interviewer)
    start(theirs, colleague)
    client = login(interviewer)
    assert len(_rows(client)) == 2
    (row,) = _rows(client, mine="1")
    assert ours.application_no in row


def test_waiting_longer_than_keeps_only_the_cases_waiting_that_long(
    central_java_regions: None, interviewer: User, supervisor: User, login: Login
) -> None:
    old, recent = screened(**HONEST_TOURIST), screened(**HONEST_TOURIST)
    _screened_days_ago(old, 10)
    _screened_days_ago(recent, 2)
    start(old, interviewer)
    start(recent, interviewer)
    (row,) = _rows(login(supervisor), waited="7")
    assert old.application_no in row


def test_a_nonsense_filter_shows_the_default_list_not_an_error(
    tourist: PassportApplication, interviewer: User, supervisor: User, login: Login
) -> None:
    start(tourist, interviewer)
    page = login(supervisor).get(reverse("interview_list"), {"waited": "lama", "page": "x"})
    assert page.status_code == 200
    assert tourist.application_no in page.content.decode()
    assert "Masukkan keseluruhan angka bilangan" in page.content.decode()

"""The work queues on each role's home page: every card's count is the number of rows of
the list it opens, for the intake officer, the interviewer, the supervisor and the head
of office (the apps contribute their cards through `waspada.core.workqueues`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.core.roles import Role
from waspada.decisions.models import Decision
from waspada.decisions.tests.helpers import HIGH_RISK, at_interview, decided, propose
from waspada.interviews import services as interviews
from waspada.interviews.tests.conftest import HONEST_TOURIST, UNDOCUMENTED_WORKER, screened
from waspada.interviews.tests.conftest import start as start_interview

Login = Callable[[User | None], Client]
# The page object each list paginates (the deferrals have their own on the sign-off page).
LIST_PAGE = {"overdue_deferrals": "deferrals"}


def _cards(client: Client) -> dict[str, int]:
    home = client.get(reverse("home"))
    assert home.status_code == 200
    html = home.content.decode()
    cards = {queue.key: queue for queue in home.context["queues"]}
    for key, queue in cards.items():
        assert f'data-testid="queue-{key}"' in html
        listed = client.get(queue.url)
        assert listed.status_code == 200, queue.url
        rows = listed.context[LIST_PAGE.get(key, "page")].paginator.count
        assert rows == queue.count, f"{key}: card says {queue.count}, its list has {rows}"
    return {key: queue.count for key, queue in cards.items()}


def test_the_intake_officer_sees_their_registrations_today(
    central_java_regions: None, intake_officer: User, make_user: Callable[..., User], login: Login
) -> None:
    today = timezone.localdate()
    for _ in range(2):
        make_application(acting_user=intake_officer, submitted_on=today)
    make_application(acting_user=intake_officer, submitted_on=today - dt.timedelta(days=1))
    make_application(acting_user=make_user("colleague", Role.INTAKE_OFFICER), submitted_on=today)
    assert _cards(login(intake_officer)) == {"registered_today": 2}


def test_the_interviewer_sees_assigned_and_open_interviews_with_their_wait(
    central_java_regions: None,
    interviewer: User,
    supervisor: User,
    make_user: Callable[..., User],
    login: Login,
) -> None:
    colleague = make_user("colleague", Role.INTERVIEWER)
    mine, theirs, unassigned = (screened(**HONEST_TOURIST) for _ in range(3))
    interviews.assign_interview(mine, interviewer, acting_user=supervisor)
    interviews.assign_interview(theirs, colleague, acting_user=supervisor)
    start_interview(screened(**HONEST_TOURIST), interviewer)
    start_interview(unassigned, colleague)
    client = login(interviewer)
    assert _cards(client) == {"assigned_waiting": 1, "my_open_interviews": 1}
    home = client.get(reverse("home")).content.decode()
    assert mine.application_no in home and theirs.application_no not in home
    assert "menunggu" in home  # how long each has waited


def test_the_supervisor_sees_sign_offs_deferrals_deep_interviews_answers_and_tasks(
    central_java_regions: None, interviewer: User, supervisor: User, login: Login
) -> None:
    screened(**UNDOCUMENTED_WORKER)  # a deep interview nobody is assigned to
    assigned = screened(**UNDOCUMENTED_WORKER)
    interviews.assign_interview(assigned, interviewer, acting_user=supervisor)
    propose(at_interview(**HIGH_RISK), "refuse", by=interviewer)
    late = decided("defer", interviewer=interviewer, supervisor=supervisor, **HIGH_RISK)
    decided("defer", interviewer=interviewer, supervisor=supervisor, **HIGH_RISK)
    Decision.objects.filter(pk=late.pk).update(deadline=timezone.localdate() - dt.timedelta(days=2))
    cards = _cards(login(supervisor))
    assert cards["unassigned_deep"] == 1
    assert cards["sign_off"] == 1
    assert cards["overdue_deferrals"] == 1
    assert set(cards) == {
        "unassigned_deep",
        "sign_off",
        "overdue_deferrals",
        "partner_answers",
        "verifications",
    }


def test_the_head_of_office_sees_the_week_at_a_glance(
    central_java_regions: None, interviewer: User, head_of_office: User, login: Login
) -> None:
    today = timezone.localdate()
    make_application(submitted_on=today)
    make_application(submitted_on=today - dt.timedelta(days=today.weekday() + 1))  # last week
    start_interview(screened(**HONEST_TOURIST, submitted_on=today), interviewer)
    cards = _cards(login(head_of_office))
    assert cards["registered_week"] == 2
    assert cards["open_interviews"] == 1
    assert {"sign_off", "overdue_deferrals", "partner_answers"} <= set(cards)

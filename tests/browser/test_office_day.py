"""The office day in Chromium: an answer typed and followed by a click on a header link is
not lost (saved as typed, and once more on leaving, after a warning); the counts on the
home page equal the lists they open."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.browser.helpers import account, leave_by_header_link

# The decision path's office (demo users, Kedungreja) and its logged-in pages.
from tests.browser.test_decision_path import office_ready, open_as, start_interview  # noqa: F401
from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.core.roles import Role
from waspada.decisions.tests.helpers import HIGH_RISK
from waspada.interviews import services as interviews


def _demo(role: str) -> User:
    return User.objects.get(username=account(role).username)


def test_an_answer_survives_a_click_on_a_header_link(
    open_as: Callable[[str], Page],  # noqa: F811  (the fixture imported above)
) -> None:
    application = make_application(**HIGH_RISK)
    page = open_as(Role.INTERVIEWER)
    start_interview(page, application.application_no, "deep")
    session_url = page.url

    # Typed and left alone: saved within a second, the state beside the field says so.
    second = page.get_by_test_id(re.compile(r"^question-")).nth(1).locator("textarea")
    second.click()
    page.keyboard.type("Diajak tetangga.")
    state = page.get_by_test_id("field-save-state").first
    expect(state).to_have_attribute("data-state", "saved")
    expect(state).to_contain_text(re.compile(r"tersimpan \d{2}:\d{2}"))
    expect(page.get_by_test_id("save-bar")).to_contain_text(re.compile(r"tersimpan \d{2}:\d{2}"))

    # Typed and at once a header link: the browser warns, the officer leaves anyway.
    first = page.get_by_test_id(re.compile(r"^question-")).first.locator("textarea")
    first.click()
    page.keyboard.type("Dijanjikan kerja di pabrik oleh agen.")
    assert leave_by_header_link(page) == ["beforeunload"]

    page.goto(session_url)
    questions = page.get_by_test_id(re.compile(r"^question-"))
    expect(questions.first.locator("textarea")).to_have_value(
        "Dijanjikan kerja di pabrik oleh agen."
    )
    expect(questions.nth(1).locator("textarea")).to_have_value("Diajak tetangga.")


def _card_then_list(page: Page, key: str, row_testid: str) -> int:
    page.goto("/")
    card = page.get_by_test_id(f"queue-{key}")
    count = int(card.get_by_test_id("queue-count").inner_text())
    card.locator("a").first.click()
    expect(page.get_by_test_id(row_testid)).to_have_count(count)
    return count


def test_the_home_page_counts_equal_the_lists_they_open(
    open_as: Callable[[str], Page],  # noqa: F811
) -> None:
    supervisor, interviewer = _demo(Role.SUPERVISOR), _demo(Role.INTERVIEWER)
    waiting = [make_application(**HIGH_RISK) for _ in range(3)]
    for application in waiting[:2]:
        interviews.assign_interview(application, interviewer, acting_user=supervisor)

    page = open_as(Role.INTERVIEWER)
    assert _card_then_list(page, "assigned_waiting", "waiting-row") == 2

    page = open_as(Role.SUPERVISOR)
    assert _card_then_list(page, "unassigned_deep", "waiting-row") == 1
    # Assigning the last one from the list empties the card.
    row = page.get_by_test_id("waiting-row").first
    row.locator("select[name=interviewer]").select_option(str(interviewer.pk))
    row.locator("button[type=submit]").click()
    expect(page.get_by_test_id("waiting-row")).to_have_count(0)
    assert _card_then_list(page, "unassigned_deep", "waiting-row") == 0

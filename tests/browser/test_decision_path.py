"""The path of an application in Chromium: intake, screening, interview, proposal,
sign-off, letter.

The high-risk applicant is registered through the intake form and screened on
registration; the interviewer conducts the deep interview the assessment asks for
(answers, a worrying answer, a raised U-indicator, what the applicant states), finishes
it, makes the Berita Acara Wawancara and proposes a refusal, which a supervisor signs
off; the refusal letter is downloaded. The other outcomes start from an application
registered through the intake service (the form is walked above and in
test_register_application.py). Selectors use test ids and field names, so the test
reads the same before and after the catalog is compiled.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Dialog, Locator, Page, expect

from tests.browser.helpers import (
    Intake,
    create_demo_users,
    download_pdf,
    load_kedungreja,
    logged_in,
    register_at_counter,
    settle,
)
from waspada.applications.tests.factories import make_application
from waspada.core.roles import Role
from waspada.decisions.tests.helpers import HIGH_RISK
from waspada.domain.decisions import REASONS

# Work in Cambodia (no placement agreement) with no Disnaker recommendation and no
# return ticket, as the decisions tests' HIGH_RISK: screening asks for a deep interview.
# The application says the applicant pays from savings and the sponsor is an uncle.
HIGH_RISK_INTAKE = Intake(
    application_no="CLP-2026-007001",
    nik="3301011203990003",  # Kedungreja, a man born 12 March 1999
    full_name="Budi Santoso",
    sex="L",
    birth_date="1999-03-12",
    village="33.01.01.2001",
    purpose=HIGH_RISK["purpose"],
    destination_country=HIGH_RISK["destination_country"],
    return_ticket=HIGH_RISK["return_ticket"],
    documents=HIGH_RISK["documents"],
    fields={
        "funds_source": "Tabungan sendiri",
        "sponsor_name": "Darto",
        "sponsor_relation": "Paman",
    },
)


@pytest.fixture
def office_ready(transactional_db: None, tmp_path: Path, settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # the letters the live server writes
    create_demo_users()
    load_kedungreja(tmp_path)


@pytest.fixture
def open_as(
    browser: Browser, live_server: Any, office_ready: None
) -> Iterator[Callable[[str], Page]]:
    """Log a role in, in a browser context of its own. At the end, wait until no page has
    a request in flight (before the live server and the database go), then close them."""
    pages: list[Page] = []

    def open_page(role: str) -> Page:
        pages.append(logged_in(browser, str(live_server), role))
        return pages[-1]

    yield open_page
    settle(*pages)
    for page in pages:
        page.context.close()


def open_application(page: Page, application_no: str) -> None:
    page.goto(f"/applications/{application_no}/")


def expect_status(page: Page, status: str) -> None:
    expect(page.get_by_test_id("application-status")).to_have_class(
        re.compile(rf"\bstatus-{status}\b")
    )


# --- The interview -------------------------------------------------------------------


def start_interview(page: Page, application_no: str, kind: str) -> None:
    """Start the interview from the application page; ends on the session page."""
    open_application(page, application_no)
    form = page.get_by_test_id("start-interview")
    form.locator(f"input[name=kind][value={kind}]").check()
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/interviews/\d+/$"))
    expect(page.get_by_test_id("session-form")).to_be_visible()


def answer(page: Page, number: int, text: str, *, worrying: bool = False) -> None:
    """Answer the `number`-th question (from 0) of the open session."""
    block = page.get_by_test_id(re.compile(r"^question-")).nth(number)
    block.locator("textarea").fill(text)
    block.locator("input[type=checkbox]").set_checked(worrying)


def state(page: Page, **stated: str) -> None:
    """What the applicant states (the structured answers the consistency checks use)."""
    form = page.get_by_test_id("session-form")
    for name, value in stated.items():
        if name == "stated_return_ticket":
            form.locator(f"input[name={name}][value={value}]").check()
        else:
            form.locator(f"[name={name}]").select_option(value)


def raise_indicator(page: Page, code: str, note: str) -> None:
    """Raise an indicator in the first free row."""
    form = page.get_by_test_id("session-form")
    row = form.locator("select[name^=raised_code_]").last
    row.select_option(code)
    form.locator("input[name^=raised_note_]").last.fill(note)


def save(page: Page) -> None:
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("saved")).to_be_visible()


def finish(page: Page) -> None:
    """Save and finish; the page asks first, and the officer confirms."""
    asked: list[str] = []

    def confirm(dialog: Dialog) -> None:
        asked.append(dialog.type)
        dialog.accept()

    page.once("dialog", confirm)
    page.get_by_test_id("finish").click()
    expect(page.get_by_test_id("answers")).to_be_visible()  # the read-only record
    expect(page.get_by_test_id("session-form")).to_have_count(0)
    assert asked == ["confirm"]


def make_interview_record(page: Page) -> None:
    """Make the Berita Acara Wawancara of the finished session and download it."""
    session_url = page.url
    page.get_by_test_id("interview-record").locator("form button[type=submit]").click()
    download_pdf(page, page.get_by_test_id("letter-download"))
    page.goto(session_url)
    record = page.get_by_test_id("interview-record")
    expect(record.locator("form")).to_have_count(0)  # made once
    download_pdf(page, record.get_by_role("link"))


# --- The decision --------------------------------------------------------------------


# The outcome as the officer writes it in the reason (the user guide shows one).
IN_WORDS = {
    "issue": "penerbitan",
    "defer": "penundaan",
    "refuse": "penolakan",
    "cancel": "pembatalan",
}


def propose(page: Page, application_no: str, outcome: str) -> None:
    open_application(page, application_no)
    panel = page.get_by_test_id("decisions")
    panel.get_by_test_id("propose").locator("summary").click()
    form = panel.get_by_test_id("propose-form")
    form.locator("[name=outcome]").select_option(outcome)
    reason_code = form.locator("[name=reason_code]")
    legal_basis = form.locator("[name=legal_basis]")
    if outcome in {"refuse", "cancel"}:
        code, other = (
            ("non_procedural_work", "withdrawn_by_applicant")
            if outcome == "refuse"
            else ("obtained_by_false_statements", "travel_ban")
        )
        # Only the reasons of the chosen outcome are offered...
        expect(reason_code.locator(f"option[value={other}]")).to_be_disabled()
        reason_code.select_option(code)
        # ...and the suggested legal basis is filled in.
        expect(legal_basis).to_have_value(REASONS[code].legal_basis)
    else:
        expect(reason_code).to_be_hidden()
    if outcome == "defer":
        expect(form.locator("[name=deadline]")).to_have_value(re.compile(r"^\d{4}-\d{2}-\d{2}$"))
        form.locator("input[name=missing_documents][value=surat_jaminan]").check()
    else:
        expect(form.locator("[name=deadline]")).to_be_hidden()
    form.locator("[name=reason]").fill(f"Alasan {IN_WORDS[outcome]}: hasil wawancara.")
    form.get_by_test_id("propose").click()
    expect_status(page, "decision_pending")
    expect(page.get_by_test_id("pending-proposal")).to_contain_text("hasil wawancara")
    # The proposer cannot sign off.
    expect(page.get_by_test_id("review-form")).to_have_count(0)


def sign_off(page: Page, application_no: str, outcome: str, status: str) -> None:
    """The supervisor finds the proposal in the queue and signs it off."""
    page.goto("/decisions/")
    page.get_by_test_id("sign-off-queue").get_by_role("link", name=application_no).click()
    review = page.get_by_test_id("review-form")
    review.locator("[name=comment]").fill("Sesuai hasil wawancara.")
    review.get_by_test_id("sign-off").click()
    expect_status(page, status)
    history = page.get_by_test_id("decision-history")
    expect(history.locator(f'[data-outcome="{outcome}"][data-state="in_force"]')).to_have_count(1)
    expect(history.get_by_test_id("review-comment")).to_contain_text("Sesuai hasil wawancara.")


def letter_links(page: Page) -> Locator:
    return page.get_by_test_id("decision-history").get_by_test_id("letter-link")


# --- The tests -----------------------------------------------------------------------


def test_high_risk_applicant_deep_interview_refusal_and_letter(
    open_as: Callable[[str], Page],
) -> None:
    counter = open_as(Role.INTAKE_OFFICER)
    interviewer = open_as(Role.INTERVIEWER)
    supervisor = open_as(Role.SUPERVISOR)
    number = HIGH_RISK_INTAKE.application_no

    register_at_counter(counter, HIGH_RISK_INTAKE)
    expect_status(counter, "screening")

    # The assessment asks for a deep interview: nothing less is offered.
    open_application(interviewer, number)
    expect(
        interviewer.get_by_test_id("start-interview").locator("input[name=kind][value=standard]")
    ).to_have_count(0)
    start_interview(interviewer, number, "deep")
    expect(interviewer.get_by_test_id("session-indicators")).not_to_contain_text("U01")

    answer(interviewer, 0, "Diajak teman lewat Facebook, dijanjikan gaji 15 juta sebulan.")
    answer(interviewer, 1, "Paspor nanti dipegang agen sampai utang lunas.", worrying=True)
    raise_indicator(interviewer, "U01", "Agen akan menahan paspor sampai utang lunas.")
    # Savings and an uncle on the form; a loan and a recruiter in the applicant's words.
    state(
        interviewer,
        stated_purpose="work",
        stated_destination=HIGH_RISK["destination_country"],
        stated_return_ticket="no",
        stated_funds="loan",
        stated_sponsor_relation="recruiter",
    )
    save(interviewer)
    # The raised indicator is assessed at once.
    expect(interviewer.get_by_test_id("session-indicators")).to_contain_text("U01")
    expect(interviewer.get_by_test_id(re.compile(r"^question-")).nth(1)).to_have_class(
        re.compile(r"\bis-worrying\b")
    )

    finish(interviewer)
    contradictions = interviewer.get_by_test_id("findings").locator(".finding-contradiction")
    expect(contradictions).to_have_count(2)  # who pays, relation to the sponsor
    indicators = interviewer.get_by_test_id("session-indicators")
    expect(indicators).to_contain_text("U01")
    expect(indicators).to_contain_text("D23")  # the contradictions: inconsistent statements
    expect(interviewer.get_by_test_id("answers")).to_contain_text("dipegang agen")
    # In the record's summary (and beside the questions, as the U01 it raised).
    expect(interviewer.get_by_test_id("raised-summary")).to_contain_text(
        "Agen akan menahan paspor sampai utang lunas."
    )
    expect(interviewer.get_by_test_id("glance-reasons")).to_contain_text("U01")
    make_interview_record(interviewer)

    propose(interviewer, number, "refuse")
    sign_off(supervisor, number, "refuse", "refused")
    links = letter_links(supervisor)
    expect(links).to_have_count(1)
    download_pdf(supervisor, links)


@pytest.mark.parametrize(
    ("outcome", "status", "letter"),
    [
        ("issue", "issued", False),
        ("defer", "deferred", True),
        ("cancel", "cancelled", False),
    ],
)
def test_interview_proposal_sign_off_and_letter(
    open_as: Callable[[str], Page],
    outcome: str,
    status: str,
    letter: bool,
) -> None:
    # Issuing needs a sign-off only at high risk (and then a deep interview); the other
    # outcomes always need one.
    high_risk = outcome == "issue"
    application = make_application(**(HIGH_RISK if high_risk else {}))
    number = application.application_no
    interviewer = open_as(Role.INTERVIEWER)
    supervisor = open_as(Role.SUPERVISOR)

    start_interview(interviewer, number, "deep" if high_risk else "standard")
    answer(interviewer, 0, "Keterangan pemohon sesuai dengan dokumennya.")
    finish(interviewer)
    expect(interviewer.get_by_test_id("answers")).to_contain_text("sesuai dengan dokumennya")
    propose(interviewer, number, outcome)

    sign_off(supervisor, number, outcome, status)
    links = letter_links(supervisor)
    expect(links).to_have_count(1 if letter else 0)
    if letter:
        download_pdf(supervisor, links)

"""The path of an application in Chromium: interview, proposal, sign-off, letter.

The application is registered and screened through the intake service (the counter's
own browser test walks the intake form); from there an interviewer starts the
interview and proposes the outcome on the application page, and a supervisor finds it
in the sign-off queue, signs it off and downloads the letter. Selectors use test ids
and field names, so the test reads the same before and after the catalog is compiled.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.core.demo import DEMO_ACCOUNTS, DemoAccount, ensure_demo_users
from waspada.core.roles import Role
from waspada.decisions.tests.helpers import HIGH_RISK
from waspada.domain.decisions import REASONS
from waspada.regions import services


@pytest.fixture
def office_ready(transactional_db: None, tmp_path: Path, settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # the letters the live server writes
    ensure_demo_users()
    wanted = ("kode", "33,", "33.01,", "33.01.01")
    lines = services.WILAYAH_CSV.read_text(encoding="utf-8").splitlines()
    subset = tmp_path / "wilayah.csv"
    subset.write_text("\n".join(line for line in lines if line.startswith(wanted)) + "\n")
    services.load_regions(path=subset)


def account(role: str) -> DemoAccount:
    return next(a for a in DEMO_ACCOUNTS if a.role == role)


def logged_in(browser: Browser, base: str, role: str) -> Page:
    page = browser.new_context(base_url=base, accept_downloads=True).new_page()
    who = account(role)
    page.goto("/login/")
    page.get_by_label("Nama pengguna").fill(who.username)
    page.get_by_label("Kata sandi").fill(who.password)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_test_id("whoami")).to_be_visible()
    return page


def interview(page: Page, application: PassportApplication) -> None:
    page.goto(f"/applications/{application.application_no}/")
    page.get_by_test_id("start-interview").locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/interviews/\d+/$"))
    page.goto(f"/applications/{application.application_no}/")
    expect(page.get_by_test_id("application-status")).to_have_class(
        re.compile(r"\bstatus-interview\b")
    )


def propose(page: Page, outcome: str) -> None:
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
    form.locator("[name=reason]").fill(f"Alasan tertulis untuk {outcome}: hasil wawancara.")
    form.get_by_test_id("propose").click()
    expect(page.get_by_test_id("application-status")).to_have_class(
        re.compile(r"\bstatus-decision_pending\b")
    )
    expect(page.get_by_test_id("pending-proposal")).to_contain_text("hasil wawancara")
    # The proposer cannot sign off.
    expect(page.get_by_test_id("review-form")).to_have_count(0)


@pytest.mark.parametrize(
    ("outcome", "status", "letter"),
    [
        ("issue", "issued", False),
        ("defer", "deferred", True),
        ("refuse", "refused", True),
        ("cancel", "cancelled", False),
    ],
)
def test_interview_proposal_sign_off_and_letter(
    browser: Browser,
    live_server: Any,
    office_ready: None,
    outcome: str,
    status: str,
    letter: bool,
) -> None:
    # Issuing needs a sign-off only at high risk; the other outcomes always do.
    application = make_application(**(HIGH_RISK if outcome == "issue" else {}))
    base = str(live_server)
    interviewer = logged_in(browser, base, Role.INTERVIEWER)
    supervisor = logged_in(browser, base, Role.SUPERVISOR)

    interview(interviewer, application)
    propose(interviewer, outcome)

    supervisor.goto("/decisions/")
    queue = supervisor.get_by_test_id("sign-off-queue")
    queue.get_by_role("link", name=application.application_no).click()
    review = supervisor.get_by_test_id("review-form")
    review.locator("[name=comment]").fill("Sesuai hasil wawancara.")
    review.get_by_test_id("sign-off").click()

    expect(supervisor.get_by_test_id("application-status")).to_have_class(
        re.compile(rf"\bstatus-{status}\b")
    )
    history = supervisor.get_by_test_id("decision-history")
    expect(history.locator(f'[data-outcome="{outcome}"][data-state="in_force"]')).to_have_count(1)
    expect(history.get_by_test_id("review-comment")).to_contain_text("Sesuai hasil wawancara.")
    links = history.get_by_test_id("letter-link")
    if not letter:
        expect(links).to_have_count(0)
        return
    expect(links).to_have_count(1)
    with supervisor.expect_download() as download:
        links.click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert download.value.suggested_filename.endswith(".pdf")

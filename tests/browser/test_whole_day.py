"""The office's whole day in Chromium, each step by the person who does it, with the
screenshots of the user guide (docs/panduan).

The intake officer registers a high-risk applicant with the keyboard only and prints the
receipt; the interviewer conducts the deep interview, leaves it by a header link and finds
the answers on coming back, and proposes a refusal; the supervisor signs it off in one step
from the queue and gets the refusal letter; a ring of 150 applicants is opened on its page;
the head of office reads the figures of 2023. A second test shows the other roles' home
pages and the public page on a phone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tests.browser.helpers import (
    account,
    create_demo_users,
    download_pdf,
    fetch_pdf,
    fill_by_keyboard,
    leave_by_header_link,
    logged_in,
    pdf_text,
    snap,
)
from tests.browser.test_decision_path import (  # noqa: F401  (open_as: a fixture)
    HIGH_RISK_INTAKE,
    expect_status,
    finish,
    letter_links,
    open_as,
    propose,
    start_interview,
)
from tests.browser.test_public_side import public_site  # noqa: F401  (a fixture)
from waspada.applications.models import PassportApplication, Status
from waspada.applications.services import change_status
from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.core.roles import Role
from waspada.decisions.tests import helpers as decided
from waspada.decisions.tests.helpers import HIGH_RISK
from waspada.interviews import services as interviews
from waspada.networks import queries as ring_queries
from waspada.networks.models import RingCluster
from waspada.networks.services import detect_networks
from waspada.networks.tests.helpers import big_ring, broker_ring, members
from waspada.partners.models import Referral
from waspada.partners.nik_verifications import request_verification
from waspada.partners.services import refer_ring
from waspada.partners.tests.factories import make_agreement
from waspada.reports.tests.conftest import YEAR, Story, build_story
from waspada.synthetic.accounts import DEMO_ACCOUNTS

RING_SIZE = 150
ISSUED_IN_RING = 3


def _user(role: str) -> User:
    return User.objects.get(username=account(role).username)


@pytest.fixture
def office_ready(
    transactional_db: None, central_java_regions: None, tmp_path: Path, settings: Any
) -> None:
    """The office `open_as` logs into (in place of the decision path's): the demo users
    and Central Java's regions, where the ring's and the synthetic year's applicants live."""
    settings.MEDIA_ROOT = tmp_path / "media"  # the letters the live server writes
    create_demo_users()


@pytest.fixture
def day(office_ready: None) -> tuple[RingCluster, Story]:
    """A ring of 150 applicants (three of them already issued a passport) and a year of
    2023 decided, its rings detected and one of them referred to the police."""
    big_ring(RING_SIZE)
    story = build_story(
        per_year=60,
        intake=_user(Role.INTAKE_OFFICER),
        supervisor=_user(Role.SUPERVISOR),
        police=_user(Role.PARTNER),
    )
    ring = RingCluster.objects.filter(run=ring_queries.latest_run()).order_by("-size")[0]
    assert ring.size == RING_SIZE and ring.risky
    # The story refers its riskiest ring (this one) on a day of 2023; its members applied
    # this year, so it was referred this year.
    referred = Referral.objects.filter(applications__in=members(ring.pk)).values("pk")
    assert Referral.objects.filter(pk__in=referred).update(referred_at=timezone.now()) == 1
    in_ring = PassportApplication.objects.filter(pk__in=members(ring.pk)).order_by("pk")
    for application in in_ring[:ISSUED_IN_RING]:
        change_status(
            application, Status.ISSUED, expected_version=application.version, acting_user=None
        )
    return ring, story


def test_the_whole_day(
    open_as: Callable[[str], Page],  # noqa: F811
    day: tuple[RingCluster, Story],
) -> None:
    ring, story = day
    intake = HIGH_RISK_INTAKE
    number = intake.application_no

    # The counter: the keyboard only, then the receipt for the applicant.
    counter = open_as(Role.INTAKE_OFFICER)
    snap(counter, "loket-beranda")
    fill_by_keyboard(counter, intake)
    snap(counter, "loket-formulir", at=counter.get_by_test_id("intake-form"))
    counter.keyboard.press("Enter")
    expect(counter).to_have_url(re.compile(rf"/applications/{number}/registered/$"))
    registered = counter.get_by_test_id("registered")
    expect(registered).to_contain_text(intake.full_name)
    expect(registered).not_to_contain_text(re.compile(r"Risiko|risiko|skor|D\d\d"))
    receipt = pdf_text(fetch_pdf(counter, registered.get_by_test_id("print-receipt")))
    assert number in receipt and intake.full_name in receipt
    snap(counter, "loket-terdaftar")

    # The interview: answers saved as typed, kept across a click on a header link.
    interviewer = open_as(Role.INTERVIEWER)
    snap(interviewer, "wawancara-beranda")
    start_interview(interviewer, number, "deep")
    session_url = interviewer.url
    questions = interviewer.get_by_test_id(re.compile(r"^question-"))
    questions.nth(0).locator("textarea").click()
    interviewer.keyboard.type("Diajak teman lewat Facebook, dijanjikan gaji 15 juta sebulan.")
    questions.nth(1).locator("textarea").click()
    interviewer.keyboard.type("Paspor nanti dipegang agen sampai utang lunas.")
    questions.nth(1).locator("input[type=checkbox]").check()
    expect(interviewer.get_by_test_id("save-bar")).to_contain_text(
        re.compile(r"tersimpan \d{2}:\d{2}")
    )
    snap(interviewer, "wawancara-sesi", at=questions.first)
    questions.nth(2).locator("textarea").click()
    interviewer.keyboard.type("Berangkat lewat Batam bersama agen.")
    assert leave_by_header_link(interviewer) == ["beforeunload"]
    interviewer.goto(session_url)
    expect(questions.nth(0).locator("textarea")).to_have_value(re.compile("dijanjikan gaji"))
    expect(questions.nth(1).locator("textarea")).to_have_value(re.compile("dipegang agen"))
    expect(questions.nth(1).locator("input[type=checkbox]")).to_be_checked()
    expect(questions.nth(2).locator("textarea")).to_have_value(
        "Berangkat lewat Batam bersama agen."
    )
    snap(interviewer, "wawancara-kembali", at=questions.first)
    finish(interviewer)
    expect(interviewer.get_by_test_id("answers")).to_contain_text("dipegang agen")
    propose(interviewer, number, "refuse")
    snap(interviewer, "wawancara-usulan", at=interviewer.get_by_test_id("decisions"))

    # Another proposal arrives meanwhile; the oldest is on top of the queue.
    later = decided.at_interview(**HIGH_RISK)
    decided.propose(later, "refuse", by=_user(Role.INTERVIEWER))

    # The sign-off: from the queue, confirmed once, and on to the next proposal.
    supervisor = open_as(Role.SUPERVISOR)
    snap(supervisor, "kasi-beranda")
    supervisor.goto("/decisions/")
    rows = supervisor.get_by_test_id("queue-row")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text(number)
    expect(rows.first).to_contain_text(intake.full_name)
    snap(supervisor, "kasi-antrean")
    rows.first.get_by_test_id("approve").click()
    expect(supervisor.get_by_role("heading", level=1)).to_contain_text(number)
    snap(supervisor, "kasi-konfirmasi")
    supervisor.get_by_test_id("confirm-sign-off").click()
    expect(supervisor).to_have_url(re.compile(r"/decisions/$"))
    expect(supervisor.get_by_role("status")).to_contain_text(number)
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(later.application_no)
    snap(supervisor, "kasi-sesudah")

    # The refusal letter, with the applicant's name and number.
    supervisor.goto(f"/applications/{number}/")
    expect_status(supervisor, "refused")
    letter = pdf_text(download_pdf(supervisor, letter_links(supervisor)))
    assert number in letter and intake.full_name in letter
    snap(supervisor, "permohonan-surat", at=supervisor.get_by_test_id("decisions"))

    # The ring of 150: the list, the drawing in groups, the members a page at a time,
    # those already holding a passport marked.
    supervisor.goto("/networks/")
    snap(supervisor, "jaringan-daftar")
    supervisor.locator(f"a[href='/networks/{ring.pk}/']").first.click()
    expect(supervisor.get_by_test_id("ring-summary")).to_contain_text(f"{RING_SIZE} pemohon")
    drawing = supervisor.get_by_test_id("ring-drawing")
    expect(drawing).to_be_visible()
    groups = drawing.locator("g.node-group").count()
    assert 1 < groups <= 10, groups
    expect(supervisor.get_by_test_id("ring-drawing-legend")).to_contain_text("kelompok")
    snap(supervisor, "jaringan-gambar", at=drawing.locator("xpath=.."))
    members = supervisor.get_by_test_id("ring-members").locator("tbody tr")
    expect(members).to_have_count(50)
    expect(supervisor.locator("#members")).to_contain_text("Halaman 1 dari 3")
    follow_up = supervisor.get_by_test_id("ring-follow-up")
    expect(follow_up).to_contain_text(f"{ISSUED_IN_RING} anggota jaringan berisiko")
    follow_up.get_by_test_id("ring-follow-up-filter").click()
    expect(supervisor.get_by_test_id("ring-member-follow-up")).to_have_count(ISSUED_IN_RING)
    expect(members).to_have_count(ISSUED_IN_RING)
    snap(supervisor, "jaringan-anggota", at=supervisor.locator("#members"))

    # The head of office: the figures of 2023.
    head = open_as(Role.HEAD_OF_OFFICE)
    snap(head, "kakanim-beranda")
    head.get_by_role("navigation", name="Menu utama").locator('a[href="/reports/"]').click()
    period = head.get_by_test_id("period-form")
    period.locator("input[name=year]").fill(str(YEAR))
    period.locator("button[type=submit]").click()
    expect(head.get_by_role("heading", level=1)).to_contain_text(str(YEAR))
    submitted = PassportApplication.objects.filter(submitted_on__year=YEAR).count()
    refused = sum(1 for d in story.decided if d.outcome == "refuse")
    expect(
        head.get_by_test_id("headline-applications").locator("a.report-card-value")
    ).to_have_text(f"{submitted:,}".replace(",", "."))
    expect(head.get_by_test_id("headline-refused").locator("a.report-card-value")).to_have_text(
        str(refused)
    )
    snap(head, "laporan-2023")


@pytest.fixture
def queues(office_ready: None) -> None:
    """Some work on the office's desks and the partners': applications waiting for an
    interview (one assigned, one whose NIK Dukcapil is asked to verify), a proposal to
    sign off, a ring referred to the police."""
    supervisor, interviewer = _user(Role.SUPERVISOR), _user(Role.INTERVIEWER)
    waiting = [make_application(**HIGH_RISK) for _ in range(3)]
    interviews.assign_interview(waiting[0], interviewer, acting_user=supervisor)
    request_verification(waiting[1], reason="Foto KTP tidak cocok", acting_user=supervisor)
    decided.propose(decided.at_interview(**HIGH_RISK), "refuse", by=interviewer)
    brokered = broker_ring(5)
    detect_networks()
    police = _user(Role.PARTNER).agency
    assert police is not None
    make_agreement(police)
    refer_ring(
        RingCluster.objects.get(
            run=ring_queries.latest_run(), memberships__application=brokered[0]
        ),
        agency=police,
        note="Mohon ditindaklanjuti.",
        acting_user=supervisor,
    )


# Who, their screenshot, and the open item their home page counts (none for some).
HOMES = {
    "admin": ("admin-beranda", None),
    "disnaker": ("mitra-disnaker", None),
    "dukcapil": ("mitra-dukcapil", "nik_verifications"),
    "polresta": ("mitra-polisi", "ring_referrals"),
    "yayasan": ("mitra-yayasan", None),
}


def test_each_role_home_page_and_the_public_page_on_a_phone(
    browser: Browser,
    live_server: Any,
    queues: None,
    public_site: None,  # noqa: F811
) -> None:
    for username, (name, open_item) in HOMES.items():
        who = next(a for a in DEMO_ACCOUNTS if a.username == username)
        page = logged_in(browser, str(live_server), who.role, username)
        expect(page.get_by_test_id("home-heading")).to_contain_text(who.full_name)
        if who.agency is not None:
            expect(page.get_by_test_id("partner-open-items")).to_contain_text(who.agency[0])
        if open_item is not None:
            expect(
                page.get_by_test_id(f"open-{open_item}").get_by_test_id("open-count")
            ).to_have_text("1")
        snap(page, name)
        page.context.close()

    phone = browser.new_context(
        base_url=str(live_server), viewport={"width": 390, "height": 844}, is_mobile=True
    ).new_page()
    phone.goto("/publik/")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Periksa dulu")
    snap(phone, "publik-ponsel")
    phone.context.close()

"""In Chromium: an application names a Disnaker recommendation nobody has registered; the
Disnaker answers the verification request; the officer sees the re-screened application."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.helpers import (
    Intake,
    create_demo_users,
    load_kedungreja,
    logged_in,
    register_at_counter,
    second_step,
)
from waspada.core.roles import Role
from waspada.synthetic.accounts import DEMO_ACCOUNTS

NIK = "3301015403980007"
TODAY = dt.date.today()
NOT_ISSUED = f"562/0777/REKOM/{TODAY.year}"
ISSUED = f"562/0778/REKOM/{TODAY.year}"
DISNAKER = next(a for a in DEMO_ACCOUNTS if a.username == "disnaker")


@pytest.fixture
def office_ready(transactional_db: None, tmp_path: Path) -> None:
    create_demo_users()  # among them the Disnaker Kabupaten Cilacap's user
    load_kedungreja(tmp_path)


def worker_intake(number: str, application_no: str) -> Intake:
    return Intake(
        application_no=application_no,
        nik=NIK,
        full_name="Siti Aminah",
        sex="P",
        birth_date="1998-03-14",
        village="33.01.01.2001",
        purpose="work",
        destination_country="TW",
        return_ticket="no",
        documents=("ktp", "kk", "akta_lahir", "rekomendasi_disnaker", "kontrak_kerja"),
        fields={
            "disnaker_recommendation_no": number,
            "employer_name": "Hsin Feng Precision Industry Co., Ltd.",
            "funds_source": "Ditanggung P3MI",
            "itinerary": "Kontrak kerja 3 tahun sebagai operator pabrik di Taichung",
        },
    )


def disnaker_answers(browser: Browser, base_url: str, number: str) -> Page:
    """The Disnaker user logs in, lands on its open items, goes to its open requests and
    opens the one for `number`."""
    page = browser.new_context(base_url=base_url).new_page()
    page.goto("/login/")
    page.locator("[name=username]").fill(DISNAKER.username)
    page.locator("[name=password]").fill(DISNAKER.password)
    page.locator("[name=password]").press("Enter")
    second_step(page, DISNAKER.username)
    # The home page: its open items, with how many requests wait and how old the oldest is.
    waiting = page.get_by_test_id("open-recommendation_requests")
    expect(waiting.get_by_test_id("open-count")).to_have_text("1")
    waiting.get_by_role("link").click()
    requests = page.get_by_test_id("request-table")
    expect(requests).to_contain_text(number)
    expect(requests).to_contain_text("0 hari")  # its age
    requests.get_by_role("row").filter(has_text=number).get_by_role("link").click()
    expect(page.get_by_test_id("naming-applications")).to_contain_text(NIK)
    return page


def test_disnaker_says_not_issued_and_the_officer_sees_d03(
    browser: Browser, live_server: object, office_ready: None
) -> None:
    base = str(live_server)
    officer = logged_in(browser, base, Role.INTAKE_OFFICER)
    register_at_counter(officer, worker_intake(NOT_ISSUED, "CLP-2026-007001"))
    assessment = officer.get_by_test_id("assessment")
    expect(assessment).not_to_contain_text("D03")  # unknown is not bad
    expect(officer.get_by_test_id("assessment-notes")).to_contain_text(NOT_ISSUED)

    disnaker = disnaker_answers(browser, base, NOT_ISSUED)
    form = disnaker.get_by_test_id("answer-form")
    form.locator("[name=answer][value=not_issued]").check()
    form.locator("[name=note]").fill("Nomor tidak ada di buku agenda kami")
    form.get_by_role("button").click()
    expect(disnaker.get_by_test_id("open-requests")).to_contain_text(
        "Tidak ada permintaan yang menunggu jawaban."
    )

    officer.reload()
    assessment = officer.get_by_test_id("assessment")
    expect(assessment).to_contain_text("D03")
    expect(assessment).to_contain_text("tidak pernah diterbitkan")
    expect(assessment).to_contain_text("Nomor tidak ada di buku agenda kami")


def test_disnaker_says_issued_and_the_officer_sees_it_verified(
    browser: Browser, live_server: object, office_ready: None
) -> None:
    base = str(live_server)
    officer = logged_in(browser, base, Role.INTAKE_OFFICER)
    register_at_counter(officer, worker_intake(ISSUED, "CLP-2026-007002"))

    disnaker = disnaker_answers(browser, base, ISSUED)
    form = disnaker.get_by_test_id("answer-form")
    form.locator("[name=answer][value=issued]").check()
    form.locator("[name=issued_on]").fill((TODAY - dt.timedelta(days=30)).isoformat())
    form.locator("[name=nik]").fill(NIK)
    form.locator("[name=full_name]").fill("SITI AMINAH")
    form.locator("[name=destination_country]").select_option("TW")
    form.locator("[name=valid_until]").fill((TODAY + dt.timedelta(days=300)).isoformat())
    form.get_by_role("button").click()
    expect(disnaker.get_by_test_id("register-table")).to_contain_text(ISSUED)

    officer.reload()
    expect(officer.get_by_test_id("assessment")).not_to_contain_text("D03")
    expect(officer.get_by_test_id("assessment-notes")).to_contain_text("Terverifikasi")

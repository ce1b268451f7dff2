"""In Chromium: the officer asks Dukcapil to verify an applicant's NIK from the application
page; the Dukcapil liaison answers "not found" in its queue; the officer sees D12 with the
answer and who gave it."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.helpers import (
    Intake,
    create_demo_users,
    load_kedungreja,
    logged_in,
    register_at_counter,
)
from waspada.core.roles import Role

NIK = "3301015403980008"


@pytest.fixture
def office_ready(transactional_db: None, tmp_path: Path) -> None:
    create_demo_users()  # among them the Disdukcapil Kabupaten Cilacap's liaison
    load_kedungreja(tmp_path)


def test_officer_asks_dukcapil_and_the_liaison_s_answer_comes_back_as_d12(
    browser: Browser, live_server: object, office_ready: None
) -> None:
    base = str(live_server)
    officer = logged_in(browser, base, Role.INTAKE_OFFICER)
    register_at_counter(
        officer,
        Intake(
            application_no="CLP-2026-008001",
            nik=NIK,
            full_name="Siti Aminah",
            sex="P",
            birth_date="1998-03-14",
            village="33.01.01.2001",
            purpose="tourism",
            destination_country="MY",
            return_ticket="yes",
        ),
    )
    expect(officer.get_by_test_id("assessment")).not_to_contain_text("D12")
    panel = officer.get_by_test_id("nik-verifications")
    panel.locator("[name=reason]").fill("Foto KTP tidak cocok")
    panel.get_by_test_id("nik-ask").click()
    panel = officer.get_by_test_id("nik-verifications")
    expect(panel).to_contain_text("Menunggu Dukcapil")
    expect(officer.get_by_test_id("assessment")).not_to_contain_text("D12")  # asking is not bad

    liaison = logged_in(browser, base, Role.PARTNER, username="dukcapil")
    liaison.goto("/partners/dukcapil/")
    requests = liaison.get_by_test_id("nik-request-table")
    expect(requests).to_contain_text(NIK)
    expect(requests).to_contain_text("0 hari")  # its age
    requests.get_by_role("row").filter(has_text=NIK).get_by_role("link").click()
    query = liaison.get_by_test_id("nik-query")
    expect(query).to_contain_text("Siti Aminah")
    expect(query).to_contain_text("1998-03-14")
    expect(query).not_to_contain_text("CLP-2026-008001")  # only NIK, name, birth place, date
    expect(query).not_to_contain_text("Foto KTP")
    form = liaison.get_by_test_id("nik-answer-form")
    form.locator("[name=result][value=not_found]").check()
    form.locator("[name=note]").fill("NIK tidak terdaftar di SIAK")
    form.get_by_role("button").click()
    expect(liaison.get_by_test_id("open-nik-requests")).to_contain_text(
        "Tidak ada permintaan yang menunggu jawaban."
    )

    officer.reload()
    assessment = officer.get_by_test_id("assessment")
    expect(assessment).to_contain_text("D12")
    expect(assessment).to_contain_text("NIK tidak terdaftar di SIAK")
    expect(assessment).to_contain_text("petugas penghubung dukcapil")
    expect(officer.get_by_test_id("nik-verifications")).to_contain_text("NIK tidak ditemukan")

"""An intake officer registers an application in Chromium, as at the counter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.helpers import (
    Intake,
    account,
    create_demo_users,
    load_kedungreja,
    logged_in,
    register_at_counter,
    second_step,
    settle,
)
from waspada.core.roles import Role
from waspada.synthetic.accounts import DemoAccount


@pytest.fixture
def counter_ready(transactional_db: None, tmp_path: Path) -> DemoAccount:
    create_demo_users()
    load_kedungreja(tmp_path)
    return account(Role.INTAKE_OFFICER)


def test_intake_officer_registers_an_application(
    page: Page, live_server: object, counter_ready: DemoAccount
) -> None:
    base = str(live_server)
    page.goto(f"{base}/login/")
    page.get_by_label("Nama pengguna").fill(counter_ready.username)
    page.get_by_label("Kata sandi").fill(counter_ready.password)
    page.get_by_role("button", name="Masuk").click()
    second_step(page, counter_ready.username)
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Daftarkan").click()
    expect(page).to_have_url(re.compile(r"/applications/new/$"))

    # The NIK is checked while it is typed.
    page.get_by_role("textbox", name="NIK").press_sequentially("3301015403980007")
    nik_check = page.get_by_test_id("nik-check")
    expect(nik_check).to_contain_text("NIK sah")
    expect(nik_check).to_contain_text("Kedungreja")
    page.get_by_label("Tanggal lahir").fill("1998-03-15")
    expect(nik_check).to_contain_text("Menurut NIK, tanggal lahir adalah")
    page.get_by_label("Tanggal lahir").fill("1998-03-14")
    expect(nik_check).not_to_contain_text("Menurut NIK")

    page.get_by_label("Nama lengkap (sesuai KTP)").fill("Siti Aminah")
    page.get_by_label("Jenis kelamin").select_option("P")
    page.get_by_label("Tempat lahir").fill("Cilacap")
    page.get_by_label("Telepon:", exact=True).fill("0812 3456 7890")
    page.get_by_label("Alamat (jalan, RT/RW)").fill("Dusun Karanganyar RT 02/RW 04")
    # The address picker is already open at the NIK's kecamatan: only the village is left.
    picker = page.get_by_test_id("region-picker")
    expect(picker.get_by_label("Kecamatan")).to_have_value("33.01.01")
    picker.get_by_label("Desa / kelurahan").select_option("33.01.01.2001")

    page.get_by_label("Nomor permohonan").fill("CLP-2026-004242")
    page.get_by_label("Tujuan perjalanan").select_option("work")
    # The checklist follows the purpose and warns about what is missing.
    expect(page.get_by_test_id("documents-missing")).to_contain_text("Rekomendasi paspor Disnaker")
    page.get_by_label("Negara tujuan").select_option("TW")
    page.get_by_label("Akta kelahiran").check()
    expect(page.get_by_test_id("documents-missing")).not_to_contain_text("akta kelahiran")
    page.get_by_role("button", name="Daftarkan").click()

    # In view of the applicant: a neutral confirmation, nothing of the screening.
    expect(page).to_have_url(re.compile(r"/applications/CLP-2026-004242/registered/$"))
    expect(page.get_by_role("status")).to_contain_text(
        "Permohonan CLP-2026-004242 telah didaftarkan"
    )
    confirmation = page.get_by_test_id("registered")
    expect(confirmation).to_contain_text("CLP-2026-004242")
    expect(confirmation).to_contain_text("Siti Aminah")
    expect(confirmation).not_to_contain_text(re.compile(r"Risiko|risiko|skor|D\d\d|Calo"))
    expect(confirmation.get_by_test_id("print-receipt")).to_be_visible()

    # The next applicant: an empty form, ready for the NIK.
    confirmation.get_by_test_id("register-next").click()
    expect(page).to_have_url(re.compile(r"/applications/new/$"))
    nik = page.get_by_role("textbox", name="NIK")
    expect(nik).to_be_focused()
    expect(nik).to_have_value("")

    page.goto(f"{base}/applications/CLP-2026-004242/")
    expect(page.get_by_test_id("application-status")).to_have_text("Disaring, menunggu wawancara")
    expect(page.get_by_test_id("timeline")).to_contain_text("loket")


def test_a_nik_contradiction_is_confirmed_and_kept_as_evidence(
    browser: Browser, live_server: object, counter_ready: DemoAccount
) -> None:
    page = logged_in(browser, str(live_server), Role.INTAKE_OFFICER)
    # The NIK says 14 March 1998; the form says 2005: a minor made to look adult, or
    # the other way round. Another system's number, with slashes.
    intake = Intake(
        application_no="SIMKIM/2026/0042",
        nik="3301015403980007",
        full_name="Siti Aminah",
        sex="P",
        birth_date="2005-03-14",
        village="33.01.01.2001",
        purpose="tourism",
        destination_country="MY",
        return_ticket="yes",
    )
    register_at_counter(page, intake, confirm_nik_contradiction=True)
    expect(page.get_by_role("heading", level=1)).to_contain_text("SIMKIM/2026/0042")
    expect(page.get_by_test_id("application-identity")).to_contain_text("14 Maret 2005")
    expect(page.get_by_text(re.compile(r"formulir 2005-03-14, NIK 1998-03-14"))).to_be_visible()
    page.goto("/applications/")
    page.get_by_role("link", name="SIMKIM/2026/0042").click()
    expect(page).to_have_url(re.compile(r"/applications/SIMKIM~2F2026~2F0042/$"))
    page.context.close()


def _focused_id(page: Page) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


def test_keyboard_only_registration_with_the_address_from_the_nik(
    page: Page, live_server: object, counter_ready: DemoAccount
) -> None:
    """The counter without a mouse: the skip link, the NIK focused, the address picker
    opened at the NIK's kecamatan, villages chosen by typing their name, focus kept."""
    base = str(live_server)
    page.goto(f"{base}/login/")
    page.get_by_label("Nama pengguna").fill(counter_ready.username)
    page.get_by_label("Kata sandi").fill(counter_ready.password)
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("whoami")).to_be_visible()
    page.goto(f"{base}/applications/new/")
    # The NIK field has the focus; on any page the first Tab offers to skip the menu.
    expect(page.get_by_role("textbox", name="NIK")).to_be_focused()
    page.goto(f"{base}/applications/")
    page.keyboard.press("Tab")
    expect(page.get_by_test_id("skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    assert _focused_id(page) == "main"
    page.goto(f"{base}/applications/new/")
    expect(page.get_by_role("textbox", name="NIK")).to_be_focused()
    page.keyboard.type("3301015403980007")
    expect(page.get_by_test_id("nik-check")).to_contain_text("NIK sah")
    picker = page.get_by_test_id("region-picker")
    # The NIK was issued in Kedungreja (33.01.01): the picker opens there.
    expect(picker.get_by_label("Kecamatan")).to_have_value("33.01.01")
    village = picker.get_by_label("Desa / kelurahan")
    expect(village).to_be_enabled()
    # Options read as names, so typing a name jumps to it.
    expect(village.locator("option[value='33.01.01.2003']")).to_have_text("Ciklapa")

    for _ in range(3):  # the NIK, the full name, then the sex
        page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.type("Siti Aminah")
    page.keyboard.press("Tab")
    page.keyboard.type("Perempuan")
    expect(page.get_by_label("Jenis kelamin")).to_have_value("P")

    # Changing the regency keeps the focus where it was, so Tab goes on from there.
    page.get_by_label("Alamat (jalan, RT/RW)").focus()
    page.keyboard.type("Dusun Ciklapa RT 01/RW 03")
    page.keyboard.press("Tab")
    assert _focused_id(page) == "id_village_province"
    page.keyboard.press("Tab")
    assert _focused_id(page) == "id_village_regency"
    page.keyboard.press("Tab")
    assert _focused_id(page) == "id_village_district"
    page.keyboard.press("Tab")
    assert _focused_id(page) == "id_village"
    page.keyboard.type("Ciklapa")
    expect(village).to_have_value("33.01.01.2003")
    page.wait_for_load_state("networkidle")
    assert _focused_id(page) == "id_village"
    page.keyboard.press("Tab")
    expect(page.get_by_label("Nomor permohonan")).to_be_focused()


def test_a_village_typed_at_a_person_s_pace_is_the_one_chosen(
    browser: Browser, live_server: object, counter_ready: DemoAccount
) -> None:
    """Typing a village's name picks it letter by letter; the picker is not drawn again
    for the village (only for the levels above it), which would forget the letters typed
    so far and land on another village (Kedungreja for "Ciklapa")."""
    page = logged_in(browser, str(live_server), Role.INTAKE_OFFICER)
    page.goto("/applications/new/")
    page.keyboard.type("3301015403980007")
    picker = page.get_by_test_id("region-picker")
    expect(picker.get_by_label("Kecamatan")).to_have_value("33.01.01")
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    village = picker.get_by_label("Desa / kelurahan")
    village.focus()
    page.keyboard.type("Ciklapa", delay=150)
    expect(village).to_have_value("33.01.01.2003")
    settle(page)
    assert not [url for url in asked if "/regions/picker/" in url]
    # A level above still draws the levels below it again.
    picker.get_by_label("Kecamatan").select_option("")
    expect(picker.get_by_label("Desa / kelurahan")).to_be_disabled()
    page.context.close()

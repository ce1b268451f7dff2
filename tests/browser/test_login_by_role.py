"""Each demo user logs in in Chromium, lands on their home page, and switches language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import create_demo_users, second_step
from waspada.core.roles import Role
from waspada.regions import services
from waspada.synthetic.accounts import DEMO_ACCOUNTS, DemoAccount

# What each role's menu shows (Indonesian labels), and what it must not show.
MENU = {
    Role.INTAKE_OFFICER: ({"Wilayah"}, {"Jejak audit", "Pengguna"}),
    Role.INTERVIEWER: ({"Wilayah"}, {"Jejak audit", "Pengguna"}),
    Role.SUPERVISOR: ({"Jejak audit", "Wilayah"}, {"Pengguna"}),
    Role.HEAD_OF_OFFICE: ({"Jejak audit", "Wilayah"}, {"Pengguna"}),
    Role.ADMIN: ({"Pengguna", "Instansi", "Wilayah"}, {"Jejak audit"}),
    Role.AUDITOR: ({"Jejak audit", "Wilayah"}, {"Pengguna"}),
    Role.PARTNER: (set(), {"Jejak audit", "Wilayah", "Pengguna"}),
}


@pytest.fixture
def demo_users(transactional_db: None) -> tuple[DemoAccount, ...]:
    return create_demo_users()


def _log_in(page: Page, base_url: str, account: DemoAccount) -> None:
    page.goto(f"{base_url}/")
    expect(page).to_have_url(re.compile(r"/login/"))
    page.get_by_label("Nama pengguna").fill(account.username)
    page.get_by_label("Kata sandi").fill(account.password)
    page.get_by_role("button", name="Masuk").click()
    second_step(page, account.username)


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.username)
def test_demo_user_logs_in_and_sees_their_menu(
    page: Page, live_server: object, demo_users: tuple[DemoAccount, ...], account: DemoAccount
) -> None:
    base_url = str(live_server)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _log_in(page, base_url, account)
    expect(page.get_by_role("banner")).to_contain_text(account.full_name)
    expect(page.get_by_test_id("home-heading")).to_contain_text(account.full_name)
    if account.agency is not None:
        # A partner user lands on their agency's open items.
        expect(page.get_by_test_id("partner-open-items")).to_contain_text(account.agency[0])
    menu = page.get_by_role("navigation", name="Menu utama")
    shown, hidden = MENU[Role(account.role)]
    for label in shown:
        expect(menu.get_by_role("link", name=label, exact=True)).to_be_visible()
    for label in hidden:
        expect(menu.get_by_role("link", name=label, exact=True)).to_have_count(0)
    # No CSP violation or script error on the page.
    assert errors == []


def test_language_switch_to_english_and_back(
    page: Page, live_server: object, demo_users: tuple[DemoAccount, ...]
) -> None:
    base_url = str(live_server)
    supervisor = next(a for a in DEMO_ACCOUNTS if a.role == Role.SUPERVISOR)
    _log_in(page, base_url, supervisor)
    expect(page.get_by_test_id("home-heading")).to_contain_text("Selamat datang")
    page.get_by_test_id("language-en").click()
    expect(page.get_by_test_id("home-heading")).to_contain_text("Welcome")
    expect(page.get_by_role("link", name="Audit trail", exact=True).first).to_be_visible()
    page.get_by_test_id("language-id").click()
    expect(page.get_by_test_id("home-heading")).to_contain_text("Selamat datang")


def test_wrong_password_shows_a_message(
    page: Page, live_server: object, demo_users: tuple[DemoAccount, ...]
) -> None:
    page.goto(f"{live_server}/login/")
    page.get_by_label("Nama pengguna").fill("loket")
    page.get_by_label("Kata sandi").fill("salah")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("alert")).to_contain_text("sandi yang benar")


def test_region_picker_cascades_to_a_village(
    page: Page, live_server: object, demo_users: tuple[DemoAccount, ...], tmp_path: Path
) -> None:
    # Only Kecamatan Dayeuhluhur (33.01.01) and its parents: enough to cascade.
    wanted = ("kode", "33,", "33.01,", "33.01.01")
    lines = services.WILAYAH_CSV.read_text(encoding="utf-8").splitlines()
    subset = tmp_path / "wilayah.csv"
    subset.write_text("\n".join(line for line in lines if line.startswith(wanted)) + "\n")
    services.load_regions(path=subset)

    intake = next(a for a in DEMO_ACCOUNTS if a.role == Role.INTAKE_OFFICER)
    _log_in(page, str(live_server), intake)
    page.goto(f"{live_server}/regions/")
    picker = page.get_by_test_id("region-picker")
    picker.get_by_label("Provinsi").select_option("33")
    picker.get_by_label("Kabupaten / kota").select_option("33.01")
    picker.get_by_label("Kecamatan").select_option("33.01.01")
    picker.get_by_label("Desa / kelurahan").select_option("33.01.01.2001")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.get_by_test_id("region-path")).to_contain_text("33.01.01.2001")

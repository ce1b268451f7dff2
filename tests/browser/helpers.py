"""Steps shared by the browser tests: the office's regions, logging in, the intake form,
PDF downloads and leaving a page idle.

Selectors use test ids and field names, so the steps read the same before and after the
catalog is compiled and in either language.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Locator, Page, expect

from conftest import code_for_key, totp_code
from waspada.applications.converters import encode_number
from waspada.regions import services
from waspada.synthetic.accounts import DEMO_ACCOUNTS, DemoAccount

# Kecamatan Kedungreja (33.01.01) and its parents: enough for the region picker and for
# screening an applicant who lives there.
KEDUNGREJA_ROWS = ("kode", "33,", "33.01,", "33.01.01")


def load_kedungreja(tmp_path: Path) -> None:
    lines = services.WILAYAH_CSV.read_text(encoding="utf-8").splitlines()
    subset = tmp_path / "wilayah.csv"
    subset.write_text("\n".join(line for line in lines if line.startswith(KEDUNGREJA_ROWS)) + "\n")
    services.load_regions(path=subset)


def create_demo_users() -> tuple[DemoAccount, ...]:
    """The demo logins, created as `make run` creates them (`waspada demo-users`)."""
    call_command("demo_users", stdout=io.StringIO())
    return DEMO_ACCOUNTS


def account(role: str) -> DemoAccount:
    return next(a for a in DEMO_ACCOUNTS if a.role == role)


def logged_in(browser: Browser, base_url: str, role: str, username: str | None = None) -> Page:
    """A page in its own browser context (own cookies), logged in as the role's demo user
    (the one named `username`, when the role has several)."""
    page = browser.new_context(base_url=base_url, accept_downloads=True).new_page()
    who = (
        account(role)
        if username is None
        else next(a for a in DEMO_ACCOUNTS if a.username == username)
    )
    page.goto("/login/")
    page.locator("[name=username]").fill(who.username)
    page.locator("[name=password]").fill(who.password)
    page.locator("[name=password]").press("Enter")
    second_step(page, who.username)
    expect(page.get_by_test_id("whoami")).to_be_visible()
    return page


def second_step(page: Page, username: str) -> None:
    """After the right password: the second factor when the user is asked for one. On
    the first sign-in the user sets up an authenticator from the key the page shows;
    later the app's code is the one the user's device shows now."""
    page.wait_for_url(lambda url: urlsplit(url).path != "/login/")
    path = urlsplit(page.url).path
    if path == "/login/enrol/":
        code = code_for_key(page.get_by_test_id("totp-secret").inner_text())
    elif path == "/login/verify/":
        code = totp_code(TOTPDevice.objects.get(user__username=username, confirmed=True))
    else:
        return
    page.locator("[name=code]").fill(code)
    page.locator("[name=code]").press("Enter")
    if path == "/login/enrol/":
        expect(page.get_by_test_id("recovery-codes")).to_be_visible()
        page.get_by_test_id("continue").click()
    page.wait_for_url(lambda url: not urlsplit(url).path.startswith("/login/"))


def after_swap(page: Page, region: Locator, action: Callable[[], object]) -> None:
    """Do `action`, which makes htmx re-render `region`, and wait until it has: the next
    step must act on the new fields, or the re-render would undo it."""
    old = region.locator("input, select").first.element_handle()
    action()
    page.wait_for_function("node => !node.isConnected", arg=old)


@dataclass(frozen=True)
class Intake:
    """What the intake officer types for one applicant and one application. `fields`
    holds the other text fields of the form by name (funds_source, sponsor_name, ...);
    the birth place and the street address are always the same."""

    application_no: str
    nik: str
    full_name: str
    sex: str
    birth_date: str  # ISO
    village: str  # e.g. 33.01.01.2001
    purpose: str
    destination_country: str
    return_ticket: str
    documents: Sequence[str] = ("ktp", "kk")
    fields: Mapping[str, str] = field(default_factory=dict)


def register_at_counter(
    page: Page, intake: Intake, *, confirm_nik_contradiction: bool = False
) -> None:
    """Fill the intake form (/applications/new/) and register; ends on the new
    application's page. With `confirm_nik_contradiction`, the first submit must stop at
    the warning that the NIK contradicts the form, which the officer then confirms."""
    page.goto("/applications/new/")
    form = page.get_by_test_id("intake-form")
    form.locator("[name=nik]").fill(intake.nik)
    form.locator("[name=full_name]").fill(intake.full_name)
    form.locator("[name=sex]").select_option(intake.sex)
    form.locator("[name=birth_date]").fill(intake.birth_date)
    form.locator("[name=birth_place]").fill("Cilacap")
    form.locator("[name=address]").fill("Dusun Kedungreja RT 01/RW 02")
    _pick_village(form, intake.village)
    form.locator("[name=application_no]").fill(intake.application_no)
    form.locator("[name=destination_country]").select_option(intake.destination_country)
    form.locator("[name=return_ticket]").select_option(intake.return_ticket)
    for name, value in intake.fields.items():
        form.locator(f"[name={name}]").fill(value)
    # The document checklist is re-rendered after each change (the purpose's documents).
    checklist = form.get_by_test_id("documents")
    after_swap(
        page, checklist, lambda: form.locator("[name=purpose]").select_option(intake.purpose)
    )
    for code in intake.documents:
        box = checklist.locator(f"input[value={code}]")
        if not box.is_checked():
            after_swap(page, checklist, box.check)
        expect(box).to_be_checked()
    form.locator("button[type=submit]").click()
    if confirm_nik_contradiction:
        warning = page.get_by_test_id("nik-contradiction")
        expect(warning).to_be_visible()
        warning.locator("[name=confirm_nik_contradiction]").check()
        page.get_by_test_id("intake-form").locator("button[type=submit]").click()
    segment = re.escape(encode_number(intake.application_no))
    # The counter's neutral confirmation first; then the officer opens the application.
    expect(page).to_have_url(re.compile(rf"/applications/{segment}/registered/$"))
    page.get_by_test_id("open-application").click()
    expect(page).to_have_url(re.compile(rf"/applications/{segment}/$"))


def _pick_village(form: Locator, village: str) -> None:
    # The NIK check may have opened the picker at the NIK's kecamatan; each choice
    # re-renders the picker, so every level waits for the one above to be swapped in.
    parts = village.split(".")
    settle(form.page)
    for level, depth in (("province", 1), ("regency", 2), ("district", 3)):
        select = form.locator(f"[name=village_{level}]")
        wanted = ".".join(parts[:depth])
        if select.input_value() != wanted:
            select.select_option(wanted)
            settle(form.page)
    form.locator("[name=village]").select_option(village)


def download_pdf(page: Page, link: Locator) -> bytes:
    """Follow a download link and return the file, checked to be a PDF."""
    with page.expect_download() as started:
        link.click()
    download = started.value
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF"), content[:20]
    assert download.suggested_filename.endswith(".pdf")
    return content


def settle(*pages: Page) -> None:
    """Wait until no page has a request in flight: a request the live server still
    handles when the test ends would touch a database connection being torn down."""
    for page in pages:
        page.wait_for_load_state("networkidle")

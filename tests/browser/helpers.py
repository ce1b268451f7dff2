"""Steps shared by the browser tests: the office's regions, logging in, the intake form
(with the mouse or with the keyboard only), PDF downloads and their text, leaving a page by
a header link, waiting for the page to settle, and the screenshots of the user guide.

Selectors use test ids and field names, so the steps read the same before and after the
catalog is compiled and in either language.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Dialog, Locator, Page, ViewportSize, expect
from pypdf import PdfReader

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


# The office's screens, as the screenshots of the user guide show them.
DESKTOP: ViewportSize = {"width": 1280, "height": 800}


def logged_in(browser: Browser, base_url: str, role: str, username: str | None = None) -> Page:
    """A page in its own browser context (own cookies), logged in as the role's demo user
    (the one named `username`, when the role has several)."""
    page = browser.new_context(
        base_url=base_url, accept_downloads=True, viewport=DESKTOP
    ).new_page()
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


def pdf_text(content: bytes) -> str:
    """The text of a PDF, its whitespace made single spaces."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def fetch_pdf(page: Page, link: Locator) -> bytes:
    """The PDF a link opens in a new tab (a receipt to print), fetched with the page's
    session and checked to be a PDF."""
    href = link.get_attribute("href")
    assert href, "the link has no address"
    response = page.context.request.get(href)
    assert response.ok, response.status
    assert response.headers["content-type"] == "application/pdf"
    content = response.body()
    assert content.startswith(b"%PDF"), content[:20]
    return content


def leave_by_header_link(page: Page) -> list[str]:
    """Click the first link of the main menu, accepting the browser's warning about
    unsaved changes if it comes; returns the kinds of dialogs shown."""
    shown: list[str] = []

    def leave(dialog: Dialog) -> None:
        shown.append(dialog.type)
        dialog.accept()

    page.once("dialog", leave)
    left = page.url
    page.locator(".mainnav a").first.click()
    expect(page).not_to_have_url(left)
    return shown


# --- The keyboard at the counter -----------------------------------------------------


def tab_to(page: Page, selector: str, *, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        if page.evaluate("s => !!document.activeElement?.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} never got the focus after {limit} presses of Tab")


def choose_by_typing(page: Page, name: str, value: str) -> None:
    """Tab to the select `name` and type the label of the option `value` (a closed
    select jumps to the option whose label is typed)."""
    tab_to(page, f"select[name={name}]")
    select = page.locator(f"select[name={name}]")
    option = select.locator(f"option[value='{value}']")
    page.keyboard.type(option.inner_text().strip())
    if select.input_value() != value:
        # The browser forgets what was typed after a second without a key, so on a busy
        # machine the label may arrive in pieces: then the arrow keys, from the top.
        page.keyboard.press("Home")
        for _ in range(int(option.evaluate("node => node.index"))):
            page.keyboard.press("ArrowDown")
    expect(select).to_have_value(value)
    settle(page)


def type_into(page: Page, name: str, text: str) -> None:
    tab_to(page, f"[name={name}]")
    page.keyboard.type(text)


def fill_by_keyboard(page: Page, intake: Intake) -> None:
    """Fill the intake form for `intake` without a mouse, from the home page: the menu
    link, then Tab from field to field, typing; ends with the focus on "Register"."""
    tab_to(page, "a[href='/applications/new/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("textbox", name="NIK")).to_be_focused()
    page.keyboard.type(intake.nik)
    expect(page.get_by_test_id("nik-check")).to_contain_text("NIK sah")
    type_into(page, "full_name", intake.full_name)
    choose_by_typing(page, "sex", intake.sex)
    type_into(page, "birth_place", "Cilacap")
    # A date field takes its parts in the order of the browser's own language (whatever
    # the page's): month, day, year in the tests' Chromium (en-US).
    year, month, day = intake.birth_date.split("-")
    type_into(page, "birth_date", f"{month}{day}{year}")
    expect(page.locator("[name=birth_date]")).to_have_value(intake.birth_date)
    type_into(page, "address", "Dusun Kedungreja RT 01/RW 02")
    # The picker opened at the NIK's kecamatan: only the village is left to choose.
    expect(page.locator("[name=village_district]")).to_have_value(intake.village[:8])
    choose_by_typing(page, "village", intake.village)
    type_into(page, "application_no", intake.application_no)
    choose_by_typing(page, "purpose", intake.purpose)
    choose_by_typing(page, "destination_country", intake.destination_country)
    choose_by_typing(page, "return_ticket", intake.return_ticket)
    # Tab only goes forward: the fields above the checklist, the checklist, the rest.
    above = {name: _above_documents(page, name) for name in intake.fields}
    for name, value in intake.fields.items():
        if above[name]:
            type_into(page, name, value)
    for code in intake.documents:
        box = f"input[name=documents][value={code}]"
        if not page.locator(box).is_checked():
            tab_to(page, box)
            page.keyboard.press("Space")
            settle(page)  # the checklist is drawn again, the focus kept
        expect(page.locator(box)).to_be_checked()
    for name, value in intake.fields.items():
        if not above[name]:
            type_into(page, name, value)
    tab_to(page, "form[data-testid=intake-form] button[type=submit]")


def _above_documents(page: Page, name: str) -> bool:
    return bool(
        page.evaluate(
            """name => !!(document.querySelector(`[name=${name}]`).compareDocumentPosition(
                document.querySelector("[data-testid=documents]"))
                & Node.DOCUMENT_POSITION_FOLLOWING)""",
            name,
        )
    )


# --- Screenshots for the user guide --------------------------------------------------

# Every screenshot the browser tests take, by file name (without .jpg). The user guide
# (docs/panduan) shows each of them, and tests/test_docs.py keeps the two in step.
SCREENSHOTS = (
    # The whole day, in order (test_whole_day.py).
    "loket-beranda",
    "loket-formulir",
    "loket-terdaftar",
    "wawancara-beranda",
    "wawancara-sesi",
    "wawancara-kembali",
    "wawancara-usulan",
    "kasi-antrean",
    "kasi-konfirmasi",
    "kasi-sesudah",
    "permohonan-surat",
    "jaringan-daftar",
    "jaringan-gambar",
    "jaringan-anggota",
    "laporan-2023",
    # Each role's home page (test_whole_day.py).
    "kasi-beranda",
    "kakanim-beranda",
    "admin-beranda",
    "mitra-disnaker",
    "mitra-dukcapil",
    "mitra-polisi",
    "mitra-yayasan",
    "publik-ponsel",
)
SCREENSHOT_VARIABLE = "WASPADA_SCREENSHOTS"
_fallback_directory: list[Path] = []


def screenshots_fall_back_to(directory: Path) -> None:
    """Where `snap` writes while WASPADA_SCREENSHOTS is not set (a pytest tmp dir)."""
    _fallback_directory[:] = [directory]


def snap(page: Page, name: str, *, at: Locator | None = None) -> Path:
    """Save what the user sees now as `name`.jpg, for the user guide: into the directory
    named by WASPADA_SCREENSHOTS (`make screenshots`), else into pytest's tmp dir. With
    `at`, the page is scrolled first so that this element is at the top."""
    assert name in SCREENSHOTS, f"add {name} to SCREENSHOTS and show it in docs/panduan"
    settle(page)
    if at is not None:
        at.evaluate("node => node.scrollIntoView({block: 'start'})")
    chosen = os.environ.get(SCREENSHOT_VARIABLE)
    directory = Path(chosen) if chosen else _fallback_directory[0]
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.jpg"
    page.screenshot(path=path, type="jpeg", quality=60, full_page=False, animations="disabled")
    assert path.stat().st_size > 5_000, f"{path} is nearly empty"
    return path

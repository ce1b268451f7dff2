"""The head of office opens the dashboard in Chromium, follows a figure to its list and
downloads the report for publication."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import account, create_demo_users, second_step
from waspada.core.models import User
from waspada.core.roles import Role
from waspada.regions import services
from waspada.reports.tests.conftest import YEAR, build_story
from waspada.synthetic.accounts import DemoAccount


@pytest.fixture
def office_year(transactional_db: None, tmp_path: Path) -> DemoAccount:
    """Central Java's regions, the demo users and a year of synthetic applications, decided."""
    lines = services.WILAYAH_CSV.read_text(encoding="utf-8").splitlines()
    subset = tmp_path / "wilayah.csv"
    subset.write_text("\n".join([lines[0], *(x for x in lines[1:] if x.startswith("33"))]) + "\n")
    services.load_regions(path=subset)
    create_demo_users()
    users = {u.role: u for u in User.objects.all()}
    build_story(
        per_year=300,
        intake=users[Role.INTAKE_OFFICER],
        supervisor=users[Role.SUPERVISOR],
        police=users[Role.PARTNER],
    )
    return account(Role.HEAD_OF_OFFICE)


def test_head_of_office_reads_the_dashboard_and_downloads_the_report(
    page: Page, live_server: object, office_year: DemoAccount, tmp_path: Path
) -> None:
    base = str(live_server)
    page.goto(f"{base}/login/")
    page.get_by_label("Nama pengguna").fill(office_year.username)
    page.get_by_label("Kata sandi").fill(office_year.password)
    page.get_by_role("button", name="Masuk").click()
    second_step(page, office_year.username)
    page.get_by_role("navigation", name="Menu utama").locator('a[href="/reports/"]').click()
    expect(page).to_have_url(re.compile(r"/reports/$"))

    # The dashboard opens on the latest year with data, its charts drawn beside the tables.
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(YEAR))
    refused = page.get_by_test_id("headline-refused").locator("a.report-card-value")
    expect(refused).to_have_text(re.compile(r"^[1-9][0-9.]*$"))
    expect(page.locator('canvas[data-chart="trend"][data-drawn="true"]')).to_be_visible()
    expect(page.get_by_test_id("breakdown-regency")).to_contain_text("Cilacap")

    # A figure opens the list of exactly the applications it counts.
    count = refused.inner_text()
    refused.click()
    expect(page).to_have_url(re.compile(r"/applications/\?.*outcome=refuse"))
    expect(page.get_by_test_id("application-count")).to_contain_text(count)
    page.go_back()

    # Another period: choosing the kind brings its fields; a month without data says so.
    form = page.get_by_test_id("period-form")
    expect(form.locator("select[name=month]")).to_have_count(0)
    form.locator("select[name=period]").select_option("month")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("period-choose")).to_be_visible()
    form.locator("input[name=year]").fill("2031")
    form.locator("select[name=month]").select_option("2")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("report-empty")).to_be_visible()
    page.go_back()
    page.go_back()

    # The report for publication, as a PDF.
    download_form = page.get_by_test_id("report-download")
    download_form.locator("select[name=format]").select_option("pdf")
    download_form.locator("input[name=publication]").check()
    with page.expect_download() as started:
        download_form.locator("button[type=submit]").click()
    download = started.value
    assert re.fullmatch(
        rf"laporan-tppo-{YEAR}0101-{YEAR}1231-publikasi\.pdf", download.suggested_filename
    )
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

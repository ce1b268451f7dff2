"""On a cheap phone, without JavaScript: a person checks a job offer and reports it."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from playwright.sync_api import Browser, expect

from waspada.publik.models import PublicReport


@pytest.fixture
def public_site(transactional_db: None) -> None:
    importlib.import_module("waspada.publik.migrations.0002_safe_migration_guide").seed(apps, None)


def test_a_phone_without_javascript_checks_an_offer_and_sends_a_report(
    browser: Browser, live_server: object, public_site: None
) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    base = str(live_server)
    page.goto(f"{base}/publik/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Periksa dulu")
    # Nothing wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_role("link", name="Cek tawaran kerja").first.click()
    page.get_by_label("Negara tujuan").select_option("KH")
    page.get_by_label("Pekerjaan yang ditawarkan").select_option("online")
    page.get_by_label("Gaji yang dijanjikan per bulan (rupiah)").fill("25000000")
    page.get_by_label("Seseorang di media sosial atau grup chat").check()
    page.get_by_label("Visa turis atau kunjungan ('nanti diubah')").check()
    page.get_by_label("Belum, katanya ditandatangani di sana").check()
    page.get_by_role("button", name="Periksa tawaran").click()
    result = page.get_by_test_id("checker-result")
    expect(result).to_contain_text("tanda bahaya yang serius")
    expect(result).to_contain_text("Tidak ada perjanjian penempatan dengan negara ini")
    assert PublicReport.objects.count() == 0

    page.get_by_role("link", name="Laporkan tawaran ini ke kantor").click()
    expect(page.get_by_label("Apa yang terjadi?")).to_contain_text(
        "Tawaran kerja yang saya periksa"
    )
    page.get_by_label("Di mana? (desa, kecamatan, kabupaten)").fill("Desa Adireja, Cilacap")
    page.get_by_role("button", name="Kirim laporan").click()
    code = page.get_by_test_id("tracking-code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    assert PublicReport.objects.count() == 1

    page.get_by_role("link", name="Ikuti laporan").click()
    page.get_by_label("Kode pelacakan Anda").fill(code)
    page.get_by_role("button", name="Tampilkan status").click()
    expect(page.get_by_test_id("report-status")).to_contain_text("Diterima")
    context.close()

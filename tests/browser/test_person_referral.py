"""In Chromium: a supervisor refers a suspected victim, with her written consent, to a
community organisation; the organisation's user sees the referral (the minimum, nothing
of the screening) and accepts it; the supervisor sees it accepted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from tests.browser.helpers import create_demo_users, load_kedungreja, logged_in
from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.core.roles import Role
from waspada.partners.models import Agency
from waspada.partners.tests.factories import SUMMARY, make_agreement

NGO_LOGIN = "yayasan"


@pytest.fixture
def application(transactional_db: None, tmp_path: Path) -> PassportApplication:
    create_demo_users()  # among them the community organisation's user
    load_kedungreja(tmp_path)
    ngo = Agency.objects.get(users__username=NGO_LOGIN)
    make_agreement(ngo)
    return make_application(applicant={"full_name": "Wulan Sari"})


def test_a_supervisor_refers_with_consent_and_the_ngo_accepts(
    browser: Browser, live_server: object, application: PassportApplication
) -> None:
    base = str(live_server)
    office = logged_in(browser, base, Role.SUPERVISOR)
    office.goto(reverse("application_detail", args=[application.application_no]))
    office.get_by_test_id("refer-person").click()
    form = office.get_by_test_id("person-refer-form")
    form.locator("[name=needs][value=shelter]").check()
    form.locator("[name=needs][value=legal]").check()
    form.locator("[name=summary]").fill(SUMMARY)
    form.locator("[name=consent_method][value=written]").check()
    form.locator("[name=consent_given_by]").fill("Wulan Sari (yang bersangkutan)")
    form.locator("[name=consent_on]").fill(dt.date.today().isoformat())
    form.get_by_role("button").click()
    panel = office.get_by_test_id("person-referrals")
    expect(panel).to_contain_text("Yayasan Peduli Buruh Migran Cilacap")
    expect(panel).to_contain_text("Terkirim")

    ngo = logged_in(browser, base, Role.PARTNER, username=NGO_LOGIN)
    ngo.goto(reverse("person_referral_list"))
    table = ngo.get_by_test_id("person-referral-table")
    expect(table).to_contain_text("Wulan Sari")
    table.get_by_role("link").first.click()
    facts = ngo.get_by_test_id("person-referral-facts")
    expect(facts).to_contain_text(SUMMARY)
    expect(ngo.locator("body")).not_to_contain_text("risiko")
    expect(ngo.locator("body")).not_to_contain_text(application.applicant.nik)
    answer = ngo.get_by_test_id("person-referral-answer-form")
    answer.locator("[name=status]").select_option("accepted")
    answer.locator("[name=note]").fill("Kami hubungi besok pagi.")
    answer.get_by_role("button").click()
    expect(ngo.get_by_test_id("person-referral-status")).to_have_text("Diterima")

    office.reload()
    expect(office.get_by_test_id("person-referrals")).to_contain_text("Diterima")

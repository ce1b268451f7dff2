"""Before an idle session ends the page warns, and "Stay signed in" keeps it."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, expect

from tests.browser.helpers import create_demo_users, logged_in
from waspada.core.roles import Role


def test_the_page_warns_before_the_idle_sign_out(
    browser: Browser, live_server: object, transactional_db: None, settings: Any
) -> None:
    # Two minutes idle: the warning comes (almost) at once, two minutes before the end.
    settings.WASPADA_SESSION_IDLE_MINUTES = 2
    create_demo_users()
    page = logged_in(browser, str(live_server), Role.INTAKE_OFFICER)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    warning = page.get_by_test_id("idle-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("dua menit")
    with page.expect_response(lambda response: response.url.endswith("/healthz")):
        page.get_by_test_id("stay-signed-in").click()
    expect(warning).to_be_hidden()
    assert errors == []

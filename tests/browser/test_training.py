"""An interviewer trains on a phone with the keyboard only: takes a case exercise, a
simulated deep interview, and downloads the certificate the exercise earned."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.browser.helpers import account, create_demo_users, load_kedungreja, settle
from waspada.core.roles import Role
from waspada.domain.training_simulation import synthetic_case
from waspada.training import services
from waspada.training.models import Certificate, Exercise, Simulation

PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def exercise(transactional_db: None, tmp_path: Path) -> Exercise:
    load_kedungreja(tmp_path)
    create_demo_users()
    case = synthetic_case(0)  # "tourism" to Saudi Arabia that is domestic work
    made = Exercise.objects.create(
        family="destination",
        case={key: case[key] for key in ("person", "trip", "parties")},
        indicators=case["indicators"],
        questions=["D01-Q1", "D05-Q1"],
        outcome="refuse",
        reason="Mengaku wisata, tetapi akan bekerja sebagai PRT.",
        source_key="browser-test",
        policy_version=1,
    )
    target = services.module("destination")
    target.required_exercises = 1
    target.save()
    return made


def _fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _press(page: Page, selector: str, key: str = "Space") -> None:
    page.locator(selector).focus()
    page.keyboard.press(key)


def test_an_interviewer_trains_with_the_keyboard_on_a_phone(
    browser: Browser, live_server: object, exercise: Exercise
) -> None:
    who = account(Role.INTERVIEWER)
    context = browser.new_context(
        base_url=str(live_server), viewport=PHONE, is_mobile=True, accept_downloads=True
    )
    page = context.new_page()
    page.goto("/login/")
    page.locator("[name=username]").focus()
    page.keyboard.type(who.username)
    page.keyboard.press("Tab")
    page.keyboard.type(who.password)
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("whoami")).to_be_visible()

    # The exercise: what do you see, ask and decide - all with the keyboard.
    page.goto(f"/training/exercises/{exercise.pk}/")
    expect(page.get_by_test_id("case")).to_contain_text(exercise.case["person"]["full_name"])
    _fits(page)
    for code in exercise.indicators:
        _press(page, f"input[name=indicators][value={code}]")
    for code in exercise.questions:
        _press(page, f"input[name=questions][value='{code}']")
    _press(page, "input[name=outcome][value=refuse]")
    page.locator("[name=reason]").focus()
    page.keyboard.type("Tujuan wisata, tetapi akan bekerja sebagai PRT di Arab Saudi.")
    _press(page, "[data-testid=exercise-form] button[type=submit]", "Enter")
    expect(page.get_by_test_id("total")).to_have_text("100")
    expect(page.get_by_test_id("feedback")).to_contain_text("D05")
    _fits(page)

    # The simulated deep interview on a synthetic case.
    page.goto("/training/")
    _press(page, "[data-testid=start-simulation]", "Enter")
    expect(page.get_by_test_id("ask-form")).to_be_visible()
    _fits(page)
    _press(page, "[data-testid=ask-form] button[value='D05-Q1']", "Enter")
    expect(page.get_by_test_id("transcript").locator("li")).to_have_count(1)
    _press(page, "[data-testid=observe-form] input[name=observed][value=D05]")
    _press(page, "[data-testid=observe-form] button[type=submit]", "Enter")
    expect(page.locator("[data-testid=observe-form] input[value=D05]")).to_be_checked()
    _press(page, "[data-testid=finish-form] input[name=outcome][value=refuse]")
    page.locator("[data-testid=finish-form] [name=reason]").focus()
    page.keyboard.type("Akan bekerja di luar negeri tanpa prosedur.")
    _press(page, "[data-testid=finish-form] button[type=submit]", "Enter")
    expect(page.get_by_test_id("simulation-score")).to_be_visible()
    _fits(page)
    simulation = Simulation.objects.get()
    assert simulation.finished_at is not None and simulation.total is not None

    # The certificate the exercise earned, downloaded with Enter.
    page.goto("/training/")
    link = page.get_by_test_id("certificate-download")
    link.focus()
    with page.expect_download() as started:
        page.keyboard.press("Enter")
    content = Path(started.value.path()).read_bytes()
    assert content.startswith(b"%PDF")
    assert Certificate.objects.get().officer.username == who.username
    settle(page)
    context.close()

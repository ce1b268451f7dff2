"""The period form without JavaScript: only the chosen kind's fields, opening on the last
complete year, a download form with its own element ids, and neutral changes."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.domain import periods
from waspada.reports.dashboard import default_period
from waspada.reports.tests.conftest import YEAR, Story

pytestmark = pytest.mark.usefixtures("central_java_regions")


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids[value] += 1


@pytest.fixture
def head(login: Callable[..., Client], head_of_office: User) -> Client:
    return login(head_of_office)


def _period_form(html: str) -> str:
    return html.split('data-testid="period-form"', 1)[1].split("</form>", 1)[0]


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({}, {"year"}, {"quarter", "month", "start", "end"}),
        ({"period": "quarter", "year": "2023", "quarter": "2"}, {"year", "quarter"}, {"month"}),
        ({"period": "month", "year": "2023", "month": "5"}, {"year", "month"}, {"quarter"}),
        (
            {"period": "custom", "start": "2023-01-01", "end": "2023-01-31"},
            {"start", "end"},
            {"year"},
        ),
    ],
)
def test_the_period_form_shows_only_the_fields_of_its_kind(
    head: Client, params: dict[str, str], shown: set[str], hidden: set[str]
) -> None:
    form = _period_form(head.get(reverse("report_dashboard"), params).content.decode())
    names = set(re.findall(r'name="(\w+)"', form))
    assert names == {"period"} | shown
    assert not names & hidden


def test_choosing_another_kind_brings_its_fields_without_an_error(head: Client) -> None:
    response = head.get(reverse("report_dashboard"), {"period": "month", "year": "2023"})
    html = response.content.decode()
    assert 'name="month"' in _period_form(html)
    assert 'data-testid="period-choose"' in html
    assert "error-box" not in html
    assert response.context["form"].errors == {}


def test_the_dashboard_opens_on_the_last_complete_year(db: None) -> None:
    make_application(submitted_on=dt.date(2026, 2, 3))
    assert default_period(today=dt.date(2026, 3, 1)) == periods.year(2025)
    # An office whose data ends earlier opens on its latest year.
    assert default_period(today=dt.date(2030, 3, 1)) == periods.year(2026)


def test_the_download_form_repeats_no_element_id_of_the_period_form(
    story: Story, head: Client
) -> None:
    for params in ({}, {"period": "month", "year": str(YEAR), "month": "3"}):
        parser = _Ids()
        parser.feed(head.get(reverse("report_dashboard"), params).content.decode())
        repeated = {name for name, count in parser.ids.items() if count > 1}
        assert repeated == set()
        assert "download-format" in parser.ids


def test_a_fall_in_passports_issued_is_not_coloured_as_good() -> None:
    css = (Path(__file__).parents[1] / "static" / "reports" / "reports.css").read_text()
    coloured = re.findall(r"\.change\.(up|down)[^{]*\{[^}]*var\(--(ok|danger)\)", css)
    assert coloured == []

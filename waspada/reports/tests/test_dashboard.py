"""The dashboard: every figure reconciles with its list, bounded queries, empty periods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import connection
from django.db.models import Count
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _

from waspada.applications.forms import ApplicationFilterForm
from waspada.applications.models import PassportApplication
from waspada.applications.queries import filtered_applications
from waspada.core.models import User
from waspada.domain import periods
from waspada.reports import breakdowns
from waspada.reports.breakdowns import DIMENSIONS
from waspada.reports.dashboard import all_figures, build
from waspada.reports.figures import Figure, submitted_q
from waspada.reports.tests.conftest import YEAR, Story, build_story

pytestmark = pytest.mark.usefixtures("central_java_regions")


@pytest.fixture
def head(login: Callable[..., Client], head_of_office: User) -> Client:
    return login(head_of_office)


def list_count(found: Figure) -> int:
    """How many applications the list shows for the figure's link (its form must accept
    every filter: an ignored filter would show more)."""
    query = urlsplit(found.url).query
    form = ApplicationFilterForm(QueryDict(query))
    assert form.is_valid(), (found.url, form.errors)
    assert {name for name, _value in parse_qsl(query)} <= set(form.cleaned_data)
    return filtered_applications(form.filters()).count()


def test_every_figure_reconciles_with_the_application_list(story: Story, head: Client) -> None:
    board = build(periods.year(YEAR))
    figures = list(all_figures(board))
    # The data is varied enough that every kind of figure has something to count.
    counted = {name.split(" ")[0] for name, found in figures if found.value}
    assert counted >= {"headline", "regency", "district", "purpose", "destination", "sex"}
    assert counted >= {"age_band", "reason", "indicator", "trend", "workload"}
    for key in ("deferred", "refused", "cancelled", "deep_interviews", "ring_members", "referred"):
        assert board.totals.headlines[key].current.value > 0, key
    mismatches = [
        (name, found.value, count)
        for name, found in figures
        if (count := list_count(found)) != found.value
    ]
    assert mismatches == []
    # The list page itself shows the same count (a sample: every headline and the
    # first row of every table).
    sample = [board.totals.headlines[k].current for k in board.totals.headlines]
    sample += [next(iter(table.rows[0].cells.values())) for table in board.breakdowns]
    sample += [officer.cells["interviewed"] for officer in board.workload[:1]]
    for found in sample:
        page = head.get(found.url)
        assert page.status_code == 200
        assert page.context["page"].paginator.count == found.value, found.url


def test_breakdowns_add_up_to_the_headlines(story: Story) -> None:
    board = build(periods.year(YEAR))
    for table in board.breakdowns:
        for column in ("applications", "deep_interviews", "deferred", "refused", "issued"):
            total = sum(row.value(column) for row in table.rows)
            assert total == board.totals.headlines[column].current.value, (table.key, column)


def test_the_page_shows_the_figures_charts_and_tables(story: Story, head: Client) -> None:
    response = head.get(reverse("report_dashboard"), {"period": "year", "year": str(YEAR)})
    assert response.status_code == 200
    board = response.context["board"]
    html = response.content.decode()
    refused = board.totals.headlines["refused"].current
    assert f'href="{refused.url.replace("&", "&amp;")}"' in html
    assert 'data-chart="trend"' in html and 'id="report-charts"' in html
    assert "vendor/chart.js/chart.umd.min.js" in html
    assert "<script>" not in html  # strict CSP: data only, code in static files
    for test_id in ("trend-table", "reasons-table", "breakdown-regency", "workload-table"):
        assert f'data-testid="{test_id}"' in html


def test_the_previous_period_is_the_one_before(story: Story) -> None:
    board = build(periods.quarter(YEAR, 1))
    assert board.totals.previous == periods.quarter(YEAR - 1, 4)
    applications = board.totals.headlines["applications"]
    assert applications.previous.value == 0
    assert dict(applications.previous.filters)["date_to"] == "2022-12-31"
    later = build(periods.quarter(YEAR, 2)).totals.headlines["applications"]
    assert later.previous.value == applications.current.value


def test_queries_do_not_grow_with_the_data(
    central_java_regions: None,
    intake_officer: User,
    supervisor: User,
    police_partner: User,
    head: Client,
) -> None:
    url = reverse("report_dashboard")
    params = {"period": "year", "year": str(YEAR)}
    build_story(per_year=300, intake=intake_officer, supervisor=supervisor, police=police_partner)
    # The first look creates the training modules with their defaults: not a data cost.
    head.get(url, params)
    with CaptureQueriesContext(connection) as few:
        assert head.get(url, params).status_code == 200
    build_story(per_year=600, intake=intake_officer, supervisor=supervisor, police=police_partner)
    with CaptureQueriesContext(connection) as many:
        assert head.get(url, params).status_code == 200
    assert len(many) == len(few)
    # 45, one query for each of the six tables of the coordination with partner agencies
    # (two kinds of request, three of referral, alerts), the menu's count of NIK
    # verifications waiting for an answer, five for the training figures (modules,
    # exercises, hours, simulations, certificates) and the bell's unread count.
    assert len(many) <= 58


def test_a_period_without_data_shows_an_empty_state(story: Story, head: Client) -> None:
    with CaptureQueriesContext(connection) as queries:
        response = head.get(
            reverse("report_dashboard"), {"period": "month", "year": "2030", "month": "2"}
        )
    assert response.status_code == 200
    assert 'data-testid="report-empty"' in response.content.decode()
    assert response.context["charts"] == []
    assert len(queries) < 20  # the headlines only


def test_the_dashboard_opens_on_the_year_of_the_latest_application(
    story: Story, head: Client
) -> None:
    response = head.get(reverse("report_dashboard"))
    assert response.context["period"] == periods.year(YEAR)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"period": "month", "year": "2023", "month": ""}, "month"),
        ({"period": "quarter", "year": "2023", "quarter": "5"}, "quarter"),
        ({"period": "year", "year": "1999"}, "year"),
        ({"period": "year", "year": "dua ribu"}, "year"),
        ({"period": "custom", "start": "2023-03-01", "end": "2023-01-01"}, "end"),
        ({"period": "custom", "start": "2023-03-01"}, "end"),
        ({"period": "weekly", "year": "2023"}, "period"),
    ],
)
def test_a_wrong_period_is_refused_on_its_field(
    head: Client, params: dict[str, str], field: str
) -> None:
    response = head.get(reverse("report_dashboard"), params)
    assert response.status_code == 200
    assert response.context["period"] is None
    assert field in response.context["form"].errors
    assert str(_("Correct the period above to see its figures.")) in response.content.decode()


def test_a_custom_period_is_compared_with_as_many_days_before(story: Story) -> None:
    period = periods.custom(dt.date(YEAR, 3, 10), dt.date(YEAR, 3, 19))
    board = build(period)
    assert board.totals.previous.start == dt.date(YEAR, 2, 28)
    assert len(board.trend) == 10  # one bucket per day


def test_grouping_each_dimension_in_one_scan_gives_the_per_dimension_counts(
    story: Story,
) -> None:
    applications = PassportApplication.objects.filter(submitted_q(periods.year(YEAR)))
    keys = [dimension.expression("") for dimension in DIMENSIONS]
    one_scan = breakdowns.grouped_by_each(applications, keys, n=Count("id"))
    separately = [breakdowns.grouped(applications, key, n=Count("id")) for key in keys]
    assert [sorted((r["key"], r["n"]) for r in rows) for rows in one_scan] == [
        sorted((r["key"], r["n"]) for r in rows) for rows in separately
    ]
    if connection.vendor == "postgresql":  # the grouping sets were used, not the fallback
        assert breakdowns.grouping_sets(applications, keys, {"n": Count("id")}) is not None


def test_the_ring_count_is_the_ring_list_behind_it(story: Story, head: Client) -> None:
    rings = build(periods.year(YEAR)).totals.rings
    assert rings is not None and rings.current > 0
    page = head.get(rings.current_url)
    assert page.status_code == 200
    assert page.context["page"].paginator.count == rings.current

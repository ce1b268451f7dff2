"""Training figures (waspada.training) on the dashboard and in the annual report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from waspada.core.models import User
from waspada.domain import periods
from waspada.reports.document import build_document
from waspada.training import services
from waspada.training.models import Exercise
from waspada.training.tests.helpers import answer, decided_cases, english, generate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("central_java_regions")]
Login = Callable[[User], Client]


def test_the_dashboard_and_the_annual_report_show_the_training_figures(
    login: Login, supervisor: User, interviewer: User
) -> None:
    decided_cases(interviewer, supervisor)
    generate(login(supervisor))
    refused = Exercise.objects.get(outcome="refuse")
    services.edit_module(
        services.module(refused.family),
        introduction="",
        pass_threshold=70,
        required_exercises=1,
        acting_user=supervisor,
    )
    client = login(interviewer)
    client.post(reverse("training_exercise", args=[refused.pk]), answer(refused, seconds=7200))
    client.post(
        reverse("training_exercise", args=[refused.pk]),
        answer(refused, indicators=[], outcome="issue"),
    )
    year = timezone.localdate().year
    document = build_document(periods.custom(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    table = next(t for t in document.tables if t.key == "training")
    assert table.counts == [[1], [2], [2], [1]]  # certified, hours, attempted, passed
    page = (
        english(login, supervisor)
        .get(reverse("report_dashboard"), {"period": "year", "year": str(year)})
        .content.decode()
    )
    assert "Officer training" in page and "50%" in page

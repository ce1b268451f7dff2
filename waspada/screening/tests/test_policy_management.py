"""Supervisors draft, edit, backtest and publish policy versions; all audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from waspada.applications.tests.factories import make_application
from waspada.core.models import AuditEvent, User
from waspada.screening.models import PolicyState, PolicyVersion, RiskAssessment, ScreeningRun
from waspada.screening.policies import version_in_force

pytestmark = pytest.mark.usefixtures("central_java_regions")


@pytest.fixture
def kasi(login: Callable[..., Client], supervisor: User) -> Client:
    return login(supervisor)


def _draft(client: Client) -> PolicyVersion:
    current = version_in_force()
    response = client.post(reverse("policy_draft", args=[current.number]))
    assert response.status_code == 302
    return PolicyVersion.objects.get(state=PolicyState.DRAFT)


def _edit_data(form_initial: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in form_initial.fields:
        value = form_initial[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data


def test_the_shipped_policy_is_version_1_in_force(db: None) -> None:
    version = version_in_force()
    assert version.number == 1 and version.state == PolicyState.PUBLISHED
    assert len(version.data["indicators"]) == 38  # D01-D28 and U01-U10
    assert AuditEvent.objects.filter(action="screening.policy_published").count() == 1


def test_supervisor_edits_a_draft_and_sees_the_diff(kasi: Client) -> None:
    draft = _draft(kasi)
    page = kasi.get(reverse("policy_edit", args=[draft.number]))
    data = _edit_data(page.context["form"])
    old_weight = int(data["D22_weight"])
    data["D22_weight"] = str(min(old_weight + 10, 100) if old_weight < 100 else 90)
    data["note"] = "One-way tickets weigh more"
    response = kasi.post(reverse("policy_edit", args=[draft.number]), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.data["indicators"]["D22"]["weight"] == int(data["D22_weight"])
    assert version_in_force().number == 1  # nothing in force changed
    detail = kasi.get(reverse("policy_detail", args=[draft.number])).content.decode()
    assert "indicators.D22.weight" in detail
    event = AuditEvent.objects.get(action="screening.policy_edited")
    assert event.details["changes"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("D05_weight", "150", "Pastikan nilai ini lebih kecil dari atau sama dengan 100"),
        ("threshold_high", "5", "Ambang tinggi harus di atas ambang sedang"),
        ("D06_params", "countries: [", "YAML tidak sah"),
        ("D06_params", "- just a list", "Parameter harus berupa pemetaan"),
        ("D06_params", "since: 2025-02-30", "tanggal dalam tanda kutip"),
        ("D06_params", "since: 2025-01-31", "tanggal dalam tanda kutip"),
    ],
)
def test_bad_edits_are_refused_naming_the_field(
    kasi: Client, field: str, value: str, message: str
) -> None:
    draft = _draft(kasi)
    before = dict(draft.data)
    data = _edit_data(kasi.get(reverse("policy_edit", args=[draft.number])).context["form"])
    data[field] = value
    response = kasi.post(reverse("policy_edit", args=[draft.number]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    draft.refresh_from_db()
    assert draft.data == before


def test_a_malformed_parameter_is_refused_by_the_policy_loader(kasi: Client) -> None:
    draft = _draft(kasi)
    data = _edit_data(kasi.get(reverse("policy_edit", args=[draft.number])).context["form"])
    params_field = next(name for name, value in data.items() if name.endswith("_params") and value)
    data[params_field] = "unexpected_parameter: 1\n"
    response = kasi.post(reverse("policy_edit", args=[draft.number]), data)
    assert response.status_code == 200
    assert params_field.split("_")[0] in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_publishing_puts_the_draft_in_force_and_rescreens(kasi: Client, supervisor: User) -> None:
    application = make_application(return_ticket="yes")
    draft = _draft(kasi)
    today = timezone.localdate().isoformat()
    response = kasi.post(reverse("policy_publish", args=[draft.number]), {"effective_from": today})
    run = ScreeningRun.objects.get()
    assert response["Location"] == reverse("screening_run", args=[run.pk])
    assert version_in_force().pk == draft.pk
    # The real background worker carries out the run.
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    run.refresh_from_db()
    assert (run.state, run.processed) == ("done", run.total)
    latest = RiskAssessment.objects.filter(application=application).first()
    assert latest is not None and latest.policy_version_id == draft.pk
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "screening.policy_drafted",
        "screening.policy_published",
        "screening.queued",
        "screening.finished",
    } <= actions
    status = kasi.get(reverse("screening_run", args=[run.pk])).content.decode()
    assert "done" in status or "selesai" in status


def test_a_published_version_cannot_be_edited(kasi: Client) -> None:
    current = version_in_force()
    assert kasi.get(reverse("policy_edit", args=[current.number])).status_code == 403


def test_publishing_in_the_past_is_refused(kasi: Client) -> None:
    draft = _draft(kasi)
    response = kasi.post(
        reverse("policy_publish", args=[draft.number]), {"effective_from": "2020-01-01"}
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.state == PolicyState.DRAFT


def test_interviewers_cannot_change_the_policy(
    login: Callable[..., Client], interviewer: User
) -> None:
    client = login(interviewer)
    current = version_in_force()
    assert client.get(reverse("policy_list")).status_code == 403
    assert client.post(reverse("policy_draft", args=[current.number])).status_code == 403

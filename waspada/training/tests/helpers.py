"""Decided applications to train on, built through the real services."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from waspada.core.models import User
from waspada.decisions.models import Decision
from waspada.decisions.tests.helpers import HIGH_RISK, decided
from waspada.training.models import Exercise, GenerationRun
from waspada.training.tasks import generate_exercises_task

# Names, phones and addresses of the source people, to look for in what training shows.
SOURCE = {
    "full_name": "Sulastri Wijayakusuma",
    "phone": "+6281398765432",
    "address": "Dusun Pesanggrahan RT 03/RW 07",
}


def decided_cases(interviewer: User, supervisor: User) -> list[Decision]:
    """A refused non-procedural worker and an issued tourist (the look-alike)."""
    refused = decided(
        "refuse",
        interviewer=interviewer,
        supervisor=supervisor,
        applicant=dict(SOURCE),
        sponsor_name="Paijo Sukarmin",
        sponsor_phone="+6285712340000",
        **HIGH_RISK,
    )
    issued = decided(
        "issue",
        interviewer=interviewer,
        supervisor=supervisor,
        applicant={"full_name": "Ngatini Purwaningsih", "phone": "+6281311112222"},
    )
    return [refused, issued]


def english(login: Callable[[User], Client], user: User) -> Client:
    client = login(user)
    client.cookies["django_language"] = "en"
    return client


def generate(client: Client, count: int = 10) -> GenerationRun:
    response = client.post(reverse("training_generate"), {"count": count})
    run = GenerationRun.objects.get()
    assert response["Location"] == reverse("training_generation_run", args=[run.pk])
    generate_exercises_task.call(run.pk)
    run.refresh_from_db()
    return run


def answer(exercise: Exercise, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "indicators": list(exercise.indicators),
        "questions": list(exercise.questions),
        "outcome": exercise.outcome,
        "reason": "Akan bekerja tanpa rekomendasi Disnaker.",
    }
    data.update(overrides)
    return data

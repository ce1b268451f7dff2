"""Officer training end to end: modules, exercises, simulator, certificates, refreshers,
readiness."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from waspada.applications.models import PassportApplication
from waspada.core.models import AuditEvent, User
from waspada.screening import policies
from waspada.training import services
from waspada.training.models import Assignment, Certificate, Exercise, Simulation
from waspada.training.tasks import generate_exercises_task
from waspada.training.tests.helpers import SOURCE, answer, decided_cases, english, generate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("central_java_regions")]
Login = Callable[[User], Client]


def test_a_module_is_generated_from_the_policy_and_supervisors_edit_it(
    login: Login, supervisor: User, interviewer: User
) -> None:
    page = english(login, interviewer).get(reverse("training_module", args=["destination"]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "D05 Domestic work in a Kepmenaker 260/2015 country" in text
    assert "Legal basis." in text and "worrying answer" in text
    assert "D17" not in text  # organisers are another module
    response = login(supervisor).post(
        reverse("training_module_edit", args=["destination"]),
        {
            "introduction": "Baca dulu Kepmenaker 260/2015.",
            "pass_threshold": 80,
            "required_exercises": 2,
        },
    )
    assert response.status_code == 302
    assert (
        "Baca dulu Kepmenaker"
        in login(interviewer).get(reverse("training_module", args=["destination"])).content.decode()
    )
    event = AuditEvent.objects.get(action="training.module_edited")
    assert event.actor == supervisor and event.details["pass_threshold"] == [70, 80]
    refused = login(supervisor).post(
        reverse("training_module_edit", args=["destination"]),
        {"introduction": "", "pass_threshold": 101, "required_exercises": 2},
    )
    assert refused.status_code == 200 and services.module("destination").pass_threshold == 80


def test_exercises_are_made_in_the_background_anonymised_with_the_look_alikes(
    login: Login, supervisor: User, interviewer: User
) -> None:
    refused, issued = decided_cases(interviewer, supervisor)
    run = generate(login(supervisor))
    assert (run.state, run.created_count, run.processed) == ("done", 2, 2)
    exercises = {e.outcome: e for e in Exercise.objects.all()}
    assert set(exercises) == {"refuse", "issue"}
    assert exercises["issue"].benign and not exercises["refuse"].benign
    assert "D02" in exercises["refuse"].indicators
    stored = json.dumps(
        [[e.case, e.evidence, e.reason] for e in Exercise.objects.all()], ensure_ascii=False
    )
    for application in (refused.application, issued.application):
        for secret in (
            application.full_name,
            application.applicant.nik,
            application.phone,
            application.phone[3:],
            application.address,
            application.application_no,
            application.village.name,
        ):
            assert secret not in stored
    for word in (*SOURCE["full_name"].split(), "Paijo", "Pesanggrahan"):
        assert word not in stored
    # Running again makes no second exercise of the same case.
    again = services.queue_generation(10, acting_user=supervisor)
    generate_exercises_task.call(again.pk)
    assert Exercise.objects.count() == 2
    page = login(supervisor).get(reverse("training_generation_run", args=[run.pk]))
    assert page.status_code == 200


def test_an_exercise_is_graded_with_feedback_and_passing_issues_a_certificate(
    login: Login, supervisor: User, interviewer: User
) -> None:
    decided_cases(interviewer, supervisor)
    generate(login(supervisor))
    refused = Exercise.objects.get(outcome="refuse")
    client = english(login, interviewer)
    assert (
        refused.case["person"]["full_name"]
        in client.get(reverse("training_exercise", args=[refused.pk])).content.decode()
    )
    missed = client.post(
        reverse("training_exercise", args=[refused.pk]),
        answer(refused, indicators=[], outcome="issue"),
    )
    result = client.get(missed["Location"]).content.decode()
    assert "Missed: D02" in result and "The signed-off decision was: refuse" in result
    bad = client.post(reverse("training_exercise", args=[refused.pk]), answer(refused, reason=""))
    assert bad.status_code == 200  # a decision needs its reason: a form error
    target = services.module(refused.family)
    services.edit_module(
        target, introduction="", pass_threshold=70, required_exercises=2, acting_user=supervisor
    )
    assert not Certificate.objects.exists()
    for _ in range(2):
        client.post(reverse("training_exercise", args=[refused.pk]), answer(refused))
    certificate = Certificate.objects.get()
    assert (certificate.officer, certificate.module) == (interviewer, target)
    assert certificate.expires_on.year == timezone.localdate().year + 1
    assert AuditEvent.objects.filter(action="training.certificate_issued").count() == 1
    pdf = client.get(reverse("training_certificate_pdf", args=[certificate.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    # Nobody else's certificate is theirs to download; supervisors revoke, audited.
    assert (
        login(supervisor)
        .get(reverse("training_certificate_pdf", args=[certificate.pk]))
        .status_code
        == 200
    )
    login(supervisor).post(
        reverse("training_certificate_revoke", args=[certificate.pk]), {"reason": "Nilai salah."}
    )
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert AuditEvent.objects.filter(action="training.certificate_revoked").count() == 1


def test_the_simulator_answers_from_the_script_and_never_touches_an_application(
    login: Login, interviewer: User
) -> None:
    client = english(login, interviewer)
    before = list(PassportApplication.objects.values_list("pk", "version"))
    response = client.post(reverse("training_simulation_start"))
    sim = Simulation.objects.get()
    assert response["Location"] == reverse("training_simulation", args=[sim.pk])
    question = sim.questions[0] if sim.questions else "D07-Q1"
    client.post(response["Location"], {"action": "ask", "question": question})
    client.post(response["Location"], {"action": "ask", "question": "no-such-question"})
    page = client.get(response["Location"]).content.decode()
    sim.refresh_from_db()
    assert [q for q, _ in sim.asked] == [question]
    assert len(sim.asked) == 1 and "Questions and answers" in page
    first = sim.asked[0][1]
    observed = [first] if first in sim.indicators else []
    client.post(response["Location"], {"action": "record", "observed": observed, "notes": "Gugup"})
    client.post(
        response["Location"],
        {"action": "finish", "outcome": sim.truth_outcome, "reason": "Sesuai fakta kasusnya."},
    )
    sim.refresh_from_db()
    assert sim.finished_at is not None and sim.score is not None
    assert sim.score["decision"] == 100 and sim.score["uncovered"] == observed
    assert "Your score" in client.get(response["Location"]).content.decode()
    assert list(PassportApplication.objects.values_list("pk", "version")) == before
    # Another officer's simulation is not theirs to read.
    other = login(User.objects.create_user("other", role="interviewer", password="x-12345678"))
    assert other.get(response["Location"]).status_code == 403


def test_a_new_policy_version_assigns_a_refresher_on_exactly_what_changed(
    supervisor: User, interviewer: User, intake_officer: User, head_of_office: User
) -> None:
    current = policies.version_in_force()
    draft = policies.create_draft(acting_user=supervisor, based_on=current)
    data = json.loads(json.dumps(draft.data))
    data["indicators"]["D05"]["weight"] = 75
    data["indicators"]["D17"]["weight"] = 65
    policies.update_draft(draft, data, acting_user=supervisor)
    policies.publish(draft, acting_user=supervisor, effective_from=timezone.localdate())
    rows = Assignment.objects.select_related("module")
    assert {(a.officer, a.module.family, tuple(a.refresher_codes)) for a in rows} == {
        (person, family, codes)
        for person in (supervisor, interviewer, intake_officer)
        for family, codes in (("destination", ("D05",)), ("organisers", ("D17",)))
    }
    assert {a.policy_version for a in rows} == {draft.number}
    assert AuditEvent.objects.filter(action="training.refresher_assigned").count() == 2


def test_readiness_shows_each_officer_and_the_most_missed_indicators(
    login: Login, supervisor: User, interviewer: User, head_of_office: User
) -> None:
    decided_cases(interviewer, supervisor)
    generate(login(supervisor))
    refused = Exercise.objects.get(outcome="refuse")
    client = english(login, interviewer)
    client.post(reverse("training_exercise", args=[refused.pk]), answer(refused, indicators=[]))
    past = timezone.localdate().replace(year=2020)
    services.assign(
        services.module("person"), due_on=past, acting_user=supervisor, officers=[interviewer]
    )
    page = english(login, head_of_office).get(reverse("training_readiness")).content.decode()
    assert "overdue" in page and interviewer.get_full_name() in page
    assert "D02" in page  # missed in the exercise
    assert login(interviewer).get(reverse("training_readiness")).status_code == 403


def test_a_refresher_counts_only_the_attempts_made_after_it_and_expiry_shows(
    login: Login, supervisor: User, interviewer: User, head_of_office: User
) -> None:
    decided_cases(interviewer, supervisor)
    generate(login(supervisor))
    refused = Exercise.objects.get(outcome="refuse")
    target = services.module(refused.family)
    services.edit_module(
        target, introduction="", pass_threshold=70, required_exercises=2, acting_user=supervisor
    )
    client = login(interviewer)
    for _ in range(2):
        client.post(reverse("training_exercise", args=[refused.pk]), answer(refused))
    first = Certificate.objects.get()
    refresher = services.assign(
        target,
        due_on=timezone.localdate(),
        acting_user=supervisor,
        officers=[interviewer],
        refresher_codes=["D02"],
    )[0]
    # One good attempt after the refresher is not enough: the earlier ones do not count.
    client.post(reverse("training_exercise", args=[refused.pk]), answer(refused))
    assert Certificate.objects.count() == 1
    client.post(reverse("training_exercise", args=[refused.pk]), answer(refused))
    assert Certificate.objects.count() == 2
    refresher.refresh_from_db()
    assert refresher.completed_at is not None
    Certificate.objects.update(expires_on=timezone.localdate().replace(year=2020))
    page = english(login, head_of_office).get(reverse("training_readiness")).content.decode()
    assert "expired" in page and first.number

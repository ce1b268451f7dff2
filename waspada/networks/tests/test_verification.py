"""Unknown is not bad: values the organiser registry does not know are verified, not scored.

Day one of an office: the registry of licensed organisers is empty. An application naming
a placement company with a well-formed licence number gets no D21 but a note, and one
verification task per company appears for a supervisor, who registers it, marks it
suspicious (then D21 counts) or dismisses it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.core.models import AuditEvent, User
from waspada.networks.models import (
    LicensedOrganiser,
    RingMembership,
    VerificationKind,
    VerificationState,
    VerificationTask,
)
from waspada.networks.organisers import import_organisers
from waspada.networks.services import detect_networks
from waspada.networks.tests.helpers import (
    KARYA,
    KARYA_LICENCE,
    VILLAGES,
    indicators,
    person,
    worker,
)
from waspada.networks.verification import NOTE_RENDERINGS, mark_suspicious
from waspada.screening.models import RiskAssessment

pytestmark = pytest.mark.usefixtures("central_java_regions")


def latest(application: PassportApplication) -> RiskAssessment:
    return RiskAssessment.objects.filter(application=application).order_by("-created_at", "-id")[0]


def note_codes(application: PassportApplication) -> list[str]:
    """The notes this app gives (apps above may add notes of their own)."""
    return [note["code"] for note in latest(application).notes if note["code"] in NOTE_RENDERINGS]


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def test_day_one_an_unknown_placement_company_is_a_note_and_one_task_not_d21(
    login: Callable[..., Client], supervisor: User
) -> None:
    assert not LicensedOrganiser.objects.exists()  # the registry is empty on day one
    first = worker(1)
    assert "D21" not in indicators(first)
    assert note_codes(first) == ["recruiter_unknown"]
    task = VerificationTask.objects.get()
    assert (task.kind, task.state, task.name, task.licence_no) == (
        VerificationKind.RECRUITER,
        VerificationState.OPEN,
        KARYA,
        KARYA_LICENCE,
    )
    assert list(task.subjects.values_list("application_id", flat=True)) == [first.pk]
    assert AuditEvent.objects.filter(
        action="networks.verification_opened", object_id=str(task.pk)
    ).exists()
    # The note moves no score: the same worker with a registered company scores the same.
    LicensedOrganiser.objects.create(kind="p3mi", name="PT Bina Tenaga", licence_no="KEP.118")
    control = worker(2, recruiter="PT Bina Tenaga", licence="KEP.118")
    first.refresh_from_db()
    control.refresh_from_db()
    assert (first.risk_score, first.risk_indicators) == (
        control.risk_score,
        control.risk_indicators,
    )
    assert note_codes(control) == []
    # The page says so, in words, with the registries it consulted.
    page = english(login(supervisor)).get(
        reverse("application_detail", args=[first.application_no])
    )
    html = page.content.decode()
    assert "Not verified: the recruiter PT Karya Baru Mandiri (licence KEP.77/SIP3MI/2026)" in html
    assert 'data-testid="assessment-consulted"' in html
    assert "registry of licensed organisers (PPIU, PIHK, P3MI) (0 entries, never updated)" in html
    assert "watchlists (0 lists, 0 entries, never updated)" in html
    assert "unknown, not bad" in html


def test_the_same_company_written_differently_joins_the_one_task() -> None:
    first = worker(1)
    second = worker(2, recruiter="PT. KARYA BARU MANDIRI", licence="kep 77 / sip3mi / 2026")
    task = VerificationTask.objects.get()
    assert set(task.subjects.values_list("application_id", flat=True)) == {first.pk, second.pk}
    assert AuditEvent.objects.filter(action="networks.verification_joined").count() == 1
    worker(3, recruiter="PT Lain Lagi", licence="KEP.78/SIP3MI/2026")
    assert VerificationTask.objects.count() == 2


def test_a_licence_that_cannot_be_a_licence_is_d21_already_and_opens_no_task() -> None:
    application = worker(1, licence="SIP3MI ADA")
    assert "D21" in indicators(application)
    assert note_codes(application) == []
    assert not VerificationTask.objects.exists()


def test_supervisor_registers_the_company_and_the_task_closes(
    login: Callable[..., Client], supervisor: User
) -> None:
    first, second = worker(1), worker(2)
    task = VerificationTask.objects.get()
    client = login(supervisor)
    assert 'data-testid="nav-count">1<' in client.get(reverse("home")).content.decode()
    page = client.get(reverse("verification_list"))
    assert [t.pk for t in page.context["page"].object_list] == [task.pk]
    response = client.post(
        reverse("verification_register", args=[task.pk]),
        {
            "kind": "p3mi",
            "name": KARYA,
            "licence_no": KARYA_LICENCE,
            "phones_text": "0282-534999",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    organiser = LicensedOrganiser.objects.get(licence_no=KARYA_LICENCE)
    assert task.state == VerificationState.REGISTERED and task.organiser == organiser
    assert task.resolved_by == supervisor
    event = AuditEvent.objects.get(action="networks.verification_registered")
    assert event.actor == supervisor and event.object_id == str(task.pk)
    assert AuditEvent.objects.filter(action="networks.organiser_created").exists()
    # Re-assessed at once: the registry knows the company now, the note is gone.
    assert note_codes(first) == note_codes(second) == []
    assert 'data-testid="nav-count"' not in client.get(reverse("home")).content.decode()
    # A later application naming it is known: no task, no note.
    third = worker(3)
    assert note_codes(third) == [] and task.subjects.count() == 2


def test_registering_another_licence_number_is_refused_on_its_field(
    login: Callable[..., Client], supervisor: User
) -> None:
    worker(1)
    task = VerificationTask.objects.get()
    response = english(login(supervisor)).post(
        reverse("verification_register", args=[task.pk]),
        {"kind": "p3mi", "name": KARYA, "licence_no": "KEP.99/SIP3MI/2026", "phones_text": ""},
    )
    assert response.status_code == 400
    assert "licence_no" in response.context["register_form"].errors
    task.refresh_from_db()
    assert task.state == VerificationState.OPEN
    assert not LicensedOrganiser.objects.exists()


def test_marked_suspicious_d21_counts_on_the_applications_naming_it(
    login: Callable[..., Client], supervisor: User
) -> None:
    first, second = worker(1), worker(2)
    other = worker(3, recruiter="PT Lain Lagi", licence="KEP.78/SIP3MI/2026")
    task = VerificationTask.objects.get(name=KARYA)
    response = login(supervisor).post(
        reverse("verification_suspicious", args=[task.pk]),
        {"reason": "Kemnaker: no SIP3MI with this number; the company is not registered"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.state == VerificationState.SUSPICIOUS
    assert AuditEvent.objects.filter(
        action="networks.verification_marked_suspicious", actor=supervisor
    ).exists()
    for application in (first, second):
        assert "D21" in indicators(application)
        hit = latest(application).hits.get(code="D21")
        assert "no SIP3MI with this number" in hit.evidence_en
    assert "D21" not in indicators(other)
    # Later applications naming it get D21 at once, and are listed on the task.
    later = worker(4, licence="KEP 77 SIP3MI 2026")
    assert "D21" in indicators(later)
    assert task.subjects.filter(application=later).exists()


def test_a_dismissed_task_needs_a_reason_and_leaves_the_value_unknown(
    login: Callable[..., Client], supervisor: User
) -> None:
    application = worker(1)
    task = VerificationTask.objects.get()
    client = english(login(supervisor))
    blank = client.post(reverse("verification_dismiss", args=[task.pk]), {"reason": "   "})
    assert blank.status_code == 400 and blank.context["dismiss_form"].errors
    done = client.post(
        reverse("verification_dismiss", args=[task.pk]),
        {"reason": "Same recruiter as another task"},
    )
    assert done.status_code == 302
    task.refresh_from_db()
    assert (
        task.state == VerificationState.DISMISSED
        and task.reason == "Same recruiter as another task"
    )
    assert AuditEvent.objects.filter(action="networks.verification_dismissed").exists()
    assert note_codes(application) == ["recruiter_unknown"]
    assert "D21" not in indicators(application)
    # Resolved once: a second answer changes nothing.
    again = client.post(
        reverse("verification_suspicious", args=[task.pk]), {"reason": "second thoughts"}
    )
    assert again.status_code == 400
    task.refresh_from_db()
    assert task.state == VerificationState.DISMISSED


def test_a_task_marked_suspicious_by_mistake_is_reopened_and_stops_counting(
    login: Callable[..., Client], supervisor: User
) -> None:
    application = worker(1)
    task = VerificationTask.objects.get()
    mark_suspicious(task, acting_user=supervisor, reason="wrong company checked")
    assert "D21" in indicators(application)
    client = english(login(supervisor))
    page = client.get(reverse("verification_detail", args=[task.pk]))
    assert b'data-testid="verification-reopen"' in page.content
    blank = client.post(reverse("verification_reopen", args=[task.pk]), {"reason": " "})
    assert blank.status_code == 400 and blank.context["reopen_form"].errors
    done = client.post(
        reverse("verification_reopen", args=[task.pk]),
        {"reason": "Checked the other PT Karya by mistake"},
        follow=True,
    )
    assert "Reopened; 1 application naming it was assessed again." in done.content.decode()
    task.refresh_from_db()
    assert task.state == VerificationState.OPEN and task.resolved_by is None
    assert "D21" not in indicators(application)
    assert note_codes(application) == ["recruiter_unknown"]
    event = AuditEvent.objects.get(action="networks.verification_reopened")
    assert event.actor == supervisor
    assert event.details["was"] == "suspicious"
    assert event.details["earlier_reason"] == "wrong company checked"
    # Open again: it can be resolved anew, and an open task is not reopened twice.
    again = client.post(reverse("verification_reopen", args=[task.pk]), {"reason": "again"})
    assert again.status_code == 400
    assert "open already" in again.content.decode()


def test_a_registered_organiser_is_not_reopened_but_deactivated_in_the_registry(
    login: Callable[..., Client], supervisor: User
) -> None:
    worker(1)
    task = VerificationTask.objects.get()
    client = english(login(supervisor))
    client.post(
        reverse("verification_register", args=[task.pk]),
        {"kind": "p3mi", "name": KARYA, "licence_no": KARYA_LICENCE, "phones_text": ""},
    )
    task.refresh_from_db()
    assert task.state == VerificationState.REGISTERED
    page = client.get(reverse("verification_detail", args=[task.pk]))
    assert b'data-testid="verification-reopen"' not in page.content
    refused = client.post(reverse("verification_reopen", args=[task.pk]), {"reason": "oops"})
    assert refused.status_code == 400
    assert "deactivate it in the registry" in refused.content.decode()
    task.refresh_from_db()
    assert task.state == VerificationState.REGISTERED


def test_only_supervisors_resolve_and_caseworkers_outside_them_see_nothing(
    login: Callable[..., Client], personas: dict[str, User]
) -> None:
    worker(1)
    task = VerificationTask.objects.get()
    for name in ("intake_officer", "interviewer", "head_of_office", "auditor", "admin"):
        client = login(personas[name])
        for url in (
            "verification_register",
            "verification_suspicious",
            "verification_dismiss",
            "verification_reopen",
        ):
            response = client.post(reverse(url, args=[task.pk]), {"reason": "x"})
            assert response.status_code == 403, (name, url)
    for name in ("intake_officer", "interviewer", "admin", "partner"):
        response = login(personas[name]).get(reverse("verification_list"))
        assert response.status_code == 403, name
    task.refresh_from_db()
    assert task.state == VerificationState.OPEN


def test_an_organiser_led_group_gets_one_task_and_d18_once_marked_suspicious(
    login: Callable[..., Client], supervisor: User
) -> None:
    group = [
        make_application(
            applicant=person(VILLAGES[k], f"Jamaah Umrah{k} Barokah{k}"),
            purpose="umrah",
            destination_country="SA",
            sponsor_name="PT Barokah Nur Tour & Travel",
            sponsor_phone="0281-633120",
            sponsor_relation="PPIU",
            documents=["ktp", "kk", "akta_lahir", "ppiu_letter"],
            submitted_on=dt.date(2026, 3, 2) + dt.timedelta(days=k),
        )
        for k in range(5)
    ]
    detect_networks()
    task = VerificationTask.objects.get(kind=VerificationKind.ORGANISER)
    assert task.name == "PT Barokah Nur Tour & Travel"
    assert set(task.subjects.values_list("application_id", flat=True)) == {a.pk for a in group}
    for application in group:
        assert "D18" not in indicators(application)
        assert note_codes(application) == ["organiser_unknown"]
    ring = RingMembership.objects.filter(application=group[0]).latest("cluster_id").cluster
    page = login(supervisor).get(reverse("ring_detail", args=[ring.pk]))
    assert [t.pk for t in page.context["verifications"]] == [task.pk]
    mark_suspicious(task, acting_user=supervisor, reason="No PPIU licence at Kemenag")
    for application in group:
        assert "D18" in indicators(application)
    assert "No PPIU licence at Kemenag" in latest(group[0]).hits.get(code="D18").evidence_en


def test_the_organiser_registry_says_size_source_and_last_update(
    login: Callable[..., Client], supervisor: User
) -> None:
    client = english(login(supervisor))
    for url in ("organiser_list", "verification_list"):
        html = client.get(reverse(url)).content.decode()
        assert "Empty - nothing registered yet." in html, url
        assert "Never updated." in html, url
    upload = "kind,name,licence_no,phones\np3mi,PT Karya Baru Mandiri,KEP.77/SIP3MI/2026,\n"
    import_organisers(upload, filename="p3mi-2026.csv", acting_user=supervisor)
    html = client.get(reverse("organiser_list")).content.decode()
    assert "1 entry in force" in html
    assert "Last import: p3mi-2026.csv, uploaded by supervisor" in html
    assert "Empty - nothing registered yet." not in html


def test_an_assessment_lists_the_registries_as_they_were() -> None:
    application = worker(1)
    consulted = latest(application).consulted
    assert consulted is not None
    assert [data for data in consulted.data if data["registry"] != "disnaker_recommendations"] == [
        {"registry": "organisers", "entries": 0, "lists": None, "updated": None},
        {"registry": "watchlists", "entries": 0, "lists": 0, "updated": None},
    ]
    LicensedOrganiser.objects.create(kind="p3mi", name="PT Bina Tenaga", licence_no="KEP.118")
    later = latest(worker(2))
    assert later.consulted is not None and later.consulted.data[0]["entries"] == 1
    assert latest(application).consulted == consulted  # history: as it was then


# --- Odd input never breaks a page -----------------------------------------------------------

_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
_ODD = st.one_of(
    _TEXT,
    st.sampled_from(["", " ", "0", "-1", "99999999999999999999", "open", "p3mi", "\x00"]),
)
_FIELDS = st.sampled_from(
    ["kind", "name", "licence_no", "phones_text", "reason", "state", "q", "page", "x"]
)


@pytest.fixture
def task_and_client(
    login: Callable[..., Client], supervisor: User
) -> tuple[VerificationTask, Client]:
    worker(1)
    return VerificationTask.objects.get(), login(supervisor)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    body=st.dictionaries(_FIELDS, _ODD, max_size=6),
    target=st.sampled_from(
        [
            "verification_register",
            "verification_suspicious",
            "verification_dismiss",
            "verification_reopen",
        ]
    ),
)
def test_odd_post_bodies_are_form_errors_never_server_errors(
    task_and_client: tuple[VerificationTask, Client], body: dict[str, str], target: str
) -> None:
    task, client = task_and_client
    response = client.post(reverse(target, args=[task.pk]), body)
    assert response.status_code in {302, 400}, response.status_code
    if response.status_code == 302:  # a valid answer: resolved, or reopened
        task.refresh_from_db()
        reopened = target == "verification_reopen"
        assert (task.state == VerificationState.OPEN) == reopened


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=st.dictionaries(_FIELDS, _ODD, max_size=4))
def test_odd_query_values_show_the_pages(
    task_and_client: tuple[VerificationTask, Client], query: dict[str, str]
) -> None:
    task, client = task_and_client
    # A NUL character is refused before any page is built (400, "request refused").
    expected = 400 if "\x00" in "".join(query.values()) else 200
    for url in (reverse("verification_list"), reverse("verification_detail", args=[task.pk])):
        assert client.get(url, query).status_code == expected


def test_an_unknown_task_is_not_found(login: Callable[..., Client], supervisor: User) -> None:
    client = login(supervisor)
    assert client.get(reverse("verification_detail", args=[987654])).status_code == 404
    response = client.post(reverse("verification_dismiss", args=[987654]), {"reason": "x"})
    assert response.status_code == 404
    assert client.get("/networks/verification/abc/").status_code == 404

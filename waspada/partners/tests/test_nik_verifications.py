"""Dukcapil NIK verification: an officer (or screening, for identity contradictions)
asks; the Dukcapil liaison answers in its queue, or the online service at once; the
answer is D12 evidence with its provenance and the application is re-screened."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.core.models import AuditEvent, User
from waspada.core.roles import Role
from waspada.networks.tests.helpers import indicators
from waspada.partners import nik_verifications as nik
from waspada.partners.dukcapil import OnlineService
from waspada.partners.models import Agency, AgencyKind, NikResult, NikVerification
from waspada.partners.tests.dukcapil_standin import TOKEN, Register, dukcapil_service
from waspada.screening.models import RiskAssessment

pytestmark = pytest.mark.usefixtures("central_java_regions")

BORN = dt.date(1998, 3, 14)
NIK = "3301015403980007"  # a woman born 14-03-1998 in 33.01.01


def applicant(**changes: object) -> PassportApplication:
    return make_application(
        applicant={"nik": NIK, "birth_date": BORN, "full_name": "Siti Aminah", **changes}
    )


def d12_evidence(app: PassportApplication) -> str:
    latest = RiskAssessment.objects.filter(application=app).order_by("-created_at", "-id")[0]
    hit = latest.hits.filter(code="D12").first()
    return hit.evidence_en if hit else ""


@pytest.fixture
def dukcapil(make_user: Callable[..., User]) -> User:
    return make_user("dukcapil_liaison", Role.PARTNER, AgencyKind.DUKCAPIL)


@pytest.fixture
def officer(make_user: Callable[..., User]) -> User:
    return make_user("loket", Role.INTAKE_OFFICER)


def test_an_officer_asks_and_the_liaison_answers_not_found(
    dukcapil: User, officer: User, client: Client
) -> None:
    app = applicant()
    assert "D12" not in indicators(app)
    client.force_login(officer)
    response = client.post(
        reverse("nik_verification_request", args=[app.application_no]),
        {"reason": "KTP tampak diubah"},
    )
    assert response.status_code == 302
    item = NikVerification.objects.get(application=app)
    assert (item.result, item.agency, item.nik, item.reason) == (
        NikResult.OPEN,
        dukcapil.agency,
        NIK,
        "KTP tampak diubah",
    )
    assert "D12" not in indicators(app)  # asking is not bad

    liaison = Client()
    liaison.force_login(dukcapil)
    queue = liaison.get(reverse("nik_verification_list")).content.decode()
    assert NIK in queue and "Siti Aminah" in queue
    answered = liaison.post(
        reverse("nik_verification_detail", args=[item.pk]),
        {"result": "not_found", "note": "Tidak ada di database kependudukan"},
    )
    assert answered.status_code == 302
    item.refresh_from_db()
    assert (item.result, item.channel, item.answered_by) == ("not_found", "liaison", dukcapil)
    # Re-screened at once: D12 with who answered, how, and what.
    assert "D12" in indicators(app)
    evidence = d12_evidence(app)
    assert "the NIK is not found" in evidence and "liaison dukcapil_liaison" in evidence
    assert item.reference in evidence and "Tidak ada di database kependudukan" in evidence
    assert AuditEvent.objects.filter(
        action="partners.nik_verification_answered", object_id=str(item.pk)
    ).exists()
    # The officer sees the answer on the application page.
    client.cookies["django_language"] = "en"
    page = client.get(reverse("application_detail", args=[app.application_no])).content.decode()
    assert 'data-testid="nik-verifications"' in page and "NIK not found" in page


def test_a_match_is_a_note_and_d12_stays_off(dukcapil: User, officer: User) -> None:
    app = applicant()
    item = nik.request_verification(app, reason="check", acting_user=officer)
    nik.answer_verification(item, result="match", note="", acting_user=dukcapil)
    assert "D12" not in indicators(app)
    latest = RiskAssessment.objects.filter(application=app).order_by("-created_at", "-id")[0]
    assert [note["code"] for note in latest.notes if note["code"] == "nik_verified"]


def test_screening_asks_dukcapil_when_the_nik_contradicts_the_form(dukcapil: User) -> None:
    app = applicant(sex="L")  # the NIK says a woman: D13
    assert "D13" in indicators(app)
    item = NikVerification.objects.get(application=app)
    assert item.requested_by is None and "D13" in item.reason and item.agency == dukcapil.agency
    # Saved again (re-screened): not asked twice.
    nik.ask_for_contradictions([app.pk], trigger="test", acting_user=None)
    assert NikVerification.objects.filter(application=app).count() == 1


def test_an_application_without_contradiction_is_not_sent_to_dukcapil(dukcapil: User) -> None:
    app = applicant()
    assert not NikVerification.objects.filter(application=app).exists()


def test_dukcapil_sees_only_nik_name_birth_place_and_date(
    dukcapil: User, officer: User, client: Client
) -> None:
    app = make_application(
        applicant={"nik": NIK, "birth_date": BORN},
        destination_country="KH",
        sponsor_name="Pak Darto",
    )
    item = nik.request_verification(app, reason="Dokumen meragukan", acting_user=officer)
    client.force_login(dukcapil)
    page = client.get(reverse("nik_verification_detail", args=[item.pk])).content.decode()
    assert NIK in page and "Cilacap" in page and "1998-03-14" in page
    for secret in (app.application_no, "Pak Darto", "Dokumen meragukan", "KH"):
        assert secret not in page
    assert AuditEvent.objects.filter(
        action="partners.nik_verification_viewed", object_id=str(item.pk)
    ).exists()
    # The application page is not theirs.
    assert client.get(reverse("application_detail", args=[app.application_no])).status_code == 403


def test_another_dukcapil_s_request_is_not_found(
    dukcapil: User, officer: User, client: Client
) -> None:
    other = Agency.objects.create(name="Disdukcapil Banyumas", kind=AgencyKind.DUKCAPIL)
    item = nik.request_verification(applicant(), reason="x", acting_user=officer)
    item.agency = other
    item.save()
    client.force_login(dukcapil)
    url = reverse("nik_verification_detail", args=[item.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"result": "match"}).status_code == 404
    assert NIK not in client.get(reverse("nik_verification_list")).content.decode()


def test_a_bad_answer_is_a_form_error_and_nothing_is_saved(
    dukcapil: User, officer: User, client: Client
) -> None:
    item = nik.request_verification(applicant(), reason="x", acting_user=officer)
    client.force_login(dukcapil)
    response = client.post(reverse("nik_verification_detail", args=[item.pk]), {"result": "yes"})
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.result == NikResult.OPEN


def test_a_request_answered_meanwhile_is_not_answered_twice(dukcapil: User, officer: User) -> None:
    item = nik.request_verification(applicant(), reason="x", acting_user=officer)
    nik.answer_verification(item, result="match", note="", acting_user=dukcapil)
    with pytest.raises(nik.AlreadyAnswered):
        nik.answer_verification(item, result="not_found", note="", acting_user=dukcapil)


# --- The online contract, against a stand-in on 127.0.0.1 -----------------------------------


def test_the_online_service_answers_at_once_through_the_contract(officer: User) -> None:
    register = Register({NIK: ("SITI AMINAH", "Banyumas", BORN)})
    app = applicant()
    with dukcapil_service(register) as url:
        item = nik.request_verification(
            app, reason="x", acting_user=officer, via=OnlineService(url, token=TOKEN)
        )
    # Exactly the four values (and the reference) were sent.
    assert register.received == [
        {
            "reference": item.reference,
            "nik": NIK,
            "full_name": "Siti Aminah",
            "birth_place": "Cilacap",
            "birth_date": "1998-03-14",
        }
    ]
    assert (item.result, item.channel, item.answered_by) == ("no_match", "online", None)
    assert item.note == "differs: birth place"
    assert "D12" in indicators(app)
    evidence = d12_evidence(app)
    assert "online service" in evidence and "no record matches" in evidence


def test_the_settings_choose_the_online_service(officer: User) -> None:
    register = Register({NIK: ("Siti Aminah", "Cilacap", BORN)})
    with (
        dukcapil_service(register) as url,
        override_settings(WASPADA_DUKCAPIL_URL=url, WASPADA_DUKCAPIL_TOKEN=TOKEN),
    ):
        item = nik.request_verification(applicant(), reason="x", acting_user=officer)
    assert (item.result, item.channel) == ("match", "online")


def test_an_unreachable_or_refusing_service_leaves_the_request_to_the_liaison(
    officer: User,
) -> None:
    register = Register({})
    with dukcapil_service(register) as url:
        refused = OnlineService(url, token="wrong")  # 401
        item = nik.request_verification(applicant(), reason="x", acting_user=officer, via=refused)
    assert item.result == NikResult.OPEN and item.channel == "liaison"
    gone = OnlineService(url, token=TOKEN, timeout=1)  # the server is down now
    other = nik.request_verification(make_application(), reason="x", acting_user=officer, via=gone)
    assert other.result == NikResult.OPEN

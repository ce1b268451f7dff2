"""The counter after registering, in view of the applicant: a neutral confirmation, a
receipt to print and the next applicant's form - nothing of the screening."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from waspada.applications.models import PassportApplication
from waspada.applications.receipt import receipt_html
from waspada.applications.tests.factories import make_application
from waspada.applications.tests.test_intake import _form
from waspada.core.models import User

pytestmark = pytest.mark.usefixtures("central_java_regions")

# A sponsor who is an agent: screening raises D17 ("Calo: penjamin 'agen'").
BROKERED: dict[str, str | list[str]] = {
    "purpose": "work",
    "destination_country": "MY",
    "sponsor_name": "Pak Darto",
    "sponsor_relation": "agen",
    "return_ticket": "no",
    "documents": ["ktp", "kk"],
}
SCREENING_WORDS = re.compile(r"\b[DU]\d\d\b|Calo|Risiko|risiko|skor|Skor|tinggi|sedang|rendah")


def _register(client: Client) -> tuple[PassportApplication, str]:
    response = client.post(reverse("application_register"), _form(**BROKERED), follow=True)
    assert response.status_code == 200
    application = PassportApplication.objects.get(application_no="CLP-2026-000321")
    return application, response.content.decode()


def test_after_registering_the_counter_shows_no_risk_words_scores_or_indicators(
    login: Callable[..., Client], intake_officer: User
) -> None:
    client = login(intake_officer)
    application, html = _register(client)
    assert application.risk_indicators  # screening did find something...
    detail = client.get(reverse("application_detail", args=[application.application_no]))
    assert "Calo" in detail.content.decode()  # ...which the officers' page shows
    page = html.split('data-testid="registered"', 1)[1]
    assert application.application_no in page
    assert "Siti Aminah" in page
    assert "Langkah berikutnya" in page
    assert SCREENING_WORDS.search(page) is None, SCREENING_WORDS.search(page)


def test_the_next_applicant_form_opens_empty_with_the_nik_focused(
    login: Callable[..., Client], intake_officer: User
) -> None:
    client = login(intake_officer)
    _application, html = _register(client)
    assert reverse("application_register") in html
    form = client.get(reverse("application_register")).content.decode()
    nik = re.search(r"<input[^>]*name=\"nik\"[^>]*>", form)
    assert nik is not None
    assert "autofocus" in nik.group() and "value=" not in nik.group()


def test_the_receipt_downloads_as_a_pdf_with_the_application_number(
    login: Callable[..., Client], intake_officer: User
) -> None:
    client = login(intake_officer)
    application, _html = _register(client)
    response = client.get(reverse("application_receipt", args=[application.application_no]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())
    assert "TANDA TERIMA PERMOHONAN PASPOR" in text
    assert application.application_no in text
    assert "Siti Aminah" in text
    assert SCREENING_WORDS.search(text) is None


def test_the_receipt_carries_the_letterhead_and_what_is_still_to_bring() -> None:
    application = make_application(purpose="work", destination_country="TW", documents=["ktp"])
    html = receipt_html(application)
    assert "DIREKTORAT JENDERAL IMIGRASI" in html
    assert application.application_no in html
    assert "Dokumen yang masih perlu dibawa" in html


@pytest.mark.parametrize("persona", ["interviewer", "head_of_office", "auditor"])
def test_only_the_counter_and_supervisors_get_the_receipt(
    persona: str, login: Callable[..., Client], personas: dict[str, User]
) -> None:
    application = make_application()
    for name in ("application_receipt", "application_registered"):
        response = login(personas[persona]).get(reverse(name, args=[application.application_no]))
        assert response.status_code == 403
    supervisor = login(personas["supervisor"])
    assert (
        supervisor.get(
            reverse("application_receipt", args=[application.application_no])
        ).status_code
        == 200
    )

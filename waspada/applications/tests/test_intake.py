"""Registering an application by hand at the counter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from waspada.applications.models import Applicant, PassportApplication, Status
from waspada.applications.tests.factories import make_application, make_nik
from waspada.core.models import AuditEvent, User

pytestmark = pytest.mark.usefixtures("central_java_regions")


def _form(**overrides: str | list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "nik": "3301 0154 0398 0007",  # Kedungreja (33.01.01), 14 March 1998, female
        "full_name": "Siti  Aminah",
        "sex": "P",
        "birth_place": "Cilacap",
        "birth_date": "1998-03-14",
        "phone": "0812-3456-7890",
        "address": "Dusun Karanganyar RT 02/RW 04",
        "village": "33.01.01.2001",
        "education": "SMA",
        "occupation": "Ibu Rumah Tangga",
        "marital_status": "Kawin",
        "application_no": "CLP-2026-000321",
        "submitted_on": "2026-03-02",
        "application_type": "new",
        "purpose": "tourism",
        "destination_country": "MY",
        "intended_departure": "2026-04-01",
        "return_ticket": "yes",
        "documents": ["ktp", "kk", "akta_lahir", "tiket_pulang"],
    }
    data.update(overrides)
    return data


@pytest.fixture
def counter(login: Callable[..., Client], intake_officer: User) -> Client:
    return login(intake_officer)


def test_officer_registers_an_application(counter: Client, intake_officer: User) -> None:
    response = counter.post(reverse("application_register"), _form())
    assert response.status_code == 302
    application = PassportApplication.objects.get(application_no="CLP-2026-000321")
    assert response["Location"] == reverse("application_registered", args=["CLP-2026-000321"])
    assert application.status == Status.SCREENING  # assessed at once
    assert (application.regency_code, application.district_code) == ("33.01", "33.01.01")
    applicant = application.applicant
    assert applicant.nik == "3301015403980007"
    assert applicant.full_name == "Siti Aminah"
    assert applicant.phone == "+6281234567890"
    assert [c.to_status for c in application.status_changes.all()] == [
        Status.SUBMITTED,
        Status.SCREENING,
    ]
    actions = set(AuditEvent.objects.filter(actor=intake_officer).values_list("action", flat=True))
    assert {"applications.applicant_created", "applications.registered"} <= actions


def test_missing_documents_warn_but_do_not_block(counter: Client) -> None:
    response = counter.post(
        reverse("application_register"),
        _form(purpose="work", destination_country="TW", documents=["ktp", "kk"]),
        follow=True,
    )
    assert PassportApplication.objects.filter(application_no="CLP-2026-000321").exists()
    body = response.content.decode()
    assert "Rekomendasi paspor Disnaker" in body
    assert "akta kelahiran" in body


def test_without_number_the_application_gets_a_waspada_number(counter: Client) -> None:
    counter.post(reverse("application_register"), _form(application_no=""))
    application = PassportApplication.objects.get()
    assert application.application_no == f"WSP-2026-{application.pk:07d}"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nik", "33010154039", "NIK harus terdiri dari tepat 16 angka"),
        ("nik", "3399015403980007", "Kode kabupaten/kota 33.99"),
        ("nik", "3301019903980007", "bukan tanggal yang sah"),
        ("phone", "12345", "Nomor telepon Indonesia tidak sah"),
        ("village", "33.01.01", "Pilih desa / kelurahan"),
        ("destination_country", "XX", "XX bukan salah satu dari pilihan"),
        ("previous_passport_no", "TOO-LONG-NUMBER", "Nomor paspor"),
        ("intended_departure", "2026-01-01", "Tanggal keberangkatan sebelum tanggal permohonan"),
        ("birth_date", "1899-12-31", "1900-01-01"),
        ("submitted_on", "0001-01-01", "1900-01-01"),
        ("intended_departure", "9999-12-31", "2099-12-31"),
    ],
)
def test_bad_input_is_explained_and_what_was_typed_is_kept(
    counter: Client, field: str, value: str, message: str
) -> None:
    response = counter.post(reverse("application_register"), _form(**{field: value}))
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert 'value="Siti  Aminah"' in body or 'value="Siti Aminah"' in body
    assert 'value="Dusun Karanganyar RT 02/RW 04"' in body
    assert not PassportApplication.objects.exists()
    assert not Applicant.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("birth_date", "1998-03-15", "Menurut NIK, tanggal lahir adalah"),
        ("sex", "L", "Menurut NIK, jenis kelamin adalah perempuan"),
    ],
)
def test_a_nik_contradiction_is_a_warning_to_confirm_not_an_error(
    counter: Client, field: str, value: str, message: str
) -> None:
    response = counter.post(reverse("application_register"), _form(**{field: value}))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert 'data-testid="nik-contradiction"' in body
    assert 'name="confirm_nik_contradiction"' in body
    # Amber, not red: nothing to correct, only to confirm.
    assert "error-box" not in body and "warning-box" in body
    assert f'value="{value}"' in body or f'value="{value}" selected' in body
    assert not PassportApplication.objects.exists()


def test_a_confirmation_without_a_contradiction_changes_nothing(counter: Client) -> None:
    response = counter.post(reverse("application_register"), _form(confirm_nik_contradiction="on"))
    assert response.status_code == 302
    application = PassportApplication.objects.get(application_no="CLP-2026-000321")
    assert "D13" not in application.risk_indicators.split(";")


def test_the_application_keeps_the_identity_typed_on_it(counter: Client) -> None:
    earlier = make_application(
        applicant={"nik": "3301015403980007", "full_name": "Nur Fadilah", "phone": ""},
        application_no="CLP-2019-000001",
    )
    counter.post(reverse("application_register"), _form(full_name="Hj.  Nur Fadilah"))
    later = PassportApplication.objects.get(application_no="CLP-2026-000321")
    earlier.refresh_from_db()
    assert earlier.applicant_id == later.applicant_id
    assert (earlier.full_name, earlier.phone) == ("Nur Fadilah", "")
    assert (later.full_name, later.phone) == ("Hj. Nur Fadilah", "+6281234567890")
    assert later.applicant.full_name == "Hj. Nur Fadilah"
    page = counter.get(reverse("application_detail", args=[earlier.application_no]))
    identity = page.content.decode().split('data-testid="application-identity"')[1]
    assert "Nur Fadilah</a>" in identity and "Hj. Nur Fadilah" in identity  # latest, noted


def test_invisible_formatting_characters_are_stripped_from_names(counter: Client) -> None:
    # A right-to-left override shows "Siti Aminah" reversed; zero-width spaces hide
    # inside a name and defeat the search and the watchlist match.
    typed = "Siti\u200b Ami\u200dnah\u202e"
    response = counter.post(
        reverse("application_register"),
        _form(full_name=typed, birth_place="\ufeffCilacap", sponsor_name="Bu\u2066di"),
    )
    assert response.status_code == 302
    application = PassportApplication.objects.get(application_no="CLP-2026-000321")
    assert application.applicant.full_name == "Siti Aminah"
    assert (application.birth_place, application.sponsor_name) == ("Cilacap", "Budi")


def test_an_existing_application_number_is_refused(counter: Client) -> None:
    make_application(application_no="CLP-2026-000321")
    response = counter.post(reverse("application_register"), _form())
    assert "Permohonan dengan nomor ini sudah ada." in response.content.decode()
    assert PassportApplication.objects.count() == 1


def test_a_known_applicant_is_updated_and_the_change_audited(counter: Client) -> None:
    earlier = make_application(applicant={"nik": "3301015403980007", "phone": ""})
    counter.post(reverse("application_register"), _form())
    applicant = Applicant.objects.get(pk=earlier.applicant_id)
    assert applicant.applications.count() == 2
    assert applicant.phone == "+6281234567890"
    event = AuditEvent.objects.get(action="applications.applicant_updated")
    assert event.details["changes"]["phone"] == ["", "+6281234567890"]


def test_interviewers_cannot_register(login: Callable[..., Client], interviewer: User) -> None:
    response = login(interviewer).post(reverse("application_register"), _form())
    assert response.status_code == 403
    assert not PassportApplication.objects.exists()


def test_nik_check_shows_what_the_nik_says(counter: Client) -> None:
    response = counter.get(
        reverse("nik_check"), {"nik": "3301015403980007", "birth_date": "1998-03-15", "sex": "P"}
    )
    body = response.content.decode()
    assert "NIK sah" in body
    assert "Kedungreja" in body and "Kabupaten Cilacap" in body
    assert "14 Maret 1998" in body
    assert "Menurut NIK, tanggal lahir adalah" in body


def test_nik_check_gives_the_specific_reason(counter: Client) -> None:
    body = counter.get(reverse("nik_check"), {"nik": "3301010000000000"}).content.decode()
    assert "bukan tanggal yang sah" in body


def test_nik_check_says_when_the_applicant_is_already_known(counter: Client) -> None:
    nik = make_nik("33.01.01", __import__("datetime").date(1990, 1, 2), "L", serial=9)
    make_application(applicant={"nik": nik, "full_name": "Budi Santoso", "sex": "L"})
    body = counter.get(reverse("nik_check"), {"nik": nik}).content.decode()
    assert "Budi Santoso" in body and "1 permohonan sebelumnya" in body


def test_a_known_nik_offers_the_last_registration_to_fill_in(counter: Client) -> None:
    nik = make_nik("33.01.01", __import__("datetime").date(1990, 1, 2), "L", serial=9)
    make_application(
        applicant={"nik": nik, "full_name": "Budi Santoso", "sex": "L", "birth_place": "Kebumen"}
    )
    check = counter.get(reverse("nik_check"), {"nik": nik}).content.decode()
    assert f"?known={nik}" in check
    form = counter.get(reverse("application_register"), {"known": nik}).context["form"]
    assert form["full_name"].value() == "Budi Santoso"
    assert form["birth_place"].value() == "Kebumen"
    assert form["village"].value() == Applicant.objects.get(nik=nik).village_id
    # The application itself is new: nothing of it is carried over.
    assert not form["application_no"].value() and not form["purpose"].value()


@pytest.mark.parametrize("known", ["", "123", "3301019999999999", "x" * 500])
def test_an_unknown_or_odd_known_nik_opens_an_empty_form(counter: Client, known: str) -> None:
    response = counter.get(reverse("application_register"), {"known": known})
    assert response.status_code == 200
    assert not response.context["form"]["full_name"].value()


def test_the_nik_opens_the_address_picker_at_its_kecamatan(counter: Client) -> None:
    body = counter.get(reverse("nik_check"), {"nik": "3301015403980007"}).content.decode()
    assert 'hx-swap-oob="innerHTML"' in body
    assert '<option value="33.01.01" selected>' in body
    assert '<option value="33.01.01.2001">Tambakreja</option>' in body
    # A choice the officer has already made there is never overwritten.
    chosen = counter.get(
        reverse("nik_check"), {"nik": "3301015403980007", "village_province": "31"}
    ).content.decode()
    assert "hx-swap-oob" not in chosen


def test_documents_checklist_follows_the_purpose(counter: Client) -> None:
    response = counter.get(
        reverse("documents_checklist"), {"purpose": "umrah", "documents": ["ktp", "kk"]}
    )
    body = response.content.decode()
    assert "Surat PPIU/PIHK" in body
    assert 'data-testid="documents-missing"' in body
    complete = counter.get(
        reverse("documents_checklist"),
        {"purpose": "umrah", "documents": ["ktp", "kk", "akta_lahir", "ppiu_letter"]},
    )
    assert 'data-testid="documents-missing"' not in complete.content.decode()

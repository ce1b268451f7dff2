"""The registry of licensed organisers: search, register, edit, deactivate, upload."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from waspada.core.models import AuditEvent, User
from waspada.networks.models import DetectionRun, LicensedOrganiser, RunState

pytestmark = pytest.mark.django_db


@pytest.fixture
def safa() -> LicensedOrganiser:
    return LicensedOrganiser.objects.create(
        kind="ppiu",
        name="PT Safa Marwa Mulia Tour",
        licence_no="U.203/2019",
        phones=["+62282534216"],
    )


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def test_staff_find_organisers_by_name_licence_or_phone_in_any_form(
    login: Callable[..., Client], interviewer: User, safa: LicensedOrganiser
) -> None:
    LicensedOrganiser.objects.create(kind="p3mi", name="PT Bina Tenaga", licence_no="KEP.118")
    client = login(interviewer)

    def found(**query: str) -> list[str]:
        response = client.get(reverse("organiser_list"), query)
        return [o.name for o in response.context["page"].object_list]

    assert found() == ["PT Bina Tenaga", "PT Safa Marwa Mulia Tour"]  # by kind, then name
    assert found(q="safa") == ["PT Safa Marwa Mulia Tour"]
    assert found(q="KEP.118") == ["PT Bina Tenaga"]
    assert found(q="0282-534216") == ["PT Safa Marwa Mulia Tour"]
    assert found(kind="p3mi") == ["PT Bina Tenaga"]
    body = client.get(reverse("organiser_list")).content.decode()
    assert reverse("organiser_create") not in body, "interviewers only look"


def test_supervisor_registers_an_organiser_with_phones_in_any_form(
    login: Callable[..., Client], supervisor: User
) -> None:
    client = login(supervisor)
    response = client.post(
        reverse("organiser_create"),
        {
            "kind": "p3mi",
            "name": "PT Cahaya Karya",
            "licence_no": "KEP.027/SIP3MI/2018",
            "phones_text": "0282-534999\n+62 813 2764 0118",
        },
    )
    assert response.status_code == 302
    organiser = LicensedOrganiser.objects.get(licence_no="KEP.027/SIP3MI/2018")
    assert organiser.phones == ["+62282534999", "+6281327640118"] and organiser.active
    event = AuditEvent.objects.get(action="networks.organiser_created")
    assert event.actor == supervisor and event.object_id == str(organiser.pk)
    # The registry decides which groups are benign: the rings are recomputed.
    assert DetectionRun.objects.filter(state=RunState.QUEUED).count() == 1


def test_bad_phone_or_taken_licence_is_an_error_on_the_field_and_nothing_is_saved(
    login: Callable[..., Client], supervisor: User, safa: LicensedOrganiser
) -> None:
    client = english(login(supervisor))
    response = client.post(
        reverse("organiser_create"),
        {"kind": "ppiu", "name": "PT Lain", "licence_no": "U.203/2019", "phones_text": "12345"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "Not a valid phone number: 12345" in form.errors["phones_text"][0]
    assert "licence_no" in form.errors
    assert LicensedOrganiser.objects.count() == 1
    assert not AuditEvent.objects.filter(action__startswith="networks.organiser").exists()


def test_supervisor_edits_and_deactivates_but_never_deletes(
    login: Callable[..., Client], supervisor: User, safa: LicensedOrganiser
) -> None:
    client = login(supervisor)
    form = client.get(reverse("organiser_edit", args=[safa.pk])).content.decode()
    assert "+62282534216" in form
    client.post(
        reverse("organiser_edit", args=[safa.pk]),
        {
            "kind": "ppiu",
            "name": "PT Safa Marwa Mulia Tour",
            "licence_no": "U.203/2019",
            "phones_text": "+62282534216\n0282 534 217",
        },
    )
    safa.refresh_from_db()
    assert safa.phones == ["+62282534216", "+62282534217"]
    changed = AuditEvent.objects.get(action="networks.organiser_updated")
    assert changed.details["changes"] == {
        "phones": [["+62282534216"], ["+62282534216", "+62282534217"]]
    }
    client.post(reverse("organiser_set_active", args=[safa.pk]), {"active": "0"})
    safa.refresh_from_db()
    assert not safa.active
    assert AuditEvent.objects.filter(action="networks.organiser_deactivated").exists()
    listed = client.get(reverse("organiser_list")).context["page"].object_list
    assert list(listed) == []
    with_inactive = client.get(reverse("organiser_list"), {"inactive": "on"})
    assert list(with_inactive.context["page"].object_list) == [safa]
    client.post(reverse("organiser_set_active", args=[safa.pk]), {"active": "1"})
    safa.refresh_from_db()
    assert safa.active


def test_upload_reports_bad_rows_by_number_in_the_users_language(
    login: Callable[..., Client], supervisor: User
) -> None:
    data = (
        b"kind,name,licence_no,phones\n"
        b"ppiu,PT Safa Marwa Mulia Tour,U.203/2019,0282-534216\n"
        b"p3mi,PT Bina Tenaga,KEP.118/SIP3MI/2019,12345\n"
        b"pihk,,PIHK.1/2021,\n"
    )
    client = login(supervisor)  # Indonesian, the office's default
    response = client.post(
        reverse("organiser_upload"), {"file": SimpleUploadedFile("izin.csv", data)}
    )
    result = response.context["result"]
    assert (result.rows, result.created) == (3, 1)
    assert [(e.row, e.column) for e in result.errors] == [(3, "phones"), (4, "name")]
    body = response.content.decode()
    assert "Bukan nomor telepon yang sah: 12345" in body and "Nama kosong." in body
    event = AuditEvent.objects.get(action="networks.organisers_imported")
    assert event.actor == supervisor and event.details["file"] == "izin.csv"


def test_upload_refuses_files_that_are_not_utf8_csv(
    login: Callable[..., Client], supervisor: User
) -> None:
    client = english(login(supervisor))
    latin = "kind,name,licence_no,phones\nppiu,PT Café,U.1,\n".encode("latin-1")
    response = client.post(
        reverse("organiser_upload"), {"file": SimpleUploadedFile("izin.csv", latin)}
    )
    assert "not UTF-8" in response.context["form"].errors["file"][0]
    response = client.post(
        reverse("organiser_upload"), {"file": SimpleUploadedFile("izin.xlsx", b"PK")}
    )
    assert "could not be read as an Excel workbook" in response.context["form"].errors["file"][0]
    response = client.post(
        reverse("organiser_upload"), {"file": SimpleUploadedFile("izin.txt", b"kind")}
    )
    assert "Only .csv and .xlsx" in response.context["form"].errors["file"][0]
    assert not LicensedOrganiser.objects.exists()


def test_interviewers_cannot_change_the_registry(
    login: Callable[..., Client], interviewer: User, safa: LicensedOrganiser
) -> None:
    client = login(interviewer)
    assert client.get(reverse("organiser_create")).status_code == 403
    assert client.post(reverse("organiser_set_active", args=[safa.pk])).status_code == 403
    assert client.get(reverse("organiser_upload")).status_code == 403

"""Region codes, the office's working area, and the cascading picker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from waspada.core.models import AuditEvent, User
from waspada.regions import services
from waspada.regions.models import Level, Office, Region


def test_bundled_region_list_has_the_kepmendagri_counts() -> None:
    rows = services.read_regions()
    counts = {level: sum(1 for r in rows if r.level == level) for level in Level.values}
    assert counts == {"province": 38, "regency": 514, "district": 7285, "village": 83762}


def test_bundled_region_list_carries_its_licence() -> None:
    licence = (services.WILAYAH_CSV.parent / "LICENSE").read_text()
    assert "MIT License" in licence and "Cahya DSN" in licence


@pytest.mark.django_db
def test_load_regions_command_is_idempotent_and_creates_the_office() -> None:
    call_command("load_regions", verbosity=0)
    call_command("load_regions", verbosity=0)
    assert Region.objects.count() == 91599
    village = Region.objects.get(code="33.01.01.2001")
    assert village.level == Level.VILLAGE and village.parent_id == "33.01.01"
    office = Office.objects.get()
    assert sorted(office.regencies.values_list("code", flat=True)) == [
        "33.01",
        "33.02",
        "33.03",
        "33.04",
        "33.05",
    ]
    assert AuditEvent.objects.filter(action="regions.loaded").count() == 2


def test_reloading_updates_a_renamed_region(central_java_regions: None, tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_text("kode,nama,tingkat\n33,Jawa Tengah (baru),provinsi\n", encoding="utf-8")
    services.load_regions(path=path)
    assert Region.objects.get(code="33").name == "Jawa Tengah (baru)"


def test_picker_lists_the_children_of_the_chosen_levels(
    central_java_regions: None, login: Callable[..., Client], intake_officer: User
) -> None:
    client = login(intake_officer)
    response = client.get(
        reverse("region_picker"),
        {"name": "village", "village_province": "33", "village_regency": "33.01"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="33.01.01"' in body  # kecamatan of Cilacap offered
    # No kecamatan chosen yet: the village list waits.
    assert 'name="village" id="id_village" data-level="village" disabled' in body


def test_picker_drops_a_lower_level_outside_the_new_upper_level(
    central_java_regions: None, login: Callable[..., Client], intake_officer: User
) -> None:
    response = login(intake_officer).get(
        reverse("region_picker"),
        {"name": "v", "v_province": "33", "v_regency": "33.02", "v_district": "33.01.01"},
    )
    body = response.content.decode()
    assert 'value="33.01.01" selected' not in body
    assert 'value="33.02.01"' in body


def test_region_browser_shows_working_area_and_a_village_path(
    central_java_regions: None, login: Callable[..., Client], interviewer: User
) -> None:
    response = login(interviewer).get(reverse("region_browser"), {"region": "33.01.01.2001"})
    body = response.content.decode()
    assert "33.05" in body and "Kebumen" in body
    names = [r.name for r in response.context["path"]]
    assert names[0] == "Jawa Tengah" and len(names) == 4


def test_admin_changes_the_working_area_with_audit(
    central_java_regions: None, login: Callable[..., Client], admin_user: User
) -> None:
    response = login(admin_user).post(
        reverse("office_edit"),
        {"name": "Kantor Imigrasi Cilacap", "regencies": ["33.01", "33.02"]},
    )
    assert response.status_code == 302
    office = Office.objects.get()
    assert sorted(office.regencies.values_list("code", flat=True)) == ["33.01", "33.02"]
    event = AuditEvent.objects.get(action="regions.office_updated")
    assert event.details["regencies"][1] == ["33.01", "33.02"]


def test_working_area_form_requires_a_regency(
    central_java_regions: None, login: Callable[..., Client], admin_user: User
) -> None:
    response = login(admin_user).post(reverse("office_edit"), {"name": "X", "regencies": []})
    assert response.status_code == 200
    assert Office.objects.get().regencies.count() == 5

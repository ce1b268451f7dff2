"""The campaign record: officers record outreach activities (with the village picker) and
media coverage; every save is audited."""

from __future__ import annotations

import pytest

from waspada.core.audit_actions import AuditAction
from waspada.core.models import AuditEvent, User
from waspada.partners.models import Agency, AgencyKind
from waspada.publik.models import MediaCoverage, OutreachActivity

pytestmark = pytest.mark.django_db


def test_an_officer_records_an_outreach_activity_in_a_village(
    interviewer: User, login, central_java_regions: None
) -> None:  # type: ignore[no-untyped-def]
    disnaker = Agency.objects.create(name="Disnaker Cilacap", kind=AgencyKind.DISNAKER)
    office = login(interviewer)
    form = office.get("/public-side/outreach/new/")
    assert form.status_code == 200
    assert 'name="village_province"' in form.content.decode()
    response = office.post(
        "/public-side/outreach/new/",
        {
            "held_on": "2026-02-10",
            "village": "33.01.01.2001",
            "place": "Balai Desa",
            "audience": "job_seekers",
            "people_reached": "85",
            "partners": [disnaker.pk],
            "materials": "Leaflet panduan migrasi aman",
        },
    )
    assert response.status_code == 302
    activity = OutreachActivity.objects.get()
    assert activity.village_id == "33.01.01.2001"
    assert list(activity.partners.all()) == [disnaker]
    listing = office.get("/public-side/outreach/").content.decode()
    assert "Balai Desa" in listing and "Disnaker Cilacap" in listing
    assert AuditEvent.objects.filter(action=AuditAction.OUTREACH_RECORDED).count() == 1

    changed = office.post(
        f"/public-side/outreach/{activity.pk}/",
        {"held_on": "2026-02-10", "village": "33.01.01.2001", "place": "Balai Desa",
         "audience": "job_seekers", "people_reached": "90", "materials": ""},
    )  # fmt: skip
    assert changed.status_code == 302
    activity.refresh_from_db()
    assert activity.people_reached == 90
    assert list(activity.partners.all()) == []
    event = AuditEvent.objects.get(action=AuditAction.OUTREACH_UPDATED)
    assert event.details["changes"]["people_reached"] == ["85", "90"]


def test_an_activity_without_a_village_or_with_negative_people_is_refused(
    interviewer: User, login, central_java_regions: None
) -> None:  # type: ignore[no-untyped-def]
    response = login(interviewer).post(
        "/public-side/outreach/new/",
        {"held_on": "2026-02-10", "village": "33.01", "place": "Balai",
         "audience": "villagers", "people_reached": "-3"},
    )  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "Pilih desa / kelurahan." in page
    assert OutreachActivity.objects.count() == 0


def test_media_coverage_is_recorded(supervisor: User, login) -> None:  # type: ignore[no-untyped-def]
    office = login(supervisor)
    response = office.post(
        "/public-side/outreach/media/new/",
        {"outlet": "RRI Purwokerto", "kind": "radio", "published_on": "2026-02-11",
         "title": "Dialog interaktif TPPO", "link": "rri.co.id/purwokerto/tppo"},
    )  # fmt: skip
    assert response.status_code == 302
    coverage = MediaCoverage.objects.get()
    assert coverage.link == "https://rri.co.id/purwokerto/tppo"
    assert "RRI Purwokerto" in office.get("/public-side/outreach/").content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.COVERAGE_RECORDED).count() == 1

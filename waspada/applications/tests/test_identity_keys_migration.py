"""The migration that adds the look-alike keys computes them for existing applicants."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from waspada.domain.names import name_key

BEFORE = [("applications", "0011_application_identity_required")]
REGIONS = ("regions", "0002_office_address_office_city_office_deferral_days_and_more")
AFTER = [("applications", "0012_applicant_identity_keys")]


@pytest.mark.django_db(transaction=True)
def test_existing_applicants_get_their_name_and_birth_place_keys() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state([*BEFORE, REGIONS]).apps
    Region = old.get_model("regions", "Region")
    province = Region.objects.create(code="33", name="JAWA TENGAH", level="province")
    regency = Region.objects.create(code="33.01", name="CILACAP", level="regency", parent=province)
    district = Region.objects.create(
        code="33.01.01", name="DAYEUHLUHUR", level="district", parent=regency
    )
    village = Region.objects.create(
        code="33.01.01.2001", name="Bolang", level="village", parent=district
    )
    old.get_model("applications", "Applicant").objects.create(
        nik="3301015403980007",
        full_name="Hj. Nur Fadilah",
        sex="P",
        birth_place="Kab. Cilacap",
        birth_date=dt.date(1998, 3, 14),
        address="Dusun Karanganyar RT 02/RW 04",
        village=village,
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    applicant = new.get_model("applications", "Applicant").objects.get()
    assert (applicant.name_key, applicant.birth_place_key) == (name_key("Nurfadilah"), "cilacap")
    # Back to the latest state for the tests that follow.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

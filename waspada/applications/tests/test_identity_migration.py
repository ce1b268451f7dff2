"""The migration that gives each application its own identity copies today's values."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("applications", "0009_importjob_noticed_count")]
REGIONS = ("regions", "0002_office_address_office_city_office_deferral_days_and_more")
AFTER = [("applications", "0011_application_identity_required")]


@pytest.mark.django_db(transaction=True)
def test_existing_applications_get_their_applicants_values() -> None:
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
    office = old.get_model("regions", "Office").objects.create(name="Kanim Cilacap")
    applicant = old.get_model("applications", "Applicant").objects.create(
        nik="3301015403980007",
        full_name="Hj. Nur Fadilah",
        sex="P",
        birth_place="Cilacap",
        birth_date=dt.date(1998, 3, 14),
        phone="+6281234567890",
        address="Dusun Karanganyar RT 02/RW 04",
        village=village,
        occupation="Pedagang",
    )
    old.get_model("applications", "PassportApplication").objects.create(
        application_no="SIMKIM/2019/0001",
        applicant=applicant,
        office=office,
        submitted_on=dt.date(2019, 5, 2),
        purpose="umrah",
        destination_country="SA",
        regency_code="33.01",
        district_code="33.01.01",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    application = new.get_model("applications", "PassportApplication").objects.get()
    assert (application.full_name, application.sex, application.birth_date) == (
        "Hj. Nur Fadilah",
        "P",
        dt.date(1998, 3, 14),
    )
    assert (application.birth_place, application.phone, application.village_id) == (
        "Cilacap",
        "+6281234567890",
        "33.01.01.2001",
    )
    assert application.address == "Dusun Karanganyar RT 02/RW 04"
    assert application.occupation == "Pedagang"
    # Back to the latest state for the tests that follow.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

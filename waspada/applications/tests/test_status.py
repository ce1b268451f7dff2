"""Status changes are guarded by the application's version (optimistic locking)."""

from __future__ import annotations

import pytest

from waspada.applications.models import Status, StatusChange
from waspada.applications.services import StaleApplication, change_status
from waspada.applications.tests.factories import make_application
from waspada.core.models import AuditEvent, User

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("central_java_regions")]


def test_a_status_change_bumps_the_version_and_is_recorded(interviewer: User) -> None:
    application = make_application()
    version = application.version

    change_status(application, Status.INTERVIEW, expected_version=version, acting_user=interviewer)

    application.refresh_from_db()
    assert (application.status, application.version) == (Status.INTERVIEW, version + 1)
    assert StatusChange.objects.filter(application=application, to_status="interview").exists()
    assert AuditEvent.objects.filter(
        action="applications.status_changed", object_id=str(application.pk)
    ).exists()


def test_a_change_from_an_outdated_page_is_refused_and_saves_nothing(
    interviewer: User, supervisor: User
) -> None:
    application = make_application()
    loaded_version = application.version
    change_status(
        application, Status.INTERVIEW, expected_version=loaded_version, acting_user=supervisor
    )

    with pytest.raises(StaleApplication) as refused:
        change_status(
            application, Status.CANCELLED, expected_version=loaded_version, acting_user=interviewer
        )

    application.refresh_from_db()
    assert application.status == Status.INTERVIEW
    assert "diubah orang lain" in refused.value.message()
    assert not StatusChange.objects.filter(application=application, to_status="cancelled").exists()

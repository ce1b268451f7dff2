"""Who may see the Dukcapil NIK verification pages (see tests/test_url_access.py).

The persona "partner" is a police unit's user: the queue is a Dukcapil's only (every kind
of agency against every partner URL: waspada/partners/tests/test_kind_matrix.py).
"""

from __future__ import annotations

from django.urls import reverse

from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.partners import nik_verifications

# Supervisors, the head of office and auditors read every request and answer.
READERS = {"supervisor", "head_of_office", "auditor"}

ACCESS: dict[str, set[str] | str] = {
    "nik_verification_list": READERS,
    "nik_verification_detail": READERS,
    # Asking is the officers' work at the counter, the interview and the supervisor's desk.
    "nik_verification_request": "post-only",
}


def url(name: str, target: User) -> str:
    app = make_application()
    if name == "nik_verification_request":
        return reverse(name, args=[app.application_no])
    if name == "nik_verification_detail":
        item = nik_verifications.request_verification(app, reason="test", acting_user=None)
        return reverse(name, args=[item.pk])
    return reverse(name)

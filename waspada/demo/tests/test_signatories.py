"""The demo's letters can be signed: the office has its head's name and NIP, and the
demo Kasi is registered to sign decision letters for the head."""

from __future__ import annotations

import pytest

from waspada.core.models import AuditEvent, User
from waspada.decisions.letters import signature_for
from waspada.decisions.models import Signatory
from waspada.demo.accounts import ensure_demo_users
from waspada.demo.steps import DEMO_HEAD, add_signatories
from waspada.regions.services import ensure_office

pytestmark = pytest.mark.usefixtures("central_java_regions")


def test_the_demo_office_has_a_head_and_a_kasi_who_signs_for_the_head() -> None:
    ensure_demo_users()
    add_signatories()
    office = ensure_office()
    assert (office.head_name, office.head_nip) == DEMO_HEAD
    kasi = User.objects.get(username="kasi")
    signature = signature_for(office, kasi)
    assert signature["on_behalf_of"] == f"a.n. Kepala {office.name}"
    assert signature["name"] == kasi.get_full_name() and len(signature["nip"]) == 18
    written = AuditEvent.objects.count()
    add_signatories()  # once: a second run changes nothing
    assert AuditEvent.objects.count() == written
    assert Signatory.objects.count() == 1

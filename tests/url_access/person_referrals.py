"""Who may see the person-referral, register and agreement pages (tests/test_url_access.py).

The persona "partner" is a police unit's user: persons are referred to victim services and
community organisations only, so the police get none of those pages (every kind of agency
against every partner URL: waspada/partners/tests/test_kind_matrix.py).
"""

from __future__ import annotations

from django.urls import reverse

from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.partners.models import Agency, AgencyKind
from waspada.partners.tests.factories import make_person_referral

ACCESS: dict[str, set[str] | str] = {
    "agreement_create": {"admin"},
    "person_refer": {"supervisor"},
    "referral_register": {"supervisor", "head_of_office"},
    "register_person_referral": {"supervisor", "head_of_office"},
    "person_referral_letter": {"supervisor", "head_of_office"},
    "person_referral_revoke": "post-only",
    "person_referral_list": set(),
    "person_referral_detail": set(),
    "person_referral_answer": "post-only",
}


def url(name: str, target: User) -> str:
    if name == "agreement_create":
        assert target.agency_id is not None
        return reverse(name, args=[target.agency_id])
    if name == "person_refer":
        return reverse(name, args=[make_application().application_no])
    if name in {"referral_register", "person_referral_list"}:
        return reverse(name)
    ngo, _ = Agency.objects.get_or_create(name="Yayasan Test", defaults={"kind": AgencyKind.NGO})
    return reverse(name, args=[make_person_referral(ngo).pk])

"""Who may see the Disnaker recommendation pages (see tests/test_url_access.py).

The persona "partner" is a police unit's user: the recommendation pages are for the users
of a Disnaker only (tested in waspada/partners/tests), so the police get none of them.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from waspada.core.models import User
from waspada.partners.models import (
    Agency,
    AgencyKind,
    Recommendation,
    RecommendationImportJob,
    RecommendationRequest,
)

# Supervisors, the head of office and auditors read every register and request.
READERS = {"supervisor", "head_of_office", "auditor"}

ACCESS: dict[str, set[str] | str] = {
    "disnaker_home": READERS,
    "recommendation_detail": READERS,
    "recommendation_request_detail": READERS,
    # Keeping a register is a Disnaker's own work: no office role, no police unit.
    "recommendation_create": set(),
    "recommendation_import": set(),
    "recommendation_import_job": set(),
    "recommendation_revoke": "post-only",
    "register_complete": "post-only",
}


def _disnaker() -> Agency:
    agency, _ = Agency.objects.get_or_create(
        name="Disnaker Kabupaten Cilacap", defaults={"kind": AgencyKind.DISNAKER}
    )
    return agency


def url(name: str, target: User) -> str:
    if name in {"recommendation_detail", "recommendation_revoke"}:
        record = Recommendation.objects.create(
            agency=_disnaker(),
            number=f"562/{name}/REKOM/2026",
            issued_on=dt.date(2026, 2, 2),
            nik="3301014101900001",
            full_name="Siti Aminah",
            destination_country="TW",
            valid_until=dt.date(2026, 8, 2),
        )
        return reverse(name, args=[record.pk])
    if name == "recommendation_request_detail":
        item = RecommendationRequest.objects.create(agency=_disnaker(), number="562/9/REKOM/2026")
        return reverse(name, args=[item.pk])
    if name == "recommendation_import_job":
        job = RecommendationImportJob.objects.create(agency=_disnaker(), filename="x.csv")
        return reverse(name, args=[job.pk])
    return reverse(name)

"""Decided applications to train on, built through the real services."""

from __future__ import annotations

from waspada.core.models import User
from waspada.decisions.models import Decision
from waspada.decisions.tests.helpers import HIGH_RISK, decided

# Names, phones and addresses of the source people, to look for in what training shows.
SOURCE = {
    "full_name": "Sulastri Wijayakusuma",
    "phone": "+6281398765432",
    "address": "Dusun Pesanggrahan RT 03/RW 07",
}


def decided_cases(interviewer: User, supervisor: User) -> list[Decision]:
    """A refused non-procedural worker and an issued tourist (the look-alike)."""
    refused = decided(
        "refuse",
        interviewer=interviewer,
        supervisor=supervisor,
        applicant=dict(SOURCE),
        sponsor_name="Paijo Sukarmin",
        sponsor_phone="+6285712340000",
        **HIGH_RISK,
    )
    issued = decided(
        "issue",
        interviewer=interviewer,
        supervisor=supervisor,
        applicant={"full_name": "Ngatini Purwaningsih", "phone": "+6281311112222"},
    )
    return [refused, issued]

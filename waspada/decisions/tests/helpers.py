"""Test data for the decisions app, built through the real services."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from waspada.applications.models import PassportApplication, Status
from waspada.applications.services import change_status
from waspada.applications.tests.factories import make_application
from waspada.core.models import AuditEvent, User
from waspada.decisions import services
from waspada.decisions.models import Decision, Letter
from waspada.domain import decisions as rules

# Work in Cambodia with no Disnaker recommendation and no return ticket: screening
# rates it high (D02, D06, ...), so even issuing needs a sign-off.
HIGH_RISK: dict[str, Any] = {
    "purpose": "work",
    "destination_country": "KH",
    "return_ticket": "no",
    "documents": ["ktp", "kk", "akta_lahir"],
}

PROPOSALS: dict[str, dict[str, Any]] = {
    "issue": {"reason": "Dokumen lengkap, keterangan konsisten."},
    "defer": {
        "reason": "Surat jaminan dan tiket pulang belum ada.",
        "missing_documents": ["surat_jaminan", "tiket_pulang"],
    },
    "refuse": {
        "reason": "Mengaku wisata, tetapi akan bekerja di Kamboja tanpa rekomendasi Disnaker.",
        "reason_code": "non_procedural_work",
        "legal_basis": rules.REASONS["non_procedural_work"].legal_basis,
    },
    "cancel": {
        "reason": "Paspor diperoleh dengan keterangan palsu tentang tujuan perjalanan.",
        "reason_code": "obtained_by_false_statements",
        "legal_basis": rules.REASONS["obtained_by_false_statements"].legal_basis,
    },
}


def at_interview(**fields: Any) -> PassportApplication:
    """A registered, screened application at the interview desk."""
    application = make_application(**fields)
    application.refresh_from_db()  # screening wrote the risk and status in SQL
    change_status(
        application, Status.INTERVIEW, expected_version=application.version, acting_user=None
    )
    return application


def propose(
    application: PassportApplication, outcome: str, *, by: User, **overrides: Any
) -> Decision:
    """A valid proposal of `outcome` (deadline: the usual 30 days for a deferral)."""
    values: dict[str, Any] = {**PROPOSALS[outcome], **overrides}
    if outcome == "defer":
        values.setdefault("deadline", rules.deferral_deadline(timezone.localdate()))
    return services.propose_decision(
        application,
        outcome=outcome,
        acting_user=by,
        expected_version=application.version,
        **values,
    )


def approve(decision: Decision, *, by: User, comment: str = "") -> Decision:
    return services.sign_off(
        decision,
        acting_user=by,
        comment=comment,
        expected_version=decision.application.version,
    )


def decided(outcome: str, *, interviewer: User, supervisor: User, **fields: Any) -> Decision:
    """An application at the interview with `outcome` proposed and signed off."""
    application = at_interview(**fields)
    decision = propose(application, outcome, by=interviewer)
    if decision.state == rules.State.PROPOSED:
        approve(decision, by=supervisor)
    return decision


def snapshot() -> tuple[int, int, int, list[tuple[str, int]]]:
    """(decisions, letters, audit events, every application's status and version)."""
    return (
        Decision.objects.count(),
        Letter.objects.count(),
        AuditEvent.objects.count(),
        list(PassportApplication.objects.order_by("pk").values_list("status", "version")),
    )

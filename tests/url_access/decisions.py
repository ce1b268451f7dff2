"""Who may see the decision pages (see tests/test_url_access.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.decisions import services
from waspada.decisions.models import Decision
from waspada.domain.decisions import deferral_deadline

# Interviewers and supervisors propose; supervisors and the head of office sign off.
# (Letter pages: tests/url_access/letters.py.)
ACCESS: dict[str, set[str] | str] = {
    "decision_queue": {"supervisor", "head_of_office"},
    "decision_propose": {"interviewer", "supervisor"},
    "decision_documents_completed": "post-only",
    "decision_sign_off": "post-only",
    "decision_sign_off_confirm": {"supervisor", "head_of_office"},
    "decision_return": "post-only",
}


def _deferral(application: PassportApplication) -> Decision:
    """A deferral proposed by the system (no proposer), so any supervisor may sign it."""
    return services.propose_decision(
        application,
        outcome="defer",
        reason="Surat jaminan belum ada.",
        missing_documents=["surat_jaminan"],
        deadline=deferral_deadline(timezone.localdate()),
        acting_user=None,
        expected_version=application.version,
        automatic=True,
    )


def url(name: str, target: User) -> str:
    if name in {"decision_propose", "decision_documents_completed"}:
        return reverse(name, args=[make_application().application_no])
    if name in {"decision_sign_off", "decision_return", "decision_sign_off_confirm"}:
        application = make_application()
        application.refresh_from_db()  # screening moved it on
        return reverse(name, args=[_deferral(application).pk])
    return reverse(name)

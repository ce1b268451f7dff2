"""Who may see the letter pages (see tests/test_url_access.py)."""

from __future__ import annotations

import tempfile

from django.test import override_settings
from django.urls import reverse

from tests.url_access import CASEWORK
from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.decisions import letters
from waspada.decisions.tests.test_letters import configure_office, decision_in_force

ACCESS: dict[str, set[str] | str] = {
    "letter_detail": CASEWORK,
    "letter_download": CASEWORK,
    "interview_record_create": "post-only",
    "letter_signatories": {"admin"},
}


def _letter_id() -> int:
    configure_office()
    decision = decision_in_force(make_application(), "refuse")
    # The PDF goes to a throwaway directory; the download then renders the letter again
    # from its stored context, as it does when a file is missing.
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        letter = letters.make_decision_letter(decision, acting_user=None)
    assert letter is not None
    return letter.pk


def url(name: str, target: User) -> str:
    if name in {"letter_detail", "letter_download"}:
        return reverse(name, args=[_letter_id()])
    if name == "interview_record_create":
        return reverse(name, args=[1])
    return reverse(name)

"""Who may see which URL: the personas, and one table per app beside this file.

Each module here (one per app, e.g. ``decisions.py``) defines ``ACCESS`` (url name ->
the personas that get the page, ``"public"`` or ``"post-only"``) and
``url(name, target) -> str`` that builds a URL for one of its names (creating the
objects it needs). ``tests/test_url_access.py`` merges them into its table.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from types import ModuleType

PERSONAS = [
    "intake_officer",
    "interviewer",
    "supervisor",
    "head_of_office",
    "admin",
    "auditor",
    "partner",
]
STAFF = set(PERSONAS) - {"partner"}
EVERYONE = set(PERSONAS)
# Applicants' personal data: the office's case workers only (not IT admins, not partners).
CASEWORK = {"intake_officer", "interviewer", "supervisor", "head_of_office", "auditor"}


@cache
def app_tables() -> tuple[ModuleType, ...]:
    """The per-app access tables in this package."""
    return tuple(
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
    )

"""Every model change has its migration, so a deployment's `migrate` is complete."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration() -> None:
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, verbosity=1)
    except SystemExit:
        pytest.fail(f"Missing migrations (run `waspada makemigrations`):\n{out.getvalue()}")

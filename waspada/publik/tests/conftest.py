"""The public side's tests start from what a fresh installation has: the seeded guide.

A test run that flushes the database (browser tests) removes rows written by data
migrations; the guide is seeded again here through the migration's own function."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps


@pytest.fixture(autouse=True)
def _seeded_guide(db: None) -> None:
    migration = importlib.import_module("waspada.publik.migrations.0002_safe_migration_guide")
    migration.seed(apps, None)

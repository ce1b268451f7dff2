from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from waspada.core.models import User

Login = Callable[[User], Client]


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Letters made by these tests go to a throwaway MEDIA_ROOT, not the project's var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def english(login: Login) -> Login:
    """Clients that read the pages in English (the msgids the tests compare)."""

    def make(user: User) -> Client:
        client = login(user)
        client.cookies["django_language"] = "en"
        return client

    return make

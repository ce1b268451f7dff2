"""The public pages answer anonymous visitors, small and without the office's data."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/publik/", "/publik/cek-lowongan/", "/publik/lapor/", "/publik/panduan/"]
)
def test_anonymous_visitors_get_the_public_pages(path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 200
    assert "Content-Security-Policy" in response.headers
    assert b"<script" not in response.content

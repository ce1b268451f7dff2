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


def test_a_long_query_is_answered_and_cached_like_any_other() -> None:
    # The cache key holds a hash of the address: a query of any length is a valid key.
    query = {"recruiter_licence": "9" * 400, "arranged_by": "agency", "page": "0::" * 80}
    first = Client().get("/publik/cek-lowongan/", query)
    again = Client().get("/publik/cek-lowongan/", query)
    assert first.status_code == again.status_code == 200
    assert first.content == again.content

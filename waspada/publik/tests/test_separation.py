"""WASPADA_PUBLIC_ONLY=1: a process that serves the public pages and static files only; and
the public pages stay small and free of the office's data in both modes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client, override_settings

from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.publik.tests.helpers import send_report

pytestmark = pytest.mark.django_db


@override_settings(WASPADA_PUBLIC_ONLY=True)
def test_a_public_only_process_serves_the_public_pages() -> None:
    client = Client()
    for path in ("/publik/", "/publik/cek-lowongan/", "/publik/lapor/", "/publik/panduan/",
                 "/publik/feed/", "/publik/lapor/status/"):  # fmt: skip
        assert client.get(path).status_code == 200, path
    assert send_report(client).status_code == 200


@override_settings(WASPADA_PUBLIC_ONLY=True)
def test_a_public_only_process_knows_no_office_page(supervisor: User) -> None:
    client = Client()
    client.force_login(supervisor)
    for path in ("/", "/login/", "/applications/", "/public-side/reports/", "/reports/",
                 "/healthz/", "/i18n/setlang/"):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Halaman ini tidak ada" in response.content.decode()


def test_the_full_process_serves_both_sides(supervisor: User) -> None:
    client = Client()
    assert client.get("/publik/").status_code == 200
    assert client.get("/login/").status_code == 200
    client.force_login(supervisor)
    assert client.get("/public-side/reports/").status_code == 200


def test_the_home_page_weighs_at_most_50_kb_without_images() -> None:
    client = Client()
    page = client.get("/publik/")
    assert page.status_code == 200
    total = len(page.content)
    for href in re.findall(rb'<link rel="stylesheet" href="/static/([^"]+)"', page.content):
        found = finders.find(href.decode())
        assert found, href
        total += Path(str(found)).stat().st_size
    assert b"<script" not in page.content
    assert total <= 50 * 1024, f"{total} bytes"


def test_public_pages_show_nothing_of_the_office(
    supervisor: User, central_java_regions: None
) -> None:
    application = make_application(applicant={"full_name": "Siti Rahayu Lestari"})
    send_report(who="Pak Darto sponsor")
    client = Client()
    client.force_login(supervisor)  # even a signed-in officer sees the public pages only
    for path in ("/publik/", "/publik/arsip/", "/publik/panduan/", "/publik/lapor/"):
        page = client.get(path).content.decode()
        assert application.application_no not in page
        assert "Siti Rahayu" not in page and "Pak Darto" not in page
        assert "/applications/" not in page and "/public-side/" not in page


def test_the_language_switch_is_a_plain_link_to_english() -> None:
    client = Client()
    switched = client.get("/publik/bahasa/en/", {"next": "/publik/cek-lowongan/"})
    assert switched.status_code == 302
    assert switched["Location"] == "/publik/cek-lowongan/"
    page = client.get("/publik/cek-lowongan/").content.decode()
    assert "Check a job offer" in page
    # Only public addresses: anything else leads home.
    assert (
        client.get("/publik/bahasa/id/", {"next": "https://evil.example/"})["Location"]
        == "/publik/"
    )


def test_a_missing_public_page_answers_in_the_public_layout() -> None:
    response = Client().get("/publik/artikel/tidak-ada/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Halaman ini tidak ada" in page
    assert "publik.css" in page

"""What browsers and proxies are told to keep: nothing a signed-in user saw, and HTTPS
only for as long as the office decides (WASPADA_HSTS_SECONDS)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from waspada.applications.tests.factories import make_application
from waspada.core.models import User

pytestmark = pytest.mark.usefixtures("central_java_regions")


def test_signed_in_pages_and_downloads_are_not_stored(
    login: Callable[..., Client], supervisor: User
) -> None:
    application = make_application()
    client = login(supervisor)
    for url in (
        reverse("home"),
        reverse("application_detail", args=[application.application_no]),
        reverse("application_export") + "?format=csv",
        reverse("application_export") + "?format=xlsx",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_logging_out_is_not_stored_either(login: Callable[..., Client], supervisor: User) -> None:
    response = login(supervisor).post(reverse("logout"))
    assert "no-store" in response["Cache-Control"]


def test_hsts_is_off_by_default(client: Client) -> None:
    response = client.get(reverse("login"), secure=True)
    assert "Strict-Transport-Security" not in response


def test_hsts_follows_the_setting_on_https(client: Client, settings: object) -> None:
    settings.SECURE_HSTS_SECONDS = 31536000  # type: ignore[attr-defined]
    response = Client().get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in Client().get(reverse("login"))  # plain HTTP

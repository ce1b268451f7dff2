"""Indonesian by default, whatever the browser says; English when the user picks it."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse


def test_pages_are_indonesian_even_for_an_english_browser(db: None) -> None:
    response = Client().get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "id"
    assert "Masuk" in response.content.decode()


def test_switching_to_english_sticks_and_back(db: None) -> None:
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    assert "Log in" in client.get(reverse("login")).content.decode()
    client.post(reverse("set_language"), {"language": "id", "next": "/login/"})
    assert "Masuk" in client.get(reverse("login")).content.decode()


def test_an_unknown_language_cookie_falls_back_to_indonesian(db: None) -> None:
    client = Client()
    client.cookies["django_language"] = "fr"
    assert client.get(reverse("login"))["Content-Language"] == "id"


def test_a_users_language_ends_with_their_request(db: None) -> None:
    """A server thread serves the next user (and a console command runs) in the office's
    language, whatever the previous request chose."""
    from django.utils import translation

    client = Client()
    client.cookies["django_language"] = "en"
    assert client.get(reverse("login")).headers["Content-Language"] == "en"
    assert translation.get_language() == "id"

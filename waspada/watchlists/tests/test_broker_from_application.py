"""A supervisor puts a broker named on an application on a watchlist from the application
page: the entry form comes prefilled with the broker's name and phone, and where they
came from."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.watchlists import services
from waspada.watchlists.models import WatchlistEntry

pytestmark = pytest.mark.usefixtures("central_java_regions")
Login = Callable[[User | None], Client]


def test_a_supervisor_watchlists_the_sponsor_from_the_application_page(
    supervisor: User, interviewer: User, login: Login
) -> None:
    watchlist = services.create_watchlist(acting_user=supervisor, name="Calo", list_type="other")
    application = make_application(
        sponsor_name="Pak Darto", sponsor_phone="081322994455", sponsor_relation="Teman"
    )
    client = login(supervisor)
    client.cookies["django_language"] = "id"
    page = client.get(reverse("application_detail", args=[application.application_no]))
    body = page.content.decode()
    links = re.findall(r'<a href="([^"]+)" data-testid="watchlist-broker-add">', body)
    assert len(links) == 1 and "Pak Darto" in body
    form_page = client.get(html.unescape(links[0]))
    form = form_page.context["form"]
    assert form.initial["full_name"] == "Pak Darto"
    assert form.initial["phone"] == "081322994455"
    assert form.initial["external_id"] == f"{application.application_no}-sponsor"
    assert application.application_no in form.initial["note"]
    client.post(
        reverse("watchlist_entry_add", args=[watchlist.pk]),
        {**form.initial},
    )
    entry = WatchlistEntry.objects.get(watchlist=watchlist)
    assert entry.full_name == "Pak Darto" and entry.external_id.endswith("-sponsor")
    # Interviewers read the panel but do not change lists.
    other = login(interviewer).get(reverse("application_detail", args=[application.application_no]))
    assert 'data-testid="watchlist-broker-add"' not in other.content.decode()

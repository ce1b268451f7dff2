"""Watchlist pages: who may do what, reviews through the services, query counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from waspada.applications.tests.factories import make_application
from waspada.core.models import AuditEvent, User
from waspada.watchlists import services
from waspada.watchlists.importing import EntryValues
from waspada.watchlists.models import MatchState, Watchlist, WatchlistEntry, WatchlistMatch

pytestmark = pytest.mark.usefixtures("central_java_regions")
Login = Callable[[User | None], Client]


@pytest.fixture
def matched(db: None) -> WatchlistMatch:
    application = make_application(
        applicant={"full_name": "Lina Marlina", "birth_date": dt.date(1992, 6, 6)}
    )
    watchlist = services.create_watchlist(acting_user=None, name="DPO", list_type="wanted")
    services.add_entry(
        watchlist,
        EntryValues("W-1", "Lina Marlina", birth_date="1992-06-06", sex="P"),
        acting_user=None,
        rescreen="now",
    )
    return WatchlistMatch.objects.get(application=application)


def test_interviewer_dismisses_a_match_from_the_application_page(
    matched: WatchlistMatch, interviewer: User, login: Login
) -> None:
    client = login(interviewer)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("watchlist_match_review", args=[matched.pk]),
        {"decision": "dismiss", "note": "another mother", "next": "/applications/"},
    )
    assert response.status_code == 302
    matched.refresh_from_db()
    assert matched.state == MatchState.DISMISSED
    assert matched.reviewed_by == interviewer
    assert AuditEvent.objects.filter(action="watchlists.match_dismissed").exists()
    matched.application.refresh_from_db()
    assert "D14" not in matched.application.risk_indicators


def test_review_needs_a_note(matched: WatchlistMatch, supervisor: User, login: Login) -> None:
    login(supervisor).post(
        reverse("watchlist_match_review", args=[matched.pk]), {"decision": "confirm"}
    )
    matched.refresh_from_db()
    assert matched.state == MatchState.OPEN


@pytest.mark.parametrize("persona", ["intake_officer", "head_of_office", "auditor"])
def test_only_reviewers_may_review(
    matched: WatchlistMatch, persona: str, personas: dict[str, User], login: Login
) -> None:
    response = login(personas[persona]).post(
        reverse("watchlist_match_review", args=[matched.pk]),
        {"decision": "confirm", "note": "x"},
    )
    assert response.status_code == 403
    matched.refresh_from_db()
    assert matched.state == MatchState.OPEN


@pytest.mark.parametrize("persona", ["interviewer", "head_of_office", "intake_officer"])
def test_only_supervisors_change_lists(
    persona: str, personas: dict[str, User], login: Login
) -> None:
    supervisor = personas["supervisor"]
    watchlist = services.create_watchlist(acting_user=supervisor, name="L", list_type="other")
    entry = services.add_entry(
        watchlist, EntryValues("1", "Someone Here"), acting_user=supervisor, rescreen="none"
    )
    client = login(personas[persona])
    posts = [
        (reverse("watchlist_create"), {"name": "N", "list_type": "cekal"}),
        (
            reverse("watchlist_entry_add", args=[watchlist.pk]),
            {"external_id": "2", "full_name": "A"},
        ),
        (reverse("watchlist_entry_edit", args=[entry.pk]), {"external_id": "1", "full_name": "B"}),
        (reverse("watchlist_entry_deactivate", args=[entry.pk]), {"note": "x"}),
        (reverse("watchlist_import"), {"list_name": "X"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    entry.refresh_from_db()
    assert entry.active and entry.full_name == "Someone Here"
    assert Watchlist.objects.count() == 1


def test_supervisor_adds_edits_and_deactivates_an_entry(supervisor: User, login: Login) -> None:
    client = login(supervisor)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("watchlist_create"), {"name": "Cekal", "list_type": "cekal", "source": "Ditjen"}
    )
    watchlist = Watchlist.objects.get(name="Cekal")
    assert response.status_code == 302
    response = client.post(
        reverse("watchlist_entry_add", args=[watchlist.pk]),
        {"external_id": "E1", "full_name": "Agus Salim", "birth_date": "1980-13-01", "sex": "L"},
    )
    assert response.status_code == 200
    assert "birth_date" in response.context["form"].errors
    client.post(
        reverse("watchlist_entry_add", args=[watchlist.pk]),
        {
            "external_id": "E1",
            "full_name": "Agus Salim",
            "birth_date": "1980",
            "aliases": "A. Salim",
        },
    )
    entry = WatchlistEntry.objects.get(external_id="E1")
    assert entry.aliases == ["A. Salim"]
    client.post(
        reverse("watchlist_entry_edit", args=[entry.pk]),
        {"external_id": "E1", "full_name": "Agus Salim", "birth_date": "1980-02-01"},
    )
    entry.refresh_from_db()
    assert entry.birth_date == "1980-02-01"
    client.post(reverse("watchlist_entry_deactivate", args=[entry.pk]), {"note": "lifted"})
    entry.refresh_from_db()
    assert not entry.active
    assert AuditEvent.objects.filter(action__startswith="watchlists.entry_").count() == 3


def test_upload_page_imports_and_lists_row_errors(supervisor: User, login: Login) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(supervisor)
    client.cookies["django_language"] = "en"
    upload = SimpleUploadedFile(
        "l.csv", b"id,full_name,birth_date,sex\n1,Ok Name,1990,L\n2,,1990,L\n", "text/csv"
    )
    response = client.post(
        reverse("watchlist_import"), {"file": upload, "list_name": "Up", "list_type": "deportee"}
    )
    result = response.context["result"]
    assert (result.created, [(e.row, e.column) for e in result.errors]) == (1, [(3, "full_name")])
    assert Watchlist.objects.get(name="Up").list_type == "deportee"


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_pages_use_a_fixed_number_of_queries(
    matched: WatchlistMatch, supervisor: User, login: Login
) -> None:
    client = login(supervisor)
    watchlist = matched.entry.watchlist
    urls = [
        reverse("watchlist_list"),
        reverse("watchlist_detail", args=[watchlist.pk]),
        reverse("watchlist_match_queue"),
    ]
    before = [_queries(client, url) for url in urls]
    other = services.create_watchlist(acting_user=supervisor, name="More", list_type="other")
    for number in range(5):
        services.add_entry(
            watchlist,
            EntryValues(f"N{number}", f"Nama {number}"),
            acting_user=None,
            rescreen="none",
        )
        services.add_entry(
            other, EntryValues(f"N{number}", f"Nama {number}"), acting_user=None, rescreen="none"
        )
        make_application(applicant={"full_name": "Lina Marlina", "birth_date": dt.date(1992, 6, 6)})
    services.refresh_matches(acting_user=None, rescreen="none", reason="test")
    assert WatchlistMatch.objects.filter(state=MatchState.OPEN).count() > 1
    after = [_queries(client, url) for url in urls]
    assert after == before


def test_application_panel_shows_matches_with_explanations(
    matched: WatchlistMatch, interviewer: User, login: Login
) -> None:
    from django.template import engines

    client = login(interviewer)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("watchlist_match_queue"))
    assert b"same birth date" in response.content
    template = engines["django"].from_string('{% include "watchlists/_application_matches.html" %}')
    request = response.wsgi_request
    html = template.render({"application": matched.application}, request)
    assert 'data-testid="watchlist-match"' in html
    assert reverse("watchlist_match_review", args=[matched.pk]) in html


def test_supervisor_deactivates_a_list_and_its_matches_stop_counting(
    login: Any, supervisor: User
) -> None:
    watchlist = services.create_watchlist(
        acting_user=supervisor, name="Cekal lama", list_type="cekal", source="", owner_agency=""
    )
    client = login(supervisor)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("watchlist_edit", args=[watchlist.pk]),
        {
            "name": "Cekal lama",
            "list_type": "cekal",
            "source": "Ditjen Imigrasi",
            "owner_agency": "",
        },
    )
    assert response.status_code == 302
    watchlist.refresh_from_db()
    assert (watchlist.active, watchlist.source) == (False, "Ditjen Imigrasi")
    event = AuditEvent.objects.get(action="watchlists.updated", object_id=str(watchlist.pk))
    assert event.details["changes"]["active"] == [True, False]


def test_interviewers_cannot_edit_a_list(login: Any, interviewer: User, supervisor: User) -> None:
    watchlist = services.create_watchlist(
        acting_user=supervisor, name="Calo", list_type="known_broker", source="", owner_agency=""
    )
    response = login(interviewer).post(
        reverse("watchlist_edit", args=[watchlist.pk]), {"name": "X", "list_type": "other"}
    )
    assert response.status_code == 403
    watchlist.refresh_from_db()
    assert watchlist.name == "Calo"


def test_the_application_page_says_plainly_when_no_watchlist_is_loaded(
    interviewer: User, login: Login
) -> None:
    application = make_application(applicant={"full_name": "Lina Marlina"})
    client = login(interviewer)
    url = reverse("application_detail", args=[application.application_no])
    html = client.get(url).content.decode()
    assert "Belum ada daftar pengawasan yang dimuat" in html
    assert "Tidak ada kecocokan daftar pengawasan." not in html

    watchlist = services.create_watchlist(acting_user=None, name="DPO", list_type="wanted")
    services.add_entry(
        watchlist, EntryValues("W-1", "Bambang Sutrisno"), acting_user=None, rescreen="now"
    )
    html = client.get(url).content.decode()
    assert "Tidak ada kecocokan daftar pengawasan." in html
    assert "Belum ada daftar pengawasan yang dimuat" not in html

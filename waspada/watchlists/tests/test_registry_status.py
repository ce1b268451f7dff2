"""The watchlist pages say how many lists and entries there are, where they came from and
when they last changed; on day one, that nothing is registered yet."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from waspada.core.models import User
from waspada.watchlists.importing import EntryValues
from waspada.watchlists.models import Watchlist
from waspada.watchlists.registry import WatchlistRegistry
from waspada.watchlists.services import add_entry, create_watchlist, import_entries

pytestmark = pytest.mark.django_db

CEKAL = b"id,full_name,birth_date,sex\nC1,Sutrisno Bin Karto,1970,L\nC2,Wagiyem Binti Sastro,,P\n"


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def test_day_one_the_watchlist_page_says_nothing_is_registered_yet(
    login: Callable[..., Client], supervisor: User
) -> None:
    html = english(login(supervisor)).get(reverse("watchlist_list")).content.decode()
    assert "Empty - nothing registered yet." in html
    assert "Never updated." in html
    status = WatchlistRegistry().status()
    assert (status.lists, status.entries, status.updated_at) == (0, 0, None)


def test_an_imported_list_names_its_file_uploader_and_last_update(
    login: Callable[..., Client], supervisor: User
) -> None:
    import_entries(
        io.BytesIO(CEKAL),
        filename="cekal-2026.csv",
        list_name="Cekal",
        list_type="cekal",
        acting_user=supervisor,
        rescreen="none",
    )
    client = english(login(supervisor))
    html = client.get(reverse("watchlist_list")).content.decode()
    assert "1 list, 2 entries in force" in html
    assert "Last import: cekal-2026.csv, uploaded by supervisor" in html
    assert "cekal-2026.csv" in html.split('data-testid="watchlist-table"')[1]
    watchlist = Watchlist.objects.get(name="Cekal")
    detail = client.get(reverse("watchlist_detail", args=[watchlist.pk])).content.decode()
    assert "2 entries in force" in detail
    assert "Last import: cekal-2026.csv, uploaded by supervisor" in detail
    assert "No entry was added or changed by hand." in detail
    status = WatchlistRegistry().status()
    assert (status.lists, status.entries) == (1, 2) and status.updated_at is not None


def test_a_list_kept_by_hand_says_who_changed_it_last(
    login: Callable[..., Client], supervisor: User
) -> None:
    brokers = create_watchlist(acting_user=supervisor, name="Calo", list_type="known_broker")
    client = english(login(supervisor))
    empty = client.get(reverse("watchlist_detail", args=[brokers.pk])).content.decode()
    assert "Empty: no entry in force." in empty or "Empty - nothing registered yet." in empty
    add_entry(brokers, EntryValues("B1", "Darto Wiyono"), acting_user=supervisor, rescreen="none")
    brokers.refresh_from_db()
    assert brokers.changed_by_hand_by == supervisor
    detail = client.get(reverse("watchlist_detail", args=[brokers.pk])).content.decode()
    assert "1 entry in force" in detail
    assert "Last change by hand: supervisor" in detail
    listing = client.get(reverse("watchlist_list")).content.decode()
    assert "entered by hand" in listing

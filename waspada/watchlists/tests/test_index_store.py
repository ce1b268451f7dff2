"""The watchlist name index is built once and kept on disk; a new process loads it, and a
change of the lists is seen by every process."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.core.tests.worker import run_worker
from waspada.watchlists import index_store, services
from waspada.watchlists.importing import EntryValues
from waspada.watchlists.matching import current_index, reset_index
from waspada.watchlists.models import Watchlist, WatchlistEntry, WatchlistMatch

pytestmark = pytest.mark.usefixtures("central_java_regions")


@pytest.fixture(autouse=True)
def _fresh_process(settings: Any, tmp_path: Path) -> Iterator[None]:
    """Each test starts, and ends, like a process that has no index in memory, with a
    folder of kept indexes of its own."""
    settings.WASPADA_WATCHLIST_INDEX_DIR = tmp_path / "watchlist-index"
    reset_index()
    yield
    reset_index()


def _cekal(user: User) -> Watchlist:
    return services.create_watchlist(acting_user=user, name="Cekal 2026", list_type="cekal")


def _applicant() -> PassportApplication:
    return make_application(
        applicant={"full_name": "Siti Aminah Wulandari", "birth_date": dt.date(1990, 5, 17)}
    )


def _matched_names(application: PassportApplication) -> list[str]:
    """What a screening of the application finds now (as the request of a new process)."""
    services.check_applications([application.pk])
    return sorted(
        WatchlistMatch.objects.filter(application=application).values_list(
            "entry__full_name", flat=True
        )
    )


def _add(watchlist: Watchlist, user: User, name: str, **extra: object) -> WatchlistEntry:
    return services.add_entry(
        watchlist,
        EntryValues(f"C-{name}", name, birth_date="1990-05-17", sex="P"),
        acting_user=user,
        rescreen="none",
        **extra,  # type: ignore[arg-type]
    )


def test_a_new_process_loads_the_index_instead_of_building_it(supervisor: User) -> None:
    application = _applicant()
    _add(_cekal(supervisor), supervisor, "Sitti Aminah Woelandari")

    first = current_index()
    assert first.origin == "built"
    kept = index_store.path_for(first.key)
    assert kept.is_file()

    reset_index()  # another process: nothing in memory
    second = current_index()
    assert second.origin == "stored"
    assert second is not first
    assert second.entries == first.entries
    assert _matched_names(application) == ["Sitti Aminah Woelandari"]


def test_a_change_of_the_lists_is_seen_by_a_process_that_loaded_the_old_index(
    supervisor: User,
) -> None:
    application = _applicant()
    watchlist = _cekal(supervisor)
    entry = _add(watchlist, supervisor, "Sitti Aminah Woelandari")
    old = current_index()
    assert _matched_names(application) == ["Sitti Aminah Woelandari"]

    # Another process renames the entry and adds one: this process sees both.
    WatchlistEntry.objects.filter(pk=entry.pk).update(
        full_name="Bambang Sutrisno", updated_at=entry.updated_at + dt.timedelta(seconds=1)
    )
    _add(watchlist, supervisor, "Siti Aminah Wulandari")
    new = current_index()
    assert new.key != old.key
    assert new.origin == "built"
    assert _matched_names(application) == ["Siti Aminah Wulandari"]
    # Only the index of the lists as they are is kept.
    assert sorted(index_store.directory().glob("*.index")) == [index_store.path_for(new.key)]
    assert not index_store.path_for(old.key).exists()

    reset_index()
    assert current_index().origin == "stored"
    assert _matched_names(application) == ["Siti Aminah Wulandari"]


def test_an_entry_whose_validity_starts_later_counts_from_that_day(supervisor: User) -> None:
    application = _applicant()
    today = timezone.localdate()
    entry = _add(_cekal(supervisor), supervisor, "Sitti Aminah Woelandari", valid_from=today)
    WatchlistEntry.objects.filter(pk=entry.pk).update(valid_from=today + dt.timedelta(days=1))
    before = current_index()
    assert before.entries == {}
    # The day comes (written as the validity reaching today): the key moves, the entry counts.
    WatchlistEntry.objects.filter(pk=entry.pk).update(valid_from=today)
    after = current_index()
    assert after.key != before.key
    assert list(after.entries) == [entry.pk]
    assert _matched_names(application) == ["Sitti Aminah Woelandari"]


def test_a_file_not_written_by_this_installation_is_rebuilt_not_loaded(supervisor: User) -> None:
    application = _applicant()
    _add(_cekal(supervisor), supervisor, "Sitti Aminah Woelandari")
    key = current_index().key
    path = index_store.path_for(key)
    data = path.read_bytes()
    # Someone swaps the content (the signature no longer fits).
    path.write_bytes(
        data[: len(index_store.MAGIC)] + b"0" * 64 + data[len(index_store.MAGIC) + 64 :]
    )

    reset_index()
    assert index_store.load(key) is None
    rebuilt = current_index()
    assert rebuilt.origin == "built"
    assert _matched_names(application) == ["Sitti Aminah Woelandari"]
    reset_index()
    assert current_index().origin == "stored"


def test_an_unwritable_folder_costs_only_the_speed(
    supervisor: User, settings: Any, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    settings.WASPADA_WATCHLIST_INDEX_DIR = blocker / "index"
    application = _applicant()
    _add(_cekal(supervisor), supervisor, "Sitti Aminah Woelandari")
    assert current_index().origin == "built"
    assert _matched_names(application) == ["Sitti Aminah Woelandari"]


@pytest.mark.django_db(transaction=True)
def test_a_change_without_rescreening_builds_the_index_in_the_background(
    supervisor: User,
) -> None:
    _add(_cekal(supervisor), supervisor, "Sitti Aminah Woelandari")
    task = DBTaskResult.objects.get()
    assert task.task_path == "waspada.watchlists.tasks.build_index_task"
    assert not list(index_store.directory().glob("*.index"))

    run_worker()

    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert len(list(index_store.directory().glob("*.index"))) == 1
    reset_index()  # a web process: it loads what the worker built
    assert current_index().origin == "stored"

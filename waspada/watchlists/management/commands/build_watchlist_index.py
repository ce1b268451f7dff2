"""`waspada build-watchlist-index`: build the watchlist name index now and keep it."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from waspada.watchlists import index_store
from waspada.watchlists.matching import current_index


class Command(BaseCommand):
    help = (
        "Build the name index of the watchlist entries in force and keep it on disk "
        "(WASPADA_WATCHLIST_INDEX_DIR), so that the web and worker processes load it "
        "instead of building it on their first screening. Run after an upgrade or a "
        "restore; changes of the lists rebuild it by themselves."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        index = current_index()
        self.stdout.write(
            f"{len(index.entries)} entries, {index.origin} in "
            f"{time.perf_counter() - started:.1f} s: {index_store.path_for(index.key)}"
        )

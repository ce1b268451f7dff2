"""The watchlist name index, built once and kept on disk for every process.

Building the index of 100,000 entries takes seconds (1,000,000: half a minute); loading a
built one takes a fraction of that. So the first process that needs the index for a state
of the lists builds it and writes it to `settings.WASPADA_WATCHLIST_INDEX_DIR`, and every
other process (the other web workers, the background worker, a restarted server) loads
that file instead of building its own.

- A file is named after the index key (what `matching.index_key` reads from the database:
  counts and newest changes of entries and lists, and how many validity dates have been
  reached) together with a fingerprint of the matcher's code, so a change of the lists,
  the passing of a validity date or an upgrade of the matcher names another file; the old
  files are removed once the new one is written.
- A file carries an HMAC of its content under the installation's SECRET_KEY: a file that
  was not written by this installation (or was damaged) is ignored and rebuilt, never
  unpickled.
- One process builds at a time (a lock file); the others wait for it and load its result.
- A directory that cannot be written only costs the speed-up: the index is then built in
  memory as before, with a warning in the log.
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import hmac
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, Protocol, TypeVar

from django.conf import settings
from django.utils.crypto import salted_hmac

from waspada.domain import matching, names


class KeptIndex(Protocol):
    """What is kept: an index that knows the key it was built for (`matching.WatchlistIndex`)."""

    key: tuple[Any, ...]
    origin: str


Index = TypeVar("Index", bound=KeptIndex)

logger = logging.getLogger(__name__)

MAGIC = b"WASPADA-WATCHLIST-INDEX-1\n"
SUFFIX = ".index"
_SALT = "waspada.watchlists.index_store"


def directory() -> Path:
    return Path(settings.WASPADA_WATCHLIST_INDEX_DIR)


@cache
def code_fingerprint() -> str:
    """Changes when the code that shapes the index changes (an upgrade of the matcher)."""
    digest = hashlib.sha256()
    for source in (
        Path(str(matching.__file__)),
        Path(str(names.__file__)),
        Path(__file__).with_name("matching.py"),  # the watchlists' index around them
    ):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def path_for(key: tuple[Any, ...]) -> Path:
    name = hashlib.sha256(repr((code_fingerprint(), key)).encode()).hexdigest()[:40]
    return directory() / f"{name}{SUFFIX}"


def _signature(payload: bytes) -> bytes:
    return salted_hmac(_SALT, payload, algorithm="sha256").hexdigest().encode()


def load(key: tuple[Any, ...]) -> Any:
    """The stored index for `key`, or None (no file, not ours, damaged, another key)."""
    path = path_for(key)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = len(MAGIC) + 65
    signature, payload = data[len(MAGIC) : header - 1], data[header:]
    if not data.startswith(MAGIC) or not hmac.compare_digest(signature, _signature(payload)):
        logger.warning("Ignoring watchlist index %s: not signed by this installation", path)
        return None
    # Millions of small objects: the cyclic collector would walk them again and again.
    enabled = gc.isenabled()
    gc.disable()
    try:
        index = pickle.loads(payload)  # only a file signed by this installation (above)
    finally:
        if enabled:
            gc.enable()
    if getattr(index, "key", None) != key:
        return None
    index.origin = "stored"
    return index


def save(index: KeptIndex) -> Path | None:
    """Write `index` under its key (atomically) and remove the files of older keys."""
    folder = directory()
    path = path_for(index.key)
    payload = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(MAGIC + _signature(payload) + b"\n" + payload)
        os.replace(temporary, path)
    except OSError as error:
        logger.warning("Cannot keep the watchlist index in %s: %s", folder, error)
        return None
    for other in folder.glob(f"*{SUFFIX}"):
        if other != path:
            other.unlink(missing_ok=True)
    return path


@contextmanager
def _building() -> Iterator[None]:
    """One process builds at a time; the others wait here (then find its file)."""
    try:
        directory().mkdir(parents=True, exist_ok=True)
        lock = open(directory() / ".lock", "a")  # noqa: SIM115 - held for the block
    except OSError:
        yield
        return
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def load_or_build(key: tuple[Any, ...], build: Callable[[tuple[Any, ...]], Index]) -> Index:
    """The index for `key`: from its file, else built (once for all processes) and kept."""
    kept: Index | None = load(key)
    if kept is not None:
        return kept
    with _building():
        kept = load(key)  # another process may have built it while this one waited
        if kept is None:
            kept = build(key)
            save(kept)
    return kept

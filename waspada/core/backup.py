"""`waspada backup` and `waspada restore`: the database and the files, in one encrypted file.

What is inside (a tar stream, gzip-compressed, then encrypted):

    manifest.json        format, when, the database engine, the applied migrations, row counts
    db/<table>.jsonl     every row of every table, one JSON array per line, in key order
    media/<path>         every file under MEDIA_ROOT (letters, uploaded imports, recommendations)

The encryption: a key derived from the passphrase (WASPADA_BACKUP_PASSPHRASE) with scrypt
and a random salt; the stream is cut into chunks of 1 MiB, each sealed with AES-256-GCM
under its number (so chunks cannot be swapped, dropped or repeated) and the last one
marked as last (so a cut-off file is noticed). The header also carries a check value
derived with the key, so a wrong passphrase is told apart from a damaged file.

A restore reads and checks the whole file before it changes anything, then replaces the
database in one transaction and swaps the media folder in at the end: it either restores
everything or nothing. It restores into the same database engine and the same version
of Waspada (the same migrations) that made the backup; upgrade afterwards.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hmac
import io
import json
import os
import struct
import tarfile
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.duration import duration_iso_string
from django.utils.translation import gettext_noop
from tqdm import tqdm

from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said

PASSPHRASE_VARIABLE = "WASPADA_BACKUP_PASSPHRASE"
FORMAT = 1
MAGIC = b"WASPADA-BACKUP\n\x01"
SALT_BYTES = 16
CHECK_BYTES = 32
# scrypt: 2**15 x 8 x 1 takes 32 MiB and a fraction of a second, once per backup.
SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P = 15, 8, 1
HEADER = struct.Struct(f">{len(MAGIC)}s{SALT_BYTES}sBBB{CHECK_BYTES}s")
CHUNK_BYTES = 1024 * 1024
LENGTH = struct.Struct(">I")
LAST = 0x8000_0000
# Rows per INSERT on restore (also bounded by the database's parameter limit).
INSERT_BATCH = 500


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


class WrongPassphrase(BackupError):
    pass


class DamagedBackup(BackupError):
    pass


def passphrase_from_environment() -> str:
    value = os.environ.get(PASSPHRASE_VARIABLE, "")
    if not value:
        raise BackupError(
            f"{PASSPHRASE_VARIABLE} is not set: the backup is encrypted with that passphrase."
        )
    if len(value) < 12:
        raise BackupError(f"{PASSPHRASE_VARIABLE} is too short: use at least 12 characters.")
    return value


# --- Encryption: a stream of sealed chunks ----------------------------------------------------


def _derive(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> tuple[bytes, bytes]:
    material = Scrypt(salt=salt, length=32 + CHECK_BYTES, n=2**log2_n, r=r, p=p).derive(
        passphrase.encode()
    )
    return material[:32], material[32:]


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class EncryptingWriter(io.RawIOBase):
    """A write-only file that seals what is written to it, chunk by chunk, into `sink`."""

    def __init__(self, sink: IO[bytes], passphrase: str) -> None:
        super().__init__()
        salt = os.urandom(SALT_BYTES)
        key, check = _derive(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P)
        self.header = HEADER.pack(MAGIC, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, check)
        self.aead = AESGCM(key)
        self.sink = sink
        self.buffer = bytearray()
        self.index = 0
        sink.write(self.header)

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.buffer += data
        while len(self.buffer) > CHUNK_BYTES:
            self._seal(bytes(self.buffer[:CHUNK_BYTES]), last=False)
            del self.buffer[:CHUNK_BYTES]
        return len(data)

    def _seal(self, plain: bytes, *, last: bool) -> None:
        sealed = self.aead.encrypt(_nonce(self.index, last), plain, self.header)
        self.sink.write(LENGTH.pack(len(sealed) | (LAST if last else 0)))
        self.sink.write(sealed)
        self.index += 1

    def close(self) -> None:
        if not self.closed:
            self._seal(bytes(self.buffer), last=True)
            self.buffer.clear()
        super().close()


class DecryptingReader(io.RawIOBase):
    """A read-only file of what `EncryptingWriter` sealed; raises on any tampering."""

    def __init__(self, source: IO[bytes], passphrase: str) -> None:
        super().__init__()
        header = source.read(HEADER.size)
        if len(header) < HEADER.size or not header.startswith(MAGIC):
            raise DamagedBackup("This is not a Waspada backup (or its beginning is damaged).")
        _, salt, log2_n, r, p, check = HEADER.unpack(header)
        if not (10 <= log2_n <= 20 and 1 <= r <= 32 and 1 <= p <= 16):
            raise DamagedBackup("The backup's header is damaged.")
        key, expected = _derive(passphrase, salt, log2_n, r, p)
        if not hmac.compare_digest(check, expected):
            raise WrongPassphrase(
                f"Wrong passphrase: {PASSPHRASE_VARIABLE} is not the one this backup was made with."
            )
        self.header = header
        self.aead = AESGCM(key)
        self.source = source
        self.index = 0
        self.plain = b""
        self.offset = 0
        self.finished = False

    def readable(self) -> bool:
        return True

    def _next_chunk(self) -> None:
        raw = self.source.read(LENGTH.size)
        if len(raw) < LENGTH.size:
            raise DamagedBackup("The backup is cut off: its end is missing.")
        (length,) = LENGTH.unpack(raw)
        last = bool(length & LAST)
        length &= ~LAST
        sealed = self.source.read(length)
        if len(sealed) < length:
            raise DamagedBackup("The backup is cut off: its end is missing.")
        try:
            self.plain = self.aead.decrypt(_nonce(self.index, last), sealed, self.header)
        except InvalidTag:
            raise DamagedBackup(
                f"The backup is damaged (part {self.index + 1} does not check out)."
            ) from None
        self.offset = 0
        self.index += 1
        if last:
            if self.source.read(1):
                raise DamagedBackup("The backup is damaged: there is data after its end.")
            self.finished = True

    def readinto(self, buffer: Any) -> int:
        while self.offset >= len(self.plain):
            if self.finished:
                return 0
            self._next_chunk()
        count = min(len(buffer), len(self.plain) - self.offset)
        buffer[:count] = self.plain[self.offset : self.offset + count]
        self.offset += count
        return count


# --- The database as rows ----------------------------------------------------------------------


def _models() -> list[type[models.Model]]:
    """Every model with a table of its own (many-to-many tables too), and Django's record of
    the applied migrations."""
    found = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    found.append(MigrationRecorder.Migration)
    return sorted(found, key=lambda model: model._meta.db_table)


def backed_up_tables() -> list[str]:
    return [model._meta.db_table for model in _models()]


def _fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        field
        for field in model._meta.local_concrete_fields
        if not getattr(field, "generated", False)
    ]


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_iso_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    return value


def _decoder(field: models.Field[Any, Any]) -> Callable[[Any], Any]:
    if isinstance(field, models.JSONField):
        return lambda value: value
    return lambda value: None if value is None else field.to_python(value)


def _rows(model: type[models.Model], alias: str) -> Iterator[list[Any]]:
    fields = _fields(model)
    json_columns = {i for i, field in enumerate(fields) if isinstance(field, models.JSONField)}
    rows = (
        model._base_manager.using(alias)
        .order_by("pk")
        .values_list(*[field.attname for field in fields])
    )
    for row in rows.iterator(chunk_size=2000):
        yield [value if i in json_columns else _encode(value) for i, value in enumerate(row)]


@dataclass
class Manifest:
    format: int
    created_at: str
    vendor: str
    migrations: list[list[str]]
    tables: dict[str, int]
    columns: dict[str, list[str]]
    files: int

    @classmethod
    def load(cls, data: dict[str, Any]) -> Manifest:
        try:
            return cls(**data)
        except TypeError:
            raise DamagedBackup("The backup's manifest is not one this Waspada reads.") from None


def _applied_migrations(alias: str) -> list[list[str]]:
    recorder = MigrationRecorder(connections[alias])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _media_files() -> list[Path]:
    root = _media_root()
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def _progress(total: int, unit: str, description: str, show: bool) -> tqdm[Any]:
    return tqdm(total=total, unit=unit, desc=description, disable=not show, unit_scale=unit == "B")


def make_backup(out: Path, passphrase: str, *, show_progress: bool = False) -> Manifest:
    """Write the database and the media files to `out`, encrypted; returns the manifest."""
    alias = DEFAULT_DB_ALIAS
    connection = connections[alias]
    partial = out.with_name(out.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="waspada-backup-") as staging:
        staged = Path(staging)
        tables: dict[str, int] = {}
        columns: dict[str, list[str]] = {}
        # One transaction, so the tables are read as of one moment (PostgreSQL: a snapshot;
        # SQLite: the write lock, so that nothing changes while the backup reads).
        outermost = not connection.in_atomic_block
        with transaction.atomic(using=alias):
            # (Only as the transaction's first statement; inside a caller's transaction,
            # e.g. a test's, that transaction's view is the snapshot.)
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            counts = {model: model._base_manager.using(alias).count() for model in _models()}
            with _progress(sum(counts.values()), "rows", "database", show_progress) as bar:
                for model, count in counts.items():
                    table = model._meta.db_table
                    columns[table] = [str(field.column) for field in _fields(model)]
                    tables[table] = count
                    with open(staged / f"{table}.jsonl", "w", encoding="utf-8") as lines:
                        for row in _rows(model, alias):
                            lines.write(json.dumps(row, ensure_ascii=False) + "\n")
                            bar.update()
            migrations = _applied_migrations(alias)
        files = _media_files()
        manifest = Manifest(
            format=FORMAT,
            created_at=timezone.now().isoformat(),
            vendor=connection.vendor,
            migrations=migrations,
            tables=tables,
            columns=columns,
            files=len(files),
        )
        size = sum(path.stat().st_size for path in files) + sum(
            path.stat().st_size for path in staged.iterdir()
        )
        try:
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with (
                os.fdopen(descriptor, "wb") as sink,
                EncryptingWriter(sink, passphrase) as sealed,
                tarfile.open(fileobj=sealed, mode="w|gz") as archive,  # type: ignore[call-overload]
                _progress(size, "B", "writing", show_progress) as bar,
            ):
                _add_bytes(archive, "manifest.json", json.dumps(manifest.__dict__).encode())
                for table in tables:
                    path = staged / f"{table}.jsonl"
                    archive.add(path, arcname=f"db/{table}.jsonl", recursive=False)
                    bar.update(path.stat().st_size)
                root = _media_root()
                for path in files:
                    archive.add(path, arcname=f"media/{path.relative_to(root)}", recursive=False)
                    bar.update(path.stat().st_size)
            partial.replace(out)
        finally:
            partial.unlink(missing_ok=True)
    audit.record(
        AuditAction.BACKED_UP,
        said(
            gettext_noop("Backup made: %(rows)s rows, %(files)s files"),
            rows=sum(tables.values()),
            files=len(files),
        ),
        actor=None,
        details={"file": out.name, "rows": sum(tables.values()), "files": len(files)},
    )
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


# --- Restore -------------------------------------------------------------------------------------


def check_passphrase(source: Path, passphrase: str) -> None:
    """Raise WrongPassphrase (or DamagedBackup) before anything else is done."""
    try:
        with open(source, "rb") as raw:
            DecryptingReader(raw, passphrase)
    except OSError as exc:
        raise BackupError(f"Cannot read {source}: {exc.strerror}") from None


def _unpack(source: Path, passphrase: str, staging: Path, show_progress: bool) -> Manifest:
    """Decrypt and unpack all of `source` into `staging`, checking every chunk."""
    try:
        with (
            open(source, "rb") as raw,
            DecryptingReader(raw, passphrase) as plain,
            tarfile.open(fileobj=plain, mode="r|gz") as archive,  # type: ignore[call-overload]
            _progress(source.stat().st_size, "B", "reading", show_progress) as bar,
        ):
            for member in archive:
                if not member.isfile() or not (
                    member.name == "manifest.json" or member.name.startswith(("db/", "media/"))
                ):
                    raise DamagedBackup(f"The backup holds an unexpected entry: {member.name!r}")
                archive.extract(member, staging, filter="data")
                bar.update(member.size)
    except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise BackupError(f"No such file: {source}") from None
        raise DamagedBackup(f"The backup is damaged: {exc}") from None
    try:
        manifest = Manifest.load(json.loads((staging / "manifest.json").read_text()))
    except (OSError, ValueError):
        raise DamagedBackup("The backup has no readable manifest.") from None
    for table in manifest.tables:
        if not (staging / "db" / f"{table}.jsonl").is_file():
            raise DamagedBackup(f"The backup lacks the rows of table {table}.")
    return manifest


def _check_fits(manifest: Manifest, alias: str) -> None:
    connection = connections[alias]
    if manifest.format != FORMAT:
        raise BackupError(f"Backup format {manifest.format} is not format {FORMAT}.")
    if manifest.vendor != connection.vendor:
        raise BackupError(
            f"The backup is of a {manifest.vendor} database; this installation runs "
            f"{connection.vendor}. Restore into the same database engine."
        )
    ours = _applied_migrations(alias)
    if manifest.migrations != ours:
        missing = {tuple(m) for m in manifest.migrations} - {tuple(m) for m in ours}
        extra = {tuple(m) for m in ours} - {tuple(m) for m in manifest.migrations}
        raise BackupError(
            "The backup was made by another version of Waspada (its migrations differ: "
            f"{len(missing)} only in the backup, {len(extra)} only here). Install the version "
            "that made it, restore, then upgrade."
        )
    by_table = {model._meta.db_table: model for model in _models()}
    if set(manifest.tables) != set(by_table):
        raise BackupError("The backup's tables are not this installation's tables.")
    for table, names in manifest.columns.items():
        if names != [str(field.column) for field in _fields(by_table[table])]:
            raise BackupError(f"The columns of table {table} differ from this installation's.")


SQLITE_NO_DELETE = """
CREATE TRIGGER IF NOT EXISTS core_auditevent_no_delete BEFORE DELETE ON core_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are append-only (DELETE refused)'); END;
"""


def _wipe(alias: str) -> None:
    """Empty every table (inside the caller's transaction), the audit trail included."""
    connection = connections[alias]
    tables = backed_up_tables()
    statements = connection.ops.sql_flush(
        no_style(), tables, reset_sequences=True, allow_cascade=True
    )
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # SQLite empties tables with DELETE, which the audit trail's trigger refuses;
            # it is set aside for this transaction only (core migration 0003).
            cursor.execute("DROP TRIGGER IF EXISTS core_auditevent_no_delete")
        for statement in statements:
            cursor.execute(statement)
        if connection.vendor == "sqlite":
            cursor.execute(SQLITE_NO_DELETE)


def _load_table(model: type[models.Model], path: Path, alias: str, bar: tqdm[Any]) -> None:
    fields = _fields(model)
    decoders = [_decoder(field) for field in fields]
    names = [field.attname for field in fields]
    connection = connections[alias]
    batch_size = max(1, min(INSERT_BATCH, connection.ops.bulk_batch_size(fields, [None] * 1000)))
    batch: list[models.Model] = []

    def flush() -> None:
        # raw=True: the values as stored, without `auto_now` or other pre-save changes.
        model._base_manager.using(alias)._insert(  # type: ignore[attr-defined]
            batch, fields=fields, using=alias, raw=True
        )
        bar.update(len(batch))
        batch.clear()

    with open(path, encoding="utf-8") as lines:
        for line in lines:
            values = json.loads(line)
            instance = model(
                **{
                    name: decode(value)
                    for name, decode, value in zip(names, decoders, values, strict=True)
                }
            )
            batch.append(instance)
            if len(batch) >= batch_size:
                flush()
    if batch:
        flush()


def restore_backup(source: Path, passphrase: str, *, show_progress: bool = False) -> Manifest:
    """Replace the database and the media files with the backup's; all or nothing."""
    alias = DEFAULT_DB_ALIAS
    connection = connections[alias]
    media = _media_root()
    media.parent.mkdir(parents=True, exist_ok=True)
    # Unpacked beside the media folder, so that swapping it in is a rename.
    with tempfile.TemporaryDirectory(prefix=".waspada-restore-", dir=media.parent) as staging:
        staged = Path(staging)
        manifest = _unpack(source, passphrase, staged, show_progress)
        _check_fits(manifest, alias)
        by_table = {model._meta.db_table: model for model in _models()}
        restored_media = staged / "media"
        restored_media.mkdir(exist_ok=True)
        set_aside = staged / "media-before-restore"
        swapped = False
        try:
            with transaction.atomic(using=alias):
                _wipe(alias)
                total = sum(manifest.tables.values())
                with _progress(total, "rows", "restoring", show_progress) as bar:
                    for table in manifest.tables:
                        _load_table(by_table[table], staged / "db" / f"{table}.jsonl", alias, bar)
                with connection.cursor() as cursor:
                    for statement in connection.ops.sequence_reset_sql(
                        no_style(), list(by_table.values())
                    ):
                        cursor.execute(statement)
                audit.record(
                    AuditAction.BACKUP_RESTORED,
                    said(gettext_noop("Backup of %(made)s restored"), made=manifest.created_at),
                    actor=None,
                    details={"file": source.name, "made": manifest.created_at},
                )
                if media.exists():
                    media.rename(set_aside)
                restored_media.rename(media)
                swapped = True
        except Exception:
            if swapped:
                media.rename(restored_media)
            if set_aside.exists():
                set_aside.rename(media)
            raise
    return manifest

"""The restore drill: fill the database and the media folder, back up, wipe, restore, and
compare every table row by row and every file byte by byte. Runs on the suite's database
(SQLite here, PostgreSQL too in CI). A wrong passphrase, a damaged or cut-off file: a
clear error, a non-zero exit, and nothing restored halfway."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from pytest_django.fixtures import Settings

from waspada.applications.tests.factories import make_application
from waspada.core import audit, backup, readiness
from waspada.core.audit_actions import AuditAction
from waspada.core.models import AuditEvent, User
from waspada.decisions.tasks import schedule_daily_check

# Transactional: a restore empties tables with TRUNCATE on PostgreSQL, which refuses inside a
# transaction that still has rows to check (as a test wrapped in one has).
pytestmark = pytest.mark.django_db(transaction=True)

PASSPHRASE = "correct horse battery staple"


def _tables() -> dict[str, list[tuple[Any, ...]]]:
    """Every table of the database (not only the models'), every row, in a fixed order."""
    snapshot = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            if table.startswith("sqlite_"):
                continue
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")
            snapshot[table] = sorted(cursor.fetchall(), key=repr)
    return snapshot


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


@pytest.fixture
def media(settings: Settings, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    (root / "letters" / "2025").mkdir(parents=True)
    (root / "letters" / "2025" / "SKP-0001.pdf").write_bytes(b"%PDF-1.7 a letter\n")
    (root / "imports" / "2025" / "06").mkdir(parents=True)
    (root / "imports" / "2025" / "06" / "batch.csv").write_text("nik;nama\n3301;Siti Ämin\n")
    # Incompressible and larger than one sealed chunk, so that the file has several.
    (root / "recommendations").mkdir()
    (root / "recommendations" / "scan.bin").write_bytes(os.urandom(2 * backup.CHUNK_BYTES))
    return root


@pytest.fixture
def office(
    central_java_regions: None, personas: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> dict[str, User]:
    monkeypatch.setenv(backup.PASSPHRASE_VARIABLE, PASSPHRASE)
    for _ in range(3):
        make_application()
    schedule_daily_check()  # a waiting task
    readiness.beat("drill-worker")
    return personas


def test_the_restore_drill(office: dict[str, User], media: Path, tmp_path: Path) -> None:
    before, files_before = _tables(), _files(media)
    assert all(before[table] for table in ("core_user", "core_auditevent", "regions_region"))
    assert before["applications_passportapplication"]
    assert set(backup.backed_up_tables()) == {t for t in before if not t.startswith("sqlite_")}

    out = tmp_path / "waspada.backup"
    call_command("backup", out=out, no_progress=True)
    assert out.stat().st_mode & 0o777 == 0o600
    assert b"Siti" not in out.read_bytes()  # encrypted

    call_command("flush", interactive=False, verbosity=0)  # a wiped, freshly migrated database
    for path in media.rglob("*"):
        if path.is_file():
            path.unlink()
    assert not User.objects.exists()

    call_command("restore", out, no_progress=True)

    after = _tables()
    restored_event = after["core_auditevent"].pop(
        next(i for i, row in enumerate(after["core_auditevent"]) if "backup_restored" in repr(row))
    )
    assert "core.backup_restored" in restored_event
    for table, rows in before.items():
        assert after[table] == rows, f"table {table} differs after the round trip"
    assert set(after) == set(before)
    assert _files(media) == files_before
    assert audit.verify_chain()[1] is None
    call_command("verify_audit")  # exit 0: the hash chain holds
    last = AuditEvent.objects.order_by("-id").first()
    assert last is not None and last.action == AuditAction.BACKUP_RESTORED


def _refused(path: Path) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("restore", path, no_progress=True)
    assert refused.value.returncode == 1
    return str(refused.value)


def _made_after_backup(office: dict[str, User], tmp_path: Path) -> tuple[Path, int]:
    out = tmp_path / "waspada.backup"
    call_command("backup", out=out, no_progress=True)
    make_application()  # a change after the backup: a failed restore must keep it
    return out, len(_tables()["applications_passportapplication"])


def test_a_wrong_passphrase_is_named_and_changes_nothing(
    office: dict[str, User], media: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, applications = _made_after_backup(office, tmp_path)
    monkeypatch.setenv(backup.PASSPHRASE_VARIABLE, "not the passphrase at all")
    message = _refused(out)
    assert message.startswith("Wrong passphrase")
    assert message.endswith("Nothing was changed.")
    assert len(_tables()["applications_passportapplication"]) == applications


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        ("late byte", "The backup is damaged (part 3 does not check out)."),
        ("cut off", "The backup is cut off: its end is missing."),
        ("not a backup", "This is not a Waspada backup (or its beginning is damaged)."),
    ],
)
def test_a_damaged_file_is_named_and_changes_nothing(
    office: dict[str, User], media: Path, tmp_path: Path, damage: str, expected: str
) -> None:
    out, applications = _made_after_backup(office, tmp_path)
    data = bytearray(out.read_bytes())
    if damage == "late byte":
        data[-20] ^= 0x01  # in the last of three chunks: the first two would have restored
    elif damage == "cut off":
        del data[-100:]
    else:
        data[:5] = b"%PDF-"
    out.write_bytes(bytes(data))
    files = _files(media)
    message = _refused(out)
    assert message == f"{expected} Nothing was changed."
    assert len(_tables()["applications_passportapplication"]) == applications
    assert _files(media) == files
    assert not list(media.parent.glob(".waspada-restore-*"))  # nothing left behind


def test_no_backup_without_a_passphrase(
    office: dict[str, User], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(backup.PASSPHRASE_VARIABLE)
    with pytest.raises(CommandError, match="WASPADA_BACKUP_PASSPHRASE is not set"):
        call_command("backup", out=tmp_path / "x.backup", no_progress=True)
    assert not list(tmp_path.iterdir())

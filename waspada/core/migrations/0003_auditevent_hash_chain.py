"""Chain the audit events by hash, and refuse DELETE on SQLite too.

Each event gets the hash of the one before and its own (waspada/core/audit_chain.py);
the events already written are chained here, in the order they were written. The
append-only triggers are set aside for that one rewrite and put back.

SQLite now refuses DELETE as PostgreSQL does (the test suite's flush drops the trigger
for the moment it empties the tables: see conftest.py).
"""

from django.db import migrations, models

from waspada.core import audit_chain

PG_OFF = "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_no_update_delete"
PG_ON = "ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_no_update_delete"
SQLITE_UPDATE = """
CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are append-only (UPDATE refused)'); END;
"""
SQLITE_DELETE = """
CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are append-only (DELETE refused)'); END;
"""


def _chain_existing(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    previous = audit_chain.GENESIS
    last = 0
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last).order_by("id")[:2000])
        for event in batch:
            audit_chain.link([event], previous)
            previous = event.chain_hash
        AuditEvent.objects.bulk_update(batch, ["previous_hash", "chain_hash"])
        if len(batch) < 2000:
            return
        last = batch[-1].pk


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER waits for none
        schema_editor.execute(PG_OFF)
        _chain_existing(apps, schema_editor)
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(PG_ON)
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS core_auditevent_no_update")
        _chain_existing(apps, schema_editor)
        schema_editor.execute(SQLITE_UPDATE)
        schema_editor.execute(SQLITE_DELETE)


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS core_auditevent_no_delete")


def restore_update_trigger(apps, schema_editor):
    """Undoing this migration on SQLite rebuilds the table without its trigger (SQLite
    drops a table's triggers with it): migration 0002's comes back."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS core_auditevent_no_update")
        schema_editor.execute(SQLITE_UPDATE)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_auditevent_append_only")]
    operations = [
        migrations.RunPython(migrations.RunPython.noop, restore_update_trigger),
        migrations.AddField(
            model_name="auditevent",
            name="previous_hash",
            field=models.CharField(
                blank=True, default="", max_length=64, verbose_name="previous hash"
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="chain_hash",
            field=models.CharField(blank=True, default="", max_length=64, verbose_name="hash"),
        ),
        migrations.RunPython(forward, reverse),
    ]

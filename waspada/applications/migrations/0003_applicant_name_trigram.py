"""A trigram index for "any part of a name" searches on PostgreSQL.

Django's icontains becomes UPPER(full_name::text) LIKE UPPER('%...%'); a GIN trigram
index on exactly that expression answers it on a million applicants without a scan.
pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
SQLite has no such index; it scans, which is fine at an office's demo scale.
"""

from django.db import migrations

INDEX = "applicant_name_trgm_idx"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON applications_applicant "
        "USING gin (UPPER(full_name::text) gin_trgm_ops)"
    )


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("applications", "0002_importjob")]
    operations = [migrations.RunPython(forward, reverse)]

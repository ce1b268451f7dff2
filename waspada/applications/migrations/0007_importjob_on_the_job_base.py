from django.db import migrations


class Migration(migrations.Migration):
    """ImportJob becomes a background job like the others: its fields take the names of
    the job base (state, total, processed, ended_at)."""

    dependencies = [("applications", "0006_passportapplication_version")]

    operations = [
        migrations.RenameField("importjob", "status", "state"),
        migrations.RenameField("importjob", "total_rows", "total"),
        migrations.RenameField("importjob", "processed_rows", "processed"),
        migrations.RenameField("importjob", "finished_at", "ended_at"),
    ]

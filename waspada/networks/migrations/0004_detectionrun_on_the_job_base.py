from django.db import migrations


class Migration(migrations.Migration):
    """DetectionRun becomes a background job like the others: its fields take the names
    of the job base (created_at, heartbeat_at)."""

    dependencies = [("networks", "0003_detection_progress_and_incremental_links")]

    operations = [
        migrations.RenameField("detectionrun", "requested_at", "created_at"),
        migrations.RenameField("detectionrun", "updated_at", "heartbeat_at"),
    ]

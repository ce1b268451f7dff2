from django.db import migrations


class Migration(migrations.Migration):
    """ScreeningRun becomes a background job like the others: its fields take the names
    of the job base (ended_at)."""

    dependencies = [("screening", "0001_initial")]

    operations = [
        migrations.RenameField("screeningrun", "finished_at", "ended_at"),
    ]

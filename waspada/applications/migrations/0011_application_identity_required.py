"""Every application now has the birth date and village written on it: required from here.

A migration of its own: on PostgreSQL the previous one's UPDATE leaves deferred foreign-key
checks pending, and a table with pending checks cannot be altered in the same transaction.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0010_application_identity"),
    ]

    operations = [
        migrations.AlterField(
            model_name="passportapplication",
            name="birth_date",
            field=models.DateField(verbose_name="birth date"),
        ),
        migrations.AlterField(
            model_name="passportapplication",
            name="village",
            field=models.ForeignKey(
                on_delete=models.deletion.PROTECT,
                related_name="+",
                to="regions.region",
                verbose_name="village",
            ),
        ),
    ]

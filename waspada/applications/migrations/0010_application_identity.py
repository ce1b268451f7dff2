"""Each application keeps the identity written on it; existing ones get their applicant's
values of today (the only values known for them)."""

from typing import Any

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

IDENTITY_FIELDS = (
    "full_name",
    "sex",
    "birth_place",
    "birth_date",
    "phone",
    "address",
    "village_id",
    "education",
    "occupation",
    "marital_status",
)


def copy_applicant_identity(apps: Any, schema_editor: Any) -> None:
    Applicant = apps.get_model("applications", "Applicant")
    PassportApplication = apps.get_model("applications", "PassportApplication")
    person = Applicant.objects.filter(pk=OuterRef("applicant_id"))
    # One UPDATE for the whole table, whatever its size.
    PassportApplication.objects.update(
        **{name: Subquery(person.values(name)[:1]) for name in IDENTITY_FIELDS}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0009_importjob_noticed_count"),
        ("regions", "0002_office_address_office_city_office_deferral_days_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="passportapplication",
            name="full_name",
            field=models.CharField(default="", max_length=200, verbose_name="full name"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="passportapplication",
            name="sex",
            field=models.CharField(
                choices=[("L", "Male"), ("P", "Female")],
                default="",
                max_length=1,
                verbose_name="sex",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="passportapplication",
            name="birth_place",
            field=models.CharField(default="", max_length=100, verbose_name="birth place"),
            preserve_default=False,
        ),
        # Nullable until filled; the next migration makes it required.
        migrations.AddField(
            model_name="passportapplication",
            name="birth_date",
            field=models.DateField(null=True, verbose_name="birth date"),
        ),
        migrations.AddField(
            model_name="passportapplication",
            name="phone",
            field=models.CharField(blank=True, max_length=20, verbose_name="phone (E.164)"),
        ),
        migrations.AddField(
            model_name="passportapplication",
            name="address",
            field=models.CharField(default="", max_length=300, verbose_name="address"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="passportapplication",
            name="village",
            field=models.ForeignKey(
                null=True,
                on_delete=models.deletion.PROTECT,
                related_name="+",
                to="regions.region",
                verbose_name="village",
            ),
        ),
        migrations.AddField(
            model_name="passportapplication",
            name="education",
            field=models.CharField(blank=True, max_length=100, verbose_name="education"),
        ),
        migrations.AddField(
            model_name="passportapplication",
            name="occupation",
            field=models.CharField(blank=True, max_length=100, verbose_name="occupation"),
        ),
        migrations.AddField(
            model_name="passportapplication",
            name="marital_status",
            field=models.CharField(blank=True, max_length=50, verbose_name="marital status"),
        ),
        migrations.RunPython(copy_applicant_identity, migrations.RunPython.noop, elidable=False),
    ]

"""Applicants keep a name key and a birth-place key, indexed with the birth date, so that
the identity-duplicate search reads only the look-alikes of a large crowd born on one day
in one place; existing applicants get theirs computed here."""

from typing import Any

from django.db import migrations, models

from waspada.domain.names import name_key, normalize_place

CHUNK = 2000


def fill_identity_keys(apps: Any, schema_editor: Any) -> None:
    Applicant = apps.get_model("applications", "Applicant")
    # In chunks by id: a million applicants must not be held in memory at once.
    last = 0
    while True:
        chunk = list(
            Applicant.objects.filter(pk__gt=last)
            .order_by("pk")
            .only("pk", "full_name", "birth_place")[:CHUNK]
        )
        if not chunk:
            return
        for person in chunk:
            person.name_key = name_key(person.full_name)
            person.birth_place_key = normalize_place(person.birth_place)
        Applicant.objects.bulk_update(chunk, ["name_key", "birth_place_key"])
        last = chunk[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0011_application_identity_required"),
        ("regions", "0002_office_address_office_city_office_deferral_days_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="applicant",
            name="birth_place_key",
            field=models.CharField(blank=True, editable=False, max_length=100),
        ),
        migrations.AddField(
            model_name="applicant",
            name="name_key",
            field=models.CharField(blank=True, editable=False, max_length=200),
        ),
        migrations.RunPython(fill_identity_keys, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="applicant",
            index=models.Index(
                fields=["birth_date", "birth_place_key", "name_key"],
                name="applicant_identity_key",
            ),
        ),
    ]

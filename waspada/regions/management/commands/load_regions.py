from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from tqdm import tqdm

from waspada.regions import services


class Command(BaseCommand):
    help = "Load Indonesian province, regency, kecamatan and village codes (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = services.read_regions()
        with tqdm(total=len(rows), unit="regions", disable=options["verbosity"] == 0) as bar:
            count = services.load_regions(progress=bar.update)
        office = services.ensure_office()
        self.stdout.write(
            f"{count} regions loaded; office: {office.name} "
            f"({', '.join(sorted(office.regencies.values_list('code', flat=True)))})"
        )

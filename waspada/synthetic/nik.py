"""NIKs consistent with the person: kecamatan, birth date, sex (women: day + 40).

The serial is unique per (kecamatan, birth date, sex), as the civil registry keeps it.
"""

from __future__ import annotations

import datetime as dt
import random

from waspada.synthetic.names import FEMALE


class NikRegistry:
    """Issues NIKs, never the same one twice."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._serials: dict[str, set[int]] = {}

    def nik(self, district_code: str, birth_date: dt.date, sex: str) -> str:
        day = birth_date.day + (40 if sex == FEMALE else 0)
        prefix = (
            district_code.replace(".", "")
            + f"{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}"
        )
        used = self._serials.setdefault(prefix, set())
        draw = self.rng.random()
        if draw < 0.7:
            serial = self.rng.randint(1, 9)
        elif draw < 0.9:
            serial = self.rng.randint(10, 99)
        elif draw < 0.98:
            serial = self.rng.randint(100, 999)
        else:
            serial = self.rng.randint(1000, 9999)
        while serial in used:
            serial = serial % 9999 + 1
        used.add(serial)
        return f"{prefix}{serial:04d}"


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """Age in whole years on the day `on`."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))

"""Phone numbers: Indonesian mobiles by operator share, foreign mobiles, all unique."""

from __future__ import annotations

import functools
import random

from waspada.domain.phones import normalize_phone
from waspada.synthetic.draw import weighted

MOBILE_PREFIXES = (
    ("0811", "0812", "0813", "0821", "0822", "0823", "0851", "0852", "0853"),
    ("0814", "0815", "0816", "0855", "0856", "0857", "0858"),
    ("0817", "0818", "0819", "0859", "0877", "0878"),
    ("0895", "0896", "0897", "0898", "0899"),
    ("0881", "0882", "0883", "0887", "0888"),
    ("0831", "0832", "0833", "0838"),
)
MOBILE_OPERATOR_SHARE = (50, 18, 15, 12, 3, 2)

# Foreign mobile formats: (country code + leading digits, digits to add).
FOREIGN_MOBILES = {
    "TW": ("+8869", 8),
    "HK": ("+8529", 7),
    "MY": ("+6012", 7),
    "SG": ("+659", 7),
    "KR": ("+8210", 8),
    "JP": ("+8190", 8),
    "SA": ("+9665", 8),
    "AE": ("+97150", 7),
    "NL": ("+316", 8),
    "AU": ("+614", 8),
    "US": ("+1212", 7),
}


@functools.cache
def _mobile_shape_valid(prefix: str, length: int) -> bool:
    """Whether numbers with this operator prefix and this many more digits are valid.

    Checked once per shape with `normalize_phone` (the whole number would cost a
    `phonenumbers` parse per person); the tests check every generated number.
    """
    return all(
        normalize_phone(prefix + digit * length) == f"+62{prefix[1:]}{digit * length}"
        for digit in "0159"
    )


class PhoneBook:
    """Hands out numbers nobody else in the data has (E.164)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._phones: set[str] = set()

    def mobile(self) -> str:
        """A new Indonesian mobile number (E.164) nobody else in the data has."""
        rng = self.rng
        while True:
            operator = weighted(rng, MOBILE_PREFIXES, MOBILE_OPERATOR_SHARE)
            length = weighted(rng, (8, 7, 9), (75, 13, 12))
            prefix = rng.choice(operator)
            if not _mobile_shape_valid(prefix, length):
                continue
            phone = f"+62{prefix[1:]}{rng.randrange(10**length):0{length}d}"
            if phone not in self._phones:
                self._phones.add(phone)
                return phone

    def foreign_mobile(self, country: str) -> str:
        prefix, length = FOREIGN_MOBILES.get(country, FOREIGN_MOBILES["MY"])
        while True:
            raw = prefix + "".join(str(self.rng.randrange(10)) for _ in range(length))
            phone = normalize_phone(raw)
            if phone and phone not in self._phones:
                self._phones.add(phone)
                return phone

    # --- identity ---------------------------------------------------------------------

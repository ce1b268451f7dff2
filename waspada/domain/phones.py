"""Phone numbers in E.164 (+628..., +60...), whatever way they were written."""

from __future__ import annotations

import phonenumbers


def _parse(text: str, region: str | None) -> str | None:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        # The metadata of other countries lags behind their new number ranges (a sponsor's
        # Malaysian +60 18 ... is refused by it): abroad, a number of a possible length
        # for its country is taken. Indonesian numbers must be valid.
        region = phonenumbers.region_code_for_number(number)
        if region in (None, "ZZ", "ID") or not phonenumbers.is_possible_number(number):
            return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_phone(raw: str, region: str = "ID") -> str | None:
    """E.164 for a valid number (0812..., +62 812-..., 62812..., +60 ...), None otherwise."""
    text = raw.strip()
    if not text:
        return None
    digits = "".join(ch for ch in text if ch.isdigit())
    # "62812..." without a plus is common in exports; phonenumbers would read it as national.
    if not text.startswith(("+", "0")) and digits.startswith("62"):
        text = "+" + digits
    return _parse(text, region)


def normalize_any_phone(raw: str) -> str | None:
    """E.164 for a number valid in any country, however it is written; None otherwise.

    A number without a country code is read as Indonesian first (0812..., (0282) 534 123,
    81234567890 from a spreadsheet that dropped the 0). Otherwise a country code written
    without the plus is recognised: `0060133639066` (the international prefix 00),
    `(966) 564519388`, `60-145213286`.
    """
    indonesian = normalize_phone(raw)
    if indonesian is not None:
        return indonesian
    text = raw.strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    if not digits or text.startswith("+"):
        return None  # a plus already names the country: the parse above was final
    if digits.startswith("00"):
        return _parse("+" + digits[2:], None)
    if not digits.startswith("0"):
        return _parse("+" + digits, None)
    return None

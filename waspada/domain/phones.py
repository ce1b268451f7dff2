"""Indonesian phone numbers in E.164 (+628...), whatever way they were written."""

from __future__ import annotations

import phonenumbers


def normalize_phone(raw: str, region: str = "ID") -> str | None:
    """E.164 for a valid number (0812..., +62 812-..., 62812...), None otherwise."""
    text = raw.strip()
    if not text:
        return None
    digits = "".join(ch for ch in text if ch.isdigit())
    # "62812..." without a plus is common in exports; phonenumbers would read it as national.
    if not text.startswith(("+", "0")) and digits.startswith("62"):
        text = "+" + digits
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

"""Application numbers in URLs, whatever characters another system puts in them.

Numbers come from M-Paspor, SIMKIM or another office's system and may hold `/`, spaces,
`#`, `?`, `%` or non-ASCII letters (`SIMKIM/2026/0001`). A URL path segment cannot carry
all of them (a `/` splits the segment, `..` is collapsed by browsers, `new` is a page),
so every page addresses an application by its number encoded as below. Ordinary numbers
(letters, digits, `-`, `_`, `.`) are their own encoding, so `/applications/CLP-2026-0042/`
stays as it always was.

Encoding: every other character becomes `~` and two upper-case hex digits per UTF-8 byte
(`/` -> `~2F`, `~` -> `~7E`, `é` -> `~C3~A9`); a number that would read as a page of its
own (`new`, `import`, `.`) has its first character encoded too. Each number has exactly
one encoding: a segment that is not the encoding of its own decoding is not found (404).
"""

from __future__ import annotations

import re
import string

from django.urls import register_converter

_KEPT = frozenset(string.ascii_letters + string.digits + "-_.")
_ESCAPED = re.compile(r"(?:~[0-9A-F]{2})+")
# Path segments under /applications/ that are pages, and those a browser rewrites.
RESERVED_SEGMENTS = frozenset({"new", "import", "export", "applicants", ".", ".."})


def _escape(text: str) -> str:
    return "".join(f"~{byte:02X}" for byte in text.encode("utf-8"))


def encode_number(number: str) -> str:
    """The URL path segment of an application number."""
    encoded = "".join(char if char in _KEPT else _escape(char) for char in number)
    if encoded in RESERVED_SEGMENTS:
        encoded = _escape(number[0]) + encoded[1:]
    return encoded


def decode_number(segment: str) -> str:
    """The application number of a path segment; ValueError when it is not an encoding."""
    try:
        number = _ESCAPED.sub(
            lambda run: bytes.fromhex(run.group().replace("~", "")).decode("utf-8"), segment
        )
    except UnicodeDecodeError as exc:
        raise ValueError(segment) from exc
    if not number or encode_number(number) != segment:
        raise ValueError(segment)
    return number


class ApplicationNumberConverter:
    """`<appno:application_no>`: the view gets the number as written."""

    regex = r"[A-Za-z0-9_.~-]+"

    def to_python(self, value: str) -> str:
        return decode_number(value)

    def to_url(self, value: str) -> str:
        return encode_number(str(value))


register_converter(ApplicationNumberConverter, "appno")

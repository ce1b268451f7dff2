"""Tracking codes of public reports: random, hard to guess, easy to read and type.

12 characters from an alphabet without look-alikes (no 0/O, 1/I/L): about 59 bits. The
database keeps only the SHA-256 of the code, so a copy of it cannot tell anybody the codes.
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 12
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "L": "I"})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def shown(code: str) -> str:
    """The code as shown to the reporter: three groups of four."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise(typed: str) -> str:
    """What the reporter typed, without spaces and dashes, upper case."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def code_hash(typed: str) -> str:
    return hashlib.sha256(f"waspada-report:{normalise(typed)}".encode()).hexdigest()


def looks_like_code(typed: str) -> bool:
    code = normalise(typed)
    return len(code) == LENGTH and all(ch in ALPHABET for ch in code)

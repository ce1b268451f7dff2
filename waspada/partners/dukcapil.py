"""How a NIK verification reaches Dukcapil: an adapter with one documented contract
(docs/dukcapil.md), so that screening and the pages never know which one runs.

- `LiaisonQueue` (the default): the request waits in the Dukcapil liaison officer's queue
  in Waspada; the liaison looks the NIK up and answers on the request's page.
- `OnlineService`: the online contract of docs/dukcapil.md over HTTP(S); chosen when
  `WASPADA_DUKCAPIL_URL` is set. An answer comes back at once; when the service cannot
  be reached or answers something outside the contract, the request stays in the
  liaison's queue (nothing is lost, nothing is guessed).

An adapter receives the four values Dukcapil may see (`NikQuery`) and returns an
`NikAnswer`, or None when the answer comes later through the queue.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings

logger = logging.getLogger(__name__)

RESULTS = ("match", "no_match", "not_found")


@dataclass(frozen=True)
class NikQuery:
    """What Dukcapil is asked: never more than these values."""

    reference: str
    nik: str
    full_name: str
    birth_place: str
    birth_date: dt.date

    def to_json(self) -> dict[str, str]:
        return {
            "reference": self.reference,
            "nik": self.nik,
            "full_name": self.full_name,
            "birth_place": self.birth_place,
            "birth_date": self.birth_date.isoformat(),
        }


@dataclass(frozen=True)
class NikAnswer:
    result: str  # one of RESULTS
    note: str = ""


class DukcapilAdapter(Protocol):
    # The provenance recorded with an answer it gives (`NikChannel`).
    channel: str

    def submit(self, query: NikQuery) -> NikAnswer | None:
        """Ask Dukcapil; the answer now, or None when it comes later through the queue."""
        ...


class LiaisonQueue:
    """The request waits for the liaison officer in Waspada."""

    channel = "liaison"

    def submit(self, query: NikQuery) -> NikAnswer | None:
        return None


class BadAnswer(ValueError):
    """The service answered outside the contract."""


def parse_answer(data: object, reference: str) -> NikAnswer:
    """The contract's answer body, checked: `{"reference", "result", "note"?}`."""
    if not isinstance(data, dict):
        raise BadAnswer("the answer is not a JSON object")
    if data.get("reference") != reference:
        raise BadAnswer("the answer is about another reference")
    result = data.get("result")
    if result not in RESULTS:
        raise BadAnswer(f"unknown result {result!r}")
    note = data.get("note", "")
    return NikAnswer(str(result), str(note)[:1000] if note else "")


class OnlineService:
    """The online contract (docs/dukcapil.md): `POST {base}/nik-verifications`."""

    channel = "online"

    def __init__(self, base_url: str, *, token: str = "", timeout: float = 5.0) -> None:
        self.url = base_url.rstrip("/") + "/nik-verifications"
        self.token = token
        self.timeout = timeout

    def submit(self, query: NikQuery) -> NikAnswer | None:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(
            self.url, data=json.dumps(query.to_json()).encode(), headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read(64 * 1024)
            return parse_answer(json.loads(body), query.reference)
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            # Unreachable, refused or outside the contract: the liaison answers instead.
            logger.warning("Dukcapil online service: %s; left to the liaison queue", exc)
            return None


def adapter() -> DukcapilAdapter:
    """The adapter the settings choose (the liaison queue unless a URL is set)."""
    url = getattr(settings, "WASPADA_DUKCAPIL_URL", "")
    if url:
        return OnlineService(
            url,
            token=getattr(settings, "WASPADA_DUKCAPIL_TOKEN", ""),
            timeout=getattr(settings, "WASPADA_DUKCAPIL_TIMEOUT", 5),
        )
    return LiaisonQueue()

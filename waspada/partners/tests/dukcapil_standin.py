"""A local stand-in for Dukcapil's online NIK verification service: an HTTP server on
127.0.0.1 that speaks the contract of docs/dukcapil.md against a small population
register held in memory."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TOKEN = "stand-in-token"
FIELDS = ("reference", "nik", "full_name", "birth_place", "birth_date")


@dataclass
class Register:
    """NIK -> (full name, birth place, birth date) as the population register holds them."""

    people: dict[str, tuple[str, str, dt.date]]
    received: list[dict[str, Any]] = field(default_factory=list)

    def answer(self, query: dict[str, str]) -> dict[str, str]:
        person = self.people.get(query["nik"])
        if person is None:
            return {"reference": query["reference"], "result": "not_found"}
        name, place, born = person
        written = (query["full_name"].upper(), query["birth_place"].upper(), query["birth_date"])
        if written == (name.upper(), place.upper(), born.isoformat()):
            return {"reference": query["reference"], "result": "match"}
        differs = [
            label
            for label, a, b in zip(
                ("name", "birth place", "birth date"),
                written,
                (name.upper(), place.upper(), born.isoformat()),
                strict=True,
            )
            if a != b
        ]
        return {
            "reference": query["reference"],
            "result": "no_match",
            "note": "differs: " + ", ".join(differs),
        }


def _handler(register: Register) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def _send(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            if self.path != "/v1/nik-verifications":
                return self._send(404, {"error": "not_found"})
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                return self._send(401, {"error": "unauthorized"})
            length = int(self.headers.get("Content-Length") or 0)
            try:
                query = json.loads(self.rfile.read(length))
            except ValueError:
                return self._send(400, {"error": "bad_json"})
            if not isinstance(query, dict) or set(query) != set(FIELDS):
                # The contract: exactly these fields, nothing more is ever sent.
                return self._send(400, {"error": "bad_fields"})
            register.received.append(query)
            return self._send(200, register.answer(query))

    return Handler


@contextmanager
def dukcapil_service(register: Register) -> Iterator[str]:
    """Run the stand-in on a free port of 127.0.0.1; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(register))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

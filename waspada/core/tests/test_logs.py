"""Structured logs: a request id on every answer and every log line of its request; JSON
lines with WASPADA_LOG_FORMAT=json."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest
from django.test import Client

from waspada.core.logs import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_log() -> Iterator[io.StringIO]:
    """What Django's request logger writes, through the production formatter and filter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)


def test_every_answer_carries_a_new_request_id() -> None:
    first = Client().get("/healthz")["X-Request-ID"]
    second = Client().get("/login/")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


def test_the_proxys_request_id_is_kept_and_a_strange_one_replaced() -> None:
    sent = "5f2b8c0d9e1a4b7c8d6e5f4a3b2c1d0e"
    assert Client().get("/healthz", HTTP_X_REQUEST_ID=sent)["X-Request-ID"] == sent
    odd = Client().get("/healthz", HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    assert re.fullmatch(r"[0-9a-f]{32}", odd["X-Request-ID"])


def test_a_log_line_of_a_request_names_its_time_level_and_request(
    request_log: io.StringIO,
) -> None:
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    line = json.loads(request_log.getvalue().splitlines()[-1])
    assert line["request_id"] == response["X-Request-ID"]
    assert line["level"] == "WARNING"
    assert line["logger"] == "django.request"
    assert line["message"] == "Not Found: /no-such-page/"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", line["time"])


def _log_from_a_process(log_format: str) -> subprocess.CompletedProcess[str]:
    script = (
        "import django, logging; django.setup(); "
        "logging.getLogger('waspada.x').warning('disk %s full', 'var')"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "waspada.settings_test"}
    env["WASPADA_LOG_FORMAT"] = log_format
    return subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )


def test_the_settings_write_json_lines_when_asked() -> None:
    line = json.loads(_log_from_a_process("json").stderr.strip().splitlines()[-1])
    assert line["level"] == "WARNING"
    assert line["message"] == "disk var full"
    assert line["request_id"] == "-"
    assert set(line) == {"time", "level", "logger", "request_id", "message"}


def test_the_settings_write_text_lines_by_default() -> None:
    line = _log_from_a_process("text").stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"\S+ WARNING \[-\] waspada\.x: disk var full", line), line


def test_an_unknown_log_format_stops_start_up() -> None:
    done = _log_from_a_process("xml")
    assert done.returncode != 0
    assert "WASPADA_LOG_FORMAT='xml' is not one of: text, json." in done.stderr


def test_a_not_ready_probe_logs_one_warning_naming_the_problem(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO):
        assert Client().get("/readyz").status_code == 503
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            "waspada.core.views",
            "WARNING",
            "Not ready: no background worker has ever run (start `waspada worker`)",
        )
    ]

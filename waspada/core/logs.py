"""Structured logs: every line carries its time, level and the request it belongs to.

`RequestIdMiddleware` gives each request an id: the `X-Request-ID` the reverse proxy sent
(nginx's `$request_id`, see deploy/nginx-waspada.conf), or a new one; the answer carries
it back in `X-Request-ID`, so an officer's error page, the proxy's access log and the
application's log lines can be matched. `RequestIdFilter` puts it on every log record of
that request ("-" outside requests: the worker, commands).

WASPADA_LOG_FORMAT=json writes one JSON object per line (for a log collector); the default
is plain text for a person reading journalctl.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import uuid
from collections.abc import Callable

from django.core.signals import request_finished
from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
# What an incoming id may look like (nginx's are 32 hex digits); anything else is replaced.
_ACCEPTED = re.compile(r"[A-Za-z0-9._-]{8,64}")
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

TEXT_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"


def current_request_id() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        sent = request.headers.get(HEADER, "")
        request_id = sent if _ACCEPTED.fullmatch(sent) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        # Kept until the answer is sent (`request_finished`): Django logs an error answer
        # after the middleware has returned it.
        _request_id.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


def _request_done(**kwargs: object) -> None:
    _request_id.set("-")


request_finished.connect(_request_done, dispatch_uid="waspada.core.logs.request_done")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = _request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, request_id, message,
    and the exception's traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def logging_config(log_format: str, level: str) -> dict[str, object]:
    """The LOGGING setting: one console handler (journald keeps it), text or JSON lines."""
    formatter = (
        {"()": "waspada.core.logs.JsonFormatter"}
        if log_format == "json"
        else {"format": TEXT_FORMAT, "datefmt": "%Y-%m-%dT%H:%M:%S%z"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "waspada.core.logs.RequestIdFilter"}},
        "formatters": {"main": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "main",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        # django-axes logs every login at INFO; the audit trail already records them.
        # WeasyPrint logs each rendering step at INFO: noise beside a letter or report.
        "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
    }

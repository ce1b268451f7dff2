"""The base of the commands that write a page of docs/ from the code it describes.

Pages generated this way (the indicator catalogue, the roles page) cannot drift from what
the application does: tests/test_docs.py fails while a committed page differs
from what its command writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class GeneratedPageCommand(BaseCommand):
    """`waspada <name> [--out FILE]`: write the page to FILE or to standard output."""

    # Pure rendering: no database, no system checks, so it runs on a bare checkout.
    requires_system_checks: list[str] = []

    def render(self) -> str:
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        text = self.render()
        out: Path | None = options["out"]
        if out is None:
            self.stdout.write(text, ending="")
        else:
            out.write_text(text, encoding="utf-8")

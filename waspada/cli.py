"""The `waspada` console command: Django's manage.py with hyphenated subcommands.

`waspada check-nik` runs the management command `check_nik`; both spellings work,
so scripts can use the hyphenated names the README lists.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waspada.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(args)
    except ImproperlyConfigured as exc:
        # A bad environment variable: say which, without a traceback.
        sys.stderr.write(f"waspada: configuration error: {exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()

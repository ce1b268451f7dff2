from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from waspada.demo.accounts import ensure_demo_users, logins


class Command(BaseCommand):
    help = "Create demo accounts for every role (idempotent) and print their logins."

    def handle(self, *args: Any, **options: Any) -> None:
        accounts = ensure_demo_users()
        self.stdout.write("Demo logins (username / password / role):")
        for line in logins(accounts):
            self.stdout.write(line)

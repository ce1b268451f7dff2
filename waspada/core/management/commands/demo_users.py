from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from waspada.core.demo import ensure_demo_users


class Command(BaseCommand):
    help = "Create demo accounts for every role (idempotent) and print their logins."

    def handle(self, *args: Any, **options: Any) -> None:
        accounts = ensure_demo_users()
        self.stdout.write("Demo logins (username / password / role):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<10} {account.password:<26} {account.role}")

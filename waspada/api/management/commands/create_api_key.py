"""`waspada create-api-key --agency NAME --scope SCOPE [--scope SCOPE ...]`: a key for a
partner system, printed once, alone on the last line."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from waspada.api import keys
from waspada.api.scopes import Scope
from waspada.core.errors import UserFacingError
from waspada.partners.models import Agency


class Command(BaseCommand):
    help = (
        "Create an API key for a partner agency's system with the given scopes; the key "
        "is printed once, alone on the last line (only its hash is kept)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="the agency's name")
        parser.add_argument(
            "--scope",
            action="append",
            required=True,
            choices=[scope.value for scope in Scope],
            help="a scope (repeat for several)",
        )
        parser.add_argument("--name", default="", help="the system using the key")
        parser.add_argument(
            "--allow", action="append", default=[], help="an address or network (repeatable)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(name=options["agency"].strip()).first()
        if agency is None:
            raise CommandError(_("No agency named '%(name)s'.") % {"name": options["agency"]})
        try:
            networks = keys.parse_networks(options["allow"])
            client, key = keys.create_client(
                agency,
                name=options["name"] or f"{agency.name} system",
                scopes=options["scope"],
                allowed_addresses=networks,
                acting_user=None,
            )
        except UserFacingError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("API key %(prefix)s for %(agency)s: %(scopes)s. Keep it now; it is not shown again.")
            % {"prefix": client.prefix, "agency": agency.name, "scopes": ", ".join(client.scopes)}
        )
        self.stdout.write(key)

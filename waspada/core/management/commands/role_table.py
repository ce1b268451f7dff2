"""`waspada role-table [--out FILE]`: the roles page from the permission policy table.

Run it after changing the policy table (waspada/core/policy.py) and commit docs/roles.md.
"""

from __future__ import annotations

from waspada.core.generated_docs import GeneratedPageCommand
from waspada.core.role_table import render_role_table


class Command(GeneratedPageCommand):
    help = "Write the roles page (Markdown) generated from the permission policy table."

    def render(self) -> str:
        return render_role_table()

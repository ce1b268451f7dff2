"""`waspada indicator-catalogue [--out FILE]`: the indicator catalogue from the policy file.

Run it after changing waspada/screening/policy.yaml or questions.yaml and commit
docs/indicators.md.
"""

from __future__ import annotations

from waspada.core.generated_docs import GeneratedPageCommand
from waspada.screening.catalogue import catalogue_from_files


class Command(GeneratedPageCommand):
    help = "Write the indicator catalogue (Markdown) generated from the screening policy file."

    def render(self) -> str:
        return catalogue_from_files()

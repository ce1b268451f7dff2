"""What the screening app lets the apps above it take part in.

`POLICY_PUBLISHED`: called inside the transaction that publishes a policy version, with
the new version, the version that was in force until then and the publishing user; the
training app assigns a refresher on the indicators that changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from waspada.core.hooks import HookPoint

PolicyPublished = Callable[[Any, Any, Any], None]
POLICY_PUBLISHED: HookPoint[PolicyPublished] = HookPoint("screening.policy_published")

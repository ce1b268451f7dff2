"""Match explanations (reason codes with parameters) as sentences in id or en."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from waspada.domain.matching import Reason, render_reason

# Reasons added by this app (the matcher's own are rendered by the matcher).
_OWN: dict[str, tuple[str, str]] = {
    "same_nik": ("same NIK {a}", "NIK sama {a}"),
}


def render_reasons(explanation: Iterable[dict[str, Any]], lang: str = "en") -> list[str]:
    """Each stored reason as a sentence; `lang` 'id' or 'en'."""
    lines: list[str] = []
    indonesian = lang.lower().startswith("id")
    for item in explanation or ():
        code = str(item.get("code", ""))
        params = {str(k): str(v) for k, v in (item.get("params") or {}).items()}
        own = _OWN.get(code)
        if own is not None:
            try:
                lines.append((own[1] if indonesian else own[0]).format(**params))
            except (KeyError, IndexError, ValueError):
                lines.append(code)
            continue
        lines.append(render_reason(Reason(code, tuple(params.items())), lang))
    return lines

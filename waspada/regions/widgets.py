"""A cascading region picker (province → regency → kecamatan → village) with htmx.

Each select re-renders the whole picker from the server when it changes, so the
lower levels always match the level above and no JavaScript of our own is needed.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse

from waspada.regions import queries

PICKER_LEVELS = ["province", "regency", "district"]


def _within(code: str, parent: str) -> str:
    return code if parent and code.startswith(parent + ".") else ""


def picker_context(name: str, selected: dict[str, str], value: str = "") -> dict[str, Any]:
    """Options and selections for a picker whose final (village) field is `name`."""
    if value and not selected:
        # Opening a saved value: derive the levels above from its code.
        parts = value.split(".")
        selected = {level: ".".join(parts[: i + 1]) for i, level in enumerate(PICKER_LEVELS)}
    # A lower level counts only while it lies inside the level above it.
    province = selected.get("province", "")
    regency = _within(selected.get("regency", ""), province)
    district = _within(selected.get("district", ""), regency)
    village = _within(value, district)
    return {
        "name": name,
        "url": reverse("region_picker"),
        "province": province,
        "regency": regency,
        "district": district,
        "village": village,
        "provinces": queries.provinces(),
        "regencies": queries.children(province) if province else [],
        "districts": queries.children(regency) if regency else [],
        "villages": queries.children(district) if district else [],
    }


class RegionPickerWidget(forms.Widget):
    template_name = "regions/_picker.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["picker"] = picker_context(name, {}, str(value or ""))
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> str | None:
        # The deepest level chosen, so that a form shown again with an error keeps
        # the officer's province/regency/kecamatan even before a village is picked.
        for key in (name, *(f"{name}_{level}" for level in reversed(PICKER_LEVELS))):
            if data.get(key):
                return str(data[key])
        return None

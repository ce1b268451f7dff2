"""Editing a draft policy: thresholds, and per indicator whether it counts, its weight
and its parameters (as YAML). Validation is the policy loader's: a problem is shown
on the field it names, and the draft is only saved when the whole policy is valid."""

from __future__ import annotations

import copy
import json
from typing import Any

import yaml
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from waspada.domain.risk import PolicyError, policy_from_data


def _field_name(path: str) -> str | None:
    """ "indicators.D05.weight" -> "D05_weight"; "thresholds.high" -> "threshold_high"."""
    parts = path.split(".")
    if parts[0] == "thresholds" and len(parts) > 1:
        return f"threshold_{parts[1]}"
    if parts[0] == "indicators" and len(parts) > 2:
        return f"{parts[1]}_{parts[2]}"
    return None


class PolicyEditForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What changes and why"), max_length=300, required=False
    )
    threshold_medium = forms.IntegerField(
        label=gettext_lazy("Medium from score"), min_value=1, max_value=100
    )
    threshold_high = forms.IntegerField(
        label=gettext_lazy("High from score"), min_value=1, max_value=100
    )

    def __init__(self, data_in: dict[str, Any], *args: Any, language: str = "id", **kw: Any):
        super().__init__(*args, **kw)
        self.policy_data = data_in
        self.indicator_codes = list(data_in["indicators"])
        self.fields["threshold_medium"].initial = data_in["thresholds"]["medium"]
        self.fields["threshold_high"].initial = data_in["thresholds"]["high"]
        for code, spec in data_in["indicators"].items():
            title = spec.get("title", {}).get(language, code)
            self.fields[f"{code}_enabled"] = forms.BooleanField(
                label=f"{code} {title}", required=False, initial=spec.get("enabled", True)
            )
            self.fields[f"{code}_weight"] = forms.IntegerField(
                label=_("weight"), initial=spec.get("weight", 0), min_value=0, max_value=100
            )
            self.fields[f"{code}_params"] = forms.CharField(
                label=_("parameters (YAML)"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "class": "code"}),
                initial=yaml.safe_dump(spec.get("params", {}), allow_unicode=True, sort_keys=False)
                if spec.get("params")
                else "",
            )

    def rows(self) -> list[dict[str, Any]]:
        """One table row per indicator, for the template."""
        return [
            {
                "code": code,
                "enabled": self[f"{code}_enabled"],
                "weight": self[f"{code}_weight"],
                "params": self[f"{code}_params"],
            }
            for code in self.indicator_codes
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        if cleaned["threshold_medium"] >= cleaned["threshold_high"]:
            self.add_error(
                "threshold_high", _("The high threshold must be above the medium threshold.")
            )
            return cleaned
        data = copy.deepcopy(self.policy_data)
        data["thresholds"]["medium"] = cleaned["threshold_medium"]
        data["thresholds"]["high"] = cleaned["threshold_high"]
        for code in self.indicator_codes:
            spec = data["indicators"][code]
            spec["enabled"] = cleaned[f"{code}_enabled"]
            spec["weight"] = cleaned[f"{code}_weight"]
            text = cleaned[f"{code}_params"].strip()
            try:
                params = yaml.safe_load(text) if text else {}
                # Stored as JSON: a YAML date (2025-01-31) is not a parameter value.
                json.dumps(params)
            except yaml.YAMLError as exc:
                self.add_error(f"{code}_params", _("Not valid YAML: %(error)s") % {"error": exc})
                continue
            except (ValueError, TypeError):  # a date that does not exist, or any date
                self.add_error(
                    f"{code}_params",
                    _("Parameters are numbers, text and lists; write a date in quotes."),
                )
                continue
            if not isinstance(params, dict):
                self.add_error(f"{code}_params", _("Parameters must be a mapping (name: value)."))
                continue
            spec["params"] = params
        if self.errors:
            return cleaned
        try:
            policy_from_data(data)
        except PolicyError as exc:
            name = _field_name(exc.field)
            message = _("%(field)s: %(problem)s") % {"field": exc.field, "problem": exc.message}
            self.add_error(name if name in self.fields else None, message)
        self.new_data = data
        return cleaned

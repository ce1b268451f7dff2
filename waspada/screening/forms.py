from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from waspada.core.forms import BoundedDateField
from waspada.domain.screening import Level
from waspada.regions.models import Region
from waspada.regions.queries import working_area_codes
from waspada.screening.queries import QueueFilters

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LEVEL_LABELS = {Level.LOW: _("low"), Level.MEDIUM: _("medium"), Level.HIGH: _("high")}


class QueueFilterForm(forms.Form):
    level = forms.ChoiceField(label=_("Risk level"), required=False)
    indicator = forms.ChoiceField(label=_("Indicator"), required=False)
    regency = forms.ChoiceField(label=_("Regency of origin"), required=False)
    date_from = BoundedDateField(label=_("Submitted from"), required=False, widget=_DATE)
    date_to = BoundedDateField(label=_("Submitted until"), required=False, widget=_DATE)

    def __init__(self, *args: Any, indicator_choices: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self._set("level", every + list(LEVEL_LABELS.items()))
        self._set("indicator", every + indicator_choices)
        regencies = Region.objects.filter(code__in=working_area_codes()).order_by("code")
        self._set("regency", every + [(r.code, r.name) for r in regencies])

    def _set(self, name: str, choices: Any) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def filters(self) -> QueueFilters:
        if not self.is_valid():
            return QueueFilters()
        return QueueFilters(**{k: v for k, v in self.cleaned_data.items() if v})


class BacktestForm(forms.Form):
    # An empty date leaves that end of the period open: both empty is the whole history.
    date_from = BoundedDateField(
        label=_("Applications submitted from"), required=False, widget=_DATE
    )
    date_to = BoundedDateField(label=_("until"), required=False, widget=_DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


class PublishForm(forms.Form):
    effective_from = BoundedDateField(label=_("In force from"), widget=_DATE)

    def clean_effective_from(self) -> dt.date:
        day: dt.date = self.cleaned_data["effective_from"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("A policy cannot take effect in the past."))
        return day

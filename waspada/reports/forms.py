"""The dashboard's period and the report download options."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from waspada.core.forms import BoundedDateField
from waspada.domain import periods
from waspada.domain.periods import Period, PeriodError, PeriodKind
from waspada.domain.suppression import DEFAULT_THRESHOLD, MAX_THRESHOLD, MIN_THRESHOLD
from waspada.reports.exports import FORMATS

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PERIOD_FIELDS = ("period", "year", "quarter", "month", "start", "end")

PERIOD_KINDS = [
    (PeriodKind.YEAR.value, _("Year")),
    (PeriodKind.QUARTER.value, _("Quarter")),
    (PeriodKind.MONTH.value, _("Month")),
    (PeriodKind.CUSTOM.value, _("Custom dates")),
]


def period_message(error: PeriodError) -> tuple[str, str]:
    """(field, message in the user's language) for a period the domain refused."""
    params = error.params
    if error.code == "year":
        return "year", str(
            _("Choose a year from %(first)d to %(last)d.")
            % {"first": params["first"], "last": params["last"]}
        )
    if error.code == "quarter":
        return "quarter", str(_("Choose a quarter from 1 to 4."))
    if error.code == "month":
        return "month", str(_("Choose a month from 1 to 12."))
    if error.code == "backwards":
        return "end", str(_("The end date is before the start date."))
    return "end", str(
        _("A custom period can span at most %(max)d days.") % {"max": params.get("max", 0)}
    )


# The fields each kind of period needs (besides the kind itself): only these are shown.
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    PeriodKind.YEAR.value: ("year",),
    PeriodKind.QUARTER.value: ("year", "quarter"),
    PeriodKind.MONTH.value: ("year", "month"),
    PeriodKind.CUSTOM.value: ("start", "end"),
}


class PeriodForm(forms.Form):
    """Which period the dashboard shows; compared with the one before.

    Only the fields of the chosen kind are part of the form (no JavaScript needed):
    choosing another kind and pressing "Show" brings that kind's fields, to fill in
    (`switching`: nothing refused yet)."""

    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_KINDS, initial=PeriodKind.YEAR)
    year = forms.IntegerField(label=_("Year"), required=False)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *((n, f"Q{n}") for n in range(1, 5))],
    )
    month = forms.TypedChoiceField(
        label=_("Month"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *MONTHS.items()],
    )
    start = BoundedDateField(label=_("From"), required=False, widget=_DATE)
    end = BoundedDateField(label=_("Until"), required=False, widget=_DATE)

    def __init__(self, *args: Any, default: Period, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default = default
        self.fields["year"].initial = default.year
        self.fields["quarter"].initial = default.quarter
        self.fields["month"].initial = default.month
        self.fields["start"].initial = default.start
        self.fields["end"].initial = default.end
        chosen = str((self.data if self.is_bound else self.initial).get("period") or "")
        self.kind = chosen if chosen in KIND_FIELDS else PeriodKind.YEAR.value
        own = KIND_FIELDS[self.kind]
        for name in PERIOD_FIELDS:
            if name != "period" and name not in own:
                del self.fields[name]
        # Just switched to this kind: its own fields were not on the page yet.
        specific = [name for name in own if name != "year"]
        self.switching = bool(specific) and not any(name in self.data for name in specific)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors or self.switching:
            return data
        try:
            data["chosen"] = self._period(data)
        except PeriodError as error:
            name, message = period_message(error)
            self.add_error(name, message)
        return data

    def _period(self, data: dict[str, Any]) -> Period:
        kind = PeriodKind(data.get("period") or PeriodKind.YEAR)
        year = data.get("year") or self.default.year
        if kind is PeriodKind.YEAR:
            return periods.year(year)
        if kind is PeriodKind.QUARTER:
            if not data.get("quarter"):
                raise PeriodError("quarter", value=None)
            return periods.quarter(year, data["quarter"])
        if kind is PeriodKind.MONTH:
            if not data.get("month"):
                raise PeriodError("month", value=None)
            return periods.month(year, data["month"])
        start: dt.date | None = data.get("start")
        end: dt.date | None = data.get("end")
        if start is None or end is None:
            self.add_error("start" if start is None else "end", _("Give both dates."))
            return self.default
        return periods.custom(start, end)

    def chosen(self) -> Period | None:
        """The period asked for; the default when nothing was asked; None when wrong."""
        if not self.is_bound:
            return self.default
        if not self.is_valid() or self.switching:
            return None
        return self.cleaned_data["chosen"]


class DownloadForm(PeriodForm):
    """The period plus the file: format, and whether it is for publication."""

    format = forms.ChoiceField(
        label=_("Format"), choices=[(name, name.upper()) for name in FORMATS]
    )
    publication = forms.BooleanField(
        label=_("For publication (small counts suppressed)"), required=False
    )
    threshold = forms.IntegerField(
        label=_("Suppress counts below"),
        required=False,
        min_value=MIN_THRESHOLD,
        max_value=MAX_THRESHOLD,
        initial=DEFAULT_THRESHOLD,
    )

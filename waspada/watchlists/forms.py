from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.core.forms import BoundedDateField, WithoutFormatCharactersForm
from waspada.watchlists.importing import EntryValues, check_values
from waspada.watchlists.models import ListType, Watchlist

_FIELD_OF_COLUMN = {"id": "external_id"}


class WatchlistForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    list_type = forms.ChoiceField(label=_("Type"), choices=ListType.choices)
    source = forms.CharField(label=_("Source"), max_length=300, required=False)
    owner_agency = forms.CharField(label=_("Owner agency"), max_length=200, required=False)

    def __init__(self, *args: Any, instance: Watchlist | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance = instance

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        others = Watchlist.objects.filter(name=name)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("A watchlist with this name already exists."))
        return name


class WatchlistEditForm(WatchlistForm):
    active = forms.BooleanField(
        label=_("Active (its entries are checked against applications)"), required=False
    )


class EntryForm(WithoutFormatCharactersForm):
    external_id = forms.CharField(label=_("Id in the list"), max_length=100)
    full_name = forms.CharField(label=_("Full name"), max_length=300)
    aliases = forms.CharField(
        label=_("Aliases"), required=False, help_text=_("Separate several names with ';'.")
    )
    birth_date = forms.CharField(
        label=_("Birth date"), required=False, help_text=_("YYYY-MM-DD, or only the year YYYY.")
    )
    sex = forms.ChoiceField(
        label=_("Sex"),
        required=False,
        choices=[("", "—"), ("L", _("Male")), ("P", _("Female"))],
    )
    nik = forms.CharField(label=_("NIK"), max_length=16, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    valid_from = BoundedDateField(
        label=_("Valid from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = BoundedDateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    values: EntryValues | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        raw = {
            "id": data.get("external_id", ""),
            "full_name": data.get("full_name", ""),
            "aliases": data.get("aliases", ""),
            "birth_date": data.get("birth_date", ""),
            "sex": data.get("sex", ""),
            "nik": data.get("nik", ""),
            "phone": data.get("phone", ""),
            "note": data.get("note", ""),
        }
        values, errors = check_values(raw)
        for error in errors:
            field = _FIELD_OF_COLUMN.get(error.column, error.column)
            if field in self.fields and field not in self.errors:
                self.add_error(field, error.message)
        self.values = values
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The end of validity is before its start."))
        return data


class DeactivateForm(forms.Form):
    note = forms.CharField(label=_("Reason"), max_length=500)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("confirm", _("Confirm")), ("dismiss", _("Dismiss"))],
        widget=forms.HiddenInput,
    )
    note = forms.CharField(label=_("Note"), max_length=1000)


class EntrySearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    inactive = forms.BooleanField(label=_("Include inactive entries"), required=False)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File (.csv or .xlsx)"))
    list_name = forms.CharField(label=_("Watchlist name"), max_length=200)
    list_type = forms.ChoiceField(
        label=_("Type (for a new list)"), choices=ListType.choices, initial=ListType.OTHER
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Only .csv and .xlsx files can be imported."))
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload

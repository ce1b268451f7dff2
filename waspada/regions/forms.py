from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.regions.models import Level, Region
from waspada.regions.widgets import RegionPickerWidget


class RegionLookupForm(forms.Form):
    region = forms.CharField(label=_("Region"), required=False, widget=RegionPickerWidget)


class RegencyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Region) -> str:  # type: ignore[override]
        return f"{obj.code} {obj.name}"


class OfficeForm(forms.Form):
    name = forms.CharField(label=_("Office name"), max_length=200)
    regencies = RegencyChoiceField(
        label=_("Working area (regencies and cities)"),
        queryset=Region.objects.filter(level=Level.REGENCY),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Applicants whose KTP region lies outside this area are flagged (D10)."),
    )

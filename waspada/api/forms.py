from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from waspada.api.scopes import LABELS, Scope
from waspada.partners.events import EVENTS
from waspada.partners.models import Agency


class ApiClientForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Agency"), queryset=Agency.objects.filter(is_active=True)
    )
    name = forms.CharField(
        label=gettext_lazy("System"),
        max_length=200,
        help_text=gettext_lazy("What will use the key, e.g. the Disnaker's register."),
    )
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("Scopes"),
        choices=[(scope.value, f"{scope.value}: {LABELS[scope]}") for scope in Scope],
        widget=forms.CheckboxSelectMultiple,
    )
    allowed_addresses = forms.CharField(
        label=gettext_lazy("Allowed addresses"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Addresses or networks the key may be used from, one a line; empty: anywhere."
        ),
    )


class WebhookForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Agency"), queryset=Agency.objects.filter(is_active=True)
    )
    url = forms.URLField(
        label=gettext_lazy("Address (https://)"), max_length=500, assume_scheme="https"
    )
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events"),
        choices=[(event, event) for event in EVENTS],
        widget=forms.CheckboxSelectMultiple,
    )

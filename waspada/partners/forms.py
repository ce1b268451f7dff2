from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from waspada.networks.models import RingCluster
from waspada.partners.models import Agency, AgencyKind, Referral, ReferralStatus


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["name", "kind", "is_active"]


class ReferralForm(forms.Form):
    """Refer a ring to a police unit (an active agency of kind police)."""

    agency = forms.ModelChoiceField(
        label=gettext_lazy("Police unit"), queryset=Agency.objects.none(), empty_label=None
    )
    note = forms.CharField(
        label=gettext_lazy("Note for the police"),
        help_text=gettext_lazy("What the office found and what it asks the police to look at."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Write what the police should look at.")},
    )

    def __init__(self, *args: Any, ring: RingCluster, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "referral")  # beside the review form on the ring page
        super().__init__(*args, **kwargs)
        self.ring = ring
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = Agency.objects.filter(kind=AgencyKind.POLICE, is_active=True)

    @property
    def has_agencies(self) -> bool:
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        return bool(field.queryset.exists())  # type: ignore[union-attr]

    def clean_agency(self) -> Agency:
        agency: Agency = self.cleaned_data["agency"]
        still_open = Referral.objects.filter(
            ring=self.ring,
            agency=agency,
            status__in=[ReferralStatus.SENT, ReferralStatus.ACCEPTED],
        )
        if still_open.exists():
            raise forms.ValidationError(
                _("This ring was already referred to %(agency)s and the referral is still open.")
                % {"agency": agency.name}
            )
        return agency


class ResponseForm(forms.Form):
    """A partner's answer: accept, reject or mark done, with a note."""

    status = forms.ChoiceField(label=gettext_lazy("Answer"), choices=ReferralStatus.choices)
    note = forms.CharField(
        label=gettext_lazy("Note for the office"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Write a note for the office.")},
    )
    # The status the partner saw: somebody else may have answered meanwhile.
    seen = forms.ChoiceField(choices=ReferralStatus.choices, widget=forms.HiddenInput)

    def __init__(self, *args: Any, referral: Referral, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"seen": referral.status})
        super().__init__(*args, **kwargs)
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = referral.next_statuses()

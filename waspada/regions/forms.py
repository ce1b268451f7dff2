from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.domain.letters import (
    MAX_LETTER_NUMBER_LENGTH,
    NumberFormatProblem,
    nip_is_valid,
    normalise_nip,
)
from waspada.domain.letters import number_format_problem as letter_number_problem
from waspada.regions.models import Level, Office, Region
from waspada.regions.widgets import RegionPickerWidget

# Empty letterhead fields fall back to the model's defaults.
LETTER_NUMBER_DEFAULT = str(Office._meta.get_field("letter_number_format").default)
DEFERRAL_DAYS_DEFAULT = int(Office._meta.get_field("deferral_days").default)
CITY_DEFAULT = str(Office._meta.get_field("city").default)
LETTERHEAD_FIELDS = (
    "address",
    "phone",
    "city",
    "head_name",
    "head_nip",
    "letter_number_format",
    "covering_letter_number_format",
    "deferral_days",
)


class RegionLookupForm(forms.Form):
    region = forms.CharField(label=_("Region"), required=False, widget=RegionPickerWidget)


class RegencyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Region) -> str:  # type: ignore[override]
        return f"{obj.code} {obj.name}"


def checked_number_format(pattern: str) -> str:
    """`pattern` when it makes letter numbers; a form error saying what is wrong otherwise."""
    problem = letter_number_problem(pattern)
    if problem == NumberFormatProblem.NUMBER_MISSING:
        raise forms.ValidationError(_("The format must contain {number}."))
    if problem == NumberFormatProblem.TOO_LONG:
        raise forms.ValidationError(
            _("The format makes letter numbers too long (at most %(limit)s characters).")
            % {"limit": MAX_LETTER_NUMBER_LENGTH}
        )
    if problem is not None:
        raise forms.ValidationError(
            _(
                "Only {number} and {year} may stand in braces, "
                "e.g. W13.IMI.IMI.3-{number}.GR.02.06.{year}."
            )
        )
    return pattern


class OfficeForm(forms.Form):
    name = forms.CharField(label=_("Office name"), max_length=200)
    regencies = RegencyChoiceField(
        label=_("Working area (regencies and cities)"),
        queryset=Region.objects.filter(level=Level.REGENCY),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Applicants whose KTP region lies outside this area are flagged (D10)."),
    )
    # Letterhead and numbering of the official letters (deferral, refusal, interview record).
    address = forms.CharField(label=_("Office address"), max_length=300, required=False)
    phone = forms.CharField(label=_("Office phone"), max_length=40, required=False)
    city = forms.CharField(
        label=_("City (for dating letters)"),
        max_length=100,
        required=False,
    )
    head_name = forms.CharField(label=_("Head of office"), max_length=200, required=False)
    head_nip = forms.CharField(
        label=_("Head of office NIP"),
        max_length=30,
        required=False,
        help_text=_("18 digits; printed under the head's signature."),
    )
    letter_number_format = forms.CharField(
        label=_("Letter number format"),
        max_length=120,
        required=False,
    )
    covering_letter_number_format = forms.CharField(
        label=_("Covering letter number format"),
        max_length=120,
        required=False,
        help_text=_(
            "The covering letters (surat pengantar) of referrals, if they have a series of "
            "their own: {number} and {year} as above. Empty: they take the next numbers of "
            "the office's letters, in the letter number format."
        ),
    )
    deferral_days = forms.IntegerField(
        label=_("Days to complete documents after a deferral"),
        min_value=1,
        max_value=365,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The defaults in the help texts, in the language of this request.
        empty = _("Empty: %(default)s.")
        self.fields["city"].help_text = empty % {"default": CITY_DEFAULT}
        self.fields["deferral_days"].help_text = empty % {"default": DEFERRAL_DAYS_DEFAULT}
        self.fields["letter_number_format"].help_text = _(
            "{number} is the letter's sequence number within the year (restarting each "
            "January), {year} the year; {number:04d} pads it to four digits. Empty: %(default)s"
        ) % {"default": LETTER_NUMBER_DEFAULT}

    def clean_city(self) -> str:
        return str(self.cleaned_data["city"]).strip() or CITY_DEFAULT

    def clean_head_nip(self) -> str:
        nip = normalise_nip(self.cleaned_data["head_nip"])
        if nip and not nip_is_valid(nip):
            raise forms.ValidationError(_("A NIP has 18 digits."))
        return nip

    def clean_letter_number_format(self) -> str:
        pattern = str(self.cleaned_data["letter_number_format"]).strip() or LETTER_NUMBER_DEFAULT
        return checked_number_format(pattern)

    def clean_covering_letter_number_format(self) -> str:
        pattern = str(self.cleaned_data["covering_letter_number_format"]).strip()
        return checked_number_format(pattern) if pattern else ""

    def clean_deferral_days(self) -> int:
        days = self.cleaned_data["deferral_days"]
        return DEFERRAL_DAYS_DEFAULT if days is None else int(days)

    def letterhead(self) -> dict[str, object]:
        """The letterhead fields of the cleaned form, as `set_working_area` takes them."""
        return {name: self.cleaned_data[name] for name in LETTERHEAD_FIELDS}

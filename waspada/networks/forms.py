"""Forms of the ring and organiser pages (validation only: the services save)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from waspada.applications.countries import country_choices
from waspada.core.forms import BoundedDateField
from waspada.core.tables import EXTENSIONS, check_header
from waspada.domain import network
from waspada.networks import organisers
from waspada.networks.models import (
    LicensedOrganiser,
    OrganiserKind,
    RingCluster,
    VerificationKind,
    VerificationState,
    VerificationTask,
)
from waspada.networks.organisers import BadPhone, parse_phones
from waspada.regions.models import Region
from waspada.regions.queries import working_area_codes

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_UPLOAD = 2 * 1024 * 1024


class RingFilterForm(forms.Form):
    risky = forms.BooleanField(label=gettext_lazy("Risky rings only"), required=False)
    min_size = forms.IntegerField(
        label=gettext_lazy("At least applicants"), min_value=2, required=False
    )
    destination = forms.ChoiceField(label=gettext_lazy("Destination"), required=False)
    regency = forms.ChoiceField(label=gettext_lazy("Regency of origin"), required=False)
    date_from = BoundedDateField(label=gettext_lazy("Active from"), required=False, widget=_DATE)
    date_to = BoundedDateField(label=gettext_lazy("until"), required=False, widget=_DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        destination = self.fields["destination"]
        regency = self.fields["regency"]
        assert isinstance(destination, forms.ChoiceField)
        assert isinstance(regency, forms.ChoiceField)
        destination.choices = every + country_choices()
        regencies = Region.objects.filter(code__in=working_area_codes()).order_by("code")
        regency.choices = every + [(r.code, r.name) for r in regencies]

    def apply(self, rings: QuerySet[RingCluster]) -> QuerySet[RingCluster]:
        if not self.is_valid():
            return rings
        data = self.cleaned_data
        if data["risky"]:
            rings = rings.filter(risky=True)
        if data["min_size"]:
            rings = rings.filter(size__gte=data["min_size"])
        if data["destination"]:
            rings = rings.filter(
                memberships__application__destination_country=data["destination"]
            ).distinct()
        if data["regency"]:
            rings = rings.filter(memberships__application__regency_code=data["regency"]).distinct()
        if data["date_from"]:
            rings = rings.filter(last_submitted__gte=data["date_from"])
        if data["date_to"]:
            rings = rings.filter(first_submitted__lte=data["date_to"])
        return rings


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What was decided (e.g. referred to the police, families, no action)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OrganiserSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Name, licence number or phone"), required=False, max_length=100
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    inactive = forms.BooleanField(label=gettext_lazy("Include deactivated"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [("", _("All")), *OrganiserKind.choices]

    def apply(self, organisers: QuerySet[LicensedOrganiser]) -> QuerySet[LicensedOrganiser]:
        if not self.is_valid():
            return organisers.filter(active=True)
        data = self.cleaned_data
        if not data["inactive"]:
            organisers = organisers.filter(active=True)
        if data["kind"]:
            organisers = organisers.filter(kind=data["kind"])
        term = data["q"].strip()
        if term:
            found = Q(name__icontains=term) | Q(licence_no__icontains=term)
            phone = network.phone_key(term)
            # A phone in any written form finds its E.164 form in the list.
            found |= Q(phones__icontains=phone or term)
            organisers = organisers.filter(found)
        return organisers


class OrganiserForm(forms.ModelForm):
    phones_text = forms.CharField(
        label=gettext_lazy("Office phones"),
        help_text=gettext_lazy("One per line, in any written form (0282-534216, +62 813...)."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = LicensedOrganiser
        fields = ["kind", "name", "licence_no"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["phones_text"] = "\n".join(self.instance.phones)

    def clean_phones_text(self) -> list[str]:
        try:
            return parse_phones(self.cleaned_data["phones_text"])
        except BadPhone as bad:
            raise forms.ValidationError(bad.message()) from bad


class OrganiserUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (.csv or .xlsx)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if Path(upload.name or "").suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(_("Only .csv and .xlsx files can be imported."))
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        # A file that cannot be read (not UTF-8 or UTF-16, a damaged workbook, columns
        # missing) is refused here, with the reader's reason.
        problem = check_header(upload, Path(upload.name or "").name, organisers.SPEC)
        if problem is not None:
            raise forms.ValidationError(problem.message)
        return upload


class VerificationFilterForm(forms.Form):
    """The task list's filters; open tasks unless asked otherwise."""

    state = forms.ChoiceField(label=gettext_lazy("State"), required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    q = forms.CharField(
        label=gettext_lazy("Name or licence number"), required=False, max_length=100
    )

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        # No filter given at all: the tasks still to verify.
        super().__init__(data if data else {"state": VerificationState.OPEN}, **kwargs)
        state, kind = self.fields["state"], self.fields["kind"]
        assert isinstance(state, forms.ChoiceField) and isinstance(kind, forms.ChoiceField)
        state.choices = [("", _("All")), *VerificationState.choices]
        kind.choices = [("", _("All")), *VerificationKind.choices]

    def apply(self, tasks: QuerySet[VerificationTask]) -> QuerySet[VerificationTask]:
        if not self.is_valid():
            return tasks.filter(state=VerificationState.OPEN)
        data = self.cleaned_data
        if data["state"]:
            tasks = tasks.filter(state=data["state"])
        if data["kind"]:
            tasks = tasks.filter(kind=data["kind"])
        term = data["q"].strip()
        if term:
            tasks = tasks.filter(Q(name__icontains=term) | Q(licence_no__icontains=term))
        return tasks


class VerificationRegisterForm(OrganiserForm):
    """Register the value of a task as a licensed organiser (checked by the service: the
    licence, or the name, must be the one the applications give)."""


class VerificationReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (what you found, whom you asked)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_reason(self) -> str:
        reason = " ".join(self.cleaned_data["reason"].split())
        if not reason:
            raise forms.ValidationError(_("Write the reason."))
        return reason

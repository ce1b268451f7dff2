"""The intake form and the list filters."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from waspada.applications.countries import country_choices, is_country_code
from waspada.applications.hooks import LIST_FILTERS
from waspada.applications.models import (
    ApplicationType,
    PassportApplication,
    Purpose,
    ReturnTicket,
    Sex,
    Status,
)
from waspada.applications.queries import AGE_BANDS, SORTS, ApplicationFilters
from waspada.applications.records import ApplicantRecord, ApplicationRecord
from waspada.core.choices import mirror
from waspada.core.forms import BoundedDateField, WithoutFormatCharactersForm
from waspada.core.hooks import HookError
from waspada.domain.documents import DOCUMENT_CODES
from waspada.domain.nik import cross_check
from waspada.domain.phones import normalize_phone
from waspada.domain.risk import Policy, load_policy_file
from waspada.regions.models import Level, Region
from waspada.regions.nik import check_nik, discrepancy_message, reason_message
from waspada.regions.queries import working_area_codes
from waspada.regions.widgets import RegionPickerWidget

DOCUMENT_LABELS: dict[str, Any] = {
    "ktp": _("KTP (identity card)"),
    "kk": _("KK (family card)"),
    "akta_lahir": _("Birth certificate"),
    "ijazah": _("School diploma"),
    "buku_nikah": _("Marriage book"),
    "surat_baptis": _("Baptism letter"),
    "paspor_lama": _("Old passport"),
    "rekomendasi_disnaker": _("Disnaker passport recommendation"),
    "sarkes": _("Health certificate"),
    "ppiu_letter": _("Travel organiser (PPIU/PIHK) letter"),
    "surat_jaminan": _("Guarantee letter (surat jaminan)"),
    "loa": _("Letter of acceptance"),
    "buku_pelaut": _("Seaman's book (buku pelaut)"),
    "bst": _("BST certificate"),
    "kontrak_kerja": _("Work contract"),
    "izin_keluarga": _("Permit of spouse / parent / guardian"),
    "tiket_pulang": _("Return ticket"),
    "sertifikat_kompetensi": _("Certificate of competence"),
    "rekomendasi_kemnaker": _("Ministry of Manpower (Kemnaker) recommendation"),
}
mirror("DOCUMENT_LABELS", DOCUMENT_LABELS, DOCUMENT_CODES)

PASSPORT_NO = re.compile(r"^[A-Z0-9]{1,9}$")
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _choices(form: forms.Form, name: str, choices: Any) -> None:
    """Set a ChoiceField's choices at run time (country names follow the language)."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _optional_phone(value: str) -> str:
    if not value.strip():
        return ""
    phone = normalize_phone(value)
    if phone is None:
        raise forms.ValidationError(
            _("Not a valid Indonesian phone number (e.g. 0812 3456 7890 or +62 812 3456 7890).")
        )
    return phone


class IntakeForm(WithoutFormatCharactersForm):
    """One applicant and one application, as the intake officer types them."""

    # The applicant.
    nik = forms.CharField(
        label=_("NIK"),
        max_length=24,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    full_name = forms.CharField(label=_("Full name (as on the KTP)"), max_length=200)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices])
    birth_place = forms.CharField(label=_("Birth place"), max_length=100)
    birth_date = BoundedDateField(label=_("Birth date"), widget=_DATE)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    address = forms.CharField(label=_("Address (street, RT/RW)"), max_length=300)
    village = forms.CharField(label=_("Village of the address"), widget=RegionPickerWidget)
    education = forms.CharField(label=_("Education"), max_length=100, required=False)
    occupation = forms.CharField(label=_("Occupation"), max_length=100, required=False)
    marital_status = forms.CharField(label=_("Marital status"), max_length=50, required=False)
    # The application.
    application_no = forms.CharField(
        label=_("Application number"),
        max_length=40,
        required=False,
        help_text=_("The M-Paspor or SIMKIM number; leave empty to get a new Waspada number."),
    )
    submitted_on = BoundedDateField(label=_("Submitted on"), widget=_DATE)
    application_type = forms.ChoiceField(
        label=_("Application type"), choices=ApplicationType.choices
    )
    purpose = forms.ChoiceField(label=_("Travel purpose"), choices=[("", "—"), *Purpose.choices])
    destination_country = forms.ChoiceField(label=_("Destination country"))
    intended_departure = BoundedDateField(
        label=_("Intended departure"), required=False, widget=_DATE
    )
    return_ticket = forms.ChoiceField(label=_("Return ticket"), choices=ReturnTicket.choices)
    itinerary = forms.CharField(
        label=_("Itinerary"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    funds_source = forms.CharField(label=_("Source of funds"), max_length=200, required=False)
    sponsor_name = forms.CharField(label=_("Sponsor / guarantor"), max_length=200, required=False)
    sponsor_phone = forms.CharField(label=_("Sponsor phone"), max_length=30, required=False)
    sponsor_relation = forms.CharField(
        label=_("Relation to sponsor"), max_length=100, required=False
    )
    sponsor_address = forms.CharField(label=_("Sponsor address"), max_length=300, required=False)
    employer_name = forms.CharField(label=_("Employer"), max_length=200, required=False)
    recruiter_name = forms.CharField(label=_("Recruiter (P3MI)"), max_length=200, required=False)
    recruiter_license_no = forms.CharField(
        label=_("Recruiter licence (SIP3MI) number"), max_length=100, required=False
    )
    disnaker_recommendation_no = forms.CharField(
        label=_("Disnaker recommendation number"), max_length=100, required=False
    )
    companion_name = forms.CharField(label=_("Companion"), max_length=200, required=False)
    companion_phone = forms.CharField(label=_("Companion phone"), max_length=30, required=False)
    companion_relation = forms.CharField(
        label=_("Relation to companion"), max_length=100, required=False
    )
    previous_passport_no = forms.CharField(
        label=_("Previous passport number"), max_length=20, required=False
    )
    documents = forms.MultipleChoiceField(
        label=_("Documents presented"),
        choices=list(DOCUMENT_LABELS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # A NIK that contradicts the typed birth date or sex is evidence (D13), not a typing
    # error to be "fixed" by copying the NIK's values: the officer confirms and both are kept.
    confirm_nik_contradiction = forms.BooleanField(
        label=_(
            "I have checked the KTP and the form: register the birth date and sex as typed "
            "(screening records the contradiction)."
        ),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # What the NIK contradicts, in words (filled by clean()).
        self.nik_contradictions: list[str] = []
        _choices(self, "destination_country", [("", "—"), *country_choices()])
        self.fields["submitted_on"].initial = timezone.localdate()
        self.fields["documents"].initial = ["ktp", "kk"]

    def clean_nik(self) -> str:
        result = check_nik(self.cleaned_data["nik"])
        if not result.valid or result.parsed is None:
            raise forms.ValidationError(reason_message(result))
        return result.parsed.nik

    def clean_phone(self) -> str:
        return _optional_phone(self.cleaned_data["phone"])

    def clean_sponsor_phone(self) -> str:
        return _optional_phone(self.cleaned_data["sponsor_phone"])

    def clean_companion_phone(self) -> str:
        return _optional_phone(self.cleaned_data["companion_phone"])

    def clean_village(self) -> str:
        code: str = self.cleaned_data["village"]
        if not Region.objects.filter(code=code, level=Level.VILLAGE).exists():
            raise forms.ValidationError(_("Choose the village (desa / kelurahan) of the address."))
        return code

    def clean_destination_country(self) -> str:
        code: str = self.cleaned_data["destination_country"].upper()
        if not is_country_code(code):
            raise forms.ValidationError(_("Choose a destination country."))
        return code

    def clean_application_no(self) -> str:
        number: str = self.cleaned_data["application_no"].strip()
        if number and PassportApplication.objects.filter(application_no=number).exists():
            raise forms.ValidationError(_("An application with this number already exists."))
        return number

    def clean_previous_passport_no(self) -> str:
        number: str = self.cleaned_data["previous_passport_no"].strip().upper()
        if number and not PASSPORT_NO.match(number):
            raise forms.ValidationError(_("A passport number has up to 9 letters and digits."))
        return number

    def clean_birth_date(self) -> dt.date:
        born: dt.date = self.cleaned_data["birth_date"]
        if born > timezone.localdate():
            raise forms.ValidationError(_("The birth date lies in the future."))
        return born

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The NIK encodes birth date and sex: a contradiction is a typing error or a sign
        # of a borrowed identity (D13). The officer sees it and either corrects a typing
        # error or confirms, and then both values are saved as written for screening.
        if "nik" in data and ("birth_date" in data or "sex" in data):
            parsed = check_nik(data["nik"]).parsed
            if parsed is not None:
                self.nik_contradictions = [
                    discrepancy_message(found)
                    for found in cross_check(
                        parsed, birth_date=data.get("birth_date"), sex=data.get("sex")
                    )
                ]
        if self.nik_contradictions and not data.get("confirm_nik_contradiction"):
            self.add_error(
                "confirm_nik_contradiction",
                _(
                    "The NIK contradicts the form. Check the KTP: correct a typing error, "
                    "or tick the box to register the values as typed."
                ),
            )
        departure, submitted = data.get("intended_departure"), data.get("submitted_on")
        if departure and submitted and departure < submitted:
            self.add_error(
                "intended_departure", _("The departure date is before the application date.")
            )
        return data

    @property
    def awaiting_confirmation(self) -> bool:
        """Whether the NIK contradiction waits for the officer's confirmation and
        nothing else is wrong: a warning to confirm, not an error to correct."""
        return self.is_bound and set(self.errors) == {"confirm_nik_contradiction"}

    def records(self) -> tuple[ApplicantRecord, ApplicationRecord]:
        """The cleaned form as the records the services take."""
        d = self.cleaned_data
        applicant = ApplicantRecord(
            nik=d["nik"],
            full_name=" ".join(d["full_name"].split()),
            sex=d["sex"],
            birth_place=d["birth_place"].strip(),
            birth_date=d["birth_date"],
            phone=d["phone"],
            address=d["address"].strip(),
            village_code=d["village"],
            education=d["education"].strip(),
            occupation=d["occupation"].strip(),
            marital_status=d["marital_status"].strip(),
        )
        skip = {f for f in ApplicantRecord.__dataclass_fields__} | {
            "village",
            "application_no",
            "confirm_nik_contradiction",
        }
        fields = {name: value for name, value in d.items() if name not in skip}
        fields["documents"] = [code for code in DOCUMENT_CODES if code in d["documents"]]
        application = ApplicationRecord(application_no=d["application_no"], **fields)
        return applicant, application


@functools.cache
def _shipped_policy() -> Policy:
    return load_policy_file()


def indicator_choices() -> list[tuple[str, str]]:
    """Indicator codes with their titles (codes are stable; titles from the shipped policy)."""
    language = "en" if (get_language() or "").startswith("en") else "id"
    return [
        (code, f"{code} {spec.title.get(language, '')}".strip())
        for code, spec in _shipped_policy().indicators.items()
    ]


AGE_BAND_LABELS: dict[str, Any] = {
    "0-17": _("under 18"),
    "18-24": _("18-24 years"),
    "25-34": _("25-34 years"),
    "35-44": _("35-44 years"),
    "45-54": _("45-54 years"),
    "55+": _("55 years and over"),
}
mirror("AGE_BAND_LABELS", AGE_BAND_LABELS, AGE_BANDS)
# Filters the reports' figures link with, shown folded unless one is in use; the
# LIST_FILTERS' fields (what happened to the application) join them.
MORE_FILTERS = ("district", "sex", "age_band", "indicator", "registered_by")


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Name, NIK, application number or phone")}
        ),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    purpose = forms.ChoiceField(label=_("Purpose"), required=False)
    destination = forms.ChoiceField(label=_("Destination"), required=False)
    regency = forms.ChoiceField(label=_("Regency of origin"), required=False)
    date_from = BoundedDateField(label=_("Submitted from"), required=False, widget=_DATE)
    date_to = BoundedDateField(label=_("Submitted until"), required=False, widget=_DATE)
    sort = forms.ChoiceField(label=_("Sort"), required=False)
    district = forms.ChoiceField(label=_("Kecamatan of origin"), required=False)
    sex = forms.ChoiceField(label=_("Sex"), required=False)
    age_band = forms.ChoiceField(label=_("Age at application"), required=False)
    indicator = forms.ChoiceField(label=_("Indicator"), required=False)
    registered_by = forms.CharField(label=_("Registered by (user name)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The fields of the apps above, after ours (a name taken twice is a mistake).
        self.hooked: list[str] = []
        for list_filter in LIST_FILTERS:
            for name, field in list_filter.fields().items():
                if name in self.fields:
                    raise HookError(f"List filter field {name!r} is taken.")
                self.fields[name] = field
                self.hooked.append(name)
        every = [("", _("All"))]
        _choices(self, "status", every + list(Status.choices))
        _choices(self, "purpose", every + list(Purpose.choices))
        _choices(self, "destination", every + country_choices())
        area = working_area_codes()
        regencies = Region.objects.filter(code__in=area).order_by("code")
        _choices(self, "regency", every + self._regions("regency", Level.REGENCY, regencies))
        districts = Region.objects.filter(level=Level.DISTRICT, parent_id__in=area).order_by("code")
        _choices(self, "district", every + self._regions("district", Level.DISTRICT, districts))
        _choices(self, "sex", every + list(Sex.choices))
        _choices(self, "age_band", every + list(AGE_BAND_LABELS.items()))
        _choices(self, "indicator", every + indicator_choices())
        sorts = [
            ("-submitted_on", _("Newest first")),
            ("submitted_on", _("Oldest first")),
            ("name", _("Name A-Z")),
            ("-name", _("Name Z-A")),
            ("application_no", _("Application number")),
            ("status", _("Status")),
        ]
        assert {value for value, _label in sorts} <= set(SORTS)
        _choices(self, "sort", sorts)

    def _regions(self, name: str, level: str, regions: Iterable[Region]) -> list[tuple[str, str]]:
        """The working area's regions, and the one asked for when it lies outside: the
        reports link to applicants from anywhere."""

        def label(region: Region) -> str:
            return region.name if level == Level.REGENCY else f"{region.code} {region.name}"

        choices = [(region.code, label(region)) for region in regions]
        value = self.data.get(name) if self.is_bound else None
        if value and value not in {code for code, _label in choices}:
            other = Region.objects.filter(code=value, level=level).first()
            if other is not None:
                choices.append((other.code, label(other)))
        return choices

    def _more(self) -> list[str]:
        return [*MORE_FILTERS, *self.hooked]

    def main_fields(self) -> list[forms.BoundField]:
        more = self._more()
        return [self[name] for name in self.fields if name not in more]

    def more_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self._more()]

    def more_in_use(self) -> bool:
        """Whether a folded filter is set (or wrong): then the fold opens."""
        return self.is_bound and any(
            self.data.get(name) or name in self.errors for name in self._more()
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        for list_filter in LIST_FILTERS:
            list_filter.clean(self, data)
        return data

    def filters(self) -> ApplicationFilters:
        """The filters to apply; an invalid form filters nothing but keeps the page."""
        if not self.is_valid():
            return ApplicationFilters()
        data = {key: value for key, value in self.cleaned_data.items() if value}
        more = {name: data.pop(name) for name in self.hooked if name in data}
        return ApplicationFilters(**data, more=more)

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from waspada.applications.countries import country_choices
from waspada.core.tables import EXTENSIONS, check_header
from waspada.networks.models import RingCluster
from waspada.partners.agreements import agencies_with_agreement
from waspada.partners.models import (
    Agency,
    AgencyKind,
    CaseReferral,
    ConsentMethod,
    Need,
    PersonReferral,
    PersonReferralStatus,
    Referral,
    ReferralStatus,
    RequestState,
    SharingKind,
)
from waspada.partners.recommendations import SPEC, RecommendationValues

MAX_RECOMMENDATION_UPLOAD = 20 * 1024 * 1024


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["name", "kind", "regency_code", "is_active"]


class OffersAgencies(forms.Form):
    """A form whose `agency` field offers only the agencies the office may share with."""

    def offer(self, agencies: QuerySet[Agency]) -> None:
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies

    @property
    def has_agencies(self) -> bool:
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        return bool(field.queryset is not None and field.queryset.exists())


class ReferralForm(OffersAgencies):
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
        # Only the units the office may share rings with today (an agreement in force).
        self.offer(agencies_with_agreement(SharingKind.RING).filter(kind=AgencyKind.POLICE))

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

    def __init__(
        self, *args: Any, referral: Referral | PersonReferral | CaseReferral, **kwargs: Any
    ) -> None:
        kwargs.setdefault("initial", {"seen": referral.status})
        super().__init__(*args, **kwargs)
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = referral.next_statuses()
        seen = self.fields["seen"]
        assert isinstance(seen, forms.ChoiceField)
        seen.choices = type(referral)._meta.get_field("status").choices or []


_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonReferralForm(forms.Form):
    """Refer a suspected victim: the agency, the minimum it needs, the consent."""

    agency = forms.ModelChoiceField(
        label=gettext_lazy("Refer to"), queryset=Agency.objects.none(), empty_label=None
    )
    contact = forms.CharField(
        label=gettext_lazy("Phone or contact"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("How the agency reaches the person (as the person wishes)."),
    )
    needs = forms.MultipleChoiceField(
        label=gettext_lazy("Needs"),
        choices=Need.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one need.")},
    )
    summary = forms.CharField(
        label=gettext_lazy("What the office observed"),
        help_text=gettext_lazy(
            "In your own words, what the agency needs to know: no risk score, watchlist or ring."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": gettext_lazy("Summarise in your own words what the office saw.")
        },
    )
    note = forms.CharField(
        label=gettext_lazy("Note for the agency"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    consent_method = forms.ChoiceField(
        label=gettext_lazy("Consent"), choices=ConsentMethod.choices, widget=forms.RadioSelect
    )
    consent_given_by = forms.CharField(
        label=gettext_lazy("Consent given by"), max_length=200, required=False
    )
    consent_on = forms.DateField(
        label=gettext_lazy("Consent given on"), required=False, widget=_DATE
    )
    override_basis = forms.CharField(
        label=gettext_lazy("Without consent: legal basis of the override"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    follow_up_due = forms.DateField(label=gettext_lazy("Follow up by"), widget=_DATE)

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = agencies


class PersonRevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why the referral is revoked"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Write why the referral is revoked.")},
    )
    seen = forms.ChoiceField(choices=PersonReferralStatus.choices, widget=forms.HiddenInput)


class AgreementForm(forms.Form):
    legal_basis = forms.CharField(label=gettext_lazy("Legal basis"), max_length=500)
    covers = forms.MultipleChoiceField(
        label=gettext_lazy("Data it covers"),
        choices=SharingKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose which data the agreement covers.")},
    )
    valid_from = forms.DateField(label=gettext_lazy("Valid from"), widget=_DATE)
    valid_until = forms.DateField(label=gettext_lazy("Valid until"), widget=_DATE)
    document_reference = forms.CharField(label=gettext_lazy("Document reference"), max_length=200)


class RegisterFilterForm(forms.Form):
    """Filters of the office's referral register."""

    agency = forms.ModelChoiceField(
        label=gettext_lazy("Agency"), queryset=Agency.objects.all(), required=False
    )
    state = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    overdue = forms.BooleanField(label=gettext_lazy("Overdue only"), required=False)
    answered = forms.BooleanField(label=gettext_lazy("Answered in the last 7 days"), required=False)
    number = forms.CharField(
        label=gettext_lazy("Covering letter number"), max_length=120, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        state = self.fields["state"]
        assert isinstance(state, forms.ChoiceField)
        merged = dict(ReferralStatus.choices) | dict(PersonReferralStatus.choices)
        state.choices = [("", gettext_lazy("Any")), *merged.items()]


# --- Disnaker recommendations ----------------------------------------------------------------


def _nik(value: str) -> str:
    nik = "".join(value.split())
    if not (len(nik) == 16 and nik.isdigit()):
        raise forms.ValidationError(_("A NIK has 16 digits."))
    return nik


class RecommendationForm(forms.Form):
    """A recommendation the Disnaker issued, as its register keeps it."""

    number = forms.CharField(label=gettext_lazy("Recommendation number"), max_length=100)
    issued_on = forms.DateField(
        label=gettext_lazy("Issued on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    nik = forms.CharField(label=gettext_lazy("NIK"), max_length=30)
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=200)
    destination_country = forms.ChoiceField(label=gettext_lazy("Destination country"))
    employer_name = forms.CharField(label=gettext_lazy("Employer"), max_length=200, required=False)
    p3mi_name = forms.CharField(label=gettext_lazy("P3MI name"), max_length=200, required=False)
    p3mi_license_no = forms.CharField(
        label=gettext_lazy("P3MI licence number"), max_length=100, required=False
    )
    valid_until = forms.DateField(
        label=gettext_lazy("Valid until"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = self.fields["destination_country"]
        assert isinstance(country, forms.ChoiceField)
        country.choices = [("", "---------"), *country_choices()]

    def clean_nik(self) -> str:
        return _nik(self.cleaned_data["nik"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        issued, valid = data.get("issued_on"), data.get("valid_until")
        if issued and valid and valid < issued:
            self.add_error("valid_until", _("Valid until cannot be before the issue date."))
        return data

    def values(self) -> RecommendationValues:
        data = self.cleaned_data
        return RecommendationValues(
            number=data["number"].strip(),
            issued_on=data["issued_on"],
            nik=data["nik"],
            full_name=data["full_name"].strip(),
            destination_country=data["destination_country"],
            valid_until=data["valid_until"],
            employer_name=data.get("employer_name", "").strip(),
            p3mi_name=data.get("p3mi_name", "").strip(),
            p3mi_license_no=data.get("p3mi_license_no", "").strip(),
        )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for revoking"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Write why the recommendation is revoked.")},
    )


ANSWERS = (
    (RequestState.ISSUED, gettext_lazy("Issued by us")),
    (RequestState.NOT_ISSUED, gettext_lazy("Not issued by us")),
    (RequestState.REVOKED, gettext_lazy("Issued, then revoked")),
)


class AnswerForm(RecommendationForm):
    """The answer to a verification request. A Disnaker answering "issued" registers the
    recommendation with its details (the number is the request's)."""

    answer = forms.ChoiceField(
        label=gettext_lazy("Answer"),
        choices=ANSWERS,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose an answer.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    field_order = ["answer", "note"]

    def __init__(self, *args: Any, number: str, with_details: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request_number = number
        self.with_details = with_details
        del self.fields["number"]
        for name in list(self.fields):
            if name in ("answer", "note"):
                continue
            if with_details:
                self.fields[name].required = False
            else:
                del self.fields[name]

    def clean_nik(self) -> str:
        value = self.cleaned_data.get("nik", "")
        return _nik(value) if value else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.with_details and data.get("answer") == RequestState.ISSUED:
            for name in ("issued_on", "nik", "full_name", "destination_country", "valid_until"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Needed to register the recommendation you issued."))
        return data

    def details(self) -> RecommendationValues | None:
        if not self.with_details or self.cleaned_data["answer"] != RequestState.ISSUED:
            return None
        self.cleaned_data["number"] = self.request_number
        return self.values()


class CompletePeriodForm(forms.Form):
    starts_on = forms.DateField(
        label=gettext_lazy("Complete from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=gettext_lazy("Complete until"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end cannot be before the start."))
        if starts and ends and (ends - starts).days > 3660:
            self.add_error("ends_on", _("Declare at most ten years at once."))
        return data


class RecommendationUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (.csv or .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = Path(upload.name or "").name
        if Path(name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(_("Only .csv and .xlsx files can be imported."))
        if upload.size > MAX_RECOMMENDATION_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        problem = check_header(upload, name, SPEC)
        if problem is not None:
            raise forms.ValidationError(problem.message)
        return upload


NIK_ANSWERS = [
    ("match", gettext_lazy("Match: the NIK belongs to this name, birth place and date")),
    ("no_match", gettext_lazy("No match: the NIK exists but belongs to other data")),
    ("not_found", gettext_lazy("Not found: no such NIK in the population register")),
]


class NikAnswerForm(forms.Form):
    """The Dukcapil liaison's answer to a NIK verification request."""

    result = forms.ChoiceField(
        label=gettext_lazy("Answer"),
        choices=NIK_ANSWERS,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose an answer.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Note (e.g. what differs)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NikRequestForm(forms.Form):
    """An officer asks Dukcapil to verify an application's identity."""

    reason = forms.CharField(
        label=gettext_lazy("Why (for the record)"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("e.g. the KTP looks altered")}),
    )


class AlertForm(OffersAgencies):
    """A supervisor alerts a police unit (only units with an agreement in force)."""

    agency = forms.ModelChoiceField(
        label=gettext_lazy("Police unit"),
        queryset=Agency.objects.none(),
        error_messages={"required": gettext_lazy("Choose the police unit to alert.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Note for the police"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Write a note for the police.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from waspada.partners.alerts import police_units

        super().__init__(*args, **kwargs)
        self.offer(police_units())


class SubmissionForm(forms.Form):
    """A police unit submits a wanted person or a known broker."""

    list_type = forms.ChoiceField(
        label=gettext_lazy("Type"),
        choices=[
            ("wanted", gettext_lazy("Wanted person")),
            ("known_broker", gettext_lazy("Known broker (calo)")),
        ],
    )
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=300)
    aliases = forms.CharField(
        label=gettext_lazy("Aliases (separated by ;)"), max_length=500, required=False
    )
    nik = forms.RegexField(
        label=gettext_lazy("NIK"),
        regex=r"^[0-9]{16}$",
        required=False,
        error_messages={"invalid": gettext_lazy("A NIK has 16 digits.")},
    )
    birth_date = forms.DateField(label=gettext_lazy("Birth date"), required=False, widget=_DATE)
    sex = forms.ChoiceField(
        label=gettext_lazy("Sex"),
        required=False,
        choices=[("", "—"), ("L", gettext_lazy("Male")), ("P", gettext_lazy("Female"))],
    )
    phone = forms.RegexField(
        label=gettext_lazy("Phone (E.164, e.g. +6281234567890)"),
        regex=r"^\+[1-9][0-9]{7,14}$",
        required=False,
        error_messages={"invalid": gettext_lazy("Write the phone as +62 and its digits.")},
    )
    basis = forms.CharField(
        label=gettext_lazy("Basis (warrant, DPO or case number)"), max_length=300
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.Form):
    """A supervisor accepts or rejects a submission."""

    decision = forms.ChoiceField(
        choices=[("accept", gettext_lazy("Accept")), ("reject", gettext_lazy("Reject"))]
    )
    note = forms.CharField(label=gettext_lazy("Reason"), max_length=500, required=False)


class BrokerForm(forms.Form):
    """A supervisor puts a broker named on an application on the office's watchlist."""

    role = forms.ChoiceField(label=gettext_lazy("Broker"))
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Write the reason.")},
    )

    def __init__(self, *args: Any, brokers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = [(b.role, f"{b.role_label}: {b.name}") for b in brokers]


class BrokerReferralForm(BrokerForm, OffersAgencies):
    """... or refers them to a police unit (only units with an agreement in force)."""

    agency = forms.ModelChoiceField(
        label=gettext_lazy("Police unit"),
        queryset=Agency.objects.none(),
        error_messages={"required": gettext_lazy("Choose the police unit.")},
    )

    field_order = ["role", "agency", "reason"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from waspada.partners.alerts import police_units

        kwargs.setdefault("prefix", "refer")  # beside the watchlist form on the broker page
        super().__init__(*args, **kwargs)
        self.offer(police_units())

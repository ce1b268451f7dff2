"""The public forms (job-offer checker, report, status) and the office's forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from waspada.applications.countries import country_choices
from waspada.core.forms import IdsChoiceField
from waspada.domain.job_offers import ArrangedBy, Contract, FeePaidTo, Job, Visa
from waspada.partners.alerts import police_units
from waspada.partners.models import Agency
from waspada.publik import tracking
from waspada.publik.images import ACCEPT_ATTRIBUTE, MAX_UPLOAD_BYTES
from waspada.publik.models import (
    Article,
    ArticleKind,
    CloseReason,
    MediaCoverage,
    OutreachActivity,
)
from waspada.regions.widgets import RegionPickerWidget

JOB_CHOICES = [
    (Job.DOMESTIC.value, _("Domestic worker (housemaid, nanny)")),
    (Job.CAREGIVER.value, _("Caregiver for the elderly or sick")),
    (Job.FACTORY.value, _("Factory worker")),
    (Job.PLANTATION.value, _("Farm or plantation worker")),
    (Job.CONSTRUCTION.value, _("Construction worker")),
    (Job.FISHING.value, _("Fishing boat crew")),
    (Job.HOSPITALITY.value, _("Hotel, restaurant or spa")),
    (Job.ONLINE.value, _("Admin, customer service, online operator or marketing")),
    (Job.OTHER.value, _("Something else")),
]
FEE_TO_CHOICES = [
    (FeePaidTo.NOBODY.value, _("No money was asked")),
    (FeePaidTo.AGENCY.value, _("To the agency's office or account, with a receipt")),
    (FeePaidTo.INDIVIDUAL.value, _("To a person (sponsor, field agent, 'staff'), in cash")),
    (FeePaidTo.UNKNOWN.value, _("I do not know")),
]
ARRANGED_CHOICES = [
    (ArrangedBy.AGENCY.value, _("A placement agency (P3MI)")),
    (ArrangedBy.GOVERNMENT.value, _("Disnaker or BP2MI (government programme)")),
    (ArrangedBy.SPONSOR.value, _("A sponsor, calo or field agent")),
    (ArrangedBy.FAMILY.value, _("A relative, neighbour or friend")),
    (ArrangedBy.ONLINE.value, _("Someone on social media or in a chat group")),
    (ArrangedBy.EMPLOYER.value, _("The employer abroad, directly")),
    (ArrangedBy.UNKNOWN.value, _("I do not know")),
]
VISA_CHOICES = [
    (Visa.WORK.value, _("A work visa")),
    (Visa.TOURIST.value, _("A tourist or visit visa ('converted later')")),
    (Visa.UMRAH.value, _("An umrah or hajj visa")),
    (Visa.STUDENT.value, _("A student or internship visa")),
    (Visa.NONE.value, _("Not told / I do not know")),
]
CONTRACT_CHOICES = [
    (Contract.SEEN.value, _("Yes, I read the work agreement")),
    (Contract.LATER.value, _("No, I am told I will sign it there")),
    (Contract.NOT_SEEN.value, _("No")),
]
_MAX_RUPIAH = 10_000_000_000


def _money(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=_MAX_RUPIAH,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": "Rp"}),
    )


class OfferForm(forms.Form):
    """The checker's questions (sent by GET: nothing is stored)."""

    destination = forms.ChoiceField(label=_("Destination country"), required=False)
    job = forms.ChoiceField(label=_("The job offered"), choices=JOB_CHOICES)
    monthly_pay = _money(_("Promised pay per month (rupiah)"))
    fee = _money(_("Money asked of you before leaving (rupiah)"))
    fee_paid_to = forms.ChoiceField(
        label=_("To whom is the money paid?"),
        choices=FEE_TO_CHOICES,
        widget=forms.RadioSelect,
        initial=FeePaidTo.NOBODY.value,
    )
    arranged_by = forms.ChoiceField(
        label=_("Who arranges the departure?"),
        choices=ARRANGED_CHOICES,
        widget=forms.RadioSelect,
        initial=ArrangedBy.UNKNOWN.value,
    )
    visa = forms.ChoiceField(
        label=_("Which visa?"),
        choices=VISA_CHOICES,
        widget=forms.RadioSelect,
        initial=Visa.NONE.value,
    )
    contract = forms.ChoiceField(
        label=_("Have you seen a written work agreement?"),
        choices=CONTRACT_CHOICES,
        widget=forms.RadioSelect,
        initial=Contract.NOT_SEEN.value,
    )
    recruiter_name = forms.CharField(
        label=_("Name of the agency or recruiter (optional)"), required=False, max_length=200
    )
    recruiter_licence = forms.CharField(
        label=_("Licence number of the agency (optional)"), required=False, max_length=100
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["destination"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("I do not know")), *country_choices()]
        for choice in self.fields.values():
            choice.error_messages["invalid_choice"] = _("Choose one of the answers offered.")


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to `MAX_PHOTOS` images in one input."""

    MAX_PHOTOS = 3

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleImageInput(attrs={"accept": ACCEPT_ATTRIBUTE}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > self.MAX_PHOTOS:
            raise forms.ValidationError(
                _("Send at most %(count)s photos.") % {"count": self.MAX_PHOTOS}
            )
        for upload in files:
            if not isinstance(upload, UploadedFile):
                raise forms.ValidationError(_("Not a file."))
            if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
                raise forms.ValidationError(
                    _("Each photo may be at most %(limit)s MB.")
                    % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)}
                )
        return files


class ReportForm(forms.Form):
    what = forms.CharField(
        label=_("What happened?"),
        help_text=_("The offer, the promises, the money asked, the travel plan."),
        max_length=4000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    place = forms.CharField(
        label=_("Where? (village, kecamatan, regency)"),
        max_length=300,
    )
    who = forms.CharField(
        label=_("Who is involved? (optional)"),
        help_text=_("The recruiter, the agency, the people being sent."),
        max_length=300,
        required=False,
    )
    contact = forms.CharField(
        label=_("How can we reach you? (optional)"),
        help_text=_("A phone number or e-mail address, only if you want the office to call."),
        max_length=200,
        required=False,
    )
    photos = PhotosField(
        label=_("Photos of the offer (optional, at most 3, JPEG/PNG, 5 MB each)"),
        required=False,
    )
    # A field people do not see (hidden by the style sheet): only robots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def clean_what(self) -> str:
        text: str = self.cleaned_data["what"].strip()
        if len(text) < 10:
            raise forms.ValidationError(_("Please tell us a little more (10 characters or more)."))
        return text


class StatusForm(forms.Form):
    code = forms.CharField(
        label=_("Your tracking code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        if not tracking.looks_like_code(code):
            raise forms.ValidationError(
                _("A tracking code has 12 letters and digits, like ABCD-EFGH-JKMN.")
            )
        return tracking.normalise(code)


# --- The office side ------------------------------------------------------------------------


class LinkSearchForm(forms.Form):
    q = forms.CharField(label=_("Application number, NIK, name, ring number or licence"),
                        max_length=100, required=False)  # fmt: skip


class ReferForm(forms.Form):
    """Refer a report to a police unit."""

    # Only the units with a data-sharing agreement in force covering reports.
    agency = forms.ModelChoiceField(label=_("Police unit"), queryset=Agency.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = police_units()

    note = forms.CharField(
        label=_("Note for the police"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    public_note = forms.CharField(
        label=_("Note the reporter sees (no personal data)"), max_length=500, required=False
    )


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=CloseReason.choices)
    public_note = forms.CharField(
        label=_("Note the reporter sees (no personal data)"), max_length=500, required=False
    )


class ArticleForm(forms.ModelForm):
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        help_text=_("Empty: a draft. A time in the future: published then."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    class Meta:
        model = Article
        fields = [
            "kind",
            "slug",
            "title",
            "summary",
            "body",
            "title_en",
            "summary_en",
            "body_en",
            "publish_at",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 16}),
            "body_en": forms.Textarea(attrs={"rows": 10}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # One guide: the guide page is edited, never a second one created.
        field = self.fields["kind"]
        assert isinstance(field, forms.ChoiceField)
        if self.instance.pk and self.instance.kind == ArticleKind.GUIDE:
            field.choices = [(ArticleKind.GUIDE.value, ArticleKind.GUIDE.label)]
        else:
            field.choices = [c for c in ArticleKind.choices if c[0] != ArticleKind.GUIDE]


class ArticleImageForm(forms.Form):
    image = forms.FileField(
        label=_("Image (JPEG, PNG, WebP or GIF, at most 5 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    alt = forms.CharField(label=_("What the image shows (for blind readers)"), max_length=200)


class OutreachForm(forms.ModelForm):
    village = forms.CharField(label=_("Village"), widget=RegionPickerWidget)

    class Meta:
        model = OutreachActivity
        fields = ["held_on", "place", "audience", "people_reached", "partners", "materials"]
        field_classes = {"partners": IdsChoiceField}
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "partners": forms.CheckboxSelectMultiple,
            "materials": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = ["held_on", "village", "place", "audience", "people_reached", "partners"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["village"] = self.instance.village_id
        field = self.fields["partners"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Agency.objects.filter(is_active=True)

    def clean_village(self) -> str:
        from waspada.regions.models import Region

        code: str = self.cleaned_data["village"]
        if not Region.objects.filter(code=code, level="village").exists():
            raise forms.ValidationError(_("Choose the village (desa / kelurahan)."))
        return code


class CoverageForm(forms.ModelForm):
    link = forms.URLField(label=_("link"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = MediaCoverage
        fields = ["outlet", "kind", "published_on", "title", "link"]
        widgets = {"published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

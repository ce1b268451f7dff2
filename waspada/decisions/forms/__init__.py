"""Forms of the decision pages. The rules themselves are checked by the services.

The fields only parse what was typed (a date, a choice); what a decision needs - a
reason, a legal basis, the missing documents - is judged once, by the domain rules
behind the service, whose problems the views put on these fields.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.applications.forms import DOCUMENT_LABELS
from waspada.applications.models import PassportApplication
from waspada.core.forms import BoundedDateField
from waspada.decisions.models import Outcome, ReasonCode
from waspada.domain import decisions as rules
from waspada.domain.documents import missing_documents

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReasonCodeSelect(forms.Select):
    """Each option says its outcome and suggested legal basis (read by decisions.js)."""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        reason = rules.REASONS.get(str(option["value"]))
        if reason is not None:
            option["attrs"]["data-outcome"] = reason.outcome.value
            option["attrs"]["data-legal-basis"] = reason.legal_basis
        return option


class VersionForm(forms.Form):
    """The application's version when the page was loaded (optimistic locking)."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class ProposalForm(VersionForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *Outcome.choices])
    reason_code = forms.ChoiceField(
        label=_("Reason code"),
        choices=[("", "—"), *ReasonCode.choices],
        required=False,
        widget=ReasonCodeSelect,
        help_text=_("For refusals and cancellations."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In plain words: the facts the decision rests on. The letter quotes it."),
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Filled in from the reason code; add to it where needed."),
    )
    missing_documents = forms.MultipleChoiceField(
        label=_("Missing documents"),
        required=False,
        choices=list(DOCUMENT_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For deferrals: what the applicant must bring."),
    )
    deadline = BoundedDateField(
        label=_("Deadline to complete the documents"),
        required=False,
        widget=_DATE,
    )

    def offer_only_for(self, status: str) -> None:
        """Show only the outcomes that may be proposed from `status` (an unbound form).

        A submitted form keeps every outcome: when the status changed meanwhile, the
        service answers with the reason instead of "not a valid choice".
        """
        field = self.fields["outcome"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", "—"),
            *(
                (value, label)
                for value, label in Outcome.choices
                if status in rules.PROPOSABLE_FROM[rules.Outcome(value)]
            ),
        ]

    @classmethod
    def initial_for(
        cls, application: PassportApplication, *, today: dt.date, deferral_days: int
    ) -> dict[str, Any]:
        """Starting values: the documents missing for the purpose, the usual deadline."""
        return {
            "version": application.version,
            "missing_documents": list(
                missing_documents(application.purpose, application.documents).documents
            ),
            "deadline": rules.deferral_deadline(today, deferral_days),
        }

    def proposal(self) -> dict[str, Any]:
        """The cleaned values as keyword arguments of `services.propose_decision`."""
        data = self.cleaned_data
        return {
            "outcome": data["outcome"],
            "reason": data["reason"],
            "reason_code": data["reason_code"],
            "legal_basis": data["legal_basis"],
            "missing_documents": data["missing_documents"],
            "deadline": data["deadline"],
            "expected_version": data["version"],
        }


class ReviewForm(VersionForm):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you return the proposal."),
    )

"""Forms of the interview pages. They parse what was typed; the services judge it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from waspada.applications.countries import country_choices
from waspada.applications.models import Purpose
from waspada.core.forms import BoundedDateField
from waspada.core.models import User
from waspada.domain.consistency import StatedFacts
from waspada.domain.question_bank import is_active, sort_key
from waspada.domain.risk import INDICATOR_CODES
from waspada.interviews.models import (
    InterviewKind,
    InterviewSession,
    Observation,
    SessionState,
    StatedFunds,
    StatedRelation,
    StatedTicket,
)
from waspada.interviews.queries import UNASSIGNED, ListFilters, WaitingFilters
from waspada.interviews.services import (
    AnswerInput,
    QuestionInput,
    RaisedIndicator,
    assignable_interviewers,
)
from waspada.screening.policies import policy_of, version_in_force
from waspada.screening.questions import language_key

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_NOT_ASKED = [("", "—")]


def indicator_choices() -> list[tuple[str, str]]:
    """(code, "U01 Passport held by others") for every indicator code, titled from the
    policy in force where it has the code."""
    language = language_key(get_language())
    indicators = policy_of(version_in_force()).indicators
    return [
        (code, f"{code} {indicators[code].title[language]}" if code in indicators else code)
        for code in INDICATOR_CODES
    ]


def bank_question_choices(session: InterviewSession) -> list[Any]:
    """The active questions of the session's bank version not asked yet, grouped by
    indicator (for a select with option groups)."""
    asked = {answer.question_code for answer in session.answers.all()}
    data: Mapping[str, Mapping[str, Any]] = session.question_bank.data
    groups: dict[str, list[tuple[str, str]]] = {}
    for code in sorted(data, key=sort_key):
        entry = data[code]
        if code in asked or not is_active(entry):
            continue
        text = entry["text"][session.language]
        label = f"{code} {text[:90]}{'…' if len(text) > 90 else ''}"
        groups.setdefault(entry["indicator"], []).append((code, label))
    return [("", "—"), *groups.items()]


def _set_choices(form: forms.Form, name: str, choices: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class VersionForm(forms.Form):
    """The application's version when the page was loaded (optimistic locking)."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class StartForm(VersionForm):
    kind = forms.ChoiceField(
        label=_("Kind of interview"), choices=InterviewKind.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, deep_recommended: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if deep_recommended:
            # The assessment asks for the deep interview: offer nothing less.
            _set_choices(self, "kind", [(InterviewKind.DEEP, InterviewKind.DEEP.label)])
            self.fields["kind"].initial = InterviewKind.DEEP
        else:
            self.fields["kind"].initial = InterviewKind.STANDARD


class SessionForm(forms.Form):
    """Everything recorded on the session page: one answer block per question, the
    structured answers the consistency checks compare, observations, raised indicators
    (one empty row to add another), and notes."""

    stated_purpose = forms.ChoiceField(label=_("Purpose stated"), required=False)
    stated_destination = forms.ChoiceField(label=_("Destination stated"), required=False)
    stated_departure = BoundedDateField(
        label=_("Departure date stated"), required=False, widget=_DATE
    )
    stated_return_ticket = forms.ChoiceField(
        label=_("Return ticket"),
        required=False,
        choices=[("", _("Not asked")), *StatedTicket.choices],
        widget=forms.RadioSelect,
    )
    stated_funds = forms.ChoiceField(
        label=_("Who pays for the trip"),
        required=False,
        choices=[*_NOT_ASKED, *StatedFunds.choices],
    )
    stated_sponsor_relation = forms.ChoiceField(
        label=_("Relation to the sponsor"),
        required=False,
        choices=[*_NOT_ASKED, *StatedRelation.choices],
    )
    observations = forms.MultipleChoiceField(
        label=_("Observations"),
        required=False,
        choices=Observation.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    # Part of the same form, so that adding a question keeps what was typed.
    add_code = forms.ChoiceField(label=_("Add a question from the bank"), required=False)

    def __init__(self, *args: Any, session: InterviewSession, **kwargs: Any) -> None:
        kwargs.setdefault("initial", self.initial_for(session))
        super().__init__(*args, **kwargs)
        self.session = session
        self.codes = [answer.question_code for answer in session.answers.all()]
        _set_choices(self, "stated_purpose", _NOT_ASKED + Purpose.choices)
        _set_choices(self, "stated_destination", _NOT_ASKED + country_choices())
        _set_choices(self, "add_code", bank_question_choices(session))
        indicators = _NOT_ASKED + indicator_choices()
        for code in self.codes:
            self.fields[f"a_{code}"] = forms.CharField(
                label=_("Answer"), required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
            self.fields[f"w_{code}"] = forms.BooleanField(label=_("Worrying"), required=False)
            self.fields[f"r_{code}"] = forms.ChoiceField(
                label=_("Raises indicator"), required=False, choices=indicators
            )
        self.raised_rows = len(session.raised_indicators) + 1
        for index in range(self.raised_rows):
            self.fields[f"raised_code_{index}"] = forms.ChoiceField(
                label=_("Indicator"), required=False, choices=indicators
            )
            self.fields[f"raised_note_{index}"] = forms.CharField(
                label=_("What the applicant said or the officer saw"),
                required=False,
                max_length=300,
            )

    @staticmethod
    def initial_for(session: InterviewSession) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "stated_purpose": session.stated_purpose,
            "stated_destination": session.stated_destination,
            "stated_departure": session.stated_departure,
            "stated_return_ticket": session.stated_return_ticket,
            "stated_funds": session.stated_funds,
            "stated_sponsor_relation": session.stated_sponsor_relation,
            "observations": session.observations,
            "notes": session.notes,
        }
        for answer in session.answers.all():
            initial[f"a_{answer.question_code}"] = answer.answer
            initial[f"w_{answer.question_code}"] = answer.worrying
            initial[f"r_{answer.question_code}"] = answer.raises
        for index, item in enumerate(session.raised_indicators):
            initial[f"raised_code_{index}"] = item["code"]
            initial[f"raised_note_{index}"] = item.get("note", "")
        return initial

    def answer_rows(self) -> list[dict[str, Any]]:
        """Per question: the answer, its snapshot and its three fields (for the template)."""
        data = self.session.question_bank.data
        language = self.session.language
        return [
            {
                "answer": answer,
                "worrying_text": (data.get(answer.question_code) or {})
                .get("worrying", {})
                .get(language, ""),
                "text": self[f"a_{answer.question_code}"],
                "worrying": self[f"w_{answer.question_code}"],
                "raises": self[f"r_{answer.question_code}"],
            }
            for answer in self.session.answers.all()
        ]

    STATED = (
        "stated_purpose",
        "stated_destination",
        "stated_departure",
        "stated_return_ticket",
        "stated_funds",
        "stated_sponsor_relation",
    )

    def stated_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.STATED]

    def raised_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"raised_code_{index}"], self[f"raised_note_{index}"])
            for index in range(self.raised_rows)
        ]

    def answers(self) -> dict[str, AnswerInput]:
        data = self.cleaned_data
        return {
            code: AnswerInput(
                answer=data.get(f"a_{code}", ""),
                worrying=bool(data.get(f"w_{code}")),
                raises=data.get(f"r_{code}", ""),
            )
            for code in self.codes
        }

    def raised(self) -> list[RaisedIndicator]:
        data = self.cleaned_data
        return [
            RaisedIndicator(data[f"raised_code_{index}"], data.get(f"raised_note_{index}", ""))
            for index in range(self.raised_rows)
            if data.get(f"raised_code_{index}")
        ]

    def stated(self) -> StatedFacts:
        data = self.cleaned_data
        return StatedFacts(
            purpose=data["stated_purpose"],
            destination_country=data["stated_destination"],
            departure=data["stated_departure"],
            return_ticket=data["stated_return_ticket"],
            funds=data["stated_funds"],
            sponsor_relation=data["stated_sponsor_relation"],
        )


class BankQuestionForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"))
    text_id = forms.CharField(
        label=_("Question (Indonesian)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    text_en = forms.CharField(
        label=_("Question (English)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    worrying_id = forms.CharField(
        label=_("Worrying answer (Indonesian)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    worrying_en = forms.CharField(
        label=_("Worrying answer (English)"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "indicator", [("", "—"), *indicator_choices()])
        if editing:
            # A question keeps its indicator: its code says which one it belongs to.
            self.fields["indicator"].disabled = True

    @staticmethod
    def initial_for(entry: Mapping[str, Any]) -> dict[str, str]:
        return {
            "indicator": entry["indicator"],
            "text_id": entry["text"]["id"],
            "text_en": entry["text"]["en"],
            "worrying_id": entry["worrying"]["id"],
            "worrying_en": entry["worrying"]["en"],
        }

    def question(self) -> QuestionInput:
        data = self.cleaned_data
        return QuestionInput(
            indicator=data["indicator"],
            text_id=data["text_id"],
            text_en=data["text_en"],
            worrying_id=data["worrying_id"],
            worrying_en=data["worrying_en"],
        )


class PublishBankForm(forms.Form):
    note = forms.CharField(
        label=_("What changes and why"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ListFilterForm(forms.Form):
    """The interview list's filters (a GET form: a bad value falls back to the default)."""

    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("open", _("In progress")), ("finished", _("Finished")), ("all", _("All"))],
    )
    mine = forms.ChoiceField(
        label=_("Interviewer"),
        required=False,
        choices=[("", _("Everyone")), ("1", _("Mine only"))],
    )
    interviewer = forms.ChoiceField(label=_("Assigned to"), required=False)
    waited = forms.IntegerField(
        label=_("Waiting longer than (days)"), required=False, min_value=0, max_value=3650
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "interviewer", [("", _("Anyone")), *interviewer_choices()])

    def filters(self, user_id: int) -> ListFilters:
        data = self.cleaned_data if self.is_valid() else {}
        state = data.get("state") or SessionState.OPEN
        chosen = data.get("interviewer")
        return ListFilters(
            state="" if state == "all" else state,
            interviewer_id=user_id if data.get("mine") else (int(chosen) if chosen else None),
            waited_days=data.get("waited"),
        )


def interviewer_choices() -> list[tuple[str, str]]:
    """(id, name) of every officer an interview may be assigned to."""
    return [
        (str(user.pk), user.get_full_name() or user.get_username())
        for user in assignable_interviewers()
    ]


class WaitingFilterForm(forms.Form):
    """The waiting list's filters (a GET form: a bad value falls back to the default)."""

    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)
    deep = forms.BooleanField(label=_("Deep interviews only"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(
            self,
            "assignee",
            [
                ("", _("Anyone or nobody")),
                ("mine", _("Mine only")),
                (UNASSIGNED, _("Not assigned yet")),
                *interviewer_choices(),
            ],
        )

    def filters(self, user_id: int) -> WaitingFilters:
        data = self.cleaned_data if self.is_valid() else {}
        chosen = data.get("assignee") or ""
        assignee: int | str | None = None
        if chosen == "mine":
            assignee = user_id
        elif chosen == UNASSIGNED:
            assignee = UNASSIGNED
        elif chosen:
            assignee = int(chosen)
        return WaitingFilters(assignee=assignee, deep_only=bool(data.get("deep")))


class AssignForm(forms.Form):
    """Assign (or reassign) an application's interview to an officer."""

    interviewer = forms.ChoiceField(label=_("Interviewer"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "interviewer", [("", "—"), *interviewer_choices()])

    def chosen(self) -> User:
        return User.objects.get(pk=int(self.cleaned_data["interviewer"]))

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.core.forms import BoundedDateField
from waspada.core.models import User
from waspada.core.roles import Role
from waspada.decisions.models import Outcome
from waspada.domain.training_grading import MIN_REASON_CHARS
from waspada.training.models import TrainingModule

TRAINING_ROLES = [
    (Role.INTAKE_OFFICER.value, Role.INTAKE_OFFICER.label),
    (Role.INTERVIEWER.value, Role.INTERVIEWER.label),
    (Role.SUPERVISOR.value, Role.SUPERVISOR.label),
]
OUTCOMES = [(value, label) for value, label in Outcome.choices]


class DecideFields(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What do you decide?"), choices=OUTCOMES, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        min_length=MIN_REASON_CHARS,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ExerciseForm(DecideFields):
    indicators = forms.MultipleChoiceField(
        label=_("What do you see? (the indicators)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    questions = forms.MultipleChoiceField(
        label=_("What do you ask? (the questions)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    seconds = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    field_order = ["indicators", "questions", "outcome", "reason"]

    def __init__(
        self,
        *args: Any,
        indicators: list[tuple[str, str]],
        questions: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicators"].choices = indicators  # type: ignore[attr-defined]
        self.fields["questions"].choices = questions  # type: ignore[attr-defined]


class ModuleForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = TrainingModule
        fields = ["introduction", "pass_threshold", "required_exercises"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 8})}

    def clean_pass_threshold(self) -> int:
        value = self.cleaned_data["pass_threshold"]
        if not 0 <= value <= 100:
            raise forms.ValidationError(_("Give a mark between 0 and 100."))
        return int(value)

    def clean_required_exercises(self) -> int:
        value = self.cleaned_data["required_exercises"]
        if not 1 <= value <= 50:
            raise forms.ValidationError(_("Give a number between 1 and 50."))
        return int(value)


class GenerateForm(forms.Form):
    count = forms.IntegerField(label=_("Exercises to make"), min_value=1, max_value=5000)


class AssignForm(forms.Form):
    module = forms.ModelChoiceField(label=_("Module"), queryset=TrainingModule.objects.all())
    officers = forms.ModelMultipleChoiceField(
        label=_("Officers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    role = forms.ChoiceField(
        label=_("Or everyone in the role"), choices=[("", "—"), *TRAINING_ROLES], required=False
    )
    due_on = BoundedDateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = officers  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("officers") and not data.get("role"):
            raise forms.ValidationError(_("Choose officers or a role."))
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for revoking"), min_length=5, max_length=300)


class ObserveForm(forms.Form):
    observed = forms.MultipleChoiceField(
        label=_("Indicators you see"), required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(
        label=_("Observations"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, indicators: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["observed"].choices = indicators  # type: ignore[attr-defined]

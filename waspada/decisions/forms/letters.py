"""The form of the letter signatories page (who signs letters, with which NIP)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from waspada.core.models import User
from waspada.core.policy import Action, actions_for_role, users_with
from waspada.domain.letters import nip_is_valid, normalise_nip


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        return f"{obj.get_full_name()} ({obj.get_username()}, {obj.get_role_display()})"


class SignatoryForm(forms.Form):
    officer = OfficerChoiceField(
        label=_("Officer"),
        # Interviewers sign interview records, supervisors and the head of office sign
        # deferrals and refusals: the policy says who may sign letters.
        queryset=users_with(Action.SIGN_LETTERS).order_by("full_name", "username"),
    )
    nip = forms.CharField(label=_("NIP"), max_length=30, help_text=_("18 digits."))
    position = forms.CharField(
        label=_("Position"),
        max_length=200,
        required=False,
        help_text=_("As printed under the name, e.g. Kepala Seksi Lalu Lintas Keimigrasian."),
    )
    signs_for_head = forms.BooleanField(
        label=_("Signs deferral and refusal letters on behalf of the head of office"),
        required=False,
        help_text=_(
            "The letters of the decisions this officer signs off then carry their "
            "signature (a.n. Kepala Kantor) instead of the head of office's."
        ),
    )

    def clean_nip(self) -> str:
        nip = normalise_nip(self.cleaned_data["nip"])
        if not nip_is_valid(nip):
            raise forms.ValidationError(_("A NIP has 18 digits."))
        return nip

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        officer = cleaned.get("officer")
        signs = cleaned.get("signs_for_head")
        if signs and officer is not None:
            if Action.SIGN_OFF_DECISION not in actions_for_role(officer.role):
                self.add_error(
                    "signs_for_head",
                    _("Only an officer who signs off decisions can sign their letters."),
                )
            elif not str(cleaned.get("position", "")).strip():
                self.add_error(
                    "position", _("Give the position printed under a signature for the head.")
                )
        return cleaned

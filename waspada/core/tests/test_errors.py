"""Refusals reach the officer the same way: on their field, or on the whole form."""

from __future__ import annotations

from django import forms

from waspada.core.errors import UserFacingError, add_to_form


class _Refused(UserFacingError):
    def form_errors(self) -> list[tuple[str, str]]:
        return [("reason", "Write the reason."), ("deadline", "Not a field here."), ("", "Also")]


class _Form(forms.Form):
    reason = forms.CharField(required=False)


def test_messages_go_on_their_field_or_on_the_whole_form() -> None:
    form = _Form({"reason": ""})
    assert form.is_valid()
    add_to_form(form, _Refused())
    assert form.errors["reason"] == ["Write the reason."]
    assert form.non_field_errors() == ["Not a field here.", "Also"]


def test_a_plain_refusal_is_a_whole_form_message() -> None:
    form = _Form({})
    form.is_valid()
    add_to_form(form, UserFacingError("Only drafts can be edited."))
    assert form.non_field_errors() == ["Only drafts can be edited."]

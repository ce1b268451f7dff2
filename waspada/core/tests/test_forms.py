"""Shared form fields: odd values are form errors, never server errors."""

from __future__ import annotations

import pytest
from django import forms

from waspada.core.forms import IdsChoiceField
from waspada.core.models import User


class _Pick(forms.Form):
    users = IdsChoiceField(queryset=User.objects.all(), required=False)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "value",
    ["99999999999999999999", "9223372036854775808", "-99999999999999999999",
     " 99999999999999999999 ", "٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩", "x", "-1"],
)  # fmt: skip
def test_an_id_no_row_can_have_is_an_invalid_choice(value: str) -> None:
    form = _Pick({"users": [value]})
    assert not form.is_valid()
    assert value in form.errors["users"][0]  # "... is not one of the available choices"


@pytest.mark.django_db
def test_real_ids_are_chosen(admin_user: User) -> None:
    form = _Pick({"users": [str(admin_user.pk)]})
    assert form.is_valid()
    assert list(form.cleaned_data["users"]) == [admin_user]

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from waspada.core import throttle, two_factor
from waspada.core.models import User, agencies
from waspada.core.roles import Role
from waspada.domain.names import without_format_characters

# The dates Waspada works with: nobody applying was born before 1900, and a date past
# 2099 is a typo. Beyond them the calendar arithmetic of the filters overflows.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2099, 12, 31)


class BoundedDateField(forms.DateField):
    """A date field that refuses dates outside 1900-2099 with a form error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.validators.append(MinValueValidator(EARLIEST_DATE))
        self.validators.append(MaxValueValidator(LATEST_DATE))


def id_from_query(value: str | None) -> int | None:
    """A row id from a query parameter: ASCII digits within the database's integers, or
    None (a superscript "²" passes `isdigit`, a huge number overflows the database)."""
    if not value or not value.isascii() or not value.isdigit() or len(value) > 18:
        return None
    return int(value)


class IdsChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Several rows chosen by id (checkboxes): a value that cannot be a row id is an invalid
    choice like any other. Django passes ids to the database as they come, and SQLite cannot
    even bind a number beyond 64 bits (a 500 instead of a form error)."""

    def clean(self, value: Any) -> Any:
        for pk in value if isinstance(value, list | tuple) else ():
            try:
                number = int(str(pk).strip())  # as Django reads it: "-9…", "٩٩…" too
            except ValueError:
                continue  # not a number at all: Django's own "invalid value"
            if not -(2**63) <= number < 2**63:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(pk)},
                )
        return super().clean(value)


class WithoutFormatCharactersForm(forms.Form):
    """A form whose typed text loses invisible formatting characters (a right-to-left
    override, zero-width spaces) before it is checked: names read as they look."""

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None:
            data = data.copy()
            for key in list(data):
                values = data.getlist(key) if hasattr(data, "getlist") else [data[key]]
                cleaned = [
                    without_format_characters(value) if isinstance(value, str) else value
                    for value in values
                ]
                if hasattr(data, "setlist"):
                    data.setlist(key, cleaned)
                else:
                    data[key] = cleaned[0]
        super().__init__(data, *args, **kwargs)


class LoginForm(AuthenticationForm):
    """The password step of signing in: a username whose recent attempts failed must wait
    before its next one, which is then refused without the password being checked."""

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if username:
            wait = throttle.wait_seconds(username)
            if wait:
                raise forms.ValidationError(throttle.refusal(wait), code="slowed_down")
        return super().clean()


class OwnPasswordChangeForm(PasswordChangeForm):
    """Changing one's own password: the new one must differ from the current one (which
    an administrator may know)."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password = data.get("new_password2")
        if password and "new_password2" not in self.errors and self.user.check_password(password):
            self.add_error("new_password2", _("Choose a password different from the current one."))
        return data


class _AccountFieldsForm(forms.Form):
    """Fields shared by the create and edit forms, with the partner/agency rule."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Email"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    agency: forms.ModelChoiceField[Model] = forms.ModelChoiceField(
        label=_("Agency (partner users only)"), queryset=None, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies().filter(is_active=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role, agency = data.get("role"), data.get("agency")
        if role == Role.PARTNER and agency is None:
            self.add_error("agency", _("A partner user must belong to an agency."))
        if role and role != Role.PARTNER and agency is not None:
            self.add_error("agency", _("Only partner users belong to an agency."))
        return data


class UserCreateForm(_AccountFieldsForm):
    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Use letters, digits and . @ + - _ only.")},
    )
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(render_value=True),
        help_text=_("The user can change it after logging in."),
    )
    field_order = ["username", "full_name", "email", "role", "agency", "password"]

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is already taken."))
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        password = data.get("password")
        if password:
            # Checked against the new user's own username, name and email too.
            account = User(
                username=data.get("username", ""),
                full_name=data.get("full_name", ""),
                email=data.get("email", ""),
            )
            try:
                password_validation.validate_password(password, account)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class UserEditForm(_AccountFieldsForm):
    is_active = forms.BooleanField(
        label=_("Active (may log in)"),
        required=False,
        help_text=_("Deactivate instead of deleting: the user's history stays."),
    )


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Actor (username)"), required=False)
    action = forms.CharField(label=_("Action"), required=False)
    object_type = forms.CharField(label=_("Object type"), required=False)
    object_id = forms.CharField(label=_("Object id"), required=False)
    date_from = BoundedDateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = BoundedDateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
    )


class RenewRecoveryCodesForm(forms.Form):
    """Who asks for new recovery codes proves it is them: their password, or a code from
    their authenticator app. Wrong answers slow the username down as at sign-in."""

    proof = forms.CharField(
        label=_("Your password, or a code from your authenticator app"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_proof(self) -> str:
        proof: str = self.cleaned_data["proof"]
        wait = throttle.wait_seconds(self.user.username)
        if wait:
            raise forms.ValidationError(throttle.refusal(wait))
        code = re.sub(r"[\s-]", "", proof)
        app_code = code.isdigit() and len(code) == 6
        if self.user.check_password(proof) or (
            app_code and two_factor.verify(self.user, code) is not None
        ):
            return proof
        throttle.record_failure(self.user.username)
        raise forms.ValidationError(
            _("This is neither your password nor the code your authenticator app shows now.")
        )

"""The one base of the errors a user reads, and the one way to put them on a form.

A service refuses an action by raising a `UserFacingError` whose words are already in the
user's language; nothing was saved. Views catch the base (or a subclass they treat
specially, like a stale page) and show it with `add_to_form`, so every refusal reaches
the officer the same way: on its field when the form has that field, else on the form.
"""

from __future__ import annotations

from typing import Any


class UserFacingError(Exception):
    """An action refused, with what to tell the user; nothing was saved."""

    def form_errors(self) -> list[tuple[str, str]]:
        """(field, message) pairs, field "" for the whole form."""
        return [("", str(self))]


def add_to_form(form: Any, error: UserFacingError) -> None:
    """Show `error` on `form`: each message on its field, or on the whole form."""
    for field, message in error.form_errors():
        form.add_error(field if field in form.fields else None, message)


class Refused(UserFacingError):
    """An action refused because of one field's value (or the whole form's, field "")."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.text = field, message

    def form_errors(self) -> list[tuple[str, str]]:
        return [(self.field, self.text)]

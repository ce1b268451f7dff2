"""The one error the interview services raise for refused input or a wrong state."""

from __future__ import annotations

from waspada.core.errors import UserFacingError


class InterviewError(UserFacingError):
    """An action refused; nothing was saved.

    `message` is in the user's language; `field` names the form field it belongs to
    ("" for the whole form).
    """

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def form_errors(self) -> list[tuple[str, str]]:
        return [(self.field, self.message)]

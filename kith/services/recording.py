"""Reading what a person typed into typed values: the parsing helpers both faces use
before they call a use case (``kith log`` and the TUI's log form read money, counts and
dates with these, so both accept and refuse exactly the same text).

Every refusal is a ``FieldError`` naming the field, so the TUI can show the message next
to the field that caused it, and the CLI prints it as its usual one line.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kith.core.dates import parse_user_when
from kith.core.errors import KithError, ValidationError
from kith.core.parsing import parse_amount

DIRECTIONS = ("gave", "received", "shared")


class FieldError(ValidationError):
    """Bad input in one named field of a form or command."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


def in_field(field: str, check: Any, *args: Any, **kwargs: Any) -> Any:
    """``check(*args, **kwargs)``, with any refusal named after ``field`` (a ``FieldError``
    already names its own field), so a form marks the field that caused it."""
    try:
        return check(*args, **kwargs)
    except FieldError:
        raise
    except KithError as error:
        raise FieldError(field, str(error)) from None


def parse_count(text: str, field: str, *, high: int | None = None) -> int:
    """A whole number typed in ``field`` (empty: 0), refused when negative or above
    ``high``."""
    text = str(text).strip()
    if not text:
        return 0
    try:
        number = int(text)
    except ValueError:
        raise FieldError(field, f"{field} must be a whole number, not {text!r}") from None
    if number < 0:
        raise FieldError(field, f"{field} cannot be negative: {number}")
    if high is not None and number > high:
        raise FieldError(field, f"{field} must be between 0 and {high}, not {number}")
    return number


def parse_money_field(text: str | None, exponent: int, currency: str) -> int:
    """An amount typed in the ``money`` field or ``--money``, in minor units (empty: 0);
    ``€40`` or ``40 EUR`` in the database's currency."""
    if text is None or not str(text).strip():
        return 0
    return int(in_field("money", parse_amount, text, exponent, currency))


def parse_when_field(text: str | None) -> datetime | None:
    """When it happened, as typed in ``on`` or ``--on`` (empty: None, meaning now)."""
    if text is None or not str(text).strip():
        return None
    when: datetime = in_field("on", parse_user_when, text, "date")
    return when

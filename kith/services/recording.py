"""Turning what a person typed into an interaction: one place for the CLI's ``kith log``
and the TUI's log form, so both accept and refuse exactly the same input.

Every refusal is a ``FieldError`` naming the field, so the TUI can show the message next
to the field that caused it, and the CLI prints it as its usual one line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kith.core.clock import now
from kith.core.dates import parse_user_when
from kith.core.errors import KithError, ValidationError
from kith.core.model import ME, Interaction, Value
from kith.core.parsing import parse_amount

if TYPE_CHECKING:
    from kith.persistence.store import Store

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


@dataclass
class Typed:
    """The raw text of each field, as typed (empty means not given)."""

    network: str
    people: Iterable[str]
    direction: str | None
    kind: str = "other"
    money: str = ""
    minutes: str = ""
    favours: str = ""
    fun: str = ""
    note: str = ""
    on: str = ""
    invited: bool = False
    initiative: str | None = None
    """``invited``, ``pitched`` or None; ``invited=True`` alone still means invited."""


def _count(text: str, field: str, *, high: int | None = None) -> int:
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


def build_interaction(store: Store, typed: Typed, *, exponent: int = 2) -> Interaction:
    """Check every field and build the interaction (not yet recorded).

    Raises ``FieldError`` for the first field that is wrong, in form order.
    """
    if not typed.network.strip():
        raise FieldError("network", "which network? (name or id)")
    network = in_field("network", store.find_network, typed.network.strip())
    refs = [p.strip() for p in typed.people if p.strip()]
    if not refs:
        raise FieldError("people", "with whom? (one or more people, comma-separated)")
    people = [in_field("people", store.find_person, ref).id for ref in refs]
    if ME in people:
        raise FieldError("people", "an interaction is with other people, not with yourself")
    if typed.direction not in DIRECTIONS:
        raise FieldError("direction", "say which way it went: gave, received or shared")
    kind = (typed.kind or "other").strip().lower() or "other"
    money = in_field("money", parse_amount, typed.money, exponent, store.currency) \
        if str(typed.money).strip() else 0
    value = Value(money=money, minutes=_count(typed.minutes, "minutes"),
                  favours=_count(typed.favours, "favours"),
                  fun=_count(typed.fun, "fun", high=5))
    when = in_field("on", parse_user_when, typed.on, "date") if str(typed.on).strip() \
        else now()
    try:
        return Interaction.create(when=when, network=network.id, people=people,
                                  direction=typed.direction, kind=kind, value=value,
                                  note=typed.note.strip(),
                                  initiative=typed.initiative or (
                                      "invited" if typed.invited else None))
    except ValidationError as error:
        # every other field was checked above; what the model can still refuse is the kind
        if "kind" in str(error):
            raise FieldError("kind", str(error)) from None
        raise

"""kith's core commands, one module per command or group, and what they share.

Shared here: the ``KithApp`` accessor and JSON output (one stable shape per record, the
models' ``to_dict``; both defined with the plugin surface, ``kith.api.command_support``,
because plugins' commands use them too), option parsers that turn bad input into
``KithError``s, and the one-line rendering of an interaction.
"""

from __future__ import annotations

from typing import Any

import click

from kith.api.command_support import emit_json, output, pass_app
from kith.core.dates import parse_user_when
from kith.core.errors import ValidationError
from kith.core.model import Interaction
from kith.core.parsing import describe_value as words
from kith.core.parsing import parse_money
from kith.core.safeoutput import clean_value, echo
from kith.services.context import KithApp

__all__ = ["describe_interaction", "describe_value", "echo", "emit_json", "json_option",
           "money_option", "nonnegative", "output", "pass_app", "when_option"]

json_option = click.option("--json", "as_json", is_flag=True,
                           help="Print JSON (a stable shape, documented in the README).")


def when_option(value: str | None, what: str, *, end_of_day: bool = False) -> Any:
    """An option's date: ISO, or ``yesterday``, ``3 days ago``, ``last friday``..."""

    return parse_user_when(value, what, end_of_day=end_of_day) if value else None


def money_option(app: KithApp, value: str | None) -> int:
    return parse_money(value, app.exponent) if value not in (None, "") else 0


def nonnegative(value: int | None, what: str) -> int:
    if value is None:
        return 0
    if value < 0:
        raise ValidationError(f"{what} cannot be negative: {value}")
    return value


def describe_value(app: KithApp, interaction: Interaction) -> str:
    """One interaction's value in words, saying when kith estimated it."""

    text = words(interaction.value, app.store.currency, app.exponent, rating=True,
                 empty="no value")
    return text + (" (estimated)" if interaction.meta.get("estimated") else "")


def describe_interaction(app: KithApp, interaction: Interaction,
                         names: dict[str, str] | None = None) -> str:
    """One line: when, direction, kind, with whom, where, worth, id."""
    names = names or {}
    people = ", ".join(clean_value(names.get(p) or _name(app, p)) for p in interaction.people)
    when = interaction.when.strftime("%Y-%m-%d %H:%M")
    invited = {"invited": " (they asked)", "pitched": " (you pitched)"}.get(
        interaction.initiative or "", "")
    note = f"  \"{clean_value(interaction.note)}\"" if interaction.note else ""
    return (f"{when}  {interaction.direction} {interaction.kind}{invited} "
            f"{with_whom(people, interaction.direction, interaction.network)}  "
            f"[{describe_value(app, interaction)}]  {interaction.id}{note}")


def with_whom(people: str, direction: str, network: str) -> str:
    """"with Ann in st-marys"; for a record with the network as a whole (dues, a
    donation, a service) "to st-brigids", "from guild" or "with church"."""
    if people:
        return f"with {people} in {network}"
    return f"{NETWORK_PREPOSITIONS.get(direction, 'in')} {network}"


NETWORK_PREPOSITIONS = {"gave": "to", "received": "from", "shared": "with"}


def _name(app: KithApp, ident: str) -> str:
    person = app.store.get_person(ident)
    return person.name if person else ident

"""kith's core commands, one module per command or group, and what they share.

Shared here: the ``KithApp`` accessor, JSON output (one stable shape per record, the
models' ``to_dict``), option parsers that turn bad input into ``KithError``s, and the
one-line rendering of an interaction.
"""

from __future__ import annotations

import sys
from typing import Any

import click
import orjson

from kith.core.errors import ValidationError
from kith.core.model import Interaction
from kith.core.parsing import parse_money
from kith.core.safeoutput import clean_value, echo, terminal_takes_unicode
from kith.services.context import KithApp

__all__ = ["describe_interaction", "describe_value", "echo", "emit_json", "json_option",
           "money_option", "nonnegative", "output", "pass_app", "when_option"]

pass_app = click.make_pass_decorator(KithApp)

json_option = click.option("--json", "as_json", is_flag=True,
                           help="Print JSON (a stable shape, documented in the README).")


def emit_json(data: Any) -> None:
    """Write ``data`` as indented JSON on stdout."""
    try:
        if not terminal_takes_unicode():  # escaped, so that the output stays valid JSON
            raise orjson.JSONEncodeError
        text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
    except orjson.JSONEncodeError:  # or a total beyond 64 bits: JSON has no such limit
        import json

        text = json.dumps(data, indent=2, ensure_ascii=not terminal_takes_unicode(),
                          default=str)
    sys.stdout.write(text + "\n")


def output(obj: Any, text: str, *, as_json: bool) -> None:
    """Print a command's result: ``obj`` as indented JSON with ``--json``, else ``text``
    (terminal-safe: control characters in data are neutralised, see ``echo``)."""
    if as_json:
        emit_json(obj)
    else:
        echo(text)


def when_option(value: str | None, what: str, *, end_of_day: bool = False) -> Any:
    """An option's date: ISO, or ``yesterday``, ``3 days ago``, ``last friday``..."""
    from kith.core.dates import parse_user_when

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
    from kith.core.parsing import describe_value as words

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
    return (f"{when}  {interaction.direction} {interaction.kind}{invited} with {people} "
            f"in {interaction.network}  [{describe_value(app, interaction)}]  "
            f"{interaction.id}{note}")


def _name(app: KithApp, ident: str) -> str:
    person = app.store.get_person(ident)
    return person.name if person else ident

"""Shell completion of people, networks and kinds from the database (bash, zsh, fish).

click completes commands, subcommands (the import sources among them) and options
itself; this module teaches it the values: ``kith log <TAB>`` offers your networks,
``--with <TAB>`` your people, ``--kind <TAB>`` the interaction kinds. ``kith completion
bash|zsh|fish`` prints the script to source (see the README).

Completion runs on every Tab, so it must answer fast (150 ms at 10k people): it reads
``kith.json`` once with orjson, straight from the database folder, without the store,
TinyDB, the validation of every record, or Textual. What it offers is only a
suggestion, so a damaged or missing file offers nothing rather than an error.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem

MAX_ITEMS = 200
"""At most this many values per Tab: a shell shows a screenful anyway."""

PEOPLE_PARAMS = {"people", "person", "first", "second", "keep", "absorb"}
NETWORK_PARAMS = {"network", "networks"}


def database_folder(ctx: click.Context) -> Path:
    """The folder the command line names (``--db``, ``$KITH_HOME``) or the default."""
    root = ctx.find_root()
    named = root.params.get("db")
    if named:
        return Path(named).expanduser()
    if os.environ.get("KITH_HOME"):
        return Path(os.environ["KITH_HOME"]).expanduser()
    from kith.persistence.store.layout import default_home

    return default_home()


@cache
def tables(folder: Path) -> dict[str, Any]:
    """``kith.json``'s tables, or nothing when it cannot be read."""
    import orjson

    try:
        data = orjson.loads((folder / "kith.json").read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _records(ctx: click.Context, table: str) -> list[dict[str, Any]]:
    rows = tables(database_folder(ctx)).get(table)
    if not isinstance(rows, dict):
        return []
    return [row for row in rows.values() if isinstance(row, dict)]


def _matching(values: list[str], incomplete: str) -> list[CompletionItem]:
    """Values starting with what was typed (any case; a word of a name counts too)."""
    typed = incomplete.casefold()
    found = [v for v in dict.fromkeys(values)
             if v.casefold().startswith(typed)
             or any(word.startswith(typed) for word in v.casefold().split()[1:])]
    return [CompletionItem(value) for value in sorted(found, key=str.casefold)[:MAX_ITEMS]]


def complete_people(ctx: click.Context, param: click.Parameter,
                    incomplete: str) -> list[CompletionItem]:
    names = [str(row.get("name")) for row in _records(ctx, "people")
             if row.get("id") != "me" and row.get("name")]
    return _matching(names, incomplete)


def complete_networks(ctx: click.Context, param: click.Parameter,
                      incomplete: str) -> list[CompletionItem]:
    values = []
    for row in _records(ctx, "networks"):
        values += [str(row[key]) for key in ("id", "name") if row.get(key)]
    return _matching(values, incomplete)


def complete_kinds(ctx: click.Context, param: click.Parameter,
                   incomplete: str) -> list[CompletionItem]:
    """kith's own kinds and the ones added with ``--new-kind`` (a plugin's own defaults
    would need the plugins' network kinds: ``kith kinds`` lists those)."""
    from kith.core.model import INTERACTION_KINDS
    from kith.services.interaction_kinds import NETWORK_KINDS

    added = [str(row.get("id")) for row in _records(ctx, "kinds") if row.get("id")]
    return _matching([*INTERACTION_KINDS, *NETWORK_KINDS, *added], incomplete)


Completer = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]


def completer_for(group: str, param: click.Parameter) -> Completer | None:
    """What completes ``param`` of a command of top-level command ``group``."""
    name = param.name or ""
    if name in PEOPLE_PARAMS or (group == "person" and name == "ref"):
        return complete_people
    if name in NETWORK_PARAMS or (group == "network" and name == "ref"):
        return complete_networks
    if name == "kind" and group in ("log", "history", "interaction"):
        return complete_kinds
    return None


def complete_from_database(group: str, command: click.Command) -> None:
    """Give the parameters of ``command`` (and its subcommands) their completion, unless
    they complete in their own way already (a choice, a path)."""
    for param in command.params:
        completer = completer_for(group, param)
        if completer is not None and getattr(param, "_custom_shell_complete", None) is None \
                and not isinstance(param.type, click.Choice | click.Path):
            param._custom_shell_complete = completer  # type: ignore[attr-defined]
    for child in getattr(command, "commands", {}).values():
        complete_from_database(group, child)

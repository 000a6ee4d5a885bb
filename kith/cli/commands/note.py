"""``kith note PERSON TEXT``: a dated note about someone (a journal entry)."""

from __future__ import annotations

import click

from kith.cli.commands import emit_json, json_option, output, pass_app
from kith.cli.commands.defaultgroup import DefaultGroup
from kith.core.safeoutput import echo
from kith.core.textfold import fold
from kith.domain.search import text_matches
from kith.services.context import KithApp
from kith.services.editing import parse_day
from kith.services.notes import add_note, delete_note


@click.group(cls=DefaultGroup, default="add")
def note() -> None:
    """Dated notes about people: kith note PERSON TEXT [--on DATE] [--network N].

    Notes show newest first in `kith person show` and are found by
    `kith person list --search`. Also: `kith note list [PERSON]`, `kith note delete ID`.
    """


@note.command("add")
@click.argument("person")
@click.argument("text")
@click.option("--on", "on", help="The day it is about: 2024-05-31, yesterday, last friday, "
              "3 days ago... (default today).")
@click.option("--network", help="The network it belongs to (id or name).")
@json_option
@pass_app
def add(app: KithApp, person: str, text: str, on: str | None, network: str | None,
        as_json: bool) -> None:
    """Write a dated note about PERSON (the word `add` is optional).

    Example: kith note "Ann Lee" "Moving to Lyon in June" --on yesterday
    """

    written = add_note(app.store, person, text, on=parse_day(on or "", "--on"),
                       network=network)
    who = app.store.find_person(written.person)
    output(written.to_dict(),
           f"Noted for {who.name} on {written.on} ({written.id})", as_json=as_json)


@note.command("list")
@click.argument("person", required=False)
@click.option("--search", help="Only notes containing these words (any case or accents).")
@json_option
@pass_app
def list_(app: KithApp, person: str | None, search: str | None, as_json: bool) -> None:
    """Notes, newest first: everyone's, or PERSON's."""
    store = app.store
    who = store.find_person(person).id if person else None
    found = [n for n in store.notes(who) if not search or text_matches(search,
                                                                         fold(n.text))]
    if as_json:
        emit_json([n.to_dict() for n in found])
        return
    if not found:
        echo("No notes.")
        return
    names = {i: d["name"] for i, d in store.people_docs().items()}
    for item in found:
        echo(f"{item.on}  {names.get(item.person, item.person)}: {item.text}  ({item.id})")


@note.command("delete")
@click.argument("ident")
@json_option
@pass_app
def delete(app: KithApp, ident: str, as_json: bool) -> None:
    """Delete note IDENT (its id, or the first 6+ characters of it)."""

    removed = delete_note(app.store, ident)
    output({"deleted": removed.id}, f"Deleted note {removed.id}", as_json=as_json)

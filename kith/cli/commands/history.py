"""``kith history``: interactions, filtered."""

from __future__ import annotations

import click

from kith.cli.commands import describe_interaction, emit_json, json_option, pass_app, when_option
from kith.core.errors import ValidationError
from kith.core.model import Interaction
from kith.core.safeoutput import echo
from kith.core.textfold import fold
from kith.services.context import KithApp
from kith.services.interaction_kinds import check_kind
from kith.services.notes import notes


@click.command()
@click.option("--network", help="Network id or name.")
@click.option("--person", help="Person id, handle or name.")
@click.option("--kind", help="Interaction kind, e.g. help.")
@click.option("--direction", type=click.Choice(["gave", "received", "shared"]))
@click.option("--search", help="Words to find in notes, kinds, people's names and networks "
              "(any case, with or without accents).")
@click.option("--since", help="From this date: ISO, yesterday, 2 weeks ago, last friday...")
@click.option("--until", help="Up to this date (inclusive): ISO, yesterday, ...")
@click.option("--limit", type=click.IntRange(min=0), default=0,
              help="Only the newest N (0: all).")
@json_option
@pass_app
def history(app: KithApp, network: str | None, person: str | None, kind: str | None,
            direction: str | None, search: str | None, since: str | None, until: str | None,
            limit: int, as_json: bool) -> None:
    """List interactions, oldest first, with filters."""
    store = app.store
    net_id = store.find_network(network).id if network else None
    person_id = store.find_person(person).id if person else None
    start = when_option(since, "--since")
    end = when_option(until, "--until", end_of_day=True)
    if start and end and end < start:
        raise ValidationError(f"--until ({until}) is before --since ({since})")
    items = [i for i in store.interactions(network=net_id, person=person_id, kind=kind,
                                           since=start, until=end)
             if direction is None or i.direction == direction]
    names = {ident: doc["name"] for ident, doc in store.people_docs().items()}
    if search:
        items = _matching(items, search, names)
    if kind and not items:  # a mistyped kind finds nothing: say so rather than "no match"

        check_kind(store, kind)
    if limit:
        items = items[-limit:]
    if as_json:
        emit_json([i.to_dict() for i in items])
        return
    if not items:
        echo("No interactions match.")
    for interaction in items:
        echo(describe_interaction(app, interaction, names))
    if search:
        _echo_matching_notes(app, search, names)


def _echo_matching_notes(app: KithApp, search: str, names: dict[str, str]) -> None:
    """Dated notes are part of what happened: a search shows the ones that match too
    (``kith note list --search`` gives them as JSON)."""

    words = [w for w in fold(search).split(" ") if w]
    found = [n for n in notes(app.store)
             if all(w in f"{fold(n.text)} {fold(names.get(n.person, ''))}"
                    for w in words)]
    if found:
        echo("Notes:")
        for note in reversed(found):  # oldest first, like the interactions above
            echo(f"{note.on}  {names.get(note.person, note.person)}: {note.text}  "
                 f"({note.id})")


def _matching(items: list[Interaction], search: str, names: dict[str, str]) -> list[Interaction]:
    """Interactions whose note, kind, network or people's names hold every word."""

    words = [w for w in fold(search).split(" ") if w]
    folded_names = {ident: fold(name) for ident, name in names.items()}
    kept = []
    for item in items:
        hay = " ".join([fold(item.note), item.kind, item.network,
                        *(folded_names.get(p, p) for p in item.people)])
        if all(w in hay for w in words):
            kept.append(item)
    return kept

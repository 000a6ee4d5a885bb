"""``kith person relate A B --as KIND`` and ``kith person unrelate A B``."""

from __future__ import annotations

import click

from kith.cli.commands import emit_json, json_option, output, pass_app
from kith.core.model import Relationship, relationship_sentence
from kith.core.safeoutput import echo
from kith.core.words import counted
from kith.services.context import KithApp
from kith.services.relationships import preview
from kith.services.relationships import relate as record
from kith.services.relationships import unrelate as forget


@click.command("relate")
@click.argument("first")
@click.argument("second")
@click.option("--as", "kind", required=True,
              help="FIRST is SECOND's KIND: spouse, partner, parent, child, sibling, "
                   "colleague, friend, introduced-by, mentor, manager, ... (A B --as "
                   "mentor: A mentors B; A B --as introduced-by: B introduced A)")
@click.option("--note", default="", help="A word on it (e.g. 'since 2019').")
@click.option("--new-kind", is_flag=True, help="Accept a kind kith does not know.")
@click.option("--dry-run", is_flag=True,
              help="Say how it would read from both sides, and record nothing.")
@json_option
@pass_app
def relate(app: KithApp, first: str, second: str, kind: str, note: str, new_kind: bool,
           dry_run: bool, as_json: bool) -> None:
    """Record that FIRST is SECOND's KIND (shown on both people's pages).

    Example: kith person relate "Ann Lee" "Tom Lee" --as parent  (Tom: child of Ann)

    It prints how the record reads from both sides ("Priya Nair was introduced by Jonas
    Weber; Jonas Weber introduced Priya Nair"); --dry-run prints that and records nothing.
    """

    store = app.store
    if dry_run:
        item = preview(store, first, second, kind, new_kind=new_kind)
        output({**item.to_dict(), "dry_run": True},
               f"Would record: {both_ways(app, item)} (nothing recorded: --dry-run)",
               as_json=as_json)
        return
    item = record(store, first, second, kind, note=note, new_kind=new_kind)
    if as_json:
        emit_json(item.to_dict())
        return
    echo(f"Recorded: {both_ways(app, item)} ({item.id})")


def both_ways(app: KithApp, item: Relationship) -> str:
    """The relationship as each side reads it."""
    store = app.store
    a, b = store.find_person(item.a), store.find_person(item.b)
    back, _ = item.seen_from(b.id)
    return (f"{relationship_sentence(a.name, item.kind, b.name)}; "
            f"{relationship_sentence(b.name, back, a.name)}")


@click.command("unrelate")
@click.argument("first")
@click.argument("second")
@click.option("--as", "kind", help="Only this kind (as seen from FIRST); default all.")
@json_option
@pass_app
def unrelate(app: KithApp, first: str, second: str, kind: str | None, as_json: bool) -> None:
    """Forget how FIRST and SECOND are related."""

    store = app.store
    removed = forget(store, first, second, kind)
    a, b = store.find_person(first), store.find_person(second)
    output({"deleted": [r.id for r in removed]},
           f"Removed {counted(len(removed), 'relationship')} between {a.name} and {b.name}",
           as_json=as_json)

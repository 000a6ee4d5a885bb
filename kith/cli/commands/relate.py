"""``kith person relate A B --as KIND`` and ``kith person unrelate A B``."""

from __future__ import annotations

import click

from kith.cli.commands import emit_json, json_option, output, pass_app
from kith.core.model import describe_relationship as describe
from kith.core.safeoutput import echo
from kith.services.context import KithApp
from kith.services.relationships import relate as record
from kith.services.relationships import unrelate as forget


@click.command("relate")
@click.argument("first")
@click.argument("second")
@click.option("--as", "kind", required=True,
              help="FIRST is SECOND's KIND: spouse, partner, parent, child, sibling, "
                   "colleague, friend, introduced-by, mentor, manager, ...")
@click.option("--note", default="", help="A word on it (e.g. 'since 2019').")
@click.option("--new-kind", is_flag=True, help="Accept a kind kith does not know.")
@json_option
@pass_app
def relate(app: KithApp, first: str, second: str, kind: str, note: str, new_kind: bool,
           as_json: bool) -> None:
    """Record that FIRST is SECOND's KIND (shown on both people's pages).

    Example: kith person relate "Ann Lee" "Tom Lee" --as parent  (Tom: child of Ann)
    """

    store = app.store
    item = record(store, first, second, kind, note=note, new_kind=new_kind)
    if as_json:
        emit_json(item.to_dict())
        return
    a, b = store.find_person(item.a), store.find_person(item.b)
    back, _ = item.seen_from(b.id)
    echo(f"{a.name} is {describe(item.kind)} {b.name}; {b.name} is {describe(back)} "
         f"{a.name} ({item.id})")


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
           f"Removed {len(removed)} relationship(s) between {a.name} and {b.name}", as_json=as_json)

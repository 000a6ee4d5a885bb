"""``kith opportunities`` (list) and ``kith opportunity close|reopen|edit``."""

from __future__ import annotations

import click

from kith.cli.commands import emit_json, json_option, output, pass_app
from kith.core.safeoutput import echo
from kith.services.context import KithApp
from kith.services.opportunities import OpportunityChanges, edit_opportunity, set_status


@click.command()
@click.option("--open", "only_open", is_flag=True, help="Only open ones.")
@click.option("--person", help="Only this person's.")
@click.option("--type", "kind", type=click.Choice(["need", "offer"]))
@json_option
@pass_app
def opportunities(app: KithApp, only_open: bool, person: str | None, kind: str | None,
                  as_json: bool) -> None:
    """List the needs and offers you have heard."""
    store = app.store
    who = store.find_person(person).id if person else None
    items = [o for o in store.opportunities(status="open" if only_open else None)
             if (who is None or o.person == who) and (kind is None or o.type == kind)]
    if as_json:
        emit_json([o.to_dict() for o in items])
        return
    if not items:
        echo("No opportunities yet. Record one with `kith hear PERSON --need TEXT`.")
        return
    names = {i: d["name"] for i, d in store.people_docs().items()}
    for o in items:
        tags = f" [{', '.join(o.tags)}]" if o.tags else ""
        echo(f"{o.id}  {o.status:<10} {names.get(o.person, o.person)} {o.type}s: "
             f"{o.text}{tags}")


@click.group()
def opportunity() -> None:
    """Close, reopen or edit one opportunity."""


def _set_status(app: KithApp, ident: str, status: str, as_json: bool) -> None:
    saved = set_status(app.store, ident, status)
    output(saved.to_dict(), f"{saved.id} is now {status}", as_json=as_json)


@opportunity.command("close")
@click.argument("ident")
@json_option
@pass_app
def close(app: KithApp, ident: str, as_json: bool) -> None:
    """Close an opportunity (no longer needed or offered)."""
    _set_status(app, ident, "closed", as_json)


@opportunity.command("reopen")
@click.argument("ident")
@json_option
@pass_app
def reopen(app: KithApp, ident: str, as_json: bool) -> None:
    """Reopen an opportunity."""
    _set_status(app, ident, "open", as_json)


@opportunity.command("edit")
@click.argument("ident")
@click.option("--text")
@click.option("--add-tag", multiple=True)
@click.option("--remove-tag", multiple=True)
@click.option("--network")
@json_option
@pass_app
def edit(app: KithApp, ident: str, text: str | None, add_tag: tuple[str, ...],
         remove_tag: tuple[str, ...], network: str | None, as_json: bool) -> None:
    """Change an opportunity's text, tags or network."""

    saved = edit_opportunity(app.store, ident, OpportunityChanges(
        text=text, add_tags=add_tag, remove_tags=remove_tag, network=network))
    output(saved.to_dict(), f"Updated {saved.id}: {saved.text}", as_json=as_json)

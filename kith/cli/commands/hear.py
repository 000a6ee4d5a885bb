"""``kith hear``: record a need or an offer someone mentioned."""

from __future__ import annotations

import click

from kith.cli.commands import json_option, output, pass_app
from kith.core.errors import ValidationError
from kith.services.context import KithApp
from kith.services.editing import parse_hearing
from kith.services.opportunities import hear as hear_it


@click.command()
@click.argument("person")
@click.option("--need", help="What they need (a job, a designer, a flat, advice on X).")
@click.option("--offer", help="What they offer.")
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@click.option("--network", help="Where you heard it (network id or name).")
@click.option("--at", "heard_at", default="", help="Where exactly (an event, a call).")
@click.option("--on", "on", help="When you heard it (default now).")
@json_option
@pass_app
def hear(app: KithApp, person: str, need: str | None, offer: str | None, tags: tuple[str, ...],
         network: str | None, heard_at: str, on: str | None, as_json: bool) -> None:
    """Record that PERSON needs or offers something: material for introductions."""
    if bool(need) == bool(offer):
        raise ValidationError("give exactly one of --need TEXT or --offer TEXT")
    saved = hear_it(app.store, parse_hearing(
        person=person, type="need" if need else "offer", text=need or offer or "",
        tags=tags, network=network or "", heard_at=heard_at, on=on or ""))
    who = app.store.find_person(saved.person)
    output(saved.to_dict(),
           f"Heard: {who.name} {saved.type}s \"{saved.text}\" ({saved.id})", as_json=as_json)

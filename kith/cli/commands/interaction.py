"""``kith interaction``: show, edit or delete one recorded interaction."""

from __future__ import annotations

from typing import Any

import click

from kith.cli.commands import (
    describe_interaction,
    emit_json,
    json_option,
    money_option,
    nonnegative,
    output,
    pass_app,
    when_option,
)
from kith.core.model import Value
from kith.core.safeoutput import echo
from kith.services.context import KithApp


@click.group()
def interaction() -> None:
    """Show, edit or delete a recorded interaction by its id."""


@interaction.command("show")
@click.argument("ident")
@json_option
@pass_app
def show(app: KithApp, ident: str, as_json: bool) -> None:
    """Show one interaction."""
    found = app.store.get_interaction(ident)
    if as_json:
        emit_json(found.to_dict())
    else:
        echo(describe_interaction(app, found))


@interaction.command("edit")
@click.argument("ident")
@click.option("--network")
@click.option("--with", "people", multiple=True,
              help="The people who took part (repeatable; replaces the current ones).")
@click.option("--kind")
@click.option("--new-kind", is_flag=True, help="Accept a --kind kith does not know yet.")
@click.option("--direction", type=click.Choice(["gave", "received", "shared"]))
@click.option("--money")
@click.option("--minutes", type=int)
@click.option("--favours", type=int)
@click.option("--fun", type=click.IntRange(0, 5))
@click.option("--note")
@click.option("--on", "on")
@click.option("--invited/--not-invited", default=None)
@click.option("--initiative", type=click.Choice(["invited", "pitched", "none"]),
              help="Who began it: they came to you (invited), you pitched, or neither.")
@json_option
@pass_app
def edit(app: KithApp, ident: str, network: str | None, people: tuple[str, ...], kind: str | None,
         new_kind: bool, direction: str | None,
         money: str | None, minutes: int | None, favours: int | None, fun: int | None,
         note: str | None, on: str | None, invited: bool | None, initiative: str | None,
         as_json: bool) -> None:
    """Change fields of an interaction; aggregates follow."""
    store = app.store
    found = store.get_interaction(ident)
    value = found.value
    value = Value(
        money=money_option(app, money) if money is not None else value.money,
        minutes=nonnegative(minutes, "--minutes") if minutes is not None else value.minutes,
        favours=nonnegative(favours, "--favours") if favours is not None else value.favours,
        fun=fun if fun is not None else value.fun)
    changes: dict[str, Any] = {"value": value}
    if value != found.value:
        changes["meta"] = {k: v for k, v in found.meta.items() if k != "estimated"}
    if network:
        changes["network"] = store.find_network(network).id
    if kind:
        from kith.services.interaction_kinds import check_kind

        changes["kind"] = check_kind(store, kind, new_kind=new_kind)
    if people:
        from kith.core.errors import ValidationError
        from kith.core.model import ME

        ids = [store.find_person(p).id for p in people if p.strip()]
        if not ids:
            raise ValidationError("--with needs at least one person")
        if ME in ids:
            raise ValidationError("an interaction is with other people, not with yourself")
        changes["people"] = tuple(ids)
    if direction:
        changes["direction"] = direction
    if note is not None:
        changes["note"] = note
    if on:
        changes["when"] = when_option(on, "--on")
    if invited is not None and initiative is not None:
        from kith.core.errors import ValidationError

        raise ValidationError("give --initiative or --invited/--not-invited, not both")
    if invited is not None:
        changes["invited"] = invited
    if initiative is not None:
        changes["initiative"] = None if initiative == "none" else initiative
    with store.transaction():
        updated = store.replace_interaction(found.with_changes(**changes), announce=False)
        if kind and new_kind:
            from kith.services.interaction_kinds import remember_kind

            remember_kind(store, updated.kind)
    if as_json:
        emit_json(updated.to_dict())
    else:
        echo("Updated " + describe_interaction(app, updated))


@interaction.command("delete")
@click.argument("ident")
@json_option
@pass_app
def delete(app: KithApp, ident: str, as_json: bool) -> None:
    """Delete an interaction."""
    removed = app.store.delete_interaction(ident)
    output({"deleted": removed.id}, f"Deleted {removed.id}", as_json=as_json)

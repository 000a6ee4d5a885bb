"""``kith interaction``: show, edit or delete one recorded interaction."""

from __future__ import annotations

import click

from kith.cli.commands import (
    describe_interaction,
    emit_json,
    json_option,
    money_option,
    output,
    pass_app,
    when_option,
)
from kith.core.errors import ValidationError
from kith.core.safeoutput import echo
from kith.services.context import KithApp
from kith.services.interactions import EditRequest, delete_interaction, edit_interaction


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

    refs = tuple(p for p in people if p.strip())
    if people and not refs:
        raise ValidationError("--with needs at least one person")
    if invited is not None and initiative is not None:
        raise ValidationError("give --initiative or --invited/--not-invited, not both")
    request = EditRequest(
        network=network, people=refs, kind=kind, new_kind=new_kind, direction=direction,
        money=money_option(app, money) if money is not None else None,
        minutes=minutes, favours=favours, fun=fun, note=note,
        when=when_option(on, "--on") if on else None, invited=invited,
        initiative=initiative)  # type: ignore[arg-type]
    updated = edit_interaction(app.store, ident, request, plugins=app.plugins)
    if as_json:
        emit_json(updated.to_dict())
    else:
        echo("Updated " + describe_interaction(app, updated))


@interaction.command("delete")
@click.argument("ident")
@click.option("--yes", "-y", is_flag=True, help="Delete without asking.")
@json_option
@pass_app
def delete(app: KithApp, ident: str, yes: bool, as_json: bool) -> None:
    """Delete an interaction: shows it and asks first (--yes does not ask).

    Without --yes and with no terminal to ask on (a script), nothing is deleted."""

    found = app.store.get_interaction(ident)
    line = describe_interaction(app, found)
    if not yes:
        echo("Delete " + line, err=True)  # with the question (stdout waits for the commit)
        if not confirm("Delete it?"):
            echo(f"Nothing deleted ({found.id}).", err=True)
            raise SystemExit(1)
    removed = delete_interaction(app.store, found.id, plugins=app.plugins)
    output({"deleted": removed.id, "interaction": removed.to_dict()},
           f"Deleted {describe_interaction(app, removed)}", as_json=as_json)


def confirm(question: str) -> bool:
    """Ask ``question`` on the terminal; no answer (end of input) is no."""
    try:
        return click.confirm(question, default=False, err=True)
    except click.Abort:
        return False

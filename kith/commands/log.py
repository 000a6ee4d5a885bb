"""``kith log``: record an interaction by hand."""

from __future__ import annotations

import click

from kith.commands import describe_interaction, emit_json, json_option, pass_app
from kith.errors import ValidationError


@click.command()
@click.argument("network")
@click.option("--with", "people", multiple=True, required=True,
              help="Person (id, handle or unambiguous name); repeatable.")
@click.option("--gave", "direction", flag_value="gave", help="You gave (help, time, money).")
@click.option("--received", "direction", flag_value="received", help="You received.")
@click.option("--shared", "direction", flag_value="shared", help="A shared experience.")
@click.option("--kind", default="other", show_default=True,
              help="help, advice, introduction, referral, client, event, volunteering, ...")
@click.option("--money", help="Amount, e.g. 120, 120.50 or -30.")
@click.option("--minutes", type=int, help="Time spent.")
@click.option("--favours", type=int, help="Favours (help, advice, introductions).")
@click.option("--fun", type=click.IntRange(0, 5), help="Fun or companionship, 0-5.")
@click.option("--note", default="")
@click.option("--on", "on", help="When (ISO date or date-time; default now).")
@click.option("--invited", is_flag=True, help="They asked you (versus you pitched).")
@json_option
@pass_app
def log(app, network: str, people: tuple[str, ...], direction: str | None, kind: str,  # type: ignore[no-untyped-def]
        money: str | None, minutes: int | None, favours: int | None, fun: int | None,
        note: str, on: str | None, invited: bool, as_json: bool) -> None:
    """Record an interaction in NETWORK with one or more people.

    Example: kith log church --with "Ann Lee" --gave --kind volunteering --minutes 120
    """
    from kith.recording import Typed, build_interaction

    typed = Typed(network=network, people=people, direction=direction, kind=kind,
                  money=money or "", minutes="" if minutes is None else str(minutes),
                  favours="" if favours is None else str(favours),
                  fun="" if fun is None else str(fun), note=note, on=on or "",
                  invited=invited)
    if direction is None:
        raise ValidationError("say which way it went: --gave, --received or --shared")
    recorded = app.store.record(build_interaction(app.store, typed, exponent=app.exponent))
    if as_json:
        emit_json(recorded.to_dict())
    else:
        click.echo("Recorded " + describe_interaction(app, recorded))

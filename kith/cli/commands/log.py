"""``kith log``: record an interaction by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import click

from kith.cli.commands import describe_interaction, emit_json, json_option, pass_app
from kith.core.errors import ValidationError
from kith.core.safeoutput import echo
from kith.services.context import KithApp
from kith.services.interactions import LogRequest, log_interaction
from kith.services.recording import parse_money_field, parse_when_field

if TYPE_CHECKING:
    from kith.services.interactions import Logged


@click.command()
@click.argument("network")
@click.option("--with", "people", multiple=True,
              help="Person (id, handle or unambiguous name); repeatable. Leave it out for "
                   "what is with the network as a whole: dues, donation, service, event, "
                   "meeting, conference, talk, workshop, volunteering, small-group.")
@click.option("--gave", is_flag=True, help="You gave (help, time, money).")
@click.option("--received", is_flag=True, help="You received.")
@click.option("--shared", is_flag=True, help="A shared experience.")
@click.option("--kind", default="other", show_default=True,
              help="help, advice, introduction, referral, client, event, volunteering, ...")
@click.option("--new-kind", is_flag=True, help="Accept a --kind kith does not know yet.")
@click.option("--money", help="Amount, e.g. 120, 120.50, -30, 40,50, €40 or 40 EUR "
              "(in the database's currency). With --shared it is your share of the cost, "
              "money you spent.")
@click.option("--minutes", type=int, help="Time spent.")
@click.option("--favours", type=int, help="Favours (help, advice, introductions).")
@click.option("--fun", type=click.IntRange(0, 5), help="Fun or companionship, 0-5.")
@click.option("--note", default="")
@click.option("--on", "on", help="When: ISO date or date-time, today, yesterday, "
              "3 days ago, last friday... (default now).")
@click.option("--invited", is_flag=True,
              help="They came to you with their question (after a talk, a referral).")
@click.option("--pitched", is_flag=True,
              help="You promoted yourself (a cold message, a sales pitch).")
@click.option("--done-follow-up", "done_follow_up", is_flag=True,
              help="This settles the open follow-ups with these people: mark them done.")
@json_option
@pass_app
def log(app: KithApp, network: str, people: tuple[str, ...], gave: bool, received: bool,
        shared: bool, kind: str, new_kind: bool, money: str | None, minutes: int | None,
        favours: int | None, fun: int | None, note: str, on: str | None, invited: bool,
        pitched: bool, done_follow_up: bool, as_json: bool) -> None:
    """Record an interaction in NETWORK with one or more people.

    Example: kith log church --with "Ann Lee" --gave --kind volunteering --minutes 120

    Dues, donations, services, events, meetings, conferences, talks, workshops,
    volunteering and small groups can be with the network as a whole: leave out --with
    (kith log guild --gave --kind dues --money 180). Every other kind is with someone.

    If you have open follow-ups with these people, kith says so and how to close them
    (or closes them with --done-follow-up).
    """

    direction, initiative = _direction(gave, received, shared), _initiative(invited, pitched)
    store = app.store
    request = LogRequest(
        network=network, people=people, direction=direction, kind=kind, new_kind=new_kind,
        money=parse_money_field(money, app.exponent, store.currency),
        minutes=minutes or 0, favours=favours or 0, fun=fun or 0, note=note,
        when=parse_when_field(on), initiative=initiative, close_follow_ups=done_follow_up)
    logged = log_interaction(store, request, plugins=app.plugins)
    if as_json:
        emit_json({**logged.interaction.to_dict(),
                   "follow_ups_closed": [f.id for f in logged.closed],
                   "follow_ups_open": [] if logged.closed
                   else [f.to_dict() for f in logged.pending]})
    else:
        _say(app, logged, done_follow_up)


def _direction(gave: bool, received: bool, shared: bool) -> str:
    """The one direction flag given."""
    chosen = [name for name, flag in (("gave", gave), ("received", received),
                                      ("shared", shared)) if flag]
    if len(chosen) > 1:
        raise ValidationError(f"--{' and --'.join(chosen)} contradict each other: "
                              "say which way it went with one of them")
    if not chosen:
        raise ValidationError("say which way it went: --gave, --received or --shared")
    return chosen[0]


def _initiative(invited: bool, pitched: bool) -> Literal["invited", "pitched"] | None:
    if invited and pitched:
        raise ValidationError("give --invited or --pitched, not both: either they came to "
                              "you, or you pitched yourself")
    return "invited" if invited else "pitched" if pitched else None


def _say(app: KithApp, logged: Logged, done_follow_up: bool) -> None:
    """What was recorded, and the follow-ups it closed or may have settled."""
    recorded, closed, pending = logged.interaction, logged.closed, logged.pending
    echo("Recorded " + describe_interaction(app, recorded))
    names = {p: app.store.get_person(p).name  # type: ignore[union-attr]
             for p in recorded.people}
    for item in closed:
        echo(f"Closed follow-up with {names.get(item.person, item.person)} "
             f"(due {item.due}{': ' + item.about if item.about else ''}; {item.id})")
    if done_follow_up and not closed:
        echo("No open follow-up with them to close.")
    if pending and not closed:
        for item in pending:
            about = f": {item.about}" if item.about else ""
            echo(f"Open follow-up with {names.get(item.person, item.person)} "
                 f"(due {item.due}{about}). Did this settle it? "
                 f"kith follow-up done {item.id}")

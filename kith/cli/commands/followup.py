"""``kith follow-up PERSON --on DATE|--in 2w [--about TEXT]``; ``done ID``; ``list``."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import click

from kith.cli.commands import emit_json, json_option, output, pass_app
from kith.cli.commands.defaultgroup import DefaultGroup
from kith.core.errors import ValidationError
from kith.core.safeoutput import echo
from kith.services.context import KithApp
from kith.services.editing import parse_due
from kith.services.followups import add_follow_up, close

if TYPE_CHECKING:
    from kith.core.model import FollowUp


@click.group("follow-up", cls=DefaultGroup, default="add")
def follow_up() -> None:
    """Follow-ups: kith follow-up PERSON --on DATE | --in 2w [--about TEXT].

    Open follow-ups show in `kith remind`, due and overdue first. Close one with
    `kith follow-up done ID`, or log the interaction that settles it with
    `kith log ... --done-follow-up`. Also: `kith follow-up list [--all]`.
    """


@follow_up.command("add")
@click.argument("person")
@click.option("--on", "on", help="Due on this day: 2024-06-07, friday, next monday, "
              "tomorrow...")
@click.option("--in", "in_", help="Due in this long: 3d, 2w, 2 weeks, 6 months.")
@click.option("--about", default="", help="What to follow up on.")
@json_option
@pass_app
def add(app: KithApp, person: str, on: str | None, in_: str | None, about: str,
        as_json: bool) -> None:
    """Remind yourself to get back to PERSON (the word `add` is optional)."""

    if bool(on) == bool(in_):
        raise ValidationError("say when: --on DATE or --in DURATION (one of them)")
    due = parse_due(on or "", in_ or "", on_label="--on", in_label="--in")
    assert due is not None  # one of them was given
    item = add_follow_up(app.store, person, due, about)
    who = app.store.find_person(item.person)
    if as_json:
        emit_json(item.to_dict())
        return
    about_text = f": {item.about}" if item.about else ""
    echo(f"Follow up with {who.name} by {item.due}{about_text} ({item.id})")


@follow_up.command("done")
@click.argument("ident")
@json_option
@pass_app
def done(app: KithApp, ident: str, as_json: bool) -> None:
    """Mark follow-up IDENT done (its id, or its first 6+ characters)."""

    item = close(app.store, ident)
    output(item.to_dict(), f"Done: follow-up {item.id}", as_json=as_json)


@follow_up.command("list")
@click.option("--all", "show_all", is_flag=True, help="Include the ones done.")
@click.option("--person", help="Only this person's.")
@json_option
@pass_app
def list_(app: KithApp, show_all: bool, person: str | None, as_json: bool) -> None:
    """Open follow-ups, soonest due first (overdue ones lead)."""
    store = app.store
    who = store.find_person(person).id if person else None
    items = store.follow_ups(person=who, include_done=show_all)
    if as_json:
        emit_json([i.to_dict() for i in items])
        return
    if not items:
        echo("No follow-ups.")
        return
    names = {i: d["name"] for i, d in store.people_docs().items()}
    for item in items:
        echo(describe_follow_up(item, names))


def describe_follow_up(item: FollowUp, names: dict[str, str]) -> str:
    """One line: when it is due (or done), with whom, about what, the id."""

    if item.is_open:
        days = item.days_until(date.today())
        plural = "" if abs(days) == 1 else "s"
        when = ("due today" if days == 0 else f"overdue by {-days} day{plural}" if days < 0
                else f"due in {days} day{plural}")
    else:
        when = f"done {(item.done or '')[:10]}"
    about = f": {item.about}" if item.about else ""
    return f"  {item.due}  {names.get(item.person, item.person)}{about}  ({when}; {item.id})"

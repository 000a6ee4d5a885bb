"""``kith inbox``: suggestions from live sources, waiting to be accepted or dismissed."""

from __future__ import annotations

import click

from kith.cli.commands import emit_json, json_option, money_option, output, pass_app
from kith.cli.commands.defaultgroup import DefaultGroup
from kith.core.safeoutput import echo
from kith.core.suggestion import Suggestion
from kith.services.context import KithApp

DIRECTIONS = ("gave", "received", "shared")


class _ListByDefault(DefaultGroup):
    """``kith inbox`` alone lists, as ``kith inbox --json`` does."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args:
            args = [self.default]
        return super().parse_args(ctx, args)


@click.group(cls=_ListByDefault, default="list")
def inbox() -> None:
    """Suggested interactions from `kith pull`: list, accept, edit, dismiss, rules.

    A suggestion counts in no assessment until it is accepted; a dismissed one never
    comes back.
    """


def _line(app: KithApp, s: Suggestion, names: dict[str, str]) -> str:
    who = ", ".join(names.get(p, p) for p in s.people) or "no one known"
    extra = f" +{len(s.unknown)} unknown" if s.unknown else ""
    where = f" in {s.network}" if s.network else ""
    initiative = f" [{s.initiative}]" if s.initiative else ""
    return (f"{s.id[:10]}  {s.when:%Y-%m-%d %H:%M}  {s.origin}: {s.title}  "
            f"with {who}{extra}{where}{initiative}")


@inbox.command("list")
@click.option("--all", "everything", is_flag=True, help="Accepted and dismissed ones too.")
@json_option
@pass_app
def list_(app: KithApp, everything: bool, as_json: bool) -> None:
    """The waiting suggestions, oldest first."""
    store = app.store
    found = store.live.suggestions(state=None if everything else "waiting") \
        if store.exists else []
    if as_json:
        emit_json([s.to_dict() for s in found])
        return
    if not found:
        echo("The inbox is empty." if not everything else "No suggestions yet.")
        return
    names = {i: d["name"] for i, d in store.people_docs().items()}
    for suggestion in found:
        state = "" if suggestion.state == "waiting" else f"  ({suggestion.state})"
        echo(_line(app, suggestion, names) + state)


@inbox.command("accept")
@click.argument("ident")
@click.option("--direction", type=click.Choice(DIRECTIONS), help="Which way it went "
              "(default: the suggestion's).")
@click.option("--network", help="The network it belongs to (default: the suggestion's).")
@click.option("--kind", help="The interaction's kind (default: the suggestion's).")
@click.option("--money", help="Money, in the database's currency.")
@click.option("--minutes", type=int, help="Time spent (default: the event's length).")
@click.option("--favours", type=int, default=0)
@click.option("--fun", type=int, default=0, help="How much fun it was, 0-5.")
@click.option("--invited", "initiative", flag_value="invited", help="They came to you.")
@click.option("--pitched", "initiative", flag_value="pitched", help="You went to them.")
@json_option
@pass_app
def accept(app: KithApp, ident: str, direction: str | None, network: str | None,
           kind: str | None, money: str | None, minutes: int | None, favours: int, fun: int,
           initiative: str | None, as_json: bool) -> None:
    """Record suggestion IDENT as an interaction."""
    from kith.services.inbox import AcceptRequest
    from kith.services.inbox import accept as accept_suggestion

    request = AcceptRequest(direction=direction, network=network, kind=kind,
                            money=money_option(app, money), minutes=minutes,
                            favours=favours, fun=fun, initiative=initiative)
    done, interaction = accept_suggestion(app.store, ident, request, plugins=app.plugins)
    output({"suggestion": done.to_dict(), "interaction": interaction.to_dict()},
           f"Accepted {done.id[:10]}: recorded {interaction.id}", as_json=as_json)


@inbox.command("dismiss")
@click.argument("idents", nargs=-1, required=True)
@json_option
@pass_app
def dismiss(app: KithApp, idents: tuple[str, ...], as_json: bool) -> None:
    """Dismiss suggestions for good (they never come back)."""
    from kith.services.inbox import dismiss as dismiss_suggestion

    done = [dismiss_suggestion(app.store, ident, plugins=app.plugins) for ident in idents]
    output({"dismissed": [s.id for s in done]},
           "Dismissed " + ", ".join(s.id[:10] for s in done), as_json=as_json)


@inbox.command("edit")
@click.argument("ident")
@click.option("--title", help="What happened, in a few words.")
@click.option("--network", help="The network it belongs to.")
@click.option("--direction", type=click.Choice(DIRECTIONS))
@click.option("--kind", help="The interaction's kind (`kith kinds` lists them).")
@click.option("--new-kind", is_flag=True, help="The kind is new on purpose, not a typo.")
@click.option("--minutes", type=int, help="How long it lasted.")
@click.option("--on", "on", help="When it happened (2026-06-01 18:30, yesterday 19:00).")
@click.option("--add-person", multiple=True, help="Someone else who was there.")
@click.option("--remove-person", multiple=True, help="Someone who was not.")
@json_option
@pass_app
def edit(app: KithApp, ident: str, title: str | None, network: str | None,
         direction: str | None, kind: str | None, new_kind: bool, minutes: int | None,
         on: str | None, add_person: tuple[str, ...], remove_person: tuple[str, ...],
         as_json: bool) -> None:
    """Change a waiting suggestion before accepting it."""
    from kith.services.editing import parse_when
    from kith.services.inbox import EditRequest
    from kith.services.inbox import edit as edit_suggestion

    changed = edit_suggestion(app.store, ident, EditRequest(
        title=title, network=network, direction=direction, kind=kind, new_kind=new_kind,
        minutes=minutes, when=parse_when(on, "--on") if on is not None else None,
        add_people=add_person, remove_people=remove_person), plugins=app.plugins)
    names = {i: d["name"] for i, d in app.store.people_docs().items()}
    output(changed.to_dict(), _line(app, changed, names), as_json=as_json)


@inbox.group("rule")
def rule() -> None:
    """Rules that accept obvious suggestions at pull time: add, list, remove."""


@rule.command("add")
@click.argument("name")
@click.option("--network", required=True, help="The network matching suggestions go into.")
@click.option("--calendar", help="Only suggestions from this calendar (its name).")
@click.option("--source", help="Only suggestions from this source.")
@click.option("--title", help="Only suggestions whose title holds these words.")
@click.option("--direction", type=click.Choice(DIRECTIONS))
@click.option("--minutes", type=int)
@click.option("--kind")
@click.option("--fun", type=int)
@json_option
@pass_app
def rule_add(app: KithApp, name: str, network: str, calendar: str | None,
             source: str | None, title: str | None, direction: str | None,
             minutes: int | None, kind: str | None, fun: int | None, as_json: bool) -> None:
    """Add rule NAME, e.g. kith inbox rule add sunday --calendar Church --network "St
    Mary's" --direction shared --minutes 90."""
    from kith.live.rules import InboxRule
    from kith.services.live_sources import add_rule

    found = app.store.find_network(network)
    made = InboxRule(name=name, network=found.id, calendar=calendar, source=source,
                     title=title, direction=direction, minutes=minutes, kind=kind, fun=fun)
    written = add_rule(made)
    output({"rule": name, **made.settings()}, f"Added inbox rule {name} to {written}",
           as_json=as_json)


@rule.command("list")
@json_option
@pass_app
def rule_list(app: KithApp, as_json: bool) -> None:
    """The inbox rules, in the order they are tried."""
    from kith.live.rules import rules

    found = rules(app.config)
    if as_json:
        emit_json([{"name": r.name, **r.settings()} for r in found])
        return
    if not found:
        echo("No inbox rules.")
    for item in found:
        echo(f"{item.name}: " + ", ".join(f"{k}={v}" for k, v in item.settings().items()))


@rule.command("remove")
@click.argument("name")
@json_option
@pass_app
def rule_remove(app: KithApp, name: str, as_json: bool) -> None:
    """Remove rule NAME."""
    from kith.services.live_sources import remove_rule

    remove_rule(name)
    output({"removed": name}, f"Removed inbox rule {name}", as_json=as_json)

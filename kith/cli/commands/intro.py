"""``kith intro``: suggest introductions, record them, and credit what they led to."""

from __future__ import annotations

import click

from kith.cli.commands import describe_interaction, emit_json, json_option, money_option, pass_app
from kith.core.safeoutput import echo
from kith.core.words import counted
from kith.services.context import KithApp


@click.group()
def intro() -> None:
    """Introductions: suggest, make, record outcomes, list."""


@intro.command("suggest")
@click.option("--person", help="Only suggestions involving this person.")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@json_option
@pass_app
def suggest_command(app: KithApp, person: str | None, limit: int, as_json: bool) -> None:
    """Ranked pairs of people worth introducing, with the evidence in words: the matched
    words as each person wrote them, the need and the offer, and their networks."""
    from kith.services.introductions import suggestions_and_waiting

    store = app.store
    who = store.find_person(person).id if person else None
    found, waiting = suggestions_and_waiting(store, plugins=app.plugins, person=who,
                                             limit=limit)
    if waiting:
        click.echo(f"kith: note: {waiting}", err=True)
    if as_json:
        emit_json([s.to_dict(store) for s in found])
        return
    if not found:
        echo("No suggestions: record needs and offers with `kith hear`.")
        return
    for rank, item in enumerate(found, 1):
        data = item.to_dict(store)
        a, b = data["people"]
        across = "  (across networks)" if item.apart else ""
        echo(f"{rank}. {a['name']} <-> {b['name']}  score {data['score']:.2f}{across}")
        for line in item.evidence:
            echo(f"     {line}")
        echo(f"     kith intro make {a['id']} {b['id']}"
             + "".join(f" --opportunity {o}" for o in item.opportunities))


@intro.command("make")
@click.argument("first")
@click.argument("second")
@click.option("--note", default="")
@click.option("--network", help="Where it happened (default: where the need was heard).")
@click.option("--opportunity", "opportunities", multiple=True,
              help="The opportunity ids this answers (default: their open ones).")
@click.option("--on", "on", help="When: ISO date or date-time, yesterday, last friday... "
              "(default now).")
@json_option
@pass_app
def make(app: KithApp, first: str, second: str, note: str, network: str | None,
         opportunities: tuple[str, ...], on: str | None, as_json: bool) -> None:
    """Record that you introduced FIRST and SECOND (a favour given).

    If you already introduced them, kith records it again but warns, naming the earlier
    introduction (delete one with `kith interaction delete ID` if it was a mistake).
    """
    from kith.cli.commands import when_option
    from kith.domain.serendipity import introduced_before
    from kith.services.introductions import make_introduction

    store = app.store
    when = when_option(on, "--on")
    a, b = store.find_person(first), store.find_person(second)
    earlier = introduced_before(store, a.id, b.id)
    recorded = make_introduction(store, a.id, b.id, note=note, network=network,
                                 opportunities=opportunities, when=when)
    for previous in earlier:
        click.echo(f"kith: warning: you already introduced {a.name} and {b.name} on "
                   f"{previous.when:%Y-%m-%d} ({previous.id})", err=True)
    if as_json:
        emit_json(recorded.to_dict())
    else:
        echo("Recorded " + describe_interaction(app, recorded))


@intro.command("outcome")
@click.argument("ident")
@click.option("--led-to", "led_to", required=True, help="What came of it.")
@click.option("--for-me", is_flag=True, help="Value came back to you (a client, a referral).")
@click.option("--money", help="Money that came back to you.")
@click.option("--fun", type=click.IntRange(0, 5))
@click.option("--favours", type=click.IntRange(min=0))
@click.option("--from", "sources", multiple=True,
              help="Who the value came from (default: the introduced people in the "
              "introduction's network). Repeatable.")
@click.option("--network", help="Where the value came from (default: where the --from "
              "person's offer or need was heard, else the introduction's network).")
@click.option("--on", "on", help="When it happened: ISO date, yesterday, last friday... "
              "(default now).")
@json_option
@pass_app
def outcome(app: KithApp, ident: str, led_to: str, for_me: bool, money: str | None,
            fun: int | None, favours: int | None, sources: tuple[str, ...],
            network: str | None, on: str | None, as_json: bool) -> None:
    """Record what introduction IDENT led to; with --for-me, what came back to you, in
    the network it came from and with the people it came from (nobody else's last
    contact moves)."""
    from kith.cli.commands import when_option
    from kith.services.introductions import outcome_value, record_outcome

    when = when_option(on, "--on")
    value = outcome_value(for_me, money_option(app, money), fun or 0, favours or 0)
    received = record_outcome(app.store, ident, led_to=led_to, for_me=for_me, value=value,
                              when=when, sources=sources, network=network)
    if as_json:
        emit_json({"introduction": ident, "led_to": led_to,
                   "received": received.to_dict() if received else None})
    elif received:
        echo("Recorded what came back: " + describe_interaction(app, received))
    else:
        echo(f"Noted: {ident} led to {led_to}")


@intro.command("list")
@json_option
@pass_app
def list_(app: KithApp, as_json: bool) -> None:
    """Introductions made, what they led to, and what came back to you."""
    from kith.core.parsing import format_money
    from kith.domain.serendipity import summary

    data = summary(app.store)
    if as_json:
        emit_json(data)
        return
    names = {i: d["name"] for i, d in app.store.people_docs().items()}
    echo(f"{counted(data['introductions'], 'introduction')}, {data['led_to_something']} "
         f"led to something; came back to you: "
         f"{format_money(data['came_back']['money'], app.store.currency)}, "
         f"{counted(data['came_back']['favours'], 'favour')}")
    for item in data["items"]:
        people = " and ".join(names.get(p, p) for p in item["people"])
        echo(f"  {item['when'][:10]}  {people} in {item['network']}  ({item['id']})")
        for result in item["outcomes"]:
            mine = " (for you)" if result["for_me"] else ""
            echo(f"      led to: {result['led_to']}{mine}")

"""``kith assess``: is each network worth it, and why."""

from __future__ import annotations

import click

from kith.cli.commands import emit_json, json_option, pass_app
from kith.core.parsing import describe_value
from kith.core.safeoutput import cell, clean_value, echo
from kith.core.safeoutput import console as data_console
from kith.domain import ledger
from kith.domain.ledger import summary
from kith.services.context import KithApp


def print_assessments(assessments: list, *, title: str | None = None) -> None:  # type: ignore[type-arg]
    """A summary across networks, then per window shown: a table (network, kind, given,
    received, verdict, advice) and each network's advice, next step and reasons."""
    from rich.table import Table
    from rich.text import Text


    console = data_console()
    colours = {"worth-it": "green", "out-of-balance": "yellow", "leave": "red",
               "too-early": "blue", "not-enough-records": "blue", "ask": "magenta",
               "dormant": "cyan"}
    windows: dict[str, list] = {}  # type: ignore[type-arg]
    for assessment in assessments:
        windows.setdefault(assessment.window.label, []).append(assessment)
    console.print(Text(title or "Your networks", style="bold"))
    for line in summary(assessments):
        console.print(Text(f"  {clean_value(line)}"), highlight=False)
    for label, items in windows.items():
        table = Table(title=f"{title or 'Your networks'}, {label}", title_justify="left",
                      show_lines=False)
        table.add_column("Network", overflow="fold")
        table.add_column("Given", overflow="fold")
        table.add_column("Received", overflow="fold")
        table.add_column("Verdict", no_wrap=True)
        table.add_column("Advice", no_wrap=True)
        table.add_column("Main reason", overflow="fold")
        for a in items:
            table.add_row(cell(a.network.name),
                          cell(describe_value(a.given, a.currency)),
                          cell(describe_value(a.received, a.currency)),
                          cell(a.label, style=colours.get(a.verdict, "white")),
                          cell(a.advice), cell(a.headline))
        console.print()
        console.print(table)
        for a in items:
            heading = Text()
            heading.append(clean_value(a.network.name), style="bold")
            heading.append(clean_value(f" ({a.network.kind}, {label}): {a.label}, "
                                       f"advice: {a.advice}"))
            console.print()
            console.print(heading)
            console.print(Text(f"  next step: {clean_value(a.next_step)}"), highlight=False)
            for caveat in a.caveats:
                console.print(Text(f"  caveat: {clean_value(caveat)}"), highlight=False)
            for reason in a.reasons:
                console.print(Text(f"  - {clean_value(reason)}"), highlight=False)
            if a.takers:
                names = ", ".join(clean_value(t["name"]) for t in a.takers)
                console.print(Text(f"  - only took so far (information, not a debt): {names}"),
                              highlight=False)


@click.command()
@click.option("--network", "networks", multiple=True, help="Only this network (repeatable).")
@click.option("--window", help="12m, 24m, all, or a year like 2024 (default: 12m and all).")
@click.option("--since", help="Start date (ISO); assessment works in whole months.")
@click.option("--until", help="End date (ISO; default today).")
@json_option
@pass_app
def assess(app: KithApp, networks: tuple[str, ...], window: str | None, since: str | None,
           until: str | None, as_json: bool) -> None:
    """Assess every network: does it give back at least what you put in, in money, fun
    or help?

    Starts with a summary (what to leave, rebalance, keep or rate, where your time goes),
    then for each window a verdict per network (worth it, out of balance, leave, too
    early, not enough records, ask: is it fun?, dormant), advice (keep, leave, rebalance,
    record-more, rate-fun, decide; none for a network you left), the next step, its
    caveats and the reasons, citing the numbers. Fun counts as you rated it, per
    occasion; values kith estimated are shown apart and never decide. Thresholds live in
    the [assessment] section of the configuration file (see the README).
    """

    store = app.store
    ids = [store.find_network(n).id for n in networks] if networks else None
    today = ledger.now_date()
    chosen = ledger.parse_window(since=since, until=until, window=window, today=today) \
        if (window or since or until) else None
    results = ledger.assess(store, window=chosen, networks=ids, config=app.config,
                            plugins=app.plugins, today=today)
    if as_json:
        emit_json([a.to_dict() for a in results])
        return
    if not results:
        echo("No networks yet. Add one with `kith network add NAME --kind KIND`.")
        return
    print_assessments(results)

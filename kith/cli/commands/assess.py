"""``kith assess``: is each network worth it, and why."""

from __future__ import annotations

from typing import Any

import click

from kith.cli.commands import emit_json, json_option, pass_app
from kith.core.dates import DAY_HELP, parse_user_date
from kith.core.parsing import describe_value
from kith.core.safeoutput import cell, clean_value, echo
from kith.core.safeoutput import console as data_console
from kith.domain import ledger
from kith.domain.ledger import summary
from kith.services.context import KithApp

COMPACT_BELOW = 110
"""Terminals narrower than this get the compact table: network, verdict, advice and the
main reason; what was given and received moves under each network's heading."""


def print_assessments(assessments: list, *, title: str | None = None) -> None:  # type: ignore[type-arg]
    """A summary across networks, then per window shown: a table (network, given,
    received, verdict, advice, main reason; compact on a narrow terminal) and each
    network's advice, next step and reasons. No cell breaks a word: each column is at
    least as wide as its longest word (words longer than a third of the terminal aside)."""
    from rich.table import Table
    from rich.text import Text

    console = data_console()
    compact = console.width < COMPACT_BELOW
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
                      show_lines=False, padding=(0, 1), collapse_padding=compact)
        rows = [[a.network.name,
                 *(() if compact else (describe_value(a.given, a.currency),
                                       describe_value(a.received, a.currency))),
                 a.label, a.advice, a.headline] for a in items]
        headers = ["Network", *(() if compact else ("Given", "Received")), "Verdict",
                   "Advice", "Main reason"]
        longest = console.width // 3
        for index, header in enumerate(headers):
            words = [w for row in rows for w in str(row[index]).split()] + header.split()
            table.add_column(header, min_width=min(max(map(len, words)), longest),
                             overflow="fold", ratio=1 if header == "Main reason" else None)
        verdict_at = headers.index("Verdict")
        for a, row in zip(items, rows, strict=True):
            table.add_row(*(cell(text, style=colours.get(a.verdict, "white"))
                            if index == verdict_at else cell(text)
                            for index, text in enumerate(row)))
        console.print()
        console.print(table)
        for a in items:
            heading = Text()
            heading.append(clean_value(a.network.name), style="bold")
            heading.append(clean_value(f" ({a.network.kind}, {label}): {a.label}, "
                                       f"advice: {a.advice}"))
            console.print()
            console.print(heading)
            if compact:
                console.print(Text(f"  given: {clean_value(describe_value(a.given, a.currency))}"
                                   f"; received: "
                                   f"{clean_value(describe_value(a.received, a.currency))}"),
                              highlight=False)
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
@click.option("--window", help="12m, 24m, all, or a year like 2024 (default: 12m; "
              "--window all for all time).")
@click.option("--since", help=f"Start date: {DAY_HELP} (assessment works in whole months).")
@click.option("--until", help=f"End date: {DAY_HELP} (default today).")
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
    since, until = (_day(since, "--since", today), _day(until, "--until", today))
    if not (window or since or until or as_json):
        window = "12m"  # one window on the terminal; --window all for the other
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


def _day(text: str | None, what: str, today: Any) -> str | None:
    """A day typed as every date option takes it ("2 weeks ago", ISO), as ISO."""
    return parse_user_date(text, what, today=today).isoformat() if text else None

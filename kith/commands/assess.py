"""``kith assess``: is each network worth it, and why."""

from __future__ import annotations

import click

from kith.commands import emit_json, json_option, pass_app


def print_assessments(assessments: list, *, title: str | None = None) -> None:  # type: ignore[type-arg]
    """A table per window (network, kind, given, received, verdict, main reason), then
    every network's reasons."""
    from rich.console import Console
    from rich.table import Table

    from kith.ledger import describe_value

    console = Console(soft_wrap=False)
    colours = {"worth-it": "green", "out-of-balance": "yellow", "leave": "red",
               "too-early": "blue"}
    windows: dict[str, list] = {}  # type: ignore[type-arg]
    for assessment in assessments:
        windows.setdefault(assessment.window.label, []).append(assessment)
    for label, items in windows.items():
        table = Table(title=f"{title or 'Your networks'}, {label}", title_justify="left",
                      show_lines=False)
        table.add_column("Network", overflow="fold")
        table.add_column("Kind", no_wrap=True)
        table.add_column("Given", overflow="fold")
        table.add_column("Received", overflow="fold")
        table.add_column("Verdict", no_wrap=True)
        table.add_column("Main reason", overflow="fold")
        for a in items:
            colour = colours.get(a.verdict, "white")
            table.add_row(a.network.name, a.network.kind, describe_value(a.given, a.currency),
                          describe_value(a.received, a.currency),
                          f"[{colour}]{a.label}[/{colour}]", a.headline)
        console.print(table)
    first_window = next(iter(windows), None)
    for a in windows.get(first_window, []) if first_window else []:
        console.print(f"\n[bold]{a.network.name}[/bold] ({a.window.label}): {a.label}, "
                      f"trend {a.trend}")
        for reason in a.reasons:
            console.print(f"  - {reason}", highlight=False)
        if a.takers:
            names = ", ".join(t["name"] for t in a.takers)
            console.print(f"  - only took so far (information, not a debt): {names}",
                          highlight=False)


@click.command()
@click.option("--network", "networks", multiple=True, help="Only this network (repeatable).")
@click.option("--window", help="12m, 24m, all, or a year like 2024 (default: 12m and all).")
@click.option("--since", help="Start date (ISO); assessment works in whole months.")
@click.option("--until", help="End date (ISO; default today).")
@json_option
@pass_app
def assess(app, networks: tuple[str, ...], window: str | None, since: str | None,  # type: ignore[no-untyped-def]
           until: str | None, as_json: bool) -> None:
    """Assess every network: does it give back at least what you put in, in money or fun?

    Prints a verdict per network (worth it, out of balance, leave, too early) with the
    reasons, citing the numbers. Thresholds live in the [assessment] section of the
    configuration file.
    """
    from kith import ledger

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
        click.echo("No networks yet. Add one with `kith network add NAME --kind KIND`.")
        return
    print_assessments(results)

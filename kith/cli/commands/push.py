"""``kith push [NAME...]``: changes made in kith written back to the address books."""

from __future__ import annotations

from typing import Any

import click

from kith.cli.commands import emit_json, json_option, pass_app
from kith.core.safeoutput import echo
from kith.services.context import KithApp


def publish_all(app: KithApp, names: tuple[str, ...], as_json: bool) -> list[Any]:
    """Publish the reminders into every named calendar added with ``--publish``."""
    from kith.services.live_sources import selected
    from kith.services.publish import publish

    results = []
    for definition in selected(app.config, names):
        if definition.holds != "calendar" or not definition.publish:
            continue
        if definition.remote:
            from kith.live.definitions import shown_url

            click.echo(f"kith: connecting to {shown_url(definition.url or '')} "
                       f"({definition.name}) to publish reminders", err=True)
        summary = publish(app.store, definition, app.config, plugins=app.plugins)
        results.append(summary)
        if not as_json:
            echo(f"{definition.name}: reminders: {summary.written} written, "
                 f"{summary.unchanged} unchanged")
            for why in summary.refused:
                echo(f"  not written: {why}")
    return results


def push_all(app: KithApp, names: tuple[str, ...], as_json: bool) -> list[Any]:
    """Push every named contacts source; print each summary unless ``as_json``."""
    from kith.services.live_sources import selected
    from kith.services.push import push_contacts

    chosen = [d for d in selected(app.config, names) if d.holds == "contacts"]
    results = []
    for definition in chosen:
        if definition.remote:
            from kith.live.definitions import shown_url

            click.echo(f"kith push: connecting to {shown_url(definition.url or '')} "
                       f"({definition.name})", err=True)
        summary = push_contacts(app.store, definition, plugins=app.plugins)
        results.append(summary)
        if not as_json:
            if not summary.written and not summary.refused:
                echo(f"{definition.name}: nothing to write back")
            if summary.written:
                echo(f"{definition.name}: wrote back {len(summary.written)}: "
                     + ", ".join(summary.written))
            for why in summary.refused:
                echo(f"  not written: {why}")
    return results


@click.command("push")
@click.argument("names", nargs=-1)
@json_option
@pass_app
def push(app: KithApp, names: tuple[str, ...], as_json: bool) -> None:
    """Write changes made in kith back to the address books (all, or NAME...).

    Only people a pull brought, only the properties kith keeps (name, emails, phones,
    birthday, note); a card changed in the address book since the last pull is not
    overwritten (pull first). Nothing is deleted. Reminders (follow-ups, keep-in-touch,
    birthdays) are published into calendars added with --publish. Servers are reached
    over the network.
    """
    results = push_all(app, names, as_json)
    published = publish_all(app, names, as_json)
    if as_json:
        emit_json({"pushed": [s.to_dict() for s in results],
                   "reminders": [s.to_dict() for s in published]})

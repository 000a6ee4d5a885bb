"""``kith pull [NAME...]``: refresh the live sources (the one command that reads them).

Reading a server opens a network connection, and this command says so before it does;
folders (vdirs, Maildirs) are read locally. Each source is pulled in its own transaction
(``kith.services.pull``); a source that fails (a server down, a refused password, a
failing password_command) is one line and exit code 2, and leaves the database as the
sources before it left it.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from kith.cli.commands import emit_json, json_option, pass_app
from kith.core.safeoutput import echo
from kith.services.context import KithApp

PROGRESS_FROM = 500
"""Pulls reading at least this many items show a progress bar (on a terminal)."""


def _progress() -> tuple[Any, list[Any]]:
    bars: list[Any] = []

    def advance(step: int, total: int | None) -> None:
        if total is None or total < PROGRESS_FROM or not sys.stderr.isatty():
            return
        if not bars:
            bars.append(click.progressbar(length=total, label="reading", file=sys.stderr))
            bars[0].__enter__()
        bars[0].update(step)

    return advance, bars


def describe(summary: Any) -> list[str]:
    """The summary of one source in lines: what came, what was skipped and why."""
    if not summary.wrote and not summary.skipped and not summary.read:
        return [f"{summary.source}: nothing new"]
    parts = []
    if summary.kind in ("vdir-contacts", "carddav"):
        parts = [f"{summary.added} people added", f"{summary.matched} matched",
                 f"{summary.changed} changed"]
    else:
        parts = [f"{summary.suggested} suggestions", f"{summary.changed} updated"]
        if summary.accepted:
            parts.append(f"{summary.accepted} accepted by rules")
    if summary.skipped:
        parts.append(f"{len(summary.skipped)} skipped")
    lines = [f"{summary.source}: read {summary.read}; " + ", ".join(parts)]
    lines += [f"  skipped: {why}" for why in summary.skipped[:50]]
    lines += [f"  warning: {why}" for why in summary.warnings[:50]]
    lines += [f"  deleted in the source, kept in kith: {who}" for who in summary.removed]
    lines += [f"  not merged: {why}" for why in summary.conflicts]
    return lines


@click.command("pull")
@click.argument("names", nargs=-1)
@click.option("--two-way", is_flag=True, help="Then write changes made in kith back to "
              "the address books (as `kith push`).")
@json_option
@pass_app
def pull(app: KithApp, names: tuple[str, ...], two_way: bool, as_json: bool) -> None:
    """Refresh the live sources (all, or NAME...): contacts, calendars, mail.

    Only what changed since the last pull is read. Contacts become people; events and
    mail threads with people you know wait in `kith inbox`; reminders are published into
    calendars added with --publish. Servers are reached over the network (said before
    each connection).
    """
    from kith.live.rules import rules
    from kith.services.live_sources import selected
    from kith.services.pull import pull_source

    chosen = selected(app.config, names)
    if not chosen:
        if as_json:
            emit_json([])
        else:
            echo("No sources yet: kith source add NAME --kind KIND ... (see `kith source "
                 "--help`)")
        return
    inbox_rules = rules(app.config)
    store = app.store
    results = []
    for definition in chosen:
        if definition.remote:
            from kith.live.definitions import shown_url

            click.echo(f"kith pull: connecting to {shown_url(definition.url or '')} "
                       f"({definition.name})", err=True)
        advance, bars = _progress()
        try:
            summary = pull_source(store, definition, rules=inbox_rules, plugins=app.plugins,
                                  progress=advance)
        finally:
            for bar in bars:
                bar.__exit__(None, None, None)
        results.append(summary)
        if not as_json:
            for line in describe(summary):
                echo(line)
    from kith.cli.commands.push import publish_all, push_all

    pushed = [s.to_dict() for s in push_all(app, names, as_json)] if two_way else []
    published = [s.to_dict() for s in publish_all(app, names, as_json)]
    if as_json:
        pulled = [s.to_dict() for s in results]
        emit_json({"pulled": pulled, "pushed": pushed, "reminders": published}
                  if two_way or published else pulled)

"""``kith source add|list|remove``: the live sources ``kith pull`` reads, configured once."""

from __future__ import annotations

import click

from kith.cli.commands import emit_json, json_option, output, pass_app
from kith.core.safeoutput import echo
from kith.services.context import KithApp

KIND_CHOICES = ("vdir-contacts", "vdir-calendar", "carddav", "caldav", "maildir", "imap")


@click.group()
def source() -> None:
    """Live sources (address books, calendars, mail) for `kith pull`: add, list, remove.

    Kept in the configuration file ([sources.NAME]); kith never writes a password there:
    give --password-command (e.g. "pass show dav/home").
    """


@source.command("add")
@click.argument("name")
@click.option("--kind", required=True, type=click.Choice(KIND_CHOICES),
              help="What the source is.")
@click.option("--path", help="The folder (vdir-contacts, vdir-calendar, maildir).")
@click.option("--url", help="The collection's URL (carddav, caldav) or imap(s)://HOST[:PORT] "
              "(imap).")
@click.option("--username", help="The account name on the server.")
@click.option("--password-command", help="A command printing the password (run at each "
              "pull; never stored).")
@click.option("--network", help="Contacts: the network the people belong to; calendars "
              "and mail: the network suggested for what they show.")
@click.option("--me", multiple=True, help="Your own address (repeatable): mail's sender "
              "and a calendar's attendee that is you.")
@click.option("--folder", default="INBOX", show_default=True, help="IMAP: the folder.")
@click.option("--calendar-name", "calendar", default="", help="The calendar's name as "
              "inbox rules see it (default: NAME).")
@click.option("--since-days", default=60, show_default=True, type=int,
              help="How far back the first pull suggests events and mail.")
@click.option("--publish", is_flag=True, help="A calendar kith publishes reminders into "
              "(kith push --reminders).")
@json_option
@pass_app
def add(app: KithApp, name: str, kind: str, path: str | None, url: str | None,
        username: str | None, password_command: str | None, network: str | None,
        me: tuple[str, ...], folder: str, calendar: str, since_days: int, publish: bool,
        as_json: bool) -> None:
    """Add source NAME (written to the configuration file).

    Example: kith source add phone --kind carddav --url https://dav.example.org/ann/contacts/
    --username ann --password-command "pass show dav" --network Friends
    """
    from pathlib import Path

    from kith.live.definitions import SourceDefinition
    from kith.services.live_sources import add_source

    folder_path = str(Path(path).expanduser().resolve()) if path else None
    definition = SourceDefinition(
        name=name, kind=kind, path=folder_path, url=url, username=username,
        password_command=password_command, network=network,
        me=tuple(m.strip().lower() for m in me if m.strip()), folder=folder,
        calendar=calendar, since_days=since_days, publish=publish)
    written = add_source(definition)
    output({"source": name, **definition.settings(), "config": str(written)},
           f"Added source {name} ({kind}) to {written}; `kith pull {name}` reads it.",
           as_json=as_json)


@source.command("list")
@json_option
@pass_app
def list_(app: KithApp, as_json: bool) -> None:
    """The configured sources: name, kind, where, network."""
    from kith.services.live_sources import sources

    found = sources(app.config)
    if as_json:
        emit_json([{"name": d.name, **d.settings()} for d in found])
        return
    if not found:
        echo("No sources yet: kith source add NAME --kind KIND ...")
        return
    for definition in found:
        extra = f" -> {definition.network}" if definition.network else ""
        echo(f"{definition.name}  {definition.kind}  {definition.where()}{extra}")


@source.command("remove")
@click.argument("name")
@json_option
@pass_app
def remove(app: KithApp, name: str, as_json: bool) -> None:
    """Remove source NAME and forget its sync state (what it brought stays)."""
    from kith.services.live_sources import remove_source

    store = app.store
    remove_source(store, name)
    output({"removed": name}, f"Removed source {name}; the people and suggestions it "
           "brought stay.", as_json=as_json)

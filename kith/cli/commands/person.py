"""``kith person``: the people in your networks."""

from __future__ import annotations

import shutil
import sys
from typing import Any

import click

from kith.cli.commands import describe_interaction, emit_json, json_option, output, pass_app
from kith.cli.commands.followup import describe_follow_up
from kith.cli.commands.table import render_table
from kith.core.model import describe_relationship
from kith.core.safeoutput import echo
from kith.core.textfold import fold
from kith.core.words import birthday as readable_birthday
from kith.core.words import counted
from kith.domain.search import person_haystack
from kith.persistence.store.aggregates import interaction_count
from kith.services.context import KithApp
from kith.services.editing import parse_handles
from kith.services.people import PersonChanges, PersonDetails, add_person, edit_person, merge_people
from kith.services.person_page import person_page


def person_summary(person: dict[str, Any], stats: dict[str, Any] | None) -> dict[str, Any]:
    """The ``--json`` shape of a person in lists: the record plus last contact."""
    last = None
    count = 0
    if stats:
        for net, data in stats.items():
            count += interaction_count(data)
            if last is None or data["last"] > last["when"]:
                last = {"when": data["last"], "network": net}
    return {**person, "interactions": count, "last_contact": last}


@click.group()
def person() -> None:
    """Add, list, show, edit and merge people."""


@person.command("add")
@click.argument("name")
@click.option("--network", "networks", multiple=True, help="Network id or name (repeatable).")
@click.option("--email", "emails", multiple=True)
@click.option("--phone", "phones", multiple=True)
@click.option("--handle", "handles", multiple=True, help="KIND=VALUE, e.g. mastodon=@a@b.c")
@click.option("--tag", "tags", multiple=True)
@click.option("--birthday", help="1990-04-15, or --04-15 without a year.")
@click.option("--cadence", type=int, help="Keep in touch every N days.")
@click.option("--note", default="")
@json_option
@pass_app
def add(app: KithApp, name: str, networks: tuple[str, ...], emails: tuple[str, ...],
        phones: tuple[str, ...], handles: tuple[str, ...], tags: tuple[str, ...],
        birthday: str | None, cadence: int | None, note: str, as_json: bool) -> None:
    """Add a person NAME."""

    created = add_person(app.store, PersonDetails(
        name, handles=parse_handles(emails, phones, handles), networks=networks, tags=tags,
        birthday=birthday, cadence_days=cadence, notes=note))
    output(created.to_dict(), f"Added {created.name}, id {created.id}", as_json=as_json)


@person.command("list")
@click.option("--network", help="Only people in this network.")
@click.option("--search", help="Words to find in names, aliases, handles, tags and notes "
              "(any case, with or without accents).")
@click.option("--tag", help="Only people with this tag.")
@json_option
@pass_app
def list_(app: KithApp, network: str | None, search: str | None, tag: str | None,
          as_json: bool) -> None:
    """List people, with where and when you last met."""

    store = app.store
    net_id = store.find_network(network).id if network else None
    docs = store.people_docs()
    words = [w for w in fold(search).split(" ") if w] if search else []
    notes_by_person: dict[str, list[str]] = {}
    if words:
        notes_by_person = store.note_texts_by_person()
    # a search usually keeps a few people: read their stats alone, not all 10k
    stats = None if words else store.person_stats()
    rows = []
    for doc in docs.values():
        if net_id and net_id not in doc["networks"]:
            continue
        if tag and tag.lower() not in doc["tags"]:
            continue
        if words:
            hay = person_haystack(doc, notes_by_person.get(doc["id"], ()))
            if not all(w in hay for w in words):
                continue
        rows.append(person_summary(doc, stats.get(doc["id"]) if stats is not None
                                   else store.person_stats(doc["id"]).get(doc["id"])))
    rows.sort(key=lambda r: (r["id"] != "me", r["name"].casefold()))
    if as_json:
        emit_json(rows)
        return
    if not rows:
        echo("No people match." if words or tag or net_id else "No people yet.")
        return

    cells = []
    for row in rows:
        handles = ", ".join(f"{k}:{v[0]}" for k, v in row["handles"].items() if v)
        last = row["last_contact"]
        cells.append((row["name"], ", ".join(row["networks"]), handles, ", ".join(row["tags"]),
                      f"{last['when'][:10]} ({last['network']})" if last else "-", row["id"]))
    text = counted(len(rows), "person", "people") + "\n" + render_table(
        ("Name", "Networks", "Handles", "Tags", "Last contact", "Id"), cells,
        caps=(30, 24, 34, 20, 28, 26))
    if sys.stdout.isatty() and text.count("\n") > shutil.get_terminal_size().lines:
        click.echo_via_pager(text)  # $PAGER, like git: a long list starts at the top
    else:
        sys.stdout.write(text)


@person.command("show")
@click.argument("ref")
@click.option("--limit", type=int, default=20, show_default=True,
              help="How many recent interactions to show.")
@json_option
@pass_app
def show(app: KithApp, ref: str, limit: int, as_json: bool) -> None:
    """Show a person: details, relationships, notes (newest first), follow-ups, networks,
    recent interactions and opportunities."""

    page = person_page(app.store, ref, recent=limit)
    if as_json:
        emit_json({**person_summary(page.person.to_dict(), page.stats), "stats": page.stats,
                   "recent": [i.to_dict() for i in page.recent],
                   "opportunities": [o.to_dict() for o in page.opportunities],
                   "dated_notes": [n.to_dict() for n in page.notes],
                   "relationships": [r.to_dict() for r in page.relationships],
                   "follow_ups": [f.to_dict() for f in page.follow_ups]})
        return
    _echo_details(page.person)
    _echo_journal(page)
    if page.recent:
        echo("Recent interactions:")
        for interaction in page.recent:
            echo("  " + describe_interaction(app, interaction))


def _echo_details(found: Any) -> None:
    echo(f"{found.name}  ({found.id})")
    if found.aliases:
        echo(f"  also known as: {', '.join(found.aliases)}")
    for kind, values in found.handles.items():
        echo(f"  {kind}: {', '.join(values)}")
    if found.networks:
        echo("  networks: " + ", ".join(
            f"{n}" + (f" (since {s})" if s else "") for n, s in found.networks.items()))
    if found.tags:
        echo(f"  tags: {', '.join(found.tags)}")
    if found.birthday:
        echo(f"  birthday: {readable_birthday(found.birthday)}")
    if found.cadence_days:
        echo(f"  keep in touch every {counted(found.cadence_days, 'day')}")
    if found.notes:
        echo(f"  notes: {found.notes}")


def _echo_journal(page: Any) -> None:
    """Relationships, opportunities, open follow-ups and dated notes."""

    for rel in page.relationships:
        note = f" ({rel.note})" if rel.note else ""
        echo(f"  {describe_relationship(rel.kind)} {rel.name}{note}")
    for o in page.opportunities:
        echo(f"  {o.type}: {o.text} [{o.status}] ({o.id})")
    if page.follow_ups:
        echo("Follow-ups:")
        for follow_up in page.follow_ups:
            echo(describe_follow_up(follow_up, page.people_names))
    if page.notes:
        echo("Notes (newest first):")
        for entry in page.notes:
            where = f" [{entry.network}]" if entry.network else ""
            echo(f"  {entry.on}{where}  {entry.text}  ({entry.id})")


@person.command("edit")
@click.argument("ref")
@click.option("--name")
@click.option("--add-email", multiple=True)
@click.option("--add-phone", multiple=True)
@click.option("--add-handle", multiple=True, help="KIND=VALUE")
@click.option("--remove-handle", multiple=True, help="KIND=VALUE")
@click.option("--remove-email", multiple=True, help="An email to remove.")
@click.option("--remove-phone", multiple=True, help="A phone number to remove (any format).")
@click.option("--add-network", multiple=True)
@click.option("--remove-network", multiple=True)
@click.option("--add-tag", multiple=True)
@click.option("--remove-tag", multiple=True)
@click.option("--alias", "aliases", multiple=True, help="Add an alias.")
@click.option("--remove-alias", multiple=True, help="An alias to remove (any case).")
@click.option("--birthday", help="1990-04-15 or --04-15; empty to clear.")
@click.option("--cadence", type=int, help="Keep in touch every N days; 0 to clear.")
@click.option("--note", help="Replace the notes.")
@json_option
@pass_app
def edit(app: KithApp, ref: str, name: str | None, add_email: tuple[str, ...],
         add_phone: tuple[str, ...], add_handle: tuple[str, ...],
         remove_handle: tuple[str, ...], remove_email: tuple[str, ...],
         remove_phone: tuple[str, ...], add_network: tuple[str, ...],
         remove_network: tuple[str, ...], add_tag: tuple[str, ...],
         remove_tag: tuple[str, ...], aliases: tuple[str, ...], remove_alias: tuple[str, ...],
         birthday: str | None, cadence: int | None, note: str | None, as_json: bool) -> None:
    """Change a person's details."""

    updated = edit_person(app.store, ref, PersonChanges(
        name=name, add_aliases=aliases, remove_aliases=remove_alias,
        add_handles=parse_handles(add_email, add_phone, add_handle),
        remove_handles=parse_handles(remove_email, remove_phone, remove_handle),
        add_networks=add_network, remove_networks=remove_network, add_tags=add_tag,
        remove_tags=remove_tag, birthday=birthday, cadence_days=cadence, notes=note))
    output(updated.to_dict(), f"Updated {updated.name} ({updated.id})", as_json=as_json)


@person.command("merge")
@click.argument("keep")
@click.argument("absorb")
@json_option
@pass_app
def merge(app: KithApp, keep: str, absorb: str, as_json: bool) -> None:
    """Merge person ABSORB into KEEP: handles, networks, tags and interactions.

    The merge is remembered: the absorbed id still resolves, and a later re-import of
    either person's source finds the merged person.
    """

    merged = merge_people(app.store, keep, absorb)
    if as_json:
        emit_json(merged.to_dict())
    else:
        echo(f"Merged into {merged.name} ({merged.id}); also known as "
             f"{', '.join(merged.aliases) or '-'}")


from kith.cli.commands.person_duplicates import duplicates  # noqa: E402  (a subcommand of person)
from kith.cli.commands.relate import relate, unrelate  # noqa: E402

person.add_command(duplicates)
person.add_command(relate)
person.add_command(unrelate)

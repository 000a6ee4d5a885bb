"""``kith network``: the groups you belong to."""

from __future__ import annotations

import click

from kith.cli.commands import emit_json, json_option, output, pass_app
from kith.core.safeoutput import echo
from kith.core.words import counted
from kith.persistence.store.aggregates import totals_of
from kith.services.context import KithApp
from kith.services.editing import parse_day
from kith.services.networks import KEEP, NetworkChanges, NetworkDetails, add_network, edit_network


@click.group()
def network() -> None:
    """Add, list, show, edit and remove networks."""


@network.command("add")
@click.argument("name")
@click.option("--kind", default="other", show_default=True,
              help="social, church, association, friends, other, or a plugin's kind.")
@click.option("--joined", help="Date you joined (ISO, e.g. 2021-09-01).")
@click.option("--id", "ident", help="Id to use (default: a slug of the name).")
@click.option("--note", default="", help="Free text.")
@json_option
@pass_app
def add(app: KithApp, name: str, kind: str, joined: str | None, ident: str | None, note: str,
        as_json: bool) -> None:
    """Add a network NAME of some --kind."""

    created = add_network(app.store, NetworkDetails(
        name, kind=kind, id=ident, joined=parse_day(joined or "", "--joined"), notes=note),
        kinds=app.plugins.network_kinds())
    output(created.to_dict(),
           f"Added network {created.name} ({created.kind}), id {created.id}", as_json=as_json)


@network.command("list")
@json_option
@pass_app
def list_(app: KithApp, as_json: bool) -> None:
    """List networks."""
    networks = app.store.networks()
    if as_json:
        emit_json([n.to_dict() for n in networks])
        return
    if not networks:
        echo("No networks yet. Add one with `kith network add NAME --kind KIND`.")
    for n in networks:
        since = f" since {n.joined}" if n.joined else ""
        left = f", left {n.left}" if n.left else ""
        echo(f"{n.id:<24} {n.name} ({n.kind}{since}{left})")


@network.command("show")
@click.argument("ref")
@json_option
@pass_app
def show(app: KithApp, ref: str, as_json: bool) -> None:
    """Show one network with its members and activity."""
    store = app.store
    net = store.find_network(ref)
    members = [p for p in store.people() if net.id in p.networks]
    months = store.network_months().get(net.id, {})
    counts = {d: sum(totals_of(m, d).count for m in months.values())
              for d in ("gave", "received", "shared")}
    data = {**net.to_dict(), "members": len(members), "interactions": counts,
            "months_active": len(months)}
    if as_json:
        emit_json(data)
        return
    echo(f"{net.name} ({net.kind}), id {net.id}")
    if net.joined or net.left:
        echo(f"  joined {net.joined or '?'}" + (f", left {net.left}" if net.left else ""))
    if net.notes:
        echo(f"  {net.notes}")
    echo(f"  {counted(len(members), 'person', 'people')}; interactions: {counts['gave']} "
         f"gave, {counts['received']} received, {counts['shared']} shared "
         f"over {counted(len(months), 'month')}")


@network.command("edit")
@click.argument("ref")
@click.option("--name")
@click.option("--kind")
@click.option("--joined", help="ISO date; empty to clear.")
@click.option("--left", help="ISO date you left; empty to clear.")
@click.option("--note")
@json_option
@pass_app
def edit(app: KithApp, ref: str, name: str | None, kind: str | None, joined: str | None,
         left: str | None, note: str | None, as_json: bool) -> None:
    """Change a network's name, kind, dates or note (its id stays)."""

    updated = edit_network(app.store, ref, NetworkChanges(
        name=name, kind=kind,
        joined=KEEP if joined is None else parse_day(joined, "--joined"),
        left=KEEP if left is None else parse_day(left, "--left"), notes=note),
        kinds=app.plugins.network_kinds())
    output(updated.to_dict(), f"Updated network {updated.name} ({updated.id})", as_json=as_json)


@network.command("remove")
@click.argument("ref")
@click.option("--force", is_flag=True, help="Also remove the network's interactions.")
@json_option
@pass_app
def remove(app: KithApp, ref: str, force: bool, as_json: bool) -> None:
    """Remove a network (refused while it has interactions, unless --force)."""
    net = app.store.find_network(ref)
    removed = app.store.remove_network(net.id, force=force)
    output({"removed": net.id, "interactions_removed": removed},
           f"Removed network {net.name} ({net.id}) and {counted(removed, 'interaction')}",
           as_json=as_json)

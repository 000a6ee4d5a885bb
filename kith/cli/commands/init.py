"""``kith init``: create the database folder."""

from __future__ import annotations

import click

from kith.cli.commands import emit_json, json_option, pass_app
from kith.core.config import config_path
from kith.core.safeoutput import echo
from kith.persistence.store import Store
from kith.services.context import KithApp


@click.command()
@click.option("--currency", help="ISO currency code for money (default from config, EUR).")
@json_option
@pass_app
def init(app: KithApp, currency: str | None, as_json: bool) -> None:
    """Create an empty kith database (nothing happens if one exists)."""
    store = Store(app.db, plugins=app.plugins,
                  currency=currency or app.config["kith"].get("currency"))
    existed = not store.create()
    if as_json:
        emit_json({"path": str(app.db), "created": not existed, "currency": store.currency,
                   "schema": store.schema_version})
        return
    verb = "Using existing" if existed else "Created"
    echo(f"{verb} kith database at {app.db} (currency {store.currency})")
    if not (app.config.get("assessment") or {}).get("hourly_rate"):
        echo(f"Your time is not priced: to weigh the hours you give against the money "
             f"that comes back, set your own rate in {config_path()}:\n"
             f"  [assessment]\n  hourly_rate = 40   # what an hour of yours is worth, "
             f"in {store.currency}")

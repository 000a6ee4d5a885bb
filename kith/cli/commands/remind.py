"""``kith remind``: whom you are losing touch with, birthdays, newcomers you helped."""

from __future__ import annotations

from datetime import date

import click

from kith.cli.commands import emit_json, json_option, pass_app
from kith.core.safeoutput import echo
from kith.services.context import KithApp


@click.command()
@click.option("--days", type=click.IntRange(0, 366), default=30, show_default=True,
              help="Show birthdays in the next N days.")
@json_option
@pass_app
def remind(app: KithApp, days: int, as_json: bool) -> None:
    """Follow-ups (due and overdue first), who is overdue for contact (most overdue
    first), upcoming birthdays, and people you helped who are new to a network.

    Cadences come from each person (`kith person edit P --cadence 30`), their tags or
    networks (`[keep_in_touch]` in the configuration). Any interaction resets them.
    """
    from kith.cli.commands.followup import describe_follow_up
    from kith.domain.keepintouch import reminders
    from kith.services.followups import follow_ups

    result = reminders(app.store, app.config, birthday_days=days)
    pending = follow_ups(app.store)
    if as_json:
        emit_json({"follow_ups": [f.to_dict() for f in pending], **result.to_dict()})
        return
    if not (pending or result.overdue or result.birthdays or result.newcomers):
        echo("Nothing to remind you of: everyone is within their cadence.")
        return
    if pending:
        today = date.today()
        names = {i: d["name"] for i, d in app.store.people_docs().items()}
        for heading, due in (("Follow-ups due (overdue first):", True),
                             ("Follow-ups coming up:", False)):
            items = [f for f in pending if (f.days_until(today) <= 0) is due]
            if items:
                echo(heading)
                for item in items:
                    echo(describe_follow_up(item, names))
    if result.overdue:
        echo("Overdue (most overdue first):")
        for o in result.overdue:
            where = (f"last met {o.last_contact[:10]} in {o.last_network}, {o.days_since} "
                     f"days ago" if o.last_contact else "no contact recorded yet")
            echo(f"  {o.name}: {where}; every {o.cadence_days} days "
                 f"({o.days_overdue} days overdue)")
    if result.birthdays:
        echo("Birthdays:")
        for b in result.birthdays:
            turns = f", turns {b.turns}" if b.turns else ""
            when = "today" if b.days_until == 0 else f"in {b.days_until} days"
            echo(f"  {b.name}: {b.date} ({when}{turns})")
    if result.newcomers:
        echo("Newcomers you helped (paying it forward):")
        for n in result.newcomers:
            echo(f"  {n.name} in {n.network}, since {n.first} (helped {n.helped}x)")

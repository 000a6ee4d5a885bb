"""``kith remind``: follow-ups, whom you are losing touch with, birthdays, newcomers you
helped, people who came to you and were not followed up, people drifting away, and whom
to thank. Every line says why and which command acts on it."""

from __future__ import annotations

from datetime import date

import click

from kith.cli.commands import emit_json, json_option, pass_app, when_option
from kith.core.errors import ValidationError
from kith.core.safeoutput import echo
from kith.core.words import counted, days_ago, in_days
from kith.services.context import KithApp
from kith.services.reminders import all_reminders, silence


@click.command()
@click.option("--days", type=click.IntRange(0, 366), default=30, show_default=True,
              help="Show birthdays in the next N days.")
@click.option("--silence", "silence_ref", metavar="PERSON",
              help="Stop reminding you that PERSON is drifting away (a person field).")
@click.option("--unsilence", "unsilence_ref", metavar="PERSON",
              help="Remind you again when PERSON drifts away.")
@click.option("--as-of", "as_of", metavar="DATE",
              help="Remind as of this day (default today): 2026-05-31, last friday...")
@json_option
@pass_app
def remind(app: KithApp, days: int, silence_ref: str | None, unsilence_ref: str | None,
           as_of: str | None, as_json: bool) -> None:
    """Follow-ups (due and overdue first), who is overdue for contact (most overdue
    first), upcoming birthdays, people you helped who are new to a network, people who
    came to you and were not followed up (newest first), people drifting away, and whom
    to thank.

    Cadences come from each person (`kith person edit P --cadence 30`), their tags or
    networks (`[keep_in_touch]` in the configuration). Any interaction resets them.
    Drifting: someone you used to see often (5+ contacts, usually every 90 days or more
    often) and now not for 3 times their usual gap (30 days at least), with no cadence
    set; `--silence PERSON` stops it for them.
    """

    if silence_ref and unsilence_ref:
        raise ValidationError("--silence and --unsilence: one at a time")
    if silence_ref or unsilence_ref:
        person = silence(app.store, silence_ref or unsilence_ref or "",
                         quiet=bool(silence_ref))
        if as_json:
            emit_json({"person": person.id, "silenced": bool(silence_ref)})
        elif silence_ref:
            echo(f"{person.name} will not be shown as drifting "
                 f"(undo: kith remind --unsilence {person.id})")
        else:
            echo(f"{person.name} will be shown again when drifting away")
        return

    moment = when_option(as_of, "--as-of")
    today = moment.date() if moment else date.today()
    pending, result = all_reminders(app.store, app.config, today, birthday_days=days)
    if as_json:
        emit_json({"follow_ups": [f.to_dict() for f in pending], **result.to_dict()})
        return
    if not (pending or result.overdue or result.birthdays or result.newcomers
            or result.came_to_you or result.drifting or result.thank):
        echo("Nothing to remind you of: everyone is within their cadence.")
        return
    if pending:
        # the follow-up command's module (and the editing use cases under it) only here:
        # `kith remind --json` and a day without follow-ups never need it
        from kith.cli.commands.followup import describe_follow_up

        names = {i: d["name"] for i, d in app.store.people_docs().items()}
        for heading, due in (("Follow-ups due (overdue first):", True),
                             ("Follow-ups coming up:", False)):
            items = [f for f in pending if (f.days_until(today) <= 0) is due]
            if items:
                echo(heading)
                for item in items:
                    echo(describe_follow_up(item, names))
    if result.came_to_you:
        echo("Came to you, not yet followed up (newest first):")
        for c in result.came_to_you:
            echo(f"  {c.name}: {c.why}")
            echo(f"      act: {c.act}")
    if result.overdue:
        echo("Overdue (most overdue first):")
        for o in result.overdue:
            where = (f"last met {o.last_contact[:10]} in {o.last_network}, "
                     f"{days_ago(o.days_since or 0)}" if o.last_contact
                     else "no contact recorded yet")
            echo(f"  {o.name}: {where}; every {counted(o.cadence_days, 'day')} "
                 f"({counted(o.days_overdue, 'day')} overdue)")
    if result.drifting:
        echo("Drifting away (no cadence set; longest past their usual rhythm first):")
        for d in result.drifting:
            echo(f"  {d.name}: {d.why}")
            echo(f"      act: {d.act}")
        echo(f"  (rule: {result.to_dict()['rules']['drifting']})")
    if result.thank:
        echo("Thank:")
        for t in result.thank:
            echo(f"  {t.name}: {t.why}")
            echo(f"      act: {t.act}")
    if result.birthdays:
        echo("Birthdays:")
        for b in result.birthdays:
            turns = f", turns {b.turns}" if b.turns else ""
            when = in_days(b.days_until)
            echo(f"  {b.name}: {b.date} ({when}{turns})")
    if result.newcomers:
        echo("Newcomers you helped (paying it forward):")
        for n in result.newcomers:
            echo(f"  {n.name} in {n.network}, since {n.first} (helped {n.helped}x)")

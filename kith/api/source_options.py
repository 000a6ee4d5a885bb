"""Command-line options that several plugins' sources share.

The church and association plugins both read calendars and CSV exports with
``kith.importing.toolkit``; the readers take their settings from ``ImportContext.options``, and
these are the ``click`` options that fill them, so every calendar and every CSV source
takes the same flags. (A source's own options live in its plugin.) They belong to the plugin
surface (``kith.api.importers``), not to the CLI, which only runs the sources.
"""

from __future__ import annotations

from pathlib import Path

import click

from kith.core.parsing import DATE_ORDERS


def calendar_options() -> list[click.Option]:
    """The options every calendar source takes (read by ``kith.importing.toolkit.calendar``)."""
    return [
        click.Option(["--since"], help="Expand events from this date (default: two years "
                     "ago)."),
        click.Option(["--until"], help="... up to this date (default: today)."),
        click.Option(["--role"], type=click.Choice(["auto", "gave", "attended"]),
                     default="auto", show_default=True,
                     help="gave: you gave time at every event (a rota); attended: you "
                          "attended them all; auto: decide by keywords."),
        click.Option(["--attended"], type=click.Choice(["all", "none", "mine"]),
                     default="all", show_default=True,
                     help="Which events you attended: all; none (only events where you "
                          "gave time); mine (where one of your --me addresses is the "
                          "organiser or an attendee who did not decline)."),
        click.Option(["--gave-keywords"], help="Comma-separated words marking events where "
                     "you gave time (default: volunteer, shift, teach, talk, host, ...)."),
        click.Option(["--me", "me_emails"], multiple=True,
                     help="Your email address in ORGANIZER/ATTENDEE (repeatable)."),
    ]


def mapping_options() -> list[click.Option]:
    """The column-mapping options every CSV source takes (read by
    ``kith.importing.toolkit.tables``)."""
    return [
        click.Option(["--column", "columns"], multiple=True, metavar="FIELD=HEADER",
                     help="Read FIELD from the column HEADER (repeatable)."),
        click.Option(["--columns", "columns_file"], type=click.Path(path_type=Path),
                     help="A TOML file with a [columns] table of field = \"Header\"."),
        click.Option(["--date-order"], type=click.Choice(DATE_ORDERS),
                     help="Day/month order of dates like 03/04/2025 (default: inferred from "
                          "the whole file)."),
    ]

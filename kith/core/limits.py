"""Every bound kith puts on what enters it, in one place.

Numbers, dates and texts are checked where they enter (the model's validation, the
parsers of typed input, the importers' readers), so that no value accepted today makes a
later command crash (a sum beyond 64 bits, a date beyond Python's range) or slow down (a
network name of a megabyte in every table). The README lists these limits; importers and
the archive reader share the file limits below.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sized
from contextvars import ContextVar
from datetime import date, datetime

from kith.core.errors import ValidationError

_STORED: ContextVar[bool] = ContextVar("kith_reading_stored_records", default=False)

# numbers ------------------------------------------------------------------------------
MAX_MONEY_MAJOR = 10**12
"""Largest amount of money on one interaction, in major units (euros, dollars)."""
MAX_MONEY_MINOR = MAX_MONEY_MAJOR * 1000
"""The same bound in minor units for any currency with up to three decimals: the model
does not know the currency's exponent, the typed-amount parser does (and is stricter)."""
MAX_TOTAL_MONEY_MINOR = 2**51
"""Money in one aggregate row (a network's month, a person's network), in minor units:
even 300 years of such months add up to less than a 64-bit integer, so no total kith
writes or prints can overflow."""
MAX_MINUTES = 10 * 365 * 24 * 60
"""Ten years of minutes on one interaction."""
MAX_FAVOURS = 10**6
MAX_CADENCE_DAYS = 100 * 366
MAX_COUNT_OPTION = 10**9
"""Any other whole-number option (``--limit``): beyond this it means nothing."""

# dates --------------------------------------------------------------------------------
MIN_YEAR = 1900
MAX_YEAR = 2200
MAX_WINDOW_MONTHS = (MAX_YEAR - MIN_YEAR) * 12

# texts (in characters) ----------------------------------------------------------------
MAX_NAME = 200
"""Names of people, networks, aliases, organisations."""
MAX_SHORT = 320
"""Handles (an e-mail address is at most 254), tags, kinds, places, sources, ids."""
MAX_TEXT = 10_000
"""Notes, needs and offers."""
MAX_ITEMS = 1_000
"""Aliases, tags, handles of one kind, networks of one person."""
MAX_BACKUP_NAME = 4096
"""A backup named on the command line: a folder name, or a path to one."""

# files (importers) ------------------------------------------------------------------
MAX_FILE_BYTES = 256 * 1024**2
"""One file read from an export (a single JSON, vCard or calendar file)."""
MAX_ARCHIVE_TOTAL_BYTES = 2 * 1024**3
"""Everything an archive would expand to, all members together."""
MAX_ARCHIVE_MEMBERS = 100_000
MAX_FIELD_BYTES = 64 * 1024
"""One field (a vCard property, a cell) of one record."""
MAX_PROPERTIES_PER_RECORD = 1_000
"""Properties of one vCard or calendar event."""
MAX_SHEET_ROWS = 200_000
MAX_SHEET_BYTES = 128 * 1024**2
"""The expanded XML of one spreadsheet sheet (xlsx members)."""
MAX_OCCURRENCES = 5_000
"""Occurrences of one recurring calendar event."""
DEFAULT_RECURRENCE_YEARS_BACK = 10
DEFAULT_RECURRENCE_YEARS_AHEAD = 2


def check_number(value: int, what: str, *, maximum: int, minimum: int = 0) -> int:
    """``value`` within ``minimum..maximum`` or a ``ValidationError`` that says the bound."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationError(f"{what} must be a whole number, not {type(value).__name__}")
    if value < minimum:
        raise ValidationError(f"{what} cannot be below {minimum:,}: {_short_number(value)}")
    if value > maximum:
        raise ValidationError(f"{what} cannot be above {maximum:,}: {_short_number(value)}")
    return value


def _short_number(value: int) -> str:
    text = str(value)
    return text if len(text) <= 24 else f"{text[:10]}... ({len(text)} digits)"


def check_year(moment: date | datetime, what: str) -> None:
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        raise ValidationError(f"{what} must be between the years {MIN_YEAR} and {MAX_YEAR}, "
                              f"not {moment.year}")


@contextlib.contextmanager
def stored_records() -> Iterator[None]:
    """Records read back from the database skip the size limits (not the types, numbers
    or dates): a name stored by an older kith, before the limits, must not lock the user
    out of their data. Output cuts what it shows, and an edit applies the limits again."""
    token = _STORED.set(True)
    try:
        yield
    finally:
        _STORED.reset(token)


def check_text(value: str, what: str, maximum: int) -> str:
    """A text no longer than ``maximum`` characters; the message never repeats it."""
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be text, not {type(value).__name__}")
    if len(value) > maximum and not _STORED.get():
        raise ValidationError(f"{what} is too long ({len(value):,} characters; "
                              f"at most {maximum:,})")
    return value


def check_items(values: Sized, what: str, maximum: int = MAX_ITEMS) -> None:
    if len(values) > maximum and not _STORED.get():
        raise ValidationError(f"too many {what} ({len(values):,}; at most {maximum:,})")


def preview(text: str, limit: int = 40) -> str:
    """A short, quoted, printable stand-in for user text in an error message."""
    short = text if len(text) <= limit else text[:limit] + "..."
    return repr(short)


def check_path_text(value: str, what: str, maximum: int) -> str:
    """A path typed by the user: not longer than ``maximum`` and no component longer
    than the 255 bytes file systems allow (beyond that the OS error is a traceback)."""
    check_text(value, what, maximum)
    if "\x00" in value:
        raise ValidationError(f"{what} cannot contain a NUL character")
    if any(len(part.encode("utf-8", "surrogateescape")) > 255 for part in value.split("/")):
        raise ValidationError(f"{what} has a component longer than 255 bytes")
    return value


def without_content(message: str) -> str:
    """A parser's message with what it quotes from the file replaced by ``'...'``: error
    messages name the file, line and record, never the field's content."""

    return re.sub(r"'[^']*'|\"[^\"]*\"", "'...'", str(message))

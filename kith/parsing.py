"""Parsing what people type: dates, times and amounts of money.

Kept apart from the model so that importers and faces share one reading of "2024-05-31",
"120.50" or "-30", and one set of error messages.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal, InvalidOperation

from kith.errors import ValidationError

_MONEY_RE = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")


def local_tz() -> timezone:
    """The machine's current UTC offset, used for dates typed without one."""
    offset = datetime.now().astimezone().utcoffset() or timedelta(0)
    return timezone(offset)


def now() -> datetime:
    return datetime.now().astimezone()


def parse_date(text: str, what: str = "date") -> date:
    """An ISO date (``2024-05-31``); a datetime is accepted and cut to its date."""
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        raise ValidationError(f"{what} must be an ISO date like 2024-05-31, not {text!r}") from None


def first_format_date(text: str, formats: tuple[str, ...]) -> date | None:
    """The date in ``text`` read with the first of ``formats`` that fits; ``None`` for an
    empty cell; ``ValueError`` when none fits (the caller names the file and line)."""
    text = text.strip()
    if not text:
        return None
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_when(text: str, what: str = "date", *, end_of_day: bool = False) -> datetime:
    """An ISO date or datetime as an aware datetime.

    A date alone means local midnight (or the last microsecond of that day with
    ``end_of_day``, so ``--until 2024-05-31`` includes the 31st); a datetime without an
    offset is local time.
    """
    text = text.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            moment = datetime.combine(day, time.max if end_of_day else time.min)
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError(
            f"{what} must be an ISO date or date-time like 2024-05-31 or 2024-05-31T18:30, "
            f"not {text!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=local_tz())
    return moment


def parse_money(text: str, exponent: int = 2) -> int:
    """An amount typed by a person (``120``, ``120.50``, ``-30``, ``1,200``) in minor units."""
    raw = str(text).strip().replace(" ", "")
    if not raw or not _MONEY_RE.match(raw) or raw in "+-.":
        raise ValidationError(f"money must be an amount like 120, 120.50 or -30, not {text!r}")
    try:
        amount = Decimal(raw.replace(",", ""))
    except InvalidOperation:
        raise ValidationError(f"money must be an amount like 120.50, not {text!r}") from None
    minor = amount.scaleb(exponent)
    if minor != minor.to_integral_value():
        raise ValidationError(f"money has more than {exponent} decimals: {text!r}")
    return int(minor)


def format_money(minor: int, currency: str = "EUR", exponent: int = 2) -> str:
    """``12050`` -> ``"120.50 EUR"``."""
    sign = "-" if minor < 0 else ""
    whole, frac = divmod(abs(minor), 10**exponent)
    body = f"{whole:,}" + (f".{frac:0{exponent}d}" if exponent else "")
    return f"{sign}{body} {currency}"


def format_minutes(minutes: int) -> str:
    """``150`` -> ``"2h30"``: short and exact."""
    hours, mins = divmod(minutes, 60)
    if not hours:
        return f"{mins}min"
    return f"{hours}h{mins:02d}" if mins else f"{hours}h"

"""Parsing what people type: dates, times and amounts of money.

Kept apart from the model so that importers and faces share one reading of "2024-05-31",
"120.50" or "-30", and one set of error messages.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from kith.core import limits
from kith.core.clock import local_tz
from kith.core.errors import ValidationError

if TYPE_CHECKING:
    from kith.core.model import Value


def parse_date(text: str, what: str = "date") -> date:
    """An ISO date (``2024-05-31``); a datetime is accepted and cut to its date."""
    text = text.strip()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        try:
            day = datetime.fromisoformat(text).date()
        except ValueError:
            raise ValidationError(f"{what} must be an ISO date like 2024-05-31, "
                                  f"not {limits.preview(text)}") from None
    limits.check_year(day, what)
    return day


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
            f"not {limits.preview(text)}") from None
    limits.check_year(moment, what)  # before any time zone arithmetic can overflow
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=local_tz())
    return moment


def parse_money(text: str, exponent: int = 2, currency: str | None = None) -> int:
    """An amount typed by a person, in minor units: ``parse_amount`` (kept by this name
    for callers that use it)."""
    return parse_amount(text, exponent, currency)


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


def describe_value(value: Value, currency: str, exponent: int = 2, *, rating: bool = False,
                   empty: str = "-") -> str:
    """Compact words for a value: ``120.00 EUR · 3h · 4 favours · fun 9``.

    ``rating`` writes fun as the 0-5 rating of one interaction (``fun 3/5``) rather than
    a total; ``empty`` is what a value of nothing reads as."""
    parts = []
    if value.money:
        parts.append(format_money(value.money, currency, exponent))
    if value.minutes:
        parts.append(format_minutes(value.minutes))
    if value.favours:
        parts.append(f"{value.favours} favour{'s' * (value.favours != 1)}")
    if value.fun:
        parts.append(f"fun {value.fun}" + ("/5" if rating else ""))
    return " · ".join(parts) or empty


DATE_ORDERS = ("dmy", "mdy", "ymd")


def infer_date_order(pairs: list[tuple[int, int]]) -> str | None:
    """The day/month order of numeric dates like ``03/04/2025``, from every date in a
    file: a first number above 12 can only be a day (``dmy``), a second above 12 only a
    day (``mdy``). ``None`` when no date decides; ``ValueError`` when the file says both.

    ``pairs`` are each date's first two numbers (year-first dates are not passed)."""
    day_first = any(a > 12 for a, _ in pairs)
    month_first = any(b > 12 for _, b in pairs)
    if day_first and month_first:
        raise ValueError("dates in both day/month and month/day order")
    if day_first:
        return "dmy"
    if month_first:
        return "mdy"
    return None


def ordered_ymd(order: str, a: int, b: int, c: int) -> tuple[int, int, int]:
    """``(year, month, day)`` of a numeric date written ``a/b/c`` in ``order`` (``dmy``,
    ``mdy`` or ``ymd``); a two-digit year is this century's. Not checked: ``date()`` or
    ``datetime()`` says whether the day is real."""
    year, month, day = {"ymd": (a, b, c), "dmy": (c, b, a), "mdy": (c, a, b)}[order]
    return (year + 2000 if year < 100 else year), month, day


# amounts -----------------------------------------------------------------------------
CURRENCY_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW",
                    "₽": "RUB", "₺": "TRY", "₪": "ILS", "₫": "VND", "₦": "NGN", "₱": "PHP",
                    "₴": "UAH", "₿": "BTC", "฿": "THB", "zł": "PLN", "kr": "SEK", "fr": "CHF"}
_AMOUNT_RE = re.compile(
    r"^(?P<neg1>-)?(?P<cur1>[^\d\s.,()+-]+)?(?P<neg2>[-+])?"
    r"(?P<number>\d[\d.,' ]*|[.,]\d+)"
    r"(?P<cur2>[^\d\s.,()+-]+)?(?P<neg3>-)?$")


def parse_amount(text: str, exponent: int = 2, currency: str | None = None) -> int:
    """An amount of money as people and exports write it, in minor units.

    One reader for ``kith log --money``, the TUI's log form and every CSV source:
    ``120``, ``-30``, ``120.50``, ``40,50``, ``1,200.00``, ``1.200,00``, ``1 200``,
    ``€40``, ``40 EUR``, ``EUR 40``, ``$-5``, ``(30)`` (accounting negative). The last of
    ``.`` and ``,`` is the decimal separator, unless it is followed by exactly three
    digits in a currency with fewer decimals: ``1,200`` is twelve hundred, and ``12.345``,
    which means 12345 in Germany and three decimals in England, is refused as ambiguous.
    A currency other than ``currency`` (the database's) is an error: kith never converts.
    """
    raw = str(text).strip().replace("\xa0", " ").replace("\u202f", " ")
    shown = limits.preview(str(text))  # quoted, and never a whole megabyte
    if len(raw) > 64:  # no amount kith accepts is longer (and int() of 5,000 digits raises)
        raise ValidationError(f"money must be an amount like 120.50, not {shown}")
    negative = False
    if raw.startswith("(") and raw.endswith(")"):
        negative, raw = True, raw[1:-1].strip()
    compact = re.sub(r"(?<=[\d.,])\s+(?=\d)", "", raw)  # "1 200,00"
    compact = re.sub(r"\s+", "", compact)
    match = _AMOUNT_RE.match(compact)
    if not match or (match["cur1"] and match["cur2"]):
        raise ValidationError(f"money must be an amount like 120, 120.50, 40,50, €40 or "
                              f"40 EUR, not {shown}")
    named = (match["cur1"] or match["cur2"] or "").strip()
    if named:
        code = CURRENCY_SYMBOLS.get(named, CURRENCY_SYMBOLS.get(named.lower(),
                                                                named.upper()))
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise ValidationError(f"money: unknown currency {named!r} in {shown}")
        if currency and code != currency.upper():
            raise ValidationError(f"money in {code} ({shown}) but this database keeps "
                                  f"{currency.upper()}: kith does not convert currencies")
    signs = [match["neg1"], match["neg2"], match["neg3"]]
    if signs.count("-") + negative > 1:
        raise ValidationError(f"money has more than one minus sign: {shown}")
    negative = negative or "-" in signs
    number = match["number"].replace("'", "")
    decimal_sep = _decimal_separator(number, exponent)
    whole, _, fraction = number.rpartition(decimal_sep) if decimal_sep else (number, "", "")
    if not decimal_sep:
        whole, fraction = number, ""
    groups = re.split(r"[.,]", whole)
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3
                            or any(len(g) != 3 for g in groups[1:])):
        raise ValidationError(f"money: thousands separators in the wrong places in {shown}")
    digits = "".join(groups) or "0"  # ".50"
    if not digits.isdigit() or (decimal_sep and not fraction.isdigit()):
        raise ValidationError(f"money must be an amount like 120.50, not {shown}")
    if len(fraction) > exponent:
        raise ValidationError(f"money has more than {exponent} decimals: {shown}")
    minor = int(digits) * 10**exponent + (int(fraction.ljust(exponent, "0")) if fraction
                                          else 0)
    if minor > limits.MAX_MONEY_MAJOR * 10**exponent:
        raise ValidationError(f"money cannot exceed {limits.MAX_MONEY_MAJOR:,} "
                              f"(got {shown})")
    return -minor if negative else minor


def _decimal_separator(number: str, exponent: int) -> str | None:
    """Which of ``.`` and ``,`` separates decimals in ``number`` (``None``: neither)."""
    last = max(number.rfind("."), number.rfind(","))
    if last < 0:
        return None
    sep = number[last]
    other = "," if sep == "." else "."
    if number.count(sep) > 1:
        return None  # "1.200.000": thousands only
    tail = number[last + 1:]
    if other in number[:last]:
        return sep  # "1.200,00" and "1,200.00"
    if len(tail) == 3 and exponent < 3:
        if sep == ".":  # "12.345": twelve thousand (German) or three decimals (English)?
            raise ValidationError(f"money has more than {exponent} decimals, or a thousands "
                                  f"dot: write {number.replace('.', '')} or "
                                  f"{number[:last]}.{tail[:exponent]}, not {number!r}")
        return None  # "1,200": twelve hundred
    return sep

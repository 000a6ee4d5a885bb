"""CSV exports whose headers vary: one reader with a column mapping.

Church and association tools (Planning Center, Breeze, Wild Apricot, Meetup, giving and
dues statements) export CSVs whose column names differ by tool, version and language.
Each source declares the fields it needs, with the header names it knows; the user maps
any other header with ``--column FIELD=HEADER`` (repeatable) or ``--columns FILE.toml``
(``[columns]`` then ``field = "Header"``). A missing required column is an error naming
the file, the field and the headers found; columns nobody reads are listed as a warning.
Byte-order marks, quoted commas and newlines are read as the csv module reads them.

Dates like ``03/04/2025`` are read in the day/month order of the whole file (a first
number above 12 says day first, a second above 12 says month first), or as
``--date-order dmy|mdy|ymd`` says; a file where no date decides is an error saying so.
Amounts go through ``kith.core.parsing.parse_amount``, as ``kith log --money`` does. A row that
cannot be read is skipped and listed (``--strict``: the import stops there).

The mapping arrives in ``ImportContext.options`` (``columns``, ``columns_file``,
``date_order``); the command-line options that fill them are
``kith.api.source_options.mapping_options``.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kith.core.errors import ImportFormatError, ValidationError
from kith.core.model import Value
from kith.core.parsing import (
    first_format_date,
    infer_date_order,
    local_tz,
    ordered_ymd,
    parse_amount,
)
from kith.importing.toolkit.archives import read_limited
from kith.importing.toolkit.records import ImportContext, InteractionRecord

DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%b %d, %Y", "%d %b %Y", "%B %d, %Y",
                "%Y-%m-%d %H:%M:%S", "%Y/%m/%d", "%Y-%m-%dT%H:%M:%S")
NUMERIC_DATE = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})(?:[ T,].*)?$")


@dataclass(frozen=True)
class Field:
    """A field a source reads, with the headers that name it in known exports."""

    name: str
    headers: tuple[str, ...]
    required: bool = True
    date: bool = False
    """A date column: its values decide the file's day/month order."""


@dataclass
class Table:
    """The rows of a CSV, addressed by field name; ``line`` is the file's line number."""

    path: Path
    rows: list[tuple[int, dict[str, str]]]
    warnings: list[str] = field(default_factory=list)
    date_order: str | None = None
    """``dmy``, ``mdy`` or ``ymd`` for numeric dates like 03/04/2025 (``None``: none)."""
    currency: str | None = None
    """The database's currency: an amount in another one is an error."""

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        return iter(self.rows)


def user_mapping(options: dict[str, Any]) -> dict[str, str]:
    """``--column`` and ``--columns`` as ``{field: header}``."""
    mapping: dict[str, str] = {}
    file = options.get("columns_file")
    if file:
        try:
            data = tomllib.loads(Path(file).read_text(encoding="utf-8-sig"))
        except OSError as error:
            raise ImportFormatError(f"cannot read the column mapping: {error.strerror}",
                                    file=str(file)) from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            raise ImportFormatError('cannot read the column mapping: not TOML (expected '
                                    '[columns] then field = "Header" lines)',
                                    file=str(file)) from None
        table = data.get("columns", data)
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise ImportFormatError('expected [columns] with field = "Header" lines',
                                    file=str(file))
        mapping.update(table)
    for item in options.get("columns") or ():
        name, sep, header = item.partition("=")
        if not sep or not name.strip() or not header.strip():
            raise ValidationError(f"--column must look like FIELD=HEADER, not {item!r}")
        mapping[name.strip()] = header.strip()
    return mapping


def _norm(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", header.lower()).strip()


def read_table(path: Path, fields: list[Field], options: dict[str, Any],
               text: str | None = None) -> Table:
    """Read ``path`` (or ``text``) and resolve every field to a column."""
    if text is None:
        raw = read_limited(path)  # size-limited, one line on any OS error
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    text = text.lstrip("\ufeff")
    try:
        reader = csv.reader(io.StringIO(text))
        header = next(reader, None)
        if header is None:
            raise ImportFormatError("the file is empty", file=str(path))
        raw_rows = list(reader)
    except csv.Error:
        raise ImportFormatError("not a readable CSV (a quote never closed, a NUL byte or a "
                                "field too large)", file=str(path)) from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    by_norm = {_norm(h): i for i, h in enumerate(header)}
    mapping = user_mapping(options)
    known_fields = {f.name for f in fields}
    unknown_mapped = sorted(set(mapping) - known_fields)
    if unknown_mapped:
        raise ImportFormatError(f"--column names unknown field(s) {', '.join(unknown_mapped)} "
                                f"(fields: {', '.join(sorted(known_fields))})", file=str(path))
    columns: dict[str, int] = {}
    for spec in fields:
        wanted = [mapping[spec.name]] if spec.name in mapping else list(spec.headers)
        index = next((by_norm[_norm(h)] for h in wanted if _norm(h) in by_norm), None)
        if index is None:
            if spec.required or spec.name in mapping:
                raise ImportFormatError(
                    f"missing column for {spec.name!r} (looked for "
                    f"{', '.join(repr(h) for h in wanted)}; found "
                    f"{', '.join(repr(h) for h in header)}); map it with "
                    f"--column {spec.name}=HEADER", file=str(path), record="line 1")
            continue
        columns[spec.name] = index
    used = set(columns.values())
    unused = [h for i, h in enumerate(header) if i not in used and h]
    warnings = [f"{path.name}: columns not read: {', '.join(unused)}"] if unused else []
    rows = []
    line = 1
    for row in raw_rows:
        line += 1 + sum(cell.count("\n") for cell in row)
        if not any(cell.strip() for cell in row):
            continue
        rows.append((line, {name: (row[i].strip() if i < len(row) else "")
                            for name, i in columns.items()}))
    dates = [row[f.name] for _, row in rows for f in fields
             if f.date and f.name in row and row[f.name]]
    order = file_date_order(dates, options.get("date_order"), path)
    return Table(path, rows, warnings, date_order=order, currency=options.get("kith_currency"))


def file_date_order(cells: list[str], hint: str | None, path: Path) -> str | None:
    """The day/month order of a file's numeric dates (see the module docstring)."""
    if hint:
        return hint
    numeric = [m for m in (NUMERIC_DATE.match(c) for c in cells) if m]
    if not numeric:
        return None
    try:
        order = infer_date_order([(int(m[1]), int(m[2])) for m in numeric])
    except ValueError:
        raise ImportFormatError("dates are written both day-first and month-first; pass "
                                "--date-order dmy or --date-order mdy",
                                file=str(path)) from None
    if order is None:
        raise ImportFormatError(
            f"cannot tell whether {numeric[0].group(0)!r} is day/month or month/day (no "
            "date in the file has a day above 12); pass --date-order dmy (day first) or "
            "--date-order mdy (month first)", file=str(path))
    return order


def cell_date(text: str, table: Table, line: int, what: str) -> date | None:
    match = NUMERIC_DATE.match(text.strip())
    try:
        if match and table.date_order:
            return date(*ordered_ymd(table.date_order, int(match[1]), int(match[2]),
                                     int(match[3])))
        return first_format_date(text, DATE_FORMATS)
    except ValueError:
        order = f" in the {table.date_order} order of this file" if match else ""
        raise ImportFormatError(f"{what} {text.strip()!r} is not a date I can read{order} "
                                "(e.g. 2024-05-31)", file=str(table.path),
                                record=f"line {line}") from None


def cell_money(text: str, table: Table, line: int, exponent: int = 2) -> int:
    try:
        return parse_amount(text, exponent, table.currency)
    except ValidationError as error:
        raise ImportFormatError(f"amount: {error}", file=str(table.path),
                                record=f"line {line}") from None


PAYMENT_FIELDS = [
    Field("date", ("Date", "Gift Date", "Payment Date", "Received Date", "Paid On",
                   "Transaction Date", "Donation Date"), date=True),
    Field("amount", ("Amount", "Gift Amount", "Total", "Amount Paid", "Donation Amount",
                     "Value")),
    Field("fund", ("Fund", "Fund(s)", "Funds", "Designation", "Category", "Description",
                   "Item", "Membership level"), required=False),
    Field("note", ("Note", "Notes", "Memo", "Comment"), required=False),
    Field("method", ("Method", "Method ID", "Payment Method", "Payment type"),
          required=False),
]


def parse_payments(path: Path, context: ImportContext, *, kind: str, exponent: int = 2,
                   text: str | None = None) -> tuple[list[Any], list[str]]:
    """A statement of money the user gave (giving, donations, dues): one ``gave``
    interaction per row, with the whole network (no person), source id from the row's
    date, amount, fund and its occurrence number (two equal gifts on a day are two).
    ``context`` is the import's ``ImportContext``: a bad row goes to its ``bad_record``."""

    table = read_table(path, PAYMENT_FIELDS, context.options, text=text)
    seen: dict[str, int] = {}
    records = []
    for line, row in table:
        try:
            day = cell_date(row["date"], table, line, "date")
            if day is None:
                raise ImportFormatError("row without a date", file=str(path),
                                        record=f"line {line}")
            amount = cell_money(row["amount"], table, line, exponent)
        except ImportFormatError as error:
            context.bad_record(error)
            continue
        fund = row.get("fund", "")
        key = f"{day.isoformat()}:{amount}:{fund}"
        seen[key] = seen.get(key, 0) + 1
        records.append(InteractionRecord(
            source_id=f"{key}:{seen[key]}",
            when=datetime.combine(day, datetime.min.time(), tzinfo=local_tz()).replace(hour=12),
            people=[], direction="gave", kind=kind, value=Value(money=amount),
            note=" ".join(filter(None, [fund, row.get("note", "")]))[:200],
            meta={"fund": fund, "method": row.get("method", "")}))
    return records, table.warnings

"""CSV exports whose headers vary: one reader with a column mapping.

Church and association tools (Planning Center, Breeze, Wild Apricot, Meetup, giving and
dues statements) export CSVs whose column names differ by tool, version and language.
Each source declares the fields it needs, with the header names it knows; the user maps
any other header with ``--column FIELD=HEADER`` (repeatable) or ``--columns FILE.toml``
(``[columns]`` then ``field = "Header"``). A missing required column is an error naming
the file, the field and the headers found; columns nobody reads are listed as a warning.
Byte-order marks, quoted commas and newlines are read as the csv module reads them.
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

import click

from kith.errors import ImportFormatError, ValidationError
from kith.parsing import first_format_date, parse_money

DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%d.%m.%Y", "%b %d, %Y", "%d %b %Y",
                "%B %d, %Y", "%Y-%m-%d %H:%M:%S", "%m/%d/%Y %H:%M", "%Y/%m/%d")


@dataclass(frozen=True)
class Field:
    """A field a source reads, with the headers that name it in known exports."""

    name: str
    headers: tuple[str, ...]
    required: bool = True


@dataclass
class Table:
    """The rows of a CSV, addressed by field name; ``line`` is the file's line number."""

    path: Path
    rows: list[tuple[int, dict[str, str]]]
    warnings: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        return iter(self.rows)


def mapping_options() -> list[click.Option]:
    return [
        click.Option(["--column", "columns"], multiple=True, metavar="FIELD=HEADER",
                     help="Read FIELD from the column HEADER (repeatable)."),
        click.Option(["--columns", "columns_file"], type=click.Path(path_type=Path),
                     help="A TOML file with a [columns] table of field = \"Header\"."),
    ]


def user_mapping(options: dict[str, Any]) -> dict[str, str]:
    """``--column`` and ``--columns`` as ``{field: header}``."""
    mapping: dict[str, str] = {}
    file = options.get("columns_file")
    if file:
        try:
            data = tomllib.loads(Path(file).read_text(encoding="utf-8-sig"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ImportFormatError(f"cannot read the column mapping: {error}",
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
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            text = path.read_bytes().decode("cp1252", errors="replace")
        except OSError as error:
            raise ImportFormatError(f"cannot read: {error.strerror}", file=str(path)) from None
    text = text.lstrip("\ufeff")
    try:
        reader = csv.reader(io.StringIO(text))
        header = next(reader, None)
        if header is None:
            raise ImportFormatError("the file is empty", file=str(path))
        raw_rows = list(reader)
    except csv.Error as error:
        raise ImportFormatError(f"not a readable CSV: {error}", file=str(path)) from None
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
    return Table(path, rows, warnings)


def cell_date(text: str, table: Table, line: int, what: str) -> date | None:
    try:
        return first_format_date(text, DATE_FORMATS)
    except ValueError:
        raise ImportFormatError(f"{what} {text.strip()!r} is not a date I can read "
                                "(e.g. 2024-05-31)", file=str(table.path),
                                record=f"line {line}") from None


def cell_money(text: str, table: Table, line: int, exponent: int = 2) -> int:
    cleaned = re.sub(r"[^\d,.\-()]", "", text.strip())
    negative = cleaned.startswith("(") and cleaned.endswith(")")
    cleaned = cleaned.strip("()")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d{1,2})?", cleaned) or re.fullmatch(
            r"-?\d+,\d{1,2}", cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")  # 1.234,56 (European)
    try:
        amount = parse_money(cleaned, exponent)
    except ValidationError:
        raise ImportFormatError(f"amount {text!r} is not a number", file=str(table.path),
                                record=f"line {line}") from None
    return -amount if negative else amount


PAYMENT_FIELDS = [
    Field("date", ("Date", "Gift Date", "Payment Date", "Received Date", "Paid On",
                   "Transaction Date", "Donation Date")),
    Field("amount", ("Amount", "Gift Amount", "Total", "Amount Paid", "Donation Amount",
                     "Value")),
    Field("fund", ("Fund", "Fund(s)", "Funds", "Designation", "Category", "Description",
                   "Item", "Membership level"), required=False),
    Field("note", ("Note", "Notes", "Memo", "Comment"), required=False),
    Field("method", ("Method", "Method ID", "Payment Method", "Payment type"),
          required=False),
]


def parse_payments(path: Path, options: dict[str, Any], *, kind: str, exponent: int = 2,
                   text: str | None = None) -> tuple[list[Any], list[str]]:
    """A statement of money the user gave (giving, donations, dues): one ``gave``
    interaction per row, with the whole network (no person), source id from the row's
    date, amount, fund and its occurrence number (two equal gifts on a day are two)."""
    from kith.importing import InteractionRecord
    from kith.model import Value
    from kith.parsing import local_tz

    table = read_table(path, PAYMENT_FIELDS, options, text=text)
    seen: dict[str, int] = {}
    records = []
    for line, row in table:
        day = cell_date(row["date"], table, line, "date")
        if day is None:
            raise ImportFormatError("row without a date", file=str(path), record=f"line {line}")
        amount = cell_money(row["amount"], table, line, exponent)
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

"""The church plugin's importers (pure: a path in, an ``ImportBatch`` out)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from kith.api import (
    Field,
    ImportBatch,
    ImportContext,
    ImportFormatError,
    KindRule,
    NetworkHint,
    PersonRecord,
    Table,
    cell_date,
    check_xlsx,
    open_source,
    parse_calendar,
    parse_payments,
    read_table,
)

CHURCH_KINDS = [
    KindRule("volunteering", ("volunteer", "shift", "rota", "usher", "serving", "food bank")),
    KindRule("small-group", ("small group", "house group", "home group", "bible study",
                             "cell group", "life group")),
    KindRule("service", ("service", "mass", "worship", "eucharist", "vespers", "sunday")),
    KindRule("meeting", ("meeting", "council", "committee")),
]
UNKNOWN_YEAR = "1885"
"""Planning Center stores birthdays of unknown year as 1885."""


def church_calendar(path: Path, context: ImportContext) -> ImportBatch:
    return parse_calendar(path, context, kinds=CHURCH_KINDS, default_kind="event",
                          network=NetworkHint("Church", "church"))


def giving(path: Path, context: ImportContext) -> ImportBatch:
    records, warnings = parse_payments(path, context, kind="donation")
    return ImportBatch(interactions=records, network=NetworkHint("Church", "church"),
                       warnings=warnings)


def _birthday(text: str, table: Table, line: int) -> str | None:
    day = cell_date(text, table, line, "birthdate")
    if day is None:
        return None
    if str(day.year) == UNKNOWN_YEAR:
        return f"--{day.month:02d}-{day.day:02d}"
    return day.isoformat()


PLANNING_CENTER = [
    Field("id", ("Person ID", "ID")),
    Field("given", ("Given Name",), required=False),
    Field("first", ("First Name",)),
    Field("nickname", ("Nickname",), required=False),
    Field("last", ("Last Name",)),
    Field("birthdate", ("Birthdate", "Birthday"), required=False, date=True),
    Field("membership", ("Membership", "Membership Type"), required=False),
    Field("status", ("Status",), required=False),
    Field("email", ("Home Email", "Email", "Work Email", "Primary Email"), required=False),
    Field("phone", ("Mobile Phone Number", "Mobile Phone", "Phone", "Home Phone Number"),
          required=False),
    Field("household", ("Household Name", "Household"), required=False),
    Field("household_id", ("Household ID", "Household Id"), required=False),
    Field("address", ("Home Address Street Line 1", "Home Address", "Address",
                      "Street Address"), required=False),
]


def planning_center(path: Path, context: ImportContext) -> ImportBatch:
    table = read_table(path, PLANNING_CENTER, context.options)
    people = []
    for line, row in table:
        name = " ".join(filter(None, [row.get("nickname") or row["first"], row["last"]]))
        if not name:
            context.bad_record(ImportFormatError("person without a name", file=str(path),
                                                 record=f"line {line}"))
            continue
        try:
            birthday = _birthday(row.get("birthdate", ""), table, line)
        except ImportFormatError as error:
            context.warn(f"{error}; kept {name} without a birthday")
            birthday = None
        handles: dict[str, list[str]] = {}
        if row.get("email"):
            handles["email"] = [row["email"]]
        if row.get("phone"):
            handles["phone"] = [row["phone"]]
        aliases = [a for a in {f"{row['first']} {row['last']}".strip(),
                               f"{row.get('given', '')} {row['last']}".strip()}
                   if a and a != name and not a.startswith(" ")]
        extra = {k: row[k] for k in ("membership", "status", "household", "address")
                 if row.get(k)}
        people.append(PersonRecord(
            ref=f"pco:{row['id'] or line}", name=name, handles=handles,
            source_id=row["id"] or None, aliases=aliases,
            birthday=birthday, extra=extra,
            household=row.get("household_id") or row.get("household", ""),
            tags=[t for t in (row.get("membership", "").lower(),) if t]))
    return ImportBatch(people=people, network=NetworkHint("Church", "church"),
                       warnings=table.warnings)


def _sheet_rows(workbook: Any, sheet: str,
                where: str = "") -> tuple[list[str], list[list[str]]]:
    """A sheet's non-empty rows as text, read one row at a time and refused beyond
    ``MAX_SHEET_ROWS`` rows (a sheet of millions of rows is not a church's export)."""
    from kith.api import MAX_SHEET_ROWS  # read at each call: the cap is kith's to change

    rows = []
    for number, row in enumerate(workbook[sheet].iter_rows(values_only=True), 1):
        if number > MAX_SHEET_ROWS:
            raise ImportFormatError(f"sheet has more than {MAX_SHEET_ROWS:,} rows; refusing",
                                    file=where or sheet)
        cells = ["" if c is None else (c.isoformat()[:10] if hasattr(c, "isoformat")
                                       else str(c)) for c in row]
        if any(cell.strip() for cell in cells):
            rows.append(cells)
    return (rows[0], rows[1:]) if rows else ([], [])


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


BREEZE_PEOPLE = [
    Field("id", ("Breeze ID", "ID")),
    Field("first", ("First Name",)),
    Field("last", ("Last Name",)),
    Field("email", ("Email", "Email Address"), required=False),
    Field("phone", ("Mobile", "Mobile Phone", "Phone", "Home Phone"), required=False),
    Field("birthdate", ("Birthdate", "Birthday"), required=False, date=True),
    Field("family", ("Family ID", "Family", "Household ID", "Household"), required=False),
    Field("address", ("Street Address", "Address", "Home Address"), required=False),
]


def breeze(path: Path, context: ImportContext) -> ImportBatch:
    """Breeze exports a zip of .xlsx sheets: people, one sheet per tag, giving."""
    import openpyxl


    people: dict[str, PersonRecord] = {}
    tags: dict[str, list[str]] = {}
    giving_sheets: list[tuple[str, str]] = []
    with open_source(path) as tree:
        books = [n for n in tree.names() if n.lower().endswith(".xlsx")]
        if not books:
            raise ImportFormatError("no .xlsx sheets in this Breeze export", file=str(path))
        for name in books:
            data = tree.read_bytes(name)
            check_xlsx(data, tree.describe(name))  # expanded sizes, before openpyxl inflates
            try:
                workbook = openpyxl.load_workbook(io.BytesIO(data),
                                                  read_only=True, data_only=True)
            except Exception:  # openpyxl raises many kinds on broken files
                raise ImportFormatError("not a readable .xlsx sheet (damaged, or not an "
                                        "Excel file)", file=tree.describe(name)) from None
            for sheet in workbook.sheetnames:
                header, rows = _sheet_rows(workbook, sheet, f"{tree.describe(name)}[{sheet}]")
                lowered = {h.strip().lower() for h in header}
                label = f"{tree.describe(name)}[{sheet}]"
                if {"date", "amount"} <= lowered:
                    giving_sheets.append((label, _csv_text(header, rows)))
                elif "first name" in lowered and "last name" in lowered and (
                        "email" in lowered or len(header) > 4):
                    table = read_table(Path(label), BREEZE_PEOPLE, context.options,
                                       text=_csv_text(header, rows))
                    for line, row in table:
                        ident = row["id"]
                        try:
                            birthday = cell_date(row.get("birthdate", ""), table, line,
                                                 "birthdate")
                        except ImportFormatError as error:
                            context.warn(f"{error}; kept the person without a birthday")
                            birthday = None
                        handles = {k: [row[k]] for k in ("email", "phone") if row.get(k)}
                        people[ident] = PersonRecord(
                            ref=f"breeze:{ident}", name=f"{row['first']} {row['last']}".strip(),
                            handles=handles, source_id=ident,
                            birthday=birthday.isoformat() if birthday else None,
                            household=row.get("family", ""),
                            extra={"address": row["address"]} if row.get("address") else {})
                elif header:
                    id_column = next((i for i, h in enumerate(header)
                                      if h.strip().lower() in ("breeze id", "id", "person id")),
                                     None)
                    if id_column is not None:
                        for cells in rows:
                            tags.setdefault(cells[id_column], []).append(sheet.lower())
    for ident, names in tags.items():
        if ident in people:
            people[ident].tags.extend(names)
    records: list[Any] = []
    warnings: list[str] = []
    me = context.options.get("me_id")
    for label, text in giving_sheets:
        if not me:
            warnings.append(f"{label}: giving skipped; pass --me YOUR_BREEZE_ID to import "
                            "your own gifts")
            continue
        own = _csv_text(*_only_person(text, me))
        sheet_records, sheet_warnings = _payments_from_text(Path(label), own, context)
        records += sheet_records
        warnings += sheet_warnings
    return ImportBatch(people=list(people.values()), interactions=records,
                       network=NetworkHint("Church", "church"), warnings=warnings)


def _only_person(text: str, person: str) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    column = next((i for i, h in enumerate(header)
                   if h.strip().lower() in ("person id", "breeze id", "id")), None)
    if column is None:
        return header, body
    return header, [r for r in body if r[column].strip() == person]


def _payments_from_text(label: Path, text: str, context: ImportContext) -> tuple[list[Any],
                                                                               list[str]]:
    return parse_payments(label, context, kind="donation", text=text)

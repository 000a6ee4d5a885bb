"""CSV exports of interactions or people, for spreadsheets.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula:
a note like ``=HYPERLINK("http://evil", "click")`` in an imported chat would become live in
the user's spreadsheet. They also skip what comes before it in many ways: spaces, tabs,
line breaks, a no-break space, a zero-width space or a byte-order mark, and some read the
full-width ``＝`` as ``=``. So a text cell is neutralised, with a leading apostrophe
(OWASP's advice, shown by spreadsheets as plain text), when it starts with any blank,
invisible or control character, or when its first character is a formula sign in any of
its Unicode forms.
Numbers kith writes itself (money, minutes) are left as numbers, negatives included.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from typing import TYPE_CHECKING, Any

from kith.core.model import describe_relationship as describe
from kith.persistence.store.aggregates import interaction_count

if TYPE_CHECKING:
    from kith.persistence.store import Store

FORMULA_SIGNS = frozenset("=+-@")
"""Characters that start a formula (after Unicode compatibility folding: ``＝`` is ``=``)."""
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")

INTERACTION_COLUMNS = ("id", "when", "network", "people", "people_ids", "direction", "kind",
                       "money", "currency", "minutes", "favours", "fun", "invited", "note",
                       "source", "initiative", "meta")
PEOPLE_COLUMNS = ("id", "name", "aliases", "emails", "phones", "handles", "networks", "tags",
                  "birthday", "cadence_days", "notes", "relationships", "interactions",
                  "last_contact", "joined", "sources", "merged_from", "created", "extra")
"""Every field of the JSON shapes (the later columns are added at the end, so a sheet
built on the earlier ones still lines up): lists are ``; ``-separated with ``\\`` and ``;``
escaped, ``meta`` and ``extra`` are JSON, ``joined`` is ``network=date`` per network."""


def safe_cell(value: Any) -> str:
    """A cell's text, neutralised if a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    return "'" + text if _needs_apostrophe(text) else text


def unsafe_cell(cell: str) -> str:
    """The text ``safe_cell`` was given: its apostrophe taken off again."""
    return cell[1:] if cell[:1] == "'" and _needs_apostrophe(cell[1:]) else cell


def _needs_apostrophe(text: str) -> bool:
    """A formula start, or an apostrophe before one (so ``'=x`` and ``=x`` never write
    the same cell and a reader can tell them apart)."""
    while text[:1] == "'":
        text = text[1:]
        if _could_start_a_formula(text):
            return True
    return _could_start_a_formula(text)


def _could_start_a_formula(text: str) -> bool:
    """Whether a spreadsheet might read ``text`` as a formula: it starts with a formula
    sign in any Unicode form, or with a character a spreadsheet might skip (a space, a
    line break, any control, format or separator character such as NBSP, ZWSP or BOM)."""
    if not text:
        return False
    first = text[0]
    if first.isspace() or unicodedata.category(first)[0] in "CZ":
        return True
    return bool(FORMULA_SIGNS & set(unicodedata.normalize("NFKC", first)))


def _number(value: str) -> str:
    """A number kith formatted itself: kept as it is when it really is a number."""
    return value if _NUMBER.match(value) else safe_cell(value)


def _money(minor: int, exponent: int) -> str:
    sign = "-" if minor < 0 else ""
    whole, fraction = divmod(abs(minor), 10**exponent)
    return f"{sign}{whole}" + (f".{fraction:0{exponent}d}" if exponent else "")


def _write(columns: tuple[str, ...], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def join_list(values: Any) -> str:
    """Values as one cell, ``; ``-separated, with ``\\`` and ``;`` escaped."""
    return "; ".join(str(v).replace("\\", "\\\\").replace(";", "\\;") for v in values)


def split_list(cell: str) -> list[str]:
    """The values ``join_list`` wrote."""
    if cell == "":
        return []
    values, current, escaped = [], [], False
    index = 0
    while index < len(cell):
        char = cell[index]
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ";" and cell[index + 1:index + 2] == " ":
            values.append("".join(current))
            current = []
            index += 1
        else:
            current.append(char)
        index += 1
    values.append("".join(current))
    return values


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str) if value else ""


def interactions_csv(store: Store, *, exponent: int = 2) -> tuple[str, int]:
    names = {i: d["name"] for i, d in store.people_docs().items()}
    rows = []
    for item in store.interactions():
        rows.append([safe_cell(item.id), safe_cell(item.when.isoformat()),
                     safe_cell(item.network),
                     safe_cell("; ".join(names.get(p, p) for p in item.people)),
                     safe_cell(" ".join(item.people)), item.direction, safe_cell(item.kind),
                     _number(_money(item.value.money, exponent)), store.currency,
                     str(item.value.minutes), str(item.value.favours), str(item.value.fun),
                     safe_cell(item.invited), safe_cell(item.note), safe_cell(item.source),
                     safe_cell(item.initiative), safe_cell(_json(item.meta))])
    return _write(INTERACTION_COLUMNS, rows), len(rows)


def person_row(doc: dict[str, Any], relationships: list[str], count: int, last: str
               ) -> list[str]:
    """One person (the JSON shape) as a row of ``PEOPLE_COLUMNS``."""
    handles = doc.get("handles") or {}
    others = [f"{k}:{v}" for k, vs in handles.items() if k not in ("email", "phone")
              for v in vs]
    networks = doc.get("networks") or {}
    return [safe_cell(doc["id"]), safe_cell(doc["name"]),
            safe_cell(join_list(doc.get("aliases") or [])),
            safe_cell(join_list(handles.get("email", []))),
            safe_cell(join_list(handles.get("phone", []))), safe_cell(join_list(others)),
            safe_cell(join_list(networks)), safe_cell(join_list(doc.get("tags") or [])),
            safe_cell(doc.get("birthday")), safe_cell(doc.get("cadence_days")),
            safe_cell(doc.get("notes")), safe_cell(join_list(relationships)), str(count),
            safe_cell(last),
            safe_cell(join_list(f"{n}={d}" for n, d in networks.items() if d)),
            safe_cell(join_list(doc.get("sources") or [])),
            safe_cell(join_list(doc.get("merged_from") or [])),
            safe_cell(doc.get("created")), safe_cell(_json(doc.get("extra") or {}))]


def row_person(row: dict[str, str]) -> dict[str, Any]:
    """A row of ``kith export csv --what people`` back as the person's JSON shape (the
    columns kith computes, relationships and counts, are left out)."""
    cell = {k: unsafe_cell(v or "") for k, v in row.items()}
    handles: dict[str, list[str]] = {}
    for kind, column in (("email", "emails"), ("phone", "phones")):
        if cell.get(column):
            handles[kind] = split_list(cell[column])
    for pair in split_list(cell.get("handles", "")):
        kind, _, value = pair.partition(":")
        handles.setdefault(kind, []).append(value)
    joined = dict(p.partition("=")[::2] for p in split_list(cell.get("joined", "")))
    cadence = cell.get("cadence_days", "")
    return {"id": cell["id"], "name": cell["name"], "aliases": split_list(cell["aliases"]),
            "handles": handles,
            "networks": {n: joined.get(n) for n in split_list(cell.get("networks", ""))},
            "tags": split_list(cell.get("tags", "")), "notes": cell.get("notes", ""),
            "birthday": cell.get("birthday") or None,
            "cadence_days": int(cadence) if cadence else None,
            "sources": split_list(cell.get("sources", "")),
            "merged_from": split_list(cell.get("merged_from", "")),
            "created": cell.get("created") or None,
            "extra": json.loads(cell["extra"]) if cell.get("extra") else {}}


def read_people_csv(text: str) -> list[dict[str, Any]]:
    """Every person of a ``kith export csv --what people`` file, in the JSON shape."""
    return [row_person(row) for row in csv.DictReader(io.StringIO(text))]


def people_csv(store: Store) -> tuple[str, int]:
    stats = store.person_stats()
    names = {i: d["name"] for i, d in store.people_docs().items()}
    related: dict[str, list[str]] = {}
    for item in store.relationships():
        for person in (item.a, item.b):
            kind, other = item.seen_from(person)
            related.setdefault(person, []).append(f"{describe(kind)} {names.get(other, other)}")
    rows = []
    for doc in sorted(store.people_docs().values(), key=lambda d: (d["id"] != "me",
                                                                   d["name"].casefold())):
        count, last = 0, ""
        for data in (stats.get(doc["id"]) or {}).values():
            count += interaction_count(data)
            last = max(last, data["last"])
        rows.append(person_row(doc, related.get(doc["id"], []), count, last))
    return _write(PEOPLE_COLUMNS, rows), len(rows)

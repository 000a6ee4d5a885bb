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
                       "source")
PEOPLE_COLUMNS = ("id", "name", "aliases", "emails", "phones", "handles", "networks", "tags",
                  "birthday", "cadence_days", "notes", "relationships", "interactions",
                  "last_contact")


def safe_cell(value: Any) -> str:
    """A cell's text, neutralised if a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    return "'" + text if _could_start_a_formula(text) else text


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
                     safe_cell(item.invited), safe_cell(item.note), safe_cell(item.source)])
    return _write(INTERACTION_COLUMNS, rows), len(rows)


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
        handles = doc.get("handles") or {}
        others = "; ".join(f"{k}:{v}" for k, vs in handles.items() if k not in ("email", "phone")
                           for v in vs)
        count, last = 0, ""
        for data in (stats.get(doc["id"]) or {}).values():
            count += interaction_count(data)
            last = max(last, data["last"])
        rows.append([safe_cell(doc["id"]), safe_cell(doc["name"]),
                     safe_cell("; ".join(doc.get("aliases") or [])),
                     safe_cell("; ".join(handles.get("email", []))),
                     safe_cell("; ".join(handles.get("phone", []))), safe_cell(others),
                     safe_cell("; ".join(doc.get("networks") or {})),
                     safe_cell("; ".join(doc.get("tags") or [])),
                     safe_cell(doc.get("birthday")), safe_cell(doc.get("cadence_days")),
                     safe_cell(doc.get("notes")),
                     safe_cell("; ".join(related.get(doc["id"], []))), str(count),
                     safe_cell(last)])
    return _write(PEOPLE_COLUMNS, rows), len(rows)

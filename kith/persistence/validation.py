"""Checking stored records as they are loaded, so damage is diagnosed rather than crashed on.

A database file can be damaged by hand edits, a sync tool or another program: a schema
version of 0, ``value.minutes = "lots"``, ``when = "yesterday"``, an interaction without a
direction, a person without a name. Every command would otherwise meet such a record deep
inside a computation and end in a ``KeyError``. The store checks each file once, when it
is first read (``FileSet.validate``), and refuses it with one line naming the file and the
record; ``kith doctor`` lists every damaged record with the same words.

The checks are about shape and bounds (what later code relies on), kept cheap: a file of
100k interactions is checked in a fraction of the time it takes to parse it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

from kith.core import limits
from kith.core.errors import StoreError

_DIRECTIONS = frozenset(("gave", "received", "shared"))
_VALUE_BOUNDS = {"money": (-limits.MAX_MONEY_MINOR, limits.MAX_MONEY_MINOR),
                 "minutes": (0, limits.MAX_MINUTES), "favours": (0, limits.MAX_FAVOURS),
                 "fun": (0, 5)}


def _when(value: Any) -> str | None:
    if type(value) is not str:
        return "'when' is missing or not text"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return "'when' is not an ISO date and time"
    if moment.tzinfo is None:
        return "'when' has no time zone"
    if not limits.MIN_YEAR <= moment.year <= limits.MAX_YEAR:
        return f"'when' is in the year {moment.year}"
    return None


def _str_list(value: Any) -> bool:
    if type(value) is not list:
        return False
    for item in value:  # noqa: SIM110 (a plain loop: no generator per list, 10k times a load)
        if type(item) is not str:
            return False
    return True


_EMPTY: dict[str, int] = {}
_MONEY = limits.MAX_MONEY_MINOR


def interaction_problem(doc: Any) -> str | None:
    """Why a stored interaction cannot be used, or ``None``.

    The common case (a sound record) is decided in one pass of cheap checks: every
    command that reads history checks each record it loads."""
    try:
        value = doc.get("value") or _EMPTY
        money, minutes = value.get("money", 0), value.get("minutes", 0)
        favours, fun = value.get("favours", 0), value.get("fun", 0)
        if (type(money) is int and type(minutes) is int and type(favours) is int
                and type(fun) is int and -_MONEY <= money <= _MONEY
                and 0 <= minutes <= limits.MAX_MINUTES and 0 <= favours <= limits.MAX_FAVOURS
                and 0 <= fun <= 5 and doc["direction"] in _DIRECTIONS
                and type(doc["network"]) is str and type(doc.get("kind", "")) is str
                and type(doc.get("note", "")) is str
                and type(doc.get("meta") or _EMPTY) is dict):
            people = doc["people"]
            moment = datetime.fromisoformat(doc["when"])
            if (type(people) is list and moment.tzinfo is not None
                    and limits.MIN_YEAR <= moment.year <= limits.MAX_YEAR
                    and all(type(p) is str for p in people)):
                return None
    except (KeyError, TypeError, ValueError, AttributeError):
        pass
    return _interaction_problem(doc)


def _interaction_problem(doc: Any) -> str | None:
    """The detailed diagnosis of a record the fast check did not pass."""
    if type(doc) is not dict:
        return "not an object"
    problem = _when(doc.get("when"))
    if problem:
        return problem
    if doc.get("direction") not in _DIRECTIONS:
        return "'direction' is missing or not gave/received/shared"
    if type(doc.get("network")) is not str:
        return "'network' is missing or not text"
    if not _str_list(doc.get("people")):
        return "'people' is missing or not a list of ids"
    if type(doc.get("kind", "other")) is not str or type(doc.get("note", "")) is not str:
        return "'kind' or 'note' is not text"
    value = doc.get("value") or {}
    if type(value) is not dict:
        return "'value' is not an object"
    for name, (low, high) in _VALUE_BOUNDS.items():
        number = value.get(name, 0)
        if type(number) is not int:
            return f"'value.{name}' is missing or not a whole number"
        if not low <= number <= high:
            return f"'value.{name}' is outside {low:,}..{high:,}"
    if type(doc.get("meta") or {}) is not dict:
        return "'meta' is not an object"
    return None


def person_problem(doc: Any) -> str | None:
    if type(doc) is not dict:
        return "not an object"
    name = doc.get("name")
    if type(name) is not str or not name.strip():
        return "'name' is missing or empty"
    for key in ("aliases", "tags", "sources", "merged_from"):
        if key in doc and not _str_list(doc[key]):
            return f"'{key}' is not a list of texts"
    handles = doc.get("handles") or _EMPTY
    if type(handles) is not dict:
        return "'handles' is not a mapping of lists"
    for values in handles.values():
        if not _str_list(values):
            return "'handles' is not a mapping of lists"
    networks = doc.get("networks") or {}
    if type(networks) is not dict:
        return "'networks' is not a mapping"
    if type(doc.get("notes", "")) is not str:
        return "'notes' is not text"
    if type(doc.get("extra") or {}) is not dict:
        return "'extra' is not an object"
    return None


def network_problem(doc: Any) -> str | None:
    if type(doc) is not dict:
        return "not an object"
    if type(doc.get("id")) is not str:
        return "'id' is missing"
    name = doc.get("name")
    if type(name) is not str or not name.strip():
        return "'name' is missing or empty"
    if type(doc.get("kind", "other")) is not str:
        return "'kind' is not text"
    return None


def opportunity_problem(doc: Any) -> str | None:
    if type(doc) is not dict:
        return "not an object"
    problem = _when(doc.get("when"))
    if problem:
        return problem
    for key in ("person", "type", "text"):
        if type(doc.get(key)) is not str:
            return f"'{key}' is missing or not text"
    return None


def _schema_problem(doc: Any) -> str | None:
    if type(doc) is not dict:
        return "not an object"
    version = doc.get("version")
    if type(version) is not int or version < 1:
        return f"schema version {version!r} is not valid (kith databases start at 1)"
    return None




def _row(row: Any) -> bool:
    try:
        return type(row) is list and type(0 + row[0] + row[1] + row[2] + row[3] + row[4]) \
            is int and len(row) == 5
    except (TypeError, IndexError):
        return False


def _network_totals_problem(doc: Any) -> str | None:
    months = doc.get("months") if type(doc) is dict else None
    if type(months) is not dict:
        return "not an object with 'months'"
    for month, rows in months.items():
        if type(rows) is not dict:
            return f"month {month} is not rows of five whole numbers"
        for row in rows.values():
            if not _row(row):
                return f"month {month} is not rows of five whole numbers"
    return None


def _person_totals_problem(doc: Any) -> str | None:
    networks = doc.get("networks") if type(doc) is dict else None
    if type(networks) is not dict:
        return "not an object with 'networks'"
    for network, net in networks.items():
        if (type(net) is not dict or type(net.get("first")) is not str
                or type(net.get("last")) is not str or not _row(net.get("gave"))
                or not _row(net.get("received")) or not _row(net.get("shared"))):
            return f"the totals in network {network} are not first, last and three rows"
    return None


def _merge_problem(doc: Any) -> str | None:
    if type(doc) is not dict or type(doc.get("into")) is not str:
        return "'into' is missing or not an id"
    return None


def _iso_day(value: Any) -> bool:
    try:
        return type(value) is str and bool(date.fromisoformat(value))
    except ValueError:
        return False


def _note_problem(doc: Any) -> str | None:
    if type(doc) is not dict or not all(type(doc.get(k)) is str for k in ("id", "person",
                                                                         "text")):
        return "'id', 'person' or 'text' is missing or not text"
    return None if _iso_day(doc.get("on")) else "'on' is not a date like 2024-05-31"


def _follow_up_problem(doc: Any) -> str | None:
    if type(doc) is not dict or type(doc.get("id")) is not str or \
            type(doc.get("person")) is not str or type(doc.get("about") or "") is not str:
        return "'id', 'person' or 'about' is missing or not text"
    return None if _iso_day(doc.get("due")) else "'due' is not a date like 2024-05-31"


def _relationship_problem(doc: Any) -> str | None:
    if type(doc) is not dict or not all(type(doc.get(k)) is str for k in ("id", "a", "b",
                                                                         "kind")):
        return "'id', 'a', 'b' or 'kind' is missing or not text"
    return None


_RECORD_WORDS = {"people": "person", "networks": "network", "opportunities": "opportunity",
                 "merges": "merge of", "notes": "note", "followups": "follow-up",
                 "relationships": "relationship"}
_MAIN_TABLES = {"people": person_problem, "networks": network_problem,
                "opportunities": opportunity_problem, "merges": _merge_problem,
                "notes": _note_problem, "followups": _follow_up_problem,
                "relationships": _relationship_problem}
RECORD_CHECKS = {**_MAIN_TABLES, "interactions": interaction_problem}
"""Per table, why one stored record cannot be used (``None``: it can); doctor's too."""


def _file_checks(name: str) -> list[tuple[str, str, Callable[[Any], str | None]]]:
    """``(table, word, check)`` for each table of the file ``name`` that is checked."""
    if name == "kith.json":
        return [(table, _RECORD_WORDS[table], check) for table, check in _MAIN_TABLES.items()]
    if name.startswith("interactions/"):
        return [("interactions", "interaction", interaction_problem)]
    if name == "derived/networks.json":
        return [("networks", "network totals", _network_totals_problem)]
    if name.startswith("derived/people-"):
        return [("people", "person totals", _person_totals_problem)]
    return []


def problems(name: str, data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """``(record, reason)`` for every damaged record of the file ``name`` (relative to the
    database folder), already parsed as ``data``."""
    if type(data) is not dict or not all(type(t) is dict for t in data.values()):
        yield "the file", "not a kith database file (unexpected layout)"
        return
    if name == "kith.json":
        meta = data.get("_meta", {}).get("schema")
        if meta is not None:
            problem = _schema_problem(meta)
            if problem:
                yield "_meta schema", problem
    for table, word, check in _file_checks(name):
        for ident, doc in data.get(table, {}).items():
            problem = check(doc)
            if problem:
                yield f"{word} {ident}", problem


def validate_file(path: Any, name: str, data: dict[str, Any]) -> None:
    """Refuse a damaged file with one line naming it and its first damaged record."""
    for record, problem in problems(name, data):
        hint = "`kith doctor --repair`" if name.startswith("derived/") else "`kith doctor`"
        raise StoreError(f"{path}: {record} is damaged: {problem}; run {hint}")

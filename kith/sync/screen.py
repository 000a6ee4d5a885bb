"""The door for everything another device sends: checked record by record before a merge.

``kith merge OTHER``, ``kith sync`` (the remote's files) and git's merge driver all bring
records this database did not write. A peer can be another kith, an older kith, a file a
sync tool or a person edited, or a hostile copy. So before anything is joined:

- every record passes the checks that guard loading (``kith.persistence.validation``),
  the models' own (``kith.core.model``) and a check of its stamps; a bad one is skipped
  and named by file and id (never by its content, which may be anything) and the rest is
  merged;
- a record stamped far in this clock's future is skipped (it would win every field
  forever); so is a tombstone stamped so;
- tombstones and people merges may only delete or redirect what their sender can have
  seen: a tombstone older than the record's creation here is ignored and reported, and a
  tombstone for an id never known deletes nothing (it is kept, inert: dropping it would let
  a third device that still has the record bring it back); a merge into a person neither
  side has is ignored and reported;
- the user's own record (``me``) is never deleted or merged away, and the currency is
  never relabelled: a peer with another currency is refused, in one line, before anything
  is written (a database that holds nothing yet adopts the peer's settings, as a second
  device does on its first sync).

``screen`` works in place on the peer's state; ``kith.sync.write.merge_into`` calls it
before ``kith.sync.merge.join``, and ``kith.sync.load.check_incoming`` checks the joined
result again (a field-by-field join of two valid versions can still lack a field).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson

from kith.core.errors import ValidationError
from kith.core.model import ME, Network, Opportunity, Person
from kith.persistence import validation
from kith.persistence.elements import DEAD, LIVE, SINCE, SUB
from kith.persistence.stamps import BASE, DEVICE, FIELDS, MAIN, MODIFIED, STAMP_KEYS
from kith.sync.merge import INTERACTIONS, MERGES, NETWORKS, PEOPLE, State, resolve_merges

FUTURE_SLACK = timedelta(days=2)
"""How far ahead of this clock a peer's stamp may be (a device whose clock runs a little
fast is normal; one years ahead would win every edit and every deletion forever)."""
MAX_ID = 200
MAX_NODES = 100_000
MAX_NODE_KEY = 20_000
_PLAIN_ID = re.compile(r"^[\w.:@+/-]{1,80}$", re.ASCII)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")
_MODELS: dict[str, Callable[[dict[str, Any]], Any]] = {
    PEOPLE: Person.from_dict, NETWORKS: Network.from_dict,
    "opportunities": Opportunity.from_dict}
_DEFAULTS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    PEOPLE: lambda doc: Person.from_dict(doc).to_dict(),
    NETWORKS: lambda doc: Network.from_dict(doc).to_dict()}
_WORDS = {PEOPLE: "person", NETWORKS: "network", "opportunities": "opportunity",
          MERGES: "merge of", "notes": "note", "followups": "follow-up",
          "relationships": "relationship", INTERACTIONS: "interaction"}
_PERSON_REFS = {"opportunities": ("person",), "notes": ("person",),
                "followups": ("person",), "relationships": ("a", "b")}


def shown_id(ident: Any) -> str:
    """An id as a warning may show it: as it is when it looks like an id, else only its
    length (a hostile id can hold terminal escapes or a megabyte of text)."""
    if isinstance(ident, str) and _PLAIN_ID.match(ident):
        return ident
    return f"(an id of {len(ident) if isinstance(ident, str) else 0} characters)"


def word(table: str) -> str:
    return _WORDS.get(table, f"{shown_id(table)} record")


def now_limit(clock: datetime | None = None) -> str:
    """The latest stamp time a peer's record may carry."""
    moment = (clock or datetime.now(UTC)).astimezone(UTC) + FUTURE_SLACK
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _stamp_ok(value: Any) -> bool:
    return (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)
            and bool(_STAMP.match(value[0])) and isinstance(value[1], str)
            and len(value[1]) <= MAX_ID)


def _dots_ok(value: Any, untimed: bool = False) -> bool:
    """An element of several dots: ``{"+": [stamps], "-": [stamps]}``, bounded. A dot may
    also be the stamp of no time, ``["", ""]``, the add of an element in a record written
    before kith kept stamps (kept hidden when its list lost, ``kith.persistence.elements``);
    ``untimed``: only those (a record without stamps can hold no other)."""
    return (isinstance(value, dict) and bool(value) and set(value) <= {LIVE, DEAD}
            and all(isinstance(side, list) and 0 < len(side) <= MAX_NODES
                    and all(d == ["", ""] or (not untimed and _stamp_ok(d)) for d in side)
                    for side in value.values()))


def stamp_problem(doc: dict[str, Any], limit: str) -> str | None:
    """Why a record's stamps are unusable (the next edit parses them), or None."""
    modified = doc.get(MODIFIED)
    if modified is None:
        if any(key in doc for key in (DEVICE, BASE, FIELDS, SINCE)):
            return "its stamps are incomplete"
        if SUB in doc:  # only hidden elements' dots of no time (see ``_dots_ok``)
            listed = doc[SUB]
            if not isinstance(listed, dict) or len(listed) > MAX_NODES or not all(
                    isinstance(k, str) and len(k) <= MAX_NODE_KEY and _dots_ok(v, True)
                    for k, v in listed.items()):
                return "its stamps are incomplete"
        return None
    if not _stamp_ok([modified, doc.get(DEVICE, "")]):
        return "its stamps are not kith stamps"
    stamps = [modified]
    if BASE in doc:
        if not _stamp_ok(doc[BASE]):
            return "its stamps are not kith stamps"
        stamps.append(doc[BASE][0])
    if FIELDS in doc:
        listed = doc[FIELDS]
        if not isinstance(listed, dict) or not all(_stamp_ok(v) for v in listed.values()):
            return "its stamps are not kith stamps"
        stamps.extend(v[0] for v in listed.values())
    for key in (SUB, SINCE):  # the stamps of elements and keys (kith.persistence.elements)
        if key in doc:
            listed = doc[key]
            if not isinstance(listed, dict) or len(listed) > MAX_NODES or not all(
                    isinstance(k, str) and len(k) <= MAX_NODE_KEY and (
                        _stamp_ok(v) or (key == SUB and _dots_ok(v)))
                    for k, v in listed.items()):
                return "its stamps are not kith stamps"
            for value in listed.values():
                if isinstance(value, dict):
                    stamps.extend(d[0] for side in value.values() for d in side)
                else:
                    stamps.append(value[0])
    if max(stamps) > limit:
        return "it is stamped in the future (a clock far ahead of this one)"
    return None


def record_problem(table: str, ident: Any, doc: Any, limit: str | None = None) -> str | None:
    """Why one record from outside cannot be merged, in words that quote none of it."""
    if not isinstance(ident, str) or not ident or len(ident) > MAX_ID \
            or _CONTROL.search(ident):
        return "its id is not a kith id"
    if not isinstance(doc, dict):
        return "not an object"
    if table != MERGES and doc.get("id", ident) != ident:
        return "its id differs from the key it is stored under"
    try:  # what cannot be written back (nested too deep, numbers beyond 64 bits)
        orjson.dumps(doc)
    except TypeError:
        return "it is nested too deeply or holds values kith cannot store"
    check = validation.RECORD_CHECKS.get(table)
    problem = check(doc) if check is not None else None
    if problem:
        return problem
    if table == INTERACTIONS:
        problem = interaction_shape_problem(doc)
        if problem:
            return problem
    model = _MODELS.get(table)
    if model is not None:
        try:
            model({"id": ident, **{k: v for k, v in doc.items()
                                   if k not in STAMP_KEYS}})
        except Exception:  # any failure of the model's checks makes a bad record
            return f"does not read as a {word(table)}"
    if limit is not None:
        return stamp_problem(doc, limit)
    return None


_VALUE_KEYS = ("money", "minutes", "favours", "fun")


def interaction_shape_problem(doc: dict[str, Any]) -> str | None:
    """What the aggregates and every reader rely on in an interaction, beyond loading's
    checks. An interaction with nobody (a donation, a church service: kith's own giving
    and calendar importers make them) is an interaction like any other and travels."""
    from kith.core.model import DIRECTIONS

    when = doc.get("when")
    try:
        moment = datetime.fromisoformat(when) if isinstance(when, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        return "has no readable time with a time zone"
    people = doc.get("people")
    if not isinstance(doc.get("network"), str) or not isinstance(people, list) \
            or not all(isinstance(p, str) for p in people):
        return "has no network or unreadable people"
    if doc.get("direction") not in DIRECTIONS:
        return "has an unknown direction"
    value = doc.get("value")
    if not isinstance(value, dict) or not all(type(value.get(k)) is int for k in _VALUE_KEYS):
        return "has no valid value"
    if not isinstance(doc.get("kind", ""), str) or not isinstance(doc.get("meta", {}), dict):
        return "has an invalid kind or meta"
    return None


def with_defaults(table: str, doc: dict[str, Any]) -> dict[str, Any]:
    """A person or network from outside with every field readers rely on: a minimal
    ``{id, name}`` gets the model's defaults, for the fields it neither has nor removed."""
    fill = _DEFAULTS.get(table)
    if fill is None:
        return doc
    listed = doc.get(FIELDS)
    removed: dict[str, Any] = listed if isinstance(listed, dict) else {}
    full = fill(doc)
    missing = {k: v for k, v in full.items() if k not in doc and k not in removed}
    return {**doc, **missing} if missing else doc


# the screen ----------------------------------------------------------------------------
def _file_of(state: State, table: str, ident: str) -> str:
    if table == INTERACTIONS:
        return state.locations.get(ident, "interactions/")
    return MAIN


def _currency(meta: dict[str, Any]) -> str:
    schema = meta.get("schema")
    currency = schema.get("currency") if isinstance(schema, dict) else None
    return currency.upper() if isinstance(currency, str) else "EUR"


def holds_records(state: State) -> bool:
    """Whether a database holds anything beyond the user's own record."""
    for name, records in state.tables.items():
        if any(ident != ME for ident in records) if name == PEOPLE else records:
            return True
    return False


def screen_meta(incoming: State, mine: State, where: str) -> list[str]:
    """Refuse another currency; keep a peer's settings out unless they are sound."""
    warnings: list[str] = []
    meta = incoming.meta
    if not meta:
        return warnings
    schema = meta.get("schema")
    sound = isinstance(schema, dict) and validation._schema_problem(schema) is None and all(
        isinstance(v, dict) for v in meta.values())
    if sound:
        currency = schema.get("currency", "EUR")  # type: ignore[union-attr]
        sound = isinstance(currency, str) and len(currency) == 3 and currency.isalpha()
    if not sound:
        incoming.declared_schema = None
        incoming.meta = {}
        warnings.append(f"{where}: {MAIN}: ignored its settings (_meta): not a valid "
                        "schema record")
        return warnings
    if mine.meta and _currency(mine.meta) != _currency(meta) and holds_records(mine):
        raise ValidationError(
            f"{where} keeps its money in {_currency(meta)}, this database in "
            f"{_currency(mine.meta)}: kith never converts or relabels amounts, so nothing "
            "was merged")
    return warnings


def screen(incoming: State, mine: State, where: str, *, clock: datetime | None = None,
           references: bool = True) -> list[str]:
    """Check a peer's state in place before it is joined with ``mine``; the warnings
    name every record skipped and every deletion or merge ignored (see the module).

    ``references=False`` for a lone month file (git's merge driver sees one file at a
    time: the people and networks its interactions name are in another)."""
    limit = now_limit(clock)
    warnings = list(incoming.skipped)
    incoming.skipped = []
    warnings.extend(screen_meta(incoming, mine, where))
    changed: dict[str, list[str]] = {}  # per table, the records that differ from ours
    for table, records in list(incoming.tables.items()):
        if not isinstance(records, dict):
            del incoming.tables[table]
            warnings.append(f"{where}: {MAIN}: skipped table {shown_id(table)}: not an "
                            "object of records")
            continue
        known = mine.tables.get(table, {})
        new = changed.setdefault(table, [])
        for ident, doc in list(records.items()):
            if ident in known and known[ident] == doc:
                continue  # the same as ours (most of a sync): ours passed these checks
            new.append(ident)
            problem = record_problem(table, ident, doc, limit)
            if problem:
                del records[ident]
                warnings.append(f"{where}: {_file_of(incoming, table, ident)}: skipped "
                                f"{shown_id(table)} record {shown_id(ident)}: {problem}")
            elif table in _DEFAULTS:
                records[ident] = with_defaults(table, doc)
    ahead = _clock_ahead(incoming, changed, clock, where)
    if ahead:
        warnings.insert(0, ahead)
    warnings.extend(_screen_tombstones(incoming, mine, where, limit))
    warnings.extend(_screen_merges(incoming, mine, where))
    if references:
        warnings.extend(_screen_references(incoming, mine, where, changed))
    return warnings


AHEAD_NOTICE = timedelta(minutes=10)
"""How far ahead of this clock a peer's newest stamp may be before a merge says so."""


def _clock_ahead(incoming: State, changed: dict[str, list[str]],
                 clock: datetime | None, where: str) -> str | None:
    """A line saying a peer's stamps are ahead of this clock (its edits would win over
    edits made here meanwhile), or None. Records stamped beyond ``FUTURE_SLACK`` are
    skipped anyway; this names the clock before anything is merged."""
    moment = (clock or datetime.now(UTC)).astimezone(UTC)
    newest = ""
    for table, idents in changed.items():
        records = incoming.tables.get(table, {})
        for ident in idents:
            doc = records.get(ident)
            stamp = doc.get(MODIFIED) if isinstance(doc, dict) else None
            if isinstance(stamp, str) and _STAMP.match(stamp) and stamp > newest:
                newest = stamp
    for tomb in incoming.tombstones.values():
        deleted = tomb.get("deleted") if isinstance(tomb, dict) else None
        if isinstance(deleted, str) and _STAMP.match(deleted) and deleted > newest:
            newest = deleted
    if not newest:
        return None
    when = datetime.strptime(newest, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    if when - moment <= AHEAD_NOTICE:
        return None
    hours = (when - moment).total_seconds() / 3600
    return (f"{where}: the other device's clock looks {hours:.1f} hours ahead of this one (its "
            "newest edit is stamped in this clock's future): set both clocks right, or "
            "its edits win over the edits made here meanwhile")


def _creation(doc: dict[str, Any]) -> str:
    base = doc.get(BASE)
    if isinstance(base, list) and base and isinstance(base[0], str):
        return base[0]
    modified = doc.get(MODIFIED)
    return modified if isinstance(modified, str) else ""


def _screen_tombstones(incoming: State, mine: State, where: str, limit: str) -> list[str]:
    warnings: list[str] = []
    inert = 0
    for key, tomb in list(incoming.tombstones.items()):
        table, _, ident = key.partition("/") if isinstance(key, str) else ("", "", "")
        deleted = tomb.get("deleted") if isinstance(tomb, dict) else None
        problem = None
        if not table or not ident or len(key) > 2 * MAX_ID + 1:
            problem = "its key is not table/id"
        elif not isinstance(deleted, str) or not _STAMP.match(deleted) \
                or not isinstance(tomb.get("device", ""), str):
            problem = "it has no valid stamp"
        elif deleted > limit:
            problem = "it is stamped in the future (a clock far ahead of this one)"
        elif table == PEOPLE and ident == ME:
            problem = "the user's own record is never deleted by a merge"
        if problem:
            del incoming.tombstones[key]
            warnings.append(f"{where}: ignored the deletion of {word(table)} "
                            f"{shown_id(ident)}: {problem}")
            continue
        if mine.tombstones.get(key) == tomb:
            continue  # seen before: nothing new to say
        ours = mine.tables.get(table, {}).get(ident)
        if ours is not None:
            created = _creation(ours)
            if created and deleted < created:  # type: ignore[operator]
                warnings.append(f"{where}: ignored the deletion of {word(table)} "
                                f"{shown_id(ident)}: it is older than the record here")
        elif ident not in incoming.tables.get(table, {}) and key not in mine.tombstones:
            inert += 1
    if inert:
        warnings.append(f"{where}: {inert} deletion(s) of records this database never had "
                        "were kept; they delete nothing here")
    return warnings


def _screen_merges(incoming: State, mine: State, where: str) -> list[str]:
    """Drop merges that absorb the user's record or lead to a person nobody has."""
    warnings: list[str] = []
    theirs = incoming.tables.get(MERGES)
    if not theirs:
        return warnings
    known = set(mine.tables.get(PEOPLE, {})) | set(incoming.tables.get(PEOPLE, {}))
    for tombs in (mine.tombstones, incoming.tombstones):
        known.update(key.partition("/")[2] for key in tombs if key.startswith(PEOPLE + "/"))
    combined = {**mine.tables.get(MERGES, {}), **theirs}
    targets = resolve_merges(combined, {p: {} for p in known})
    for absorbed, doc in list(theirs.items()):
        if mine.tables.get(MERGES, {}).get(absorbed) == doc:
            continue
        target = targets.get(absorbed, doc.get("into"))
        why = None
        if absorbed == ME:
            why = "the user's own record is never merged into another"
        elif target not in known:
            why = "it is a merge into a person neither database has"
        if why:
            del theirs[absorbed]
            warnings.append(f"{where}: ignored the merge of person {shown_id(absorbed)}: "
                            f"{why}")
    return warnings


def _screen_references(incoming: State, mine: State, where: str,
                       changed: dict[str, list[str]]) -> list[str]:
    """Skip records that refer to a person or network no side has ever known (a record
    pointing at nothing makes later commands refuse the database)."""
    warnings: list[str] = []
    people = _known(PEOPLE, incoming, mine)
    people.update(incoming.tables.get(MERGES, {}), mine.tables.get(MERGES, {}))
    networks = _known(NETWORKS, incoming, mine)
    def refers_to_known(table: str, doc: dict[str, Any]) -> bool:
        if table == INTERACTIONS:
            return doc["network"] in networks and all(p in people for p in doc["people"])
        return all(doc.get(f) in people for f in _PERSON_REFS[table]) and (
            doc.get("network") is None or doc.get("network") in networks)

    for table, records in incoming.tables.items():
        if table != INTERACTIONS and table not in _PERSON_REFS:
            continue
        for ident in changed.get(table, ()):
            doc = records.get(ident)
            if doc is not None and not refers_to_known(table, doc):
                del records[ident]
                warnings.append(f"{where}: {_file_of(incoming, table, ident)}: skipped "
                                f"{table} record {shown_id(ident)}: it refers to a person "
                                "or network neither database has")
    return warnings


def _known(table: str, *states: State) -> set[str]:
    known: set[str] = set()
    prefix = table + "/"
    for state in states:
        known.update(state.tables.get(table, {}))
        known.update(key[len(prefix):] for key in state.tombstones if key.startswith(prefix))
    return known


def keep_me(mine: State, merged: State) -> None:
    """The user's own record survives whatever the join did (a belt to the screen's
    braces: no path of a merge may leave a database without ``me``)."""
    ours = mine.tables.get(PEOPLE, {}).get(ME)
    if ours is not None and ME not in merged.tables.get(PEOPLE, {}):
        merged.tables.setdefault(PEOPLE, {})[ME] = ours

"""Use cases for the conflicts a merge kept (``kith.sync.conflicts``): list them, pick
the value that was dropped, or keep the one that won.

A conflict stays listed while the value that won still stands; once the field is edited
again (here, or on a device whose edit came in with a sync) the user has decided, and it
goes from the list by itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson

from kith.core.errors import NotFound
from kith.persistence.elements import value_at
from kith.persistence.stamps import STAMP_KEYS
from kith.sync import conflicts as kept_conflicts

if TYPE_CHECKING:
    from kith.persistence.store import Store

_WORDS = {"people": "person", "networks": "network", "interactions": "interaction",
          "opportunities": "opportunity", "notes": "note", "followups": "follow-up",
          "relationships": "relationship"}


@dataclass(frozen=True)
class OpenConflict:
    number: int
    ident: str
    table: str
    record: str
    label: str
    path: tuple[str, ...]
    kept: Any
    dropped: Any
    dropped_when: str

    @property
    def field(self) -> str:
        return ".".join(self.path)

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "id": self.ident, "table": self.table,
                "record": self.record, "label": self.label, "field": self.field,
                "kept": self.kept, "dropped": self.dropped, "dropped_when": self.dropped_when}


def _same(a: Any, b: Any) -> bool:
    return bool(orjson.dumps(a, option=orjson.OPT_SORT_KEYS)
                == orjson.dumps(b, option=orjson.OPT_SORT_KEYS))


def _record(store: Store, table: str, ident: str) -> dict[str, Any] | None:
    if table == "interactions":
        try:
            return store.get_interaction(ident).to_dict()
        except NotFound:
            return None
    doc = store.records(table).get(ident)
    return dict(doc) if isinstance(doc, dict) else None


def _label(table: str, doc: dict[str, Any]) -> str:
    word = _WORDS.get(table, table)
    name = doc.get("name") or doc.get("text") or doc.get("note") or doc.get("about")
    if table == "interactions":
        name = f"{doc.get('when', '')[:10]} in {doc.get('network')}"
    return f"{word} {str(name)[:60]}" if name else word


def open_conflicts(store: Store) -> list[OpenConflict]:
    """The kept conflicts whose winning value still stands, numbered; the others (the
    record gone, or the field edited since) are forgotten."""
    found = kept_conflicts.load(store.home)
    result: list[OpenConflict] = []
    stale = []
    order = sorted(found.items(), key=lambda item: (item[1]["table"], item[1]["record"],
                                                    item[1]["path"], item[0]))
    for ident, entry in order:
        doc = _record(store, entry["table"], entry["record"])
        path = tuple(entry["path"])
        present, current = value_at(doc, path) if doc is not None else (False, None)
        if doc is None or not present or not _same(current, entry.get("winner")) \
                or _same(current, entry.get("value")):
            stale.append(ident)
            continue
        stamp = entry.get("stamp")
        when = stamp[0] if isinstance(stamp, list) and stamp else ""
        result.append(OpenConflict(len(result) + 1, ident, entry["table"], entry["record"],
                                   _label(entry["table"], doc), path, current,
                                   entry.get("value"), when))
    if stale:
        kept_conflicts.save(store.home, {k: v for k, v in found.items() if k not in stale})
    return result


def find(store: Store, ref: str) -> OpenConflict:
    """A conflict by its number in the list or its id."""
    listed = open_conflicts(store)
    for conflict in listed:
        if ref.strip() in (str(conflict.number), conflict.ident):
            return conflict
    raise NotFound(f"no conflict {ref!r}" + (f" (there are {len(listed)}: `kith conflicts`)"
                                              if listed else " (none are kept)"))


def pick(store: Store, ref: str) -> OpenConflict:
    """Write the dropped value back, as a new edit (newer than both: it travels)."""
    from kith.core.model import Interaction, Network, Person

    with store.transaction():
        conflict = find(store, ref)
        doc = _record(store, conflict.table, conflict.record)
        assert doc is not None  # find checked it
        target: Any = doc
        for name in conflict.path[:-1]:
            target = target[name]
        target[conflict.path[-1]] = conflict.dropped
        if conflict.table == "interactions":
            store.replace_interaction(Interaction.from_dict(doc))
        elif conflict.table == "people":
            store.save_person(Person.from_dict(doc))
        elif conflict.table == "networks":
            store.save_network(Network.from_dict(doc))
        else:
            store.put_record(conflict.table, {k: v for k, v in doc.items()
                                              if k not in STAMP_KEYS})
    _forget(store, conflict.ident)
    return conflict


def dismiss(store: Store, ref: str) -> OpenConflict:
    """Keep the value that won: the conflict leaves the list."""
    conflict = find(store, ref)
    _forget(store, conflict.ident)
    return conflict


def _forget(store: Store, ident: str) -> None:
    found = kept_conflicts.load(store.home)
    found.pop(ident, None)
    kept_conflicts.save(store.home, found)

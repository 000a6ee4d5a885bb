"""Stamps below the fields: each element of a list and each key of a mapping on its own.

A record's fields carry stamps (``kith.persistence.stamps``). A field holding a list
(tags, aliases, an interaction's people, an introduction's outcomes) or a mapping (a
person's handles and networks, an interaction's value and meta) is a set of *nodes*, each
stamped on its own, so that two devices that each add a tag both keep theirs, and a
``--money`` edit on one device and a ``--minutes`` edit on the other both stay:

- a node is addressed by its path: the field, then a mapping's key or a list element's
  canonical JSON (a list is a set of elements; elements are leaves, never descended);
- ``_sub`` lists the stamp of every node whose stamp differs from its parent's, and every
  node removed (in ``_sub``, absent from the value): a removal is a stamped fact. A
  mapping's key removed is stamped when it was removed (newest wins, as for its value);
- a list element is an *observed-remove* set of its adds: each add is a *dot* (the stamp
  of the write that added it), a removal kills exactly the dots its writer had seen, and
  the element is there while one dot lives. So an add the remover had not seen (made
  concurrently on another device) survives the removal, and an add made after seeing
  it is a new dot the removal never named: both whatever the clocks say (a device a
  day behind included; the stamps' order never decides an element). An element with
  one live dot and none dead, or one dead dot and none live, is stored as a stamp (as
  before: a removal listed with the stamp of the add it removed is that one dead dot);
  any other is stored as ``{"+": [live dots], "-": [dead dots]}`` (``ElementDots``);
- a container keeps the stamp it was created with; editing its content stamps the
  content, so the record's ``modified`` is the newest stamp of any node;
- an element's dots outlive its list: when the list is replaced by a scalar or removed
  (a field, a mapping's key), its elements' dots stay, *hidden*, in ``_sub`` (always as
  ``{"+": ..., "-": ...}``, under a path whose parent is not a list): a writer that
  replaces a list kills every dot it saw under it, and a join keeps every dot of both
  sides whichever value wins. So when a list wins again later (a newer list written
  elsewhere, or joined from a third device), its elements are what the two sides' dots
  say, in any order of joins: a removed tag never comes back with a re-created list, and
  a tag added concurrently with the replacement is not lost to the order of syncs
  (the join stays associative). Only lists' elements are kept so: a mapping replaced by a
  scalar keeps nothing of its keys (kith's mappings never change kind);
- ``_since`` names, for a scalar (a name, a birthday, ``value.money``), the stamp of the
  value its writer replaced: a value of another device newer than that was not seen by
  the writer, so when it loses a join it is a *conflict* (``kith.sync.conflicts`` keeps
  it on the device that joined, for ``kith conflicts`` to show and the user to pick).

A record written before these stamps existed has none of them: each of its nodes counts
as stamped with its field, which is what it was.
"""

from __future__ import annotations

from typing import Any

import orjson

Stamp = tuple[str, str]
Path = tuple[str, ...]
Nodes = dict[Path, tuple[Stamp, bool]]
Dots = frozenset[Stamp]
ElementDots = dict[Path, tuple[Dots, Dots]]
"""The list elements whose adds are not one dot: ``{path: (live dots, dead dots)}``; an
element not listed has the one dot of its node (live if present, dead if removed)."""
LIVE, DEAD = "+", "-"
NO_DOTS: Dots = frozenset()

SUB = "_sub"
SINCE = "_since"
NODE_KEYS = frozenset({SUB, SINCE})


def element_key(element: Any) -> str:
    """A list element's name in a path: its canonical JSON."""
    return orjson.dumps(element, option=orjson.OPT_SORT_KEYS).decode()


def path_key(path: Path) -> str:
    """A path as stored: a top-level field by its name, a deeper node as a JSON list."""
    return path[0] if len(path) == 1 else orjson.dumps(list(path)).decode()


def parse_key(key: str) -> Path | None:
    if not key.startswith("["):
        return (key,)
    try:
        parts = orjson.loads(key)
    except orjson.JSONDecodeError:
        return None
    if isinstance(parts, list) and len(parts) > 1 and all(isinstance(p, str) for p in parts):
        return tuple(parts)
    return None


def as_stamp(value: Any) -> Stamp | None:
    if isinstance(value, list | tuple) and len(value) == 2 and all(
            isinstance(v, str) for v in value):
        return (value[0], value[1])
    return None


def stamps_of(doc: dict[str, Any], key: str) -> dict[Path, Stamp]:
    """``_sub`` or ``_since`` parsed: ``{path: stamp}`` (unreadable entries left out)."""
    listed = doc.get(key)
    result: dict[Path, Stamp] = {}
    if isinstance(listed, dict):
        for text, value in listed.items():
            path, stamp = parse_key(text), as_stamp(value)
            if path is not None and stamp is not None:
                result[path] = stamp
    return result


def dots_of(doc: dict[str, Any]) -> ElementDots:
    """The ``{"+": ..., "-": ...}`` entries of ``_sub`` parsed (unreadable ones left out)."""
    listed = doc.get(SUB)
    result: ElementDots = {}
    if not isinstance(listed, dict):
        return result
    for text, value in listed.items():
        if not isinstance(value, dict):
            continue
        path = parse_key(text)
        live, dead = _stamp_set(value.get(LIVE)), _stamp_set(value.get(DEAD))
        if path is not None and live is not None and dead is not None and (live or dead):
            result[path] = (live - dead, dead)
    return result


def _stamp_set(value: Any) -> Dots | None:
    if value is None:
        return NO_DOTS
    if not isinstance(value, list):
        return None
    found = [as_stamp(v) for v in value]
    return None if any(f is None for f in found) else frozenset(
        f for f in found if f is not None)


def element_state(nodes: Nodes, dots: ElementDots, path: Path) -> tuple[Dots, Dots]:
    """``(live, dead)`` dots of the list element at ``path`` (both empty if unknown)."""
    node = nodes.get(path)
    if node is None:
        return NO_DOTS, NO_DOTS
    stamp, present = node
    listed = dots.get(path)
    if listed is None:
        return (frozenset({stamp}), NO_DOTS) if present else (NO_DOTS, frozenset({stamp}))
    live, dead = listed
    if not present:  # the value says it is gone: whatever was live is not
        return NO_DOTS, dead | live
    return (live or frozenset({stamp})), dead


def put_element(nodes: Nodes, dots: ElementDots, path: Path, live: Dots, dead: Dots
                ) -> bool:
    """Set the element at ``path`` to ``live`` and ``dead`` dots; whether it is there."""
    live = live - dead
    if live:
        nodes[path] = (max(live), True)
    else:
        nodes[path] = (max(dead), False)
    if (len(live) == 1 and not dead) or (not live and len(dead) == 1):
        dots.pop(path, None)
    else:
        dots[path] = (live, dead)
    return bool(live)


def join_element(a: tuple[Dots, Dots], b: tuple[Dots, Dots]) -> tuple[Dots, Dots]:
    """Two versions of one element: every dot either side killed is dead, every other
    dot either side holds lives (commutative, associative, idempotent)."""
    dead = a[1] | b[1]
    return (a[0] | b[0]) - dead, dead


def kind(value: Any) -> str:
    """``dict``, ``list`` or ``leaf``: how a value's nodes merge. A list that holds an
    element twice is not a set: it merges whole, as a scalar does."""
    if isinstance(value, dict):
        return "dict"
    if isinstance(value, list):
        if len(value) < 2 or (all(isinstance(e, str) for e in value) \
                and len(set(value)) == len(value)):
            return "list"
        return "list" if len({element_key(e) for e in value}) == len(value) else "leaf"
    return "leaf"


def children(value: Any) -> dict[str, Any]:
    """A container's nodes by name (a list's by element key)."""
    shape = kind(value)
    if shape == "dict":
        return value  # type: ignore[no-any-return]
    if shape == "list":
        return {element_key(e): e for e in value}
    return {}


def walk(value: Any, path: Path, stamp: Stamp, sub: dict[Path, Stamp], out: Nodes) -> None:
    """Every node of ``value`` (present) at ``path`` into ``out``, with its stamp."""
    out[path] = (stamp, True)
    shape = kind(value)
    if shape == "dict":
        for name, child in value.items():
            node = (*path, name)
            walk(child, node, sub.get(node, stamp), sub, out)
    elif shape == "list":
        for element in value:
            node = (*path, element_key(element))
            out[node] = (sub.get(node, stamp), True)


def value_at(values: dict[str, Any], path: Path) -> tuple[bool, Any]:
    """``(found, value)`` of the node at ``path``."""
    current: Any = values
    for index, name in enumerate(path):
        if index and kind(current) == "list":
            found = children(current)
            if name not in found:
                return False, None
            current = found[name]
        elif isinstance(current, dict) and name in current:
            current = current[name]
        else:
            return False, None
    return True, current


def node_stamps(values: dict[str, Any], fields: dict[str, tuple[Stamp, bool]],
                sub: dict[Path, Stamp], dots: ElementDots | None = None) -> Nodes:
    """Every node of a record, present or removed, with its stamp (``fields``: the
    per-field stamps of ``kith.persistence.stamps.field_stamps``; ``dots``: the elements
    of more than one dot, whose node stamp is their newest live dot, or dead one)."""
    if dots:
        sub = dict(sub)
        for path, (live, dead) in dots.items():
            found, parent = value_at(values, path[:-1])
            if found and kind(parent) == "list":  # else hidden (``hidden_dots``)
                sub[path] = max(live) if live else max(dead)
    out: Nodes = {}
    for name, (stamp, present) in fields.items():
        if present:
            walk(values[name], (name,), stamp, sub, out)
        else:
            out[(name,)] = (stamp, False)
    for path, stamp in sub.items():
        if path in out or len(path) < 2:
            continue
        parent = out.get(path[:-1])
        if parent is not None and parent[1]:
            found, container = value_at(values, path[:-1])
            if found and kind(container) != "leaf":
                out[path] = (stamp, False)
    return out


def anchored(path: Path, nodes: Nodes) -> bool:
    """Whether ``path`` is a node that is stored (every node above it is present)."""
    if path not in nodes:
        return False
    return all(nodes.get(path[:end], (None, False))[1] for end in range(1, len(path)))


def hidden_dots(nodes: Nodes, dots: ElementDots) -> dict[Path, dict[str, tuple[Dots, Dots]]]:
    """The dots of elements whose list is gone (a scalar or nothing in its place), by
    the path of where the list was: ``{parent: {element key: (live, dead)}}``."""
    found: dict[Path, dict[str, tuple[Dots, Dots]]] = {}
    for path, state in dots.items():
        if path not in nodes and len(path) > 1 and anchored(path[:-1], nodes):
            found.setdefault(path[:-1], {})[path[-1]] = state
    return found


def encode_nodes(doc: dict[str, Any], nodes: Nodes, since: dict[Path, Stamp],
                 dots: ElementDots | None = None) -> Stamp | None:
    """Put the canonical ``_sub`` and ``_since`` of ``nodes`` (and ``dots``) in ``doc``;
    return the newest stamp ``_sub`` lists (the record's ``modified`` is at least it)."""
    listed: dict[str, Any] = {}
    newest: Stamp | None = None
    for path, (stamp, present) in nodes.items():
        if len(path) < 2:
            continue
        parent = nodes.get(path[:-1])
        if parent is None or not parent[1]:
            continue
        element = dots.get(path) if dots else None
        if element is not None:
            live, dead = element
            if not present:
                live = NO_DOTS
            entry: dict[str, Any] = {}
            if live:
                entry[LIVE] = [list(d) for d in sorted(live)]
            if dead:
                entry[DEAD] = [list(d) for d in sorted(dead)]
            if entry:
                listed[path_key(path)] = entry
                top = max(live | dead)
                if newest is None or top > newest:
                    newest = top
                continue
        if not present or stamp != parent[0]:
            listed[path_key(path)] = list(stamp)
            if newest is None or stamp > newest:
                newest = stamp
    for where, elements in hidden_dots(nodes, dots or {}).items():
        for name, (alive, killed) in elements.items():
            key = path_key((*where, name))
            if key in listed or not (alive or killed):
                continue  # (a mapping's key of that very name is stored there instead)
            hidden: dict[str, Any] = {}
            if alive:
                hidden[LIVE] = [list(d) for d in sorted(alive)]
            if killed:
                hidden[DEAD] = [list(d) for d in sorted(killed)]
            listed[key] = hidden
            top = max(alive | killed)
            if newest is None or top > newest:
                newest = top
    if listed:
        doc[SUB] = dict(sorted(listed.items()))
    kept_since = {path_key(p): list(s) for p, s in since.items()
                  if p in nodes and nodes[p][1]}
    if kept_since:
        doc[SINCE] = dict(sorted(kept_since.items()))
    return newest

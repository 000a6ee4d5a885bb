"""A person merge's interactions: every interaction naming the absorbed person names the
kept one instead, in time linear in what moves, not in the history.

Three costs used to grow with the whole history, and each is avoided here:

- *Reading every month.* A month file is parsed (and checked at the door) only when its
  bytes may name the absorbed person: the id as JSON (``"<id>"``) occurs in it, or the
  file uses an escape (``\\u``, ``\\/``) that could spell an id another way. Anything
  else cannot hold a JSON string equal to the id, so 100k interactions cost a byte search
  of the files, not a parse. This reads the interactions themselves, never the derived
  files, so a stale or missing derived file cannot make a merge miss one.
- *Totals and first and last contacts.* Moving an interaction from one person to another
  changes no network's month totals, and only two people's totals: the absorbed
  person's go (to nothing), the kept person's grow by what moved (once per interaction,
  even one that named both). Their first and last contacts need no pass over the
  history: the absorbed person has none left, and the kept person's span only widens.
- *The conversation index.* Each moved conversation is taken out and put back with its
  new people, as one write does, but in one ``conversation_index.Batch``: each list of
  days is decoded and encoded once, not once per interaction.

Each interaction is still written through ``KeyedTable.discard`` and ``put`` in the same
transaction, so it is a move (``kith.persistence.stamps``): its deletion leaves no
tombstone, and only the ``people`` field and its elements get a new stamp.
"""

from __future__ import annotations

from pathlib import Path

import orjson

from kith.core.errors import NotFound
from kith.core.model import Interaction
from kith.core.months import utc_iso
from kith.persistence.store import conversation_index
from kith.persistence.store.aggregates import (
    Aggregates,
    add_to_row,
    interaction_count,
    new_person_row,
    widen_span,
)
from kith.persistence.store.core import Core
from kith.persistence.store.layout import INTERACTIONS, partition, people_shard

ESCAPES = (b"\\u", b"\\/")
"""The JSON escapes that can spell a character of an id other than the way orjson does
(every other escape stands for a quote, a backslash or a control character, which have
one spelling each)."""


def may_name(path: Path, needle: bytes) -> bool:
    """Whether the month file at ``path`` can hold an interaction naming the person whose
    id, as JSON, is ``needle`` (a missing file holds nothing)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return False
    if needle in raw:
        return True
    return b"\\" in raw and any(escape in raw for escape in ESCAPES)  # one byte: fast


def move_interactions(core: Core, aggregates: Aggregates, absorb: str, keep: str) -> int:
    """Make every interaction naming ``absorb`` name ``keep`` instead, with the derived
    files, in the open transaction. Returns how many moved."""
    files = core.files
    needle = orjson.dumps(absorb)
    networks = core.table("networks").docs()
    people = core.table("people").docs()
    batch = conversation_index.Batch()
    moves: list[tuple[Interaction, Interaction]] = []
    for name in files.list(INTERACTIONS):
        if not files.cache.holds(name) and not may_name(files.path(name), needle):
            continue
        docs = files.db(name).table("interactions").docs()
        chosen = [Interaction.from_dict(d) for d in docs.values() if absorb in d["people"]]
        chosen.sort(key=lambda i: (i.when, i.id))
        for old in chosen:
            new = old.with_changes(people=tuple(keep if p == absorb else p
                                                for p in old.people))
            if new.network not in networks:
                raise NotFound(f"no network {new.network!r}")
            for ident in new.people:
                if ident not in people:
                    raise NotFound(f"no person {ident!r}")
            files.db(partition(old.month)).table("interactions").discard(old.id)
            aggregates.index(old, -1, batch)
            files.db(partition(new.month)).table("interactions").put(new.id, new.to_dict())
            aggregates.index(new, +1, batch)
            moves.append((old, new))
    batch.finish()
    move_totals(core, moves, absorb, keep)
    return len(moves)


def move_totals(core: Core, moves: list[tuple[Interaction, Interaction]], absorb: str,
                keep: str) -> None:
    """The per-person totals after ``moves`` (each ``(before, after)``), as taking each
    out and putting it back gives (``Aggregates.apply``), for the only two people whose
    totals change: everyone else on a moved interaction is taken out and put back
    unchanged. No first or last contact is recomputed from history: the absorbed
    person's totals go whole, and the kept person's span only widens."""
    tables = {person: core.raw_table(people_shard(person), "people")
              for person in (absorb, keep)}
    for old, new in moves:
        for interaction, sign in ((old, -1), (new, +1)):
            value = interaction.value
            vector = (sign * value.money, sign * value.minutes, sign * value.favours,
                      sign * value.fun, sign)
            when = utc_iso(interaction.when)
            network = interaction.network
            for person in interaction.people:
                table = tables.get(person)
                if table is None:
                    continue
                nets = table.setdefault(person, {"networks": {}})["networks"]
                net = nets.get(network)
                if net is None:
                    net = nets[network] = new_person_row(when)
                add_to_row(net[interaction.direction], vector, network)
                if sign > 0:
                    widen_span(net, when)
                if not interaction_count(net):
                    del nets[network]
                if not nets:
                    del table[person]

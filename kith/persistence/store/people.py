"""People: lookup by id, handle, source or name (an index built once per transaction),
and merging two people into one."""

from __future__ import annotations

import contextlib
from typing import Any, ClassVar

from kith.core.didyoumean import suggestion
from kith.core.errors import Ambiguous, NotFound, ValidationError
from kith.core.handles import normalize_handle
from kith.core.model import ME, Person
from kith.core.textfold import fold, name_candidates
from kith.persistence.store.core import Core
from kith.persistence.store.interactions import Interactions
from kith.persistence.store.moving import move_interactions
from kith.persistence.store.networks import Networks
from kith.persistence.store.opportunities import Opportunities
from kith.persistence.store.relationships import settle_relationships


class People:
    PERSON_FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "notes": ("person",), "followups": ("person",), "relationships": ("a", "b")}
    """Tables of id-keyed records and the fields naming people (moved by a merge)."""

    def __init__(self, core: Core, networks: Networks, interactions: Interactions,
                 opportunities: Opportunities):
        self.core = core
        self.networks = networks
        self.interactions = interactions
        self.opportunities = opportunities
        self._index: dict[str, Any] | None = None
        core.on_forget(self.forget_index)

    def forget_index(self) -> None:
        self._index = None

    def all(self) -> list[Person]:
        return [Person.from_dict(d) for d in self.core.table("people").all()]

    def docs(self) -> dict[str, dict[str, Any]]:
        """Raw person documents by id: the fast path for listing 10k people."""
        return dict(self.core.table("people").docs())

    def get(self, ident: str) -> Person | None:
        doc = self.core.table("people").get(doc_id=ident)
        if doc is None:
            merged = self.core.table("merges").get(doc_id=ident)
            if merged:
                return self.get(merged["into"])
            return None
        return Person.from_dict(doc)

    def index(self) -> dict[str, Any]:
        if self._index is None:
            by_handle: dict[tuple[str, str], list[str]] = {}
            by_name: dict[str, list[str]] = {}
            by_source: dict[str, str] = {}
            for ident, doc in self.docs().items():
                for kind, values in (doc.get("handles") or {}).items():
                    for value in values:
                        by_handle.setdefault(_canonical(kind, value), []).append(ident)
                for name in [doc["name"], *doc.get("aliases", [])]:
                    by_name.setdefault(fold(name), []).append(ident)
                for key in doc.get("sources", []):
                    by_source[key] = ident
            self._index = {"handle": by_handle, "name": by_name, "source": by_source}
        return self._index

    def by_handle(self, kind: str, value: str) -> list[Person]:
        ids = self.index()["handle"].get((kind, value), [])
        return [p for p in (self.get(i) for i in ids) if p]

    def by_name(self, name: str) -> list[Person]:
        ids = dict.fromkeys(self.index()["name"].get(fold(name), []))
        return [p for p in (self.get(i) for i in ids) if p]

    def by_source(self, key: str) -> Person | None:
        ident = self.index()["source"].get(key)
        return self.get(ident) if ident else None

    def find(self, ref: str) -> Person:
        """A person by id (or id prefix), handle, or an unambiguous name or alias."""
        text = ref.strip()
        if not text:
            raise ValidationError("a person must be named")
        found = self.get(text)
        if found:
            return found
        if text.casefold() in ("me", "myself"):
            found = self.get(ME)
            assert found is not None
            return found
        by_name = self.by_name(text)
        if len(by_name) == 1:
            return by_name[0]
        if not by_name:
            if "=" in text:
                kind, _, value = text.partition("=")

                with contextlib.suppress(ValidationError):
                    by_name = self.by_handle(*normalize_handle(kind, value))
            elif "@" in text and "." in text:
                by_name = self.by_handle("email", text.lower())
            if not by_name and len(text) >= 6 and text.isalnum():
                by_name = [Person.from_dict(d) for i, d in self.docs().items()
                           if i.startswith(text.lower())]
            if not by_name:  # first names, surnames, prefixes: the tiers of name search

                by_name = [Person.from_dict(d)
                           for d in name_candidates(text, self.docs().values())]
        if len(by_name) == 1:
            return by_name[0]
        if not by_name:
            hint = suggestion(text, [n for d in self.docs().values()
                                     for n in (d["name"], *d.get("aliases", []))])
            raise NotFound(f"no person {ref!r}{hint}" if hint else
                           f"no person {ref!r} (see `kith person list --search`)")
        raise Ambiguous(f"person {ref!r} is ambiguous: " + ", ".join(
            f"{p.name} ({p.id})" for p in sorted(by_name, key=lambda p: p.name)[:5])
            + (" ..." if len(by_name) > 5 else "") + "; use the id")

    def save(self, person: Person) -> Person:
        with self.core.transaction():
            self.core.table("people").put(person.id, person.to_dict())
            self._index = None
        return person

    def add(self, person: Person) -> Person:
        with self.core.transaction():
            for network in person.networks:
                self.networks.find(network)
            if self.core.table("people").contains(doc_id=person.id):  # type: ignore[arg-type]
                raise ValidationError(f"a person with id {person.id!r} already exists")
            return self.save(person)

    def merge(self, keep_ref: str, absorb_ref: str) -> Person:
        """Merge ``absorb`` into ``keep``: handles, networks, tags, sources, interactions.

        The absorbed id is remembered in ``merges`` so it still resolves, and its sources
        move to the kept person so a later re-import finds the merged person. Both people
        are looked up under the lock, in the same transaction as the merge.
        """
        with self.core.transaction():
            return self._merge(keep_ref, absorb_ref)

    def _merge(self, keep_ref: str, absorb_ref: str) -> Person:
        keep, absorb = self.find(keep_ref), self.find(absorb_ref)
        if keep.id == absorb.id:
            raise ValidationError(f"{keep.name} and {absorb.name} are the same person")
        if absorb.id == ME:
            keep, absorb = absorb, keep
        handles = {k: list(v) for k, v in keep.handles.items()}
        for kind, value in absorb.handle_pairs():
            bucket = handles.setdefault(kind, [])
            if value not in bucket:
                bucket.append(value)
        networks = dict(keep.networks)
        for net, since in absorb.networks.items():
            networks[net] = min(filter(None, [networks.get(net), since]), default=None)
        merged = keep.with_changes(
            handles=handles, networks=networks,
            aliases=tuple(dict.fromkeys([*keep.aliases, absorb.name, *absorb.aliases])),
            tags=tuple(dict.fromkeys([*keep.tags, *absorb.tags])),
            notes="\n".join(filter(None, [keep.notes, absorb.notes])),
            birthday=keep.birthday or absorb.birthday,
            cadence_days=keep.cadence_days or absorb.cadence_days,
            sources=tuple(dict.fromkeys([*keep.sources, *absorb.sources])),
            merged_from=tuple(dict.fromkeys([*keep.merged_from, absorb.id,
                                             *absorb.merged_from])),
            extra={**absorb.extra, **keep.extra})
        with self.core.transaction():
            move_interactions(self.core, self.interactions.aggregates, absorb.id, keep.id)
            for opportunity in self.opportunities.all():
                if opportunity.person == absorb.id:
                    self.opportunities.save(opportunity.with_changes(person=keep.id))
            self._repoint_records(absorb.id, keep.id)
            self.core.table("people").discard(absorb.id)
            merges = self.core.table("merges")
            for old in (absorb.id, *absorb.merged_from):
                merges.put(old, {"into": keep.id})
            self.save(merged)
        return merged

    def _repoint_records(self, old: str, new: str) -> None:
        """A merged person's notes, follow-ups and relationships follow them; a
        relationship that would relate someone to themselves, or repeat one the kept
        person already has, goes."""
        for table, fields in self.PERSON_FIELDS.items():
            records = self.core.records(table)
            kept = {(d.get("a"), d.get("b"), d.get("kind")) for d in records.values()
                    if old not in (d.get("a"), d.get("b"))}
            for ident, doc in records.items():
                if any(doc.get(f) == old for f in fields):
                    moved = {k: (new if k in fields and v == old else v)
                             for k, v in doc.items()}
                    if table == "relationships":
                        key = (moved.get("a"), moved.get("b"), moved.get("kind"))
                        if moved.get("a") == moved.get("b") or key in kept:
                            self.core.table(table).discard(ident)
                            continue
                        kept.add(key)
                    self.core.table(table).put(ident, moved)
        # seen from either side and as cycles (each the other's parent) too
        records = dict(self.core.records("relationships"))
        for ident in settle_relationships(records):
            self.core.table("relationships").discard(ident)


def _canonical(kind: str, value: str) -> tuple[str, str]:
    """A stored handle in today's canonical form: a database written before a kind's form
    changed (``linkedin`` typed as ``hschmidt``, now ``linkedin.com/in/hschmidt``) still
    matches what an import brings."""
    if kind in ("email", "phone"):
        return kind, value  # stored in today's form already: these rules never changed
    try:
        return normalize_handle(kind, value)
    except ValidationError:
        return kind, value

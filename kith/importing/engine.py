"""The import engine: how a batch of records (``kith.importing.toolkit``) becomes the store's.

An importer is pure: ``SourceSpec.parse(path, context)`` reads files and returns an
``ImportBatch`` of plain records (people referenced by the batch's own keys). Reading is
tolerant: a record that cannot be read goes to ``context.bad_record`` (skipped and listed
in the summary, or, with ``--strict``, the end of the import); a file that is not the
format at all raises ``ImportFormatError``. It never touches the database and never
prints. ``apply_batch`` then picks the network (one that exists, never a silent new one),
matches people (by source key, then handle, then folded full name when nothing
contradicts it), links interactions the user already recorded by hand instead of adding
them twice, has missing values estimated (by the caller's ``estimate``: the value policy
is the use case's, ``kith.services.imports``), and upserts everything in **one
transaction**: all of it or none of it. Re-importing the same export matches every
record again and adds nothing.
"""

from __future__ import annotations

import csv
import re
import tarfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kith.core import clock
from kith.core.errors import ImportFormatError, KithError, NotFound, ValidationError
from kith.core.handles import normalize_handle
from kith.core.ids import is_id, new_id
from kith.core.model import ME, Interaction, Network, Person, Relationship, Value
from kith.core.names import NICKNAMES, compare_names, is_a_name, name_tokens
from kith.core.textfold import fold
from kith.importing.handrecorded import link_hand_recorded
from kith.importing.toolkit.records import (
    ImportBatch,
    ImportContext,
    NetworkHint,
    PersonRecord,
    source_key,
)
from kith.importing.toolkit.spec import SourceSpec

if TYPE_CHECKING:
    from kith.persistence.store import Store


@dataclass
class ImportSummary:
    """What an import did (or, with ``--dry-run``, would do)."""

    source: str
    path: str
    network: str
    dry_run: bool = False
    people_added: int = 0
    people_matched: int = 0
    people_updated: int = 0
    interactions_added: int = 0
    interactions_updated: int = 0
    duplicates_skipped: int = 0
    already_recorded: int = 0
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    network_name: str = ""
    networks_created: list[str] = field(default_factory=list)
    people_added_names: list[str] = field(default_factory=list)
    people_matched_names: list[str] = field(default_factory=list)
    possible_duplicates: list[dict[str, Any]] = field(default_factory=list)
    households: list[dict[str, Any]] = field(default_factory=list)
    """Pairs who share a phone, an email, an address or the source's household but are
    two people: ``{"people": [names], "ids", "shared"}``, recorded as ``household``."""

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


# handle kinds a person has one of per account: two different values of the same kind say
# "not the same person" (a url does not: people have many)
_CONTRADICTING = frozenset({"email", "phone", "x", "mastodon", "linkedin", "facebook",
                            "instagram", "github", "telegram"})

_SHARED = ("email", "phone")
"""Identifiers a household may share: they match only when the names agree."""

MAX_LIKE = 20
"""At most this many namesakes are listed for one possible duplicate."""

MAX_HOUSEHOLD = 12
"""A household key shared by more records than this (a block of flats, a shared office
number) relates no one: it is said in a warning instead."""

STABLE_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
"""The time part of imported people's ids: the rest is derived from the source's own
identity, so the same export imported on two devices gives the same ids."""


class PeopleResolver:
    """Matches a batch's people to the store's, creating the ones not yet known.

    The rules, one per identifier (the README's table "How imports match people"):

    - the source's own id: the same id of the same source is the same person; two
      different ids in one export are two people, whatever else they share;
    - a kith id the record carries (a vCard UID kith wrote) is that person;
    - an account handle (x, mastodon, linkedin...) shared after normalisation matches;
    - a shared email or phone matches only when the names agree (the same name, or one a
      short form of the other); different given names are a **household** (recorded as
      a ``household`` relationship, said in the summary), the same given name with another
      surname is a possible duplicate (a changed surname?);
    - the exact full name folded with ``kith.core.textfold.fold`` (case and accents
      ignored), when exactly one person has it and nothing contradicts it;
    - a short form (a first name alone, an initial, a nickname) is never a match: the new
      person is reported as a possible duplicate.

    Works on an in-memory view so that a dry run sees exactly what a real import would do.
    """

    def __init__(self, store: Store, source: str, network_id: str):
        self.store = store
        self.source = source
        self.network_id = network_id
        self.by_ref: dict[str, str] = {}
        self.changed: dict[str, Person] = {}
        self.pending_handles: dict[tuple[str, str], str] = {}
        self.added = self.matched = self.updated = 0
        self.added_names: list[str] = []
        self.matched_names: list[str] = []
        self.possible_duplicates: list[dict[str, Any]] = []
        self.households: list[dict[str, Any]] = []
        self.relationships: list[Relationship] = []
        self.warnings: list[str] = []
        self._duplicate_of: dict[str, dict[str, Any]] = {}
        self._apart: dict[str, list[tuple[str, str]]] = {}
        self._claimed: dict[str, str | None] = {}
        self._related: set[tuple[str, str]] | None = None
        self._names: dict[str, list[str]] | None = None
        self._tokens: dict[str, dict[str, dict[str, None]]] | None = None
        self._known_names: dict[str, str] = {}

    def _name_index(self) -> dict[str, list[str]]:
        """Folded name and aliases -> person ids, built once (for stored people)."""
        if self._names is None:
            self._names = {}
            for ident, doc in self.store.people_docs().items():
                if ident == ME:
                    continue
                for name in {fold(n) for n in [doc["name"], *doc.get("aliases", [])]}:
                    self._names.setdefault(name, []).append(ident)
        return self._names

    def _token_index(self) -> dict[str, dict[str, dict[str, None]]]:
        """First and last name words -> person ids, for short forms ("Dan", "D. Murphy")."""
        if self._tokens is None:
            self._tokens = {"first": {}, "last": {}, "single": {}}
            for ident, doc in self.store.people_docs().items():
                if ident != ME:
                    self._index_tokens(ident, doc["name"])
        return self._tokens

    def _index_tokens(self, ident: str, name: str) -> None:
        tokens = name_tokens(name)
        self._known_names[ident] = name
        if not tokens or not is_a_name(name):
            return
        index = self._token_index()
        places = [("single", tokens[0])] if len(tokens) == 1 else [("first", tokens[0]),
                                                                   ("last", tokens[-1])]
        for where, token in places:
            index[where].setdefault(token, {})[ident] = None

    def _person(self, ident: str) -> Person | None:
        return self.changed.get(ident) or self.store.get_person(ident)

    def _kept_apart(self, candidate: Person, record: PersonRecord) -> bool:
        """Whether the export itself says ``record`` is not ``candidate``: another record
        of this export with another id already became them. (Across exports ids say less:
        two phones export one contact under two vCard UIDs.)"""
        if not record.source_id:
            return False
        claimed = self._claimed.get(candidate.id, record.source_id)
        return claimed is not None and claimed != record.source_id

    def _set_apart(self, record: PersonRecord, candidate: Person, shared: str) -> None:
        """Remember why ``record`` is not ``candidate`` though they share ``shared``: a
        household (different given names) or a possible duplicate, once it has an id."""
        self._apart.setdefault(record.ref, []).append((candidate.id, shared))

    def _find(self, record: PersonRecord, handles: dict[str, list[str]]) -> Person | None:
        if record.source_id:
            found = self.store.person_by_source(source_key(self.source, record.source_id))
            if found:
                return self.changed.get(found.id, found)
        if record.kith_id and record.kith_id != ME:
            found = self._person(record.kith_id)
            if found is not None and not self._kept_apart(found, record):
                return found
        pairs = [(k, v) for k, vs in handles.items() if k not in _SHARED for v in vs]
        pairs += [(k, v) for k in _SHARED for v in handles.get(k, ())]
        for kind, value in pairs:
            candidate = self._by_handle(kind, value)
            if candidate is None or candidate.id == ME:
                continue
            shared = f"same {kind} {value}"
            if self._kept_apart(candidate, record):
                self._set_apart(record, candidate, shared)
                continue
            if kind in _SHARED and not self._names_agree(record, candidate):
                self._set_apart(record, candidate, shared)
                continue
            return candidate
        return self._find_by_name(record, handles)

    def _by_handle(self, kind: str, value: str) -> Person | None:
        pending_id = self.pending_handles.get((kind, value))
        if pending_id is not None:
            return self.changed[pending_id]
        found_list = self.store.people_by_handle(kind, value)
        if found_list:
            return self.changed.get(found_list[0].id, found_list[0])
        return None

    @staticmethod
    def _names_agree(record: PersonRecord, candidate: Person) -> bool:
        """Whether ``record``'s name allows it to be ``candidate`` (their name or an alias
        the same, or one a short form of the other)."""
        names = [candidate.name, *candidate.aliases]
        return any(compare_names(record.name or "", n).agrees for n in names)

    def _find_by_name(self, record: PersonRecord, handles: dict[str, list[str]]
                      ) -> Person | None:
        name = fold(record.name or "")
        if not name or name in ("(unnamed)", "(no name)"):
            return None
        ids = list(dict.fromkeys(self._name_index().get(name, [])))
        if not ids:
            self._short_forms(record)
            return None
        if len(ids) == 1:
            candidate = self._person(ids[0])
            if candidate is None:
                return None
            clash = _contradiction(candidate, handles)
            if clash is None and not self._kept_apart(candidate, record):
                return candidate
            why = (f"same name as {candidate.name} ({candidate.id}) but "
                   f"{clash or 'another id in the export'}")
        else:  # several namesakes: which one is unknowable, so none is chosen
            why = f"same name as {len(ids)} people: " + ", ".join(ids[:3]) + (
                " ..." if len(ids) > 3 else "")
        self._suggest(record, ids, why)
        return None

    def _suggest(self, record: PersonRecord, ids: list[str], why: str) -> None:
        duplicate = {"name": record.name, "ref": record.ref, "like": ids[:MAX_LIKE],
                     "why": why}
        self.possible_duplicates.append(duplicate)
        self._duplicate_of[record.ref] = duplicate

    def _short_forms(self, record: PersonRecord) -> None:
        """A name that may be a short form of someone's ("Dan" for Dan Murphy, "Bob" for
        Robert, "D. Murphy"): reported as a possible duplicate, never matched."""
        tokens = name_tokens(record.name or "")
        if not tokens or not is_a_name(record.name or ""):
            return
        index = self._token_index()
        firsts = {tokens[0], *NICKNAMES.get(tokens[0], ())}
        found: list[str] = []
        if len(tokens) == 1:  # "Dan": every Dan, Daniel or Danny, and the surname Dan
            for token in firsts:
                found += index["first"].get(token, {})
            found += index["last"].get(tokens[0], {})
        else:  # "Bob Jones", "D. Jones": a Jones; or someone known by one name only
            found += index["last"].get(tokens[-1], {})
            for token in {*firsts, tokens[-1]}:
                found += index["single"].get(token, {})
        reasons: list[tuple[str, str]] = []
        for ident in dict.fromkeys(found):
            name = self._known_names.get(ident)
            if name is None or ident == ME:
                continue
            relation = compare_names(record.name or "", name)
            if relation.kind in ("short", "same"):  # "same": "Lee, Ann" for Ann Lee
                reasons.append((ident, relation.why))
        if reasons:
            ids = [i for i, _ in reasons]
            why = reasons[0][1] + (f" (and {len(reasons) - 1} more)" if len(reasons) > 1
                                   else "")
            self._suggest(record, ids, why)

    def _remember(self, person: Person) -> None:
        """Index a person created or changed by this batch, for the records after it."""
        self.changed[person.id] = person
        for kind, value in person.handle_pairs():
            self.pending_handles.setdefault((kind, value), person.id)
        index = self._name_index()
        for name in {fold(n) for n in (person.name, *person.aliases)}:
            ids = index.setdefault(name, [])
            if person.id not in ids:
                ids.append(person.id)
        if self._tokens is not None:
            self._index_tokens(person.id, person.name)

    def _clean_handles(self, record: PersonRecord) -> dict[str, list[str]]:
        """The record's handles in canonical form; one that is not a valid handle is
        dropped with a warning naming the record, not the reason the import fails."""
        handles: dict[str, list[str]] = {}
        for kind, values in record.handles.items():
            for raw in [values] if isinstance(values, str) else values:
                try:
                    canonical_kind, value = normalize_handle(kind, raw)
                except ValidationError as error:
                    self.warnings.append(f"{record.name or record.ref}: {kind} handle dropped "
                                         f"({error})")
                    continue
                bucket = handles.setdefault(canonical_kind, [])
                if value not in bucket:
                    bucket.append(value)
        return handles

    def resolve(self, record: PersonRecord, *, is_owner: bool = False) -> str:
        if record.ref in self.by_ref:
            return self.by_ref[record.ref]
        handles = self._clean_handles(record)
        if handles != record.handles:
            record.handles = handles
        if is_owner:
            existing = self.changed.get(ME) or self.store.get_person(ME)
        else:
            existing = self._find(record, handles)
        try:
            merged = self._merge(existing, record, is_owner=is_owner)
        except ValidationError as error:
            if not record.birthday:
                raise
            # an odd birthday costs the birthday, not the person: kept as text
            self.warnings.append(f"{record.name or record.ref}: birthday {record.birthday!r} "
                                 f"kept as text only ({error})")
            record.extra = {**record.extra, "birthday_text": record.birthday}
            record.birthday = None
            merged = self._merge(existing, record, is_owner=is_owner)
        if existing is None:
            self.added += 1
            self.added_names.append(merged.name)
            duplicate = self._duplicate_of.get(record.ref)
            if duplicate is not None:
                duplicate["id"] = merged.id
        else:
            self.matched += 1
            if not is_owner:
                self.matched_names.append(merged.name)
            if merged != existing:
                self.updated += 1
        if existing is None or merged != existing:
            self._remember(merged)
        if not is_owner:
            self._claimed.setdefault(merged.id, record.source_id)
        self.by_ref[record.ref] = merged.id
        for other, shared in self._apart.pop(record.ref, ()):
            self._settle_apart(record, merged, other, shared)
        return merged.id

    def _settle_apart(self, record: PersonRecord, person: Person, other_id: str,
                      shared: str) -> None:
        """``person`` shares ``shared`` with ``other_id`` but is someone else: a household
        when their given names differ, else a possible duplicate to look at."""
        other = self._person(other_id)
        if other is None or other.id == person.id:
            return
        relation = compare_names(person.name, other.name)
        if relation.kind == "different":
            self.household(person, other, shared)
            return
        why = f"{shared} as {other.name} ({other.id})" + (
            ", another surname" if relation.kind == "surname" else
            ", but another id in the export")
        duplicate = self._duplicate_of.get(record.ref)
        if duplicate is None:
            self._suggest(record, [other.id], why)
            self._duplicate_of[record.ref]["id"] = person.id
        else:
            duplicate["why"] += f"; {why}"
            if other.id not in duplicate["like"]:
                duplicate["like"].append(other.id)

    def household(self, person: Person, other: Person, shared: str) -> None:
        """Record that two people share a household (a phone, an address, the source's
        household): a ``household`` relationship, once, and a line in the summary."""
        pair = (min(person.id, other.id), max(person.id, other.id))
        if pair in self._existing_relations():
            return
        self._existing_relations().add(pair)
        self.relationships.append(Relationship(
            id=new_id(STABLE_EPOCH, seed=f"household:{pair[0]}:{pair[1]}"), a=pair[0],
            b=pair[1], kind="household", note=shared[:200],
            created=clock.now().isoformat(timespec="seconds")))
        self.households.append({"people": [other.name, person.name],
                                "ids": [other.id, person.id], "shared": shared})

    def _existing_relations(self) -> set[tuple[str, str]]:
        if self._related is None:
            self._related = {(min(r.a, r.b), max(r.a, r.b))
                             for r in self.store.relationships() if r.kind == "household"}
        return self._related

    def households_of_batch(self, records: list[PersonRecord]) -> None:
        """Records of one export that share the source's household (or an address) are
        related as a household: Planning Center's "Household Name", a Breeze family."""
        groups: dict[str, list[str]] = {}
        for record in records:
            ident = self.by_ref.get(record.ref)
            if ident is None:
                continue
            for key in filter(None, (record.household.strip().casefold(),
                                     _address_key(record.extra.get("address")))):
                members = groups.setdefault(key, [])
                if ident not in members:
                    members.append(ident)
        for key, members in groups.items():
            if len(members) > MAX_HOUSEHOLD:
                self.warnings.append(f"{len(members)} people share the household or address "
                                     f"{key!r}: too many to be one household, not related")
                continue
            people = [p for p in (self._person(i) for i in members) if p is not None]
            label = key.removeprefix("address:")
            shared = f"same address {label}" if key.startswith("address:") else \
                f"same household {label}"
            for i, first in enumerate(people):
                for second in people[i + 1:]:
                    self.household(second, first, shared)

    def _stable_id(self, record: PersonRecord) -> str:
        """The new person's id, from the source's identity of them (its id, else the
        export's own key for them), so two devices importing one export agree; a kith
        id the record carries is kept when it is free."""
        if record.kith_id and is_id(record.kith_id) and self._person(record.kith_id) is None:
            return record.kith_id
        seed = source_key(self.source, record.source_id) if record.source_id else \
            f"{self.source}:ref:{record.ref}"
        ident, attempt = new_id(STABLE_EPOCH, seed=seed), 1
        while ident in self.changed or self.store.get_person(ident) is not None:
            attempt += 1  # taken (a person renamed since, say): the next of the same seed
            ident = new_id(STABLE_EPOCH, seed=f"{seed}#{attempt}")
        return ident

    def _merge(self, person: Person | None, record: PersonRecord, *, is_owner: bool) -> Person:
        key = source_key(self.source, record.source_id) if record.source_id else None
        since = record.connected.isoformat() if record.connected else None
        if person is None:
            return Person.create(
                record.name or "(unnamed)", id=self._stable_id(record),
                handles=record.handles,
                networks={self.network_id: since}, aliases=tuple(record.aliases),
                tags=tuple(record.tags), notes=record.notes, birthday=record.birthday,
                cadence_days=record.cadence_days,
                sources=(key,) if key else (), extra=dict(record.extra),
                created=clock.now().isoformat(timespec="seconds"))
        handles = {k: list(v) for k, v in person.handles.items()}
        for kind, values in Person(id="probe", name="?", handles=record.handles).handles.items():
            bucket = handles.setdefault(kind, [])
            bucket.extend(v for v in values if v not in bucket)
        networks = dict(person.networks)
        if not is_owner:
            old = networks.get(self.network_id)
            networks[self.network_id] = min(filter(None, [old, since]), default=None)
        aliases = list(person.aliases)
        if record.name and record.name != person.name and record.name not in aliases \
                and not is_owner and any(c.isalpha() for c in record.name):
            aliases.append(record.name)
        aliases.extend(a for a in record.aliases if a not in aliases and a != person.name)
        extra = {**record.extra, **person.extra}
        return person.with_changes(
            handles=handles, networks=networks, aliases=tuple(aliases),
            tags=tuple(dict.fromkeys([*person.tags, *record.tags])),
            birthday=person.birthday or record.birthday,
            notes=person.notes or record.notes,
            cadence_days=person.cadence_days or record.cadence_days,
            sources=tuple(dict.fromkeys([*person.sources, *([key] if key else [])])),
            extra=extra)


def _address_key(address: Any) -> str:
    """An address folded so that spellings of one address meet ("12 Main St." and
    "12 main st"); empty when there is none."""
    if not isinstance(address, str) or not address.strip():
        return ""
    words = re.sub(r"[^\w]+", " ", fold(address)).split()
    return "address:" + " ".join(words) if words else ""


def _contradiction(person: Person, handles: dict[str, list[str]]) -> str | None:
    """Why ``person`` cannot be the one with ``handles``: a different value of a kind
    both have (and none in common), in words; ``None`` when nothing contradicts."""
    for kind, values in handles.items():
        theirs = person.handles.get(kind)
        if kind in _CONTRADICTING and theirs and values and not set(theirs) & set(values):
            return f"a different {kind}"
    return None


def resolve_network(store: Store, spec: SourceSpec, batch: ImportBatch,
                    network_ref: str | None, create_kind: str | None = None
                    ) -> tuple[Network, bool]:
    """The network the batch goes into, and whether it must be created.

    Nothing is created unless asked: ``--network`` names an existing network (found as
    ``kith log`` finds one); ``--create-network KIND`` creates the named one (or the
    source's own, e.g. "LinkedIn") when it does not exist. Without ``--network``, the
    source's own network if it exists by name, else the one network of the source's kind;
    several or none is an error listing the candidates.
    """
    if create_kind is not None:
        _check_kind(store, create_kind)
    if network_ref:
        if create_kind is None:
            found = store.find_network(network_ref)
            assert found is not None
            return found, False
        existing = store.find_network(network_ref, missing_ok=True)
        if existing:
            return existing, False
        return Network.create(network_ref.strip(), kind=create_kind), True
    hint = batch.network or NetworkHint(spec.name, spec.network_kind)
    kind = hint.kind or spec.network_kind
    networks = store.networks()
    named = [n for n in networks if fold(n.name) == fold(hint.name) or n.id == hint.name]
    if len(named) == 1:
        return named[0], False
    if create_kind is not None:
        return Network.create(hint.name, kind=create_kind), True
    of_kind = [n for n in networks if n.kind in (kind, spec.network_kind)]
    if len(of_kind) == 1:
        return of_kind[0], False
    if of_kind:
        listed = ", ".join(f"{n.name} ({n.id})" for n in of_kind)
        raise ValidationError(f"which network is this {spec.name} import for? pass --network "
                              f"NAME (your {kind} networks: {listed}), or "
                              f"--create-network {kind} for a new one named {hint.name!r}")
    others = ", ".join(f"{n.name} ({n.kind})" for n in networks) or "none yet"
    raise NotFound(f"no {kind} network to import {spec.name} into (networks: {others}); pass "
                   f"--network NAME of one, or --create-network {kind} to create "
                   f"{hint.name!r}")


def check_network_choice(store: Store, network_ref: str | None,
                         create_kind: str | None) -> None:
    """Before reading a large export, the user's own mistakes: a ``--network`` that does
    not exist (without ``--create-network``), or an unknown ``--create-network`` kind.
    (The network a source's own name picks is known only after reading:
    ``resolve_network`` decides that; a file that is not the format is said first.)"""
    if create_kind is not None:
        _check_kind(store, create_kind)
    elif network_ref:
        store.find_network(network_ref)


def _check_kind(store: Store, kind: str) -> None:
    """``--create-network KIND`` must name a kind kith knows (as ``kith network add``)."""
    kinds = store.plugins.network_kinds() if store.plugins is not None else {}
    if kinds and kind not in kinds:
        raise ValidationError(f"unknown network kind {kind!r} for --create-network "
                              f"(known: {', '.join(kinds)})")


def build_interactions(batch: ImportBatch, spec: SourceSpec, resolver: PeopleResolver,
                       network: Network, bad_record: Callable[[ImportFormatError], None]
                       | None = None) -> list[Interaction]:
    """Turn a batch's interaction records into model objects. One the model refuses (or
    that names a person who could not be added) goes to ``bad_record``: skipped and listed,
    or, with ``--strict`` or no ``bad_record``, the error that stops the import."""
    records = sorted(batch.interactions, key=lambda r: (r.when, r.source_id))
    seen: set[str] = set()
    result = []
    for index, record in enumerate(records, 1):
        key = source_key(spec.name, record.source_id)
        if key in seen:
            continue
        seen.add(key)
        try:
            try:
                people = [resolver.by_ref[ref] for ref in record.people]
            except KeyError as missing:
                raise ImportFormatError(f"refers to unknown or skipped person {missing}",
                                        file=spec.name, record=record.source_id) from None
            people = [p for p in people if p != ME]
            if not people and record.people:
                continue  # only the owner: nothing with anyone else happened
            try:
                result.append(Interaction.create(
                    when=record.when, network=network.id, people=people,
                    direction=record.direction, kind=record.kind,
                    value=record.value or Value(), note=record.note, invited=record.invited,
                    source=key, meta=dict(record.meta)))
            except ValidationError as error:
                raise ImportFormatError(str(error), file=spec.name,
                                        record=f"{index} ({record.source_id})") from None
        except ImportFormatError as error:
            if bad_record is None:
                raise
            bad_record(error)
    return result


def apply_batch(store: Store, spec: SourceSpec, batch: ImportBatch, *, path: Path,
                network_ref: str | None = None, dry_run: bool = False,
                create_network: str | None = None, strict: bool = False,
                estimate: Callable[[list[Interaction]], list[Interaction]] | None = None
                ) -> ImportSummary:
    """Write a batch into the store in one transaction (or only count, with ``dry_run``).

    A person or interaction the model refuses is skipped and listed in the summary, or
    with ``strict`` stops the import before anything is written. ``estimate`` is given
    the interactions about to be upserted, in the transaction, and returns them with the
    missing values of the new ones filled."""

    network, create = resolve_network(store, spec, batch, network_ref, create_network)
    summary = ImportSummary(source=spec.name, path=str(path), network=network.id,
                            dry_run=dry_run, warnings=list(batch.warnings),
                            skipped=list(batch.skipped), network_name=network.name,
                            networks_created=[network.name] if create else [])
    resolver = PeopleResolver(store, spec.name, network.id)
    if batch.owner is not None:
        resolver.resolve(batch.owner, is_owner=True)

    def bad_record(error: ImportFormatError) -> None:
        if strict:
            raise error
        summary.skipped.append(str(error))

    for record in batch.people:
        try:
            resolver.resolve(record)
        except ValidationError as error:
            bad_record(ImportFormatError(str(error), file=str(path), record=record.ref))
    resolver.households_of_batch(batch.people)
    interactions = build_interactions(batch, spec, resolver, network, bad_record)
    summary.people_added, summary.people_matched = resolver.added, resolver.matched
    summary.people_updated = resolver.updated
    summary.people_added_names = resolver.added_names
    summary.people_matched_names = resolver.matched_names
    summary.possible_duplicates = resolver.possible_duplicates
    summary.households = resolver.households
    summary.warnings += resolver.warnings
    links = link_hand_recorded(store, interactions) if not create else None
    fresh = links.fresh if links else interactions
    summary.already_recorded = links.already_recorded if links else 0
    if dry_run:
        added, updated, unchanged = store.classify_interactions(fresh)
        summary.interactions_added, summary.interactions_updated = added, updated
        summary.duplicates_skipped = unchanged
        return summary
    with store.transaction(backup_reason=f"import {spec.name}"):
        if create:
            store.save_network(network)
        for person in resolver.changed.values():
            store.save_person(person)
        for relationship in resolver.relationships:
            store.save_relationship(relationship)
        for linked in links.updated if links else ():
            store.replace_interaction(linked, announce=False)
        result = store.upsert_interactions(estimate(fresh) if estimate else fresh)
    summary.interactions_added = result.added
    summary.interactions_updated = result.updated
    summary.duplicates_skipped = result.unchanged
    return summary


# errors a parser meets on malformed input (as opposed to a bug in the parser)
_BAD_DATA: tuple[type[BaseException], ...] = (OSError, UnicodeError, ValueError, LookupError,
                                              EOFError, RecursionError)


def parse_source(spec: SourceSpec, path: Path, context: ImportContext) -> ImportBatch:
    """Run an importer: its own ``ImportFormatError`` passes through; the errors of bad
    data (bad CSV, bad encoding, deep nesting, broken archives) become one clear
    ``ImportFormatError`` naming the file; anything else is a bug in the importer,
    reported with its plugin's name. Never another exception."""

    try:
        batch = spec.parse(path, context)
    except KithError:
        raise
    except (*_BAD_DATA, csv.Error, zipfile.BadZipFile, tarfile.TarError) as error:  # type: ignore[misc]
        raise ImportFormatError(f"cannot read: {_in_words(error)}", file=str(path)) from None
    except Exception as error:  # a plugin's importer must not crash kith
        raise KithError(f"importer {spec.name!r} (plugin {spec.plugin}) failed on {path} "
                        f"({type(error).__name__}); the database is unchanged") from None
    batch.skipped = [*context.skipped, *batch.skipped]
    batch.warnings = [*context.warnings, *batch.warnings]
    return batch


def _in_words(error: BaseException) -> str:
    """What went wrong reading a file, in plain words: never a library's own message,
    which names its internals rather than the user's file."""

    if isinstance(error, UnicodeError):
        return "not text in a known encoding (UTF-8 or Windows-1252)"
    if isinstance(error, csv.Error):
        return "not a well-formed CSV file"
    if isinstance(error, zipfile.BadZipFile):
        return "not a readable zip archive (damaged or not a zip)"
    if isinstance(error, tarfile.TarError):
        return "not a readable tar archive (damaged or not a .tar.gz)"
    if isinstance(error, RecursionError):
        return "nested too deeply to read"
    if isinstance(error, EOFError):
        return "the file ends too early (cut off?)"
    if isinstance(error, OSError):
        return error.strerror or "the file cannot be read"
    return "the content is not in the expected format"

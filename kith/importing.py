"""Importers: what a source produces, and how a batch becomes records in the store.

An importer is pure: ``SourceSpec.parse(path, context)`` reads files and returns an
``ImportBatch`` of plain records (people referenced by the batch's own keys), or raises
``ImportFormatError`` naming the file and the record. It never touches the database and
never prints. ``apply_batch`` then matches people (by source key, then handle, then, only
where the format has nothing else, by exact name), estimates missing values, and upserts
everything in **one transaction**: all of it or none of it. Re-importing the same export
matches every record again and adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kith.errors import ImportFormatError, KithError, ValidationError
from kith.model import ME, Interaction, Network, Person, Value

if TYPE_CHECKING:
    from kith.store import Store


@dataclass
class PersonRecord:
    """Someone a source mentions. ``ref`` is the batch's own key for them.

    ``source_id`` is the person's stable id in the source (a vCard UID, an X account id),
    if it has one. ``match_by_name`` allows matching an existing person by exact name or
    alias, for formats that give nothing else (Facebook, chat exports).
    """

    ref: str
    name: str
    handles: dict[str, list[str]] = field(default_factory=dict)
    source_id: str | None = None
    connected: date | None = None
    aliases: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    birthday: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    match_by_name: bool = False


@dataclass
class InteractionRecord:
    """Something that happened, as a source saw it.

    ``source_id`` must be unique and stable within the source (for a conversation-day:
    conversation id plus day), so a re-import finds the same record. ``people`` are refs
    of ``PersonRecord``s in the same batch (never the owner). ``value`` ``None`` means
    "estimate it" through the ``estimate_value`` hook.
    """

    source_id: str
    when: datetime
    people: list[str]
    direction: str
    kind: str = "other"
    value: Value | None = None
    note: str = ""
    invited: bool = False
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class NetworkHint:
    """The network a source's data belongs to when the user does not name one."""

    name: str
    kind: str = "other"


@dataclass
class ImportBatch:
    """Everything one run of an importer read."""

    people: list[PersonRecord] = field(default_factory=list)
    interactions: list[InteractionRecord] = field(default_factory=list)
    owner: PersonRecord | None = None
    network: NetworkHint | None = None
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


@dataclass
class ImportContext:
    """What an importer may know besides the path: its options and a progress callback."""

    options: dict[str, Any] = field(default_factory=dict)
    progress: Callable[[int, int | None], None] = lambda advance, total: None
    today: date = field(default_factory=date.today)


Parser = Callable[[Path, ImportContext], ImportBatch]


@dataclass
class SourceSpec:
    """An importer contributed by a plugin through ``register_sources``.

    ``options`` are extra ``click.Option`` objects for ``kith import NAME``; their values
    arrive in ``ImportContext.options`` by parameter name.
    """

    name: str
    help: str
    reads: str
    parse: Parser
    network_kind: str = "other"
    options: list[Any] = field(default_factory=list)
    plugin: str = ""


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
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def source_key(source: str, record_id: str) -> str:
    """The key that makes an imported record findable again: ``"vcard:<uid>"``."""
    return f"{source}:{record_id}"


class PeopleResolver:
    """Matches a batch's people to the store's, creating the ones not yet known.

    Works on an in-memory view so that a dry run sees exactly what a real import would do.
    """

    def __init__(self, store: Store, source: str, network_id: str):
        self.store = store
        self.source = source
        self.network_id = network_id
        self.by_ref: dict[str, str] = {}
        self.changed: dict[str, Person] = {}
        self.pending_handles: dict[tuple[str, str], str] = {}
        self.pending_names: dict[str, list[str]] = {}
        self.added = self.matched = self.updated = 0

    def _find(self, record: PersonRecord) -> Person | None:
        if record.source_id:
            found = self.store.person_by_source(source_key(self.source, record.source_id))
            if found:
                return self.changed.get(found.id, found)
        probe = Person(id="probe", name=record.name or "?", handles=record.handles)
        for kind, value in probe.handle_pairs():
            pending_id = self.pending_handles.get((kind, value))
            if pending_id is not None:
                return self.changed[pending_id]
            found_list = self.store.people_by_handle(kind, value)
            if found_list:
                return self.changed.get(found_list[0].id, found_list[0])
        if record.match_by_name and record.name:
            pending = self.pending_names.get(record.name.casefold(), [])
            if len(pending) == 1:
                return self.changed[pending[0]]
            found_list = self.store.people_by_name(record.name)
            if len(found_list) == 1:
                return self.changed.get(found_list[0].id, found_list[0])
        return None

    def _remember(self, person: Person) -> None:
        """Index a person created or changed by this batch, for the records after it."""
        self.changed[person.id] = person
        for kind, value in person.handle_pairs():
            self.pending_handles.setdefault((kind, value), person.id)
        for name in (person.name, *person.aliases):
            ids = self.pending_names.setdefault(name.casefold(), [])
            if person.id not in ids:
                ids.append(person.id)

    def resolve(self, record: PersonRecord, *, is_owner: bool = False) -> str:
        if record.ref in self.by_ref:
            return self.by_ref[record.ref]
        if is_owner:
            existing = self.changed.get(ME) or self.store.get_person(ME)
        else:
            existing = self._find(record)
        merged = self._merge(existing, record, is_owner=is_owner)
        if existing is None:
            self.added += 1
        elif merged != existing:
            self.updated += 1
            self.matched += 1
        else:
            self.matched += 1
        if existing is None or merged != existing:
            self._remember(merged)
        self.by_ref[record.ref] = merged.id
        return merged.id

    def _merge(self, person: Person | None, record: PersonRecord, *, is_owner: bool) -> Person:
        key = source_key(self.source, record.source_id) if record.source_id else None
        since = record.connected.isoformat() if record.connected else None
        if person is None:
            return Person.create(
                record.name or "(unnamed)", handles=record.handles,
                networks={self.network_id: since}, aliases=tuple(record.aliases),
                tags=tuple(record.tags), notes=record.notes, birthday=record.birthday,
                sources=(key,) if key else (), extra=dict(record.extra),
                created=datetime.now().astimezone().isoformat(timespec="seconds"))
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
                and not is_owner:
            aliases.append(record.name)
        aliases.extend(a for a in record.aliases if a not in aliases and a != person.name)
        extra = {**record.extra, **person.extra}
        return person.with_changes(
            handles=handles, networks=networks, aliases=tuple(aliases),
            tags=tuple(dict.fromkeys([*person.tags, *record.tags])),
            birthday=person.birthday or record.birthday,
            notes=person.notes or record.notes,
            sources=tuple(dict.fromkeys([*person.sources, *([key] if key else [])])),
            extra=extra)


def resolve_network(store: Store, spec: SourceSpec, batch: ImportBatch,
                    network_ref: str | None) -> Network:
    """The network the batch goes into: named by the user, hinted by the source, or new."""
    if network_ref:
        found = store.find_network(network_ref, missing_ok=True)
        if found:
            return found
        return Network.create(network_ref, kind=spec.network_kind)
    hint = batch.network or NetworkHint(spec.name, spec.network_kind)
    found = store.find_network(hint.name, missing_ok=True)
    return found or Network.create(hint.name, kind=hint.kind or spec.network_kind)


def build_interactions(batch: ImportBatch, spec: SourceSpec, resolver: PeopleResolver,
                       network: Network) -> list[Interaction]:
    """Turn a batch's interaction records into model objects; errors name the record."""
    records = sorted(batch.interactions, key=lambda r: (r.when, r.source_id))
    seen: set[str] = set()
    result = []
    for index, record in enumerate(records, 1):
        key = source_key(spec.name, record.source_id)
        if key in seen:
            continue
        seen.add(key)
        try:
            people = [resolver.by_ref[ref] for ref in record.people]
        except KeyError as missing:
            raise ImportFormatError(f"refers to unknown person {missing}",
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
    return result


def apply_batch(store: Store, spec: SourceSpec, batch: ImportBatch, *, path: Path,
                network_ref: str | None = None, dry_run: bool = False) -> ImportSummary:
    """Write a batch into the store in one transaction (or only count, with ``dry_run``)."""
    network = resolve_network(store, spec, batch, network_ref)
    summary = ImportSummary(source=spec.name, path=str(path), network=network.id,
                            dry_run=dry_run, warnings=list(batch.warnings),
                            skipped=list(batch.skipped))
    resolver = PeopleResolver(store, spec.name, network.id)
    if batch.owner is not None:
        resolver.resolve(batch.owner, is_owner=True)
    for record in batch.people:
        try:
            resolver.resolve(record)
        except ValidationError as error:
            raise ImportFormatError(str(error), file=str(path), record=record.ref) from None
    interactions = build_interactions(batch, spec, resolver, network)
    summary.people_added, summary.people_matched = resolver.added, resolver.matched
    summary.people_updated = resolver.updated
    if dry_run:
        added, updated, unchanged = store.classify_interactions(interactions)
        summary.interactions_added, summary.interactions_updated = added, updated
        summary.duplicates_skipped = unchanged
        return summary
    try:
        with store.transaction(backup_reason=f"import {spec.name}"):
            if store.get_network(network.id) is None:
                store.save_network(network)
            for person in resolver.changed.values():
                store.save_person(person)
            result = store.upsert_interactions(interactions)
    except KithError:
        raise
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
    import csv
    import tarfile
    import zipfile

    try:
        return spec.parse(path, context)
    except KithError:
        raise
    except (*_BAD_DATA, csv.Error, zipfile.BadZipFile, tarfile.TarError) as error:
        raise ImportFormatError(f"cannot read: {type(error).__name__}: {error}",
                                file=str(path)) from None
    except Exception as error:  # a plugin's importer must not crash kith
        raise KithError(f"importer {spec.name!r} (plugin {spec.plugin}) failed on {path}: "
                        f"{type(error).__name__}: {error}") from None

"""``kith pull``: refresh each live source, incrementally, one transaction per source.

For each source: the collection's token (CTag, sync token) and every item's version
(ETag; for a folder, mtime and size) are compared with what the last pull recorded
(``store.live.state``); only new and changed items are read. Then, in **one
transaction**: the people an address book holds are matched as imports match them
(``kith.importing.engine.PeopleResolver``: source key ``vcard:UID``, then handles, then
an unambiguous name) and updated; events and mail threads with known people become
*suggestions* (never interactions: ``kith.services.inbox`` records one when the user,
or a rule, accepts it); and the new state is saved. Nothing changed: nothing is written.
A pull killed midway commits nothing, so the next one does the same work again, once;
ids derived from the source (the vCard UID, the event UID and start, the thread and day)
make two synced devices pulling the same source agree on one person and one suggestion.

Contacts changed on both sides since the last pull: a field (name, birthday, note) that
changed only in the address book is taken; one changed on both sides keeps kith's value,
and the summary says which (emails and phones are sets: both sides' are kept). A contact
deleted in the address book is kept in kith and named in the summary: nothing is deleted
without the user's word.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from kith.core import clock
from kith.core.errors import KithError, ValidationError
from kith.core.ids import new_id
from kith.core.model import ME, Person
from kith.core.suggestion import Suggestion, suggestion_id
from kith.core.textfold import fold
from kith.importing.engine import PeopleResolver
from kith.importing.toolkit.records import PersonRecord, source_key
from kith.live.cards import SOURCE as VCARD
from kith.live.cards import CardError, read_card
from kith.live.definitions import SourceDefinition
from kith.live.events import EventError, Occurrence, read_events
from kith.live.reminders import PREFIX as REMINDER_PREFIX
from kith.live.rules import InboxRule
from kith.services.inbox import EDITED, AcceptRequest, accept
from kith.services.scope import one_transaction

if TYPE_CHECKING:
    from kith.live.collections import Collection
    from kith.persistence.store import Store

Progress = Callable[[int, int | None], None]
PERSON_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
"""The time part of a pulled person's derived id: the same on every device."""
MERGED_FIELDS = ("name", "birthday", "notes")


@dataclass
class PullSummary:
    """What one source's pull did."""

    source: str
    kind: str
    where: str
    read: int = 0
    added: int = 0
    matched: int = 0
    changed: int = 0
    suggested: int = 0
    accepted: int = 0
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    wrote: bool = False

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


class LiveResolver(PeopleResolver):
    """The import's matching, with the id of a new person derived from its vCard UID, so
    two devices that pull the same address book create the same person."""

    def _merge(self, person: Person | None, record: PersonRecord, *, is_owner: bool
               ) -> Person:
        merged = super()._merge(person, record, is_owner=is_owner)
        if person is None and record.source_id:
            merged = dataclasses.replace(merged, id=new_id(
                PERSON_EPOCH, seed=source_key(VCARD, record.source_id)))
        return merged


def label(definition: SourceDefinition, name: str) -> str:
    """An item as the summary names it: the source and the item's file name."""
    return f"{definition.name}/{name.rstrip('/').rsplit('/', 1)[-1]}"


def _versions(listing: dict[str, str], items: dict[str, Any]) -> tuple[list[str], list[str]]:
    changed = [name for name, version in listing.items()
               if (items.get(name) or {}).get("v") != version]
    gone = [name for name in items if name not in listing]
    return changed, gone


def _delta(collection: Collection, state: dict[str, Any], items: dict[str, Any]
           ) -> tuple[list[str], list[str], str | None]:
    """The items to read and those gone since the last pull, and the sync token to keep
    (``None`` where the collection has none). A DAV collection is asked what changed
    since the last pull's sync token (RFC 6578: it names only those); a folder, or a
    server without the report, lists every item's version."""
    changes = getattr(collection, "changes", None)
    found = changes(state.get("sync")) if changes is not None else None
    if found is None:
        changed, gone = _versions(collection.listing(), items)
        return changed, gone, None
    if found.complete:
        changed, gone = _versions(found.versions, items)
    else:
        changed = [name for name, version in found.versions.items()
                   if (items.get(name) or {}).get("v") != version]
        gone = [name for name in dict.fromkeys(found.deleted) if name in items]
    return changed, gone, found.token


def _tokens(token: str | None, sync: str | None) -> dict[str, Any]:
    """The collection's versions as the state keeps them (no ``sync`` for a folder)."""
    return {"token": token, **({"sync": sync} if sync is not None else {})}


def _snapshot(record: PersonRecord) -> dict[str, Any]:
    """What the address book said at this pull: the base of the next three-way merge and
    of ``kith push``'s "changed in kith since"."""
    return {"name": record.name, "birthday": record.birthday, "notes": record.notes,
            "email": sorted(record.handles.get("email", [])),
            "phone": sorted(record.handles.get("phone", []))}


def _three_way(person: Person, record: PersonRecord, base: dict[str, Any] | None,
               label: str, conflicts: list[str]) -> Person:
    """Take the address book's change to each merged field unless kith changed it too."""
    changes: dict[str, Any] = {}
    theirs = _snapshot(record)
    for name in MERGED_FIELDS:
        ours = getattr(person, name)
        new = theirs[name]
        old = (base or {}).get(name, ours)
        if new in (old, ours) or (name != "name" and not new):
            continue
        if ours == old:
            changes[name] = new
        else:
            conflicts.append(f"{label}: {name} changed in kith and in the address book; "
                             f"kept kith's")
    if "name" in changes:
        changes["aliases"] = tuple(a for a in person.aliases if a != changes["name"])
    return person.with_changes(**changes) if changes else person


def pull_contacts(store: Store, definition: SourceDefinition, collection: Collection, *,
                  plugins: Any = None, progress: Progress | None = None) -> PullSummary:
    summary = PullSummary(definition.name, definition.kind, definition.where())
    state = store.live.state(definition.name)
    items: dict[str, Any] = dict(state.get("items") or {})
    token = collection.token()
    if token is not None and token == state.get("token"):
        return summary
    changed, gone, sync = _delta(collection, state, items)
    if not changed and not gone:
        if (token is not None and token != state.get("token")) or \
                (sync is not None and sync != state.get("sync")):
            with one_transaction(store, plugins):
                store.live.save_state(definition.name, {**state, **_tokens(token, sync)})
            summary.wrote = True
        return summary
    network = store.find_network(definition.network or "")
    resolver = LiveResolver(store, VCARD, network.id)
    pulled: dict[str, tuple[PersonRecord, dict[str, Any] | None]] = {}
    for name, version, content in collection.fetch(changed):
        summary.read += 1
        if progress is not None:
            progress(1, len(changed))
        if content is None:
            summary.skipped.append(f"{label(definition, name)}: cannot be read (gone or too "
                                   "large)")
            continue
        try:
            record = read_card(content, name)
        except CardError as error:
            summary.skipped.append(f"{label(definition, name)}: unreadable card: {error}")
            items[name] = {"v": version, "bad": True}
            continue
        pulled[name] = (record, (items.get(name) or {}).get("s"))
        items[name] = {"v": version, "uid": record.source_id, "s": _snapshot(record)}
    people: dict[str, Person] = {}
    for name, (record, base) in pulled.items():
        before = store.person_by_source(source_key(VCARD, record.source_id)) \
            if record.source_id else None
        try:
            ident = resolver.resolve(record)
        except ValidationError as error:  # a value the model refuses costs this card only
            summary.skipped.append(f"{label(definition, name)}: {error}")
            items[name] = {"v": items[name]["v"], "bad": True}
            continue
        items[name]["p"] = ident
        person = resolver.changed.get(ident) or store.get_person(ident)
        if person is None:
            continue
        if before is not None:
            person = _three_way(person, record, base, f"{label(definition, name)} "
                                f"({before.name})", summary.conflicts)
            if person != before:
                people[ident] = person
        elif ident in resolver.changed:
            people[ident] = person
    summary.added, summary.matched = resolver.added, resolver.matched
    summary.changed = sum(1 for ident in people
                          if store.get_person(ident) is not None)
    summary.warnings += resolver.warnings
    for name in gone:
        gone_id = (items.pop(name) or {}).get("p")
        person = store.get_person(gone_id) if gone_id else None
        if person is not None:
            summary.removed.append(f"{person.name} ({person.id})")
    with one_transaction(store, plugins):
        for person in people.values():
            store.save_person(person)
        store.live.save_state(definition.name, {**state, **_tokens(token, sync),
                                                "items": items, "kind": definition.kind})
    summary.wrote = True
    return summary


# who a calendar event or a mail names ----------------------------------------------------

class PeopleIndex:
    """Known people by email and by full name, built once per pull from raw documents."""

    def __init__(self, store: Store):
        self.by_email: dict[str, str] = {}
        self.by_name: dict[str, list[str]] = {}
        for ident, doc in store.people_docs().items():
            if ident == ME:
                continue
            for email in (doc.get("handles") or {}).get("email", []):
                self.by_email.setdefault(str(email).lower(), ident)
            name = fold(doc.get("name") or "")
            if len(name.split()) >= 2:  # a first name alone names too many people
                self.by_name.setdefault(name, []).append(ident)
        self.longest = max((len(n.split()) for n in self.by_name), default=0)

    def named_in(self, title: str) -> list[str]:
        """People whose full name (two words or more) stands in ``title`` as whole words,
        when that name is one person's only: conservative on purpose."""
        words = fold(title).replace(",", " ").replace("&", " ").split()
        found: list[str] = []
        for size in range(min(self.longest, len(words)), 1, -1):
            for start in range(len(words) - size + 1):
                ids = self.by_name.get(" ".join(words[start:start + size]))
                if ids and len(ids) == 1 and ids[0] not in found:
                    found.append(ids[0])
        return found


def _matching_rule(rules: Iterable[InboxRule], suggestion: Suggestion) -> InboxRule | None:
    return next((rule for rule in rules
                 if rule.matches(calendar=suggestion.calendar, source=suggestion.source,
                                 title=suggestion.title)), None)


def offer(store: Store, suggestion: Suggestion, rules: list[InboxRule],
          summary: PullSummary, *, plugins: Any = None) -> None:
    """Save a new suggestion (or refresh a waiting one whose facts changed); a rule that
    matches accepts it. One already accepted or dismissed is never touched again."""
    known = store.live.suggestion_docs().get(suggestion.id)
    if known is not None:
        if known.get("state") != "waiting":
            return
        current = Suggestion.from_dict(known)
        edited = current.meta.get(EDITED) or []  # the user's edits outlive the source's
        refreshed = suggestion.with_changes(
            network=current.network or suggestion.network,
            **{name: getattr(current, name) for name in edited if hasattr(current, name)},
            meta={**suggestion.meta, **({EDITED: edited} if edited else {})})
        if refreshed.to_dict() != current.to_dict():
            store.live.save_suggestion(refreshed)
            summary.changed += 1
        return
    rule = _matching_rule(rules, suggestion)
    if rule is None and not suggestion.people:
        return  # about no one kith knows, and no rule says what it is
    store.live.save_suggestion(suggestion)
    summary.suggested += 1
    if rule is not None:
        request = AcceptRequest(direction=rule.direction, network=rule.network,
                                kind=rule.kind, minutes=rule.minutes, fun=rule.fun or 0)
        accept(store, suggestion.id, request, plugins=plugins, rule=rule.name)
        summary.accepted += 1


def event_suggestion(definition: SourceDefinition, occurrence: Occurrence,
                     index: PeopleIndex) -> Suggestion:
    people: list[str] = []
    unknown: list[str] = []
    for address, _name in occurrence.attendees:
        ident = index.by_email.get(address)
        if ident is None:
            unknown.append(address)
        elif ident not in people:
            people.append(ident)
    for ident in index.named_in(occurrence.summary):
        if ident not in people:
            people.append(ident)
    return Suggestion(
        id=suggestion_id(occurrence.key, occurrence.start), origin="event",
        key=occurrence.key, source=definition.name, when=occurrence.start,
        title=occurrence.summary or "(untitled event)", people=tuple(people),
        unknown=tuple(unknown[:20]), network=definition.network, direction="shared",
        kind="event", minutes=occurrence.minutes, calendar=definition.calendar_name,
        meta={"location": occurrence.location} if occurrence.location else {})


def pull_calendar(store: Store, definition: SourceDefinition, collection: Collection, *,
                  rules: list[InboxRule], plugins: Any = None,
                  progress: Progress | None = None, now: datetime | None = None
                  ) -> PullSummary:
    summary = PullSummary(definition.name, definition.kind, definition.where())
    moment = now or clock.now()
    state = store.live.state(definition.name)
    items: dict[str, Any] = dict(state.get("items") or {})
    since = datetime.fromisoformat(state["since"]) if state.get("since") else \
        moment - timedelta(days=definition.since_days)
    token = collection.token()
    due = [name for name, item in items.items()
           if item.get("next") and datetime.fromisoformat(item["next"]) <= moment]
    if token is not None and token == state.get("token") and not due:
        return summary
    changed: list[str] = []
    gone: list[str] = []
    if token is not None and token == state.get("token"):
        sync = state.get("sync")  # nothing changed: only the due ones to read again
    else:
        changed, gone, sync = _delta(collection, state, items)
    wanted = list(dict.fromkeys([*changed, *(n for n in due if n not in gone)]))
    if not wanted and not gone and token == state.get("token") and \
            sync == state.get("sync"):
        return summary
    index = PeopleIndex(store)
    zone = clock.local_tz()
    me = frozenset(definition.me)
    # read and parsed before the transaction: the lock is never held while a server is
    # waited for, and each batch is parsed while the server reads the next
    fetched: list[tuple[str, str, Any]] = []
    for name, version, content in collection.fetch(wanted):
        if content is None:
            fetched.append((name, version, None))
        else:
            try:
                fetched.append((name, version, read_events(content, since, moment, zone, me)))
            except EventError as error:
                fetched.append((name, version, error))
        if progress is not None:
            progress(1, len(wanted))
    with one_transaction(store, plugins):
        for name, version, found in fetched:
            summary.read += 1
            if found is None:
                summary.skipped.append(f"{label(definition, name)}: cannot be read (gone or "
                                       "too large)")
                continue
            if isinstance(found, EventError):
                summary.skipped.append(f"{label(definition, name)}: unreadable event: "
                                       f"{found}")
                items[name] = {"v": version, "bad": True}
                continue
            for occurrence in found.occurrences:
                if occurrence.uid.startswith(REMINDER_PREFIX):
                    continue  # kith's own reminders, published into this calendar
                offer(store, event_suggestion(definition, occurrence, index), rules, summary,
                      plugins=plugins)
            items[name] = {"v": version,
                           "next": found.next.isoformat() if found.next else None}
        for name in gone:
            items.pop(name, None)
        store.live.save_state(definition.name, {
            **state, **_tokens(token, sync), "items": items, "kind": definition.kind,
            "since": since.isoformat()})
    summary.wrote = True
    return summary


def open_collection(definition: SourceDefinition) -> Collection:
    """The reader of a contacts or calendar source (a remote one asks for its password
    first, and opens the connection)."""
    from pathlib import Path

    if definition.kind in ("vdir-contacts", "vdir-calendar"):
        from kith.live.collections import VdirCollection

        suffix = ".vcf" if definition.holds == "contacts" else ".ics"
        return VdirCollection(Path(definition.path or ""), suffix)
    if definition.kind in ("carddav", "caldav"):
        from kith.live.dav import DavCollection
        from kith.live.definitions import password

        return DavCollection(definition.url or "", username=definition.username,
                             password=password(definition),
                             contacts=definition.holds == "contacts")
    raise KithError(f"source {definition.name}: {definition.kind} holds no contacts or "
                    "calendar")


def pull_source(store: Store, definition: SourceDefinition, *, rules: list[InboxRule],
                plugins: Any = None, progress: Progress | None = None,
                now: datetime | None = None) -> PullSummary:
    """Pull one source (see the module docstring)."""
    if definition.holds != "contacts" and definition.network:
        # suggestions name the network by id (a network renamed later stays the same)
        found = store.find_network(definition.network, missing_ok=True)
        definition = dataclasses.replace(definition, network=found.id if found else None)
    if definition.holds == "mail":
        from kith.services.pull_mail import pull_mail

        return pull_mail(store, definition, rules=rules, plugins=plugins, progress=progress,
                         now=now)
    collection = open_collection(definition)
    collection.ask_token()  # a server works out its token while the database is read
    if definition.holds == "contacts":
        return pull_contacts(store, definition, collection, plugins=plugins,
                             progress=progress)
    return pull_calendar(store, definition, collection, rules=rules, plugins=plugins,
                         progress=progress, now=now)

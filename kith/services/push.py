"""``kith push`` (and ``kith pull --two-way``): changes made in kith, written back to the
address book.

For each contact a pull brought (the source's state names its item and its person),
kith compares the person as it is now with what the address book said at the last pull
(name, birthday, note, emails, phones). A person changed in kith is written back into
the card the server holds now, changing only those properties (``kith.live.cards``), with
``If-Match`` on the version seen at the last pull: a card changed in the address book
since is not overwritten but reported ("pull first", where the three-way merge of
``kith pull`` keeps both sides where it can). Nothing is ever deleted, on either side;
people kith knows that the address book does not are not added to it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kith.core.errors import KithError
from kith.live.cards import card_uid, write_card
from kith.live.definitions import SourceDefinition
from kith.services.pull import open_collection
from kith.services.scope import one_transaction

if TYPE_CHECKING:
    from kith.core.model import Person
    from kith.persistence.store import Store


@dataclass
class PushSummary:
    source: str
    written: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _now(person: Person) -> dict[str, Any]:
    return {"name": person.name, "birthday": person.birthday, "notes": person.notes,
            "email": sorted(person.handles.get("email", [])),
            "phone": sorted(person.handles.get("phone", []))}


def push_contacts(store: Store, definition: SourceDefinition, *, plugins: Any = None
                  ) -> PushSummary:
    if definition.holds != "contacts":
        raise KithError(f"source {definition.name}: only address books are pushed "
                        f"(it is {definition.kind})")
    summary = PushSummary(definition.name)
    state = store.live.state(definition.name)
    items: dict[str, Any] = dict(state.get("items") or {})
    changed: dict[str, Person] = {}
    for name, item in items.items():
        person = store.get_person(item.get("p") or "") if item.get("p") else None
        if person is None or item.get("bad") or "s" not in item:
            continue
        base = {"email": [], "phone": [], **item["s"]}
        if _now(person) != base:
            changed[name] = person
    if not changed:
        return summary
    collection = open_collection(definition)
    current = {name: (version, content) for name, version, content
               in collection.fetch(list(changed))}
    for name, person in changed.items():
        version, content = current.get(name, ("", None))
        if content is None:
            summary.refused.append(f"{person.name}: the card is gone from the address "
                                   "book (kept in kith; nothing deleted)")
            continue
        if version != items[name].get("v"):
            summary.refused.append(f"{person.name}: changed in the address book since the "
                                   "last pull; run `kith pull` first")
            continue
        uid = card_uid(content) or items[name].get("uid") or person.id
        try:
            written = write_card(person, content, uid)
            new_version = collection.put(name, written, version or None)
        except KithError as error:
            summary.refused.append(f"{person.name}: {error}")
            continue
        except Exception as error:  # vobject refusing a value kith holds
            summary.refused.append(f"{person.name}: cannot be written as a vCard "
                                   f"({type(error).__name__})")
            continue
        if not new_version:  # a server that sends no ETag back: ask for it
            new_version = collection.listing().get(name, "")
        items[name] = {**items[name], "v": new_version, "s": _now(person)}
        summary.written.append(person.name)
    token = state.get("token")
    if summary.written:
        # our own writes changed the collection's token: take the new one only when the
        # listing taken after it shows nothing but what kith knows (else the next pull
        # compares every item again)
        token = collection.token()
        listing = collection.listing()
        if listing != {n: item.get("v") for n, item in items.items()}:
            token = None
    with one_transaction(store, plugins):
        store.live.save_state(definition.name, {**state, "items": items, "token": token})
    return summary

"""A real store on disk for the use cases, with kith's own plugins and a listener that
records every ``interaction_recorded`` together with what a fresh reader sees then."""

# The people use cases' harness (face_*) follows the log harness below.

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kith import hookimpl
from kith.core.model import Interaction, Network, Person
from kith.persistence.store import Store
from kith.plugins.manager import Plugins
from kith.services.networks import NetworkDetails, add_network
from kith.services.people import PersonDetails, add_person
from kith.services.recording import FieldError
from tests.conftest import snapshot_db

WHEN = datetime(2026, 5, 4, 10, tzinfo=UTC)


@dataclass
class Heard:
    """Each announced interaction's id, and how many interactions a *new* store on the same
    folder saw at that moment (the write must be committed before the hook runs)."""

    home: Path
    events: list[tuple[str, int]] = field(default_factory=list)

    @hookimpl
    def interaction_recorded(self, interaction: Interaction) -> None:
        self.events.append((interaction.id, len(list(Store(self.home).interactions()))))


@dataclass
class World:
    store: Store
    heard: Heard
    ann: Person
    bob: Person


@pytest.fixture
def world(tmp_path: Path) -> World:
    """Church (a church network) with Ann and Bob, kith's own plugins and a listener."""
    home = tmp_path / "db"
    heard = Heard(home)
    plugins = Plugins().load(entry_points_enabled=False)
    plugins.register_module(heard, "listens")
    store = Store(home, plugins=plugins)
    store.add_network(Network.create("Church", kind="church"))
    ann = store.add_person(Person.create("Ann Lee", networks={"church": None}))
    bob = store.add_person(Person.create("Bob Ray", networks={"church": None}))
    return World(store, heard, ann, bob)


def interaction(person: Person, **fields: Any) -> Interaction:
    data: dict[str, Any] = {"when": WHEN, "network": "church", "people": [person.id],
                            "direction": "gave", "kind": "help"}
    data.update(fields)
    return Interaction.create(**data)


# ---- the people use cases' harness ------------------------------------------
# Fixtures for the use-case tests: a real store on disk with a small network of people,
# and ``refused`` to prove a refusal names its field and changes nothing on disk.

KINDS = ("social", "church", "association", "friends", "other")


@pytest.fixture
def crew(store: Store) -> Store:
    """A climbing crew and a choir; Ann and Tom climb, Bea sings (written through the use
    cases, so the database is what a user would have)."""
    add_network(store, NetworkDetails("Climbing crew", kind="friends"), kinds=KINDS)
    add_network(store, NetworkDetails("Choir", kind="association"), kinds=KINDS)
    add_person(store, PersonDetails("Ann Lee", networks=("Climbing crew",)))
    add_person(store, PersonDetails("Tom Lee", networks=("climbing-crew",)))
    add_person(store, PersonDetails("Bea Ruiz", networks=("Choir",)))
    return store


@pytest.fixture
def refused(kith_home: Path) -> Callable[..., contextlib.AbstractContextManager[None]]:
    """``with refused("field", "words"):`` the block raises a refusal naming ``field`` (a
    ``FieldError``; ``None``: any ``KithError``) that says ``words``, and the database on
    disk is byte for byte as before."""
    from kith.core.errors import KithError

    @contextlib.contextmanager
    def check(field: str | None, words: str) -> Iterator[None]:
        before = snapshot_db(kith_home)
        with pytest.raises(KithError) as caught:
            yield
        error = caught.value
        if field is not None:
            assert isinstance(error, FieldError) and error.field == field, \
                (getattr(error, "field", None), str(error))
        assert words.lower() in str(error).lower(), str(error)
        assert snapshot_db(kith_home) == before, "a refusal changed the database"

    return check

"""A real store on disk for the use cases, with kith's own plugins and a listener that
records every ``interaction_recorded`` together with what a fresh reader sees then."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kith import hookimpl
from kith.core.model import Interaction, Network, Person
from kith.persistence.store import Store
from kith.plugins.manager import Plugins

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

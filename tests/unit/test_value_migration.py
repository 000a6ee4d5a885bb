"""Schemas 4 and 5 (issue 25): the month totals gain the value model's rows, and shared
money stops being a payment in the conversation index, by migrations that back up the old
database and rebuild the derived data from the interactions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson

from kith.domain import ledger
from kith.persistence.store import Store, migrations
from kith.plugins.manager import load_plugins
from kith.services.demo import build
from tests.conftest import snapshot_db


def _downgrade_to_3(home: Path) -> None:
    """What kith wrote at schema 3: no ``est-*``, ``rated`` or ``forward`` rows, and help
    days for volunteering and introductions in the conversation index."""
    main = home / "kith.json"
    data = orjson.loads(main.read_bytes())
    data["_meta"]["schema"]["version"] = 3
    main.write_bytes(orjson.dumps(data))
    totals = home / "derived" / "networks.json"
    rows = orjson.loads(totals.read_bytes())
    for doc in rows["networks"].values():
        for month in doc["months"].values():
            for key in [k for k in month if k.startswith("est-") or k in (
                    "rated", "forward", "forward-led")]:
                del month[key]
    totals.write_bytes(orjson.dumps(rows))


def test_schema_3_migrates_with_a_backup_and_the_new_rows(tmp_path: Path) -> None:
    home = tmp_path / "db"
    today = date(2026, 6, 15)
    build(Store(home, plugins=load_plugins()), today=today)
    expected = [a.to_dict() for a in ledger.assess(Store(home, plugins=load_plugins()),
                                                   today=today)]
    _downgrade_to_3(home)
    old_files = snapshot_db(home)
    store = Store(home, plugins=load_plugins())
    assert store.schema_version == migrations.SCHEMA_VERSION
    [backup] = [p for p in (home / "backups").iterdir() if p.name.endswith("migrate-from-3")]
    assert {str(p.relative_to(backup)): p.read_bytes()
            for p in backup.rglob("*.json")} == old_files  # the backup is the old database
    networks, people = store.recompute_derived()
    assert store.network_months() == networks and store.person_stats() == people
    assert any("rated" in month for month in networks["climbing-crew"].values())
    assert [a.to_dict() for a in ledger.assess(store, today=today)] == expected


def test_schema_4_migrates_shared_money_out_of_the_payments(tmp_path: Path) -> None:
    """At schema 4 a positive amount on a shared interaction was listed as a payment from
    the people present; from 5 it is the user's share of the cost."""
    from datetime import UTC, datetime

    from kith.core.model import Interaction, Network, Person, Value

    home = tmp_path / "db"
    store = Store(home, plugins=load_plugins())
    store.save_network(Network.create("Lunch"))
    kat = store.save_person(Person.create("Kat"))
    store.record(Interaction.create(when=datetime(2026, 5, 5, 12, tzinfo=UTC), network="lunch",
                                    people=[kat.id], direction="shared", kind="meeting",
                                    value=Value(money=3000, fun=2)))
    assert "m" not in store.conversation_index("lunch")["people"].get(kat.id, {})
    main = home / "kith.json"
    data = orjson.loads(main.read_bytes())
    data["_meta"]["schema"]["version"] = 4
    main.write_bytes(orjson.dumps(data))
    [index_file] = [p for p in (home / "derived" / "conversations").glob("lunch.json")]
    index = orjson.loads(index_file.read_bytes())
    index.setdefault("people", {}).setdefault(kat.id, {})["m"] = [[740000, 3000, -1, -1]]
    index_file.write_bytes(orjson.dumps(index))
    store = Store(home, plugins=load_plugins())
    assert store.schema_version == migrations.SCHEMA_VERSION
    assert any(p.name.endswith("migrate-from-4") for p in (home / "backups").iterdir())
    assert "m" not in store.conversation_index("lunch")["people"].get(kat.id, {})

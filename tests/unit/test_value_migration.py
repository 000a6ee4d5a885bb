"""Schema 4 (issue 25): the month totals gain the value model's rows, by a migration that
backs up the old database and rebuilds the derived data from the interactions."""

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
    assert store.schema_version == migrations.SCHEMA_VERSION == 4
    [backup] = [p for p in (home / "backups").iterdir() if p.name.endswith("migrate-from-3")]
    assert {str(p.relative_to(backup)): p.read_bytes()
            for p in backup.rglob("*.json")} == old_files  # the backup is the old database
    networks, people = store.recompute_derived()
    assert store.network_months() == networks and store.person_stats() == people
    assert any("rated" in month for month in networks["climbing-crew"].values())
    assert [a.to_dict() for a in ledger.assess(store, today=today)] == expected

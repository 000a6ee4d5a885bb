"""Data files are written one record per line, so git's history grows with the change.

A change to one interaction of a month of 1,000 is a one-line ``git diff``; a file written
the old way (the whole file on one line) still reads, and is rewritten the new way by the
next change; the same record is the same line whichever way its keys came.
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from kith.core.model import Interaction, Network, Person, Value
from kith.persistence.store import Store
from kith.persistence.tables import dump_file


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KITH_CONFIG", str(tmp_path / "config.toml"))
    return tmp_path / "kith"


def _git(home: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=home,
        check=True, capture_output=True, text=True).stdout


def _month_of_1000(home: Path) -> tuple[Store, list[Interaction]]:
    store = Store(home)
    store.add_network(Network.create("Club", kind="association"))
    ann = store.add_person(Person.create("Ann")).id
    start = datetime(2025, 3, 1, 8, tzinfo=UTC)
    made = [Interaction.create(when=start + timedelta(minutes=40 * n), network="club",
                               people=(ann,), direction="gave", kind="help",
                               value=Value(minutes=n % 60 + 1), source=f"test:{n}")
            for n in range(1000)]
    store.upsert_interactions(made)
    return store, made


def test_changing_one_interaction_of_1000_is_a_one_line_diff(home: Path) -> None:
    store, made = _month_of_1000(home)
    month = home / "interactions" / "2025-03.json"
    assert len(month.read_bytes().splitlines()) >= 1000
    _git(home, "init", "-q")
    _git(home, "add", "kith.json", "interactions")
    _git(home, "commit", "-q", "-m", "before")
    chosen = store.get_interaction(made[500].id)
    store.replace_interaction(chosen.with_changes(note="talked about the choir"))
    numstat = _git(home, "diff", "--numstat", "--", "interactions/2025-03.json").split()
    assert numstat[:2] == ["1", "1"], numstat
    diff = _git(home, "diff", "-U0", "--", "interactions/2025-03.json")
    changed = [line for line in diff.splitlines()
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len(changed) == 2 and all(made[500].id in line for line in changed)


def test_a_file_in_the_old_layout_reads_and_is_rewritten_line_by_line(home: Path) -> None:
    _, made = _month_of_1000(home)
    month = home / "interactions" / "2025-03.json"
    data = orjson.loads(month.read_bytes())
    month.write_bytes(orjson.dumps(data))  # as kith wrote it before: one line
    again = Store(home)
    assert {i.id for i in again.interactions()} == {i.id for i in made}
    chosen = again.get_interaction(made[3].id)
    again.replace_interaction(chosen.with_changes(note="new"))
    assert len(month.read_bytes().splitlines()) >= 1000
    assert orjson.loads(month.read_bytes())["interactions"][made[3].id]["note"] == "new"


def test_the_same_record_is_the_same_line_whatever_its_key_order() -> None:
    one = {"interactions": {"x": {"b": 1, "a": [2, {"d": 3, "c": 4}]}}, "tombstones": {}}
    other = {"interactions": {"x": {"a": [2, {"c": 4, "d": 3}], "b": 1}}, "tombstones": {}}
    name = "interactions/2025-03.json"
    assert dump_file(name, one) == dump_file(name, other)
    assert orjson.loads(dump_file(name, one)) == one
    assert orjson.loads(dump_file("kith.json", {"_meta": {}, "people": {}})) == {
        "_meta": {}, "people": {}}

"""Issue 31, points 3 and 9: `kith import kith-json` checks every table with the checks
that guard loading (a bad record is refused by name, nothing is written), a minimal
person `{id, name}` gets its defaults so `person list` and `remind` work; and a Mastodon
archive whose `url` is an object or a number is read, the field skipped and named."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from kith.reliability import doctor
from tests.conftest import FIXTURES, creating_network
from tests.figures import count

FUTURE = "2999-01-01T00:00:00.000000Z"


def export_of(ok: Callable[..., Any]) -> dict[str, Any]:
    ok("init")
    ok("network", "add", "Church", "--kind", "church")
    ok("person", "add", "Ann Lee", "--network", "church")
    ok("log", "church", "--with", "Ann Lee", "--gave", "--minutes", "30", "--on",
       "2024-03-01")
    ok("note", "add", "Ann Lee", "likes choral music", "--on", "2024-03-01")
    return orjson.loads(ok("export", "json", "-").stdout)  # type: ignore[no-any-return]


def _ann(data: dict[str, Any]) -> str:
    return next(i for i in data["tables"]["people"] if i != "me")


def _set(data: dict[str, Any], path: list[Any], value: Any) -> None:
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


HOSTILE: dict[str, Callable[[dict[str, Any]], None]] = {
    "tables._meta": lambda d: d["tables"].update(_meta={"schema": {"version": "x"}}),
    "merge into a ghost": lambda d: d["tables"].update(merges={_ann(d): {"into": "ghost"}}),
    "merge of me": lambda d: d["tables"].update(merges={"me": {"into": _ann(d)}}),
    "merge without into": lambda d: d["tables"].update(merges={_ann(d): {"into": 3}}),
    "tombstone of me": lambda d: d["tables"].update(
        tombstones={"people/me": {"deleted": "2025-01-01T00:00:00.000000Z"}}),
    "tombstone not a stamp": lambda d: d["tables"].update(
        tombstones={"notes/x": {"deleted": 5}}),
    "tombstone in the future": lambda d: d["tables"].update(
        tombstones={"notes/x": {"deleted": FUTURE}}),
    "note's on": lambda d: next(iter(d["tables"]["notes"].values())).update(on="someday"),
    "person's tags": lambda d: d["tables"]["people"][_ann(d)].update(tags="choir"),
    "person's stamp": lambda d: d["tables"]["people"][_ann(d)].update(modified=5),
    "stamped in the future": lambda d: d["tables"]["people"][_ann(d)].update(
        modified=FUTURE),
    "record not an object": lambda d: d["tables"]["people"].update(x=[1]),
    "id with escapes": lambda d: d["tables"]["people"].update(
        {"\x1b[2J": {"id": "\x1b[2J", "name": "x"}}),
    "plugins a list": lambda d: d.update(plugins=[1]),
    "plugin name a path": lambda d: d.update(plugins={"../../evil": {"t": {}}}),
    "plugin table of numbers": lambda d: d.update(plugins={"p": {"t": {"a": 1}}}),
    "interaction's value": lambda d: next(iter(d["interactions"].values())).update(
        value={"money": "lots"}),
    "interaction's people": lambda d: next(iter(d["interactions"].values())).update(
        people="Ann"),
    "currency not ascii": lambda d: d.update(currency="ÄÖÜ"),
    "integer beyond 64 bits": lambda d: d["tables"]["people"][_ann(d)].update(
        cadence_days=2**80),
    "deep nesting": lambda d: d["tables"]["people"][_ann(d)].update(
        extra={"x": json.loads("[" * 900 + "]" * 900)}),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_export_is_refused_in_one_line(ok: Callable[..., Any],
                                                 fails: Callable[..., Any],
                                                 tmp_path: Path, kith_home: Path,
                                                 case: str) -> None:
    data = export_of(ok)
    HOSTILE[case](data)
    path = tmp_path / "hostile.json"
    path.write_bytes(json.dumps(data).encode())
    fresh = tmp_path / "fresh"
    ok("--db", str(fresh), "init")
    result = fails("--db", str(fresh), "import", "kith-json", str(path))
    assert "\x1b" not in result.stderr
    assert doctor.check(fresh) == []
    count("kith-json import: hostile files refused", 1)


def test_a_minimal_person_gets_its_defaults(ok: Callable[..., Any], tmp_path: Path) -> None:
    path = tmp_path / "minimal.json"
    path.write_bytes(orjson.dumps({
        "format": "kith-export", "version": 1, "interactions": {},
        "tables": {"people": {"p1": {"id": "p1", "name": "Mina Small"}}}}))
    fresh = tmp_path / "fresh"
    ok("--db", str(fresh), "init")
    ok("--db", str(fresh), "import", "kith-json", str(path))
    assert "Mina Small" in ok("--db", str(fresh), "person", "list").stdout
    ok("--db", str(fresh), "remind")
    person = orjson.loads((fresh / "kith.json").read_bytes())["people"]["p1"]
    assert person["tags"] == [] and person["handles"] == {} and person["aliases"] == []
    assert doctor.check(fresh) == []


def test_a_good_export_still_round_trips(ok: Callable[..., Any], tmp_path: Path) -> None:
    data = export_of(ok)
    path = tmp_path / "good.json"
    path.write_bytes(orjson.dumps(data))
    fresh = tmp_path / "fresh"
    ok("--db", str(fresh), "init")
    ok("--db", str(fresh), "import", "kith-json", str(path))
    again = orjson.loads(ok("--db", str(fresh), "export", "json", "-").stdout)
    assert again["tables"]["people"] == data["tables"]["people"]
    assert again["interactions"] == data["interactions"]


# Mastodon --------------------------------------------------------------------------------
@pytest.mark.parametrize("url", [{"href": "https://x.example"}, 42, [1]])
def test_a_mastodon_archive_whose_url_is_not_text(ok: Callable[..., Any], tmp_path: Path,
                                                  url: Any) -> None:
    archive = tmp_path / "mastodon"
    shutil.copytree(FIXTURES / "mastodon", archive)
    actor = orjson.loads((archive / "actor.json").read_bytes())
    actor["url"] = url
    (archive / "actor.json").write_bytes(orjson.dumps(actor))
    outbox = orjson.loads((archive / "outbox.json").read_bytes())
    tags = [tag for item in outbox["orderedItems"] if isinstance(item.get("object"), dict)
            for tag in item["object"].get("tag") or []]
    tags[0]["href"] = url
    outbox["orderedItems"][0]["to"] = 7
    (archive / "outbox.json").write_bytes(orjson.dumps(outbox))
    ok("init")
    result = ok("import", *creating_network("mastodon-archive", str(archive), "--json"))
    summary = orjson.loads(result.stdout)
    assert any("'url' is not text" in line for line in summary["skipped"]), summary
    assert any("'href' is not text" in line for line in summary["skipped"]), summary
    assert summary["people_updated"] == 1  # the owner, read without the bad url

"""A fuzz of git's merge driver (``python -m kith.sync.driver BASE OURS THEIRS PATH``), in
process: whatever the three files hold, the driver answers 0 (merged) or 1 (a conflict,
ours untouched), never a traceback; and when ours is a sound kith file, a merged result
still loads and keeps every record of ours."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kith.persistence import validation
from kith.sync import driver
from tests.figures import count

STAMP = "2026-01-01T00:00:00.000000Z"
SOUND = {
    "_meta": {"schema": {"version": 3, "currency": "EUR", "created": "2026-01-01"}},
    "people": {"me": {"id": "me", "name": "Me", "modified": STAMP, "device": "a"},
               "p1": {"id": "p1", "name": "Ann", "tags": ["choir"], "handles": {},
                      "modified": STAMP, "device": "a"}},
    "networks": {"church": {"id": "church", "name": "Church", "kind": "church",
                            "modified": STAMP, "device": "a"}},
    "notes": {"n1": {"id": "n1", "person": "p1", "text": "hi", "on": "2024-01-01",
                     "modified": STAMP, "device": "a"}},
    "tombstones": {},
}
scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**63, 2**63 - 1),
                    st.floats(allow_nan=False), st.text(max_size=20))
json_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=20)
tables = st.sampled_from(["people", "networks", "notes", "merges", "tombstones", "_meta",
                          "interactions", "followups", "relationships", "zzz"])
ids = st.one_of(st.sampled_from(["me", "p1", "church", "n1", "x"]), st.text(max_size=6))
records = st.one_of(json_values, st.fixed_dictionaries(
    {"id": ids, "name": json_values}, optional={"modified": st.sampled_from(
        [STAMP, "2999-01-01T00:00:00.000000Z", "x"]), "into": json_values,
        "deleted": json_values, "tags": json_values, "person": ids}))
kith_shaped = st.dictionaries(tables, st.one_of(
    st.dictionaries(ids, records, max_size=5), json_values), max_size=5)
file_bytes = st.one_of(
    kith_shaped.map(orjson.dumps), json_values.map(orjson.dumps), st.binary(max_size=60),
    st.sampled_from([b"", b"{", b"[" * 3000 + b"]" * 3000, b'{"people": {"a": "str"}}',
                     b'{"people": {"a": {"id": "a", "name": ' + b"[" * 900 + b"]" * 900
                     + b"}}}"]))
STATS = {"cases": 0, "merged": 0, "conflicts": 0}


def _run(tmp: Path, base: bytes, ours: bytes, theirs: bytes, name: str) -> int:
    paths = [tmp / "base", tmp / "ours", tmp / "theirs"]
    for path, content in zip(paths, (base, ours, theirs), strict=True):
        path.write_bytes(content)
    code = driver.main(["driver", *map(str, paths), name])
    STATS["cases"] += 1
    STATS["merged" if code == 0 else "conflicts"] += 1
    assert code in (0, 1)
    return code


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(base=file_bytes, ours=file_bytes, theirs=file_bytes,
       name=st.sampled_from(["kith.json", "interactions/2024-03.json"]))
def test_any_three_files_merge_or_conflict_never_crash(tmp_path: Path, base: bytes,
                                                       ours: bytes, theirs: bytes,
                                                       name: str) -> None:
    before = ours
    if _run(tmp_path, base, ours, theirs, name) == 1:
        assert (tmp_path / "ours").read_bytes() == before  # a conflict leaves ours as it was


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(theirs=kith_shaped)
def test_a_sound_file_of_ours_stays_sound_and_whole(tmp_path: Path,
                                                    theirs: dict[str, Any]) -> None:
    ours = orjson.dumps(SOUND)
    if _run(tmp_path, ours, ours, orjson.dumps(theirs), "kith.json") == 0:
        merged = orjson.loads((tmp_path / "ours").read_bytes())
        assert list(validation.problems("kith.json", merged)) == []
        for table in ("people", "networks", "notes"):
            assert set(SOUND[table]) <= set(merged[table]), table
        assert merged["_meta"]["schema"]["currency"] == "EUR"


def test_the_issue_case_and_huge_files(tmp_path: Path) -> None:
    ours = orjson.dumps(SOUND)
    assert _run(tmp_path, ours, ours, b'{"people": {"a": "str"}}', "kith.json") == 0
    assert "a" not in orjson.loads((tmp_path / "ours").read_bytes())["people"]
    huge = {"people": {f"j{n}": {"id": f"j{n}", "name": "J" * 50, "tags": [n]}
                       for n in range(20_000)}}
    started = time.perf_counter()
    assert _run(tmp_path, ours, ours, orjson.dumps(huge), "kith.json") == 0
    assert time.perf_counter() - started < 20
    count("merge driver fuzz: cases", STATS["cases"])
    count("merge driver fuzz: merged", STATS["merged"])
    count("merge driver fuzz: conflicts (ours untouched)", STATS["conflicts"])
    count("merge driver fuzz: tracebacks", 0)

"""A hostile-peer campaign: generated hostile databases, exports and remotes merged into a
real database, counting tracebacks, merges that leave a database that does not load, and
records of ours a peer deleted (each always 0).

A hostile peer here is anything kith must not trust: wrong types anywhere, missing
fields, ids that collide with ours, tombstones for every record (stamped years ahead,
older than our records, or for ids never known), merges into people nobody has, ``me``
removed or absorbed, deep nesting, huge values, tables that are not tables. The normal
profile runs a few dozen cases in seconds; ``KITH_LONG=1`` runs hundreds.
"""

from __future__ import annotations

import copy
import json
import os
import random
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from kith.cli.main import build_cli
from kith.persistence.stamps import forget_device
from kith.reliability import doctor
from tests.figures import count
from tests.synchelp import kith

LONG = os.environ.get("KITH_LONG") == "1"
CASES = 400 if LONG else 36
REMOTE_CASES = 40 if LONG else 3
OURS = ("people", "networks", "notes", "followups", "relationships", "opportunities")


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KITH_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("KITH_HOME", raising=False)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Our database: a network, people, interactions, a note, a follow-up, a relation."""
    home = tmp_path_factory.mktemp("peers") / "ours"
    os.environ.setdefault("KITH_CONFIG", str(home.parent / "config.toml"))
    kith(home, "init")
    kith(home, "network", "add", "Church", "--kind", "church")
    for name in ("Ann Lee", "Bob Stone", "Carl Weiss"):
        kith(home, "person", "add", name, "--network", "church", "--tag", "choir")
    for day, who in (("2024-03-01", "Ann Lee"), ("2024-04-02", "Bob Stone"),
                     ("2024-05-03", "Carl Weiss")):
        kith(home, "log", "church", "--with", who, "--gave", "--kind", "help",
             "--minutes", "30", "--on", day)
    kith(home, "note", "add", "Ann Lee", "likes choral music", "--on", "2024-03-01")
    kith(home, "follow-up", "Bob Stone", "--on", "2024-06-01", "--about", "send the score")
    kith(home, "person", "relate", "Ann Lee", "Bob Stone", "--as", "friend")
    return home


def copy_db(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("backups", ".git"))
    (target / ".device").unlink(missing_ok=True)
    forget_device(target)
    return target


def our_ids(home: Path) -> dict[str, set[str]]:
    main = orjson.loads((home / "kith.json").read_bytes())
    ids = {table: set(main.get(table, {})) for table in OURS}
    ids["interactions"] = set()
    for path in (home / "interactions").glob("*.json"):
        ids["interactions"].update(orjson.loads(path.read_bytes()).get("interactions", {}))
    return ids


# hostile values and mutations ---------------------------------------------------------
def deep(levels: int) -> Any:
    value: Any = "x"
    for _ in range(levels):
        value = [value]
    return value


HOSTILE_VALUES: list[Callable[[random.Random], Any]] = [
    lambda r: None, lambda r: r.randint(-2**70, 2**70), lambda r: 1.5, lambda r: True,
    lambda r: "", lambda r: "\x1b[2J" * 3, lambda r: [], lambda r: {}, lambda r: [1, {}],
    lambda r: {"a": "str"}, lambda r: "9999-99-99", lambda r: "2999-01-01T00:00:00+00:00",
    lambda r: deep(r.choice((50, 400))), lambda r: "N" * r.choice((300, 200_000)),
    lambda r: {"money": "lots"}, lambda r: [None] * 5,
]
FUTURE = "2999-01-01T00:00:00.000000Z"
PAST = "1999-01-01T00:00:00.000000Z"


def _tables(main: dict[str, Any], months: dict[str, dict[str, Any]]
            ) -> list[tuple[dict[str, Any], str]]:
    found = [(records, name) for name, records in main.items()
             if isinstance(records, dict) and name not in ("_meta", "tombstones")]
    found += [(content["interactions"], "interactions") for content in months.values()]
    return [(records, name) for records, name in found if records]


def mutate(rng: random.Random, main: dict[str, Any], months: dict[str, dict[str, Any]],
           kind: str) -> None:
    """Make a peer's parsed files hostile, in place (one kind of damage per case)."""
    tables = _tables(main, months)
    records, name = rng.choice(tables)
    ident = rng.choice(sorted(records))
    doc = records[ident]
    if kind == "wrong type":
        fields = [k for k in doc if k != "id"] or ["name"]
        for key in rng.sample(fields, min(len(fields), rng.randint(1, 3))):
            doc[key] = rng.choice(HOSTILE_VALUES)(rng)
    elif kind == "missing field":
        for key in rng.sample(sorted(doc), min(len(doc), rng.randint(1, 3))):
            doc.pop(key, None)
    elif kind == "record not an object":
        records[ident] = rng.choice(HOSTILE_VALUES)(rng)
    elif kind == "colliding id":
        other_records, _ = rng.choice(tables)
        stranger = copy.deepcopy(other_records[rng.choice(sorted(other_records))])
        stranger["id"] = ident
        stranger["modified"], stranger["device"] = rng.choice((FUTURE, PAST)), "evil"
        records[ident] = stranger
    elif kind == "future stamps":
        doc["name" if name == "people" else "note"] = "hijacked"
        doc["modified"], doc["device"] = FUTURE, "evil"
    elif kind == "bad stamps":
        doc["modified"] = rng.choice((5, "yesterday", [1], "2024-01-01"))
        doc["_fields"] = rng.choice(({"name": 3}, [1], {"name": ["x", "y"]}))
    elif kind == "tombstone every record":
        stamp = rng.choice((FUTURE, PAST))
        for records_, table in tables:
            for key in list(records_):
                main.setdefault("tombstones", {})[f"{table}/{key}"] = {
                    "id": key, "table": table, "deleted": stamp, "device": "evil"}
    elif kind == "tombstones for unknown ids":
        for n in range(rng.randint(1, 50)):
            main.setdefault("tombstones", {})[f"people/ghost{n}"] = {
                "deleted": "2025-01-01T00:00:00.000000Z", "device": "evil"}
        main["tombstones"]["notes/x"] = rng.choice(HOSTILE_VALUES)(rng)
    elif kind == "merge into a ghost":
        for person in list(main.get("people", {})):
            main.setdefault("merges", {})[person] = {"into": rng.choice(("ghost", "")),
                                                     "modified": PAST, "device": "evil"}
    elif kind == "me removed":
        main.get("people", {}).pop("me", None)
        main.setdefault("tombstones", {})["people/me"] = {
            "deleted": "2026-01-01T00:00:00.000000Z", "device": "evil"}
        person = next(p for p in main["people"] if p != "me")
        main.setdefault("merges", {})["me"] = {"into": person}
    elif kind == "table not a table":
        key = rng.choice(("people", "notes", "tombstones", "merges", "_meta", "zzz"))
        main[key] = rng.choice(HOSTILE_VALUES)(rng)
    elif kind == "meta damaged":
        main["_meta"] = rng.choice(({"schema": {}}, {"schema": {"version": "2"}},
                                    {"schema": 3}, {}, {"other": 1}))
    elif kind == "month file damaged":
        victim = rng.choice(sorted(months))
        months[victim] = rng.choice(({"interactions": []}, {"interactions": {"a": 1}},
                                     {"tombstones": 3}, {"interactions": {"x": {}}}))
    elif kind == "deep nesting":  # valid JSON, but deeper than kith writes back
        doc["meta" if name == "interactions" else "extra"] = {"x": deep(rng.randint(260, 900))}
    elif kind == "huge":
        people = main.setdefault("people", {})
        for n in range(rng.choice((200, 3000))):
            people[f"junk{n}"] = {"id": f"junk{n}", "name": "J" * rng.randint(0, 500),
                                  "tags": rng.choice(([], "x", [1]))}
    elif kind == "references to nothing":
        for content in months.values():
            for doc_ in content["interactions"].values():
                doc_["people"] = ["ghost"]
        for note in main.get("notes", {}).values():
            note["person"] = "ghost"
        for relation in main.get("relationships", {}).values():
            relation["a"] = "ghost"
    else:
        raise AssertionError(kind)


KINDS = ["wrong type", "missing field", "record not an object", "colliding id",
         "future stamps", "bad stamps", "tombstone every record", "tombstones for unknown ids",
         "merge into a ghost", "me removed", "table not a table", "meta damaged",
         "month file damaged", "huge", "references to nothing", "deep nesting"]


def hostile_files(source: Path, rng: random.Random, kind: str
                  ) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    main = orjson.loads((source / "kith.json").read_bytes())
    months = {f"interactions/{p.name}": orjson.loads(p.read_bytes())
              for p in sorted((source / "interactions").glob("*.json"))}
    mutate(rng, main, months, kind)
    return main, months


def dumps(value: Any) -> bytes:
    """JSON as any program may write it (integers beyond 64 bits included)."""
    return json.dumps(value).encode()


def write_folder(target: Path, main: dict[str, Any], months: dict[str, Any]) -> None:
    target.mkdir(parents=True)
    (target / "interactions").mkdir()
    (target / "kith.json").write_bytes(dumps(main))
    for name, content in months.items():
        (target / name).write_bytes(dumps(content))


def write_export(target: Path, main: dict[str, Any],
                 months: dict[str, Any]) -> None:
    tables = {k: v for k, v in main.items() if k != "_meta"}
    interactions: Any = {}
    for content in months.values():
        if isinstance(content, dict) and isinstance(content.get("interactions"), dict):
            interactions.update(content["interactions"])
    meta = main.get("_meta")
    schema = meta.get("schema") if isinstance(meta, dict) else None
    target.write_bytes(dumps({
        "format": "kith-export", "version": 1, "tables": tables, "interactions": interactions,
        "schema": schema.get("version") if isinstance(schema, dict) else None}))


# the judge ----------------------------------------------------------------------------
class Tally:
    def __init__(self) -> None:
        self.cases = self.tracebacks = self.broken = self.deleted = 0
        self.failures: list[str] = []

    def judge(self, label: str, result: Any, home: Path, before: dict[str, set[str]]) -> None:
        self.cases += 1
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            self.tracebacks += 1
            self.failures.append(f"{label}: traceback {result.exception!r}"[:300])
            return
        if result.exit_code not in (0, 2):
            self.tracebacks += 1
            self.failures.append(f"{label}: exit {result.exit_code}")
        problems = doctor.check(home)
        readers = [CliRunner().invoke(build_cli(), ["--db", str(home), *args])
                   for args in (["person", "list"], ["remind"], ["network", "list"])]
        if problems or any(r.exit_code != 0 for r in readers):
            self.broken += 1
            self.failures.append(f"{label}: does not load: {problems[:2]} "
                                 f"{[r.stderr[-200:] for r in readers if r.exit_code]}")
        after = our_ids(home)
        lost = sum(len(ids - after[table]) for table, ids in before.items())
        if lost:
            self.deleted += lost
            self.failures.append(f"{label}: {lost} of our records deleted")
        for line in (result.stderr or "").splitlines():
            assert len(line) < 2000, f"{label}: a warning quotes content"


def test_hostile_peers_never_break_or_empty_our_database(base: Path, tmp_path: Path) -> None:
    rng = random.Random(31)
    tally = Tally()
    before = our_ids(base)
    for case in range(CASES):
        kind = KINDS[case % len(KINDS)]
        as_export = case % 2 == 1
        main, months = hostile_files(base, rng, kind)
        peer = tmp_path / f"peer{case}"
        if as_export:
            peer = peer.with_suffix(".json")
            write_export(peer, main, months)
        else:
            write_folder(peer, main, months)
        ours = copy_db(base, tmp_path / f"ours{case}")
        result = CliRunner().invoke(build_cli(), ["--db", str(ours), "merge", str(peer)])
        tally.judge(f"case {case} ({kind}, {'export' if as_export else 'folder'})", result,
                    ours, before)
        shutil.rmtree(ours)
    _report(tally, "hostile peers")


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "evil", "GIT_AUTHOR_EMAIL": "e@x",
                        "GIT_COMMITTER_NAME": "evil", "GIT_COMMITTER_EMAIL": "e@x"})


def test_hostile_remotes_never_break_either_device(base: Path, tmp_path: Path) -> None:
    """A remote with one hostile push: the device that syncs it keeps a database that
    loads and every record it had."""
    rng = random.Random(26)
    tally = Tally()
    before = our_ids(base)
    for case in range(REMOTE_CASES):
        kind = rng.choice(KINDS)
        remote, ours = tmp_path / f"remote{case}.git", copy_db(base, tmp_path / f"dev{case}")
        kith(ours, "sync", "init", remote)
        evil = tmp_path / f"evil{case}"
        _git("clone", "-q", str(remote), str(evil), cwd=tmp_path)
        main, months = hostile_files(evil, rng, kind)
        (evil / "kith.json").write_bytes(dumps(main))
        for name, content in months.items():
            (evil / name).write_bytes(dumps(content))
        _git("commit", "-qam", "hostile", cwd=evil)
        _git("push", "-q", "origin", "HEAD:main", cwd=evil)
        kith(ours, "person", "add", f"Local {case}")  # so that the sync must merge
        before_here = our_ids(ours)
        result = CliRunner().invoke(build_cli(), ["--db", str(ours), "sync"])
        tally.judge(f"remote {case} ({kind})", result, ours,
                    {t: before_here[t] | before[t] for t in before})
    _report(tally, "hostile remotes")


def _report(tally: Tally, what: str) -> None:
    count(f"{what}: cases", tally.cases)
    count(f"{what}: tracebacks", tally.tracebacks)
    count(f"{what}: merges leaving a database that does not load", tally.broken)
    count(f"{what}: records of ours deleted by a hostile peer", tally.deleted)
    assert not tally.failures, "\n".join(tally.failures[:10])

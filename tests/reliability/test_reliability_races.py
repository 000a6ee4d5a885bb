"""Races between real processes: a held lock released to two waiting writers.

Each case builds a database, holds its lock from a helper process, starts two ``kith``
commands that both queue on the lock, then releases it. Whichever wins, the database
must be healthy (``kith doctor``), hold every acknowledged write, and show the result a
user would expect from running the two commands one after the other. The quick profile
forces each pair once; ``KITH_FULL_TESTS=1`` five times, plus unforced runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from kith.cli.main import build_cli
from kith.persistence.store import Store
from kith.reliability import doctor
from tests.figures import count

FULL = os.environ.get("KITH_FULL_TESTS") == "1"
FORCED = 5 if FULL else 1
UNFORCED = 10 if FULL else 0
ROOT = Path(__file__).resolve().parents[2]

HOLDER = """
import sys
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
sys.stdin.readline()
lock.release()
"""


def kith(home: Path, *args: str) -> dict[str, Any]:
    """One command in-process (setup only)."""
    result = CliRunner().invoke(build_cli(), ["--db", str(home), *args, "--json"])
    assert result.exit_code == 0, (args, result.output)
    return orjson.loads(result.stdout)  # type: ignore[no-any-return]


def _cpu_ticks(pid: int) -> int | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])


def _wait_until_blocked(processes: list[subprocess.Popen[bytes]]) -> None:
    """Wait until both commands sit idle (polling the lock), not still starting up."""
    time.sleep(0.4)
    deadline = time.monotonic() + 10
    stable = 0
    last = [_cpu_ticks(p.pid) for p in processes]
    while time.monotonic() < deadline and stable < 3:
        time.sleep(0.1)
        now = [_cpu_ticks(p.pid) for p in processes]
        stable = stable + 1 if now == last else 0
        last = now


def race(home: Path, first: list[str], second: list[str], *,
         forced: bool = True) -> list[tuple[int, str, str]]:
    """Run two commands at once (released together from a held lock when ``forced``);
    returns ``(exit code, stdout, stderr)`` for each."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = None
    if forced:
        holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(home / ".lock")],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
    commands = [subprocess.Popen([sys.executable, "-m", "kith", "--db", str(home), *args],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
                for args in (first, second)]
    if holder is not None:
        _wait_until_blocked(commands)
        assert holder.stdin is not None
        holder.stdin.write(b"go\n")
        holder.stdin.flush()
        holder.wait(timeout=10)
    results = []
    for process in commands:
        out, err = process.communicate(timeout=60)
        assert b"Traceback" not in err, err.decode()
        results.append((process.returncode, out.decode(), err.decode()))
    count("races run (two writers released together)" if forced
          else "races run (unforced)")
    return results


def healthy(home: Path) -> Store:
    problems = doctor.check(home)
    assert problems == [], problems
    return Store(home, create=False)


@pytest.fixture
def base(tmp_path: Path) -> Callable[[], Path]:
    """A fresh database per run: two networks, Ann, Bea and an interaction."""
    made = [0]

    def build() -> Path:
        made[0] += 1
        home = tmp_path / f"db{made[0]}"
        kith(home, "init")
        kith(home, "network", "add", "Club")
        kith(home, "network", "add", "Gone")
        kith(home, "person", "add", "Ann Lee", "--network", "Club")
        kith(home, "person", "add", "Bea Ray", "--network", "Club")
        kith(home, "log", "Club", "--with", "Bea Ray", "--gave", "--money", "10",
             "--on", "2025-03-10")
        kith(home, "log", "Gone", "--with", "Ann Lee", "--gave", "--on", "2025-03-11")
        return home

    return build


def runs() -> list[bool]:
    return [True] * FORCED + [False] * UNFORCED


def only_interaction(home: Path) -> str:
    return next(i.id for i in Store(home, create=False).interactions(network="club"))


def test_two_deletes_of_one_interaction(base: Callable[[], Path]) -> None:
    for forced in runs():
        home = base()
        ident = only_interaction(home)
        results = race(home, ["interaction", "delete", "--yes", ident],
                       ["interaction", "delete", "--yes", ident], forced=forced)
        assert sorted(code for code, _, _ in results) == [0, 2], results
        assert any("no interaction" in err for _, _, err in results)
        store = healthy(home)
        assert store.network_months().get("club") is None
        count("races: 0 corrupt, 0 lost (interaction delete x2)")


def test_two_edits_into_different_months(base: Callable[[], Path]) -> None:
    for forced in runs():
        home = base()
        ident = only_interaction(home)
        results = race(home, ["interaction", "edit", ident, "--on", "2024-01-05"],
                       ["interaction", "edit", ident, "--on", "2024-07-05"], forced=forced)
        assert [code for code, _, _ in results] == [0, 0], results
        store = healthy(home)
        found = [i for i in store.interactions() if i.id == ident]
        assert len(found) == 1 and found[0].when.month in (1, 7)
        holding = [m for m in store.months()
                   if ident in orjson.loads((home / "interactions" / f"{m}.json")
                                            .read_bytes()).get("interactions", {})]
        assert holding == [found[0].month]
        count("races: 0 corrupt, 0 lost (interaction edit --on x2)")


def test_two_tag_edits_keep_both_tags(base: Callable[[], Path]) -> None:
    for forced in runs():
        home = base()
        results = race(home, ["person", "edit", "Ann Lee", "--add-tag", "alpha"],
                       ["person", "edit", "Ann Lee", "--add-tag", "beta"], forced=forced)
        assert [code for code, _, _ in results] == [0, 0], results
        ann = healthy(home).find_person("Ann Lee")
        assert {"alpha", "beta"} <= set(ann.tags), ann.tags
        count("races: 0 corrupt, 0 lost (person edit --add-tag x2)")


def test_log_against_merge(base: Callable[[], Path]) -> None:
    for forced in runs():
        home = base()
        results = race(home, ["log", "Club", "--with", "Bea Ray", "--received",
                              "--note", "raced", "--json"],
                       ["person", "merge", "Ann Lee", "Bea Ray"], forced=forced)
        assert [code for code, _, _ in results] == [0, 0], results
        store = healthy(home)
        ann = store.find_person("Ann Lee")
        logged = orjson.loads(results[0][1])["id"]
        assert store.get_interaction(logged).people == (ann.id,)
        assert all(ann.id in i.people for i in store.interactions(network="club"))
        count("races: 0 corrupt, 0 lost (log vs person merge)")


def test_hear_against_merge(base: Callable[[], Path]) -> None:
    for forced in runs():
        home = base()
        results = race(home, ["hear", "Bea Ray", "--need", "a flat", "--json"],
                       ["person", "merge", "Ann Lee", "Bea Ray"], forced=forced)
        assert [code for code, _, _ in results] == [0, 0], results
        store = healthy(home)
        heard = orjson.loads(results[0][1])["id"]
        assert store.get_opportunity(heard).person == store.find_person("Ann Lee").id
        count("races: 0 corrupt, 0 lost (hear vs person merge)")


def test_log_against_network_remove(base: Callable[[], Path]) -> None:
    for forced in runs():
        home = base()
        results = race(home, ["log", "Gone", "--with", "Ann Lee", "--gave", "--json"],
                       ["network", "remove", "Gone", "--force", "--json"], forced=forced)
        (log_code, _, log_err), (remove_code, remove_out, _) = results
        assert remove_code == 0, results
        removed = orjson.loads(remove_out)["interactions_removed"]
        if log_code == 0:  # the log came first: the remove took it (and the older one)
            assert removed == 2
        else:  # the remove came first: the log is refused, nothing half-written
            assert log_code == 2 and "no network" in log_err and removed == 1
        store = healthy(home)
        assert store.get_network("gone") is None
        assert not list(store.interactions(network="gone"))
        count("races: 0 corrupt, 0 lost (log vs network remove --force)")


def test_every_command_that_can_write_runs_in_one_transaction() -> None:
    """The wrapping is one mechanism over the whole tree, plugin commands included."""
    import click

    from kith.services.scope import UNSCOPED

    def leaves(group: click.Group, path: str) -> list[tuple[str, click.Command]]:
        found = []
        context = click.Context(group)
        for name in group.list_commands(context):
            command = group.get_command(context, name)
            assert command is not None
            if isinstance(command, click.Group):
                found += leaves(command, f"{path}{name} ")
            else:
                found.append((f"{path}{name}", command))
        return found

    cli = build_cli()
    scoped = [(name, getattr(c.callback, "_kith_scoped", False)) for name, c in leaves(cli, "")]
    unscoped = sorted(name for name, wrapped in scoped
                      if not wrapped and name.split()[0] not in UNSCOPED)
    assert unscoped == []
    names = {name for name, _ in scoped}
    assert {"log", "hear", "interaction edit", "person merge", "network remove",
            "import vcard"} <= names
    count("commands wrapped in one transaction", sum(w for _, w in scoped))


CHECK_FREE = ("import sys; from filelock import FileLock, Timeout\n"
              "try:\n    FileLock(sys.argv[1]).acquire(timeout=0)\nexcept Timeout:\n"
              "    sys.exit(1)\n")


def test_hooks_fire_after_the_commit_with_the_lock_released(tmp_path: Path) -> None:
    home = tmp_path / "db"
    kith(home, "init")
    kith(home, "network", "add", "Club")
    kith(home, "person", "add", "Ann Lee", "--network", "Club")
    folder = tmp_path / "plugins"
    folder.mkdir()
    seen = tmp_path / "seen.txt"
    (folder / "listens.py").write_text(
        "import subprocess, sys\n"
        "from pathlib import Path\n"
        "from kith import hookimpl\n"
        "@hookimpl\n"
        "def interaction_recorded(interaction):\n"
        f"    home = Path({str(home)!r})\n"
        "    on_disk = any(interaction.id in p.read_text()\n"
        "                  for p in (home / 'interactions').glob('*.json'))\n"
        f"    free = subprocess.run([sys.executable, '-c', {CHECK_FREE!r},\n"
        "                          str(home / '.lock')]).returncode == 0\n"
        f"    open({str(seen)!r}, 'a').write(f'{{interaction.id}} {{on_disk}} {{free}}\\n')\n")
    result = subprocess.run(
        [sys.executable, "-m", "kith", "--db", str(home), "--plugins-dir", str(folder), "log",
         "Club", "--with", "Ann Lee", "--gave", "--json"], capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    ident = orjson.loads(result.stdout)["id"]
    assert seen.read_text().split() == [ident, "True", "True"]

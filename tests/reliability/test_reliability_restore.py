"""``kith restore`` at every crash point, the journal's path checks, full disks and
backups that count only when complete, and folders private whatever the umask.

Crash points are found by fault injection: a wrapper counts every file-system call that
changes something (``os.open`` for writing, ``os.write``, ``os.fsync``, ``os.replace``,
``os.rename``, ``os.unlink``, ``os.mkdir``, ``os.rmdir``) and, at the Nth, either kills
the process on the spot (``os._exit``: no cleanup runs) or raises ``OSError`` (the
cleanup runs). N runs from 1 until the command completes untouched. After each, the
next command must find the old database or the restored one, never a mix, and
``kith doctor`` must say healthy. The quick profile tries every third point.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from kith.core.model import Interaction, Network, Person
from kith.persistence.store import Store
from kith.reliability import doctor
from tests.figures import count

FULL = os.environ.get("KITH_FULL_TESTS") == "1"
STEP = 1 if FULL else 7
ROOT = Path(__file__).resolve().parents[2]

INJECT = """
import errno, os, sys
mode, target = sys.argv[1], int(sys.argv[2])
calls = [0]
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC

def wrap(name, only=None):
    real = getattr(os, name)
    def faulty(*args, **kwargs):
        if only is None or only(*args, **kwargs):
            calls[0] += 1
            if calls[0] == target:
                if mode == "kill":
                    os._exit(137)
                raise OSError(errno.EIO, "injected fault", str(args[0]) if args else "")
        return real(*args, **kwargs)
    setattr(os, name, faulty)

wrap("open", lambda path, flags, *a, **k: bool(flags & WRITE_FLAGS)
     and not str(path).endswith(".lock"))
for name in ("write", "fsync", "replace", "rename", "unlink", "mkdir", "rmdir"):
    wrap(name)
sys.argv = ["kith", *sys.argv[3:]]
from kith.cli.main import main
try:
    main()
finally:
    sys.stderr.write(f"calls={calls[0]}\\n")
"""


def at(month: int, day: int) -> datetime:
    return datetime(2024, month, day, 12, tzinfo=UTC)


def state(home: Path) -> tuple[Any, ...]:
    """What a user sees: networks, people, interactions (with their values)."""
    store = Store(home, create=False)  # replays or rolls back an interrupted restore
    return (sorted(n.id for n in store.networks()), sorted(store.people_docs()),
            sorted((i.id, i.note, i.value.money) for i in store.interactions()))


@pytest.fixture
def restorable(tmp_path: Path) -> tuple[Path, str, tuple[Any, ...], tuple[Any, ...]]:
    """A database in state "new" holding a backup of state "old"; the two differ in
    every way a restore must undo: added, changed and deleted records and files."""
    home = tmp_path / "template"
    store = Store(home)
    with store.transaction():
        store.add_network(Network.create("Club"))
        store.add_person(Person.create("Ann", id="ann"))
        for n in range(6):
            store.record(Interaction.create(when=at(3 + n % 2, 1 + n), network="club",
                                            people=["ann"], direction="gave", kind="help",
                                            note=f"old-{n}"))
    name = doctor.make_backup(store, "old").name
    old = state(home)
    with store.transaction():
        store.add_network(Network.create("Work"))
        store.add_person(Person.create("Bea", id="bea"))
        for n in range(4):
            store.record(Interaction.create(when=at(7, 1 + n), network="work",
                                            people=["bea"], direction="received",
                                            kind="advice", note=f"new-{n}"))
        first = next(store.interactions(network="club"))
        store.delete_interaction(first.id)
    new = state(home)
    assert old != new
    return home, name, old, new


def run_injected(home: Path, mode: str, point: int, *args: str) -> tuple[int, str]:
    result = subprocess.run([sys.executable, "-c", INJECT, mode, str(point), "--db", str(home),
                             *args], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    return result.returncode, result.stderr


@pytest.mark.parametrize("mode", ["kill", "raise"])
def test_restore_at_every_crash_point_leaves_old_or_new(
        mode: str, tmp_path: Path,
        restorable: tuple[Path, str, tuple[Any, ...], tuple[Any, ...]]) -> None:
    template, name, old, new = restorable
    _, clean = run_injected(shutil.copytree(template, tmp_path / "probe"), mode, 10**9,
                            "restore", name)
    points = int(clean.strip().rsplit("calls=", 1)[1])
    assert points > 10
    outcomes = {"old": 0, "new": 0}
    for point in [*range(1, points + 1, STEP), points]:
        home = tmp_path / f"{mode}-{point}"
        shutil.copytree(template, home)
        code, err = run_injected(home, mode, point, "restore", name)
        if mode == "raise":
            assert "Traceback" not in err and code in (0, 2), err
        seen = state(home)
        assert seen in (new, old), (mode, point)
        outcomes["old" if seen == new else "new"] += 1  # restoring makes "old" current
        assert doctor.check(home) == [], (mode, point)
        if code == 0:
            assert seen == old, "an acknowledged restore must have happened"
        shutil.rmtree(home)
        count(f"restore crash points ({mode}): old or new, doctor healthy")
    assert outcomes["old"] and outcomes["new"]


def test_a_journal_naming_paths_outside_is_refused(tmp_path: Path, ok: Callable[..., Any],
                                                  run: Callable[..., Any],
                                                  kith_home: Path) -> None:
    ok("network", "add", "Net")
    ok("person", "add", "Pat", "--network", "Net")
    ok("log", "Net", "--with", "Pat", "--gave", "--on", "2025-03-01")
    victim = kith_home.parent / "victim.txt"
    victim.write_text("precious")
    month = kith_home / "interactions" / "2025-03.json"
    before = month.read_bytes()
    for journal in ([["../victim.txt", "interactions/2025-03.json"]],
                    [["interactions/2025-03.json", "../moved.json"]],
                    [[str(victim), "kith.json"]],
                    {"replace": [], "delete": ["../victim.txt"]},
                    {"replace": [["backups/x.json", "kith.json"]], "delete": []},
                    [["interactions/2025-03.json", ".lock"]],
                    [["interactions/2025-03.json", "kith.json"]],  # a live file, not a temp
                    [["kith.json.1.tmp", "notes.txt"]]):
        (kith_home / ".journal").write_text(json.dumps(journal))
        result = run("history")
        assert result.exit_code == 0, result.output
        assert "refused to replay" in result.stderr and "nothing was moved" in result.stderr
        assert victim.read_text() == "precious" and month.read_bytes() == before
        assert not (kith_home.parent / "moved.json").exists()
        assert not (kith_home / ".journal").exists()
        count("hostile journals refused (nothing moved)")
    kept = list((kith_home / "quarantine").glob("*-refused-journal/.journal"))
    assert len(kept) == 8
    link = kith_home / "interactions" / "link.json"
    link.symlink_to(victim)
    (kith_home / ".journal").write_text(json.dumps([["interactions/link.json", "kith.json"]]))
    assert "refused to replay" in run("history").stderr
    assert victim.read_text() == "precious"
    link.unlink()
    ok("doctor")


def test_a_journal_inside_the_database_is_replayed(ok: Callable[..., Any],
                                                   kith_home: Path) -> None:
    ok("network", "add", "Net")
    data = json.loads((kith_home / "kith.json").read_text())
    data["networks"]["net"]["notes"] = "replayed"
    (kith_home / "kith.json.1.tmp").write_text(json.dumps(data))
    (kith_home / ".journal").write_text(json.dumps([["kith.json.1.tmp", "kith.json"]]))
    assert json.loads(ok("network", "list", "--json").stdout)[0]["notes"] == "replayed"


# disk full ----------------------------------------------------------------------------

ENOSPC_CALLS = ("open", "write", "fsync", "mkdir")
"""The calls that take space (a rename does not, and is covered by the crash points)."""


def full_after(limit: int, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make the file-system calls that take space fail with ENOSPC from the ``limit``th
    on (``os.open`` only when it creates a file)."""
    seen = [0]
    for name in ENOSPC_CALLS:
        real = getattr(os, name)

        def faulty(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            if _name != "open" or (len(args) > 1 and args[1] & os.O_CREAT):
                seen[0] += 1
                if seen[0] >= limit:
                    raise OSError(errno.ENOSPC, "No space left on device")
            return _real(*args, **kwargs)

        monkeypatch.setattr(os, name, faulty)
    return seen


def listed(home: Path) -> list[str]:
    return [p.name for p in doctor.backups(home)]


@pytest.mark.parametrize("command", [("backup",), ("import-vcard",), ("log",)])
def test_disk_full_at_each_write_is_one_line_and_leaves_no_partial_backup(
        command: tuple[str, ...], kith_home: Path, ok: Callable[..., Any],
        run: Callable[..., Any], fixture_copy: Callable[[str], Path]) -> None:
    from tests.conftest import snapshot_db

    ok("network", "add", "Friends", "--kind", "friends")
    ok("person", "add", "Pat", "--network", "Friends")
    ok("backup")
    args = {"backup": ["backup"], "log": ["log", "Friends", "--with", "Pat", "--gave"],
            "import-vcard": ["import", "vcard", str(fixture_copy("vcard/contact1.vcf")),
                             "--network", "Friends"]}[command[0]]
    limit = 1
    while True:
        before, backups_before = snapshot_db(kith_home), listed(kith_home)
        with pytest.MonkeyPatch.context() as patch:
            seen = full_after(limit, patch)
            result = run(*args)
        if result.exit_code == 0:  # the failed call was one kith may ignore (a folder sync)
            assert doctor.check(kith_home) == []
            assert all(doctor.verify_backup(p, deep=True) is None
                       for p in doctor.backups(kith_home))
            if seen[0] < limit:
                break  # the command needed fewer writes than the limit: all points tried
            limit += 1
            continue
        assert result.exit_code == 2, (limit, result.output)
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert "disk is full" in result.stderr, result.stderr
        assert snapshot_db(kith_home) == before
        assert listed(kith_home) == backups_before
        assert not [p for p in (kith_home / "backups").iterdir() if p.name.startswith(".")]
        assert doctor.check(kith_home) == []
        count("disk-full points: one line, exit 2, no partial backup")
        limit += 1
        if limit > 400:
            pytest.fail("the command never finished")
    ok("doctor")


def test_rotation_never_deletes_a_good_backup_for_a_broken_one(kith_home: Path,
                                                                ok: Callable[..., Any]) -> None:
    from kith.persistence.snapshots import MAX_BACKUPS

    ok("network", "add", "Net")
    good = []
    for n in range(MAX_BACKUPS):
        good.append(json.loads(ok("backup", "--reason", f"good{n}", "--json").stdout)["name"])
    broken = kith_home / "backups" / "29990101T000000000000-broken"
    broken.mkdir()
    (broken / "kith.json").write_bytes(b"")  # what a full disk used to leave behind
    partial = kith_home / "backups" / ".29990101T000000000001-x.partial"
    partial.mkdir()
    killed = kith_home / "backups" / ".20200101T000000000001-y.partial"  # a kill, long ago
    killed.mkdir()
    os.utime(killed, (0, 0))
    made = json.loads(ok("backup", "--json").stdout)["name"]
    assert partial.exists() and not killed.exists()
    names = listed(kith_home)
    assert broken.name not in names and made in names
    assert names == [made, *reversed(good[1:])]  # only the oldest good one rotated out
    listing = ok("backup", "--list")
    assert "not a usable backup: 29990101T000000000000-broken" in listing.stderr
    assert broken.name not in listing.stdout
    manifest = orjson.loads((kith_home / "backups" / made / ".manifest").read_bytes())
    assert "kith.json" in manifest["files"]
    (kith_home / "backups" / made / "kith.json").write_bytes(b"{}")  # damaged since
    assert made not in listed(kith_home)
    count("backup rotations keeping only complete backups")


def test_folders_are_private_whatever_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "x" / "a" / "b" / "db"
    script = ("import os, sys; os.umask(0); sys.argv = ['kith', '--db', sys.argv[1], "
              "'network', 'add', 'Net']; from kith.cli.main import main; main()")
    for command in ("'init'", "'network', 'add', 'Net'", "'backup'"):
        subprocess.run([sys.executable, "-c", script.replace("'network', 'add', 'Net'",
                                                             command), str(target)],
                       check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    for folder in [tmp_path / "x", tmp_path / "x" / "a", tmp_path / "x" / "a" / "b", target,
                   *[p for p in target.rglob("*") if p.is_dir()]]:
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    for path in target.rglob("*"):
        if path.is_file():
            assert path.stat().st_mode & 0o077 == 0, path
    count("folders checked private under umask 000")


def test_a_database_we_may_only_read_is_still_readable(ok: Callable[..., Any],
                                                      fails: Callable[..., Any],
                                                      kith_home: Path) -> None:
    """Commands take the lock even to read; on a read-only mount (or someone else's
    database) the lock file cannot be made, and reading must still work."""
    from kith.persistence.lock import WriterLock

    ok("network", "add", "Net")

    class Unwritable:
        def acquire(self, timeout: float | None = None) -> None:
            raise PermissionError(errno.EROFS, "Read-only file system", str(kith_home))

        def release(self) -> None:
            raise AssertionError("never acquired")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(WriterLock, "file_lock", lambda self: Unwritable())
        assert json.loads(ok("network", "list", "--json").stdout)[0]["id"] == "net"
        ok("history")
        ok("doctor")
        fails("network", "add", "Other", match="read-only")
    assert [n.id for n in Store(kith_home).networks()] == ["net"]


def test_restore_is_the_way_out_of_a_damaged_database(ok: Callable[..., Any],
                                                     fails: Callable[..., Any],
                                                     kith_home: Path) -> None:
    ok("network", "add", "Net")
    ok("person", "add", "Pat", "--network", "Net")
    ok("log", "Net", "--with", "Pat", "--gave", "--on", "2025-03-01")
    name = json.loads(ok("backup", "--json").stdout)["name"]
    ok("log", "Net", "--with", "Pat", "--gave", "--on", "2025-04-01")
    (kith_home / "interactions" / "2025-03.json").write_bytes(b'{"interactions": {"01')
    fails("log", "Net", "--with", "Pat", "--gave", match="doctor --repair")
    done = json.loads(ok("restore", name, "--json").stdout)
    assert len(json.loads(ok("history", "--json").stdout)) == 1
    ok("doctor")
    # the damaged state was kept, so the restore can be undone (damage and all)
    kept = Path(done["previous_state"])
    assert (kept / "interactions" / "2025-03.json").read_bytes() == b'{"interactions": {"01'
    assert (kept / "interactions" / "2025-04.json").exists()


def test_a_backup_killed_at_any_point_is_never_listed(
        tmp_path: Path, restorable: tuple[Path, str, tuple[Any, ...], tuple[Any, ...]]) -> None:
    template, _, _, new = restorable
    _, clean = run_injected(shutil.copytree(template, tmp_path / "probe"), "kill", 10**9,
                            "backup")
    points = int(clean.strip().rsplit("calls=", 1)[1])
    for point in [*range(1, points + 1, STEP), points]:
        home = tmp_path / f"backup-{point}"
        shutil.copytree(template, home)
        before = [p.name for p in doctor.backups(home)]
        code, _ = run_injected(home, "kill", point, "backup")
        listed_now = doctor.backups(home)
        assert [p.name for p in listed_now if p.name in before] == before
        assert len(listed_now) in (len(before), len(before) + 1)
        if code == 0:
            assert len(listed_now) == len(before) + 1
        for folder in listed_now:
            assert doctor.verify_backup(folder, deep=True) is None, (point, folder.name)
        assert state(home) == new and doctor.check(home) == []
        shutil.rmtree(home)
        count("backup kill points: only complete backups listed")

"""Reliability and security: kills, concurrency, fuzzing, hostile input, faulty plugins,
environment faults, backups and ``kith doctor``, privacy.

The quick profile (the default, what CI runs) kills a dozen writers and fuzzes each
importer a few dozen times; ``KITH_FULL_TESTS=1`` runs at least 100 kills, 4 x 100
concurrent writes and hundreds of fuzz cases per importer. The counts are printed at the
end of the run (``tests/figures.py``).
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kith.core.errors import ImportFormatError
from kith.importing.engine import parse_source
from kith.importing.toolkit import ImportContext
from kith.persistence.store import Store
from kith.plugins.manager import load_plugins
from kith.reliability import doctor
from tests.conftest import FIXTURES, snapshot_db
from tests.figures import count

FULL = os.environ.get("KITH_FULL_TESTS") == "1"
KILLS = 100 if FULL else 10
IMPORT_KILLS = 20 if FULL else 3
WRITERS, WRITES = (4, 100) if FULL else (4, 20)
FUZZ = 300 if FULL else 25
ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys
from datetime import datetime, timezone
from kith.core.model import Interaction, Network, Person
from kith.persistence.store import Store

home, tag, total = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = Store(home)
with store.transaction():
    if store.get_network("net") is None:
        store.save_network(Network(id="net", name="Net"))
    if store.get_person("p1") is None:
        store.save_person(Person(id="p1", name="Pat"))
print("ready", flush=True)
for n in range(total):
    store.record(Interaction.create(
        when=datetime(2025, 1 + n % 12, 1 + n % 28, tzinfo=timezone.utc), network="net",
        people=["p1"], direction="gave", kind="help", note=f"{tag}-{n}"))
    print(f"ack {tag}-{n}", flush=True)
"""


def notes(home: Path) -> set[str]:
    return {i.note for i in Store(home, create=False).interactions()}


def healthy(home: Path) -> None:
    Store(home, create=False)  # opening replays any interrupted commit
    problems = doctor.check(home)
    assert problems == [], problems


# 1. crash safety ----------------------------------------------------------------------------

def test_sigkill_while_logging_loses_no_acknowledged_write(tmp_path: Path) -> None:
    home = tmp_path / "db"
    acknowledged: set[str] = set()
    rng = random.Random(9)
    for kill in range(KILLS):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(home), f"k{kill}",
                                   "100000"], stdout=subprocess.PIPE, text=True)
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + rng.uniform(0.02, 0.3)
        while time.monotonic() < deadline:
            line = writer.stdout.readline()
            if line.startswith("ack "):
                acknowledged.add(line.split()[1])
        writer.send_signal(signal.SIGKILL)
        rest, _ = writer.communicate()
        acknowledged.update(line.split()[1] for line in rest.splitlines()
                            if line.startswith("ack "))
        healthy(home)
        missing = acknowledged - notes(home)
        assert not missing, f"kill {kill}: lost {sorted(missing)[:5]}"
        count("kills survived while logging")
    count("acknowledged writes kept across kills", len(acknowledged))


def test_sigkill_during_an_import_leaves_all_or_nothing(tmp_path: Path) -> None:
    cards = tmp_path / "contacts.vcf"
    cards.write_text("".join(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:Person {n}\nUID:uid-{n}\nEMAIL:p{n}@example.org\n"
        "END:VCARD\n" for n in range(3000)))
    rng = random.Random(4)
    for kill in range(IMPORT_KILLS):
        home = tmp_path / f"db{kill}"
        env = {**os.environ, "KITH_HOME": str(home), "KITH_CONFIG": str(tmp_path / "c.toml")}
        subprocess.run([sys.executable, "-m", "kith", "init"], env=env, check=True,
                       capture_output=True)
        importer = subprocess.Popen([sys.executable, "-m", "kith", "import", "vcard",
                                     str(cards), "--network", "Friends",
                                     "--create-network", "friends"], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 2.5))
        importer.send_signal(signal.SIGKILL)
        importer.wait()
        healthy(home)
        people = len(Store(home, create=False).people())
        assert people in (1, 3001), f"kill {kill}: a partial import ({people - 1} people)"
        count("kills survived during imports")


# 2. concurrency -----------------------------------------------------------------------------

def test_concurrent_writers_and_an_import_keep_everything(tmp_path: Path) -> None:
    home = tmp_path / "db"
    Store(home).create()
    cards = tmp_path / "contacts.vcf"
    cards.write_text("".join(f"BEGIN:VCARD\nVERSION:3.0\nFN:Friend {n}\nUID:f-{n}\n"
                             "END:VCARD\n" for n in range(300)))
    env = {**os.environ, "KITH_HOME": str(home), "KITH_CONFIG": str(tmp_path / "c.toml")}
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(home), f"w{n}",
                                 str(WRITES)], stdout=subprocess.PIPE, text=True)
               for n in range(WRITERS)]
    importer = subprocess.Popen(
        [sys.executable, "-m", "kith", "import", "vcard", str(cards), "--network", "Friends",
         "--create-network", "friends"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for writer in writers:
        out, _ = writer.communicate(timeout=300)
        assert writer.returncode == 0 and out.count("ack ") == WRITES
    _, err = importer.communicate(timeout=300)
    assert importer.returncode == 0, err
    healthy(home)
    expected = {f"w{n}-{i}" for n in range(WRITERS) for i in range(WRITES)}
    assert expected <= notes(home)
    assert len(Store(home).people()) == 1 + 1 + 300  # me, Pat, the imported friends
    count("concurrent writes kept", len(expected))


# 3. fuzzing every importer ------------------------------------------------------------------

def _breeze(folder: Path) -> Path:
    from tests.plugins.test_church_association import _xlsx

    path = folder / "breeze.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("people.xlsx", _xlsx({"People": [
            ["Breeze ID", "First Name", "Last Name", "Email"], [7, "Ann", "Lee", "a@x.org"]]}))
    return path


SEEDS: dict[str, tuple[str | Callable[[Path], Path], dict[str, Any]]] = {
    # source name: (seed file or folder under tests/fixtures, or a builder; options)
    "vcard": ("vcard/contact1.vcf", {}),
    "whatsapp": ("whatsapp/test_ddmmyy_24hrs.txt", {}),
    "signal": ("signal/test_export.txt", {}),
    "x-archive": ("x", {}),
    "mastodon-archive": ("mastodon", {}),
    "facebook": ("facebook/json_simple", {"me": "Me"}),
    "linkedin": ("linkedin/current", {}),
    "church-calendar": ("ics/example.ics", {}),
    "association-calendar": ("ics/rfc_7986_conferences.ics", {}),
    "giving": ("seeds/giving.csv", {}),
    "dues": ("seeds/dues.csv", {}),
    "planning-center": ("seeds/planning-center.csv", {}),
    "wild-apricot": ("seeds/wild-apricot.csv", {}),
    "meetup": ("seeds/meetup.csv", {"on": None}),
    "breeze": (_breeze, {}),
}
NOT_FUZZED: set[str] = set()  # a source listed here must say why


def test_every_importer_is_in_the_fuzz_harness() -> None:
    sources = set(load_plugins().sources())
    assert sources - set(SEEDS) - NOT_FUZZED == set(), "add a line to SEEDS for new sources"


MUTATIONS = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("flip"), st.floats(0, 1), st.integers(1, 255)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("encoding"), st.sampled_from(["utf-16", "latin-1", "cp1252"])),
    st.tuples(st.just("huge"), st.floats(0, 1)),
    st.tuples(st.just("nesting"), st.floats(0, 1)),
)


def mutate(data: bytes, mutation: tuple[Any, ...]) -> bytes:
    kind, *args = mutation
    at = int(args[0] * len(data)) if args and isinstance(args[0], float) else 0
    if kind == "truncate":
        return data[:at]
    if kind == "flip":
        return data[:at] + bytes([(data[at] ^ args[1]) if at < len(data) else args[1]]) + \
            data[at + 1:]
    if kind == "insert":
        return data[:at] + args[1] + data[at:]
    if kind == "encoding":
        return data.decode("utf-8", "replace").encode(args[0], "replace")
    if kind == "huge":
        return data[:at] + b"A" * 2_000_000 + data[at:]
    return data[:at] + b"[" * 5000 + b"{\"a\":" * 2000 + data[at:]


def seed_copy(source: str, folder: Path) -> Path:
    seed, _ = SEEDS[source]
    if callable(seed):
        return seed(folder)
    original = FIXTURES / seed
    target = folder / original.name
    if original.is_dir():
        shutil.copytree(original, target)
    else:
        shutil.copyfile(original, target)
    return target


def run_parser(source: str, path: Path) -> None:
    spec = load_plugins().sources()[source]
    options = {k: v for k, v in SEEDS[source][1].items() if v is not None}
    try:
        parse_source(spec, path, ImportContext(options=options))
    except ImportFormatError as error:  # not the "importer failed" of a bug
        assert str(error).strip() and "\n" not in str(error), str(error)
        assert str(path.parent) in str(error) or path.name in str(error), str(error)


@pytest.mark.parametrize("source", sorted(SEEDS))
def test_fuzz_importer(source: str) -> None:
    """Mutated real files: the importer returns a batch or raises kith's own one-line
    error; never anything else."""

    @given(mutation=MUTATIONS, pick=st.integers(0, 10_000))
    @settings(max_examples=FUZZ, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    def check(mutation: tuple[Any, ...], pick: int) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = seed_copy(source, Path(folder))
            if path.is_dir():
                files = sorted(p for p in path.rglob("*") if p.is_file())
                victim = files[pick % len(files)]
            else:
                victim = path
            victim.write_bytes(mutate(victim.read_bytes(), mutation))
            run_parser(source, path)
        count(f"fuzz cases: {source}")

    check()


@pytest.mark.parametrize("source", ["vcard", "giving", "x-archive", "whatsapp"])
def test_a_broken_file_through_the_cli_leaves_the_database_unchanged(
        source: str, ok: Callable[..., Any], run: Callable[..., Any], kith_home: Path,
        tmp_path: Path) -> None:
    ok("network", "add", "Target", "--kind", "other")
    path = seed_copy(source, tmp_path)
    victim = path if path.is_file() else sorted(p for p in path.rglob("*.js"))[-1]
    victim.write_bytes(victim.read_bytes()[: len(victim.read_bytes()) // 2] + b"\xff\xfe{[")
    before = snapshot_db(kith_home)
    result = run("import", source, str(path), "--network", "Target")
    assert result.exit_code in (0, 2) and "Traceback" not in result.stderr
    if result.exit_code == 2:
        assert snapshot_db(kith_home) == before
        count("broken files refused through the CLI")


# 4. hostile archives and scripts ------------------------------------------------------------

def test_hostile_archives_are_refused(tmp_path: Path, fails: Callable[..., Any]) -> None:
    from tests.importing.test_archives import CASES

    for case, make in sorted(CASES.items()):
        folder = tmp_path / case.replace(" ", "-")
        folder.mkdir()
        archive = make(folder)
        source = "mastodon-archive" if archive.name.endswith(".tar.gz") else "x-archive"
        fails("import", source, str(archive), "--network", "Target")
        assert not (tmp_path / "evil.txt").exists() and not (folder.parent / "evil.txt").exists()
        count("hostile archives refused")


def test_a_js_file_that_tries_to_run_code_is_data_not_code(tmp_path: Path,
                                                           fails: Callable[..., Any]) -> None:
    archive = seed_copy("x-archive", tmp_path)
    marker = tmp_path / "pwned"
    (archive / "data" / "tweets.js").write_text(
        "window.YTD.tweets.part0 = (function(){ require('child_process')"
        f".execSync('touch {marker}'); return []; }})()\n")
    (archive / "data" / "account.js").write_text(
        f"__import__('os').system('touch {marker}')\n")
    fails("import", "x-archive", str(archive))
    assert not marker.exists()
    count("hostile archives refused")


# 5. faulty plugins --------------------------------------------------------------------------

def test_faulty_plugins_are_reported_and_the_write_is_kept(tmp_path: Path,
                                                           ok: Callable[..., Any],
                                                           kith_home: Path) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "fails_to_import.py").write_text("raise ImportError('missing dependency')\n")
    (folder / "raises.py").write_text(
        "from kith import hookimpl\n"
        "@hookimpl\n"
        "def interaction_recorded(interaction):\n"
        "    raise RuntimeError('hook bug')\n")
    (folder / "garbage.py").write_text(
        "from kith import hookimpl\n"
        "@hookimpl(tryfirst=True)\n"
        "def estimate_value(interaction):\n"
        "    return 'lots of value'\n")
    seen = tmp_path / "seen.txt"
    (folder / "listens.py").write_text(
        "from kith import hookimpl\n"
        "@hookimpl\n"
        "def interaction_recorded(interaction):\n"
        f"    open({str(seen)!r}, 'a').write(interaction.id + '\\n')\n")
    ok("network", "add", "Net")
    ok("person", "add", "Pat", "--network", "Net")
    result = subprocess.run(
        [sys.executable, "-m", "kith", "--plugins-dir", str(folder), "log", "Net", "--with",
         "Pat", "--gave", "--kind", "help", "--json"], capture_output=True, text=True,
        env={**os.environ, "KITH_HOME": str(kith_home)})
    assert result.returncode == 0, result.stderr
    for name in ("fails_to_import", "raises", "garbage"):
        assert f"plugin '{name}' failed" in result.stderr, result.stderr
    stored = json.loads(result.stdout)
    assert stored["value"]["favours"] == 1  # kith's default answered after the garbage
    assert seen.read_text().split() == [stored["id"]]
    assert [i.id for i in Store(kith_home).interactions()] == [stored["id"]]


# 6. environment faults, backups, doctor -----------------------------------------------------

def test_disk_full_is_a_clear_error_and_nothing_is_lost(
        ok: Callable[..., Any], fails: Callable[..., Any], kith_home: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    ok("network", "add", "Net")
    ok("person", "add", "Pat", "--network", "Net")
    from kith.persistence import folder

    def full(path: Path, payload: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(folder, "write_file", full)
        fails("log", "Net", "--with", "Pat", "--gave", match="the disk is full")
    healthy(kith_home)
    assert ok("log", "Net", "--with", "Pat", "--gave").exit_code == 0


def test_read_only_folder_is_a_clear_error(ok: Callable[..., Any], fails: Callable[..., Any],
                                           kith_home: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    ok("network", "add", "Net")

    def read_only(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    with pytest.MonkeyPatch.context() as patch:
        if os.geteuid() != 0:
            kith_home.chmod(0o500)
        else:  # root ignores permissions: fail the write as a read-only disk would
            from kith.persistence import folder

            patch.setattr(folder, "write_file", read_only)
        try:
            fails("network", "add", "Other", match="read-only")
        finally:
            kith_home.chmod(0o700)
    assert [n.name for n in Store(kith_home).networks()] == ["Net"]


@pytest.mark.parametrize("damage", ["truncated", "garbage", "emptied"])
def test_damaged_files_are_named_and_doctor_repair_restores_that_file(
        damage: str, ok: Callable[..., Any], run: Callable[..., Any],
        kith_home: Path) -> None:
    ok("network", "add", "Net")
    ok("person", "add", "Pat", "--network", "Net")
    ok("log", "Net", "--with", "Pat", "--gave", "--on", "2025-03-01")
    ok("backup")
    month = kith_home / "interactions" / "2025-03.json"
    data = month.read_bytes()
    month.write_bytes({"truncated": data[: len(data) // 2], "garbage": b"\x00\xffPK garbage",
                       "emptied": b""}[damage])
    result = run("history")
    assert result.exit_code == 2 and "2025-03.json" in result.stderr
    assert "doctor --repair" in result.stderr
    checked = run("doctor")
    assert checked.exit_code == 2 and "2025-03.json" in checked.stderr
    repaired = ok("doctor", "--repair")
    assert "moved aside damaged interactions/2025-03.json" in repaired.stdout
    assert "newest backup holding a healthy copy" in repaired.stdout
    assert len(json.loads(ok("history", "--json").stdout)) == 1
    ok("doctor")
    count("damaged databases repaired")


def test_doctor_rebuilds_aggregates_that_drifted(ok: Callable[..., Any], run: Callable[..., Any],
                                                 kith_home: Path) -> None:
    ok("network", "add", "Net")
    ok("person", "add", "Pat", "--network", "Net")
    ok("log", "Net", "--with", "Pat", "--gave", "--money", "10", "--on", "2025-03-01")
    totals = kith_home / "derived" / "networks.json"
    totals.write_text(totals.read_text().replace("1000", "999999"))
    result = run("doctor", "--json")
    assert result.exit_code == 2 and not json.loads(result.stdout)["healthy"]
    assert "differ from a recomputation" in result.stdout
    done = json.loads(ok("doctor", "--repair", "--json").stdout)
    assert done["healthy"] and "rebuilt" in done["repaired"]


def test_doctor_finds_broken_references_and_duplicates(ok: Callable[..., Any],
                                                       run: Callable[..., Any],
                                                       kith_home: Path) -> None:
    ok("network", "add", "Net")
    ok("person", "add", "Pat", "--network", "Net")
    ok("log", "Net", "--with", "Pat", "--gave", "--on", "2025-03-01")
    month = kith_home / "interactions" / "2025-03.json"
    data = json.loads(month.read_text())
    (ident, doc), = data["interactions"].items()
    doc["people"] = ["ghost"]
    month.write_text(json.dumps(data))
    other = kith_home / "interactions" / "2025-04.json"
    other.write_text(json.dumps({"interactions": {ident: doc}}))
    out = run("doctor").stderr
    assert "missing people ['ghost']" in out and f"interaction {ident} also in" in out


def test_backup_list_and_restore(ok: Callable[..., Any], fails: Callable[..., Any],
                                 kith_home: Path) -> None:
    ok("network", "add", "Net")
    made = json.loads(ok("backup", "--json").stdout)["name"]
    ok("network", "add", "Later")
    assert made in ok("backup", "--list").stdout
    result = json.loads(ok("restore", made, "--json").stdout)
    assert [n.name for n in Store(kith_home).networks()] == ["Net"]
    undo = Path(result["previous_state"]).name
    ok("restore", undo)
    assert [n.name for n in Store(kith_home).networks()] == ["Later", "Net"]
    fails("restore", "no-such-backup", match="no backup")
    assert "Usage" in ok("doctor", "--help").stdout + ok("backup", "--help").stdout + \
        ok("restore", "--help").stdout


def test_imports_back_up_first(ok: Callable[..., Any], kith_home: Path,
                               fixture_copy: Callable[[str], Path]) -> None:
    ok("network", "add", "Friends", "--kind", "friends")
    ok("import", "vcard", str(fixture_copy("vcard/contact1.vcf")), "--network", "Friends")
    assert any("import" in p.name for p in doctor.backups(kith_home))


def test_a_newer_schema_is_refused_and_left_alone(ok: Callable[..., Any],
                                                  fails: Callable[..., Any],
                                                  kith_home: Path) -> None:
    ok("network", "add", "Net")
    main = kith_home / "kith.json"
    data = json.loads(main.read_text())
    data["_meta"]["schema"]["version"] = 99
    main.write_text(json.dumps(data))
    fails("network", "list", match="newer")


# 7. privacy ---------------------------------------------------------------------------------

def test_files_are_private(ok: Callable[..., Any], kith_home: Path,
                           fixture_copy: Callable[[str], Path]) -> None:
    ok("network", "add", "Friends", "--kind", "friends")
    ok("import", "vcard", str(fixture_copy("vcard/contact1.vcf")), "--network", "Friends")
    ok("backup")
    paths = [kith_home, *kith_home.rglob("*")]
    assert len(paths) > 5
    for path in paths:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def test_no_command_opens_a_network_connection(ok: Callable[..., Any], tmp_path: Path,
                                               fixture_copy: Callable[[str], Path],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[str] = []

    def refuse(self: socket.socket, *args: Any) -> None:
        attempts.append(f"connect {args}")
        raise OSError("network access in a test")

    def no_lookup(*args: Any, **kwargs: Any) -> None:
        attempts.append(f"getaddrinfo {args}")
        raise OSError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", no_lookup)
    monkeypatch.setattr(socket, "create_connection", no_lookup)
    demo = tmp_path / "demo"
    for args in (["demo", "--db", str(demo)], ["init"], ["network", "add", "Friends"],
                 ["import", "vcard", str(fixture_copy("vcard/contact1.vcf")),
                  "--network", "Friends"],
                 ["import", "x-archive", str(fixture_copy("x")), "--network", "X",
                  "--create-network", "social"],
                 ["--db", str(demo), "assess"], ["--db", str(demo), "intro", "suggest"],
                 ["--db", str(demo), "remind"], ["--db", str(demo), "person", "duplicates"],
                 ["--db", str(demo), "doctor"], ["--db", str(demo), "backup"],
                 ["export", "vcard", str(tmp_path / "out.vcf")], ["plugins"]):
        ok(*args)
    assert attempts == []

"""``kith pull`` at scale (issue 29): 10k contacts, 10k events, 50k messages.

Targets: a pull with nothing new <= 1 s for folders (a vdir of contacts, a vdir calendar,
a Maildir) and <= 2 s over loopback DAV (Radicale on 127.0.0.1); a first pull of the same
<= 30 s. Times the use case (``kith.services.pull.pull_source``, what ``kith pull`` runs
after start-up) and prints medians of several runs of the nothing-new pull, in seconds,
with CPU time beside wall time (the machine may be loaded: read CPU then).

The DAV collections are filled by writing Radicale's storage folder directly (PUTting
20k items one by one would time Radicale, not kith); Radicale indexes them on the first
request, which the first pull pays.

Measured 2 December 2026, 10k contacts, 10k events, 50k messages, load average 5-9 on
2 CPUs (wall time is the machine's; read CPU). Median of 5 nothing-new runs; kith's CPU
(this process) and Radicale's CPU (read from /proc) apart. Before = the CTag and the sync
token in one PROPFIND, a listing of every href; after = the CTag alone, then RFC 6578
sync-collection:

========  ==========================  ===========================
source    before: nothing new          after: nothing new
========  ==========================  ===========================
CardDAV   0.91 s (kith 0.008, server   0.33 s (kith 0.008, server
          0.79)                        0.31; tuned server 0.26)
CalDAV    1.01 s (kith 0.011, server   0.36 s (kith 0.010, server
          0.80)                        0.35; tuned server 0.26)
========  ==========================  ===========================

First pulls, kith CPU before -> after: vdir contacts 4.7 -> 3.7 s, vdir calendar 8.5 ->
5.8 s, CardDAV 4.5 -> 4.1 s, CalDAV 5.9 -> 5.1 s (CPU under load varies +-25%). Folders
with nothing new: 0.05 s CPU. ``--tuned-server`` starts Radicale with its mtime-and-size
item cache. Not counted here: ``kith pull``'s start-up, which imports caldav/niquests
(about 0.3 s CPU of the 0.45 s a whole nothing-new ``kith pull`` process costs).

``--combined``: every source in one ``kith pull`` process, as a user runs it (a fresh
database, the network Friends, three ``kith source add``; then one first ``kith pull`` and
three with nothing new), median of ``--runs`` (3) fresh databases. Folders: vdir contacts
+ vdir calendar + Maildir; servers: CardDAV + CalDAV on Radicale + IMAP on Dovecot (the
Maildir with ``--maildir`` or without Dovecot). kith's CPU is the child process's own
(``RUSAGE_CHILDREN``); each server's is read from ``/proc`` (Dovecot's with its ``imap``
processes). Measured 2 December 2026, 10k contacts, 10k events, 50k messages, load
average 3.7-7.2 on 2 CPUs (read CPU; wall is the loaded machine's):

=======================  ==================================  ==========================
all sources together      first pull                          nothing new (median of 9)
=======================  ==================================  ==========================
folders                  24.5 s wall (kith cpu 20.7)         0.97 s wall (kith cpu 0.81)
Radicale + Dovecot       92.4 s wall (kith cpu 22.2,         5.8 s wall (kith cpu 1.11,
                         Radicale 14.9, Dovecot 0.35)        Radicale 1.25, Dovecot 0.02)
=======================  ==================================  ==========================

The servers again, 2 December 2026 (``--combined --dav-only``, median of 3 first pulls
and 9 nothing-new ones), the code before and after: the next multiget / IMAP FETCH asked
for while kith parses the last one (``kith.live.ahead``), events parsed as they arrive, a
plain line split for ASCII mail headers, the CTag request sent before kith reads its
database. Wall figures are the loaded machine's (the load differed: read CPU):

===========  ================================  ================================
             before (load 3.6)                 after (load 5.1)
===========  ================================  ================================
first pull   36.4 s wall (kith cpu 18.55,      41.8 s wall (kith cpu 16.43,
             Radicale 12.10, Dovecot 0.35)     Radicale 11.52, Dovecot 0.28)
nothing new  2.09 s wall (kith cpu 0.59,       2.59 s wall (kith cpu 0.52,
             Radicale 1.28, Dovecot 0.02)      Radicale 1.12, Dovecot 0.01)
===========  ================================  ================================

After, again at a lower load (2.1): first pull 22.7 s wall (kith cpu 13.96, Radicale 9.57,
Dovecot 0.29), nothing new 1.30 s wall (kith cpu 0.42, Radicale 0.84, Dovecot 0.01): the
targets met, the first pull's wall below kith's and the servers' CPU together. (The mail
suggestions count, 33,333 or a few more, depends on the minute the data is generated: a
midnight can split a thread's day.)

Interleaved at 2k contacts, 2k events, 10k messages (before, after, three rounds, load
4.5-4.9): first pull median 8.0 -> 7.8 s wall, nothing new median 1.19 -> 1.01 s wall.

Folders the same day, the code before and after run side by side (load 6.8): first pull
kith cpu 16.57 -> 15.56 s (47.4 -> 44.1 s wall), nothing new 0.41 -> 0.36 s cpu (1.14 ->
0.94 s wall).

Where the first pull's time goes (cProfile of ``kith pull`` at 2k contacts, 2k events,
10k messages, 8.3 s under the profiler): the calendar 3.3 s (``read_events`` 2.8, of
which icalendar's parsing 1.6 and the recurrence expander 0.5), the mail 3.2 s (header
parsing 1.9, the standard library's ``email`` parser 1.0 of it), the contacts 1.7 s
(vobject 0.9, matching 0.4); saving the 8.7k suggestions 0.5 s. All per item: no scan of
the database per item shows up, so the first pull grows linearly with the sources.

Usage: ``python bench/bench_pull.py [--contacts 10000] [--events 10000]
[--messages 50000] [--runs 5] [--no-dav | --dav-only] [--combined [--maildir]]``
"""

from __future__ import annotations

import argparse
import contextlib
import mailbox
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kith.core import clock  # noqa: E402
from kith.core.model import Network  # noqa: E402
from kith.live.definitions import SourceDefinition  # noqa: E402
from kith.persistence.store import Store  # noqa: E402
from kith.services.pull import pull_source  # noqa: E402
from tests.live.servers import (  # noqa: E402
    PASSWORD,
    TUNED,
    USER,
    card,
    event,
    mail,
    radicale,
)

NOW = datetime(2026, 6, 15, 12, tzinfo=UTC)


def fill(folder: Path, contacts: int, events: int, messages: int,
         now: datetime = NOW) -> dict[str, Path]:
    """The three folders at scale: a vdir of contacts, a vdir calendar whose events each
    have one contact for attendee, a Maildir of threads (a third of them answered) with
    those contacts, all within the last 50 days before ``now``."""
    paths = {"contacts": folder / "contacts", "calendar": folder / "calendar",
             "mail": folder / "Mail"}
    paths["contacts"].mkdir(parents=True)
    paths["calendar"].mkdir(parents=True)
    for n in range(contacts):
        (paths["contacts"] / f"c{n}.vcf").write_text(
            card(f"uid-{n}", f"Person{n} Family{n % 997}", f"p{n}@example.org"))
    start = now - timedelta(days=50)
    for n in range(events):
        when = (start + timedelta(minutes=7 * n % (50 * 24 * 60))).strftime("%Y%m%dT%H%M%SZ")
        (paths["calendar"] / f"e{n}.ics").write_text(
            event(f"ev-{n}", when, f"Meeting {n}", (f"p{n % max(contacts, 1)}@example.org",)))
    box = mailbox.Maildir(paths["mail"], create=True)
    for n in range(messages):
        when = (start + timedelta(minutes=n % (50 * 24 * 60))).strftime(
            "%a, %d %b %Y %H:%M:%S +0000")
        sender, to = (f"p{n % max(contacts, 1)}@example.org", "me@example.org") \
            if n % 2 else ("me@example.org", f"p{n % max(contacts, 1)}@example.org")
        box.add(mail(sender, to, f"Subject {n // 3}?", when, f"m{n}@x",
                     reply_to=f"m{n - 1}@x" if n % 3 else None))
    return paths


def server_cpu(pid: int | None) -> float:
    """CPU seconds (user + system) the server process has used so far: read from
    ``/proc``, so the server's cost is told apart from kith's (0 without a server)."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(action: Callable[[], Any], pid: int | None = None
          ) -> tuple[float, float, float, Any]:
    """Wall time, kith's CPU time (this process) and the server's CPU time of
    ``action``."""
    wall, cpu, server = time.perf_counter(), time.process_time(), server_cpu(pid)
    result = action()
    return (time.perf_counter() - wall, time.process_time() - cpu,
            server_cpu(pid) - server, result)


def bench(store: Store, definition: SourceDefinition, runs: int,
          pid: int | None = None) -> None:
    first_wall, first_cpu, first_server, summary = timed(
        lambda: pull_source(store, definition, rules=[]), pid)
    walls, cpus, servers = [], [], []
    for _ in range(runs):
        wall, cpu, server, again = timed(lambda: pull_source(store, definition, rules=[]),
                                         pid)
        assert not again.wrote, f"{definition.name}: a pull with nothing new wrote"
        walls.append(wall)
        cpus.append(cpu)
        servers.append(server)
    made = summary.added or summary.suggested
    beside = f", server cpu {first_server:6.2f}" if pid else ""
    print(f"{definition.name:<9} first pull {first_wall:6.2f} s (kith cpu {first_cpu:6.2f}"
          f"{beside}), {summary.read} read, {made} made")
    beside = f", server cpu {statistics.median(servers):5.3f}" if pid else ""
    print(f"{'':<9} nothing new: median {statistics.median(walls):5.3f} s (kith cpu "
          f"{statistics.median(cpus):5.3f}{beside}) over {runs} runs")


# all sources in one `kith pull` ----------------------------------------------------------

KITH = Path(sys.executable).with_name("kith")


def tree_cpu(pid: int | None) -> float:
    """CPU seconds used so far by the server ``pid`` and every process under it (Dovecot
    runs one ``imap`` process per connection; those gone are in the parent's reaped
    children's time, those alive are read one by one)."""
    if pid is None:
        return 0.0
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
        if int(entry.name) == pid:
            times[pid] += (int(fields[13]) + int(fields[14])) / tick
    total = 0.0
    for process, cpu in times.items():
        walk = process
        while walk not in (pid, 0, 1) and walk in parents:
            walk = parents[walk]
        if walk == pid:
            total += cpu
    return total


def run_kith(env: dict[str, str], *args: str, servers: tuple[int, ...] = ()
             ) -> tuple[float, float, list[float], str]:
    """One ``kith`` process: its wall time, its CPU time (user + system, from the
    kernel's account of the waited-for child), each server's CPU time, its output."""
    import resource
    import subprocess

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    served = [tree_cpu(pid) for pid in servers]
    wall = time.perf_counter()
    done = subprocess.run([str(KITH), *args], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if servers:
        time.sleep(0.2)  # a server's connection process is reaped by its parent
    served = [tree_cpu(pid) - cpu for pid, cpu in zip(servers, served, strict=True)]
    if done.returncode != 0:
        raise SystemExit(f"kith {' '.join(args)} failed ({done.returncode}): "
                         f"{done.stderr.strip()}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, served, done.stdout


def fill_dovecot(root: Path, maildir: Path) -> None:
    """Dovecot's own Maildir, a copy of the bench's, owned by the user its mail processes
    run as."""
    import pwd
    import shutil

    owner = pwd.getpwnam("nobody")
    target = root / "mail" / USER
    shutil.copytree(maildir, target)
    for place, folders, files in os.walk(root / "mail"):
        os.chown(place, owner.pw_uid, owner.pw_gid)
        for name in [*folders, *files]:
            os.chown(os.path.join(place, name), owner.pw_uid, owner.pw_gid)


def warm_dovecot(port: int) -> None:
    """Read every message's headers once, so that Dovecot's index and header cache exist
    (as they do for a mailbox in use) and the pulls time kith's reading, not the
    indexing."""
    import imaplib

    from kith.live.mail import HEADER_FIELDS

    connection = imaplib.IMAP4("127.0.0.1", port)
    connection.login(USER, PASSWORD)
    connection.select("INBOX", True)
    connection.uid("FETCH", "1:*", f"(UID BODY.PEEK[HEADER.FIELDS ({' '.join(HEADER_FIELDS)})])")
    connection.logout()


def combined_once(folder: Path, sources: list[list[str]], servers: dict[str, int],
                  again: int) -> tuple[tuple[float, float, list[float]],
                                       list[tuple[float, float, list[float]]], str]:
    """A fresh database with the network Friends and the sources added (``kith source
    add``); one first ``kith pull`` of them all, then ``again`` pulls with nothing new."""
    import shutil

    home = folder / "home"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir()
    (folder / "config.toml").unlink(missing_ok=True)
    env = {**os.environ, "KITH_HOME": str(home), "KITH_CONFIG": str(folder / "config.toml")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for name in ("KITH_PLUGINS", "KITH_BLOCK_PLUGINS", "KITH_PLUGINS_DIR"):
        env.pop(name, None)
    run_kith(env, "network", "add", "Friends", "--kind", "friends")
    for source in sources:
        run_kith(env, "source", "add", *source)
    pids = tuple(servers.values())
    wall, cpu, served, out = run_kith(env, "pull", servers=pids)
    nothing = []
    for _ in range(again):
        w, c, s, quiet = run_kith(env, "pull", servers=pids)
        assert all(line.endswith("nothing new") for line in quiet.splitlines()), quiet
        nothing.append((w, c, s))
    return (wall, cpu, served), nothing, out


def report_combined(title: str, servers: dict[str, int],
                    firsts: list[tuple[float, float, list[float]]],
                    nothing: list[tuple[float, float, list[float]]], out: str) -> None:
    def figures(runs: list[tuple[float, float, list[float]]]) -> str:
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        beside = "".join(f", {name} cpu {statistics.median(r[2][n] for r in runs):.2f}"
                         for n, name in enumerate(servers))
        return f"{wall:6.2f} s wall (kith cpu {cpu:6.2f}{beside})"

    print(f"{title}: first pull   {figures(firsts)}, median of {len(firsts)}")
    print(f"{'':<{len(title)}}  nothing new  {figures(nothing)}, median of {len(nothing)}")
    print(f"{'':<{len(title)}}  load average {os.getloadavg()[0]:.1f}; the first pull said:")
    for line in out.splitlines():
        print(f"{'':<{len(title)}}    {line}")


def combined(args: argparse.Namespace) -> None:
    """``kith pull`` of every source together, as a user runs it: the folders (vdir
    contacts, vdir calendar, Maildir), then the servers (CardDAV and CalDAV on Radicale,
    the mail over IMAP from Dovecot where it is installed, else the Maildir)."""
    from tests.live.servers import dovecot, dovecot_missing

    now = datetime.now(UTC)
    me = ["--me", "me@example.org"]
    print(f"scale: {args.contacts} contacts, {args.events} events, {args.messages} messages"
          f" in one `kith pull`; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        wall, _, _, paths = timed(lambda: fill(folder / "data", args.contacts, args.events,
                                            args.messages, now))
        print(f"generated in {wall:.1f} s")
        mail = ["mail", "--kind", "maildir", "--path", str(paths["mail"]),
                "--network", "Friends", *me]
        if not args.dav_only:
            sources = [
                ["contacts", "--kind", "vdir-contacts", "--path", str(paths["contacts"]),
                 "--network", "Friends"],
                ["calendar", "--kind", "vdir-calendar", "--path", str(paths["calendar"]),
                 "--network", "Friends", *me], mail]
            firsts, nothing, out = [], [], ""
            for _ in range(args.runs):
                first, again, out = combined_once(folder, sources, {}, 3)
                firsts.append(first)
                nothing += again
            report_combined("folders", {}, firsts, nothing, out)
        if args.no_dav:
            return
        why_not = dovecot_missing() if not args.maildir else "--maildir"
        with contextlib.ExitStack() as stack:
            server = stack.enter_context(
                radicale(folder / "radicale", TUNED if args.tuned_server else ()))
            servers = {"radicale": server.process.pid}
            load_radicale(server, folder, paths)
            secret = folder / "secret"
            secret.write_text(PASSWORD)
            login = ["--username", USER, "--password-command", f"cat {secret}"]
            if why_not is None:
                imap = stack.enter_context(dovecot())
                fill_dovecot(imap.root, paths["mail"])
                warm_dovecot(imap.port)
                servers["dovecot"] = imap.process.pid
                mail = ["mail", "--kind", "imap", "--url", imap.url, *login,
                        "--network", "Friends", *me]
            else:
                print(f"mail from the Maildir (no IMAP: {why_not})")
            sources = [
                ["contacts", "--kind", "carddav", "--url", server.url("book"), *login,
                 "--network", "Friends"],
                ["calendar", "--kind", "caldav", "--url", server.url("cal"), *login,
                 "--network", "Friends", *me], mail]
            firsts, nothing, out = [], [], ""
            for _ in range(args.runs):
                first, again, out = combined_once(folder, sources, servers, 3)
                firsts.append(first)
                nothing += again
            report_combined("servers", servers, firsts, nothing, out)


def load_radicale(server: Any, folder: Path, paths: dict[str, Path]) -> None:
    """Radicale's two collections, filled by writing its storage folder (PUTting 20k
    items one by one would time Radicale), then listed once so it indexes them."""
    server.make_collection("book", contacts=True)
    server.make_collection("cal", contacts=False)
    storage = folder / "radicale" / "storage" / "collection-root" / USER
    for kind, name in (("contacts", "book"), ("calendar", "cal")):
        for file in paths[kind].iterdir():
            (storage / name / file.name).write_bytes(file.read_bytes())
    for name in ("book", "cal"):
        server.request("PROPFIND", server.url(name), b"", {"Depth": "1"}, timeout=1800)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-dav", action="store_true")
    parser.add_argument("--dav-only", action="store_true",
                        help="Skip the folder pulls (the data is still generated).")
    parser.add_argument("--tuned-server", action="store_true",
                        help="Start Radicale with its mtime-and-size item cache.")
    parser.add_argument("--combined", action="store_true",
                        help="All sources in one `kith pull` (a kith process, sources "
                        "added with `kith source add`): first pull, then nothing new; "
                        "--runs fresh databases (default 3).")
    parser.add_argument("--maildir", action="store_true",
                        help="--combined: the servers' variant reads mail from the Maildir "
                        "instead of Dovecot.")
    args = parser.parse_args()
    if args.combined:
        if "--runs" not in sys.argv:
            args.runs = 3
        combined(args)
        return
    clock.now = lambda: NOW  # type: ignore[assignment]
    print(f"scale: {args.contacts} contacts, {args.events} events, {args.messages} messages;"
          f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        wall, _, _, paths = timed(lambda: fill(folder / "data", args.contacts, args.events,
                                            args.messages))
        print(f"generated in {wall:.1f} s")
        store = Store(folder / "db")
        with store.transaction():
            store.save_network(Network.create("Friends", kind="friends"))
        me = ("me@example.org",)
        for definition in () if args.dav_only else (
                SourceDefinition("contacts", "vdir-contacts", path=str(paths["contacts"]),
                                 network="Friends"),
                SourceDefinition("calendar", "vdir-calendar", path=str(paths["calendar"]),
                                 network="Friends", me=me),
                SourceDefinition("mail", "maildir", path=str(paths["mail"]),
                                 network="Friends", me=me)):
            bench(store, definition, args.runs)
        if args.no_dav:
            return
        with radicale(folder / "radicale", TUNED if args.tuned_server else ()) as server:
            load_radicale(server, folder, paths)
            secret = folder / "secret"
            secret.write_text(PASSWORD)
            dav_store = Store(folder / "db-dav")
            with dav_store.transaction():
                dav_store.save_network(Network.create("Friends", kind="friends"))
            for definition in (
                    SourceDefinition("carddav", "carddav", url=server.url("book"),
                                     username=USER, password_command=f"cat {secret}",
                                     network="Friends"),
                    SourceDefinition("caldav", "caldav", url=server.url("cal"),
                                     username=USER, password_command=f"cat {secret}",
                                     network="Friends", me=me)):
                bench(dav_store, definition, args.runs, server.process.pid)


if __name__ == "__main__":
    main()

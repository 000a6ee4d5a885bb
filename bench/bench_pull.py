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

Usage: ``python bench/bench_pull.py [--contacts 10000] [--events 10000]
[--messages 50000] [--runs 5] [--no-dav | --dav-only]``
"""

from __future__ import annotations

import argparse
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


def fill(folder: Path, contacts: int, events: int, messages: int) -> dict[str, Path]:
    paths = {"contacts": folder / "contacts", "calendar": folder / "calendar",
             "mail": folder / "Mail"}
    paths["contacts"].mkdir(parents=True)
    paths["calendar"].mkdir(parents=True)
    for n in range(contacts):
        (paths["contacts"] / f"c{n}.vcf").write_text(
            card(f"uid-{n}", f"Person{n} Family{n % 997}", f"p{n}@example.org"))
    start = NOW - timedelta(days=50)
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
    args = parser.parse_args()
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
            server.make_collection("book", contacts=True)
            server.make_collection("cal", contacts=False)
            storage = folder / "radicale" / "storage" / "collection-root" / USER
            for kind, name in (("contacts", "book"), ("calendar", "cal")):
                for file in paths[kind].iterdir():
                    (storage / name / file.name).write_bytes(file.read_bytes())
            for name in ("book", "cal"):  # Radicale indexes the files it was given
                server.request("PROPFIND", server.url(name), b"", {"Depth": "1"},
                               timeout=1800)
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

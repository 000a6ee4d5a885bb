"""Tombstones pruned once every device has seen them, so deletions do not pile up forever.

A tombstone keeps a deleted record from coming back from a device that still has it; it
can go once no device can still have the record. So each device says, in the synced
repository, how far it has seen: after each sync it pushes its own ref
``refs/kith/devices/<device id>`` naming the commit it holds (its history contains
everything it merged). The commit every device has seen is the common ancestor of all
those refs (``git merge-base --octopus``): a tombstone present there has reached, and
deleted the record on, every device, and is pruned.

Safely: the devices counted are every author of the history (kith's commits are signed
``kith@<device id>``), not only those that announced themselves, so a device that has
not synced for a long time (or an older kith that does not announce, or a commit made
by hand) holds its ref back, or has none, and nothing is pruned past what it has seen: it
can never bring a deleted record back. Each device prunes the same tombstones (those of
the same ancestor), so a pruned tombstone does not return from another device's copy
once that one has synced again.

Cost follows the change: pruning runs at most once a day (``PRUNE_EVERY``), and looks only at
``kith.json``, the month files changed since the previous common ancestor, and those
that still held tombstones too young to go. A tombstone goes only after
``PRUNE_AFTER`` too (by its own stamp; safety does not depend on the clock, only when
the few bytes go): deletions are pruned in batches, not one commit per sync.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from kith.core import clock
from kith.persistence.stamps import MAIN, TOMBSTONES, tombstone_stamp

DEVICE_REFS = "refs/kith/devices/"
"""On the remote: each device's last synced commit."""
SEEN_REFS = "refs/kith/seen/"
"""Here: the remote's device refs, as the last fetch found them."""
FETCH_REFSPEC = f"+{DEVICE_REFS}*:{SEEN_REFS}*"
PRUNED = "kith.pruned"
"""git config: the common ancestor tombstones were last pruned for."""
PRUNED_ON = "kith.pruned-on"
"""git config: when pruning last ran (it runs at most every ``PRUNE_EVERY``)."""
PRUNE_EVERY = timedelta(days=1)
PENDING = "kith.prune-pending"
"""git config: month files that held tombstones too young to prune."""
PRUNE_AFTER = timedelta(days=30)
"""A tombstone every device has seen goes once it is this old."""
ANNOUNCED_ON = "kith.announced-on"
"""git config: when a sync that pushed nothing last announced this device's ref. A
pushing sync announces in its own push, for free; one that only fast-forwarded would
need a push of its own (the slowest step of an incremental sync), so it announces at most
every ``PRUNE_EVERY``, as often as pruning runs: a ref announced late only keeps
tombstones longer, never prunes one too early."""


def announce_refspec(commit: str, device: str) -> str:
    return f"+{commit}:{DEVICE_REFS}{device}"


def _authors(git: Any) -> set[str] | None:
    """The device ids of every commit's author; None when one is not kith's (a commit
    made by hand: that clone is a device kith cannot count)."""
    done = git.run("log", "--format=%ae", "HEAD", check=False)
    if done.returncode != 0:
        return None
    devices: set[str] = set()
    for email in set(done.stdout.decode(errors="replace").split()):
        name, _, _host = email.partition("@")
        if name != "kith" or not _host:
            return None
        devices.add(_host)
    return devices


def seen_commits(git: Any) -> dict[str, str]:
    """Each device's announced commit, as the last fetch found them."""
    done = git.run("for-each-ref", "--format=%(refname) %(objectname)", SEEN_REFS,
                   check=False)
    seen: dict[str, str] = {}
    for line in done.stdout.decode(errors="replace").splitlines():
        ref, _, sha = line.partition(" ")
        if ref.startswith(SEEN_REFS) and sha:
            seen[ref[len(SEEN_REFS):]] = sha
    return seen


def seen_by_all(git: Any, me: str) -> str | None:
    """The newest commit every device of the history has seen, or None (a device has
    not announced how far it has seen, or there is no common ancestor)."""
    head = git.rev("HEAD")
    authors = _authors(git) if head else None
    if head is None or authors is None:
        return None
    seen = seen_commits(git)
    seen[me] = head
    if any(device not in seen for device in authors):
        return None
    done = git.run("merge-base", "--octopus", *sorted(set(seen.values())), check=False)
    base = done.stdout.decode().strip()
    return base if done.returncode == 0 and base else None


def moment_text() -> str:
    return clock.now().astimezone(UTC).isoformat(timespec="seconds")


def announce_due(last: str | None) -> bool:
    """Whether a sync that pushed nothing should announce its ref (``ANNOUNCED_ON``)."""
    return _due(last, clock.now().astimezone(UTC))


def _due(last: str | None, moment: datetime) -> bool:
    """Whether ``PRUNE_EVERY`` has passed since pruning last ran (or the clock went back
    past it)."""
    try:
        before = datetime.fromisoformat(last) if last else None
    except ValueError:
        return True
    if before is None or before.tzinfo is None:
        return True
    return not before <= moment < before + PRUNE_EVERY


def prune(store: Any, git: Any, me: str) -> int:
    """Remove the tombstones every device has seen (see the module); returns how many.
    Runs under the sync's lock, before its local commit."""
    moment = clock.now().astimezone(UTC)
    if not _due(git.config(PRUNED_ON), moment):
        return 0
    base = seen_by_all(git, me)
    previous = git.config(PRUNED)
    if base is None or (base == previous and not git.config(PENDING)):
        return 0
    git.set_config(PRUNED_ON, moment.isoformat(timespec="seconds"))
    limit = (moment - PRUNE_AFTER).strftime("%Y-%m-%dT%H:%M:%S")
    names = {MAIN, *(n for n in (git.config(PENDING) or "").split(",") if n)}
    if previous and git.rev(previous):
        listing = git.run("diff", "--name-only", "-z", "--no-renames", previous, base,
                          check=False).stdout.decode(errors="replace")
        names.update(n for n in listing.split("\0") if n.startswith("interactions/"))
    else:  # the first time: every month file that holds tombstones here
        names.update(f"interactions/{month}.json" for month in store.months())
    names = {name for name in names if store.files.exists(name)
             and store.files.read(name).get(TOMBSTONES)}  # only where we hold some
    seen = git.read_files(base, names) if names else {}
    removed = 0
    pending: set[str] = set()
    with store.transaction():
        for name, content in sorted(seen.items()):
            old = content.get(TOMBSTONES) if isinstance(content, dict) else None
            if not isinstance(old, dict) or not old or not store.files.exists(name):
                continue
            data = store.files.read(name)
            mine = data.get(TOMBSTONES)
            if not isinstance(mine, dict):
                continue
            gone = []
            for key, doc in old.items():
                if key not in mine or mine[key] != doc or not isinstance(doc, dict):
                    continue
                if tombstone_stamp(doc)[0][:19] < limit:
                    gone.append(key)
                else:
                    pending.add(name)
            if gone:
                for key in gone:
                    del mine[key]
                store.files.write(name, data)
                removed += len(gone)
    git.set_config(PENDING, ",".join(sorted(pending)))
    git.set_config(PRUNED, base)
    return removed

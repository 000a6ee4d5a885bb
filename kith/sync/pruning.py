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

Cost follows the change: only ``kith.json`` and the month files changed since the
previous common ancestor are looked at, and only when that ancestor moved.
"""

from __future__ import annotations

from typing import Any

from kith.persistence.stamps import MAIN, TOMBSTONES

DEVICE_REFS = "refs/kith/devices/"
"""On the remote: each device's last synced commit."""
SEEN_REFS = "refs/kith/seen/"
"""Here: the remote's device refs, as the last fetch found them."""
FETCH_REFSPEC = f"+{DEVICE_REFS}*:{SEEN_REFS}*"
PRUNED = "kith.pruned"
"""git config: the common ancestor tombstones were last pruned for."""


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


def prune(store: Any, git: Any, me: str) -> int:
    """Remove the tombstones every device has seen (see the module); returns how many.
    Runs under the sync's lock, before its local commit."""
    base = seen_by_all(git, me)
    previous = git.config(PRUNED)
    if base is None or base == previous:
        return 0
    names = {MAIN}
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
    with store.transaction():
        for name, content in sorted(seen.items()):
            old = content.get(TOMBSTONES) if isinstance(content, dict) else None
            if not isinstance(old, dict) or not old or not store.files.exists(name):
                continue
            data = store.files.read(name)
            mine = data.get(TOMBSTONES)
            if not isinstance(mine, dict):
                continue
            gone = [key for key, doc in old.items() if key in mine and mine[key] == doc]
            if gone:
                for key in gone:
                    del mine[key]
                store.files.write(name, data)
                removed += len(gone)
    if not store.files.in_transaction:
        store.files.forget()
    git.set_config(PRUNED, base)
    return removed

"""The cheap look for visible damage that every commit takes before it writes.

Writing on top of a damaged file would bury the damage under new records, so a commit
first checks that no data file is empty, cut short or a sync-conflict copy, and refuses
(pointing to ``kith doctor --repair``) if one is. Full parsing is ``kith doctor``'s job
(``kith.reliability.check``); this must stay cheap (size, first and last bytes, names).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from kith.core.errors import StoreError
from kith.persistence.folder import is_data_path, live_files
from kith.persistence.stamps import MAIN

SYNC_CONFLICT = re.compile(r"\(.*conflict.*\)|\.sync-conflict-|conflicted copy")
"""How Dropbox, Nextcloud and Syncthing name the copies they make (kith's own names,
network slugs included, never contain brackets, dots or spaces)."""
MONTH_NAME = re.compile(r"\d{4}-\d{2}\.json")
DERIVED_NAME = re.compile(r"(networks|people-[0-9a-f])\.json")


def misplaced_reason(relative: Path) -> str | None:
    """Why a data file's name does not belong in the layout, or None.

    What is flagged: anything in ``interactions/`` that is not a month file, and copies
    of kith's own files that sync tools leave beside them (``kith (conflicted copy).json``,
    ``networks.sync-conflict-....json``). Other files (a plugin's, a newer kith's) are left
    alone."""
    parts = relative.parts
    stem = relative.name.lower()
    if SYNC_CONFLICT.search(stem):
        return "a sync-conflict copy"
    if len(parts) == 2 and parts[0] == "interactions" and not MONTH_NAME.fullmatch(parts[1]):
        return "not a month file (a sync-conflict copy?)"
    if len(parts) == 2 and parts[0] == "derived" and not DERIVED_NAME.fullmatch(parts[1]) \
            and stem.startswith(("networks", "people-")):
        return "a copy of a derived file (a sync-conflict copy?)"
    if len(parts) == 1 and parts[0] != MAIN and stem.startswith("kith"):
        return "a copy of kith.json (a sync-conflict copy?)"
    return None


def looks_damaged(path: Path) -> str | None:
    """A cheap look at a data file (size, first and last bytes) for visible damage:
    empty or cut short. Full parsing is ``kith doctor``'s job; this runs on every commit."""
    try:  # os.pread, not open(): no buffered reader built for two small reads, 150 files
        fd = os.open(path, os.O_RDONLY)
        try:
            size = os.fstat(fd).st_size
            if size == 0:
                return "empty (truncated?)"
            head = os.pread(fd, 1, 0)
            tail = os.pread(fd, 64, max(0, size - 64)).rstrip()
        finally:
            os.close(fd)
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"unreadable ({error.strerror or error})"
    if head != b"{" or not tail.endswith(b"}"):
        return "not a complete JSON object (truncated or overwritten?)"
    return None


def damaged_files(home: Path) -> list[tuple[str, str]]:
    """Data files with visible damage or a name outside the layout, as
    ``(relative name, why)``: the cheap check every commit makes."""
    found = []
    for path in live_files(home, ".json"):  # data_files(), each path made relative once
        relative = path.relative_to(home)
        if not is_data_path(relative):
            continue
        why = misplaced_reason(relative) or looks_damaged(path)
        if why:
            found.append((str(relative), why))
    return found


def refuse_if_damaged(home: Path) -> None:
    """Raise ``StoreError`` naming the first damaged file, if any."""
    damaged = damaged_files(home)
    if damaged:
        name, why = damaged[0]
        more = f" (and {len(damaged) - 1} more)" if len(damaged) > 1 else ""
        raise StoreError(f"{home / name} is damaged: {why}{more}; nothing was written; "
                         "run `kith doctor --repair` first")

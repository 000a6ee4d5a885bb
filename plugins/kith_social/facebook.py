"""Facebook "Download your information" (JSON): Messenger threads and friends.

Threads are found by walking, whatever the export year's folder layout
(``messages/inbox/<thread>/message_N.json``, ``your_activity_across_facebook/...``,
``your_facebook_activity/...``, and the end-to-end-encrypted ``<Thread>_<N>.json``
layout). A thread's ``message_N`` files are merged and sorted by time. Facebook writes
UTF-8 bytes as separate characters ("Rados\\u00c5\\u0082aw"); every string is repaired.
People are display names only, so they are matched by name. The owner is the participant
present in every thread (or ``--me NAME``).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kith.api import (
    ImportBatch,
    ImportContext,
    ImportFormatError,
    Message,
    NetworkHint,
    PersonRecord,
    conversation_days,
    link_writers_of_the_day,
    open_source,
)
from kith_social.jsdata import parse_json, repair

E2EE_FILE = re.compile(r"^(.+)_(\d+)\.json$")


def _threads(tree: Any) -> dict[str, list[tuple[str, Any]]]:
    """Thread key -> parsed files, for both layouts."""
    threads: dict[str, list[tuple[str, Any]]] = {}
    for name in tree.names():
        parts = name.split("/")
        if "messages" not in parts or not name.endswith(".json"):
            continue
        base = parts[-1]
        if base.startswith("message_") and len(parts) >= 2:
            key = "/".join(parts[:-1])
        elif E2EE_FILE.match(base) and parts[-2] == "messages":
            key = "/".join(parts[:-1]) + "/" + E2EE_FILE.match(base).group(1)  # type: ignore[union-attr]
        else:
            continue
        data = repair(parse_json(tree.read_bytes(name), tree.describe(name)))
        if isinstance(data, dict) and "participants" in data and "messages" in data:
            threads.setdefault(key, []).append((tree.describe(name), data))
    return threads


def _participants(data: dict[str, Any]) -> list[str]:
    names = []
    for item in data.get("participants") or []:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            names.append(name.strip())
    return names


def parse(path: Path, context: ImportContext) -> ImportBatch:
    with open_source(path) as tree:
        threads = _threads(tree)
        friend_files = [n for n in tree.names() if n.endswith(("your_friends.json",
                                                               "friends/friends.json"))]
        friends_data = [(tree.describe(n), repair(parse_json(tree.read_bytes(n),
                                                             tree.describe(n))))
                        for n in friend_files]
    if not threads and not friends_data:
        raise ImportFormatError("no Messenger threads or friends list found (is this a "
                                "Facebook JSON export?)", file=str(path))
    counts: Counter[str] = Counter()
    for files in threads.values():
        counts.update(set(_participants(files[0][1])))
    me = context.options.get("me")
    if not me:
        titles = {str(d.get("title") or d.get("threadName") or "") for files in
                  threads.values() for _, d in files}
        # you are in every thread, and a one-to-one thread is titled after the other person
        everywhere = [n for n, c in counts.items() if c == len(threads) and n not in titles]
        if len(threads) and len(everywhere) != 1:
            candidates = ", ".join(n for n, _ in counts.most_common(3))
            raise ImportFormatError("cannot tell which participant is you; pass --me NAME "
                                    f"(candidates: {candidates})", file=str(path))
        me = everywhere[0] if everywhere else "Me"
    people: dict[str, PersonRecord] = {}

    def ref_of(name: str) -> str:
        if name == me:
            return "owner"
        ref = f"fb:{name.casefold()}"
        if ref not in people:
            people[ref] = PersonRecord(ref=ref, name=name, match_by_name=True,
                                       source_id=name.casefold())
        return ref

    messages: list[Message] = []
    for key, files in sorted(threads.items()):
        participants = {ref_of(n) for _, d in files for n in _participants(d)}
        thread: list[Message] = []
        for where, data in files:
            for index, message in enumerate(data.get("messages") or [], 1):
                if not isinstance(message, dict):
                    context.bad_record(ImportFormatError("not a message", file=where,
                                                         record=index))
                    continue
                sender = message.get("sender_name") or message.get("senderName")
                stamp = message.get("timestamp_ms", message.get("timestamp"))
                if not isinstance(sender, str) or not isinstance(stamp, int | float):
                    context.bad_record(ImportFormatError(
                        "message without sender or timestamp", file=where, record=index))
                    continue
                if message.get("is_unsent") or message.get("isUnsent"):
                    continue
                kind = "call" if message.get("type") == "Call" else "message"
                try:
                    when = datetime.fromtimestamp(stamp / 1000, tz=UTC)
                except (OverflowError, OSError, ValueError):
                    context.bad_record(ImportFormatError(
                        f"timestamp {stamp!r} is not a real time", file=where, record=index))
                    continue
                thread.append(Message(
                    conversation=key, when=when,
                    sender=ref_of(sender), participants=tuple(participants | {ref_of(sender)}),
                    text=str(message.get("content") or message.get("text") or ""), kind=kind,
                    minutes=int(message.get("call_duration") or 0) // 60))
        if len(participants - {"owner"}) > 1:  # a group: who wrote that day
            link_writers_of_the_day(thread, "owner")
        messages += thread
    for where, data in friends_data:
        entries = data.get("friends_v2", data.get("friends")) if isinstance(data, dict) else None
        for index, entry in enumerate(entries or [], 1):
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                context.bad_record(ImportFormatError("friend without a name", file=where,
                                                     record=index))
                continue
            ref = ref_of(entry["name"])
            if ref != "owner" and isinstance(entry.get("timestamp"), int):
                try:
                    people[ref].connected = datetime.fromtimestamp(entry["timestamp"],
                                                                   tz=UTC).date()
                except (OverflowError, OSError, ValueError):
                    context.warn(f"{where}: friend {index}: timestamp is not a real time; "
                                 "kept without a date")
    interactions = conversation_days(messages, "owner", prefix="messenger")
    return ImportBatch(people=list(people.values()), interactions=interactions,
                       owner=PersonRecord(ref="owner", name=me),
                       network=NetworkHint("Facebook", "social"))

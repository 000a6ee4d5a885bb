"""From messages to interactions: one conversation-day, one interaction.

A person who exchanges forty messages with a friend on a Tuesday had one conversation,
not forty interactions. Every chat-like importer (X and Mastodon direct messages,
Facebook, LinkedIn, WhatsApp, Signal, email) turns its messages into ``Message`` objects
and calls ``conversation_days``, so the rules live in one place:

- who wrote first that day sets the direction: the user reaching out is ``gave``
  (a message, kind ``message``);
- someone else writing first is ``received``, unless the user answered: then it was a
  shared conversation. It is **invited** (the seed documents' distinction between being
  sought out and pitching) only when they opened the day with a question or a request:
  a request for help the user answered is help given (kind ``help``), any other question
  answered is a shared ``conversation``; small talk answered is shared but not invited;
- everyone who wrote or was written to that day is linked. Group chats pass only the
  sender of each message, so a day links the members who wrote that day, not everyone
  who ever joined the group.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from kith.importing.toolkit.records import InteractionRecord

HELP_WORDS = re.compile(
    r"\b(help|advice|advise|recommend|could you|can you|would you|do you know|any idea|"
    r"looking for|need (a|an|some)|how do i|favou?r)\b", re.IGNORECASE)


@dataclass
class Message:
    """One message as an importer read it; people are the batch's person refs."""

    conversation: str
    when: datetime
    sender: str
    participants: tuple[str, ...]
    text: str = ""
    kind: str = "message"
    minutes: int = 0
    meta: dict[str, object] = field(default_factory=dict)


def link_writers_of_the_day(messages: list[Message], owner: str) -> None:
    """Set who each message of one conversation involves besides its sender.

    One to one: the other person, even on days they are quiet. A group: a day links
    those who wrote that day; a day when only the user wrote links the members who had
    written before it (the group as it was then, never someone who joins months later).
    """
    others = {m.sender for m in messages} - {owner}
    if len(others) <= 1:
        everyone = tuple(sorted({m.sender for m in messages}))
        for message in messages:
            message.participants = everyone
        return
    writers: dict[str, set[str]] = {}
    for message in messages:
        writers.setdefault(message.when.date().isoformat(), set()).add(message.sender)
    seen: dict[str, None] = {}
    for message in sorted(messages, key=lambda m: m.when):
        if writers[message.when.date().isoformat()] == {owner}:
            message.participants = tuple(seen)
        else:
            message.participants = ()
            if message.sender != owner:
                seen[message.sender] = None


def _sent_at(message: Message) -> datetime:
    return message.when


def conversation_days(messages: Iterable[Message], owner: str, *, prefix: str,
                      default_kind: str = "message") -> list[InteractionRecord]:
    """One ``InteractionRecord`` per conversation and calendar day (in each message's
    own time zone), with direction, kind and ``invited`` from who wrote first."""
    # days keyed by date objects (they sort as their ISO text does), and one pass over a
    # day's messages: an X archive brings 150k messages, and this loop is per message
    days: dict[tuple[str, date], list[Message]] = {}
    for message in messages:
        key = (message.conversation, message.when.date())
        bucket = days.get(key)
        if bucket is None:
            days[key] = [message]
        else:
            bucket.append(message)
    records = []
    for key in sorted(days):
        items = days[key]
        if len(items) > 1:
            items.sort(key=_sent_at)
        people: dict[str, None] = {}
        by_me = minutes = 0
        kinds = set()
        for message in items:
            if message.sender == owner:
                by_me += 1
            else:
                people[message.sender] = None
            for ref in message.participants:
                if ref != owner:
                    people[ref] = None
            minutes += message.minutes
            kinds.add(message.kind)
        if not people:
            continue
        first = items[0]
        kind = "call" if "call" in kinds else kinds.pop() if len(kinds) == 1 else default_kind
        invited = False
        if first.sender == owner:
            direction = "gave"
        elif by_me:
            if HELP_WORDS.search(first.text or ""):
                direction, kind, invited = "gave", "help", True
            elif "?" in (first.text or ""):
                direction, kind, invited = "shared", "conversation", True
            else:
                direction, kind = "shared", kind if kind != default_kind else "conversation"
        else:
            direction = "received"
        conversation, day = key
        records.append(InteractionRecord(
            source_id=f"{prefix}:{conversation}:{day.isoformat()}", when=first.when,
            people=list(people), direction=direction, kind=kind, invited=invited,
            meta={"messages": len(items), "by_me": by_me, "by_them": len(items) - by_me,
                  "minutes": minutes, "conversation": conversation}))
    return records

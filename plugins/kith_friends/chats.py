"""WhatsApp and Signal chat exports (plain text).

WhatsApp writes ``06/03/2017, 00:45 - Name: message`` on Android and
``[24/10/24, 9:18:35 AM] Name: message`` on iOS; the order of day and month, the clock
and the separators follow the phone's locale, so the order is inferred from the values
across the whole file (a first number above 12 means day first, a second above 12 means
month first; ``--date-order`` settles files that never say). Lines without the prefix
continue the previous message; lines without ``Name:`` are system lines. U+200E marks
and U+202F spaces are removed. Signal exports (from third-party tools) look like
``[2019-12-24, 12:23] Jane Doe: Hello``.

A chat file is one conversation; a conversation-day is one interaction; who wrote first
that day sets the direction. In a one-to-one chat the other person is on every day; in a
group chat a day links the members who wrote that day (not one who joined months
later). A sender shown as a phone number (no contact name on the phone) becomes a person
with that ``phone`` handle, so an existing contact with that number is matched. Which
name is the user's comes from ``--me NAME`` (exports do not say); without it every
message counts as someone else's. A line whose date cannot be real is skipped and listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kith.api import (
    ImportBatch,
    ImportContext,
    ImportFormatError,
    Message,
    NetworkHint,
    PersonRecord,
    conversation_days,
    infer_date_order,
    link_writers_of_the_day,
    local_tz,
    ordered_ymd,
    read_limited,
)

PREFIX = re.compile(
    r"^\[?(?P<a>\d{1,4})[./-](?P<b>\d{1,2})[./-](?P<c>\d{2,4}),?\s+"
    r"(?P<h>\d{1,2})[:.](?P<m>\d{2})(?:[:.](?P<s>\d{2}))?\s*"
    r"(?P<ampm>[aApP]\.?\s?[mM]\.?)?\]?\s*(?:-\s)?(?P<rest>.*)$")
SPEAKER = re.compile(r"^(?P<name>[^:]{1,80}?):(?P<text>.*)$")
PHONE_NAME = re.compile(r"^\+?[\d\s().\-]{7,25}$")


@dataclass
class Line:
    number: int
    a: int
    b: int
    c: int
    hour: int
    minute: int
    second: int
    rest: str
    raw_a: str


def _clean(line: str) -> str:
    return line.replace("\u200e", "").replace("\u200f", "").replace("\u202f", " ").replace(
        "\xa0", " ").rstrip("\r")


def date_order(lines: list[Line], hint: str | None) -> str:
    """``ymd``, ``dmy`` or ``mdy`` from every date in the file."""
    if hint:
        return hint
    if lines and len(lines[0].raw_a) == 4:
        return "ymd"
    try:
        order = infer_date_order([(line.a, line.b) for line in lines])
    except ValueError:
        order = None  # both orders: the lines that cannot be real are skipped
    # never said: most locales put the day first; --date-order mdy to override
    return order or "dmy"


def parse_chat(path: Path, context: ImportContext, *, prefix: str) -> ImportBatch:
    try:
        text = read_limited(path).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFormatError(f"not UTF-8 text (byte {error.start})", file=str(path)) from None
    parsed: list[Line] = []
    continuation: dict[int, list[str]] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        cleaned = _clean(raw)
        match = PREFIX.match(cleaned)
        if not match:
            if parsed:
                continuation.setdefault(len(parsed) - 1, []).append(cleaned)
            elif cleaned.strip():
                raise ImportFormatError("does not start like a chat export "
                                        "(e.g. '06/03/2017, 00:45 - Name: message')",
                                        file=str(path), record=f"line {number}")
            continue
        hour = int(match["h"])
        ampm = (match["ampm"] or "").replace(".", "").replace(" ", "").lower()
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        parsed.append(Line(number, int(match["a"]), int(match["b"]), int(match["c"]), hour,
                           int(match["m"]), int(match["s"] or 0), match["rest"], match["a"]))
    if not parsed:
        raise ImportFormatError("no chat messages found", file=str(path))
    order = date_order(parsed, context.options.get("date_order"))
    zone = local_tz()
    me = (context.options.get("me") or "").strip()
    conversation = path.stem
    people: dict[str, PersonRecord] = {}
    messages: list[Message] = []
    first_bad: ImportFormatError | None = None
    for index, line in enumerate(parsed):
        try:
            when = datetime(*ordered_ymd(order, line.a, line.b, line.c), line.hour,
                            line.minute, line.second, tzinfo=zone)
        except ValueError:
            problem = ImportFormatError(
                f"not a real date or time in the {order.upper()} order this file uses "
                "(try --date-order)", file=str(path), record=f"line {line.number}")
            first_bad = first_bad or problem
            context.bad_record(problem)
            continue
        speaker = SPEAKER.match(line.rest)
        if not speaker:
            continue  # a system line: "Messages are end-to-end encrypted", "X joined"
        name = speaker["name"].strip()
        body = "\n".join([speaker["text"].strip(), *continuation.get(index, [])])
        if name == me:
            ref = "owner"
        else:
            ref = f"chat:{name.casefold()}"
            if ref not in people:
                people[ref] = _sender(ref, name)
        messages.append(Message(conversation, when, ref, (), text=body))
    if not messages and first_bad:
        raise first_bad  # not one line could be read: the file is not what it seems
    link_writers_of_the_day(messages, "owner")
    batch = ImportBatch(people=list(people.values()),
                        interactions=conversation_days(messages, "owner", prefix=prefix),
                        owner=PersonRecord(ref="owner", name=me) if me else None,
                        network=NetworkHint("Friends", "friends"))
    batch.interactions.sort(key=lambda r: r.when)
    if not me:
        batch.warnings.append(f"{path.name}: pass --me NAME so your own messages count as "
                              "yours; all messages were taken as others'")
    for record in batch.interactions:
        record.meta["chat_order"] = order
    return batch


def _sender(ref: str, name: str) -> PersonRecord:
    """A chat sender: a phone number shown as the name is a ``phone`` handle."""
    if PHONE_NAME.match(name) and sum(c.isdigit() for c in name) >= 7:
        return PersonRecord(ref=ref, name=name, handles={"phone": [name]})
    return PersonRecord(ref=ref, name=name, match_by_name=True, source_id=name.casefold())


def whatsapp(path: Path, context: ImportContext) -> ImportBatch:
    return parse_chat(path, context, prefix="whatsapp")


def signal(path: Path, context: ImportContext) -> ImportBatch:
    return parse_chat(path, context, prefix="signal")


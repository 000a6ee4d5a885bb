"""LinkedIn data export (zip or folder): connections, messages, invitations.

``Connections.csv`` comes with a preamble (a ``Notes:`` line and a quoted paragraph) in
current exports and without one in 2018's; lines are skipped until the header. Current
``messages.csv`` has conversation ids and profile URLs; 2018's ``Messages.csv`` has
``Direction``. Invitations sent are connections the user pitched; received ones came to
the user. CSV files may carry a byte-order mark, quoted commas and newlines.

Odd corners of real exports: when a connection hides their email, LinkedIn writes their
member URN (``urn:li:member:664293716``) in "Email Address"; it becomes a ``linkedin``
handle. An unreadable "Connected On" keeps the connection without a date (a warning); a
message or invitation with an unreadable date is skipped and listed.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

from kith.api import (
    ImportBatch,
    ImportContext,
    ImportFormatError,
    InteractionRecord,
    Message,
    NetworkHint,
    PersonRecord,
    SourceTree,
    ValidationError,
    conversation_days,
    first_format_date,
    normalize_handle,
    open_source,
)

DATE_FORMATS = ("%d %b %Y", "%m/%d/%y, %I:%M %p", "%m/%d/%y", "%Y-%m-%d", "%d/%m/%Y")
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S %Z", "%Y-%m-%d %H:%M:%S", "%m/%d/%y, %I:%M %p",
                "%m/%d/%Y, %I:%M %p", "%a %b %d %H:%M:%S %Z %Y", "%m/%d/%y %I:%M %p")


def _rows(tree: SourceTree, name: str, first_column: str,
          text: str | None = None) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV member as dicts, after skipping any preamble before the header
    (``text``: the member's text when the caller has already read it)."""
    text = tree.read_text(name) if text is None else text
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines)
                  if line.lstrip('\ufeff"').lower().startswith(first_column.lower())), None)
    if start is None:
        raise ImportFormatError(f"no header starting with {first_column!r}",
                                file=tree.describe(name))
    reader = csv.reader(io.StringIO("".join(lines[start:])))
    header = [h.strip() for h in next(reader)]
    result = []
    line = start + 1
    for row in reader:
        line += 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) == 1 and "," in row[0]:  # a row wrapped whole in quotes
            row = next(csv.reader([row[0]]))
        result.append((line, {h: (row[i].strip() if i < len(row) else "")
                              for i, h in enumerate(header)}))
    return result


def _date(text: str, where: str, line: int) -> date | None:
    try:
        return first_format_date(text, DATE_FORMATS)
    except ValueError:
        raise ImportFormatError(f"unrecognised date {text.strip()!r}", file=where,
                                record=f"line {line}") from None


def _time(text: str, where: str, line: int) -> datetime:
    text = text.strip()
    for fmt in TIME_FORMATS:
        try:
            moment = datetime.strptime(text, fmt)
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        except ValueError:
            continue
    try:
        moment = datetime.fromisoformat(text.replace(" UTC", "+00:00"))
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    except ValueError:
        raise ImportFormatError(f"unrecognised date {text!r}", file=where,
                                record=f"line {line}") from None


def _profile_id(url: str) -> str:
    """A member's id in the export: their profile in kith's one form, so the URL LinkedIn
    writes with a country subdomain, a tracking query or a trailing slash is one member."""
    try:
        return normalize_handle("linkedin", url)[1]
    except ValidationError:
        return url.rstrip("/").lower()


def parse(path: Path, context: ImportContext) -> ImportBatch:
    with open_source(path) as tree:
        by_base = {n.rsplit("/", 1)[-1].lower(): n for n in tree.names()}
        if not any(k in by_base for k in ("connections.csv", "messages.csv",
                                          "invitations.csv")):
            raise ImportFormatError("not a LinkedIn export: no Connections.csv, messages.csv "
                                    "or Invitations.csv", file=str(path))
        people: dict[str, PersonRecord] = {}

        def person(name: str, url: str = "", email: str = "") -> str:
            key = url.rstrip("/").lower() or f"name:{name.casefold()}"
            ref = f"li:{key}"
            if ref not in people:
                handles: dict[str, list[str]] = {}
                if url:
                    handles["linkedin"] = [url]
                people[ref] = PersonRecord(ref=ref, name=name or url or "(unnamed)",
                                           handles=handles, match_by_name=not url,
                                           source_id=_profile_id(url) if url else None)
            if email.lower().startswith("urn:li:"):
                bucket = people[ref].handles.setdefault("linkedin", [])
                if email not in bucket:
                    bucket.append(email)
            elif email and "email" not in people[ref].handles:
                people[ref].handles["email"] = [email]
            return ref

        if "connections.csv" in by_base:
            name = by_base["connections.csv"]
            where = tree.describe(name)
            for line, row in _rows(tree, name, "First Name"):
                full = f"{row.get('First Name', '')} {row.get('Last Name', '')}".strip()
                if not full and not row.get("URL"):
                    continue
                ref = person(full, row.get("URL", ""), row.get("Email Address", ""))
                record = people[ref]
                try:
                    record.connected = _date(row.get("Connected On", ""), where, line)
                except ImportFormatError as error:
                    context.warn(f"{error}; {full or 'the connection'} kept without a "
                                 "connection date")
                for field, key in (("Company", "company"), ("Position", "position")):
                    if row.get(field):
                        record.extra[key] = row[field]
        messages: list[Message] = []
        owner_votes: Counter[str] = Counter()
        if "messages.csv" in by_base:
            name = by_base["messages.csv"]
            where = tree.describe(name)
            text = tree.read_text(name)  # current exports start with a conversation id
            first = "CONVERSATION ID" if "conversation id" in text[:400].lower() else "From"
            rows = _rows(tree, name, first, text)
            for line, row in rows:
                upper = {k.upper(): v for k, v in row.items()}
                try:
                    when = _time(upper.get("DATE", ""), where, line)
                except ImportFormatError as error:
                    context.bad_record(error)
                    continue
                sender_url = upper.get("SENDER PROFILE URL", "")
                sender = person(upper.get("FROM", ""), sender_url)
                recipients = [person(n.strip(), u.strip()) for n, u in zip(
                    upper.get("TO", "").split(","),
                    (upper.get("RECIPIENT PROFILE URLS", "") or ",".join(
                        "" for _ in upper.get("TO", "").split(","))).split(","), strict=False)
                    if n.strip() or u.strip()]
                direction = upper.get("DIRECTION", "").upper()
                if direction == "OUTGOING":
                    owner_votes[sender] += 5
                elif direction == "INCOMING":
                    for ref in recipients:
                        owner_votes[ref] += 5
                conversation = upper.get("CONVERSATION ID") or "-".join(
                    sorted({sender, *recipients}))
                owner_votes.update({sender, *recipients})
                messages.append(Message(conversation, when, sender, tuple(recipients),
                                        text=upper.get("CONTENT", "")))
        owner_ref = owner_votes.most_common(1)[0][0] if owner_votes else None
        interactions: list[InteractionRecord] = []
        if owner_ref:
            owner_record = people.pop(owner_ref)
            owner_record.ref = "owner"
            messages = [Message(m.conversation, m.when,
                                "owner" if m.sender == owner_ref else m.sender,
                                tuple("owner" if p == owner_ref else p for p in m.participants),
                                m.text) for m in messages]
            interactions += conversation_days(messages, "owner", prefix="messages")
        else:
            owner_record = None
        if "invitations.csv" in by_base:
            name = by_base["invitations.csv"]
            where = tree.describe(name)
            for line, row in _rows(tree, name, "From"):
                outgoing = row.get("Direction", "").upper() == "OUTGOING"
                other = row.get("To") if outgoing else row.get("From")
                url = row.get("inviteeProfileUrl" if outgoing else "inviterProfileUrl", "")
                try:
                    sent = _time(row.get("Sent At", ""), where, line)
                except ImportFormatError as error:
                    context.bad_record(error)
                    continue
                ref = person(other or url, url)
                if ref == owner_ref:
                    continue
                interactions.append(InteractionRecord(
                    source_id=f"invitation:{ref}:{row.get('Sent At', '')}",
                    when=sent, people=[ref],
                    direction="gave" if outgoing else "received", kind="connection",
                    invited=not outgoing, note=row.get("Message", "")[:500]))
    return ImportBatch(people=list(people.values()), interactions=interactions,
                       owner=owner_record, network=NetworkHint("LinkedIn", "social"))

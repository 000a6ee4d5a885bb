"""Read an mbox one message at a time.

The standard ``mailbox.mbox`` first scans the whole file to build a table of contents;
a sequential reader needs only the current message. Messages start at a line beginning
with ``From `` (at the start of the file or after a blank line); a body line that
happens to start with ``From `` is escaped as ``>From `` by well-behaved writers, and an
unescaped one that does not follow a blank line is not taken as a new message.

Only headers and the first few kilobytes of a body are kept: kith needs who, when, which
thread, and whether the first message asked for something.
"""

from __future__ import annotations

import email.header
import email.utils
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.parser import BytesHeaderParser
from pathlib import Path

BODY_KEPT = 4096
_OBFUSCATED = re.compile(r"^\s*([^\s@]+)\s+at\s+([^\s@]+\.[^\s@]+)\s*$", re.IGNORECASE)


class MboxError(ValueError):
    """A file that is not an mbox; carries the line number."""

    def __init__(self, message: str, line: int):
        self.line = line
        super().__init__(message)


@dataclass
class Mail:
    """One message, reduced to what kith uses."""

    number: int          # 1-based position in the file
    line: int            # line of its "From " separator
    when: datetime | None
    sender: tuple[str, str]            # (name, address)
    recipients: list[tuple[str, str]] = field(default_factory=list)
    subject: str = ""
    message_id: str = ""
    thread: str = ""
    list_addresses: set[str] = field(default_factory=set)
    body: str = ""


def decode(value: str | None) -> str:
    """A header as text: RFC 2047 encoded words decoded, whitespace folded."""
    if not value:
        return ""
    try:
        parts = email.header.decode_header(str(value))
        text = "".join(part.decode(charset or "utf-8", "replace") if isinstance(part, bytes)
                       else part for part, charset in parts)
    except (LookupError, ValueError):
        text = str(value)
    return " ".join(text.split())


def address(name: str, addr: str) -> tuple[str, str]:
    """(name, lower-cased address); list archives write ``alice at example.org``."""
    addr = addr.strip().strip("<>")
    match = _OBFUSCATED.match(addr) or _OBFUSCATED.match(name) if "@" not in addr else None
    if match:
        addr = f"{match.group(1)}@{match.group(2)}"
        if _OBFUSCATED.match(name):
            name = ""
    return decode(name).strip('"\' ') or addr.split("@")[0], addr.lower()


def _addresses(values: list[str]) -> list[tuple[str, str]]:
    found = []
    for name, addr in email.utils.getaddresses([decode(v) for v in values]):
        if not addr and " at " in name:  # "alice at example.org (Alice)" parsed oddly
            name, addr = "", name
        name, addr = address(name, addr)
        if "@" in addr:
            found.append((name, addr))
    return found


def _pipermail_from(value: str) -> tuple[str, str] | None:
    """``alice at example.org (Alice Liddell)``, as mailing-list archives write it."""
    match = re.match(r"^\s*(\S+)\s+at\s+(\S+)\s*(?:\((.*)\))?\s*$", value)
    if not match:
        return None
    return (match.group(3) or match.group(1)).strip(), f"{match.group(1)}@{match.group(2)}".lower()


def _thread(headers: object, message_id: str, subject: str) -> str:
    references = str(headers.get("References", "") or "").split()  # type: ignore[attr-defined]
    reply_to = str(headers.get("In-Reply-To", "") or "").split()  # type: ignore[attr-defined]
    root = (references or reply_to or [message_id])[0]
    if root:
        return root.strip("<>")
    return re.sub(r"^((re|fwd?|aw|sv)\s*:\s*)+", "", subject, flags=re.IGNORECASE).lower()


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _parse(raw: list[bytes], number: int, line: int) -> Mail:
    head, _, body = b"".join(raw).partition(b"\n\n")
    if not body and b"\r\n\r\n" in head:
        head, _, body = head.partition(b"\r\n\r\n")
    headers = BytesHeaderParser().parsebytes(head + b"\n\n")
    raw_from = decode(headers.get("From"))
    senders = _addresses([raw_from]) if raw_from else []
    if not senders and raw_from:
        found = _pipermail_from(raw_from)
        senders = [found] if found else []
    recipients = _addresses([*headers.get_all("To", []), *headers.get_all("Cc", [])])
    lists = {a for _, a in _addresses([h.strip("<>").replace("mailto:", "") for h in
                                       headers.get_all("List-Post", [])])}
    list_id = decode(headers.get("List-Id"))
    if "<" in list_id:
        lists.add(list_id.split("<")[-1].rstrip(">").replace(".", "@", 1).lower())
    subject = decode(headers.get("Subject"))
    message_id = decode(headers.get("Message-ID")).strip()
    text = body[:BODY_KEPT].decode("utf-8", "replace")
    return Mail(number=number, line=line, when=_when(headers.get("Date")),
                sender=senders[0] if senders else ("", ""), recipients=recipients,
                subject=subject, message_id=message_id.strip("<>"),
                thread=_thread(headers, message_id, subject), list_addresses=lists,
                body=text)


def read_mbox(path: Path) -> Iterator[Mail]:
    """Every message in ``path``, in file order, one at a time.

    Raises ``MboxError`` for a file that does not start like an mbox.
    """
    number = 0
    current: list[bytes] = []
    size = 0
    start = 0
    previous_blank = True
    with open(path, "rb") as handle:
        for line_number, line in enumerate(handle, 1):
            if line.startswith(b"From ") and previous_blank:
                if current:
                    yield _parse(current, number, start)
                number += 1
                current, size, start = [], 0, line_number
            elif number == 0:
                if line.strip():
                    raise MboxError("not an mbox file: it should start with a 'From ' line",
                                    line_number)
            elif size < 65536 + BODY_KEPT:  # headers and the start of the body suffice
                current.append(line[1:] if line.startswith(b">From ") else line)
                size += len(line)
            previous_blank = not line.strip()
        if current or number:
            yield _parse(current, number, start)

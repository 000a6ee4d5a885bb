"""Mail headers from a Maildir or an IMAP folder: who wrote to whom, when, in which thread.

Only headers are read, never bodies (``BODY.PEEK[HEADER.FIELDS (...)]`` over IMAP, which
also leaves messages unread; the head of each file in a Maildir). The header reading is
kith-mbox's (``examples/kith-mbox/kith_mbox/reader.py``), made first-party here: RFC 2047
words decoded, ``alice at example.org`` list-archive addresses understood, the thread from
``References``/``In-Reply-To``, mailing lists (``List-Post``, ``List-Id``) not taken for
people.

Incremental reading: a Maildir's two folders (``new``, ``cur``) change their mtime when a
message arrives or moves, and each message keeps its unique name (the part before
``:2,`` flags); IMAP gives ``UIDVALIDITY`` and ever-growing UIDs, so the next pull asks
only for UIDs above the last one (all again when UIDVALIDITY changed).
"""

from __future__ import annotations

import email.header
import email.utils
import functools
import imaplib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from kith.core.errors import KithError

HEADER_FIELDS = ("FROM", "TO", "CC", "DATE", "SUBJECT", "MESSAGE-ID", "IN-REPLY-TO",
                 "REFERENCES", "LIST-ID", "LIST-POST")
HEAD_BYTES = 64 * 1024
IMAP_BATCH = 500
TIMEOUT = 30
_OBFUSCATED = re.compile(r"^\s*([^\s@]+)\s+at\s+([^\s@]+\.[^\s@]+)\s*$", re.IGNORECASE)


@dataclass
class MailHeader:
    """One message, reduced to what kith uses."""

    key: str
    when: datetime | None
    sender: tuple[str, str]
    recipients: list[tuple[str, str]] = field(default_factory=list)
    subject: str = ""
    message_id: str = ""
    thread: str = ""
    lists: set[str] = field(default_factory=set)


def decode(value: Any) -> str:
    if not value:
        return ""
    if "=?" not in str(value):  # no RFC 2047 encoded word: nothing to decode
        return " ".join(str(value).split())
    try:
        parts = email.header.decode_header(str(value))
        text = "".join(part.decode(charset or "utf-8", "replace") if isinstance(part, bytes)
                       else part for part, charset in parts)
    except (LookupError, ValueError):
        text = str(value)
    return " ".join(text.split())


def _address(name: str, addr: str) -> tuple[str, str]:
    addr = addr.strip().strip("<>")
    match = (_OBFUSCATED.match(addr) or _OBFUSCATED.match(name)) if "@" not in addr else None
    if match:
        addr = f"{match.group(1)}@{match.group(2)}"
        if _OBFUSCATED.match(name):
            name = ""
    return decode(name).strip("\"' ") or addr.split("@")[0], addr.lower()


def _addresses(values: list[str]) -> list[tuple[str, str]]:
    return list(_parsed_addresses(tuple(str(v) for v in values)))


@functools.lru_cache(maxsize=1 << 16)
def _parsed_addresses(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Cached by the headers' text: a mailbox names the same correspondents in the same
    words thousands of times, and the standard library's address parser is most of the
    cost of reading 50,000 messages' headers."""
    found = []
    for name, addr in email.utils.getaddresses([decode(v) for v in values]):
        if not addr and " at " in name:
            name, addr = "", name
        name, addr = _address(name, addr)
        if "@" in addr:
            found.append((name, addr))
    return tuple(found)


def _when(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


_LINES = re.compile(r"(?<=\r\n)|(?<=\r)(?!\n)|(?<=\n)")
_NAMED = re.compile(r"[\041-\071\073-\176]+:")


class _Fields:
    """Header fields by name, as ``email``'s compat32 parser gives them (the first value,
    or all), read by a plain split of the lines: ``BytesHeaderParser`` was half of the
    cost of reading 50,000 messages' headers, and a message's header block is almost
    always plain ASCII ``Name: value`` lines. ``read`` gives ``None`` for anything else
    (a non-ASCII byte, a line that is not a field, an mbox ``From `` line), which the
    standard parser then reads: the values are the same either way (a test compares)."""

    def __init__(self, found: list[tuple[str, str]]):
        self._found = found

    @classmethod
    def read(cls, raw: bytes) -> _Fields | None:
        if not raw.isascii() or raw.startswith(b"From "):
            return None
        found: list[tuple[str, str]] = []
        lines: list[str] = []
        for line in _LINES.split(raw.decode("ascii")):
            if line in ("", "\n", "\r", "\r\n"):
                break  # the blank line that ends the header block (or the end)
            if line[0] in " \t":
                if not lines:
                    return None
                lines.append(line)
                continue
            if not _NAMED.match(line):
                return None
            if lines:
                found.append(cls._field(lines))
            lines = [line]
        if lines:
            found.append(cls._field(lines))
        return cls(found)

    @staticmethod
    def _field(lines: list[str]) -> tuple[str, str]:
        name, value = lines[0].split(":", 1)
        value = value.lstrip(" \t") + "".join(lines[1:])
        return name.lower(), value.rstrip("\r\n")

    def get(self, name: str, default: Any = None) -> Any:
        name = name.lower()
        return next((v for n, v in self._found if n == name), default)

    def get_all(self, name: str, default: Any = None) -> Any:
        name = name.lower()
        return [v for n, v in self._found if n == name] or default


def parse_header(key: str, raw: bytes) -> MailHeader:
    """The headers of one message (bytes up to the first blank line, or all of them)."""
    headers: Any = _Fields.read(raw) or BytesHeaderParser().parsebytes(raw)
    senders = _addresses([decode(headers.get("From"))]) if headers.get("From") else []
    recipients = _addresses([*headers.get_all("To", []), *headers.get_all("Cc", [])])
    lists = {a for _, a in _addresses([str(h).strip("<>").replace("mailto:", "")
                                       for h in headers.get_all("List-Post", [])])}
    list_id = decode(headers.get("List-Id"))
    if "<" in list_id:
        lists.add(list_id.split("<")[-1].rstrip(">").replace(".", "@", 1).lower())
    subject = decode(headers.get("Subject"))[:300]
    message_id = decode(headers.get("Message-ID")).strip().strip("<>")[:300]
    references = str(headers.get("References", "") or "").split()
    reply_to = str(headers.get("In-Reply-To", "") or "").split()
    root = (references or reply_to or [message_id])[0].strip("<>")
    thread = root or re.sub(r"^((re|fwd?|aw|sv)\s*:\s*)+", "", subject,
                            flags=re.IGNORECASE).lower()
    return MailHeader(key=key, when=_when(headers.get("Date")),
                      sender=senders[0] if senders else ("", ""), recipients=recipients,
                      subject=subject, message_id=message_id, thread=thread[:300],
                      lists=lists)


# Maildir -------------------------------------------------------------------------------

class MaildirReader:
    """A Maildir folder (``cur``, ``new``, ``tmp``), read with the file system only."""

    def __init__(self, path: Path):
        self.path = path.expanduser()
        if not (self.path / "cur").is_dir() or not (self.path / "new").is_dir():
            raise KithError(f"{self.path}: not a Maildir (no cur/ and new/ folders)")
        self._files: dict[str, Path] = {}

    def token(self) -> str:
        return "-".join(str((self.path / d).stat().st_mtime_ns) for d in ("cur", "new"))

    def keys(self) -> set[str]:
        found: dict[str, Path] = {}
        for folder in ("new", "cur"):
            with os.scandir(self.path / folder) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    found[entry.name.split(":", 1)[0]] = Path(entry.path)
        self._files = found
        return set(found)

    def headers(self, keys: Iterable[str]) -> Iterator[MailHeader | str]:
        """Each message's headers, or the key of one that cannot be read."""
        for key in keys:
            try:
                with open(self._files[key], "rb") as handle:
                    head = handle.read(HEAD_BYTES)
            except (OSError, KeyError):
                yield key
                continue
            end = head.find(b"\n\n")
            end = head.find(b"\r\n\r\n") if end < 0 else end
            yield parse_header(key, head[:end + 1] if end >= 0 else head)


# IMAP ----------------------------------------------------------------------------------

class ImapReader:
    """One IMAP folder, opened read-only (``EXAMINE``): reading never marks mail read."""

    def __init__(self, url: str, *, username: str | None, password: str | None,
                 folder: str):
        parts = urlparse(url)
        secure = parts.scheme == "imaps"
        host = parts.hostname or ""
        port = parts.port or (993 if secure else 143)
        from kith.live.definitions import shown_url

        self.url = shown_url(url)
        try:
            self.connection: imaplib.IMAP4 = imaplib.IMAP4_SSL(host, port, timeout=TIMEOUT) \
                if secure else imaplib.IMAP4(host, port, timeout=TIMEOUT)
        except (OSError, imaplib.IMAP4.error) as error:
            raise KithError(f"{self.url}: cannot reach the server "
                            f"({type(error).__name__})") from None
        try:
            if not secure and "STARTTLS" in self.connection.capabilities \
                    and host not in ("127.0.0.1", "localhost", "::1"):
                self.connection.starttls()
            self.connection.login(username or unquote(parts.username or ""),
                                  password or "")
        except imaplib.IMAP4.error:
            self.close()
            raise KithError(f"{self.url}: the server refused the login; check username and "
                            "password_command") from None
        except (TimeoutError, OSError) as error:
            raise KithError(f"{self.url}: the connection failed ({type(error).__name__})") \
                from None
        status, _ = self._call(self.connection.select, _quote(folder), True)
        if status != "OK":
            self.close()
            raise KithError(f"{self.url}: no folder {folder!r} on the server")
        validity = self.connection.response("UIDVALIDITY")[1]
        self.uidvalidity = (validity[0] or b"").decode() if validity and validity[0] else ""

    def _call(self, method: Any, *args: Any) -> tuple[str, list[Any]]:
        try:
            status, data = method(*args)
        except (imaplib.IMAP4.error, OSError) as error:
            raise KithError(f"{self.url}: the server failed ({type(error).__name__})") \
                from None
        return str(status), list(data or [])

    def uids_after(self, last: int) -> list[int]:
        status, data = self._call(self.connection.uid, "SEARCH", None, f"UID {last + 1}:*")
        if status != "OK":
            raise KithError(f"{self.url}: the server refused SEARCH")
        return sorted(u for u in (int(x) for x in b" ".join(data).split()) if u > last)

    def headers(self, uids: list[int]) -> Iterator[MailHeader | str]:
        """The messages' headers, ``IMAP_BATCH`` UIDs a ``UID FETCH``; the next batch is
        asked for while this one is parsed (``kith.live.ahead``)."""
        from kith.live.ahead import ahead

        batches = [uids[start:start + IMAP_BATCH] for start in range(0, len(uids), IMAP_BATCH)]
        for data in ahead(batches, self._fetch):
            for item in data:
                if not isinstance(item, tuple):
                    continue
                match = re.search(rb"UID (\d+)", item[0])
                if match:
                    yield parse_header(match.group(1).decode(), item[1])

    def _fetch(self, batch: list[int]) -> list[Any]:
        fields = " ".join(HEADER_FIELDS)
        status, data = self._call(self.connection.uid, "FETCH", ",".join(map(str, batch)),
                                  f"(UID BODY.PEEK[HEADER.FIELDS ({fields})])")
        if status != "OK":
            raise KithError(f"{self.url}: the server refused FETCH")
        return data

    def close(self) -> None:
        try:
            self.connection.logout()
        except (imaplib.IMAP4.error, OSError):
            pass


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'

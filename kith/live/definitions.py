"""A live source as the configuration file names it, and its password.

``kith source add NAME --kind KIND ...`` writes ``[sources.NAME]`` into the configuration
file (``kith.core.config``); this module reads those tables back, checked, as
``SourceDefinition`` values. A password is never stored: a remote source names a
``password_command`` (as vdirsyncer and khal do: ``pass show dav/home``, ``secret-tool
lookup ...``), run when ``kith pull`` needs it; its first line of output is the password.
"""

from __future__ import annotations

import shlex
import subprocess
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from kith.core.errors import KithError

KINDS: dict[str, str] = {
    "vdir-contacts": "contacts", "carddav": "contacts",
    "vdir-calendar": "calendar", "caldav": "calendar",
    "maildir": "mail", "imap": "mail",
}
"""Each kind of source and what it holds."""

FOLDER_KINDS = frozenset({"vdir-contacts", "vdir-calendar", "maildir"})
REMOTE_KINDS = frozenset({"carddav", "caldav", "imap"})
KEYS = ("kind", "path", "url", "username", "password_command", "network", "me", "folder",
        "calendar", "since_days", "publish")
PASSWORD_TIMEOUT = 30


@dataclass(frozen=True)
class SourceDefinition:
    """One ``[sources.NAME]`` table, checked."""

    name: str
    kind: str
    path: str | None = None
    url: str | None = None
    username: str | None = None
    password_command: str | None = None
    network: str | None = None
    """Contacts: the network the people belong to; calendars and mail: the network their
    suggestions propose (a rule or the user may choose another)."""
    me: tuple[str, ...] = ()
    """Mail: the user's own addresses; calendars: the user's addresses among attendees."""
    folder: str = "INBOX"
    calendar: str = ""
    """The calendar's name as rules see it (default: the source's name)."""
    since_days: int = 60
    """How far back the first pull of a calendar or mailbox suggests anything."""
    publish: bool = False
    """A calendar kith writes reminders into (``kith push --reminders``)."""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def holds(self) -> str:
        return KINDS[self.kind]

    @property
    def remote(self) -> bool:
        return self.kind in REMOTE_KINDS

    @property
    def calendar_name(self) -> str:
        return self.calendar or self.name

    def where(self) -> str:
        if self.kind in FOLDER_KINDS:
            return self.path or ""
        return shown_url(self.url or "")

    def settings(self) -> dict[str, Any]:
        """The table as written to the configuration file (no defaults)."""
        values: dict[str, Any] = {"kind": self.kind, "path": self.path, "url": self.url,
                                  "username": self.username,
                                  "password_command": self.password_command,
                                  "network": self.network}
        if self.me:
            values["me"] = list(self.me)
        if self.folder != "INBOX":
            values["folder"] = self.folder
        if self.calendar:
            values["calendar"] = self.calendar
        if self.since_days != 60:
            values["since_days"] = self.since_days
        if self.publish:
            values["publish"] = True
        return {k: v for k, v in values.items() if v is not None}


def shown_url(url: str) -> str:
    """A URL as messages show it: without a password someone put in it."""
    parts = urlparse(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" + (f":{parts.port}" if parts.port else "")
    return parts._replace(netloc=netloc).geturl()


def check(definition: SourceDefinition) -> SourceDefinition:
    """What a source needs to be read at all, said before anything is written."""
    name, kind = definition.name, definition.kind
    if kind not in KINDS:
        raise KithError(f"source {name}: unknown kind {kind!r} "
                        f"(known: {', '.join(KINDS)})")
    if kind in FOLDER_KINDS and not definition.path:
        raise KithError(f"source {name}: a {kind} source needs --path FOLDER")
    if kind in REMOTE_KINDS:
        if not definition.url:
            raise KithError(f"source {name}: a {kind} source needs --url")
        scheme = urlparse(definition.url).scheme
        wanted = ("imap", "imaps") if kind == "imap" else ("http", "https")
        if scheme not in wanted:
            raise KithError(f"source {name}: --url must start with "
                            f"{' or '.join(s + '://' for s in wanted)}, "
                            f"not {shown_url(definition.url)!r}")
    if definition.holds == "contacts" and not definition.network:
        raise KithError(f"source {name}: contacts need --network NAME, the network the "
                        "people of this address book belong to (e.g. Friends)")
    if definition.holds == "mail" and not definition.me:
        raise KithError(f"source {name}: mail needs --me ADDRESS (your own address; "
                        "repeat it for several)")
    if definition.since_days < 0:
        raise KithError(f"source {name}: since_days cannot be negative")
    return definition


def from_table(name: str, table: Any) -> SourceDefinition:
    """A ``[sources.NAME]`` table as read from the file; a wrong value is a clear error."""
    if not isinstance(table, dict):
        raise KithError(f"[sources.{name}] is not a table")
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise KithError(f"[sources.{name}]: unknown setting {unknown[0]!r} "
                        f"(known: {', '.join(KEYS)})")

    def text(key: str) -> str | None:
        value = table.get(key)
        if value is not None and not isinstance(value, str):
            raise KithError(f"[sources.{name}]: {key} must be text")
        return value

    me = table.get("me", [])
    if isinstance(me, str):
        me = [me]
    if not isinstance(me, list) or not all(isinstance(m, str) for m in me):
        raise KithError(f"[sources.{name}]: me must be a list of addresses")
    since = table.get("since_days", 60)
    if not isinstance(since, int) or isinstance(since, bool):
        raise KithError(f"[sources.{name}]: since_days must be a whole number")
    return check(SourceDefinition(
        name=name, kind=text("kind") or "", path=text("path"), url=text("url"),
        username=text("username"), password_command=text("password_command"),
        network=text("network"), me=tuple(m.strip().lower() for m in me if m.strip()),
        folder=text("folder") or "INBOX", calendar=text("calendar") or "",
        since_days=since, publish=bool(table.get("publish", False))))


def definitions(config: dict[str, Any]) -> dict[str, SourceDefinition]:
    """Every source of the configuration, by name, in the file's order."""
    return {name: from_table(name, table)
            for name, table in (config.get("sources") or {}).items()}


def password(definition: SourceDefinition) -> str | None:
    """The password of a remote source, from its ``password_command``; ``None`` without
    one. A command that fails is one clear error (nothing has been read yet)."""
    command = definition.password_command
    if not command:
        return None
    try:
        argv = shlex.split(command)
    except ValueError as error:
        raise KithError(f"source {definition.name}: password_command cannot be read "
                        f"({error})") from None
    if not argv:
        raise KithError(f"source {definition.name}: password_command is empty")
    try:
        done = subprocess.run(argv, capture_output=True, timeout=PASSWORD_TIMEOUT,
                              check=False, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise KithError(f"source {definition.name}: password_command {argv[0]!r} not "
                        "found; nothing was read") from None
    except (OSError, subprocess.TimeoutExpired) as error:
        raise KithError(f"source {definition.name}: password_command failed "
                        f"({type(error).__name__}); nothing was read") from None
    if done.returncode != 0:
        raise KithError(f"source {definition.name}: password_command failed (exit "
                        f"{done.returncode}); nothing was read")
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    if not lines or not lines[0].strip():
        raise KithError(f"source {definition.name}: password_command printed no password; "
                        "nothing was read")
    return lines[0].rstrip("\r\n")

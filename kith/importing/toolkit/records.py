"""What an importer produces: plain records, referring to people by the batch's own keys.

An importer reads an export and returns an ``ImportBatch`` of these records; it never
touches the database and never prints. ``kith.importing.engine`` then matches the people,
picks the network and writes everything in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kith.core.errors import ImportFormatError
from kith.core.model import Value


@dataclass
class PersonRecord:
    """Someone a source mentions. ``ref`` is the batch's own key for them.

    ``source_id`` is the person's stable id in the source (a vCard UID, an X account id),
    if it has one: two records of one source with different ids are never one person.
    Any record may match an existing person by folded full name when no id
    or handle matched and nothing contradicts it (see ``kith.importing.engine.PeopleResolver``);
    ``match_by_name`` is kept for plugins that set it and changes nothing.
    """

    ref: str
    name: str
    handles: dict[str, list[str]] = field(default_factory=dict)
    source_id: str | None = None
    connected: date | None = None
    aliases: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    birthday: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    cadence_days: int | None = None
    match_by_name: bool = False
    household: str = ""
    """The source's own household (a household id or name, a family's address): records
    sharing it are different people recorded as one household, never merged."""
    kith_id: str | None = None
    """The kith id this record had when kith exported it (a vCard ``UID`` kith wrote): a
    re-import matches that person, an import into an empty database keeps the id."""


@dataclass
class InteractionRecord:
    """Something that happened, as a source saw it.

    ``source_id`` must be unique and stable within the source (for a conversation-day:
    conversation id plus day), so a re-import finds the same record. ``people`` are refs
    of ``PersonRecord``s in the same batch (never the owner). ``value`` ``None`` means
    "estimate it" through the ``estimate_value`` hook.
    """

    source_id: str
    when: datetime
    people: list[str]
    direction: str
    kind: str = "other"
    value: Value | None = None
    note: str = ""
    invited: bool = False
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class NetworkHint:
    """The network a source's data belongs to when the user does not name one."""

    name: str
    kind: str = "other"


@dataclass
class ImportBatch:
    """Everything one run of an importer read."""

    people: list[PersonRecord] = field(default_factory=list)
    interactions: list[InteractionRecord] = field(default_factory=list)
    owner: PersonRecord | None = None
    network: NetworkHint | None = None
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


@dataclass
class ImportContext:
    """What an importer may know besides the path: its options and a progress callback."""

    options: dict[str, Any] = field(default_factory=dict)
    progress: Callable[[int, int | None], None] = lambda advance, total: None
    today: date = field(default_factory=date.today)
    strict: bool = False
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def bad_record(self, error: ImportFormatError) -> None:
        """A record that cannot be read: with ``--strict`` the import stops here;
        otherwise it is skipped and listed in the summary (file, line or record, why)."""
        if self.strict:
            raise error
        self.skipped.append(str(error))

    def warn(self, message: str) -> None:
        """Something odd but understood (a field dropped or moved): said in the summary."""
        self.warnings.append(message)


Parser = Callable[[Path, ImportContext], ImportBatch]


def source_key(source: str, record_id: str) -> str:
    """The key that makes an imported record findable again: ``"vcard:<uid>"``."""
    return f"{source}:{record_id}"

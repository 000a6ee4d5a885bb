"""The domain model: plain dataclasses with validation and no I/O.

Words used everywhere in kith:

- a **network** is a group the user belongs to (an account, a church, an association, friends);
- a **person** is someone in one or more networks; the user is the person with id ``me``;
- an **interaction** is something that happened: the user *gave*, *received* or *shared*
  something with people in a network, worth a ``Value``;
- a **value** keeps money, time, favours and fun apart: they are never converted silently;
- an **opportunity** is a need or an offer someone mentioned: material for introductions;
- a **note** is a dated journal entry about a person; a **follow-up** a promise to get back to
  someone by a day; a **relationship** says how two people are related (parent, friend, ...).

Every entity lives here, as a frozen dataclass that checks itself; the store keeps it in a
room of ``kith.persistence.store`` and the use cases of ``kith.services`` write it: the next
entity gets the same three homes.

Records serialise to plain JSON-able dicts (``to_dict``/``from_dict``) with a stable shape;
the store and ``--json`` output use the same shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from kith.core import limits
from kith.core.errors import ValidationError
from kith.core.handles import normalize_handle
from kith.core.ids import new_id, slugify
from kith.core.limits import MAX_ITEMS, MAX_NAME, MAX_SHORT, MAX_TEXT, check_text
from kith.core.months import month_of

ME = "me"
"""The id of the user's own person record."""

DIRECTIONS: tuple[str, ...] = ("gave", "received", "shared")

OPPORTUNITY_TYPES: tuple[str, ...] = ("need", "offer")
OPPORTUNITY_STATUSES: tuple[str, ...] = ("open", "introduced", "closed")

INITIATIVES: tuple[str | None, ...] = ("invited", "pitched", None)
"""Who started an interaction: they asked you, you pitched yourself, or neither."""

INTERACTION_KINDS: tuple[str, ...] = (
    "help", "introduction", "referral", "client", "advice", "message", "conversation",
    "event", "meeting", "service", "volunteering", "donation", "dues", "gift", "work",
    "meal", "call", "connection", "post", "reply", "mention", "like", "boost", "talk",
    "workshop", "other",
)
"""Kinds kith knows defaults for; any other slug-like kind is accepted too."""

_KIND_RE = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
_BIRTHDAY_RE = re.compile(r"^(\d{4}|-)-(\d{2})-(\d{2})$")

MAX_FUN = 5
_UTC = UTC


def _check(condition: bool, message: str) -> None:
    """For a fixed message only: a message made from the values (an f-string) is raised
    in place, ``if not condition: raise ...``, so that it is built only when the check
    fails (every record read passes these checks, 1M of them for ``kith remind``)."""
    if not condition:
        raise ValidationError(message)


def _aware(when: datetime, what: str) -> datetime:
    if not isinstance(when, datetime):
        raise ValidationError(f"{what} must be a date and time")
    if not (when.tzinfo is not None and when.utcoffset() is not None):
        raise ValidationError(f"{what} must carry a time zone: {when.isoformat()}")
    limits.check_year(when, what)
    return when


def _opt_date(value: Any, what: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise ValidationError(f"{what} must be a date like 2024-05-31, "
                                  f"not {limits.preview(value)}") from None
    if isinstance(value, date) and not isinstance(value, datetime):
        limits.check_year(value, what)
        return value
    raise ValidationError(f"{what} must be a date, not {type(value).__name__}")


def _texts(values: Any, what: str, maximum: int) -> None:
    """A list of short texts (aliases, tags): each bounded, and not too many."""
    limits.check_items(values, what)
    for value in values:
        check_text(value, f"one of the {what}", maximum)


def _damaged(kind: str, data: Any, error: Exception) -> ValidationError:
    """A stored record that cannot be read: say which record and why, not a KeyError."""
    ident = data.get("id") if isinstance(data, dict) else None
    what = f"{kind} {ident}" if isinstance(ident, str) else f"a {kind} record"
    if isinstance(error, KeyError):
        reason = f"{error.args[0]!r} is missing"
    elif isinstance(error, ValidationError):
        reason = str(error)
    else:
        reason = " ".join(str(error).split())[:120] or type(error).__name__
    return ValidationError(f"{what} is damaged: {reason} (run `kith doctor`)")


@dataclass(frozen=True, slots=True)
class Value:
    """What an interaction was worth, per dimension; dimensions never mix.

    ``money`` is in minor units (cents) of the configured currency, so sums never round.
    For ``gave`` and ``received`` a positive amount flows in that direction; for ``shared``
    a positive amount is money the user received and a negative one money the user spent.
    ``fun`` is 0-5 on one interaction; totals add it up.
    """

    money: int = 0
    minutes: int = 0
    favours: int = 0
    fun: int = 0

    def __post_init__(self) -> None:
        money, minutes, favours, fun = self.money, self.minutes, self.favours, self.fun
        if type(money) is int and type(minutes) is int and type(favours) is int \
                and type(fun) is int and minutes >= 0 and favours >= 0 and fun >= 0:
            return  # the common case, checked fast: imports build 100k values
        for name in ("money", "minutes", "favours", "fun"):
            number = getattr(self, name)
            if not (isinstance(number, int) and not isinstance(number, bool)):
                raise ValidationError(f"{name} must be a whole number, not {number!r}")
        if self.minutes < 0:
            raise ValidationError(f"minutes cannot be negative: {self.minutes}")
        if self.favours < 0:
            raise ValidationError(f"favours cannot be negative: {self.favours}")
        if self.fun < 0:
            raise ValidationError(f"fun cannot be negative: {self.fun}")

    @property
    def is_empty(self) -> bool:
        return not (self.money or self.minutes or self.favours or self.fun)

    def __add__(self, other: Value) -> Value:
        return Value(self.money + other.money, self.minutes + other.minutes,
                     self.favours + other.favours, self.fun + other.fun)

    def to_dict(self) -> dict[str, int]:
        return {"money": self.money, "minutes": self.minutes,
                "favours": self.favours, "fun": self.fun}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Value:
        data = data or {}
        _check(isinstance(data, dict), "value must be an object of numbers")
        numbers = []
        for name in ("money", "minutes", "favours", "fun"):
            number = data.get(name, 0)
            if isinstance(number, float) and number.is_integer():
                number = int(number)
            if type(number) is not int:
                raise ValidationError(f"value.{name} must be a whole number")
            numbers.append(number)
        return cls(*numbers)

    def check_bounds(self) -> None:
        """The bounds of one interaction's value (totals may exceed them)."""
        limits.check_number(self.money, "money", minimum=-limits.MAX_MONEY_MINOR,
                            maximum=limits.MAX_MONEY_MINOR)
        limits.check_number(self.minutes, "minutes", maximum=limits.MAX_MINUTES)
        limits.check_number(self.favours, "favours", maximum=limits.MAX_FAVOURS)
        if self.fun > MAX_FUN:
            raise ValidationError(f"fun must be between 0 and 5, not {self.fun}")


@dataclass(frozen=True, slots=True)
class Network:
    """A group the user belongs to; ``id`` is a readable slug."""

    id: str
    name: str
    kind: str = "other"
    joined: date | None = None
    left: date | None = None
    notes: str = ""

    def __post_init__(self) -> None:
        _check(isinstance(self.name, str) and bool(self.name.strip()), "a network needs a name")
        check_text(self.name, "a network name", MAX_NAME)
        check_text(self.notes, "network notes", MAX_TEXT)
        if not (isinstance(self.id, str) and _SLUG_RE.match(self.id)):
            raise ValidationError("network id must be a lower-case slug (a-z, 0-9, -), "
                                  f"not {self.id!r}")
        if not _KIND_RE.match(self.kind):
            raise ValidationError(f"network kind must be a slug, not {self.kind!r}")
        object.__setattr__(self, "joined", _opt_date(self.joined, "joined"))
        object.__setattr__(self, "left", _opt_date(self.left, "left"))
        if self.joined and self.left and self.left < self.joined:
            raise ValidationError(f"a network cannot be left ({self.left}) before it was "
                                  f"joined ({self.joined})")

    @classmethod
    def create(cls, name: str, kind: str = "other", **fields: Any) -> Network:
        return cls(id=fields.pop("id", None) or slugify(name), name=name.strip(), kind=kind,
                   **fields)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind,
                "joined": self.joined.isoformat() if self.joined else None,
                "left": self.left.isoformat() if self.left else None, "notes": self.notes}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Network:
        try:
            with limits.stored_records():
                return cls(id=data["id"], name=data["name"], kind=data.get("kind", "other"),
                           joined=data.get("joined"), left=data.get("left"),
                           notes=data.get("notes", ""))
        except (KeyError, TypeError, ValueError, AttributeError, ValidationError) as error:
            raise _damaged("network", data, error) from None


def _normalize_handles(handles: dict[str, list[str]] | None) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    _check(isinstance(handles or {}, dict), "handles must map a kind to a list of values")
    for kind, values in (handles or {}).items():
        if isinstance(values, str):
            values = [values]
        limits.check_items(values, f"{kind} handles")
        for raw in values:
            k, v = normalize_handle(kind, raw)
            bucket = result.setdefault(k, [])
            if v not in bucket:
                bucket.append(v)
    return result


def parse_birthday(text: str) -> str:
    """A birthday as ``YYYY-MM-DD`` or, when the year is unknown, ``--MM-DD``."""
    text = text.strip()
    match = _BIRTHDAY_RE.match(text)
    if not match:
        raise ValidationError(f"birthday must look like 1990-04-15 or --04-15, not {text!r}")
    assert match is not None  # _check raised otherwise
    year, month, day = match.group(1), int(match.group(2)), int(match.group(3))
    try:
        date(2000 if year == "-" else int(year), month, day)  # 2000 is a leap year
    except ValueError:
        raise ValidationError(f"not a real date: {text!r}") from None
    # no lower bound: contact apps write 1604 for "year unknown"; but nobody is born
    # in the future (an age below zero would follow)
    if not (year == "-" or int(year) <= date.today().year + 1):
        raise ValidationError(f"a birthday cannot be in the future: {text!r}")
    return text


@dataclass(frozen=True, slots=True)
class Person:
    """Someone in the user's networks.

    ``networks`` maps network id to the date the person joined it (or connected with the
    user there), ``None`` when unknown. ``sources`` are source keys of imported records
    that became this person, so a re-import finds them again, even after a merge.
    ``extra`` holds what a source knows beyond the common fields (organisation,
    household, membership level), keyed by plain words.
    """

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    handles: dict[str, list[str]] = field(default_factory=dict)
    networks: dict[str, str | None] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    notes: str = ""
    birthday: str | None = None
    cadence_days: int | None = None
    sources: tuple[str, ...] = ()
    merged_from: tuple[str, ...] = ()
    created: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check(isinstance(self.name, str) and bool(self.name.strip()), "a person needs a name")
        check_text(self.name, "a person's name", MAX_NAME)
        check_text(self.notes, "a person's notes", MAX_TEXT)
        _check(isinstance(self.id, str) and bool(self.id), "a person needs an id")
        check_text(self.id, "a person's id", MAX_SHORT)
        _texts(self.aliases, "aliases", MAX_NAME)
        _texts(self.tags, "tags", MAX_SHORT)
        _check(isinstance(self.networks, dict), "a person's networks must be a mapping")
        limits.check_items(self.networks, "networks")
        object.__setattr__(self, "handles", _normalize_handles(self.handles))
        # an alias is another name: one equal to the name (a merge of "Ann Lee" into "ann
        # lee") says nothing and is dropped
        own = self.name.strip().casefold()
        object.__setattr__(self, "aliases", tuple(dict.fromkeys(
            a for a in self.aliases if a and a.strip().casefold() != own)))
        tags = tuple(dict.fromkeys(t.strip().lower() for t in self.tags if t and t.strip()))
        object.__setattr__(self, "tags", tags)
        if self.birthday is not None:
            object.__setattr__(self, "birthday", parse_birthday(self.birthday))
        if self.cadence_days is not None:
            if not (isinstance(self.cadence_days, int) and self.cadence_days > 0):
                raise ValidationError(f"keep-in-touch cadence must be a positive number of days, "
                                      f"not {self.cadence_days!r}")
            limits.check_number(self.cadence_days, "keep-in-touch cadence (days)",
                                maximum=limits.MAX_CADENCE_DAYS)
        for net, since in self.networks.items():
            if not _SLUG_RE.match(net):
                raise ValidationError(f"not a network id: {net!r}")
            if since is not None:
                _opt_date(since, f"date joined {net}")

    @classmethod
    def create(cls, name: str, **fields: Any) -> Person:
        return cls(id=fields.pop("id", None) or new_id(), name=name.strip(), **fields)

    def handle_pairs(self) -> list[tuple[str, str]]:
        return [(k, v) for k, values in self.handles.items() for v in values]

    def with_changes(self, **changes: Any) -> Person:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "aliases": list(self.aliases),
                "handles": self.handles, "networks": dict(self.networks),
                "tags": list(self.tags), "notes": self.notes, "birthday": self.birthday,
                "cadence_days": self.cadence_days, "sources": list(self.sources),
                "merged_from": list(self.merged_from), "created": self.created,
                "extra": self.extra}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Person:
        try:
            with limits.stored_records():
                return cls(id=data["id"], name=data["name"],
                           aliases=tuple(data.get("aliases", ())),
                           handles=data.get("handles") or {}, networks=data.get("networks") or {},
                           tags=tuple(data.get("tags", ())), notes=data.get("notes", ""),
                           birthday=data.get("birthday"), cadence_days=data.get("cadence_days"),
                           sources=tuple(data.get("sources", ())),
                           merged_from=tuple(data.get("merged_from", ())),
                           created=data.get("created"), extra=dict(data.get("extra") or {}))
        except (KeyError, TypeError, ValueError, AttributeError, ValidationError) as error:
            raise _damaged("person", data, error) from None


@dataclass(frozen=True, slots=True)
class Interaction:
    """Something that happened in a network, with whom, which way, and what it was worth.

    ``initiative`` says who started it: ``"invited"`` when the other person came with their
    own question (after a talk, a workshop, someone's recommendation), ``"pitched"`` when
    the user promoted themselves, ``None`` when neither applies: the seed documents'
    distinction between being sought out and selling. ``invited`` is kept as a plain
    boolean (``initiative == "invited"``) for importers and older JSON; setting either keeps
    the other in step. ``source`` is ``"plugin:source:record"`` for imported interactions;
    re-importing the same record updates it instead of adding a copy. ``meta`` carries
    plugin extras (an introduction id, the message count of a conversation-day, ...).
    ``people`` may be empty for what happens with a network as a whole (dues, a service).
    """

    id: str
    when: datetime
    network: str
    people: tuple[str, ...]
    direction: str
    kind: str = "other"
    value: Value = field(default_factory=Value)
    note: str = ""
    invited: bool = False
    source: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    initiative: str | None = None

    def __post_init__(self) -> None:
        initiative = self.initiative
        if initiative is None and self.invited:
            initiative = "invited"
        if initiative not in INITIATIVES:
            raise ValidationError("initiative must be invited, pitched or none, "
                                  f"not {initiative!r}")
        _check(not (self.invited and initiative == "pitched"),
               "an interaction is either invited or pitched, not both")
        object.__setattr__(self, "initiative", initiative)
        object.__setattr__(self, "invited", initiative == "invited")
        when = self.when
        if not (isinstance(when, datetime) and when.tzinfo is not None):
            _aware(when, "the time of an interaction")
        if self.direction not in DIRECTIONS:
            raise ValidationError(f"direction must be one of {', '.join(DIRECTIONS)}, "
                                  f"not {self.direction!r}")
        if not _KIND_RE.match(self.kind):
            raise ValidationError("kind must be a short lower-case word like help or "
                                  f"event, not {self.kind!r}")
        if not _SLUG_RE.match(self.network):
            raise ValidationError(f"not a network id: {self.network!r}")
        _check(isinstance(self.value, Value), "value must be a Value")
        value = self.value
        if not (value.fun <= MAX_FUN and value.minutes <= limits.MAX_MINUTES
                and value.favours <= limits.MAX_FAVOURS
                and -limits.MAX_MONEY_MINOR <= value.money <= limits.MAX_MONEY_MINOR):
            value.check_bounds()
        if not limits.MIN_YEAR <= when.year <= limits.MAX_YEAR:
            limits.check_year(when, "the time of an interaction")
        if len(self.note) > MAX_TEXT:
            check_text(self.note, "a note", MAX_TEXT)
        limits.check_items(self.people, "people on one interaction", 10 * MAX_ITEMS)
        # no people is allowed: a service, a giving statement or dues are with the whole
        # network rather than with someone in particular
        object.__setattr__(self, "people", tuple(dict.fromkeys(self.people)))

    @classmethod
    def create(cls, *, when: datetime, network: str, people: tuple[str, ...] | list[str],
               direction: str, source: str | None = None, **fields: Any) -> Interaction:
        """A new interaction; imported ones get an id derived from their source key."""
        ident = fields.pop("id", None) or new_id(when, seed=source)
        return cls(id=ident, when=when, network=network, people=tuple(people),
                   direction=direction, source=source, **fields)

    @property
    def month(self) -> str:
        """The UTC month (``YYYY-MM``) the interaction belongs to: its storage partition."""
        return month_of(self.when)

    def with_changes(self, **changes: Any) -> Interaction:
        if "initiative" in changes and "invited" not in changes:
            changes["invited"] = changes["initiative"] == "invited"
        elif "invited" in changes and "initiative" not in changes:
            changes["initiative"] = "invited" if changes["invited"] else (
                None if self.initiative == "invited" else self.initiative)
        return replace(self, **changes)

    def with_checked_value(self, value: Value, meta: dict[str, Any]) -> Interaction:
        """A copy with another (already validated) value and meta, without validating the
        rest again: imports estimate a value for every one of 100k interactions."""
        copy = object.__new__(Interaction)
        for name in self.__slots__:  # type: ignore[attr-defined]
            object.__setattr__(copy, name, getattr(self, name))
        object.__setattr__(copy, "value", value)
        object.__setattr__(copy, "meta", meta)
        return copy

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "when": self.when.isoformat(), "network": self.network,
                "people": list(self.people), "direction": self.direction, "kind": self.kind,
                "value": self.value.to_dict(), "note": self.note, "invited": self.invited,
                "initiative": self.initiative, "source": self.source, "meta": self.meta}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Interaction:
        try:
            with limits.stored_records():
                return cls(id=data["id"], when=datetime.fromisoformat(data["when"]),
                           network=data["network"], people=tuple(data["people"]),
                           direction=data["direction"], kind=data.get("kind", "other"),
                           value=Value.from_dict(data.get("value")), note=data.get("note", ""),
                           invited=bool(data.get("invited", False)), source=data.get("source"),
                           meta=dict(data.get("meta") or {}),
                           initiative=data.get("initiative"))
        except (KeyError, TypeError, ValueError, AttributeError, ValidationError) as error:
            raise _damaged("interaction", data, error) from None


@dataclass(frozen=True, slots=True)
class Opportunity:
    """A need or an offer someone mentioned, where and when the user heard it."""

    id: str
    person: str
    type: str
    text: str
    when: datetime
    tags: tuple[str, ...] = ()
    network: str | None = None
    heard_at: str = ""
    status: str = "open"
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _aware(self.when, "the time an opportunity was heard")
        if self.type not in OPPORTUNITY_TYPES:
            raise ValidationError(f"an opportunity is a need or an offer, "
                                  f"not {self.type!r}")
        _check(isinstance(self.text, str) and bool(self.text.strip()),
               "an opportunity needs a text")
        check_text(self.text, "the text of a need or offer", MAX_TEXT)
        check_text(self.heard_at, "where it was heard", MAX_NAME)
        _texts(self.tags, "tags", MAX_SHORT)
        if self.status not in OPPORTUNITY_STATUSES:
            raise ValidationError("status must be one of "
                                  f"{', '.join(OPPORTUNITY_STATUSES)}, not {self.status!r}")
        tags = tuple(dict.fromkeys(t.strip().lower() for t in self.tags if t and t.strip()))
        object.__setattr__(self, "tags", tags)

    @classmethod
    def create(cls, *, person: str, type: str, text: str, when: datetime,
               **fields: Any) -> Opportunity:
        return cls(id=fields.pop("id", None) or new_id(when), person=person, type=type,
                   text=text.strip(), when=when, **fields)

    def with_changes(self, **changes: Any) -> Opportunity:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "person": self.person, "type": self.type, "text": self.text,
                "when": self.when.isoformat(), "tags": list(self.tags),
                "network": self.network, "heard_at": self.heard_at, "status": self.status,
                "meta": self.meta}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Opportunity:
        try:
            with limits.stored_records():
                return cls(id=data["id"], person=data["person"], type=data["type"],
                           text=data["text"], when=datetime.fromisoformat(data["when"]),
                           tags=tuple(data.get("tags", ())), network=data.get("network"),
                           heard_at=data.get("heard_at", ""), status=data.get("status", "open"),
                           meta=dict(data.get("meta") or {}))
        except (KeyError, TypeError, ValueError, AttributeError, ValidationError) as error:
            raise _damaged("opportunity", data, error) from None



# the journal about people: notes, follow-ups, relationships ---------------------------------

NOTE_MAX_TEXT = MAX_TEXT
FOLLOW_UP_MAX_ABOUT = 2_000


def _iso_day(value: Any, message: str) -> None:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValidationError(message) from None


@dataclass(frozen=True, slots=True)
class Note:
    """A dated note about a person: ``on`` is the day it is about, ``created`` when it was
    written. A journal per person rather than one field that is overwritten."""

    id: str
    person: str
    on: str
    text: str
    network: str | None = None
    created: str | None = None

    def __post_init__(self) -> None:
        _check(isinstance(self.text, str) and bool(self.text.strip()), "a note needs some text")
        if len(self.text) > NOTE_MAX_TEXT:
            raise ValidationError(f"a note is at most {NOTE_MAX_TEXT:,} "
                                  f"characters, not {len(self.text):,}")
        _iso_day(self.on, f"a note's date must be like 2024-05-31, not {self.on!r}")

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "person": self.person, "on": self.on, "text": self.text,
                "network": self.network, "created": self.created}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Note:
        return cls(id=data["id"], person=data["person"], on=data["on"], text=data["text"],
                   network=data.get("network"), created=data.get("created"))


@dataclass(frozen=True, slots=True)
class FollowUp:
    """"Get back to Ann about the flat by Friday", until ``done`` (``done_by`` names the
    interaction that settled it, when one did)."""

    id: str
    person: str
    due: str
    about: str = ""
    created: str | None = None
    done: str | None = None
    done_by: str | None = None

    def __post_init__(self) -> None:
        _iso_day(self.due, f"a follow-up's date must be like 2024-05-31, not {self.due!r}")
        if len(self.about) > FOLLOW_UP_MAX_ABOUT:
            raise ValidationError(f"--about is at most {FOLLOW_UP_MAX_ABOUT:,} characters")

    @property
    def is_open(self) -> bool:
        return self.done is None

    def days_until(self, today: date) -> int:
        return (date.fromisoformat(self.due) - today).days

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "person": self.person, "due": self.due, "about": self.about,
                "created": self.created, "done": self.done, "done_by": self.done_by}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FollowUp:
        return cls(id=data["id"], person=data["person"], due=data["due"],
                   about=data.get("about") or "", created=data.get("created"),
                   done=data.get("done"), done_by=data.get("done_by"))


SYMMETRIC_RELATIONSHIPS: tuple[str, ...] = (
    "spouse", "partner", "sibling", "relative", "colleague", "friend", "neighbour",
    "classmate", "acquaintance", "household")
"""Kinds that read the same from both sides."""

INVERSE_RELATIONSHIPS: dict[str, str] = {
    "parent": "child", "child": "parent", "introduced-by": "introduced",
    "introduced": "introduced-by", "manager": "report", "report": "manager",
    "mentor": "mentee", "mentee": "mentor"}
"""Kinds that the other side sees through their inverse (Tom is Ann's child)."""

RELATIONSHIP_KINDS: tuple[str, ...] = (*SYMMETRIC_RELATIONSHIPS, *INVERSE_RELATIONSHIPS)

RELATIONSHIP_ALIASES: dict[str, str] = {
    "wife": "spouse", "husband": "spouse", "brother": "sibling", "sister": "sibling",
    "mother": "parent", "father": "parent", "son": "child", "daughter": "child",
    "coworker": "colleague", "co-worker": "colleague", "neighbor": "neighbour",
    "boss": "manager"}
"""Everyday words for the kinds, read as the kind they name."""


RELATIONSHIP_PHRASES: dict[str, str] = {
    "introduced-by": "introduced by", "introduced": "introduced", "report": "reports to"}
"""Kinds that read as a verb rather than as "KIND of" (everything else: "parent of")."""


def describe_relationship(kind: str) -> str:
    """How a person stands to the other, before the other's name: ``parent`` -> "parent
    of", ``friend`` -> "friend of", ``introduced-by`` -> "introduced by", ``introduced``
    -> "introduced", a kind of the user's own ``x-by`` -> "x by"."""
    if kind in RELATIONSHIP_PHRASES:
        return RELATIONSHIP_PHRASES[kind]
    return kind.replace("-by", " by") if kind.endswith("-by") else f"{kind} of"


def relationship_sentence(first: str, kind: str, second: str) -> str:
    """"``first`` is ``second``'s ``kind``" as a sentence that reads right: "Ann Lee is
    parent of Tom Lee", "Priya Nair was introduced by Jonas Weber", "Jonas Weber
    introduced Priya Nair", "Tom reports to Ann"."""
    phrase = describe_relationship(kind)
    if phrase.endswith(" by"):
        return f"{first} was {phrase} {second}"
    if phrase in ("introduced", "reports to"):
        return f"{first} {phrase} {second}"
    return f"{first} is {phrase} {second}"


@dataclass(frozen=True, slots=True)
class Relationship:
    """"``a`` is ``b``'s ``kind``": one record per relationship, each side sees it in its
    own words (``seen_from``)."""

    id: str
    a: str
    b: str
    kind: str
    note: str = ""
    created: str | None = None

    def seen_from(self, person: str) -> tuple[str, str]:
        """``(kind in that person's words, the other person)``."""
        if person == self.a:
            return self.kind, self.b
        return INVERSE_RELATIONSHIPS.get(self.kind, self.kind), self.a

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "a": self.a, "b": self.b, "kind": self.kind,
                "note": self.note, "created": self.created}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Relationship:
        return cls(id=data["id"], a=data["a"], b=data["b"], kind=data["kind"],
                   note=data.get("note") or "", created=data.get("created"))

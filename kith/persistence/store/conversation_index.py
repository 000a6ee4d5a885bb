"""The conversation index: who asked, who was pitched, who paid after, whom you helped.

The ledger answers "do the conversations where people ask you pay, and do your pitches?"
and "whom did you help as a newcomer?" without reading the history. For that the store
keeps, per network, two small derived files (``derived/conversations/<network>.json``,
read by every assessment, and ``<network>.asks.json`` with ``i`` and ``p``, read only to
credit talks) with, per person, the UTC days (proleptic ordinals, so spans are
subtractions; lists of days are stored as compact strings, see ``encode_days``) of:

- ``i``: conversations they invited (they came to you with their question);
- ``p``: conversations where you pitched yourself to them;
- ``h``: help you gave them (favours given, never a pitch, volunteering beside them or
  an introduction you made for them);
- ``m``: money they paid you (received; money on a shared interaction is your share of
  the cost, never a payment from them), as ``[day, minor
  units, latest invitation day, latest pitch day]``, the last two on or before the payment
  (``-1``: none), kept up to date so the ledger attributes money without searching;

and a ``talks`` table of talks and workshops you gave or held, and events you gave, by
interaction id: ``[day, kind, note]``, so a talk is credited with the invitations that
followed it. Days rather than times keep the file small enough to read on every
``kith assess`` at a million interactions; spans are counted in whole days.

The index changes in the same transaction as each interaction
(``kith.persistence.store.aggregates``)
and is rebuilt from scratch by ``aggregate_conversations`` (``kith doctor --repair``, the
migration to schema 3). Lists are multisets: removing an interaction removes one copy.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

FOLDER = "derived/conversations"
TALK_KINDS = ("talk", "workshop")
"""Kinds that are the user's own talk when given or shared; ``event`` counts when given."""
NOTE_CHARS = 60
NOT_HELP_TO_A_PERSON = ("volunteering", "introduction")
"""Favours given that are not help to the people named: volunteering side by side, and
an introduction (paid forward, counted by the month totals' ``forward`` row)."""


def file_of(network: str) -> str:
    """The file ``kith assess`` reads: payments, help given, talks."""
    return f"{FOLDER}/{network}.json"


def asks_file_of(network: str) -> str:
    """The file of invitation and pitch days, read only to credit talks (and written with
    every conversation): kept apart so that every assessment need not parse it."""
    return f"{FOLDER}/{network}.asks.json"


def initiative_of(doc: dict[str, Any]) -> str | None:
    """A stored interaction's initiative; older documents only carry ``invited``."""
    initiative = doc.get("initiative")
    if initiative is None and doc.get("invited"):
        return "invited"
    return initiative  # type: ignore[no-any-return]


def utc_day(when: str | datetime) -> int:
    moment = datetime.fromisoformat(when) if isinstance(when, str) else when
    return moment.astimezone(UTC).date().toordinal()


def relevant(direction: str, kind: str, initiative: str | None, money: int,
             favours: int) -> bool:
    """Whether an interaction adds anything to the index (most do not: a quick check)."""
    return bool(initiative or money > 0 or (favours and direction == "gave")
                or kind in TALK_KINDS or kind == "event")


def entries(doc: dict[str, Any]) -> tuple[dict[str, Any], list[Any] | None]:
    """What one interaction document adds: ``{field: item}`` for each of its people, and
    its ``talks`` entry (or None)."""
    value = doc.get("value") or {}
    money, favours = int(value.get("money", 0)), int(value.get("favours", 0))
    direction, kind = doc.get("direction"), doc.get("kind")
    initiative = initiative_of(doc)
    day = utc_day(doc["when"])
    items: dict[str, Any] = {}
    if initiative == "invited":
        items["i"] = day
    elif initiative == "pitched":
        items["p"] = day
    if money > 0 and direction == "received":
        items["m"] = [day, money]
    if favours > 0 and direction == "gave" and initiative != "pitched" \
            and kind not in NOT_HELP_TO_A_PERSON:
        items["h"] = day
    talk = None
    if (kind in TALK_KINDS and direction in ("gave", "shared")) or \
            (kind == "event" and direction == "gave"):
        talk = [day, kind, str(doc.get("note") or "")[:NOTE_CHARS]]
    return items, talk


ALPHABET = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
"""64 characters in ASCII order, so encoded days sort as the days do."""
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
EPOCH = date(1800, 1, 1).toordinal()
"""Day 0 of the encoding; three characters reach 64**3 days (to the year 2517)."""


def encode_days(days: list[int]) -> str:
    """Sorted day ordinals as one compact string, three characters a day: the index is
    read on every ``kith assess``, and one string parses far faster than a list of
    numbers."""
    out = []
    for day in days:
        n = min(max(day - EPOCH, 0), 64 ** 3 - 1)
        out.append(ALPHABET[n >> 12] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63])
    return "".join(out)


def decode_days(text: str) -> list[int]:
    value = _VALUE
    return [EPOCH + (value[text[i]] << 12) + (value[text[i + 1]] << 6) + value[text[i + 2]]
            for i in range(0, len(text), 3)]


def day_at(text: str, index: int) -> int:
    """The ``index``-th day of an encoded list, without decoding the rest."""
    value, i = _VALUE, 3 * index
    return EPOCH + (value[text[i]] << 12) + (value[text[i + 1]] << 6) + value[text[i + 2]]


def first_and_last(text: str) -> tuple[int, int]:
    """The first and the last day of a non-empty encoded list, decoding only those two
    (the ledger asks it for every person helped in every network)."""
    value = _VALUE
    return (EPOCH + (value[text[0]] << 12) + (value[text[1]] << 6) + value[text[2]],
            EPOCH + (value[text[-3]] << 12) + (value[text[-2]] << 6) + value[text[-1]])


def bisect_days(text: str, day: int, *, right: bool = False) -> int:
    """``bisect_left`` (or ``bisect_right``) of ``day`` in an encoded list, comparing the
    fixed-width codes as text: the ledger searches the index without decoding it."""
    key = encode_days([day])
    lo, hi = 0, len(text) // 3
    while lo < hi:
        mid = (lo + hi) // 2
        code = text[3 * mid:3 * mid + 3]
        if code < key or (right and code == key):
            lo = mid + 1
        else:
            hi = mid
    return lo


def apply(people: dict[str, Any], asks: dict[str, Any], talks: dict[str, Any],
          doc: dict[str, Any], sign: int, batch: Batch | None = None) -> None:
    """Add (``sign=+1``) or remove (``-1``) one interaction document from a network's
    ``people`` (``m``, ``h``), ``asks`` (``i``, ``p``) and ``talks`` tables, dropping what
    becomes empty. Days of ``i``, ``p`` and ``h`` are kept sorted and encoded
    (``encode_days``); ``m`` is a sorted list of ``[day, money, invited, pitched]``.

    With a ``batch``, days stay decoded in it and payments unmarked until
    ``Batch.finish``: a person merge moving thousands of one person's conversations
    decodes and encodes each list once, not once per interaction."""
    items, talk = entries(doc)
    if talk is not None:
        if sign > 0:
            talks[doc["id"]] = talk
        else:
            talks.pop(doc["id"], None)
    if not items:
        return
    who = list(dict.fromkeys(doc.get("people") or ()))
    for index, person in enumerate(who):
        record = people.setdefault(person, {})
        asked = asks.setdefault(person, {})
        for key, item in items.items():
            if key == "m":  # a payment from several people is split, so sums stay true
                share = item[1] // len(who) + (1 if index < item[1] % len(who) else 0)
                bucket = record.setdefault("m", [])
                if sign > 0:
                    bisect.insort(bucket, [item[0], share, -1, -1])
                else:
                    for position, entry in enumerate(bucket):
                        if entry[0] == item[0] and entry[1] == share:
                            del bucket[position]
                            break
                if not bucket:
                    del record["m"]
                continue
            table = asked if key in ("i", "p") else record
            if batch is not None:
                days = batch.days(table, key)
                if sign > 0:
                    bisect.insort(days, _clamped(item))  # as encoding would store it
                elif item in days:
                    days.remove(item)
                continue
            days = decode_days(table.get(key, ""))
            if sign > 0:
                bisect.insort(days, item)
            elif item in days:
                days.remove(item)
            if days:
                table[key] = encode_days(days)
            else:
                table.pop(key, None)
        if batch is not None:
            batch.touched(people, asks, person, "m" in items or "i" in items or "p" in items)
            continue
        if "m" in record and ("m" in items or "i" in items or "p" in items):
            _mark_payments(record, asked)
        if not record:
            del people[person]
        if not asked:
            del asks[person]


def _clamped(day: int) -> int:
    """A day as ``decode_days(encode_days([day]))`` gives it back."""
    return min(max(day, EPOCH), EPOCH + 64 ** 3 - 1)


class Batch:
    """Many ``apply`` calls folded into one decoding and one encoding of each list they
    touch (``apply(..., batch=)``); the tables are written back by ``finish``, which
    leaves them exactly as the same calls one by one would (lists are multisets, and a
    payment's marks depend only on the final invitations and pitches)."""

    def __init__(self) -> None:
        self._days: dict[tuple[int, str], tuple[dict[str, Any], list[int]]] = {}
        self._people: dict[tuple[int, str], tuple[dict[str, Any], dict[str, Any], str,
                                                  bool]] = {}

    def days(self, table: dict[str, Any], key: str) -> list[int]:
        """The decoded days of ``table[key]``, decoded on first use."""
        found = self._days.get((id(table), key))
        if found is None:
            found = self._days[(id(table), key)] = (table, decode_days(table.get(key, "")))
        return found[1]

    def touched(self, people: dict[str, Any], asks: dict[str, Any], person: str,
                marks: bool) -> None:
        """``person``'s entries changed; ``marks``: their payments need marking again."""
        key = (id(people), person)
        before = self._people.get(key)
        self._people[key] = (people, asks, person, marks or bool(before and before[3]))

    def finish(self) -> None:
        """Encode every list back, mark payments, drop what became empty."""
        for (_, key), (table, days) in self._days.items():
            if days:
                table[key] = encode_days(days)
            else:
                table.pop(key, None)
        for people, asks, person, marks in self._people.values():
            record, asked = people.get(person, {}), asks.get(person, {})
            if marks and "m" in record:
                _mark_payments(record, asked)
            if not record:
                people.pop(person, None)
            if not asked:
                asks.pop(person, None)
        self._days.clear()
        self._people.clear()


def _mark_payments(record: dict[str, Any], asks: dict[str, Any]) -> None:
    """Give each payment of a person the latest invitation and pitch from them on or
    before its day (``-1``: none), so the ledger attributes money without searching."""
    asked, pitched = decode_days(asks.get("i", "")), decode_days(asks.get("p", ""))
    for entry in record["m"]:
        for slot, days in ((2, asked), (3, pitched)):
            last = bisect.bisect_right(days, entry[0])
            entry[slot] = days[last - 1] if last else -1


def aggregate_conversations(docs: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """``{network: {"people": {...}, "talks": {...}}}`` of these documents, from scratch
    (lists kept sorted, as the store keeps them)."""
    index: dict[str, Any] = {}
    for doc in docs:
        network = index.setdefault(doc["network"], {"people": {}, "asks": {}, "talks": {}})
        apply(network["people"], network["asks"], network["talks"], doc, +1)
    return {n: normalise(v) for n, v in index.items() if any(v.values())}


def normalise(network: dict[str, Any]) -> dict[str, Any]:
    """Lists in order, for comparison with a recomputation (order is not meaningful)."""
    return {"people": {p: {k: v if isinstance(v, str) else sorted(v) for k, v in r.items()}
                       for p, r in network.get("people", {}).items()},
            "asks": {p: dict(r) for p, r in network.get("asks", {}).items()},
            "talks": dict(network.get("talks", {}))}

"""The people side of a network: newcomers you helped (paying it forward) and takers.

Both are information, never a debt: "you should give help without expecting a return of
the favor from that person". Help to a newcomer is paid forward and is kept out of the
favour balance. Definitions:

- a **newcomer** is someone whose first record in the network (or recorded joining, if
  earlier) is at most ``newcomer_months`` before help you gave them; someone first seen
  in the month you began recording a network you had joined before is not known to be
  new. Introductions you made for someone, and volunteering beside them, are not help to
  them (the conversation index does not count them), so neither makes a newcomer;
- a **taker** has had at least ``taker_min_favours`` days of help from you after the
  first ``taker_grace_months`` of your record of the network (before that you do not
  know what they gave), and nothing ever back; a newcomer helped in the window is never
  also a taker.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import date
from typing import Any

from kith.core.model import ME, Network
from kith.domain.conversations import bisect_days, day_at, first_and_last
from kith.domain.ledger.windows import month_index
from kith.persistence.store.aggregates import COUNT

NEWCOMERS_LISTED = 10
TAKERS_LISTED = 5


def _day(text: str) -> int:
    return date.fromisoformat(text[:10]).toordinal()


@dataclass
class PeopleFacts:
    """The people side prepared once for every window."""

    helped: list[tuple[int, str, str, int, int]]
    """``(first day, person, encoded help days, first help, last help)``."""
    takers: list[dict[str, Any]]

    @classmethod
    def prepare(cls, network: Network, rules: dict[str, Any], index_people: dict[str, Any],
                members: dict[str, Any], people: dict[str, dict[str, Any]],
                began: str | None = None, record_began: str | None = None, *,
                joined: dict[str, str] | None = None) -> PeopleFacts:
        """``began``: the month you began recording this network (``YYYY-MM``), when you
        had joined it before then; ``record_began``: that month in any case; ``joined``:
        the day each person joined this network, where recorded (read from ``people``
        when not given)."""
        min_favours = int(rules["taker_min_favours"])
        grace_end = 0
        if record_began:
            index = month_index(record_began) + int(rules["taker_grace_months"])
            grace_end = date(index // 12, index % 12 + 1, 1).toordinal()
        ident, fromiso = network.id, date.fromisoformat
        if joined is None:
            joined = {}
            for person in index_people:
                day = (people.get(person, {}).get("networks") or {}).get(ident)
                if day:
                    joined[person] = day
        helped: list[tuple[int, str, str, int, int]] = []
        takers: list[dict[str, Any]] = []
        append, joined_on = helped.append, joined.get
        # this loop runs for every person helped in every network (16k at a million
        # interactions): one look-up of their totals, the two ends of their help days
        for person, record in index_people.items():
            helps = record.get("h")
            data = members.get(person) if helps else None
            if data is None or person == ME:
                continue
            first = data["first"]
            first_help, last_help = first_and_last(helps)
            day = joined_on(person)
            if day or not began or first[:7] != began:
                since = fromiso(first[:10]).toordinal()
                if day:
                    since = min(since, _day(day))
                append((since, person, helps, first_help, last_help))
            # one part of two rows of every person helped (thousands at a million
            # interactions): read by position, without a ``Totals`` per row
            if data["received"][COUNT] or data["shared"][COUNT]:
                continue  # something came back from them: not a taker
            count = len(helps) // 3
            after_grace = count if first_help >= grace_end else \
                count - bisect_days(helps, grace_end)
            if after_grace >= min_favours:
                takers.append({"id": person, "favours_given": after_grace})
        return cls(helped, takers)


def people_side(facts: PeopleFacts, low: int, end: date, rules: dict[str, Any],
                people: dict[str, dict[str, Any]]
                ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int, int]:
    """Newcomers helped in the window (the ten most recent), the few takers, how many
    newcomers in all and how many days of help they had in the window."""
    high = end.toordinal()
    limit = round(float(rules["newcomer_months"]) * 30.44)
    found: list[tuple[int, str, int]] = []  # (first day, person, helps in the window)
    for since, person, helps, first, last in facts.helped:
        # help inside the window reaches back at most ``limit`` days to the first day
        if last < low or first > high or since < low - limit:
            continue
        start = max(low, since)
        first_help = 0 if first >= start else bisect_days(helps, start)
        count = len(helps) // 3
        if first_help >= count:
            continue
        day = first if first_help == 0 else day_at(helps, first_help)
        if day <= high and day - since <= limit:
            inside = count if last <= high else bisect_days(helps, high, right=True)
            found.append((since, person, inside - first_help))
    total = len(found)
    help_days = sum(item[2] for item in found)
    newcomer_ids = {item[1] for item in found}
    if total > NEWCOMERS_LISTED:  # only the most recent are listed; naming all would cost
        tenth = heapq.nlargest(NEWCOMERS_LISTED, (item[0] for item in found))[-1]
        found = [item for item in found if item[0] >= tenth]
    newcomers = [{"id": person, "first": date.fromordinal(since).isoformat(),
                  "helped": helped} for since, person, helped in found]
    takers = [dict(t) for t in facts.takers if t["id"] not in newcomer_ids]
    if len(takers) > TAKERS_LISTED:
        fifth = heapq.nlargest(TAKERS_LISTED, (t["favours_given"] for t in takers))[-1]
        takers = [t for t in takers if t["favours_given"] >= fifth]
    for item in (*newcomers, *takers):
        item["name"] = people.get(item["id"], {}).get("name", item["id"])
    newcomers.sort(key=lambda i: (i["first"], i["name"]), reverse=True)
    takers.sort(key=lambda i: (-i["favours_given"], i["name"]))
    return newcomers[:NEWCOMERS_LISTED], takers[:TAKERS_LISTED], total, help_days

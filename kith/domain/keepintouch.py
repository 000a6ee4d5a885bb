"""Keeping in touch: who is overdue, whose birthday is coming, and whom you helped lately
who is new to a network (paying it forward).

Cadence, most specific first: the person's own ``cadence_days``; else the shortest
cadence of their tags in ``[keep_in_touch] by_tag``; else the shortest of their networks
in ``by_network``; else ``default_days`` (off when unset). **Any** interaction in any
network resets the clock: the last contact comes from the store's per-person aggregates,
which every write (CLI, import, TUI, plugin) updates in the same transaction as the
interaction itself, so reminders never ignore logged contact and cost the same with ten
years of history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from kith.core import clock
from kith.core.model import ME
from kith.persistence.store.aggregates import COUNT, FAVOURS

if TYPE_CHECKING:
    from kith.persistence.store import Store


@dataclass
class Overdue:
    id: str
    name: str
    cadence_days: int
    last_contact: str | None
    last_network: str | None
    days_since: int | None
    days_overdue: int


@dataclass
class Birthday:
    id: str
    name: str
    date: str
    days_until: int
    turns: int | None


@dataclass
class Newcomer:
    id: str
    name: str
    network: str
    first: str
    helped: int


@dataclass
class Reminders:
    overdue: list[Overdue] = field(default_factory=list)
    birthdays: list[Birthday] = field(default_factory=list)
    newcomers: list[Newcomer] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        # flat records: vars() is an order of magnitude faster than asdict() on 10k rows
        return {"overdue": [dict(vars(o)) for o in self.overdue],
                "birthdays": [dict(vars(b)) for b in self.birthdays],
                "newcomers": [dict(vars(n)) for n in self.newcomers]}


def cadence_for(person: dict[str, Any], config: dict[str, Any]) -> int | None:
    """The keep-in-touch cadence in days for a person document, or None."""
    if person.get("cadence_days"):
        return int(person["cadence_days"])
    rules = config.get("keep_in_touch", {})
    by_tag = [int(d) for t, d in (rules.get("by_tag") or {}).items() if t in person["tags"]]
    if by_tag:
        return min(by_tag)
    by_network = [int(d) for n, d in (rules.get("by_network") or {}).items()
                  if n in person["networks"]]
    if by_network:
        return min(by_network)
    default = rules.get("default_days")
    return int(default) if default else None


def _next_birthday(text: str, today: date) -> tuple[date, int | None] | None:
    month, day = int(text[-5:-3]), int(text[-2:])
    year = None if text.startswith("--") else int(text[:4])
    for candidate_year in (today.year, today.year + 1):
        try:
            candidate = date(candidate_year, month, day)
        except ValueError:  # 29 February in a common year: celebrate on the 28th
            candidate = date(candidate_year, 2, 28)
        if candidate >= today:
            return candidate, (candidate_year - year if year else None)
    return None


def reminders(store: Store, config: dict[str, Any], today: date | None = None, *,
              birthday_days: int = 30, newcomer_days: int = 90) -> Reminders:
    today = today or clock.now().date()
    stats = store.person_stats()
    result = Reminders()
    for ident, person in store.people_docs().items():
        if ident == ME:
            continue
        nets = stats.get(ident, {})
        last = max(nets.items(), key=lambda item: item[1]["last"], default=None)
        cadence = cadence_for(person, config)
        if cadence:
            if last:
                when = date.fromisoformat(last[1]["last"][:10])  # UTC day: good to a day
                since = (today - when).days
                if since > cadence:
                    result.overdue.append(Overdue(ident, person["name"], cadence,
                                                  last[1]["last"], last[0], since,
                                                  since - cadence))
            else:
                created = (person.get("created") or "")[:10]
                known = (today - date.fromisoformat(created)).days if created else None
                if known is None or known > cadence:
                    result.overdue.append(Overdue(ident, person["name"], cadence, None, None,
                                                  known, (known or cadence) - cadence))
        if person.get("birthday"):
            upcoming = _next_birthday(person["birthday"], today)
            if upcoming and (upcoming[0] - today).days <= birthday_days:
                result.birthdays.append(Birthday(ident, person["name"],
                                                 upcoming[0].isoformat(),
                                                 (upcoming[0] - today).days, upcoming[1]))
        member_of = person.get("networks") or {}
        for network, data in nets.items():
            # a newcomer is someone new in a network they are in, whom you helped (a
            # favour, help, an introduction), never someone you only paid or pitched to
            gave = data["gave"]  # a stored row, read by position: 10k people, no Totals
            if network not in member_of or not gave[FAVOURS]:
                continue
            first = date.fromisoformat(data["first"][:10])
            joined = member_of.get(network)
            if joined:
                first = min(first, date.fromisoformat(joined[:10]))
            if (today - first).days <= newcomer_days:
                result.newcomers.append(Newcomer(ident, person["name"], network,
                                                 first.isoformat(), gave[COUNT]))
    result.overdue.sort(key=lambda o: (o.last_contact is not None, -o.days_overdue, o.name))
    result.birthdays.sort(key=lambda b: (b.days_until, b.name))
    result.newcomers.sort(key=lambda n: (n.first, n.name), reverse=True)
    return result

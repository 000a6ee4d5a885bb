"""Keeping in touch: who is overdue, whose birthday is coming, whom you helped lately who
is new to a network (paying it forward), and the reminders that act on the second post:

- **came to you**: people who came to you with their question (an *invited*
  conversation, often after your talk or workshop) in the last ``came_days`` (30) and
  whom you have not followed up —
  no later interaction with them and no follow-up set since; newest first, with the talk
  or workshop that brought them (the latest one in that network in the week before);
- **drifting**: people you used to see often (at least ``DRIFT_MIN_CONTACTS`` contacts,
  a usual gap of at most ``DRIFT_MAX_RHYTHM`` days) whose gap since the last contact is
  ``DRIFT_FACTOR`` times their usual gap or more (and at least ``DRIFT_MIN_DAYS``), with
  no cadence set (a cadence makes them *overdue* instead) and not silenced
  (``kith remind --silence PERSON``);
- **thank**: each network's *connectors* (the few people through whom most of its value
  came to you: together at least half, each at least a fifth) and people whose *big
  help* (``BIG_MONEY``, ``BIG_FAVOURS`` or ``BIG_MINUTES`` at once) reached you in the
  last ``thank_days`` (30) with nothing given back to them since.

Came-to-you and thank read only the month files of those recent days (the cost follows
the last weeks, never the history); drifting and connectors read the per-person
aggregates.

Cadence, most specific first: the person's own ``cadence_days``; else the shortest
cadence of their tags in ``[keep_in_touch] by_tag``; else the shortest of their networks
in ``by_network``; else ``default_days`` (off when unset). **Any** interaction in any
network resets the clock: the last contact comes from the store's per-person aggregates,
which every write (CLI, import, TUI, plugin) updates in the same transaction as the
interaction itself, so reminders never ignore logged contact and cost the same with ten
years of history.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from kith.core import clock
from kith.core.model import ME
from kith.persistence.store.aggregates import COUNT, FAVOURS, FUN, MINUTES, MONEY
from kith.persistence.store.conversation_index import TALK_KINDS, initiative_of

DRIFT_MIN_CONTACTS = 5
DRIFT_MAX_RHYTHM = 90
DRIFT_FACTOR = 3
DRIFT_MIN_DAYS = 30
DRIFT_MIN_RHYTHM = 7
"""Several contacts on one day (a chat, an import) are not a rhythm: a week at least."""
SILENCED = "remind_silenced"
"""The person field (in ``extra``) that keeps someone out of *drifting*."""
TALK_WINDOW = 7
CONNECTOR_SHARE = 0.2
CONNECTOR_MIN_PEOPLE = 3
CONNECTORS_MAX = 3
BIG_MONEY = 10_000
"""Minor units (100.00 with two decimals) received at once that call for a thank-you."""
BIG_FAVOURS = 2
BIG_MINUTES = 120
DRIFT_RULE = (f"drifting: at least {DRIFT_MIN_CONTACTS} contacts, usually every "
              f"{DRIFT_MAX_RHYTHM} days or more often, and now {DRIFT_FACTOR}x the usual "
              f"gap (at least {DRIFT_MIN_DAYS} days) without contact; no cadence set "
              "(silence someone: kith remind --silence PERSON)")

_NO_TOTALS: dict[str, Any] = {}

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
class CameToYou:
    """Someone who came to you and has not been followed up."""

    id: str
    name: str
    network: str
    day: str
    talk: str | None
    why: str
    act: str


@dataclass
class Drifting:
    """Someone you used to see often and have not for far longer than usual."""

    id: str
    name: str
    last_contact: str
    last_network: str
    usual_days: int
    days_since: int
    contacts: int
    why: str
    act: str


@dataclass
class Thank:
    """Someone to thank: a connector of a network, or big help received lately."""

    id: str
    name: str
    network: str
    reason: str  # "connector" or "big help"
    why: str
    act: str


@dataclass
class Reminders:
    overdue: list[Overdue] = field(default_factory=list)
    birthdays: list[Birthday] = field(default_factory=list)
    newcomers: list[Newcomer] = field(default_factory=list)
    came_to_you: list[CameToYou] = field(default_factory=list)
    drifting: list[Drifting] = field(default_factory=list)
    thank: list[Thank] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        # flat records: vars() is an order of magnitude faster than asdict() on 10k rows
        return {"overdue": [dict(vars(o)) for o in self.overdue],
                "birthdays": [dict(vars(b)) for b in self.birthdays],
                "newcomers": [dict(vars(n)) for n in self.newcomers],
                "came_to_you": [dict(vars(c)) for c in self.came_to_you],
                "drifting": [dict(vars(d)) for d in self.drifting],
                "thank": [dict(vars(t)) for t in self.thank],
                "rules": {"drifting": DRIFT_RULE}}


def cadence_for(person: dict[str, Any], config: dict[str, Any]) -> int | None:
    """The keep-in-touch cadence in days for a person document, or None."""
    return _cadence_rule(config)(person)  # type: ignore[no-any-return]


def _cadence_rule(config: dict[str, Any]) -> Any:
    """``cadence_for`` with the configuration read once: with no tag, network or default
    cadence configured, a person's cadence is their own field, and 10k people cost a
    dictionary look-up each; otherwise the rules are taken out of the configuration
    once, not once a person."""
    rules = config.get("keep_in_touch", {})
    by_tag = list((rules.get("by_tag") or {}).items())
    by_network = list((rules.get("by_network") or {}).items())
    default = rules.get("default_days")
    if not (by_tag or by_network or default):
        return lambda person: int(person["cadence_days"]) if person.get("cadence_days") \
            else None

    def cadence(person: dict[str, Any]) -> int | None:
        own = person.get("cadence_days")
        if own:
            return int(own)
        if by_tag:
            tags = person["tags"]
            found = [int(d) for t, d in by_tag if t in tags]
            if found:
                return min(found)
        if by_network:
            networks = person["networks"]
            found = [int(d) for n, d in by_network if n in networks]
            if found:
                return min(found)
        return int(default) if default else None

    return cadence


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
              birthday_days: int = 30, newcomer_days: int = 90, came_days: int = 30,
              thank_days: int = 30, followed_up: dict[str, str] | None = None
              ) -> Reminders:
    """Every reminder as of ``today``. ``followed_up`` maps a person to the latest day
    (ISO) a follow-up was set for them (the services pass it: follow-ups are theirs)."""
    today = today or clock.now().date()
    stats = store.person_stats()
    docs = store.people_docs()
    result = Reminders()
    networks = {n.id: n.name for n in store.networks()}
    # the recent months only, read once: what came to you and whom to thank are recent
    recent = _recent(store, today, max(came_days + TALK_WINDOW, thank_days))
    result.came_to_you = _came_to_you(recent, docs, stats, networks, today, came_days,
                                      followed_up or {})
    cadence_of = _cadence_rule(config)
    received: dict[str, list[tuple[str, list[int]]]] = {}
    # seen in the last DRIFT_MIN_DAYS: nobody is drifting (most people: a string compare)
    drift_before = date.fromordinal(today.toordinal() - DRIFT_MIN_DAYS).isoformat()
    # one pass over the people, and over each one's totals once, in the order they are
    # stored: at 10k people and 1M interactions reading the totals of 50k (person,
    # network) pairs costs more than anything computed from them, and more still when
    # they are visited out of order (``_everyone``)
    for ident, person, nets in _everyone(docs, stats):
        member_of = person.get("networks") or _NO_TOTALS
        last = None
        last_when = ""
        for network, data in nets.items():
            when = data["last"]
            if last is None or when > last_when:
                last, last_when = (network, data), when
            row = data["received"]  # for the connectors (``_thanks``)
            if row[MONEY] > 0 or row[MINUTES] or row[FAVOURS] or row[FUN]:
                received.setdefault(network, []).append((ident, row))
            # a newcomer is someone new in a network they are in, whom you helped (a
            # favour, help, an introduction), never someone you only paid or pitched to
            gave = data["gave"]  # a stored row, read by position: 10k people, no Totals
            if not gave[FAVOURS] or network not in member_of:
                continue
            first = date.fromisoformat(data["first"][:10])
            joined = member_of.get(network)
            if joined:
                first = min(first, date.fromisoformat(joined[:10]))
            if (today - first).days <= newcomer_days:
                result.newcomers.append(Newcomer(ident, person["name"], network,
                                                 first.isoformat(), gave[COUNT]))
        cadence = cadence_of(person)
        if cadence:
            if last:
                when = date.fromisoformat(last_when[:10])  # UTC day: good to a day
                since = (today - when).days
                if since > cadence:
                    result.overdue.append(Overdue(ident, person["name"], cadence,
                                                  last_when, last[0], since,
                                                  since - cadence))
            else:
                created = (person.get("created") or "")[:10]
                known = (today - date.fromisoformat(created)).days if created else None
                if known is None or known > cadence:
                    result.overdue.append(Overdue(ident, person["name"], cadence, None, None,
                                                  known, (known or cadence) - cadence))
        elif last and last_when[:10] <= drift_before \
                and not (person.get("extra") or _NO_TOTALS).get(SILENCED):
            drift = _drift(ident, person["name"], nets, last, today, networks)
            if drift is not None:
                result.drifting.append(drift)
        if person.get("birthday"):
            upcoming = _next_birthday(person["birthday"], today)
            if upcoming and (upcoming[0] - today).days <= birthday_days:
                result.birthdays.append(Birthday(ident, person["name"],
                                                 upcoming[0].isoformat(),
                                                 (upcoming[0] - today).days, upcoming[1]))
    result.thank = _thanks(recent, docs, networks, today, thank_days, received)
    # the order of the people (ties below keep it), as if they had been visited so
    position = {ident: index for index, ident in enumerate(docs)}
    for items in (result.overdue, result.birthdays, result.newcomers, result.drifting):
        items.sort(key=lambda item: position[item.id])
    result.overdue.sort(key=lambda o: (o.last_contact is not None, -o.days_overdue, o.name))
    result.birthdays.sort(key=lambda b: (b.days_until, b.name))
    result.newcomers.sort(key=lambda n: (n.first, n.name), reverse=True)
    result.drifting.sort(key=lambda d: (-d.days_since / d.usual_days, d.name))
    return result


def _everyone(docs: dict[str, Any], stats: dict[str, Any]
              ) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """``(id, person, totals by network)`` for everyone but you: first the people with
    totals, in the order the totals are stored (a sequential walk over 50k rows, twice as
    fast as looking each up in the order of the people), then those without any."""
    for ident, nets in stats.items():
        person = docs.get(ident)
        if person is not None and ident != ME:
            yield ident, person, nets
    for ident, person in docs.items():
        if ident != ME and ident not in stats:
            yield ident, person, _NO_TOTALS


def _ref(name: str) -> str:
    return f'"{name}"' if " " in name else name


def _drift(ident: str, name: str, nets: dict[str, Any], last: tuple[str, Any], today: date,
           networks: dict[str, str]) -> Drifting | None:
    """The drifting rule (see the module docstring) for one person, from their
    aggregates alone."""
    last_day = date.fromisoformat(last[1]["last"][:10])
    since = (today - last_day).days
    if since < DRIFT_MIN_DAYS:
        return None  # seen this month: nobody is drifting (most people, cheaply)
    contacts = 0
    first = last[1]["last"]
    for data in nets.values():
        row = data["gave"], data["received"], data["shared"]
        contacts += row[0][COUNT] + row[1][COUNT] + row[2][COUNT]
        first = min(first, data["first"])
    if contacts < DRIFT_MIN_CONTACTS:
        return None
    span = (last_day - date.fromisoformat(first[:10])).days
    usual = max(DRIFT_MIN_RHYTHM, round(span / (contacts - 1)))
    if usual > DRIFT_MAX_RHYTHM or since < max(DRIFT_MIN_DAYS, DRIFT_FACTOR * usual):
        return None
    where = networks.get(last[0], last[0])
    why = (f"you used to be in touch about every {usual} days ({contacts} contacts since "
           f"{first[:10]}); none for {since} days, since {last_day} in {where}")
    act = (f"kith log {last[0]} --with {_ref(name)} --shared --kind conversation   "
           f"(or: kith remind --silence {_ref(name)})")
    return Drifting(ident, name, last[1]["last"], last[0], usual, since, contacts, why, act)


def _came_to_you(recent: list[dict[str, Any]], docs: dict[str, Any],
                 stats: dict[str, Any], networks: dict[str, str], today: date, days: int,
                 followed_up: dict[str, str]) -> list[CameToYou]:
    """Invited conversations not followed up, newest first (see the module docstring)."""
    horizon = date.fromordinal(today.toordinal() - days).isoformat()
    until = today.isoformat()
    talks: dict[str, list[tuple[str, str, str]]] = {}
    latest: dict[str, dict[str, Any]] = {}
    for doc in recent:
        kind, direction = doc["kind"], doc["direction"]
        if (kind in TALK_KINDS and direction in ("gave", "shared")) or \
                (kind == "event" and direction == "gave"):
            talks.setdefault(doc["network"], []).append(
                (doc["when"][:10], kind, str(doc.get("note") or "")[:60]))
        if initiative_of(doc) == "invited" and horizon <= doc["when"][:10] <= until:
            for ident in doc["people"]:
                if ident != ME and ident in docs and \
                        doc["when"] > latest.get(ident, {}).get("when", ""):
                    latest[ident] = doc
    found = []
    for ident, doc in latest.items():
        invited = doc["when"][:10]
        last = max((d["last"][:10] for d in stats.get(ident, {}).values()), default="")
        if last > invited or followed_up.get(ident, "") >= invited:
            continue  # they heard from you again, or a follow-up is set
        talk = _talk_before(talks.get(doc["network"], []), invited)
        name = docs[ident]["name"]
        where = networks.get(doc["network"], doc["network"])
        why = (f"came to you in {where} on {invited}" + (f", after your {talk}" if talk else "")
               + "; nothing since")
        act = f'kith follow-up add {_ref(name)} --in 3d --about "..."'
        found.append(CameToYou(ident, name, doc["network"], invited, talk, why, act))
    found.sort(key=lambda c: (c.day, c.name), reverse=True)
    return found


def _talk_before(talks: list[tuple[str, str, str]], day: str) -> str | None:
    """The latest talk or workshop of a network in the week up to ``day``, in words."""
    start = date.fromordinal(date.fromisoformat(day).toordinal() - TALK_WINDOW).isoformat()
    best = max((t for t in talks if start <= t[0] <= day), default=None)
    if best is None:
        return None
    return f"{best[1]} on {best[0]}" + (f" ({best[2]})" if best[2] else "")


def _shares(rows: list[tuple[str, list[int]]], totals: list[int]
            ) -> list[tuple[float, str]]:
    """``(share, person)`` for a network's rows: a person's share is the mean, over the
    value fields the network gave anything in, of their part of it (the fields are
    chosen once: a network has thousands of rows)."""
    fields = [(i, totals[i]) for i in (MONEY, MINUTES, FAVOURS, FUN) if totals[i] > 0]
    if not fields:
        return [(0.0, ident) for ident, _ in rows]
    count = len(fields)
    return [(sum([row[i] / total for i, total in fields]) / count, ident)
            for ident, row in rows]


def _thanks(recent: list[dict[str, Any]], docs: dict[str, Any], networks: dict[str, str],
            today: date, days: int,
            received: dict[str, list[tuple[str, list[int]]]]) -> list[Thank]:
    """Connectors of each network, and big help received lately with nothing given
    back since (see the module docstring). ``received``: by network, the totals received
    from each person (but you) who gave anything (gathered by ``reminders`` in its pass
    over everyone's totals)."""
    sums: dict[str, list[int]] = {}
    for network, rows in received.items():
        total = sums[network] = [0, 0, 0, 0, 0]
        for _, row in rows:
            money = row[MONEY]
            if money > 0:
                total[MONEY] += money
            total[MINUTES] += row[MINUTES]
            total[FAVOURS] += row[FAVOURS]
            total[FUN] += row[FUN]
    start = date.fromordinal(today.toordinal() - days).isoformat()
    recent = [d for d in recent if d["when"][:10] >= start]
    gave_since: dict[str, str] = {}
    for doc in recent:
        if doc["direction"] == "gave":
            for ident in doc["people"]:
                gave_since[ident] = max(gave_since.get(ident, ""), doc["when"])
    out: list[Thank] = []
    for network, rows in sorted(received.items()):
        if len(rows) < CONNECTOR_MIN_PEOPLE or network not in networks:
            continue
        totals = sums[network]
        # ties by name, never by id (ids differ between two copies of the same history);
        # only the first few can be connectors, so only they are sorted
        shares = _shares(rows, totals)
        cut = heapq.nlargest(CONNECTORS_MAX, [share for share, _ in shares])[-1]
        ranked = sorted((item for item in shares if item[0] >= cut),
                        key=lambda item: (-item[0], docs[item[1]]["name"], item[1]))
        covered = 0.0
        for share, ident in ranked[:CONNECTORS_MAX]:
            if share < CONNECTOR_SHARE or covered >= 0.5:
                break
            covered += share
            if ident in gave_since:
                continue  # you gave them something lately: thanked
            name = docs[ident]["name"]
            why = (f"a connector of {networks[network]}: {round(share * 100)}% of what it "
                   f"gave you came through {name}")
            out.append(Thank(ident, name, network, "connector", why, _thank_act(network, name)))
    named = {(t.id, t.network) for t in out}
    big = [doc for doc in recent if doc["direction"] == "received" and (
        doc["value"]["money"] >= BIG_MONEY or doc["value"]["favours"] >= BIG_FAVOURS
        or doc["value"]["minutes"] >= BIG_MINUTES)]
    # newest first (a stable sort of the few big ones: the order the whole would give)
    for doc in sorted(big, key=lambda d: d["when"], reverse=True):
        for ident in doc["people"]:
            if ident == ME or ident not in docs or (ident, doc["network"]) in named:
                continue
            if gave_since.get(ident, "") > doc["when"]:
                continue
            named.add((ident, doc["network"]))
            name = docs[ident]["name"]
            what = doc.get("note") or doc["kind"]
            why = (f"big help on {doc['when'][:10]} in "
                   f"{networks.get(doc['network'], doc['network'])} ({what}); nothing given "
                   "back since")
            out.append(Thank(ident, name, doc["network"], "big help", why,
                             _thank_act(doc["network"], name)))
    return out


def _thank_act(network: str, name: str) -> str:
    return (f'kith log {network} --with {_ref(name)} --gave --kind message --note "thank you"')


def _recent(store: Store, today: date, days: int) -> list[dict[str, Any]]:
    """Interaction documents of the last ``days`` (only those months are read: the cost
    follows the recent months, not the whole history)."""
    start = date.fromordinal(today.toordinal() - days).isoformat()
    end = date.fromordinal(today.toordinal() + 1).isoformat()
    out = []
    for month in store.months():
        if month < start[:7] or month > end[:7]:
            continue
        out += [d for d in store.month_docs(month).values() if start <= d["when"][:10] < end]
    return out

"""Assessment: is each network worth it, what to do about it, and why.

The rules, in the words of kith's seed documents:

- Networking is not quid pro quo. No *person* owes the user anything; the unit of account
  is the **network**: over time, the network as a whole should give back at least what the
  user puts in.
- Value is money, time, favours, and fun. The dimensions are kept apart; time is priced
  only at the user's own ``hourly_rate`` and, when none is set, the reasons say how much
  money came back per hour given.
- "If it doesn't make you money, it should be fun. If it makes you neither, why are you
  doing it?"
- Conversations where people come to you (after your talk, your workshop, a friend's
  recommendation) are the ones that pay; pitching yourself does not. Each assessment
  counts both and the money the same people paid afterwards.
- Returns take time (a young membership is ``too-early``), and a verdict needs evidence
  (too few records is ``not-enough-records``, with what to record to get one).

How interactions count (``given`` and ``received`` of an assessment):

- ``gave``: its money, minutes and favours are given;
- ``received``: its money, minutes and favours are received;
- ``shared`` (an event, a service, a dinner): the minutes are the user's time given; a
  positive amount is money received, a negative one money the user spent (given);
- fun is always the user's own experience, whichever way the interaction went: every fun
  point counts as received.

Rates (fun a month, hours a month) are taken over the **months on record** of a window:
from the month of the network's first record in the window to the window's end (or the day
the user left), never from a joined date years before anything was recorded.

Verdicts, checked in this order (thresholds from ``[assessment]`` in the configuration,
beneath which a network kind's own ``rules`` and then ``DEFAULT_RULES`` apply):

1. ``too-early``: the membership is younger than ``min_months`` at the window's end (from
   the joined date, or the first record when no date is known);
2. ``not-enough-records``: the window holds fewer than ``min_interactions`` interactions,
   or fewer than ``min_months`` months on record;
3. ``pays``: money received exceeds money given plus time given priced at ``hourly_rate``
   (when set); ``fun``: fun points per month on record reach ``fun_per_month``;
4. ``leave``: neither pays nor fun;
5. ``out-of-balance``: it does not pay, the fun is modest (below twice the threshold), and
   either the favours coming back are below ``min_favour_ratio`` of the favours given, or
   the user gives more than ``max_unpaid_hours_per_month`` hours a month;
6. ``worth-it``: otherwise, because it pays, is fun, or both.

Advice follows the verdict: ``keep`` (worth it, or too early: give it time), ``leave``,
``rebalance`` (out of balance), ``record-more`` (not enough records); ``next_step`` says
what to do in words. The work is split in three steps, each testable alone:
``compute_totals`` (arithmetic) -> ``decide`` (rules) -> ``explain`` (words).

Assessment reads the per-network, per-month aggregates the store keeps up to date
(``Store.network_months``), per-person totals (``Store.person_stats``) and the
conversation index (``Store.conversation_index``), never the interactions themselves, so
it costs about the same for ten years of history as for one.
"""
from __future__ import annotations

import bisect
import heapq
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from kith.core import clock
from kith.core.errors import KithError, ValidationError
from kith.core.limits import MAX_WINDOW_MONTHS, check_year
from kith.core.model import ME, Network, Value
from kith.core.parsing import format_minutes, format_money, parse_date
from kith.domain import conversations as initiative
from kith.domain.conversations import bisect_days, day_at
from kith.persistence.store.aggregates import COUNT, FAVOURS, totals_of

if TYPE_CHECKING:
    from kith.persistence.store import Store

VERDICTS = ("worth-it", "out-of-balance", "leave", "too-early", "not-enough-records")
ADVICE = ("keep", "leave", "rebalance", "record-more")
ADVICE_FOR = {"worth-it": "keep", "too-early": "keep", "leave": "leave",
              "out-of-balance": "rebalance", "not-enough-records": "record-more"}
"""Advice follows the verdict; ``next_step`` says in words what to do."""

DEFAULT_RULES: dict[str, Any] = {
    "min_months": 6,
    "min_interactions": 5,
    "fun_per_month": 2.0,
    "min_favour_ratio": 0.5,
    "max_unpaid_hours_per_month": 20,
    "hourly_rate": None,
    "trend_change": 0.2,
    "newcomer_months": 12,
    "taker_min_favours": 3,
    "money_after_days": 180,
    "talk_credit_days": 14,
}
"""Documented defaults of ``[assessment]``; ``hourly_rate`` is in major units (e.g. 40).

- ``min_months``: a membership younger than this is ``too-early``; a window with fewer
  months on record is ``not-enough-records``;
- ``min_interactions``: fewer interactions in a window is ``not-enough-records``;
- ``fun_per_month``: fun points a month (on record) that make a network fun;
- ``min_favour_ratio``: favours back per favour given below which it is out of balance;
- ``max_unpaid_hours_per_month``: hours given a month, unpaid and for modest fun, above
  which it is out of balance;
- ``hourly_rate``: what an hour of your time is worth; unset, time is never priced;
- ``trend_change``: the relative change between the halves of a window that is a trend;
- ``newcomer_months``: help given to someone within this many months of their first
  record in (or joining of) the network is help to a newcomer;
- ``taker_min_favours``: favours given, with nothing ever back, that list a taker;
- ``money_after_days``: money the same person paid within this many days after a
  conversation is money after it;
- ``talk_credit_days``: invited conversations within this many days after a talk,
  workshop or event you gave are credited to it.
"""

TALKS_LISTED = 3
"""Talks named one by one in the reasons (the most recent); earlier ones are summed."""

RULE_WORDS = {"min_months": "months", "min_interactions": "interactions",
              "fun_per_month": "fun points a month",
              "max_unpaid_hours_per_month": "hours a month", "min_favour_ratio": "",
              "hourly_rate": "an hour"}

# words ---------------------------------------------------------------------------------


def plural(count: int | float, word: str, many: str | None = None) -> str:
    """``1 favour``, ``2 favours``, ``1 person``, ``3 people``: one place for plurals."""
    if isinstance(count, float) and not count.is_integer():
        return f"{count:.1f} {many or word + 's'}"
    number = int(count)
    return f"{number} {word if number == 1 else (many or word + 's')}"


def _money(minor: int, currency: str) -> str:
    return format_money(minor, currency)


def _number(value: Any) -> str:
    number = float(value)
    return f"{number:g}"


def _month_name(month: str) -> str:
    names = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
             "Dec")
    return f"{names[int(month[5:7]) - 1]} {month[:4]}"


def _hours(minutes: int) -> str:
    return format_minutes(minutes) if minutes else "no time"


# records -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Window:
    """A span of whole months; ``start`` None means since the network began."""

    label: str
    start: date | None
    end: date

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat()}


@dataclass
class MonthTotals:
    month: str
    given: Value
    received: Value

    def to_dict(self) -> dict[str, Any]:
        return {"month": self.month, "given": self.given.to_dict(),
                "received": self.received.to_dict()}


@dataclass
class Totals:
    """The arithmetic of one network over one window: sums, spans and counts, no rules."""

    given: Value = field(default_factory=Value)
    received: Value = field(default_factory=Value)
    via_introductions: Value = field(default_factory=Value)
    monthly: list[MonthTotals] = field(default_factory=list)
    interactions: int = 0
    first_month: str | None = None
    """The first month on record in the window (None: no records in it)."""
    end: date = date.min
    months_on_record: int = 0
    membership_months: int = 0
    joined_after_window: bool = False
    series: list[float] = field(default_factory=list)
    conversations: dict[str, int] = field(default_factory=lambda: {
        "invited": 0, "pitched": 0, "money_after_invited": 0, "money_after_pitched": 0})
    talks: list[dict[str, Any]] = field(default_factory=list)
    biggest_payment: tuple[str, int] | None = None
    newcomers_helped: list[dict[str, Any]] = field(default_factory=list)
    newcomers_count: int = 0
    takers: list[dict[str, Any]] = field(default_factory=list)

    @property
    def fun_rate(self) -> float:
        return self.received.fun / self.months_on_record if self.months_on_record else 0.0

    @property
    def hours_a_month(self) -> float:
        return self.given.minutes / 60 / self.months_on_record if self.months_on_record \
            else 0.0

    @property
    def basis(self) -> dict[str, Any]:
        return {"interactions": self.interactions, "months": self.months_on_record,
                "since": self.first_month}


@dataclass
class Decision:
    """The rules applied to totals: the verdict, what it rests on, and the advice."""

    verdict: str
    cause: str
    """Which rule decided: young, before-joining, no-records, few-interactions,
    few-months, neither, favours, hours, pays, fun, pays-and-fun."""
    advice: str
    pays: bool = False
    fun: bool = False
    net_money: int = 0
    """Money received minus money given minus priced time (minor units)."""
    priced_time: int = 0
    windfall: bool = False
    """It pays only because of its single biggest payment."""
    favour_ratio: float | None = None


@dataclass
class Assessment:
    """One network over one window: totals, verdict, advice, and the reasons in words."""

    network: Network
    window: Window
    given: Value
    received: Value
    verdict: str
    pays: bool
    fun: bool
    reasons: list[str]
    trend: str
    monthly: list[MonthTotals] = field(default_factory=list)
    newcomers_helped: list[dict[str, Any]] = field(default_factory=list)
    takers: list[dict[str, Any]] = field(default_factory=list)
    via_introductions: Value = field(default_factory=Value)
    interactions: int = 0
    currency: str = "EUR"
    headline: str = ""
    advice: str = "keep"
    next_step: str = ""
    time_share: float = 0.0
    conversations: dict[str, int] = field(default_factory=dict)
    basis: dict[str, Any] = field(default_factory=dict)
    talks: list[dict[str, Any]] = field(default_factory=list)
    totals: Totals | None = None
    decision: Decision | None = None

    @property
    def why(self) -> list[str]:
        return [w for w, ok in (("pays", self.pays), ("fun", self.fun)) if ok]

    @property
    def label(self) -> str:
        return verdict_label(self.verdict, self.why)

    def to_dict(self) -> dict[str, Any]:
        def value(v: Value) -> dict[str, Any]:
            return {**v.to_dict(), "currency": self.currency}

        return {
            "id": self.network.id, "name": self.network.name, "kind": self.network.kind,
            "window": self.window.to_dict(), "given": value(self.given),
            "received": value(self.received), "verdict": self.verdict, "label": self.label,
            "why": self.why, "advice": self.advice, "next_step": self.next_step,
            "headline": self.headline, "reasons": self.reasons, "trend": self.trend,
            "time_share": self.time_share, "conversations": dict(self.conversations),
            "basis": dict(self.basis), "talks": self.talks,
            "interactions": self.interactions,
            "via_introductions": value(self.via_introductions),
            "newcomers_helped": self.newcomers_helped, "takers": self.takers,
            "monthly": [m.to_dict() for m in self.monthly],
        }


def verdict_label(verdict: str, why: list[str] | tuple[str, ...] = ()) -> str:
    """A verdict in words, the same in the CLI, the JSON (``label``) and the TUI."""
    if verdict == "worth-it":
        return "worth it (" + " and ".join(why) + ")" if why else "worth it"
    return verdict.replace("-", " ")


# windows -------------------------------------------------------------------------------
def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _months_back(day: date, months: int) -> date:
    """The first day of the month ``months - 1`` months before ``day``'s month."""
    index = day.year * 12 + day.month - 1 - (months - 1)
    return date(index // 12, index % 12 + 1, 1)


def default_windows(today: date) -> list[Window]:
    """The last 12 months (this month included) and all time."""
    return [Window("last 12 months", _months_back(today, 12), today),
            Window("all time", None, today)]


def parse_window(*, since: str | None = None, until: str | None = None,
                 window: str | None = None, today: date | None = None) -> Window:
    """``--window 12m|24m|all|YYYY`` or ``--since/--until`` dates (whole months)."""
    today = today or date.today()
    if window and (since or until):
        raise ValidationError("give either --window or --since/--until, not both")
    if window:
        text = window.strip().lower()
        if text in ("all", "all-time", "all time"):
            return Window("all time", None, today)
        if text.endswith("m") and text[:-1].isdigit() and int(text[:-1]) > 0:
            months = int(text[:-1])
            if months > MAX_WINDOW_MONTHS:
                raise ValidationError(f"--window covers at most {MAX_WINDOW_MONTHS}m "
                                      f"({MAX_WINDOW_MONTHS // 12} years)")
            return Window(f"last {months} months", _months_back(today, months), today)
        if text.isdigit() and len(text) == 4:
            year = int(text)
            check_year(date(max(year, 1), 1, 1), "--window")
            return Window(text, date(year, 1, 1), min(date(year, 12, 31), today))
        raise ValidationError(f"--window must be like 12m, 24m, all or 2024, not {window!r}")
    end = parse_date(until, "--until") if until else today
    start = parse_date(since, "--since") if since else None
    if start and start > end:
        raise ValidationError(f"--since ({since}) is after --until ({until or end})")
    label = f"{start.isoformat() if start else 'beginning'} to {end.isoformat()}"
    return Window(label, start, end)


# rules ---------------------------------------------------------------------------------
def rules_for(network: Network, config: dict[str, Any] | None,
              kinds: dict[str, Any] | None) -> dict[str, Any]:
    """Defaults, beneath the network kind's rules, beneath the user's configuration."""
    return {key: value for key, (value, _) in rule_sources(network, config, kinds).items()}


def rule_sources(network: Network, config: dict[str, Any] | None,
                 kinds: dict[str, Any] | None) -> dict[str, tuple[Any, str]]:
    """Each rule with where it comes from (``default``, ``kind``, ``config``), so the
    reasons can say why a threshold differs from the documented default."""
    rules: dict[str, tuple[Any, str]] = {k: (v, "default") for k, v in DEFAULT_RULES.items()}
    kind = (kinds or {}).get(network.kind)
    if kind is not None:
        rules.update({k: (v, "kind") for k, v in kind.rules.items() if k in DEFAULT_RULES})
    user = (config or {}).get("assessment", {})
    rules.update({k: (v, "config") for k, v in user.items() if not isinstance(v, dict)})
    kinds_config = user.get("kinds", {})
    if not isinstance(kinds_config, dict):
        raise KithError("[assessment] kinds must be a table, like [assessment.kinds.friends]")
    rules.update({k: (v, "config") for k, v in
                  (kinds_config.get(network.kind) or {}).items()})
    for key, (value, origin) in rules.items():
        if origin != "config":
            continue
        if key not in DEFAULT_RULES:
            raise KithError(f"[assessment] {key}: not a setting kith knows (known: "
                              f"{', '.join(DEFAULT_RULES)})")
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise KithError(f"[assessment] {key} must be a number of 0 or more, "
                              f"not {value!r}")
    return rules


def split(rows: dict[str, list[int]]) -> tuple[Value, Value]:
    """A month's rows (``gave``/``received``/``shared``) as (given, received) values."""
    gave, received = totals_of(rows, "gave"), totals_of(rows, "received")
    shared = totals_of(rows, "shared")
    given = Value(money=gave.money + max(0, -shared.money),
                  minutes=gave.minutes + shared.minutes, favours=gave.favours)
    got = Value(money=received.money + max(0, shared.money), minutes=received.minutes,
                favours=received.favours + shared.favours,
                fun=gave.fun + received.fun + shared.fun)
    return given, got


def _month_span(start: str, end: str) -> int:
    sy, sm = map(int, start.split("-"))
    ey, em = map(int, end.split("-"))
    return max(1, (ey - sy) * 12 + em - sm + 1)


def _whole_months(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (0 when ``end`` is before ``start``)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(0, months)


def _day(text: str) -> int:
    return date.fromisoformat(text[:10]).toordinal()


# step 1: totals ------------------------------------------------------------------------
def compute_totals(network: Network, window: Window, rules: dict[str, Any],
                   months_data: dict[str, dict[str, list[int]]],
                   index: dict[str, Any] | ConversationFacts | None = None,
                   stats: dict[str, Any] | None = None,
                   people: dict[str, dict[str, Any]] | None = None, *,
                   members: dict[str, Any] | None = None) -> Totals:
    """Sums, spans and counts of one network over one window: arithmetic only.

    ``months_data`` is the network's ``Store.network_months`` entry, ``index`` its
    ``Store.conversation_index`` (or that prepared: ``ConversationFacts``), ``stats`` all
    of ``Store.person_stats`` and ``people`` ``Store.people_docs`` (names, joined dates);
    ``members`` is ``stats`` for this network only (``{person: totals}``), when known."""
    end = min(window.end, network.left) if network.left else window.end
    end_month = _month(end)
    start_month = _month(window.start) if window.start else "0000-00"
    totals = Totals(end=end)
    known = sorted(m for m in months_data if start_month <= m <= end_month)
    for month in known:
        rows = months_data[month]
        g, r = split(rows)
        totals.given, totals.received = totals.given + g, totals.received + r
        if "intro" in rows:
            intro = totals_of(rows, "intro")
            totals.via_introductions = totals.via_introductions + Value(
                money=intro.money, minutes=intro.minutes, favours=intro.favours,
                fun=intro.fun)
        totals.interactions += sum(totals_of(rows, d).count
                                   for d in ("gave", "received", "shared"))
        for name in ("invited", "pitched"):
            if name in rows:
                totals.conversations[name] += totals_of(rows, name).count
        totals.monthly.append(MonthTotals(month, g, r))
    if known:
        totals.first_month = known[0]
        totals.months_on_record = _month_span(known[0], end_month)
        totals.series = [m.received.favours + m.received.fun
                         for m in _fill(totals.monthly, known[0], end_month)]
    every = sorted(months_data)
    member_since = network.joined or (
        date(int(every[0][:4]), int(every[0][5:7]), 1) if every else None)
    if member_since is not None:
        totals.membership_months = _whole_months(member_since, end)
        totals.joined_after_window = member_since > end
    facts = index if isinstance(index, ConversationFacts) else \
        ConversationFacts.prepare(index or {}, rules)
    low = date(int(start_month[:4]), int(start_month[5:7]), 1).toordinal() \
        if window.start else 0
    _conversations(totals, low, rules, facts)
    if facts.people is None:
        if members is None:
            members = {person: nets[network.id] for person, nets in (stats or {}).items()
                       if network.id in nets}
        began = every[0] if every and network.joined and _month(network.joined) < every[0] \
            else None
        facts.people = PeopleFacts.prepare(network, rules, facts.index.get("people", {}),
                                           members, people or {}, began)
    totals.newcomers_helped, totals.takers, totals.newcomers_count = _people_side(
        facts.people, low, end, rules, people or {})
    return totals


@dataclass
class ConversationFacts:
    """A network's conversation index prepared once for every window: each payment with
    the latest invitation and pitch from the same person within ``money_after_days``
    before it."""

    index: dict[str, Any]
    payments: list[tuple[int, int, int, int]]
    """``(day, money, invited day or -1, pitched day or -1)``, in day order."""
    payment_days: list[int]
    load_asks: Callable[[], dict[str, Any]] | None = None
    """Reads the invitation days by person, only when a talk needs crediting."""
    people: PeopleFacts | None = None
    """The people side, prepared by the first window that needs it."""

    def asks(self) -> dict[str, Any]:
        if "asks" not in self.index:
            self.index["asks"] = self.load_asks() if self.load_asks else {}
        return self.index["asks"]  # type: ignore[no-any-return]

    @classmethod
    def prepare(cls, index: dict[str, Any], rules: dict[str, Any],
                load_asks: Callable[[], dict[str, Any]] | None = None) -> ConversationFacts:
        span = int(rules["money_after_days"])
        payments = [(day, money, asked if asked >= 0 and day - asked <= span else -1,
                     pitched if pitched >= 0 and day - pitched <= span else -1)
                    for record in index.get("people", {}).values() if "m" in record
                    for day, money, asked, pitched in record["m"]]
        payments.sort()
        return cls(dict(index), payments, [p[0] for p in payments], load_asks)


def _conversations(totals: Totals, low: int, rules: dict[str, Any],
                   facts: ConversationFacts) -> None:
    """The money the same people paid within ``money_after_days`` after an invitation or
    a pitch in the window (until the window's end), the talks credited with the
    invitations that followed, and the window's biggest single payment. (The counts of
    invitations and pitches come from the month totals.)"""
    high = totals.end.toordinal()
    counts = totals.conversations
    biggest: tuple[int, int] | None = None
    first = bisect.bisect_left(facts.payment_days, low)
    last = bisect.bisect_right(facts.payment_days, high)
    for day, money, invited, pitched in facts.payments[first:last]:
        if invited >= low:
            counts["money_after_invited"] += money
        if pitched >= low:
            counts["money_after_pitched"] += money
        if biggest is None or money > biggest[1]:
            biggest = (day, money)
    if biggest is not None:
        totals.biggest_payment = (date.fromordinal(biggest[0]).isoformat(), biggest[1])
    talks = [(ident, talk) for ident, talk in facts.index.get("talks", {}).items()
             if low <= talk[0] <= high]
    totals.talks = [_talk(ident, talk, high, rules, facts)
                    for ident, talk in sorted(talks, key=lambda item: (item[1][0], item[0]))]


def _talk(ident: str, talk: list[Any], high: int, rules: dict[str, Any],
          facts: ConversationFacts) -> dict[str, Any]:
    """What a talk led to: invitations within ``talk_credit_days`` after it, and what the
    people who came paid within ``money_after_days`` after asking (until ``high``)."""
    day, kind, note = talk
    credit, span = int(rules["talk_credit_days"]), int(rules["money_after_days"])
    after, people, money = 0, 0, 0
    paid = facts.index.get("people", {})
    for person, record in facts.asks().items():
        asked = [d for d in initiative.decode_days(record.get("i", ""))
                 if day <= d <= day + credit]
        if not asked:
            continue
        after += len(asked)
        people += 1
        money += sum(entry[1] for entry in paid.get(person, {}).get("m", ())
                     if asked[0] <= entry[0] <= min(high, asked[-1] + span))
    return {"id": ident, "day": date.fromordinal(day).isoformat(), "kind": kind,
            "note": note, "invited_after": after, "people": people, "money_after": money}


def _fill(monthly: list[MonthTotals], start: str, end: str) -> list[MonthTotals]:
    """Every month from ``start`` to ``end``, with empty totals where nothing happened."""
    by_month = {m.month: m for m in monthly}
    result = []
    year, month = map(int, start.split("-"))
    while f"{year:04d}-{month:02d}" <= end:
        key = f"{year:04d}-{month:02d}"
        result.append(by_month.get(key, MonthTotals(key, Value(), Value())))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if len(result) > 1200:
            break
    return result


@dataclass
class PeopleFacts:
    """The people side of a network, prepared once for every window: each person you
    helped with their first day there (first record, or recorded joining if earlier) and
    their help days; and the takers (favours from you, nothing ever back)."""

    helped: list[tuple[int, str, str, int, int]]
    """``(first day, person, encoded help days, first help, last help)``."""
    takers: list[dict[str, Any]]

    @classmethod
    def prepare(cls, network: Network, rules: dict[str, Any], index_people: dict[str, Any],
                members: dict[str, Any], people: dict[str, dict[str, Any]],
                began: str | None = None) -> PeopleFacts:
        """``began``: the month you began recording this network (``YYYY-MM``), when you
        had joined it before then."""
        min_favours = int(rules["taker_min_favours"])
        helped = []
        ident, fromiso = network.id, date.fromisoformat
        for person, record in index_people.items():
            helps = record.get("h")
            data = members.get(person) if helps else None
            if data is None or person == ME:
                continue
            joined = (people.get(person, {}).get("networks") or {}).get(ident)
            first = data["first"]
            # first seen in the month you began recording a network you had joined
            # before: they were there already, not known to be new
            if joined or not began or first[:7] != began:
                since = fromiso(first[:10]).toordinal()
                if joined:
                    since = min(since, _day(joined))
                helped.append((since, person, helps, day_at(helps, 0),
                               day_at(helps, len(helps) // 3 - 1)))
        takers = [{"id": person, "favours_given": data["gave"][FAVOURS]}
                  for person, data in members.items()  # every member: no Totals made
                  if data["gave"][FAVOURS] >= min_favours and not data["received"][COUNT]
                  and not data["shared"][COUNT] and person != ME]
        return cls(helped, takers)


def _people_side(facts: PeopleFacts, low: int, end: date, rules: dict[str, Any],
                 people: dict[str, dict[str, Any]]) -> tuple[list[dict[str, Any]],
                                                             list[dict[str, Any]], int]:
    """Information only: newcomers the user helped in the window (the ten most recent,
    and how many in all), and the few who only take.

    A newcomer is someone whose first record in the network (or their recorded joining of
    it, if earlier) is at most ``newcomer_months`` before help the user gave them in the
    window (a favour given: help, advice, an introduction; never a pitch or dues); someone
    first seen in the month you began recording a network you had joined before is not
    known to be new, unless their joining is recorded. A taker
    has had at least ``taker_min_favours`` favours from the user and nothing ever back;
    a newcomer helped in the window is never also listed as a taker."""
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
    newcomer_ids = {item[1] for item in found}
    if total > 10:  # only the ten most recent are listed; naming all would cost
        tenth = heapq.nlargest(10, (item[0] for item in found))[-1]
        found = [item for item in found if item[0] >= tenth]
    newcomers = [{"id": person, "first": date.fromordinal(since).isoformat(),
                  "helped": helped} for since, person, helped in found]
    takers = [dict(t) for t in facts.takers if t["id"] not in newcomer_ids]
    if len(takers) > 5:
        fifth = heapq.nlargest(5, (t["favours_given"] for t in takers))[-1]
        takers = [t for t in takers if t["favours_given"] >= fifth]
    for item in (*newcomers, *takers):
        item["name"] = people.get(item["id"], {}).get("name", item["id"])
    newcomers.sort(key=lambda i: (i["first"], i["name"]), reverse=True)
    takers.sort(key=lambda i: (-i["favours_given"], i["name"]))
    return newcomers[:10], takers[:5], total


# step 2: the verdict -------------------------------------------------------------------
def decide(totals: Totals, rules: dict[str, Any]) -> Decision:
    """The verdict and advice from the totals and the thresholds: rules only, no words."""
    rate = rules.get("hourly_rate")
    priced = round(totals.given.minutes * float(rate) * 100 / 60) if rate else 0
    net = totals.received.money - totals.given.money - priced
    pays = net > 0
    is_fun = totals.fun_rate >= float(rules["fun_per_month"])
    favour_ratio = totals.received.favours / totals.given.favours \
        if totals.given.favours else None

    def verdict(name: str, cause: str, **extra: Any) -> Decision:
        return Decision(name, cause, ADVICE_FOR[name], pays=pays, fun=is_fun, net_money=net,
                        priced_time=priced, favour_ratio=favour_ratio, **extra)

    if totals.joined_after_window:
        return verdict("too-early", "before-joining")
    if totals.membership_months < int(rules["min_months"]):
        return verdict("too-early", "young")
    if not totals.interactions:
        return verdict("not-enough-records", "no-records")
    if totals.interactions < int(rules["min_interactions"]):
        return verdict("not-enough-records", "few-interactions")
    if totals.months_on_record < int(rules["min_months"]):
        return verdict("not-enough-records", "few-months")
    windfall = bool(pays and totals.biggest_payment
                    and net - totals.biggest_payment[1] <= 0)
    if not pays and not is_fun:
        return verdict("leave", "neither")
    modest_fun = totals.fun_rate < 2 * float(rules["fun_per_month"])
    if not pays and modest_fun:
        if favour_ratio is not None and favour_ratio < float(rules["min_favour_ratio"]):
            return verdict("out-of-balance", "favours")
        if totals.hours_a_month > float(rules["max_unpaid_hours_per_month"]):
            return verdict("out-of-balance", "hours")
    cause = "pays-and-fun" if pays and is_fun else "pays" if pays else "fun"
    return verdict("worth-it", cause, windfall=windfall)


# step 3: the words ---------------------------------------------------------------------
def _threshold(key: str, rules: dict[str, Any], network: Network,
               sources: dict[str, tuple[Any, str]] | None) -> str:
    """A threshold with the reason it is what it is, when it is not the default."""
    value = rules[key]
    text = f"{_number(value)} {RULE_WORDS.get(key, '')}".strip()
    origin = (sources or {}).get(key, (value, "default"))[1]
    default = DEFAULT_RULES.get(key)
    if origin == "kind" and value != default:
        return (f"{text}: the {network.kind} kind's own rule, instead of the default "
                f"{_number(default)}")
    if origin == "config" and value != default:
        return f"{text}: set in your configuration ([assessment] {key})"
    return text


def trend_of(series: list[float], change: float) -> tuple[str, str]:
    """Compare the second half of a window's months with the first half, with units."""
    if len(series) < 4:
        return "unknown", (f"too few months to see a trend ({plural(len(series), 'month')} "
                           f"on record; a trend needs 4)")
    if not any(series):
        return "unknown", "no fun or favours came back in this window"
    half = len(series) // 2
    before = sum(series[:half]) / half
    after = sum(series[half:]) / (len(series) - half)
    unit = "fun points and favours received a month"
    if before == 0:
        word = "improving" if after > 0 else "steady"
        return word, f"{word}: from none in the first {plural(half, 'month')} to " \
                     f"{after:.1f} {unit} in the last {plural(len(series) - half, 'month')}"
    ratio = (after - before) / before
    word = "improving" if ratio > change else "declining" if ratio < -change else "steady"
    return word, (f"{word}: {before:.1f} {unit} in the first {plural(half, 'month')}, "
                  f"then {after:.1f} in the last {plural(len(series) - half, 'month')}")


def explain(network: Network, window: Window, totals: Totals, decision: Decision,
            rules: dict[str, Any], currency: str = "EUR",
            sources: dict[str, tuple[Any, str]] | None = None) -> dict[str, Any]:
    """The words of an assessment: ``reasons`` (the verdict's first), ``headline``,
    ``next_step`` and the trend. The CLI, the JSON and the TUI all show these."""
    name, span, during = network.name, window.label, _during(window.label)
    g, r, conv = totals.given, totals.received, totals.conversations
    money = lambda minor: _money(minor, currency)  # noqa: E731
    months = plural(totals.months_on_record, "month")
    since = f" (since {_month_name(totals.first_month)})" if totals.first_month else ""
    basis = (f"basis: {plural(totals.interactions, 'interaction')} over {months} on "
             f"record{since}")
    reasons: list[str] = []
    verdict, cause = decision.verdict, decision.cause
    min_months = _threshold("min_months", rules, network, sources)
    if cause == "before-joining":
        first = f"too early to tell: you joined after this window ({span})"
        headline = "not a member yet in this window"
        step = f"nothing to judge {during}: assess a window after you joined {name}"
    elif cause == "young":
        age = plural(totals.membership_months, "month")
        first = (f"too early to tell: a member for {age} at the end of this window; returns "
                 f"take time (at least {min_months})")
        headline = f"a member for {age}; returns take time"
        wait = int(rules["min_months"]) - totals.membership_months
        step = (f"give {name} time: look again in {plural(wait, 'month')}, and record what "
                f"you give and get meanwhile")
    elif verdict == "not-enough-records":
        need = int(rules["min_interactions"])
        missing = []
        if totals.interactions < need:
            missing.append(plural(need - totals.interactions, "more interaction"))
        if totals.months_on_record < int(rules["min_months"]):
            missing.append(f"records over at least {min_months}")
        if cause == "no-records":
            first = f"not enough records: nothing recorded in {name} in this window ({span})"
            headline = "no records in this window"
        else:
            first = (f"not enough records: {plural(totals.interactions, 'interaction')} over "
                     f"{months} on record in this window; a verdict needs at least "
                     f"{_threshold('min_interactions', rules, network, sources)} over "
                     f"{min_months}")
            headline = f"only {plural(totals.interactions, 'interaction')} over {months}"
        step = (f"record more in {name} to get a verdict: {' and '.join(missing)} — what you "
                f"give (time, money, favours), what comes back, and how much fun it is "
                f"(kith log {network.id} ...)")
    elif verdict == "leave":
        first = ("neither money nor fun: if it doesn't make you money, it should be fun; "
                 "this network does neither")
        headline = f"no money back, fun {totals.fun_rate:.1f} a month" if not r.money else \
            f"does not pay (net {money(decision.net_money)}), fun {totals.fun_rate:.1f} a month"
        if conv["pitched"] and not conv["invited"]:
            step = (f"stop pitching on {name}: {plural(conv['pitched'], 'pitch', 'pitches')}, "
                    f"no invitation, {_back(conv['money_after_pitched'], money)} "
                    f"{during} — leave it, or give talks and post work people can ask you about")
        else:
            step = (f"leave {name}, or change what you do there: {during} it gave "
                    f"{_back(r.money, money)} and {totals.fun_rate:.1f} fun points a month for "
                    f"{_hours(g.minutes)} given")
    elif cause == "favours":
        first = (f"gives back less than you put in: "
                 f"{plural(r.favours, 'favour')} came back for {g.favours} given "
                 f"({decision.favour_ratio:.2f}, below "
                 f"{_threshold('min_favour_ratio', rules, network, sources)}), and it does "
                 f"not pay")
        headline = f"{plural(r.favours, 'favour')} back for {g.favours} given"
        step = (f"rebalance {name}: ask for help there as readily as you give it, or give "
                f"fewer favours ({g.favours} given, {r.favours} back {during})")
    elif cause == "hours":
        first = (f"gives back less than you put in: {totals.hours_a_month:.0f} hours a month "
                 f"unpaid (more than "
                 f"{_threshold('max_unpaid_hours_per_month', rules, network, sources)}) "
                 f"for modest fun ({totals.fun_rate:.1f} fun points a month)")
        headline = f"{totals.hours_a_month:.0f} h a month unpaid, modest fun"
        step = (f"rebalance {name}: cut your hours there (now {totals.hours_a_month:.0f} a "
                f"month), or keep only what you enjoy")
    else:
        why = " and ".join(w for w, ok in (("pays", decision.pays),
                                           ("is fun", decision.fun)) if ok)
        first = f"worth it: it {why}"
        parts = []
        if decision.pays:
            parts.append(f"net {money(decision.net_money)}")
        if decision.fun:
            parts.append(f"fun {totals.fun_rate:.1f} a month")
        headline = ", ".join(parts)
        if decision.windfall and totals.biggest_payment:
            day, amount = totals.biggest_payment
            step = (f"keep {name}, but do not count on it paying: one payment of "
                    f"{money(amount)} ({day}) is what makes it pay")
        elif conv["pitched"] > conv["invited"] and not conv["money_after_pitched"]:
            pitches = plural(conv["pitched"], "pitch", "pitches")
            step = f"keep {name}, and pitch less there: {pitches} brought nothing back {during}"
        elif decision.pays:
            step = f"keep {name}: it pays (net {money(decision.net_money)} {during})"
        else:
            step = f"keep {name}: it is fun ({totals.fun_rate:.1f} fun points a month)"
    reasons.append(first)
    reasons.append(basis)
    reasons.extend(_value_reasons(totals, decision, rules, currency))
    if verdict not in ("too-early",) or totals.interactions:
        reasons.append(f"fun: {plural(r.fun, 'point')} over {months} on record "
                       f"({totals.fun_rate:.1f} a month; fun means at least "
                       f"{_threshold('fun_per_month', rules, network, sources)})")
    if g.favours or r.favours:
        reasons.append(f"favours: gave {g.favours}, received {r.favours}")
    reasons.extend(_conversation_reasons(totals, rules, currency))
    intro = totals.via_introductions
    if intro.money or intro.favours:
        share = (f" ({100 * intro.money // r.money}% of the money received)"
                 if r.money > 0 and intro.money else "")
        reasons.append(f"through introductions: {money(intro.money)} and "
                       f"{plural(intro.favours, 'favour')} came back{share}")
    trend_word, trend_reason = trend_of(totals.series, float(rules["trend_change"]))
    reasons.append(f"trend: {trend_reason}")
    if totals.newcomers_helped:
        names = ", ".join(n["name"] for n in totals.newcomers_helped[:3])
        reasons.append(f"paying it forward: you helped "
                       f"{plural(totals.newcomers_count, 'newcomer')} ({names}"
                       f"{', ...' if totals.newcomers_count > 3 else ''})")
    return {"reasons": reasons, "headline": headline, "next_step": step,
            "trend": trend_word}


def _during(label: str) -> str:
    """A window's label after a verb: ``in the last 12 months``, ``over all time``."""
    if label.startswith("last "):
        return f"in the {label}"
    if label == "all time":
        return "over all time"
    return f"in {label}" if label[:1].isdigit() and " to " not in label else f"from {label}"


def _back(minor: int, money: Any) -> str:
    return f"{money(minor)} back" if minor else "nothing back"


def _value_reasons(totals: Totals, decision: Decision, rules: dict[str, Any],
                   currency: str) -> list[str]:
    """Money and time, honestly: what came in, what went out, and time priced or not."""
    g, r = totals.given, totals.received
    money = lambda minor: _money(minor, currency)  # noqa: E731
    reasons = []
    if g.money or r.money:
        received = f"received {money(r.money)}" if r.money else "no money received"
        reasons.append(f"money: {received}, gave {money(g.money)} "
                       f"(net {money(r.money - g.money)})")
    rate = rules.get("hourly_rate")
    if g.minutes and rate:
        reasons.append(f"time given: {format_minutes(g.minutes)}, worth "
                       f"{money(decision.priced_time)} at {_number(rate)} {currency} an hour; "
                       f"money back minus money and time given: {money(decision.net_money)}")
    elif g.minutes:
        hours = g.minutes / 60
        per_hour = (f"{money(r.money)} back for {format_minutes(g.minutes)} given: "
                    f"{money(round(r.money / hours))} an hour") if r.money else \
            f"{format_minutes(g.minutes)} given, no money back for it"
        reasons.append(f"time given: {per_hour} (your time is not priced: set "
                       f"[assessment] hourly_rate to weigh it)")
    if decision.windfall and totals.biggest_payment:
        day, amount = totals.biggest_payment
        reasons.append(f"it pays only because of one payment of {money(amount)} on {day}: "
                       f"without it, it would not pay")
    return reasons


def _conversation_reasons(totals: Totals, rules: dict[str, Any],
                          currency: str) -> list[str]:
    conv = totals.conversations
    money = lambda minor: _money(minor, currency)  # noqa: E731
    days = plural(int(rules["money_after_days"]), "day")
    credit_days = plural(int(rules["talk_credit_days"]), "day")
    reasons = []
    parts = []
    if conv["invited"]:
        parts.append(f"{plural(conv['invited'], 'invitation')} (people came to you; "
                     f"{_back(conv['money_after_invited'], money)} from them within {days})")
    if conv["pitched"]:
        parts.append(f"{plural(conv['pitched'], 'pitch', 'pitches')} (you went to them; "
                     f"{_back(conv['money_after_pitched'], money)} from them within {days})")
    if parts:
        reasons.append("conversations: " + ", ".join(parts))
    if conv["pitched"] and not conv["invited"]:
        reasons.append(f"you pitch here and nobody invites you: "
                       f"{plural(conv['pitched'], 'pitch', 'pitches')}, no invitation")
    shown = totals.talks[-TALKS_LISTED:]
    if len(totals.talks) > len(shown):
        earlier = totals.talks[:-TALKS_LISTED]
        reasons.append(
            f"{plural(len(earlier), 'earlier talk')} led to "
            f"{plural(sum(t['invited_after'] for t in earlier), 'invited conversation')} "
            f"within {credit_days}, and "
            f"{money(sum(t['money_after'] for t in earlier))} from those people")
    for talk in shown:
        what = f"your {talk['kind']}" + (f" \"{talk['note']}\"" if talk["note"] else "")
        if talk["invited_after"]:
            led = (f"led to {plural(talk['invited_after'], 'invited conversation')} "
                   f"within {credit_days}")
            if talk["money_after"]:
                led += f", and {money(talk['money_after'])} from those people"
        else:
            led = f"led to no invitation within {credit_days}"
        reasons.append(f"{what} on {talk['day']} {led}")
    return reasons


# the whole -----------------------------------------------------------------------------
def assess_network(store: Store, network: Network, window: Window, rules: dict[str, Any],
                   *, today: date | None = None,
                   months_data: dict[str, dict[str, list[int]]] | None = None,
                   stats: dict[str, Any] | None = None,
                   index: dict[str, Any] | ConversationFacts | None = None,
                   people: dict[str, dict[str, Any]] | None = None,
                   sources: dict[str, tuple[Any, str]] | None = None,
                   members: dict[str, Any] | None = None) -> Assessment:
    """The verdict for one network over one window: totals -> decide -> explain."""
    months_data = months_data if months_data is not None else \
        store.network_months().get(network.id, {})
    stats = stats if stats is not None else store.person_stats()
    if index is None:
        index = ConversationFacts.prepare(store.conversation_index(network.id), rules,
                                          lambda: store.conversation_asks(network.id))
    people = people if people is not None else store.people_docs()
    totals = compute_totals(network, window, rules, months_data, index, stats, people,
                            members=members)
    decision = decide(totals, rules)
    words = explain(network, window, totals, decision, rules, store.currency, sources)
    return Assessment(
        network, window, totals.given, totals.received, decision.verdict, decision.pays,
        decision.fun, words["reasons"], words["trend"], totals.monthly,
        totals.newcomers_helped, totals.takers, totals.via_introductions,
        totals.interactions, store.currency, words["headline"], decision.advice,
        words["next_step"], 0.0, dict(totals.conversations), totals.basis, totals.talks,
        totals, decision)


def time_shares(assessments: list[Assessment]) -> None:
    """Set each assessment's ``time_share``: its hours given over all hours given in the
    same window, so shares sum to 1 over the networks you gave time to."""
    by_window: dict[Window, list[Assessment]] = {}
    for a in assessments:
        by_window.setdefault(a.window, []).append(a)
    for items in by_window.values():
        total = sum(a.given.minutes for a in items)
        for a in items:
            a.time_share = round(a.given.minutes / total, 4) if total else 0.0


def assess(store: Store, *, window: Window | None = None, networks: list[str] | None = None,
           config: dict[str, Any] | None = None, plugins: Any = None,
           today: date | None = None) -> list[Assessment]:
    """Assess networks (all, or ``networks`` ids) over ``window`` or the default windows.

    Time shares are over all networks, even when only some are asked for. Fires
    ``value_assessed`` once per assessment returned.
    """
    today = today or date.today()
    plugins = plugins if plugins is not None else store.plugins
    kinds = plugins.network_kinds() if plugins is not None else {}
    windows = [window] if window else default_windows(today)
    all_months = store.network_months()
    stats = store.person_stats()
    by_network: dict[str, dict[str, Any]] = {}
    for person, nets in stats.items():
        for ident, data in nets.items():
            by_network.setdefault(ident, {})[person] = data
    people = store.people_docs()
    results, everything = [], []
    for network in store.networks():
        chosen = networks is None or network.id in networks
        sources = rule_sources(network, config, kinds)
        rules = {key: value for key, (value, _) in sources.items()}
        index = ConversationFacts.prepare(
            store.conversation_index(network.id), rules,
            partial(store.conversation_asks, network.id)) if chosen else None
        for win in windows:
            if not chosen:  # only its hours, for the time shares
                end = min(win.end, network.left) if network.left else win.end
                low = _month(win.start) if win.start else ""
                minutes = sum(split(rows)[0].minutes for month, rows in
                              all_months.get(network.id, {}).items()
                              if low <= month <= _month(end))
                everything.append(Assessment(network, win, Value(minutes=minutes), Value(),
                                             "", False, False, [], ""))
                continue
            assessment = assess_network(store, network, win, rules, today=today,
                                        months_data=all_months.get(network.id, {}),
                                        stats=stats, index=index, people=people,
                                        sources=sources,
                                        members=by_network.get(network.id, {}))
            results.append(assessment)
            everything.append(assessment)
    time_shares(everything)
    if plugins is not None:
        for assessment in results:
            plugins.broadcast("value_assessed", assessment=assessment, store=store)
    return results


def summary(assessments: list[Assessment]) -> list[str]:
    """A few lines across networks for the first window shown: what to leave, what to
    rebalance, what needs records, and where your time goes."""
    if not assessments:
        return []
    window = assessments[0].window
    items = [a for a in assessments if a.window == window]
    lines = [f"{window.label[:1].upper()}{window.label[1:]}:"]
    for advice, words in (("leave", "leave"), ("rebalance", "rebalance"),
                          ("record-more", "record more to judge"), ("keep", "keep")):
        names = [a.network.name for a in items if a.advice == advice]
        if names:
            lines.append(f"{words}: {', '.join(names)}")
    timed = sorted((a for a in items if a.time_share > 0), key=lambda a: -a.time_share)
    if timed:
        total = sum(a.given.minutes for a in items)
        shares = ", ".join(f"{a.network.name} {round(100 * a.time_share)}%" for a in timed)
        lines.append(f"your time ({format_minutes(total)} given): {shares}")
    return lines


def now_date() -> date:
    return clock.now().date()

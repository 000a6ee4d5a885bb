"""The arithmetic of one network over one window: sums, spans and counts, no rules.

Every figure comes from the typed month totals of ``kith.persistence.store.aggregates``
(``Totals``, read with ``totals_of``), never from the interactions, so an assessment
costs the same for ten years of history as for one. Three things are kept apart, as the
value model needs them:

- **recorded** values (what the user or an export said) from **estimated** ones (filled
  in by the ``estimate_value`` hook): totals include both, but a verdict rests only on
  what was recorded;
- **fun as a quality**: the occasions whose fun the user rated, their mean fun and how
  many there were (``FunQuality``), apart from
  fun as a volume (points a month), which only says how often;
- **paying it forward**: introductions made for others are not part of the favour
  balance (help to newcomers is taken out by the people side, ``people.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kith.core.model import Value
from kith.domain.ledger.windows import Rhythm, every_month, month_of, month_span, rhythm_of
from kith.persistence.store.aggregates import Totals, totals_of

DIRECTIONS = ("gave", "received", "shared")


def split(rows: dict[str, list[int]], prefix: str = "") -> tuple[Value, Value]:
    """A month's rows (``gave``/``received``/``shared``, or their ``est-`` twins with
    ``prefix="est-"``) as (given, received) values.

    ``shared`` (an event, a dinner): the minutes are the user's time given, and the
    money is the user's share of the cost, money spent whichever its sign ("I pay my
    share": ``--shared --money 30``; older records wrote it ``-30``); money that comes
    in is logged ``--received``. Fun is always the user's own experience, whichever way
    the interaction went, so every fun point is received."""
    gave, received = totals_of(rows, prefix + "gave"), totals_of(rows, prefix + "received")
    shared = totals_of(rows, prefix + "shared")
    given = Value(money=gave.money + abs(shared.money),
                  minutes=gave.minutes + shared.minutes, favours=gave.favours)
    got = Value(money=received.money, minutes=received.minutes,
                favours=received.favours + shared.favours,
                fun=gave.fun + received.fun + shared.fun)
    return given, got


def _minus(a: Value, b: Value) -> Value:
    """``a - b``, never below zero in a dimension that cannot be negative."""
    return Value(a.money - b.money, max(0, a.minutes - b.minutes),
                 max(0, a.favours - b.favours), max(0, a.fun - b.fun))


def _value(totals: Totals) -> Value:
    return Value(totals.money, totals.minutes, totals.favours, totals.fun)


@dataclass
class MonthFigures:
    """One month's given and received (recorded and estimated together)."""

    month: str
    given: Value
    received: Value

    def to_dict(self) -> dict[str, Any]:
        return {"month": self.month, "given": self.given.to_dict(),
                "received": self.received.to_dict()}


MonthTotals = MonthFigures  # the name before the package; kept for callers


@dataclass
class FunQuality:
    """Fun as a quality of the time given: the occasions whose fun was rated.

    ``typical`` is the mean rated fun of an occasion: importing many small estimated items
    cannot move it, because estimates are never rated. Why not weighted by time (a long
    evening counting for more than a quick call): the store keeps each month's sums, not
    each occasion's, so only a month's average could be weighted, and then one more
    evening rated 4 of 5 could pull a fun network below the line (added to a month whose
    long evening was rated 5, it lowers that month's average while adding to its weight;
    the value property found two such histories). A mean of the occasions moves toward
    every rating added, so more good evenings never make a network less fun."""

    occasions: int = 0
    points: int = 0
    minutes: int = 0

    def add(self, rated: Totals) -> None:
        if not rated.count:
            return
        self.occasions += rated.count
        self.points += rated.fun
        self.minutes += rated.minutes

    @property
    def typical(self) -> float | None:
        """Typical fun per occasion (0-5), None when none was rated."""
        return round(self.points / self.occasions, 2) if self.occasions else None

    def to_dict(self) -> dict[str, Any]:
        return {"typical": self.typical, "occasions": self.occasions,
                "points": self.points, "minutes": self.minutes}


@dataclass
class NetworkFigures:
    """The arithmetic of one network over one window (formerly ``ledger.Totals``: renamed,
    so that ``Totals`` means only the store's aggregate row)."""

    given: Value = field(default_factory=Value)
    received: Value = field(default_factory=Value)
    estimated_given: Value = field(default_factory=Value)
    estimated_received: Value = field(default_factory=Value)
    forward: Value = field(default_factory=Value)
    """What introductions made for others took (paid forward, not a cost)."""
    introductions: int = 0
    introductions_led: int = 0
    via_introductions: Value = field(default_factory=Value)
    fun: FunQuality = field(default_factory=FunQuality)
    monthly: list[MonthFigures] = field(default_factory=list)
    interactions: int = 0
    gave_count: int = 0
    received_count: int = 0
    shared_count: int = 0
    estimated_interactions: int = 0
    estimated_gave_count: int = 0
    """Times given whose values kith estimated (they never weigh in the balance)."""
    first_month: str | None = None
    """The first month on record in the window (None: no records in it)."""
    end: date = date.min
    months_on_record: int = 0
    membership_months: int = 0
    joined_after_window: bool = False
    left_before_window: bool = False
    """The user left the network before the window began: nothing in it to judge."""
    rhythm: Rhythm = field(default_factory=Rhythm)
    series: list[float] = field(default_factory=list)
    conversations: dict[str, int] = field(default_factory=lambda: {
        "invited": 0, "pitched": 0, "money_after_invited": 0, "money_after_pitched": 0})
    talks: list[dict[str, Any]] = field(default_factory=list)
    biggest_payment: tuple[str, int] | None = None
    payers: list[dict[str, Any]] = field(default_factory=list)
    """Who paid most of the money of the window, most first (``{"id", "money"}``)."""
    help_months: int = 0
    """Months of the window in which recorded help came back."""
    payments: int = 0
    paid: int = 0
    """All the money paid in the window by the people of the conversation index."""
    newcomers_helped: list[dict[str, Any]] = field(default_factory=list)
    newcomers_count: int = 0
    newcomer_help: int = 0
    """Help days to newcomers in the window (paid forward, out of the favour balance)."""
    takers: list[dict[str, Any]] = field(default_factory=list)

    @property
    def recorded_given(self) -> Value:
        """Given, without estimates and without what introductions took."""
        return _minus(_minus(self.given, self.estimated_given), self.forward)

    @property
    def recorded_received(self) -> Value:
        return _minus(self.received, self.estimated_received)

    @property
    def favours_in_balance(self) -> int:
        """Recorded favours given that are not paid forward (neither introductions nor
        help to newcomers)."""
        return max(0, self.recorded_given.favours - self.newcomer_help)

    @property
    def help_given(self) -> int:
        """What the help back is weighed against: the favours given (paid forward aside),
        or the times you gave (board work, shifts) when that is more."""
        times = (self.gave_count - self.estimated_gave_count - self.introductions
                 - self.newcomer_help)
        return max(self.favours_in_balance, times, 0)

    @property
    def fun_rate(self) -> float:
        """Fun points a month on record (recorded and estimated): a volume, only ever
        shown, never deciding."""
        return self.received.fun / self.months_on_record if self.months_on_record else 0.0

    @property
    def recorded_fun_rate(self) -> float:
        return self.fun.points / self.months_on_record if self.months_on_record else 0.0

    @property
    def hours_a_month(self) -> float:
        """Recorded hours given a month on record (estimates and introductions aside)."""
        return self.recorded_given.minutes / 60 / self.months_on_record \
            if self.months_on_record else 0.0

    @property
    def basis(self) -> dict[str, Any]:
        return {"interactions": self.interactions, "months": self.months_on_record,
                "since": self.first_month, "active_months": self.rhythm.active_months,
                "estimated_interactions": self.estimated_interactions,
                "fun_occasions": self.fun.occasions}


def month_figures(figures: NetworkFigures, months_data: dict[str, dict[str, list[int]]],
                  start_month: str, end_month: str) -> list[str]:
    """Add the month totals from ``start_month`` to ``end_month`` to ``figures``; return
    the months on record in that span, in order."""
    known = sorted(m for m in months_data if start_month <= m <= end_month)
    for month in known:
        rows = months_data[month]
        g, r = split(rows)
        figures.given, figures.received = figures.given + g, figures.received + r
        counts = [totals_of(rows, d).count for d in DIRECTIONS]
        figures.interactions += sum(counts)
        figures.gave_count += counts[0]
        figures.received_count += counts[1]
        figures.shared_count += counts[2]
        help_back = r.favours
        if "est-gave" in rows or "est-received" in rows or "est-shared" in rows:
            eg, er = split(rows, "est-")
            figures.estimated_given = figures.estimated_given + eg
            figures.estimated_received = figures.estimated_received + er
            figures.estimated_interactions += sum(totals_of(rows, "est-" + d).count
                                                  for d in DIRECTIONS)
            figures.estimated_gave_count += totals_of(rows, "est-gave").count
            help_back -= er.favours
        if help_back > 0:
            figures.help_months += 1
        if "rated" in rows:
            figures.fun.add(totals_of(rows, "rated"))
        if "forward" in rows:
            forward = totals_of(rows, "forward")
            figures.forward = figures.forward + _value(forward)
            figures.introductions += forward.count
            figures.introductions_led += totals_of(rows, "forward-led").count
        if "intro" in rows:
            figures.via_introductions = figures.via_introductions + _value(
                totals_of(rows, "intro"))
        for name in ("invited", "pitched"):
            if name in rows:
                figures.conversations[name] += totals_of(rows, name).count
        figures.monthly.append(MonthFigures(month, g, r))
    return known


def compute_spans(figures: NetworkFigures, every: list[str], known: list[str],
                  joined: date | None, left: date | None, end: date) -> None:
    """Months on record, membership age and the rhythm, from the months on record."""
    end_month = month_of(end)
    if known:
        figures.first_month = known[0]
        figures.months_on_record = month_span(known[0], end_month)
        by_month = {m.month: m for m in figures.monthly}
        figures.series = [float(m.received.favours + m.received.fun) if m else 0.0
                          for m in (by_month.get(k) for k in every_month(known[0],
                                                                        end_month))]
    member_since = joined or (date(int(every[0][:4]), int(every[0][5:7]), 1)
                              if every else None)
    if member_since is not None:
        figures.membership_months = max(0, (end.year - member_since.year) * 12
                                        + end.month - member_since.month
                                        - (1 if end.day < member_since.day else 0))
        figures.joined_after_window = member_since > end
    figures.rhythm = rhythm_of(every, end_month, len(known),
                               left if left is not None and left <= end else None)

"""Assessment: is each network worth it, and why?

The rules, in the words of kith's seed documents:

- Networking is not quid pro quo. No *person* owes the user anything; the unit of account
  is the **network**: over time, the network as a whole should give back at least what the
  user puts in.
- Value is money, time, favours, and fun. The dimensions are kept apart and never silently
  converted; if the user sets ``hourly_rate``, time is *also* shown priced, next to the
  hours.
- "If it doesn't make you money, it should be fun. If it makes you neither, why are you
  doing it?"
- Returns take time: a young network, or one with little data, is "too early to tell".

How interactions count (``given`` and ``received`` of an assessment):

- ``gave``: its money, minutes and favours are given;
- ``received``: its money, minutes and favours are received;
- ``shared`` (an event, a service, a dinner): the minutes are the user's time given; a
  positive amount is money received, a negative one money the user spent (given);
- fun is always the user's own experience, whichever way the interaction went: every fun
  point counts as received.

Verdicts, checked in this order (thresholds from ``[assessment]`` in the configuration,
beneath which a network kind's own ``rules`` and then ``DEFAULT_RULES`` apply):

1. ``too-early``: the network is younger than ``min_months`` at the end of the window,
   or the window holds fewer than ``min_interactions`` interactions;
2. ``pays``: money received exceeds money given; ``fun``: fun points per month of the
   window reach ``fun_per_month``;
3. ``leave``: neither pays nor fun;
4. ``out-of-balance``: it does not pay, and either the favours coming back are below
   ``min_favour_ratio`` of the favours given, or the user gives more than
   ``max_unpaid_hours_per_month`` hours a month while the fun stays below twice the fun
   threshold;
5. ``worth-it``: otherwise, because it pays, is fun, or both.

Assessment reads the per-network, per-month aggregates the store keeps up to date
(``Store.network_months``) and per-person totals (``Store.person_stats``), never the
interactions themselves, so it costs the same for ten years of history as for one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from kith.errors import ValidationError
from kith.model import ME, Network, Value
from kith.parsing import format_minutes, format_money, parse_date

if TYPE_CHECKING:
    from kith.store import Store

VERDICTS = ("worth-it", "out-of-balance", "leave", "too-early")

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
}
"""Documented defaults of ``[assessment]``; ``hourly_rate`` is in major units (e.g. 40)."""


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
class Assessment:
    """One network over one window: totals, verdict, and the reasons in words."""

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

    @property
    def why(self) -> list[str]:
        return [w for w, ok in (("pays", self.pays), ("fun", self.fun)) if ok]

    @property
    def label(self) -> str:
        if self.verdict == "worth-it":
            return "worth it (" + " and ".join(self.why) + ")"
        return self.verdict.replace("-", " ")

    def to_dict(self) -> dict[str, Any]:
        def value(v: Value) -> dict[str, Any]:
            return {**v.to_dict(), "currency": self.currency}

        return {
            "id": self.network.id, "name": self.network.name, "kind": self.network.kind,
            "window": self.window.to_dict(), "given": value(self.given),
            "received": value(self.received), "verdict": self.verdict, "why": self.why,
            "headline": self.headline, "reasons": self.reasons, "trend": self.trend,
            "interactions": self.interactions,
            "via_introductions": value(self.via_introductions),
            "newcomers_helped": self.newcomers_helped, "takers": self.takers,
            "monthly": [m.to_dict() for m in self.monthly],
        }


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
            return Window(f"last {months} months", _months_back(today, months), today)
        if text.isdigit() and len(text) == 4:
            year = int(text)
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
    rules = dict(DEFAULT_RULES)
    kind = (kinds or {}).get(network.kind)
    if kind is not None:
        rules.update({k: v for k, v in kind.rules.items() if k in DEFAULT_RULES})
    user = (config or {}).get("assessment", {})
    rules.update({k: v for k, v in user.items() if not isinstance(v, dict)})
    rules.update(user.get("kinds", {}).get(network.kind, {}))
    return rules


def split(rows: dict[str, list[int]]) -> tuple[Value, Value]:
    """A month's rows (``gave``/``received``/``shared``) as (given, received) values."""
    gave = rows.get("gave", [0] * 5)
    received = rows.get("received", [0] * 5)
    shared = rows.get("shared", [0] * 5)
    given = Value(money=gave[0] + max(0, -shared[0]), minutes=gave[1] + shared[1],
                  favours=gave[2])
    got = Value(money=received[0] + max(0, shared[0]), minutes=received[1],
                favours=received[2] + shared[2], fun=gave[3] + received[3] + shared[3])
    return given, got


def _month_span(start: str, end: str) -> int:
    sy, sm = map(int, start.split("-"))
    ey, em = map(int, end.split("-"))
    return max(1, (ey - sy) * 12 + em - sm + 1)


def _money(minor: int, currency: str) -> str:
    return format_money(minor, currency)


def _priced(minutes: int, rules: dict[str, Any], currency: str) -> str:
    text = format_minutes(minutes)
    rate = rules.get("hourly_rate")
    if rate:
        minor = round(minutes * float(rate) * 100 / 60)
        text += f" (worth {_money(minor, currency)} at {rate}/h)"
    return text


def _trend(series: list[float], change: float) -> tuple[str, str]:
    """Compare the second half of the window's monthly returns with the first half."""
    if len(series) < 4:
        return "unknown", "too few months to see a trend"
    if not any(series):
        return "unknown", "nothing came back in this window"
    half = len(series) // 2
    before = sum(series[:half]) / half
    after = sum(series[half:]) / (len(series) - half)
    if before == 0:
        return ("improving" if after > 0 else "steady"), \
            f"returns went from none to {after:.1f} a month"
    ratio = (after - before) / before
    word = "improving" if ratio > change else "declining" if ratio < -change else "steady"
    return word, f"returns {word}: {before:.1f} a month, then {after:.1f}"


def assess_network(store: Store, network: Network, window: Window, rules: dict[str, Any],
                   *, today: date | None = None,
                   months_data: dict[str, dict[str, list[int]]] | None = None,
                   stats: dict[str, Any] | None = None) -> Assessment:
    """The verdict for one network over one window, with its reasons."""
    today = today or date.today()
    currency = store.currency
    months_data = months_data if months_data is not None else \
        store.network_months().get(network.id, {})
    end = min(window.end, network.left) if network.left else window.end
    end_month = _month(end)
    known = sorted(months_data)
    began = _month(network.joined) if network.joined else (known[0] if known else end_month)
    if known and known[0] < began:  # history imported from before the joined date
        began = known[0]
    start_month = _month(window.start) if window.start else began
    months = [m for m in known if start_month <= m <= end_month]
    given, received, via_intro = Value(), Value(), Value()
    monthly: list[MonthTotals] = []
    count = 0
    for month in months:
        rows = months_data[month]
        g, r = split(rows)
        given, received = given + g, received + r
        intro = rows.get("intro")
        if intro:
            via_intro = via_intro + Value(money=intro[0], minutes=intro[1],
                                          favours=intro[2], fun=intro[3])
        count += sum(rows.get(d, [0] * 5)[4] for d in ("gave", "received", "shared"))
        monthly.append(MonthTotals(month, g, r))
    span = _month_span(max(start_month, began), end_month) if began <= end_month else 1
    first_day = date(int(began[:4]), int(began[5:7]), 1)
    if network.joined and _month(network.joined) == began:
        first_day = network.joined
    age = max(0, (end - first_day).days) // 30  # whole months the network has had
    fun_rate = received.fun / span
    net_money = received.money - given.money
    pays = net_money > 0
    is_fun = fun_rate >= float(rules["fun_per_month"])
    reasons: list[str] = []
    trend_word, trend_reason = _trend(
        [r.favours + r.fun + (1 if r.money > 0 else 0) for r in
         (m.received for m in _fill(monthly, max(start_month, began), end_month))],
        float(rules["trend_change"]))

    if given.money or received.money:
        reasons.append(f"money: received {_money(received.money, currency)}, gave "
                       f"{_money(given.money, currency)} (net {_money(net_money, currency)})")
    reasons.append(f"fun: {received.fun} points over {span} month{'s' * (span != 1)} "
                   f"({fun_rate:.1f} a month; fun means at least {rules['fun_per_month']})")
    if given.favours or received.favours:
        reasons.append(f"favours: gave {given.favours}, received {received.favours}")
    if given.minutes:
        reasons.append(f"time given: {_priced(given.minutes, rules, currency)}")
    if via_intro.money or via_intro.favours:
        share = (f" ({100 * via_intro.money // received.money}% of the money received)"
                 if received.money > 0 and via_intro.money else "")
        reasons.append(f"through introductions: {_money(via_intro.money, currency)} and "
                       f"{via_intro.favours} favours came back{share}")

    verdict: str
    headline = ""
    if age < int(rules["min_months"]):
        headline = f"{age} month{'s' * (age != 1)} old; returns take time"
        verdict = "too-early"
        reasons.insert(0, f"too early to tell: {age} month{'s' * (age != 1)} in this network, "
                          f"returns take time (at least {rules['min_months']} months)")
    elif count < int(rules["min_interactions"]):
        verdict = "too-early"
        headline = f"only {count} interaction{'s' * (count != 1)} so far"
        reasons.insert(0, f"too early to tell: only {count} interaction"
                          f"{'s' * (count != 1)} in this window (at least "
                          f"{rules['min_interactions']})")
    elif not pays and not is_fun:
        verdict = "leave"
        headline = f"no money, fun {fun_rate:.1f}/month"
        reasons.insert(0, "neither money nor fun: if it doesn't make you money, it should be "
                          "fun; this network does neither")
    else:
        verdict = "worth-it"
        favour_ratio = received.favours / given.favours if given.favours else None
        hours_a_month = given.minutes / 60 / span
        modest_fun = fun_rate < 2 * float(rules["fun_per_month"])
        if not pays and modest_fun and favour_ratio is not None and \
                favour_ratio < float(rules["min_favour_ratio"]):
            verdict = "out-of-balance"
            headline = f"{received.favours} favours back for {given.favours} given"
            reasons.insert(0, f"gives back less than you put in: {received.favours} favours "
                              f"came back for {given.favours} given ({favour_ratio:.2f}, "
                              f"below {rules['min_favour_ratio']}), and it does not pay")
        elif not pays and modest_fun and \
                hours_a_month > float(rules["max_unpaid_hours_per_month"]):
            verdict = "out-of-balance"
            headline = f"{hours_a_month:.0f} h/month unpaid, modest fun"
            reasons.insert(0, f"gives back less than you put in: {hours_a_month:.0f} hours a "
                              f"month unpaid for modest fun ({fun_rate:.1f} a month)")
        else:
            why = " and ".join(w for w, ok in (("pays", pays), ("is fun", is_fun)) if ok)
            reasons.insert(0, f"worth it: it {why}")
            parts = []
            if pays:
                parts.append(f"net {_money(net_money, currency)}")
            if is_fun:
                parts.append(f"fun {fun_rate:.1f}/month")
            headline = ", ".join(parts)
    reasons.append(f"trend: {trend_reason}")
    newcomers, takers = _people_side(store, network, window, rules, stats)
    if newcomers:
        reasons.append(f"paying it forward: you helped {len(newcomers)} newcomer"
                       f"{'s' * (len(newcomers) != 1)}")
    return Assessment(network, window, given, received, verdict, pays, is_fun, reasons,
                      trend_word, monthly, newcomers, takers, via_intro, count, currency,
                      headline)


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


def _people_side(store: Store, network: Network, window: Window, rules: dict[str, Any],
                 stats: dict[str, Any] | None) -> tuple[list[dict[str, Any]],
                                                       list[dict[str, Any]]]:
    """Information only: newcomers the user helped, and the few who only take."""
    stats = stats if stats is not None else store.person_stats()
    start = window.start.isoformat() if window.start else ""
    newcomers, takers = [], []
    for person, nets in stats.items():
        data = nets.get(network.id)
        if not data or person == ME:
            continue
        first = data["first"][:10]
        if data["gave"][4] and first >= start and first <= window.end.isoformat():
            newcomers.append({"id": person, "first": first, "helped": data["gave"][4]})
        given_to = data["gave"][2] + max(0, -data["gave"][0]) // 100
        if given_to >= int(rules["taker_min_favours"]) and not data["received"][4] \
                and not data["shared"][4]:
            takers.append({"id": person, "favours_given": data["gave"][2]})
    names = store.people_docs()
    for item in (*newcomers, *takers):
        item["name"] = names.get(item["id"], {}).get("name", item["id"])
    newcomers.sort(key=lambda i: i["first"], reverse=True)
    takers.sort(key=lambda i: -i["favours_given"])
    return newcomers[:10], takers[:5]


def assess(store: Store, *, window: Window | None = None, networks: list[str] | None = None,
           config: dict[str, Any] | None = None, plugins: Any = None,
           today: date | None = None) -> list[Assessment]:
    """Assess networks (all, or ``networks`` ids) over ``window`` or the default windows.

    Fires ``value_assessed`` once per assessment.
    """
    today = today or date.today()
    plugins = plugins if plugins is not None else store.plugins
    kinds = plugins.network_kinds() if plugins is not None else {}
    windows = [window] if window else default_windows(today)
    chosen = [n for n in store.networks() if networks is None or n.id in networks]
    all_months = store.network_months()
    stats = store.person_stats()
    results = []
    for network in chosen:
        rules = rules_for(network, config, kinds)
        for win in windows:
            assessment = assess_network(store, network, win, rules, today=today,
                                        months_data=all_months.get(network.id, {}),
                                        stats=stats)
            results.append(assessment)
            if plugins is not None:
                plugins.broadcast("value_assessed", assessment=assessment, store=store)
    return results


def describe_value(value: Value, currency: str, exponent: int = 2, *, rating: bool = False,
                   empty: str = "-") -> str:
    """Compact words for a value: ``120.00 EUR · 3h · 4 favours · fun 9``.

    ``rating`` writes fun as the 0-5 rating of one interaction (``fun 3/5``) rather than
    a total; ``empty`` is what a value of nothing reads as."""
    parts = []
    if value.money:
        parts.append(format_money(value.money, currency, exponent))
    if value.minutes:
        parts.append(format_minutes(value.minutes))
    if value.favours:
        parts.append(f"{value.favours} favour{'s' * (value.favours != 1)}")
    if value.fun:
        parts.append(f"fun {value.fun}" + ("/5" if rating else ""))
    return " · ".join(parts) or empty


def now_date() -> date:
    return datetime.now().astimezone().date()

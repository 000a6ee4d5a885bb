"""The rules: thresholds, where they come from, and the verdict they give.

The rules, in the words of the two posts kith comes from (``shared/seeds``):

- the unit of account is the **network**, never a person: over time the network as a
  whole should give back at least what the user puts in;
- what comes back is **money, fun or help**: "if it doesn't make you money, then it
  should be fun"; a favour received is value back, at ``favour_worth``;
- fun is a **quality of the time given**: the typical rated fun of an occasion, not how
  many points were logged; where fun was never rated kith **asks** rather than judging;
- **estimates never decide**: a verdict rests on recorded values only;
- help to newcomers and introductions for others are **paid forward**, not a cost;
- returns take time (``too-early``), need evidence (``not-enough-records``), and a
  network can fall silent (``dormant``) or be left (judged while the user was there).

Verdicts, in the order they are checked: ``too-early`` (joined after the window, or a
membership younger than ``min_months``); ``not-enough-records`` (no records; fewer than
``min_interactions`` or fewer than ``min_months`` months on record, unless the return
is clear: clearly paying, clearly fun or clearly helping, counted in payments, rated
occasions and help, not in records; or its records cover a year and these are its months;
a window where only fees or gifts were recorded is ``ask`` however few its records);
``dormant`` (nothing recorded for ``dormant_months`` at the window's end, whatever the
older records say, which are kept as ``before_quiet``; or the user left before the
window began); then the returns: ``worth-it`` when
it pays (money back above the money given and the help given, at ``favour_worth``, or
the priced time), is fun or helps in fair measure; ``out-of-balance`` when what comes back
is small and less than what goes in (help back below ``min_favour_ratio`` of the favours
given or worth less than the money put in, money back below the help it takes, a little
fun, or more than
``max_unpaid_hours_per_month`` unpaid hours for modest fun); ``ask`` when
nothing recorded could decide (no fun ever rated, no money, no help); ``leave`` when
nothing comes back in any form (pitching with nothing back is the clearest case).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kith.core.errors import KithError
from kith.core.model import Network
from kith.domain.ledger.figures import NetworkFigures
from kith.domain.ledger.windows import month_of

VERDICTS = ("worth-it", "out-of-balance", "leave", "too-early", "not-enough-records",
            "ask", "dormant")
ADVICE = ("keep", "leave", "rebalance", "record-more", "rate-fun", "decide", "none")
ADVICE_FOR = {"worth-it": "keep", "too-early": "keep", "leave": "leave",
              "out-of-balance": "rebalance", "not-enough-records": "record-more",
              "ask": "rate-fun", "dormant": "decide"}
"""Advice follows the verdict (``none`` for a network the user left); ``next_step`` says
in words what to do."""

RANK = {"leave": 0, "out-of-balance": 1, "ask": 2, "not-enough-records": 2, "dormant": 2,
        "too-early": 2, "worth-it": 3}
"""How good a verdict is for the network, for checks that more of the good never makes it
worse: not judged (ask, too early, not enough records, dormant) sits between."""

DEFAULT_RULES: dict[str, Any] = {
    "min_months": 6,
    "min_interactions": 5,
    "fun_per_occasion": 3.0,
    "fun_per_month": 2.0,
    "favour_worth": 50,
    "min_favour_ratio": 0.5,
    "max_unpaid_hours_per_month": 20,
    "hourly_rate": None,
    "trend_change": 0.2,
    "newcomer_months": 12,
    "taker_min_favours": 3,
    "taker_grace_months": 3,
    "money_after_days": 180,
    "talk_credit_days": 14,
    "dormant_months": 12,
}
"""Documented defaults of ``[assessment]``; money settings are in major units (e.g. 40).

- ``min_months``: a membership younger than this is ``too-early``; a window with fewer
  months on record is ``not-enough-records`` (see the exceptions above);
- ``min_interactions``: fewer interactions in a window is ``not-enough-records``;
- ``fun_per_occasion``: the typical rated fun of an occasion (0-5) that makes a network
  fun; within one point above it the fun is modest; within one point below, a little fun
  (a return, but too small: out of balance); lower, dull;
- ``fun_per_month``: fun points a month that count as *often*; a volume, shown beside the
  verdict and in the trend, never deciding it (importing a chat would change it);
- ``favour_worth``: what a favour is worth, to weigh help against money and time;
- ``min_favour_ratio``: favours back per favour given (paid forward aside) below which a
  network that gives nothing else is out of balance;
- ``max_unpaid_hours_per_month``: recorded hours given a month, unpaid and for modest
  fun, above which it is out of balance;
- ``hourly_rate``: what an hour of your time is worth; unset, time is never priced;
- ``trend_change``: the relative change between the halves of a window that is a trend;
- ``newcomer_months``: help to someone this new to the network is paying it forward;
- ``taker_min_favours`` and ``taker_grace_months``: days of help, after the first months
  of your record, with nothing ever back, that list a taker;
- ``money_after_days``: a payment is credited to the nearest earlier conversation with
  the same person within this many days;
- ``talk_credit_days``: invited conversations this soon after a talk are credited to it;
- ``dormant_months``: no record for this long makes a network ``dormant``.
"""

RULE_WORDS = {"min_months": "months", "min_interactions": "interactions",
              "fun_per_occasion": "of 5 on a typical occasion",
              "fun_per_month": "fun points a month",
              "max_unpaid_hours_per_month": "hours a month", "min_favour_ratio": "",
              "hourly_rate": "an hour", "favour_worth": "a favour",
              "dormant_months": "months"}
PITCHES_THAT_SHOW = 3
"""Pitches, with no invitation and nothing back, that make a network a pitching one."""
TAKER_FACTOR = 3
"""Favours received per favour given above which the user is the taker (information)."""
CLEAR_MONTHS = 2
"""Active months that make a return in money clear, whatever the span on record."""
CLEAR_OCCASIONS = 3
"""Rated occasions, consistently fun, that make a network clearly fun however sparse."""


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


@dataclass
class Decision:
    """The rules applied to the figures: the verdict, what it rests on, and the advice."""

    verdict: str
    cause: str
    """Which rule decided: before-joining, young, no-records, dormant, few-interactions,
    few-months, pitching, no-fun-recorded, one-way, neither, favours, costs, underpaid,
    hours, little-fun, or what it is worth
    for (pays, fun, help, joined by ``-and-``)."""
    advice: str
    pays: bool = False
    fun: bool = False
    helps: bool = False
    net_money: int = 0
    """Recorded money received minus money given minus priced time (minor units)."""
    priced_time: int = 0
    help_worth: int = 0
    """Recorded favours received at ``favour_worth`` (minor units)."""
    favour_cost: int = 0
    """Favours given (paid forward aside) at ``favour_worth`` (minor units): what the help
    you give costs you, weighed against the money back."""
    balance: int = 0
    """Money back minus money given minus the larger of priced time and ``favour_cost``:
    it pays when this is above zero."""
    windfall: bool = False
    """It pays only because of its single biggest payment."""
    favour_ratio: float | None = None
    fun_level: str = "unrated"
    """``fun``, ``modest`` (fun, within a point of the threshold), ``little`` (a point or
    less below it), ``dull`` or ``unrated``."""
    taker: bool = False
    """The user takes far more help than they give here (information, not a rule)."""
    left_on: date | None = None
    returns: list[str] = field(default_factory=list)
    before_quiet: str | None = None
    """For a dormant network, the verdict its records gave before it went quiet
    (``worth-it``, ``out-of-balance``, ``leave``), or None."""
    """What comes back: ``pays``, ``fun``, ``help`` (``why`` keeps money and fun only)."""

    @property
    def why(self) -> list[str]:
        return [w for w in self.returns if w != "help"]


def fun_level(figures: NetworkFigures, rules: dict[str, Any]) -> str:
    typical = figures.fun.typical
    if typical is None:
        return "unrated"
    threshold = float(rules["fun_per_occasion"])
    if typical < threshold:
        return "little" if typical >= threshold - 1 else "dull"
    return "modest" if typical < threshold + 1 else "fun"


def _one_way(figures: NetworkFigures) -> bool:
    """Only giving to people (time or favours), nothing ever received or shared: nothing
    comes back in any form, and the records themselves show it (unlike a club where only
    the fees were logged, where kith asks whether it is fun)."""
    given = figures.recorded_given
    return bool((given.minutes or given.favours) and not figures.received_count
                and not figures.shared_count)


def decide(figures: NetworkFigures, rules: dict[str, Any]) -> Decision:
    """The verdict and advice from the figures and the thresholds: rules only, no words.
    Only recorded values count; estimates and paid-forward help never decide."""
    given, received = figures.recorded_given, figures.recorded_received
    rate = rules.get("hourly_rate")
    priced = round(given.minutes * float(rate) * 100 / 60) if rate else 0
    net = received.money - given.money - priced
    worth = round(float(rules["favour_worth"]) * 100)
    # help given weighs against the money as help received does, at ``favour_worth``;
    # where time is priced too, the larger of the two (a favour's hours are its cost)
    favour_cost = figures.favours_in_balance * worth
    balance = received.money - given.money - max(priced, favour_cost)
    pays = balance > 0
    level = fun_level(figures, rules)
    is_fun = level in ("fun", "modest")
    in_balance = figures.help_given
    favour_ratio = received.favours / in_balance if in_balance else None
    # help is a return when it comes back in fair measure for the favours given, and
    # (with the money back) covers the money and priced time put in
    helps = received.favours > 0 and (favour_ratio is None
                                      or favour_ratio >= float(rules["min_favour_ratio"])) \
        and received.favours * worth + received.money >= given.money + priced
    why = [w for w, ok in (("pays", pays), ("fun", is_fun), ("help", helps)) if ok]
    windfall = bool(pays and figures.biggest_payment
                    and balance - figures.biggest_payment[1] <= 0)
    taker = received.favours >= TAKER_FACTOR and \
        received.favours >= TAKER_FACTOR * max(1, given.favours)

    def verdict(name: str, cause: str) -> Decision:
        advice = "none" if figures.rhythm.left_on else ADVICE_FOR[name]
        return Decision(name, cause, advice, pays=pays, fun=is_fun, helps=helps,
                        net_money=net, priced_time=priced, help_worth=received.favours * worth,
                        favour_cost=favour_cost, balance=balance,
                        windfall=windfall, favour_ratio=favour_ratio, fun_level=level,
                        taker=taker, left_on=figures.rhythm.left_on, returns=why)

    if figures.joined_after_window:
        return verdict("too-early", "before-joining")
    if figures.left_before_window:
        return verdict("dormant", "left-before")
    if figures.membership_months < int(rules["min_months"]):
        return verdict("too-early", "young")
    rhythm = figures.rhythm
    quiet = rhythm.dormant(int(rules["dormant_months"])) and not rhythm.left_on
    judged = _judge(figures, rules, verdict, pays=pays, windfall=windfall, level=level,
                    helps=helps, favour_ratio=favour_ratio, in_kind=max(priced, favour_cost))
    if quiet:  # silent for long: neither short of records nor judged on the old ones
        dormant = verdict("dormant", "dormant")
        if judged.verdict in ("worth-it", "out-of-balance", "leave"):
            dormant.before_quiet = judged.verdict
        return dormant
    return judged


def _judge(figures: NetworkFigures, rules: dict[str, Any], verdict: Callable[[str, str],
           Decision], *, pays: bool, windfall: bool, level: str, helps: bool,
           favour_ratio: float | None, in_kind: int) -> Decision:
    """The verdict on the records of the window, before dormancy is considered.
    ``in_kind``: what the help given (or the priced time) is worth, in minor units."""
    rhythm = figures.rhythm
    received = figures.recorded_received
    is_fun = level in ("fun", "modest")
    if not figures.interactions:
        return verdict("not-enough-records", "no-records")
    given = figures.recorded_given
    if given.money > 0 and figures.gave_count == figures.interactions \
            and not given.minutes and not given.favours and not figures.fun.occasions:
        # only fees or gifts were ever written down: more of them cannot decide, a fun
        # rating can
        return verdict("ask", "no-fun-recorded")
    # the evidence is the return, not the number of records: three evenings rated fun,
    # payments in two months or more, help back in two months or more are a verdict's
    # worth however few the records around them
    clearly = (is_fun and figures.fun.occasions >= CLEAR_OCCASIONS) \
        or (rhythm.active_months >= CLEAR_MONTHS and pays and not windfall) \
        or (helps and figures.help_months >= CLEAR_MONTHS)
    if figures.interactions < int(rules["min_interactions"]) and not clearly:
        return verdict("not-enough-records", "few-interactions")
    if figures.months_on_record < int(rules["min_months"]) and not clearly \
            and not rhythm.covers_a_year(month_of(figures.end)):
        return verdict("not-enough-records", "few-months")
    conv = figures.conversations
    pitching = conv["pitched"] >= PITCHES_THAT_SHOW and not conv["invited"] \
        and not conv["money_after_pitched"]
    if not pays and not is_fun and not helps:
        if received.favours:  # some help comes back, much less than is put in
            ratio_ok = favour_ratio is None or favour_ratio >= float(rules["min_favour_ratio"])
            return verdict("out-of-balance", "costs" if ratio_ok else "favours")
        if level == "little":  # a little fun back: a return, too small for what goes in
            hours = figures.hours_a_month > float(rules["max_unpaid_hours_per_month"])
            return verdict("out-of-balance", "hours" if hours else "little-fun")
        if pitching or level == "dull":
            return verdict("leave", "pitching" if pitching and level != "dull" else "neither")
        if received.money > 0 and in_kind:
            # money comes back, less than the help (or priced time) it takes
            return verdict("out-of-balance", "underpaid")
        if _one_way(figures):
            return verdict("leave", "one-way")
        return verdict("ask", "no-fun-recorded")
    # fun is the return (favours given to its people are no debt), unless it costs far
    # more hours than modest fun is worth
    if not pays and not helps and level == "modest" \
            and figures.hours_a_month > float(rules["max_unpaid_hours_per_month"]):
        return verdict("out-of-balance", "hours")
    returns = [w for w, ok in (("pays", pays), ("fun", is_fun), ("help", helps)) if ok]
    return verdict("worth-it", "-and-".join(returns))

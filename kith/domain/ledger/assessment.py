"""The whole: one network over one window, figures -> decide -> explain, and every network.

Assessment reads the per-network, per-month aggregates the store keeps up to date
(``Store.network_months``), per-person totals (``Store.person_stats``) and the
conversation index (``Store.conversation_index``), never the interactions themselves, so
it costs about the same for ten years of history as for one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from kith.core import clock
from kith.core.model import Network, Value
from kith.core.parsing import format_minutes
from kith.domain.ledger.credit import ConversationFacts, credit_conversations
from kith.domain.ledger.figures import (
    MonthFigures,
    NetworkFigures,
    compute_spans,
    month_figures,
    split,
)
from kith.domain.ledger.people import PeopleFacts, people_side
from kith.domain.ledger.rules import Decision, decide, rule_sources
from kith.domain.ledger.windows import Window, default_windows, month_of
from kith.domain.ledger.words import explain, verdict_label

if TYPE_CHECKING:
    from kith.persistence.store import Store


@dataclass
class Assessment:
    """One network over one window: figures, verdict, advice, and the reasons in words."""

    network: Network
    window: Window
    given: Value
    received: Value
    verdict: str
    pays: bool
    fun: bool
    reasons: list[str]
    trend: str
    monthly: list[MonthFigures] = field(default_factory=list)
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
    totals: NetworkFigures | None = None
    """The figures (named ``totals`` before the package; kept for callers)."""
    decision: Decision | None = None
    caveats: list[str] = field(default_factory=list)
    helps: bool = False

    @property
    def figures(self) -> NetworkFigures | None:
        return self.totals

    @property
    def why(self) -> list[str]:
        return list(self.decision.why) if self.decision is not None else \
            [w for w, ok in (("pays", self.pays), ("fun", self.fun)) if ok]

    @property
    def returns(self) -> list[str]:
        """What comes back (``pays``, ``fun``, ``help``); ``why`` keeps its old meaning,
        money and fun only."""
        return list(self.decision.returns) if self.decision is not None else self.why

    @property
    def label(self) -> str:
        return verdict_label(self.verdict, self.returns)

    @property
    def left_on(self) -> date | None:
        return self.decision.left_on if self.decision is not None else None

    def to_dict(self) -> dict[str, Any]:
        def value(v: Value) -> dict[str, Any]:
            return {**v.to_dict(), "currency": self.currency}

        figures, decision = self.totals, self.decision
        data: dict[str, Any] = {
            "id": self.network.id, "name": self.network.name, "kind": self.network.kind,
            "window": self.window.to_dict(), "given": value(self.given),
            "received": value(self.received), "verdict": self.verdict, "label": self.label,
            "why": self.why, "returns": self.returns, "advice": self.advice,
            "next_step": self.next_step,
            "headline": self.headline, "reasons": self.reasons, "trend": self.trend,
            "time_share": self.time_share, "conversations": dict(self.conversations),
            "basis": dict(self.basis), "talks": self.talks,
            "interactions": self.interactions,
            "via_introductions": value(self.via_introductions),
            "newcomers_helped": self.newcomers_helped, "takers": self.takers,
            "monthly": [m.to_dict() for m in self.monthly],
            "caveats": list(self.caveats),
            "left_on": self.left_on.isoformat() if self.left_on else None,
        }
        if figures is not None and decision is not None:
            data.update({
                "recorded": {"given": value(figures.recorded_given),
                             "received": value(figures.recorded_received)},
                "estimated": {"given": value(figures.estimated_given),
                              "received": value(figures.estimated_received),
                              "interactions": figures.estimated_interactions},
                "fun_quality": figures.fun.to_dict(),
                "helps": decision.helps,
                "help_worth": decision.help_worth,
                "paid_forward": {"newcomers": figures.newcomers_count,
                                 "newcomer_help": figures.newcomer_help,
                                 "introductions": figures.introductions,
                                 "introductions_led": figures.introductions_led},
                "dormant_since": figures.rhythm.last_ever
                if self.verdict == "dormant" else None,
                "taker": decision.taker,
                "before_quiet": decision.before_quiet,
                "favour_cost": decision.favour_cost,
            })
        return data


def compute_figures(network: Network, window: Window, rules: dict[str, Any],
                    months_data: dict[str, dict[str, list[int]]],
                    index: dict[str, Any] | ConversationFacts | None = None,
                    stats: dict[str, Any] | None = None,
                    people: dict[str, dict[str, Any]] | None = None, *,
                    members: dict[str, Any] | None = None) -> NetworkFigures:
    """Sums, spans and counts of one network over one window: arithmetic only.

    ``months_data`` is the network's ``Store.network_months`` entry, ``index`` its
    ``Store.conversation_index`` (or that prepared: ``ConversationFacts``), ``stats`` all
    of ``Store.person_stats`` and ``people`` ``Store.people_docs`` (names, joined dates);
    ``members`` is ``stats`` for this network only (``{person: totals}``), when known."""
    end = min(window.end, network.left) if network.left else window.end
    end_month = month_of(end)
    start_month = month_of(window.start) if window.start else "0000-00"
    figures = NetworkFigures(end=end)
    figures.left_before_window = bool(network.left and window.start
                                      and network.left < window.start)
    known = month_figures(figures, months_data, start_month, end_month)
    every = sorted(months_data)
    compute_spans(figures, every, known, network.joined, network.left, end)
    facts = index if isinstance(index, ConversationFacts) else \
        ConversationFacts.prepare(index or {}, rules)
    low = date(int(start_month[:4]), int(start_month[5:7]), 1).toordinal() \
        if window.start else 0
    credit_conversations(figures, low, rules, facts)
    if facts.people is None:
        index_people = facts.index.get("people", {})
        if members is None:
            members = members_of(stats or {}, network.id, index_people)
        facts.people = PeopleFacts.prepare(network, rules, index_people, members,
                                           people or {}, *record_began(network, months_data))
    (figures.newcomers_helped, figures.takers, figures.newcomers_count,
     figures.newcomer_help) = people_side(facts.people, low, end, rules, people or {})
    return figures


compute_totals = compute_figures  # the name before the package; kept for callers


def record_began(network: Network, months_data: dict[str, Any]) -> tuple[str | None,
                                                                          str | None]:
    """``(began, record_began)`` for ``PeopleFacts.prepare``: the first month on record,
    the first time only when the user had joined the network before it."""
    first = min(months_data) if months_data else None
    began = first if first and network.joined and month_of(network.joined) < first \
        else None
    return began, first


def members_of(stats: dict[str, Any], network: str, wanted: Iterable[str]
               ) -> dict[str, Any]:
    """``{person: their totals in network}`` for the people ``wanted`` (those of the
    conversation index, the only ones the people side looks up): a few thousand
    look-ups, where splitting every person's totals by network walks 50k rows at 10k
    people."""
    members = {}
    for person in wanted:
        nets = stats.get(person)
        if nets is not None:
            data = nets.get(network)
            if data is not None:
                members[person] = data
    return members


def joined_by_network(people: dict[str, dict[str, Any]]) -> dict[str, dict[str, str]]:
    """``{network: {person: the day they joined}}`` for the joining days recorded: one
    pass over the people, instead of a look-up in 10k scattered records for every
    person helped in every network."""
    joined: dict[str, dict[str, str]] = {}
    for person, doc in people.items():
        networks = doc.get("networks")
        if networks:
            for network, day in networks.items():
                if day:
                    joined.setdefault(network, {})[person] = day
    return joined


def assess_network(store: Store, network: Network, window: Window, rules: dict[str, Any],
                   *, today: date | None = None,
                   months_data: dict[str, dict[str, list[int]]] | None = None,
                   stats: dict[str, Any] | None = None,
                   index: dict[str, Any] | ConversationFacts | None = None,
                   people: dict[str, dict[str, Any]] | None = None,
                   sources: dict[str, tuple[Any, str]] | None = None,
                   members: dict[str, Any] | None = None) -> Assessment:
    """The verdict for one network over one window: figures -> decide -> explain."""
    months_data = months_data if months_data is not None else \
        store.network_months().get(network.id, {})
    stats = stats if stats is not None else store.person_stats()
    if index is None:
        index = ConversationFacts.prepare(store.conversation_index(network.id), rules,
                                          lambda: store.conversation_asks(network.id))
    people = people if people is not None else store.people_docs()
    figures = compute_figures(network, window, rules, months_data, index, stats, people,
                              members=members)
    decision = decide(figures, rules)
    words = explain(network, window, figures, decision, rules, store.currency, sources,
                    lambda ident: str(people.get(ident, {}).get("name", ident)))
    return Assessment(
        network, window, figures.given, figures.received, decision.verdict, decision.pays,
        decision.fun, words["reasons"], words["trend"], figures.monthly,
        figures.newcomers_helped, figures.takers, figures.via_introductions,
        figures.interactions, store.currency, words["headline"], decision.advice,
        words["next_step"], 0.0, dict(figures.conversations), figures.basis, figures.talks,
        figures, decision, words["caveats"], decision.helps)


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
    people = store.people_docs()
    joined = joined_by_network(people)
    results, everything = [], []
    for network in store.networks():
        chosen = networks is None or network.id in networks
        sources = rule_sources(network, config, kinds)
        rules = {key: value for key, (value, _) in sources.items()}
        index = None
        if chosen:
            index = ConversationFacts.prepare(store.conversation_index(network.id), rules,
                                              partial(store.conversation_asks, network.id))
            index.people = PeopleFacts.prepare(
                network, rules, index.index.get("people", {}),
                members_of(stats, network.id, index.index.get("people", {})), people,
                *record_began(network, all_months.get(network.id, {})),
                joined=joined.get(network.id, {}))
        for win in windows:
            if not chosen:  # only its hours, for the time shares
                end = min(win.end, network.left) if network.left else win.end
                low = month_of(win.start) if win.start else ""
                minutes = sum(split(rows)[0].minutes for month, rows in
                              all_months.get(network.id, {}).items()
                              if low <= month <= month_of(end))
                everything.append(Assessment(network, win, Value(minutes=minutes), Value(),
                                             "", False, False, [], ""))
                continue
            assessment = assess_network(store, network, win, rules, today=today,
                                        months_data=all_months.get(network.id, {}),
                                        stats=stats, index=index, people=people,
                                        sources=sources)
            results.append(assessment)
            everything.append(assessment)
    time_shares(everything)
    if plugins is not None:
        for assessment in results:
            plugins.broadcast("value_assessed", assessment=assessment, store=store)
    return results


SUMMARY_GROUPS = (("leave", "leave"), ("rebalance", "rebalance"),
                  ("rate-fun", "is it fun? rate it"), ("decide", "dormant: take up or leave"),
                  ("record-more", "record more to judge"), ("keep", "keep"),
                  ("none", "left"))


def summary(assessments: list[Assessment]) -> list[str]:
    """A few lines across networks for the first window shown: what to leave, what to
    rebalance, what needs records or a fun rating, and where your time goes."""
    if not assessments:
        return []
    window = assessments[0].window
    items = [a for a in assessments if a.window == window]
    lines = [f"{window.label[:1].upper()}{window.label[1:]}:"]
    for advice, words in SUMMARY_GROUPS:
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


__all__ = ["Assessment", "assess", "assess_network", "compute_figures", "compute_totals",
           "now_date", "summary", "time_shares"]

"""Credit of money to conversations and talks: which conversation a payment follows.

"Conversations where people come to you are the ones that pay; pitching yourself does
not." To tell the two apart, each payment is credited **once**, to the nearest earlier
conversation with the same person within ``money_after_days``: an invitation or a pitch,
never both (crediting both taught that pitching works). A talk or workshop is credited
with the invitations that followed it within ``talk_credit_days`` and what those people
paid. Who paid is kept too, so the words can say when one connector brings most of the
money.

Everything here reads the conversation index (``kith.domain.conversations``), prepared
once per network for every window.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from kith.domain.conversations import decode_days

if TYPE_CHECKING:
    from kith.domain.ledger.figures import NetworkFigures
    from kith.domain.ledger.people import PeopleFacts


PAYERS_KEPT = 3
"""Payers kept per window, most money first (the words name the first)."""


def credit(day: int, asked: int, pitched: int, span: int) -> tuple[int, int]:
    """``(invited day, pitched day)`` a payment on ``day`` is credited to: the nearest
    earlier of the two within ``span`` days (an invitation on the same day as a pitch
    wins: the person came to you), the other ``-1``."""
    asked = asked if asked >= 0 and day - asked <= span else -1
    pitched = pitched if pitched >= 0 and day - pitched <= span else -1
    if asked >= 0 and pitched >= 0:
        return (asked, -1) if asked >= pitched else (-1, pitched)
    return asked, pitched


@dataclass
class ConversationFacts:
    """A network's conversation index prepared once for every window: each payment with
    the one conversation it is credited to."""

    index: dict[str, Any]
    payments: list[tuple[int, int, int, int, str]]
    """``(day, money, invited day or -1, pitched day or -1, payer)``, in day order."""
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
        payments: list[tuple[int, int, int, int, str]] = []
        append = payments.append
        for person, record in index.get("people", {}).items():
            for day, money, asked, pitched in record.get("m", ()):
                # ``credit`` inline: 50k payments at a million interactions
                asked = asked if asked >= 0 and day - asked <= span else -1
                pitched = pitched if pitched >= 0 and day - pitched <= span else -1
                if asked >= 0 and pitched >= 0:
                    if asked >= pitched:
                        pitched = -1
                    else:
                        asked = -1
                append((day, money, asked, pitched, person))
        payments.sort()
        return cls(dict(index), payments, [p[0] for p in payments], load_asks)


def credit_conversations(figures: NetworkFigures, low: int, rules: dict[str, Any],
                         facts: ConversationFacts) -> None:
    """The money credited to invitations and to pitches made in the window (paid until
    the window's end), who paid, the talks credited with the invitations that followed,
    and the window's biggest single payment. (The counts of invitations and pitches come
    from the month totals.)"""
    high = figures.end.toordinal()
    counts = figures.conversations
    biggest: tuple[int, int] | None = None
    by_payer: dict[str, int] = {}
    first = bisect.bisect_left(facts.payment_days, low)
    last = bisect.bisect_right(facts.payment_days, high)
    after_invited = after_pitched = 0
    get = by_payer.get
    for day, money, invited, pitched, payer in facts.payments[first:last]:
        if invited >= low:
            after_invited += money
        elif pitched >= low:
            after_pitched += money
        if biggest is None or money > biggest[1]:
            biggest = (day, money)
        by_payer[payer] = get(payer, 0) + money
    counts["money_after_invited"] += after_invited
    counts["money_after_pitched"] += after_pitched
    if biggest is not None:
        figures.biggest_payment = (date.fromordinal(biggest[0]).isoformat(), biggest[1])
    figures.payments = last - first
    top = heapq.nlargest(PAYERS_KEPT, by_payer.items(), key=lambda item: (item[1], item[0]))
    figures.payers = [{"id": person, "money": money} for person, money in top]
    figures.paid = sum(by_payer.values())
    talks = [(ident, talk) for ident, talk in facts.index.get("talks", {}).items()
             if low <= talk[0] <= high]
    figures.talks = [credit_talk(ident, talk, high, rules, facts)
                     for ident, talk in sorted(talks, key=lambda item: (item[1][0], item[0]))]


def credit_talk(ident: str, talk: list[Any], high: int, rules: dict[str, Any],
                facts: ConversationFacts) -> dict[str, Any]:
    """What a talk led to: invitations within ``talk_credit_days`` after it, and what the
    people who came paid within ``money_after_days`` after asking (until ``high``)."""
    day, kind, note = talk
    window, span = int(rules["talk_credit_days"]), int(rules["money_after_days"])
    after, people, money = 0, 0, 0
    paid = facts.index.get("people", {})
    for person, record in facts.asks().items():
        asked = [d for d in decode_days(record.get("i", "")) if day <= d <= day + window]
        if not asked:
            continue
        after += len(asked)
        people += 1
        money += sum(entry[1] for entry in paid.get(person, {}).get("m", ())
                     if asked[0] <= entry[0] <= min(high, asked[-1] + span))
    return {"id": ident, "day": date.fromordinal(day).isoformat(), "kind": kind,
            "note": note, "invited_after": after, "people": people, "money_after": money}

"""Assessment: is each network worth it, what to do about it, and why.

The value model of the two posts kith comes from (``shared/seeds``): the network, not a
person, owes the user a return over time; a return is money, fun or help; fun is a
quality of the time given; estimates never decide; paying it forward is not a cost; and
kith asks where nothing recorded can decide.

The package, one job a module, in the order an assessment runs:

- ``windows``: windows of whole months, membership and rhythm (left, dormant, seasonal);
- ``figures``: the arithmetic, from the store's typed month totals (recorded and
  estimated apart, fun per occasion, introductions paid forward);
- ``credit``: money credited once to the nearest earlier conversation, talks credited
  with the invitations that followed, who paid;
- ``people``: newcomers helped (paid forward) and takers (information);
- ``rules``: thresholds and the verdict (``decide``);
- ``words``: reasons, headline, next step and caveats (``explain``);
- ``assessment``: the whole, for one network (``assess_network``) or all (``assess``).
"""

from __future__ import annotations

from kith.domain.ledger.assessment import (
    Assessment,
    assess,
    assess_network,
    compute_figures,
    compute_totals,
    now_date,
    summary,
    time_shares,
)
from kith.domain.ledger.credit import ConversationFacts
from kith.domain.ledger.figures import (
    FunQuality,
    MonthFigures,
    MonthTotals,
    NetworkFigures,
    split,
)
from kith.domain.ledger.people import PeopleFacts
from kith.domain.ledger.rules import (
    ADVICE,
    ADVICE_FOR,
    DEFAULT_RULES,
    RANK,
    VERDICTS,
    Decision,
    decide,
    rule_sources,
    rules_for,
)
from kith.domain.ledger.windows import Window, default_windows, parse_window
from kith.domain.ledger.words import explain, plural, trend_of, verdict_label

__all__ = [
    "ADVICE", "ADVICE_FOR", "DEFAULT_RULES", "RANK", "VERDICTS", "Assessment",
    "ConversationFacts", "Decision", "FunQuality", "MonthFigures", "MonthTotals",
    "NetworkFigures", "PeopleFacts", "Window", "assess", "assess_network",
    "compute_figures", "compute_totals", "decide", "default_windows", "explain",
    "now_date", "parse_window", "plural", "rule_sources", "rules_for", "split",
    "summary", "time_shares", "trend_of", "verdict_label",
]

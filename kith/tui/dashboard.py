"""The dashboard: one card per network, pictures first.

At the top, one line per network with its verdict (colour and mark), so a glance says
which networks pay, which are fun, which to leave and where kith asks. Below, a card per
network: what you gave against what you received in each dimension as bars (given to the
left of the axis, received to the right), how fun it typically is and how much of it kith
estimated, the advice with its caveats, the monthly trend as a sparkline, and the
reasons. Every word comes from the ledger, the same as ``kith assess``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Grid, Vertical, VerticalScroll
from textual.widgets import Sparkline, Static, Tab, Tabs

from kith.core.parsing import format_minutes, format_money
from kith.core.words import counted
from kith.domain.ledger import Assessment, Window, assess, default_windows
from kith.tui.widgets import VERDICT_MARK, escape, verdict_class

BAR = 14  # cells on each side of the axis
WINDOWS = {"12m": 0, "all": 1}
MARKS = {**VERDICT_MARK, "ask": "?", "dormant": "◌"}
"""The marks of the verdicts the value model added (``ask``, ``dormant``) beside the
shared ones."""
COLOURS = {"worth-it": "$success", "out-of-balance": "$warning", "leave": "$error",
           "too-early": "$primary", "not-enough-records": "$primary", "ask": "$accent",
           "dormant": "$secondary"}


def _bar(amount: float, largest: float) -> int:
    if amount <= 0 or largest <= 0:
        return 0
    return max(1, round(BAR * amount / largest))


def balance_lines(a: Assessment) -> list[str]:
    """Given versus received, one line per dimension, as markup."""
    rows: list[tuple[str, int, int, Callable[[int], str]]] = [
            ("money", a.given.money, a.received.money,
             lambda v: format_money(v, a.currency)),
            ("time", a.given.minutes, a.received.minutes,
             lambda v: format_minutes(v) if v else "0"),
            ("favours", a.given.favours, a.received.favours, str),
            ("fun", a.given.fun, a.received.fun, str)]
    lines = [f"{'':8}{'given':>{BAR + 13}} ┃ received"]
    for label, gave, got, fmt in rows:
        largest = max(gave, got)
        left, right = _bar(gave, largest), _bar(got, largest)
        lines.append(
            f"{label:<8}{escape(fmt(gave)) if gave else '':>12} "
            f"{' ' * (BAR - left)}[$warning]{'━' * left}[/]┃"
            f"[$success]{'━' * right}[/]{' ' * (BAR - right)} "
            f"{escape(fmt(got)) if got else ''}")
    return lines


def trend_series(a: Assessment) -> tuple[str, list[float]]:
    """What the sparkline shows: money received by month where the network pays in
    money, otherwise fun and favours received."""
    months = a.monthly[-24:]
    if a.received.money > 0:
        return "money received by month", [max(0, m.received.money) / 100 for m in months]
    return "fun and favours received by month", [m.received.fun + m.received.favours
                                                 for m in months]


def advice_line(assessment: Assessment) -> str:
    """The card's advice, in the ledger's own words (the same as ``kith assess``), with
    its caveats as extra lines, never instead of the step."""
    lines = [f"Advice ({assessment.advice}): {assessment.next_step}"]
    lines.extend(f"Caveat: {caveat}" for caveat in assessment.caveats)
    return "\n".join(lines)


def fun_words(assessment: Assessment) -> str:
    """Fun as a quality (typical rated fun of an occasion, and how many), for the glance."""
    figures = assessment.figures
    typical = figures.fun.typical if figures is not None else None
    return "fun ?" if typical is None else f"fun {typical:.1f}/5"


def quality_line(assessment: Assessment) -> str:
    """How fun it typically is, what it rests on, and what kith estimated."""
    figures = assessment.figures
    if figures is None:
        return ""
    fun = figures.fun
    parts = [f"fun typically {fun.typical:.1f} of 5 over {fun.occasions} rated occasions"
             if fun.typical is not None else "no fun rated yet"]
    estimated = figures.estimated_received.fun
    if estimated:
        parts.append(f"{estimated} of {figures.received.fun} fun points estimated "
                     f"(not counted)")
    if figures.recorded_received.favours:
        parts.append(f"{counted(figures.recorded_received.favours, 'favour')} back")
    forward = figures.newcomers_count + figures.introductions
    if forward:
        parts.append(f"paid forward: {counted(figures.newcomers_count, 'newcomer')}, "
                     f"{counted(figures.introductions, 'introduction')}")
    if assessment.left_on:
        parts.append(f"left {assessment.left_on.isoformat()}")
    return "  ·  ".join(parts)


CARD_WIDTH = 70  # a card's bars need about this many columns


class NetworkCard(Vertical):
    """One network over one window."""

    DEFAULT_CSS = """
    NetworkCard.verdict-ask { border: round $accent; border-subtitle-color: $accent; }
    NetworkCard.verdict-dormant { border: round $secondary 60%;
                                  border-subtitle-color: $secondary; }
    """

    def __init__(self, assessment: Assessment) -> None:
        super().__init__(classes=f"card {verdict_class(assessment.verdict)}")
        self.assessment = assessment
        self.border_title = escape(assessment.network.name)
        self.border_subtitle = f"{MARKS.get(assessment.verdict, '')} {assessment.label}"

    def compose(self) -> ComposeResult:
        a = self.assessment
        yield Static(f"[b]{escape(a.headline or a.label)}[/b]  ·  {a.network.kind}  ·  "
                     f"{counted(a.interactions, 'interaction')}  ·  trend {a.trend}",
                     classes="headline")
        yield Static(f"[b]{escape(advice_line(a))}[/b]", classes="advice")
        yield Static("\n".join(balance_lines(a)), classes="bars")
        yield Static(escape(quality_line(a)), classes="quality")
        label, series = trend_series(a)
        if len(series) >= 2 and any(series):
            yield Static(f"{label} ({counted(len(series), 'month')})", classes="spark-label")
            yield Sparkline(series, summary_function=max, classes="trend")
        yield Static("\n".join(f"• {escape(r)}" for r in a.reasons), classes="reasons")


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


class Dashboard(Vertical):
    """Window selector, the at-a-glance list, and the cards."""

    def __init__(self, kith: Any, today: date, window: str = "12m", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kith = kith
        self.today = today
        self.window_key = window if window in WINDOWS else "12m"
        self.assessments: list[Assessment] = []
        self.stale = False  # data changed while another tab was shown
        self._refreshing = asyncio.Lock()
        self._asked = self._done = 0
        self._reader: Any = None

    def compose(self) -> ComposeResult:
        yield Tabs(Tab("Last 12 months", id="w-12m"), Tab("All time", id="w-all"),
                   active=f"w-{self.window_key}", id="window-tabs")
        yield VerticalScroll(id="cards")

    @property
    def window(self) -> Window:
        return default_windows(self.today)[WINDOWS[self.window_key]]

    async def on_mount(self) -> None:
        await self.refresh_data()

    async def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        key = (event.tab.id or "w-12m").removeprefix("w-")
        if key != self.window_key:
            self.window_key = key
            await self.refresh_data()

    def main_widget(self) -> VerticalScroll:
        return self.query_one("#cards", VerticalScroll)

    def switch_window(self) -> None:
        """The other window (bound to ``w`` and in the command palette)."""
        self.set_window("all" if self.window_key == "12m" else "12m")

    def set_window(self, key: str) -> None:
        self.query_one("#window-tabs", Tabs).active = f"w-{key}"

    async def refresh_data(self) -> None:
        """Assess and rebuild the cards.

        Refreshes never overlap: two at once (another process wrote while a tab opened)
        each mounted the glance, and the app died of ``DuplicateIds``. One asked for while
        another runs is folded into the next. The assessment is computed in a thread, on a
        store of its own read without the lock, so a key press never waits for it."""
        self._asked += 1
        wanted = self._asked
        async with self._refreshing:
            if self._done >= wanted:
                return  # a refresh that started after this was asked for has shown it
            target = self._asked
            self.stale = False
            self.assessments = await asyncio.to_thread(self._assess)
            await self._show()
            self._done = target

    def _assess(self) -> list[Assessment]:
        """The assessments, read off one committed state (runs in a worker thread)."""
        if not self.kith.store.exists:
            return []
        if self._reader is None:
            from kith.persistence.store import Store

            self._reader = Store(self.kith.store.home, plugins=self.kith.plugins)
        reader = self._reader
        reader.reload()
        return reader.read_consistently(lambda: assess(
            reader, window=self.window, config=self.kith.config, plugins=self.kith.plugins,
            today=self.today))

    async def _show(self) -> None:
        cards = self.query_one("#cards", VerticalScroll)
        await cards.remove_children()
        if not self.assessments:
            await cards.mount(Static("No networks yet. Press n to add one, a to add a person; "
                                     "or try `kith demo` for a sample database.",
                                     classes="empty"))
            return
        grid = Grid(*(NetworkCard(a) for a in self.assessments), id="card-grid")
        await cards.mount_all([Static(self.glance(), id="glance"), grid])
        self._fit_columns()

    def on_resize(self) -> None:
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Cards side by side when the terminal is wide enough for them (they reflow)."""
        width = self.size.width or self.app.size.width
        columns = max(1, min(len(self.assessments) or 1, width // CARD_WIDTH))
        for grid in self.query("#card-grid"):
            grid.styles.grid_size_columns = columns
        for glance in self.query("#glance").results(Static):
            glance.update(self.glance())

    def glance(self) -> str:
        colours = COLOURS
        lines = []
        room = (self.size.width or self.app.size.width) - 61  # what the other columns take
        width = max(6, min(max(len(a.network.name) for a in self.assessments), room))
        for a in self.assessments:
            colour = colours.get(a.verdict, "$foreground")
            net = a.received.money - a.given.money
            lines.append(f"[{colour}]{MARKS.get(a.verdict, ' ')} "
                         f"{escape(_cut(a.network.name, width)):<{width}}  {a.label:<22}[/]"
                         f" net {format_money(net, a.currency):>14}   "
                         f"{fun_words(a):>9}")
        return "\n".join(lines)

"""The words of an assessment: the reasons, the headline, the next step and the caveats.

The next step names the strongest lever the seeds give: keep giving the talks that bring
invitations, stop pitching where it brings nothing, rate the fun where none is recorded,
leave where nothing comes back in any form. Caveats (one payment makes it pay, one
connector brings most of the money) are extra lines, never a replacement for the step.
Nothing here advises giving less in the same breath as it counts paying forward. The CLI,
the JSON and the TUI all show these words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kith.core.model import Network
from kith.core.parsing import format_minutes, format_money
from kith.domain.ledger.figures import NetworkFigures
from kith.domain.ledger.rules import DEFAULT_RULES, RULE_WORDS, Decision
from kith.domain.ledger.windows import Window, during, month_name, month_of

TALKS_LISTED = 3
"""Talks named one by one in the reasons (the most recent); earlier ones are summed."""
ONE_CONNECTOR = 0.75
"""Share of the money from one person, over two payments or more, worth a caveat."""


def plural(count: int | float, word: str, many: str | None = None) -> str:
    """``1 favour``, ``2 favours``, ``1 person``, ``3 people``: one place for plurals."""
    if isinstance(count, float) and not count.is_integer():
        return f"{count:.1f} {many or word + 's'}"
    number = int(count)
    return f"{number} {word if number == 1 else (many or word + 's')}"


def verdict_label(verdict: str, why: list[str] | tuple[str, ...] = ()) -> str:
    """A verdict in words, the same in the CLI, the JSON (``label``) and the TUI."""
    if verdict == "worth-it":
        return "worth it (" + " and ".join(why) + ")" if why else "worth it"
    if verdict == "ask":
        return "is it fun?"
    return verdict.replace("-", " ")


def _number(value: Any) -> str:
    return f"{float(value):g}"


def _hours(minutes: int) -> str:
    return format_minutes(minutes) if minutes else "no time"


def threshold(key: str, rules: dict[str, Any], network: Network,
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


class Words:
    """The words of one assessment, built once (``explain`` is the entry point)."""

    def __init__(self, network: Network, window: Window, figures: NetworkFigures,
                 decision: Decision, rules: dict[str, Any], currency: str,
                 sources: dict[str, tuple[Any, str]] | None,
                 names: Callable[[str], str]) -> None:
        self.network, self.window, self.f, self.d = network, window, figures, decision
        self.rules, self.currency, self.sources, self.names = rules, currency, sources, names
        self.name, self.during = network.name, during(window.label)

    def money(self, minor: int) -> str:
        return format_money(minor, self.currency)

    def back(self, minor: int) -> str:
        return f"{self.money(minor)} back" if minor else "nothing back"

    def limit(self, key: str) -> str:
        return threshold(key, self.rules, self.network, self.sources)

    def fun_words(self) -> str:
        fun = self.f.fun
        if fun.typical is None:
            return "no fun rated"
        return f"typically {fun.typical:.1f} of 5 over {plural(fun.occasions, 'rated occasion')}"

    def money_state(self) -> str:
        if not self.f.recorded_received.money:
            return "no money back"
        if self.d.net_money > 0 and self.d.favour_cost > self.d.priced_time:
            return (f"does not pay for the help you give (net {self.money(self.d.net_money)}"
                    f" for {plural(self.f.favours_in_balance, 'favour')} given)")
        return f"does not pay (net {self.money(self.d.net_money)})"

    def put_in(self) -> str:
        """What the help or the priced time it takes is worth, in words."""
        f, d = self.f, self.d
        if d.favour_cost >= d.priced_time:
            return (f"{plural(f.favours_in_balance, 'favour')} given (worth "
                    f"{self.money(d.favour_cost)} at {_number(self.rules['favour_worth'])} "
                    f"{self.currency} a favour)")
        return f"{_hours(f.recorded_given.minutes)} given (worth {self.money(d.priced_time)})"

    # the verdict's own line, headline and step ------------------------------------------
    def verdict_words(self) -> tuple[str, str, str]:
        f, d, name, during_ = self.f, self.d, self.name, self.during
        conv, rules = f.conversations, self.rules
        cause, verdict = d.cause, d.verdict
        if cause == "before-joining":
            return (f"too early to tell: you joined after this window ({self.window.label})",
                    "not a member yet in this window",
                    f"nothing to judge {during_}: assess a window after you joined {name}")
        if cause == "young":
            age = plural(f.membership_months, "month")
            wait = int(rules["min_months"]) - f.membership_months
            return (f"too early to tell: a member for {age} at the end of this window; "
                    f"returns take time (at least {self.limit('min_months')})",
                    f"a member for {age}; returns take time",
                    f"give {name} time: look again in {plural(wait, 'month')}, and record "
                    f"what you give and get meanwhile")
        if cause == "left-before":
            when = month_name(month_of(self.network.left)) if self.network.left else "?"
            return (f"you left {name} in {when}, before this window: nothing to judge in it",
                    f"left {when}, before this window",
                    f"nothing to do: you left {name} in {when}")
        if verdict == "dormant":
            since = month_name(f.rhythm.last_ever or month_of(f.end))
            quiet = plural(f.rhythm.quiet_months, "month")
            before = {"worth-it": "; before it went quiet it was worth it",
                      "out-of-balance": "; before it went quiet it gave back less than you "
                                        "put in",
                      "leave": "; before it went quiet nothing came back in any form"
                      }.get(d.before_quiet or "", "")
            return (f"dormant since {since}: nothing recorded in {name} for {quiet}{before}",
                    f"dormant since {since}",
                    f"{name} has been quiet since {since}: take it up again, or record that "
                    f"you left it (kith network edit {self.network.id} --left DATE)")
        if verdict == "not-enough-records":
            return self.not_enough()
        if verdict == "ask":
            state = self.money_state()
            return (f"no fun recorded in {name}: is it fun? Nothing recorded can decide "
                    f"({state}, no help back), so kith asks instead of judging",
                    f"no fun recorded, {state}",
                    f"no fun recorded in {name}: is it fun? rate an evening "
                    f"(`kith log {self.network.id} … --fun 4`)")
        if verdict == "leave":
            fun = f"fun {self.fun_words()}" if self.f.fun.occasions else "no fun rated"
            headline = f"{self.money_state()}, {fun}"
            if cause == "pitching":
                return ("you pitch here and nothing comes back: pitching yourself does not "
                        "pay; the conversations that pay are the ones where people come to "
                        "you", headline,
                        f"stop pitching on {name}: {plural(conv['pitched'], 'pitch', 'pitches')}"
                        f", no invitation, {self.back(conv['money_after_pitched'])} "
                        f"{during_} — leave it, or give talks and post work people can ask "
                        f"you about")
            if cause == "one-way":
                put = f.recorded_given
                gave = " and ".join(x for x in (
                    _hours(put.minutes) if put.minutes else "",
                    plural(put.favours, "favour") if put.favours else "") if x)
                return ("nothing comes back in any form: you give and nothing is received or "
                        "shared — no money, no help, no fun recorded: why are you doing it?",
                        f"{self.money_state()}, nothing received",
                        f"leave {name}, or ask for something back: {during_} you gave {gave} "
                        f"and nothing came back (if it is fun, rate it: kith log "
                        f"{self.network.id} … --fun 4)")
            step = (f"leave {name}, or change what you do there: {during_} it gave "
                    f"{self.back(f.recorded_received.money)}, no help, and fun "
                    f"{self.fun_words()} for {_hours(f.recorded_given.minutes)} given")
            if f.favours_in_balance and not (f.newcomers_count or f.introductions):
                step += f"; give fewer favours there ({f.favours_in_balance} given, none back)"
            return ("neither money nor fun nor help: if it doesn't make you money, it should "
                    "be fun; this network does neither", headline, step)
        if cause == "favours":
            r, g = f.recorded_received.favours, f.help_given
            ratio = f"{d.favour_ratio:.2f}, " if d.favour_ratio is not None else ""
            return (f"gives back less than you put in: {plural(r, 'favour')} came back for "
                    f"{g} given ({ratio}below {self.limit('min_favour_ratio')}), and it "
                    f"does not pay", f"{plural(r, 'favour')} back for {g} given",
                    f"rebalance {name}: ask for help there as readily as you give it "
                    f"({g} given, {r} back {during_})")
        if cause == "costs":
            r = f.recorded_received.favours
            put_in = f.recorded_given.money + d.priced_time
            return (f"gives back less than you put in: {plural(r, 'favour')} came back (worth "
                    f"{self.money(d.help_worth)} at {_number(rules['favour_worth'])} "
                    f"{self.currency} a favour) for {self.money(put_in)} of money and priced "
                    f"time, and it does not pay", f"help back worth {self.money(d.help_worth)} "
                    f"for {self.money(put_in)} put in",
                    f"rebalance {name}: spend less there, or ask for help as readily as you "
                    f"give it; if it is fun, rate it (kith log {self.network.id} … --fun 4)")
        if cause == "underpaid":
            back = f.recorded_received.money
            spent = f" and {self.money(f.recorded_given.money)} spent" \
                if f.recorded_given.money else ""
            return (f"gives back less than you put in: {self.money(back)} back for "
                    f"{self.put_in()}{spent}, no help back, and no fun rated",
                    f"{self.money(back)} back for {self.put_in()}",
                    f"rebalance {name}: {self.money(back)} came back {during_} for "
                    f"{self.put_in()}{spent} — ask to be paid for that work, or keep only "
                    f"what pays; if it is fun, rate it (kith log {self.network.id} … "
                    f"--fun 4)")
        if cause == "little-fun":
            return (f"gives back less than you put in: a little fun ({self.fun_words()}, "
                    f"below {self.limit('fun_per_occasion')}) for "
                    f"{_hours(f.recorded_given.minutes)} and {self.money(f.recorded_given.money)}"
                    f" given, and it does not pay", f"a little fun, {self.money_state()}",
                    f"rebalance {name}: keep only what you enjoy there and cut the rest "
                    f"({_hours(f.recorded_given.minutes)} given {during_} for fun "
                    f"{self.fun_words()}){self.pitch_less()}")
        if cause == "hours":
            hours = f.hours_a_month
            return (f"gives back less than you put in: {hours:.0f} hours a month unpaid "
                    f"(more than {self.limit('max_unpaid_hours_per_month')}) for modest fun "
                    f"({self.fun_words()})", f"{hours:.0f} h a month unpaid, modest fun",
                    f"rebalance {name}: cut your hours there (now {hours:.0f} a month), or "
                    f"keep only what you enjoy")
        return self.worth_it()

    def pitch_less(self) -> str:
        conv = self.f.conversations
        if conv["pitched"] > conv["invited"] and not conv["money_after_pitched"]:
            return (f"; and pitch less there: {plural(conv['pitched'], 'pitch', 'pitches')} "
                    f"brought nothing back")
        return ""

    def not_enough(self) -> tuple[str, str, str]:
        f, rules, name = self.f, self.rules, self.name
        need = int(rules["min_interactions"])
        months = plural(f.months_on_record, "month")
        missing = []
        if f.interactions < need:
            missing.append(plural(need - f.interactions, "more interaction"))
        if f.months_on_record < int(rules["min_months"]):
            missing.append(f"records over at least {self.limit('min_months')}")
        step = (f"record more in {name} to get a verdict: {' and '.join(missing)} — what you "
                f"give (time, money, favours), what comes back, and how much fun it is "
                f"(kith log {self.network.id} ...)")
        if self.d.cause == "no-records":
            return (f"not enough records: nothing recorded in {name} in this window "
                    f"({self.window.label})", "no records in this window", step)
        return (f"not enough records: {plural(f.interactions, 'interaction')} over {months} on "
                f"record in this window; a verdict needs at least "
                f"{self.limit('min_interactions')} over {self.limit('min_months')}",
                f"only {plural(f.interactions, 'interaction')} over {months}", step)

    def worth_it(self) -> tuple[str, str, str]:
        f, d, name, during_ = self.f, self.d, self.name, self.during
        conv = f.conversations
        what = {"pays": "it pays", "fun": "it is fun", "help": "help comes back"}
        first = "worth it: " + " and ".join(what[w] for w in d.returns)
        parts = []
        if d.pays:
            parts.append(f"net {self.money(d.net_money)}")
        if d.fun:
            parts.append(f"fun {f.recorded_fun_rate:.1f} a month, {self.fun_words()}")
        if d.helps:
            parts.append(f"{plural(f.recorded_received.favours, 'favour')} back")
        invited_by_talks = sum(t["invited_after"] for t in f.talks)
        talk_money = sum(t["money_after"] for t in f.talks)
        if invited_by_talks and (talk_money or not d.pays):
            money = f", and {self.money(talk_money)} from those people" if talk_money else ""
            step = (f"keep giving talks in {name}: your talks brought "
                    f"{plural(invited_by_talks, 'invitation')}{money} {during_}")
        elif conv["pitched"] > conv["invited"] and not conv["money_after_pitched"]:
            step = (f"keep {name}, and pitch less there: "
                    f"{plural(conv['pitched'], 'pitch', 'pitches')} brought nothing back "
                    f"{during_}")
        elif conv["money_after_invited"] and d.pays:
            step = (f"keep {name}: the people who come to you pay "
                    f"({self.money(conv['money_after_invited'])} after invitations "
                    f"{during_}); stay someone people can ask")
        elif d.pays:
            step = f"keep {name}: it pays (net {self.money(d.net_money)} {during_})"
        elif d.fun:
            step = f"keep {name}: it is fun ({self.fun_words()})"
        else:
            step = (f"keep {name}: help comes back "
                    f"({plural(f.recorded_received.favours, 'favour')} {during_})")
        return first, ", ".join(parts), step

    # the other lines ----------------------------------------------------------------------
    def value_reasons(self) -> list[str]:
        """Money and time, honestly: what came in, what went out, and time priced or not."""
        f, d, money = self.f, self.d, self.money
        g, r = f.given, f.received
        reasons = []
        if g.money or r.money:
            received = f"received {money(r.money)}" if r.money else "no money received"
            reasons.append(f"money: {received}, gave {money(g.money)} "
                           f"(net {money(r.money - g.money)})")
        rate, minutes = self.rules.get("hourly_rate"), f.recorded_given.minutes
        estimated = f.estimated_given.minutes
        if minutes and rate:
            reasons.append(f"time given: {format_minutes(minutes)}, worth "
                           f"{money(d.priced_time)} at {_number(rate)} {self.currency} an "
                           f"hour; money back minus money and time given: "
                           f"{money(d.net_money)}")
        elif minutes:
            back = f.recorded_received.money
            per_hour = (f"{money(back)} back for {format_minutes(minutes)} given: "
                        f"{money(round(back / (minutes / 60)))} an hour") if back > 0 else \
                f"{format_minutes(minutes)} given, no money back for it"
            reasons.append(f"time given: {per_hour} (your time is not priced: set "
                           f"[assessment] hourly_rate to weigh it)")
        if estimated:
            reasons.append(f"estimated: {format_minutes(estimated)} of time given "
                           f"{'(all of it) ' if not minutes else ''}was filled in by kith, "
                           f"shown but not counted in the verdict")
        if d.windfall and f.biggest_payment:
            day, amount = f.biggest_payment
            reasons.append(f"it pays only because of one payment of {money(amount)} on {day}: "
                           f"without it, it would not pay")
        return reasons

    def fun_reasons(self) -> list[str]:
        f = self.f
        total, estimated = f.received.fun, f.estimated_received.fun
        rate = f"{f.recorded_fun_rate:.1f} a month"
        if f.fun.occasions:
            line = (f"fun: {self.fun_words()} ({plural(f.fun.points, 'point')}, {rate}); fun "
                    f"means at least {self.limit('fun_per_occasion')}")
        else:
            line = (f"fun: none rated; fun means at least "
                    f"{self.limit('fun_per_occasion')}")
        lines = [line]
        if estimated:
            lines.append(f"of {total:,} fun {'point' if total == 1 else 'points'}, "
                         f"{estimated:,} "
                         f"{'is' if estimated == 1 else 'are'} estimated by kith and never "
                         f"decide: only fun you rate counts")
        return lines

    def favour_reasons(self) -> list[str]:
        f, d = self.f, self.d
        g, r = f.given.favours, f.received.favours
        lines = []
        if g or r:
            lines.append(f"favours: gave {g}, received {r}")
        if r and d.help_worth:
            lines.append(f"help back: {plural(f.recorded_received.favours, 'favour')}, worth "
                         f"{self.money(d.help_worth)} at "
                         f"{_number(self.rules['favour_worth'])} {self.currency} a favour "
                         f"([assessment] favour_worth)")
        if d.taker:
            lines.append(f"you are the taker here: {f.recorded_received.favours} favours "
                         f"received for {f.recorded_given.favours} given — pay it forward "
                         f"(information, not a debt)")
        return lines

    def forward_reasons(self) -> list[str]:
        f, money = self.f, self.money
        lines = []
        if f.newcomers_helped:
            names = ", ".join(n["name"] for n in f.newcomers_helped[:3])
            lines.append(f"paying it forward: you helped "
                         f"{plural(f.newcomers_count, 'newcomer')} ({names}"
                         f"{', ...' if f.newcomers_count > 3 else ''}), not a cost")
        if f.introductions:
            led = f", {f.introductions_led} led somewhere" if f.introductions_led else ""
            lines.append(f"paying it forward: you made "
                         f"{plural(f.introductions, 'introduction')} for others{led} "
                         f"(creating serendipity, not a cost)")
        intro = f.via_introductions
        if intro.money or intro.favours:
            r = f.received
            share = (f" ({100 * intro.money // r.money}% of the money received)"
                     if r.money > 0 and intro.money else "")
            lines.append(f"through introductions: {money(intro.money)} and "
                         f"{plural(intro.favours, 'favour')} came back{share}")
        return lines

    def conversation_reasons(self) -> list[str]:
        f, money, rules = self.f, self.money, self.rules
        conv = f.conversations
        days = plural(int(rules["money_after_days"]), "day")
        credit_days = plural(int(rules["talk_credit_days"]), "day")
        reasons, parts = [], []
        if conv["invited"]:
            parts.append(f"{plural(conv['invited'], 'invitation')} (people came to you; "
                         f"{self.back(conv['money_after_invited'])} from them within {days})")
        if conv["pitched"]:
            parts.append(f"{plural(conv['pitched'], 'pitch', 'pitches')} (you went to them; "
                         f"{self.back(conv['money_after_pitched'])} from them within {days})")
        if parts:
            reasons.append("conversations: " + ", ".join(parts) + "; each payment is "
                           "credited once, to the nearest earlier conversation")
        if conv["pitched"] and not conv["invited"]:
            reasons.append(f"you pitch here and nobody invites you: "
                           f"{plural(conv['pitched'], 'pitch', 'pitches')}, no invitation")
        shown = f.talks[-TALKS_LISTED:]
        if len(f.talks) > len(shown):
            earlier = f.talks[:-TALKS_LISTED]
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

    def caveats(self) -> list[str]:
        f, d = self.f, self.d
        lines = []
        if d.verdict == "worth-it" and d.windfall and f.biggest_payment:
            day, amount = f.biggest_payment
            lines.append(f"do not count on it paying: one payment of {self.money(amount)} "
                         f"({day}) is what makes it pay")
        paid = f.paid
        if f.payments >= 2 and f.payers and paid > 0:
            top = f.payers[0]
            share = top["money"] / paid
            if share >= ONE_CONNECTOR and d.pays:
                who = self.names(top["id"])
                much = "all the money" if share >= 0.999 else \
                    f"{round(100 * share)}% of the money"
                lines.append(f"{much} came through {who}: a network that pays through "
                             f"one connector is one goodbye from not paying")
        return lines

    def left_words(self, first: str, headline: str) -> tuple[str, str, str]:
        left = self.d.left_on
        assert left is not None
        if self.d.cause == "left-before":
            return first, headline, self.verdict_words()[2]
        when = month_name(month_of(left))
        while_there = {
            "worth-it": "it was worth it while you were there",
            "leave": "it gave nothing back while you were there: leaving was right",
            "out-of-balance": "it gave back less than you put in while you were there",
            "ask": "no fun was recorded while you were there, so kith cannot say whether "
                   "it was worth it",
            "not-enough-records": "too little was recorded while you were there to judge it",
            "too-early": "you left before its returns could show",
            "dormant": "it had gone quiet before you left",
        }[self.d.verdict]
        return (f"you left in {when}: {while_there}", f"left {when}: {headline}",
                f"nothing to do: you left {self.name} in {when} ({while_there})")


def explain(network: Network, window: Window, figures: NetworkFigures, decision: Decision,
            rules: dict[str, Any], currency: str = "EUR",
            sources: dict[str, tuple[Any, str]] | None = None,
            names: Callable[[str], str] | None = None) -> dict[str, Any]:
    """``reasons`` (the verdict's first), ``headline``, ``next_step``, ``caveats`` (extra
    lines beside the step, not among the reasons) and the trend of one assessment.
    ``names`` turns a person id into a name."""
    words = Words(network, window, figures, decision, rules, currency, sources,
                  names or (lambda ident: ident))
    first, headline, step = words.verdict_words()
    reasons = []
    if decision.left_on is not None:
        left_first, headline, step = words.left_words(first, headline)
        if left_first != first:
            reasons.append(left_first)
    reasons.append(first)
    since = f" (since {month_name(figures.first_month)})" if figures.first_month else ""
    active = figures.rhythm.active_months
    rhythm = f", active in {plural(active, 'month')}" \
        if figures.first_month and active < figures.months_on_record else ""
    reasons.append(f"basis: {plural(figures.interactions, 'interaction')} over "
                   f"{plural(figures.months_on_record, 'month')} on record{since}{rhythm}")
    reasons.extend(words.value_reasons())
    if decision.cause not in ("before-joining", "young") or figures.interactions:
        reasons.extend(words.fun_reasons())
    reasons.extend(words.favour_reasons())
    reasons.extend(words.conversation_reasons())
    reasons.extend(words.forward_reasons())
    trend_word, trend_reason = trend_of(figures.series, float(rules["trend_change"]))
    reasons.append(f"trend: {trend_reason}")
    caveats = words.caveats()
    return {"reasons": reasons, "headline": headline, "next_step": step,
            "trend": trend_word, "caveats": caveats}

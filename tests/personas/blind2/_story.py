"""Helpers to write a persona's story as kith command lines.

A story is a list of argument lists for the real ``kith`` command line (no record is built
by hand), so a persona is exactly what a user would have typed. Two conventions let a story
use what kith printed: a command whose first element is ``"#as:LABEL"`` is run with
``--json`` added and the ``id`` it prints is kept as LABEL; any later argument written
``"{LABEL}"`` is replaced by that id (``kith intro outcome {LABEL} ...``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TypedDict

KNOWN_KINDS = frozenset({
    "help", "introduction", "referral", "client", "advice", "message", "conversation",
    "event", "meeting", "service", "volunteering", "donation", "talk", "workshop", "dues",
    "post", "like", "reply", "other",
})
"""Kinds kith knew when the stories were written; any other kind is logged with --new-kind."""


class Expectation(TypedDict):
    """What a reader of the two posts expects kith to say about one network in one window."""

    network: str
    window: str
    acceptable: tuple[str, ...]
    best: str
    why: str
    must: tuple[str, ...]
    must_not: tuple[str, ...]


def expect(network: str, window: str, best: str, *also: str, why: str,
           must: tuple[str, ...] = (), must_not: tuple[str, ...] = ()) -> Expectation:
    """One expectation: ``best`` is the verdict a reader would give, ``also`` others they accept.

    ``must``/``must_not`` are words (lower case) the advice, next step and headline must or
    must not contain.
    """
    return Expectation(network=network, window=window, acceptable=(best, *also), best=best,
                       why=why, must=must, must_not=must_not)


def day(text: str) -> date:
    return date.fromisoformat(text)


def months(start: str, end: str, *, step: int = 1, on: int | None = None) -> list[str]:
    """ISO dates every ``step`` months from ``start`` to ``end`` (inclusive), on day ``on``."""
    first, last = day(start), day(end)
    dom = on or first.day
    out: list[str] = []
    year, month = first.year, first.month
    while True:
        candidate = date(year, month, min(dom, 28))
        if candidate > last:
            return out
        if candidate >= first:
            out.append(candidate.isoformat())
        month += step
        while month > 12:
            month -= 12
            year += 1


def every(start: str, end: str, *, days: int) -> list[str]:
    """ISO dates every ``days`` days from ``start`` to ``end`` (inclusive)."""
    current, last = day(start), day(end)
    out: list[str] = []
    while current <= last:
        out.append(current.isoformat())
        current += timedelta(days=days)
    return out


def plus(text: str, days: int) -> str:
    return (day(text) + timedelta(days=days)).isoformat()


class Story:
    """Collects the command lines of one persona, in the order they are typed."""

    def __init__(self) -> None:
        self.commands: list[list[str]] = [["init", "--currency", "EUR"]]

    def network(self, ident: str, name: str, kind: str, joined: str | None = None,
                note: str | None = None) -> None:
        args = ["network", "add", name, "--kind", kind, "--id", ident]
        if joined:
            args += ["--joined", joined]
        if note:
            args += ["--note", note]
        self.commands.append(args)

    def left(self, ident: str, on: str) -> None:
        self.commands.append(["network", "edit", ident, "--left", on])

    def person(self, name: str, *networks: str, tags: tuple[str, ...] = (),
               note: str | None = None) -> None:
        args = ["person", "add", name]
        for network in networks:
            args += ["--network", network]
        for tag in tags:
            args += ["--tag", tag]
        if note:
            args += ["--note", note]
        self.commands.append(args)

    def log(self, network: str, who: str | list[str], direction: str, kind: str, on: str, *,
            minutes: int | None = None, money: int | None = None, fun: int | None = None,
            favours: int | None = None, invited: bool = False, pitched: bool = False,
            note: str | None = None) -> None:
        args = ["log", network]
        for person in [who] if isinstance(who, str) else who:
            args += ["--with", person]
        args += [f"--{direction}", "--kind", kind]
        if kind not in KNOWN_KINDS:
            args.append("--new-kind")
        if minutes is not None:
            args += ["--minutes", str(minutes)]
        if money is not None:
            args += ["--money", str(money)]
        if fun is not None:
            args += ["--fun", str(fun)]
        if favours is not None:
            args += ["--favours", str(favours)]
        if invited:
            args.append("--invited")
        if pitched:
            args.append("--pitched")
        if note:
            args += ["--note", note]
        args += ["--on", on]
        self.commands.append(args)

    def hear(self, who: str, on: str, network: str, *, need: str | None = None,
             offer: str | None = None) -> None:
        args = ["hear", who, "--network", network, "--on", on]
        if need:
            args += ["--need", need]
        if offer:
            args += ["--offer", offer]
        self.commands.append(args)

    def intro(self, first: str, second: str, network: str, on: str, note: str,
              label: str | None = None) -> None:
        args = ["intro", "make", first, second, "--network", network, "--on", on,
                "--note", note]
        self.commands.append([f"#as:{label}", *args] if label else args)

    def outcome(self, label: str, led_to: str, *, for_me: bool = False,
                money: int | None = None) -> None:
        args = ["intro", "outcome", "{" + label + "}", "--led-to", led_to]
        if for_me:
            args.append("--for-me")
        if money is not None:
            args += ["--money", str(money)]
        self.commands.append(args)

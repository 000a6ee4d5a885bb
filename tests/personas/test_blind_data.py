"""The blind personas are well-formed data (not a measure of kith's verdicts).

How well kith agrees with them is measured by ``bench/persona_agreement.py``; this only
checks that every expectation names a window and a network the story has, uses the
readers' vocabulary, and that every dated command falls inside the story.
"""

from __future__ import annotations

from types import ModuleType

import pytest

from tests.personas.blind import load_all

VERDICTS = {"worth-it", "out-of-balance", "leave", "too-early", "not-enough-records", "ask",
            "dormant"}
PERSONAS = load_all()


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_persona_is_well_formed(persona: ModuleType) -> None:
    networks = {args[args.index("--id") + 1] for args in persona.STORY
                if args[:2] == ["network", "add"]}
    assert 3 <= len(networks) <= 6
    for exp in persona.EXPECT:
        assert exp["window"] in persona.WINDOWS
        assert exp["network"] in networks
        assert exp["best"] in exp["acceptable"]
        assert set(exp["acceptable"]) <= VERDICTS
        assert exp["why"]
    for network in networks:
        assert len({e["window"] for e in persona.EXPECT if e["network"] == network}) >= 2
    for args in persona.STORY:
        if "--on" in args:
            assert persona.START <= args[args.index("--on") + 1] <= persona.END, args
    for since, until in persona.WINDOWS.values():
        assert persona.START <= since <= until <= persona.END


def test_enough_network_windows() -> None:
    assert sum(len(p.EXPECT) for p in PERSONAS) >= 70

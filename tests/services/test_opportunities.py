"""Use cases for needs and offers (``kith.services.opportunities``) on a store on disk."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from kith.persistence.store import Store
from kith.services.opportunities import (
    Hearing,
    OpportunityChanges,
    edit_opportunity,
    hear,
    set_status,
)


def test_hear_defaults_the_network_to_the_persons_only_one(crew: Store) -> None:
    heard = hear(crew, Hearing("Ann Lee", "need", " a designer ", tags=("Design",),
                               heard_at=" the wall ",
                               when=datetime(2026, 5, 1, 18, tzinfo=UTC)))
    assert Store(crew.home).opportunities() == [heard]
    assert (heard.person, heard.type, heard.text, heard.tags, heard.network, heard.heard_at,
            heard.status) == (crew.find_person("Ann Lee").id, "need", "a designer",
                              ("design",), "climbing-crew", "the wall", "open")
    other = hear(crew, Hearing("Bea Ruiz", "offer", "a spare room", network="Climbing crew"))
    assert other.network == "climbing-crew" and other.when.tzinfo is not None


@pytest.mark.parametrize(("hearing", "field", "words"), [
    (Hearing("", "need", "x"), "person", "who needs or offers it"),
    (Hearing("Nobody", "need", "x"), "person", "no person"),
    (Hearing("Ann Lee", "want", "x"), "type", "need or an offer"),
    (Hearing("Ann Lee", "offer", "  "), "text", "what is the offer"),
    (Hearing("Ann Lee", "need", "x", network="Nowhere"), "network", "no network"),
    (Hearing("Ann Lee", "need", "x" * 20_000), "text", "at most"),
])
def test_hear_refusals_write_nothing(crew: Store, refused: Any, hearing: Hearing, field: str,
                                     words: str) -> None:
    with refused(field, words):
        hear(crew, hearing)


def test_close_reopen_and_edit_an_opportunity(crew: Store, refused: Any) -> None:
    heard = hear(crew, Hearing("Tom Lee", "offer", "a van", tags=("move",)))
    assert set_status(crew, heard.id[:8], "closed").status == "closed"
    assert set_status(crew, heard.id, "open").status == "open"
    edited = edit_opportunity(crew, heard.id, OpportunityChanges(
        text="a van on weekends", add_tags=("Weekend",), remove_tags=("MOVE",),
        network="Choir"))
    assert Store(crew.home).get_opportunity(heard.id) == edited
    assert (edited.text, edited.tags, edited.network) == ("a van on weekends", ("weekend",),
                                                          "choir")
    with refused("status", "status must be one of"):
        set_status(crew, heard.id, "lost")
    with refused("network", "no network"):
        edit_opportunity(crew, heard.id, OpportunityChanges(network="Nowhere"))
    with refused("text", "needs a text"):
        edit_opportunity(crew, heard.id, OpportunityChanges(text=" "))
    with refused(None, "no opportunity"):
        set_status(crew, "zzzzzzzz", "closed")

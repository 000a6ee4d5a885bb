"""Use cases for networks (``kith.services.networks``), called directly on a store on disk."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kith.persistence.store import Store
from kith.services.networks import NetworkChanges, NetworkDetails, add_network, edit_network
from tests.services.conftest import KINDS


def test_add_network_with_a_slug_id_dates_and_notes(crew: Store) -> None:
    chess = add_network(crew, NetworkDetails(" Chess club ", kind="friends",
                                             joined=date(2024, 1, 10), notes=" Tuesdays "),
                        kinds=KINDS)
    assert Store(crew.home).get_network("chess-club") == chess
    assert (chess.name, chess.kind, chess.joined, chess.notes) == (
        "Chess club", "friends", date(2024, 1, 10), "Tuesdays")
    own = add_network(crew, NetworkDetails("Chess club", id="chess2"), kinds=KINDS)
    assert own.id == "chess2" and own.kind == "other"


@pytest.mark.parametrize(("details", "field", "words"), [
    (NetworkDetails(""), "name", "needs a name"),
    (NetworkDetails("Chess", kind="sect"), "kind", "unknown network kind 'sect'"),
    (NetworkDetails("Chess", joined=date(2024, 5, 1), left=date(2024, 1, 1)), "left",
     "cannot be left"),
    (NetworkDetails("Choir"), "name", "already exists"),
    (NetworkDetails("Chess", id="Not A Slug"), "name", "slug"),
])
def test_add_network_refusals_write_nothing(crew: Store, refused: Any,
                                            details: NetworkDetails, field: str,
                                            words: str) -> None:
    with refused(field, words):
        add_network(crew, details, kinds=KINDS)


def test_edit_network_changes_only_what_is_given_and_keeps_the_id(crew: Store) -> None:
    edit_network(crew, "Choir", NetworkChanges(joined=date(2019, 9, 1), notes="altos"),
                 kinds=KINDS)
    renamed = edit_network(crew, "choir", NetworkChanges(name="Town choir",
                                                         left=date(2025, 6, 30)), kinds=KINDS)
    assert Store(crew.home).get_network("choir") == renamed
    assert (renamed.id, renamed.name, renamed.kind, renamed.joined, renamed.left,
            renamed.notes) == ("choir", "Town choir", "association", date(2019, 9, 1),
                               date(2025, 6, 30), "altos")
    cleared = edit_network(crew, "choir", NetworkChanges(left=None), kinds=KINDS)
    assert cleared.left is None and cleared.joined == date(2019, 9, 1)


@pytest.mark.parametrize(("ref", "changes", "field", "words"), [
    ("Nowhere", NetworkChanges(name="X"), "network", "no network 'Nowhere'"),
    ("Choir", NetworkChanges(name=" "), "name", "needs a name"),
    ("Choir", NetworkChanges(kind="sect"), "kind", "unknown network kind"),
    ("Choir", NetworkChanges(joined=date(2024, 5, 1), left=date(2024, 1, 1)), "left",
     "cannot be left"),
])
def test_edit_network_refusals_write_nothing(crew: Store, refused: Any, ref: str,
                                             changes: NetworkChanges, field: str,
                                             words: str) -> None:
    with refused(field, words):
        edit_network(crew, ref, changes, kinds=KINDS)

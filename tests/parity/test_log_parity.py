"""``kith log`` and the TUI's log form are one use case (``log_interaction``): the same
input leaves the same database, and bad input the same refusal and no change at all.

The TUI has no face for editing or deleting an interaction (``kith interaction edit`` and
``delete`` are CLI only), so those use cases have no parity test here; their own tests are
in ``tests/services``.
"""

from __future__ import annotations

from typing import Any

import pytest

from kith.persistence.store import Store
from kith.tui.log_form import LogScreen
from tests.conftest import snapshot_db
from tests.parity.conftest import (
    Twins,
    assert_same_databases,
    assert_unchanged,
    cli_refusal,
    cli_run,
    same_refusal,
    tui_form,
    tui_keys,
)


def tui_log(twins: Twins, **fields: Any) -> str | None:
    """Fill the log form on the TUI's database and save: None, or the refusal."""
    return tui_form(twins.tui_home, tui_keys("l"), LogScreen, fields, error_id="log-error")


def test_a_misspelt_kind_is_refused_alike_and_nothing_is_written(twins: Twins) -> None:
    before = snapshot_db(twins.cli_home)
    cli = cli_refusal(twins.cli_home, "log", "LinkedIn", "--with", "Nils Adeyemi",
                              "--gave", "--kind", "voluntering", "--on", "2026-06-14")
    tui = tui_log(twins, network="LinkedIn", people="Nils Adeyemi", direction="gave",
                  kind="voluntering", on="2026-06-14")
    assert "did you mean volunteering?" in cli
    assert same_refusal(cli, tui)
    assert_unchanged(twins, before)
    assert not [i for i in Store(twins.tui_home).interactions() if i.kind == "voluntering"]


def test_a_logged_interaction_is_stored_alike(twins: Twins) -> None:
    result = cli_run(twins.cli_home, "log", "LinkedIn", "--with", "Nils Adeyemi",
                     "--received", "--kind", "referral", "--money", "250", "--minutes", "20",
                     "--fun", "2", "--note", "sent a client my way", "--on",
                     "2026-06-14 10:30", "--invited")
    assert result.exit_code == 0, result.stderr
    assert tui_log(twins, network="LinkedIn", people="Nils Adeyemi", direction="received",
                   kind="referral", money="250", minutes="20", fun="2",
                   note="sent a client my way", on="2026-06-14 10:30",
                   initiative="invited") is None
    assert_same_databases(twins)
    [stored] = [i for i in Store(twins.tui_home).interactions()
                if i.note == "sent a client my way"]
    assert (stored.value.money, stored.initiative) == (25000, "invited")


def test_a_missing_value_is_estimated_alike(twins: Twins) -> None:
    """No numbers: both faces store kith's estimate for the kind, marked estimated."""
    assert cli_run(twins.cli_home, "log", "Design Guild", "--with", "Ana Okafor", "--gave",
                   "--kind", "advice", "--on", "2026-06-13").exit_code == 0
    assert tui_log(twins, network="Design Guild", people="Ana Okafor", direction="gave",
                   kind="advice", on="2026-06-13") is None
    assert_same_databases(twins)
    [stored] = [i for i in Store(twins.tui_home).interactions(kind="advice")
                if i.when.date().isoformat() == "2026-06-13"]
    assert stored.meta.get("estimated") is True and not stored.value.is_empty


@pytest.mark.parametrize(("cli_args", "fields", "words"), [
    (["--money", "12.345"], {"money": "12.345"}, "decimals"),
    (["--money", "lots"], {"money": "lots"}, "money"),
    (["--minutes", "-5"], {"minutes": "-5"}, "cannot be negative"),
    (["--on", "someday"], {"on": "someday"}, "iso date"),
])
def test_a_bad_value_is_refused_alike(twins: Twins, cli_args: list[str],
                                      fields: dict[str, str], words: str) -> None:
    before = snapshot_db(twins.cli_home)
    cli = cli_refusal(twins.cli_home, "log", "LinkedIn", "--with", "Nils Adeyemi",
                              "--gave", *cli_args)
    tui = tui_log(twins, network="LinkedIn", people="Nils Adeyemi", direction="gave",
                  **fields)
    assert words in cli.lower()
    assert same_refusal(cli, tui)
    assert_unchanged(twins, before)


@pytest.mark.parametrize(("network", "person", "words"), [
    ("Nowhere", "Nils Adeyemi", "no network"),
    ("LinkedIn", "Nobody Atall", "no person"),
    ("LinkedIn", "me", "not with yourself"),
])
def test_an_unknown_network_or_person_is_refused_alike(twins: Twins, network: str,
                                                       person: str, words: str) -> None:
    before = snapshot_db(twins.cli_home)
    cli = cli_refusal(twins.cli_home, "log", network, "--with", person, "--gave")
    tui = tui_log(twins, network=network, people=person, direction="gave")
    assert words in cli
    assert same_refusal(cli, tui)
    assert_unchanged(twins, before)


def test_the_comparison_sees_a_difference(twins: Twins) -> None:
    """The harness is not blind: one face writing something else is caught."""
    assert cli_run(twins.cli_home, "log", "LinkedIn", "--with", "Nils Adeyemi", "--gave",
                   "--note", "only here", "--on", "2026-06-14").exit_code == 0
    assert tui_log(twins, network="LinkedIn", people="Nils Adeyemi", direction="gave",
                   note="only there", on="2026-06-14") is None
    with pytest.raises(AssertionError):
        assert_same_databases(twins)

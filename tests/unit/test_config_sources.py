"""kith writes only ``[sources.NAME]`` and ``[inbox_rules.NAME]`` into the user's
configuration file: any text value round-trips, the user's own lines stay."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.core.config import load_config, remove_table, write_table
from kith.core.errors import KithError

USERS_OWN = '# mine\n[kith]\ncurrency = "CHF"  # a comment\n\n[keep_in_touch]\ndefault_days = 40\n'
names = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,12}", fullmatch=True)
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=60, deadline=None)
@given(name=names, path=texts, me=st.lists(texts, max_size=3), days=st.integers(0, 999))
def test_any_value_round_trips_and_the_users_lines_stay(tmp_path_factory: pytest.TempPathFactory,
                                                        name: str, path: str, me: list[str],
                                                        days: int) -> None:
    file = tmp_path_factory.mktemp("config") / "config.toml"
    file.write_text(USERS_OWN)
    values = {"kind": "maildir", "path": path, "me": me, "since_days": days,
              "publish": True}
    write_table("sources", name, values, file)
    assert load_config(file)["sources"][name] == values
    assert load_config(file)["kith"]["currency"] == "CHF"
    with pytest.raises(KithError, match="exists already"):
        write_table("sources", name, values, file)
    assert remove_table("sources", name, file)
    assert file.read_text().rstrip("\n") == USERS_OWN.rstrip("\n")
    assert not remove_table("sources", name, file)
    assert tomllib.loads(file.read_text())["keep_in_touch"] == {"default_days": 40}


def test_a_missing_file_is_created(tmp_path: Path) -> None:
    file = tmp_path / "new" / "config.toml"
    write_table("inbox_rules", "sunday", {"calendar": "Church", "network": "st-marys"}, file)
    assert load_config(file)["inbox_rules"] == {"sunday": {"calendar": "Church",
                                                           "network": "st-marys"}}

"""Shell completion (issue 30): people, networks and kinds from the database, through
click's real completion protocol in a real process, without Textual or the store."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

CHILD = """
import sys
from kith.cli.main import main
try:
    main()
except SystemExit:
    pass
heavy = [m for m in ("textual", "tinydb", "kith.persistence.store") if m in sys.modules]
print("HEAVY", heavy, file=sys.stderr)
"""


def complete(home: Path, words: str, *, shell: str = "bash") -> tuple[list[str], str]:
    """What Tab offers after ``words`` (the last word is being completed)."""
    parts = words.split(" ")
    env = {**os.environ, "KITH_HOME": str(home), "_KITH_COMPLETE": f"{shell}_complete",
           "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    done = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return [line.split(",", 1)[1] for line in done.stdout.splitlines()
            if line.startswith("plain,")], done.stderr


@pytest.fixture
def database(ok: Callable[..., Any], kith_home: Path) -> Path:
    ok("network", "add", "St Brigid's", "--kind", "church")
    ok("network", "add", "Guild", "--kind", "association")
    for name in ("Aoife Murphy", "Ann Lee", "Jonas Weber"):
        ok("person", "add", name, "--network", "guild")
    ok("log", "guild", "--with", "Ann", "--gave", "--kind", "mentoring", "--new-kind")
    return kith_home


def test_people_networks_and_kinds_complete_from_the_database(database: Path) -> None:
    offered, stderr = complete(database, "kith log guild --with A")
    assert offered == ["Ann Lee", "Aoife Murphy"]
    assert "HEAVY []" in stderr  # no Textual, no store, no TinyDB on a Tab
    assert complete(database, "kith log st")[0] == ["St Brigid's", "st-brigids"]
    assert complete(database, "kith log guild --kind ment")[0] == ["mention", "mentoring"]
    assert complete(database, "kith history --person mur")[0] == ["Aoife Murphy"]
    assert complete(database, "kith person show J")[0] == ["Jonas Weber"]
    assert "church-calendar" in complete(database, "kith import ch")[0]  # sources


def test_completion_of_a_missing_database_offers_nothing(tmp_path: Path) -> None:
    assert complete(tmp_path / "none", "kith log g")[0] == []


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(ok: Callable[..., Any], shell: str) -> None:
    script = ok("completion", shell).stdout
    assert "_KITH_COMPLETE" in script and f"{shell}_complete" in script

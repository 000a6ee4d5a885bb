"""Output cannot undo a commit (issue 31): on a terminal that cannot encode a name, the
command that wrote it still ends well, so nobody retries and gets two."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kith.persistence.store import Store

ASCII_TERMINALS = {"PYTHONIOENCODING=ascii": {"PYTHONIOENCODING": "ascii"},
                   "LC_ALL=C PYTHONUTF8=0": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}}


def kith(tmp_path: Path, extra: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "db").mkdir(exist_ok=True)  # $KITH_HOME must name a folder that exists
    env = {**os.environ, "KITH_HOME": str(tmp_path / "db"),
           "KITH_CONFIG": str(tmp_path / "config.toml"), **extra}
    return subprocess.run([sys.executable, "-m", "kith", *args], env=env, capture_output=True,
                          text=True, encoding="utf-8", errors="replace")


@pytest.mark.parametrize("terminal", sorted(ASCII_TERMINALS))
def test_a_write_that_cannot_be_printed_still_ends_well(tmp_path: Path, terminal: str) -> None:
    extra = ASCII_TERMINALS[terminal]
    assert kith(tmp_path, extra, "network", "add", "Café Society").returncode == 0
    added = kith(tmp_path, extra, "person", "add", "Zoë Ünal", "--network", "café-society")
    assert added.returncode == 0, added.stderr
    assert "Traceback" not in added.stderr and "Added" in added.stdout
    logged = kith(tmp_path, extra, "log", "café-society", "--with", "Zoë Ünal", "--gave",
                  "--note", "crème brûlée")
    assert logged.returncode == 0 and "Traceback" not in logged.stderr, logged.stderr
    listed = kith(tmp_path, extra, "person", "list")
    assert listed.returncode == 0 and "Traceback" not in listed.stderr
    assert "Zo\\xeb" in listed.stdout  # shown as an escape, not lost, not a crash
    as_json = kith(tmp_path, extra, "person", "list", "--json")
    assert as_json.returncode == 0
    assert [p["name"] for p in json.loads(as_json.stdout)] == ["Me", "Zoë Ünal"]  # valid JSON
    store = Store(tmp_path / "db", create=False)
    assert [p.name for p in store.people()].count("Zoë Ünal") == 1
    assert [i.note for i in store.interactions()] == ["crème brûlée"]


def test_bytes_that_are_not_utf8_are_still_refused(tmp_path: Path) -> None:
    env = {**os.environ, "KITH_HOME": str(tmp_path / "db"),
           "KITH_CONFIG": str(tmp_path / "config.toml"), "LC_ALL": "C", "PYTHONUTF8": "0"}
    done = subprocess.run([sys.executable.encode(), b"-m", b"kith", b"person", b"add",
                           b"Zo\xff"], env=env, capture_output=True)
    assert done.returncode == 2
    assert b"argument 3 is not valid UTF-8" in done.stderr and b"Traceback" not in done.stderr

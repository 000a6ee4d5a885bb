"""``kith demo`` (issue 30): the commands it prints work as printed, and its throwaway
folder is gone when it ends unless the user asked to keep it."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result


def explore_hints(stdout: str) -> list[str]:
    """The command lines under "Explore it:"."""
    lines = stdout.split("Explore it:", 1)[1].splitlines()
    return [line.strip() for line in lines if line.strip()]


@pytest.fixture
def temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_the_throwaway_folder_is_removed_and_the_hints_rebuild_it(
        temp_dir: Path, ok: Callable[..., Result]) -> None:
    text = ok("demo").stdout
    assert list(temp_dir.iterdir()) == []  # nothing left behind
    assert "removed" in text and "--keep" in text
    hints = explore_hints(text)
    folder = temp_dir / "kith-demo"
    assert hints[0] == f"kith demo --db {folder}"
    for hint in hints:
        args = shlex.split(hint)[1:]
        if args[-1] != "tui":
            ok(*args)  # each printed command runs, in order
    assert (folder / "kith.json").exists()


def test_keep_keeps_the_folder_and_names_it(temp_dir: Path, ok: Callable[..., Result],
                                            ok_json: Callable[..., object]) -> None:
    hints = explore_hints(ok("demo", "--keep").stdout)
    kept = [p for p in temp_dir.iterdir() if p.name.startswith("kith-demo-")]
    assert len(kept) == 1 and (kept[0] / "db" / "kith.json").exists()
    assert hints[0] == f"kith --db {kept[0] / 'db'} history --network st-marys --limit 5"
    assert "Ana Okafor" in ok(*shlex.split(hints[1])[1:]).stdout  # person list, kept db
    report = ok_json("demo")
    assert report["kept"] is False and not Path(str(report["db"])).exists()  # type: ignore[index]


def test_a_named_folder_is_kept(tmp_path: Path, ok: Callable[..., Result]) -> None:
    target = tmp_path / "mine"
    hints = explore_hints(ok("demo", "--db", target).stdout)
    assert (target / "kith.json").exists()
    assert hints[0].startswith(f"kith --db {target} history")


def test_printed_commands_name_the_executable_that_ran(tmp_path: Path) -> None:
    """Run as ``make demo`` runs it (``.venv/bin/kith demo``, the venv not on PATH): the
    printed commands start with that path, and work when pasted."""
    kith = Path(sys.executable).parent / "kith"
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep)
                           if Path(p).resolve() != kith.parent.resolve())
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "PATH": path, "TMPDIR": str(temp), "KITH_HOME": str(
        tmp_path / "home"), "KITH_CONFIG": str(tmp_path / "config.toml")}
    shown = subprocess.run([str(kith), "demo"], env=env, capture_output=True, text=True,
                           check=True, timeout=120)
    hints = explore_hints(shown.stdout)
    assert all(hint.startswith(f"{kith} ") for hint in hints), hints
    assert list(temp.iterdir()) == []  # the throwaway folder is gone
    for hint in hints[:2]:
        subprocess.run(shlex.split(hint), env=env, capture_output=True, check=True,
                       timeout=120)

"""A ``kith sync`` killed (SIGKILL) at any point leaves a database that loads, and the next
``kith sync`` completes: both devices then end identical, nothing lost, doctor clean.

The kill points are exact: a stand-in ``git`` on PATH kills the ``kith sync`` process
when it is asked to run the chosen git command (the N-th time), either before running it
or while it runs; timed kills at random moments cover kith's own writes between them.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from kith.persistence.store import Store
from kith.reliability import doctor
from tests.figures import FIGURES
from tests.sync.test_sync import (  # noqa: F401  (pytest fixtures)
    _isolated,
    assert_identical_and_healthy,
    build_pair,
    check_outcome,
    diverge,
)
from tests.synchelp import data_of, kith, records


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, str]]:
    """Once per module: two devices that diverged, B already synced, A about to sync."""
    root = tmp_path_factory.mktemp("template")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KITH_CONFIG", str(root / "config.toml"))
        patch.delenv("KITH_HOME", raising=False)
        patch.setenv("GIT_CONFIG_GLOBAL", str(root / "gitconfig"))
        patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        pair = build_pair(root)
        new = diverge(pair)
        kith(pair["b"], "sync")
    return pair, new


@pytest.fixture
def diverged(template: tuple[dict[str, Any], dict[str, str]],
             tmp_path: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """A private copy of the template (its own remote)."""
    pair, new = template
    copy = dict(pair)
    for key in ("a", "b", "remote"):
        copy[key] = tmp_path / pair[key].name
        shutil.copytree(pair[key], copy[key], symlinks=True)
    for key in ("a", "b"):
        subprocess.run(["git", "-C", str(copy[key]), "remote", "set-url", "origin",
                        str(copy["remote"])], check=True)
    return copy, new

SHIM = """#!{python}
import os, signal, sys
args = sys.argv[1:]
command, skip = None, False
for arg in args:
    if skip:
        skip = False
        continue
    if arg == "-c":
        skip = True
        continue
    if not arg.startswith("-"):
        command = arg
        break
want, nth, mode = os.environ["KITH_TEST_KILL_AT"].split(":")
counter = os.environ["KITH_TEST_KILL_COUNTER"]
if command == want:
    with open(counter, "a") as f:
        f.write("x")
    with open(counter) as f:
        seen = len(f.read())
    if seen == int(nth):
        os.kill(os.getppid(), signal.SIGKILL)
        if mode == "before":
            sys.exit(137)
        hooks = os.environ.get("KITH_TEST_ORPHAN_HOOKS")
        if hooks:  # the git that lives on after kith is killed takes its time
            args = [f"core.hooksPath={{hooks}}" if arg == "core.hooksPath=/dev/null" else arg
                    for arg in args]
os.execv({git!r}, [{git!r}, *args])
"""


def kith_process(db: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "kith", "--db", str(db), "sync"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def loads(db: Path) -> None:
    """The database opens and every interaction reads."""
    store = Store(db, create=False)
    assert list(store.interactions()) is not None
    assert store.people()


def finish(pair: dict[str, Any], new: dict[str, str]) -> None:
    kith(pair["a"], "sync")
    kith(pair["b"], "sync")
    kith(pair["a"], "sync")
    check_outcome(pair, new)
    assert_identical_and_healthy(pair["a"], pair["b"])


POINTS = [("status", 1), ("add", 1), ("commit", 1), ("fetch", 1), ("cat-file", 1),
          ("add", 2), ("write-tree", 1), ("commit-tree", 1), ("update-ref", 1),
          ("update-ref", 2), ("merge-base", 1), ("diff", 1), ("push", 1)]
"""The git steps of a merging sync (``update-ref`` #1: the branch, undo point and synced
mark in one transaction; #2: the refs a push moved)."""


DURING = {("commit", 1), ("fetch", 1), ("add", 2), ("commit-tree", 1), ("push", 1)}
CASES = [(command, nth, "before") for command, nth in POINTS] + [
    (command, nth, "during") for command, nth in POINTS if (command, nth) in DURING]


SLOW_REF_UPDATE = """#!/bin/sh
# git runs this while it holds the locks of the refs it updates
cat >/dev/null
if [ "$1" = prepared ]; then sleep 1.5; fi
exit 0
"""


def kill_at(pair: dict[str, Any], tmp_path: Path, command: str, nth: int, mode: str,
            **extra_env: str) -> None:
    bin_dir = tmp_path / "shim"
    bin_dir.mkdir()
    shim = bin_dir / "git"
    shim.write_text(SHIM.format(python=sys.executable, git=shutil.which("git")))
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "KITH_TEST_KILL_AT": f"{command}:{nth}:{mode}",
           "KITH_TEST_KILL_COUNTER": str(tmp_path / "counter"), **extra_env}
    process = kith_process(pair["a"], env)
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL, f"{command} #{nth} never ran"
    FIGURES["sync kills at a git step survived"] = FIGURES.get(
        "sync kills at a git step survived", 0) + 1
    loads(pair["a"])


@pytest.mark.parametrize(("command", "nth", "mode"), CASES)
def test_kill_at_each_git_step(diverged: tuple[dict[str, Any], dict[str, str]], tmp_path: Path,
                               command: str, nth: int, mode: str) -> None:
    pair, new = diverged
    kill_at(pair, tmp_path, command, nth, mode)
    finish(pair, new)


def test_kill_during_fetch_while_the_orphan_fetch_holds_its_ref(
        diverged: tuple[dict[str, Any], dict[str, str]], tmp_path: Path) -> None:
    """The git a killed sync started lives on, holding ``refs/remotes/origin/main.lock``
    while the next sync runs (what a loaded machine does by chance): the next sync waits
    for it, then merges and pushes; one sync on B then has A's edits."""
    pair, new = diverged
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "reference-transaction").write_text(SLOW_REF_UPDATE)
    (hooks / "reference-transaction").chmod(0o755)
    kill_at(pair, tmp_path, "fetch", 1, "during", KITH_TEST_ORPHAN_HOOKS=str(hooks))
    done = kith(pair["a"], "sync")
    assert "Offline" not in done.stdout and "pushed" in done.stdout, done.stdout
    kith(pair["b"], "sync")
    check_outcome(pair, new)
    assert_identical_and_healthy(pair["a"], pair["b"])


def test_kill_at_random_moments(diverged: tuple[dict[str, Any], dict[str, str]]) -> None:
    """Timed kills land anywhere, including inside kith's own atomic writes."""
    pair, new = diverged
    rng = random.Random(20)
    env = dict(os.environ)
    for _ in range(4):
        process = kith_process(pair["a"], env)
        time.sleep(rng.uniform(0.15, 0.9))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        loads(pair["a"])
        FIGURES["sync kills at random moments survived"] = FIGURES.get(
            "sync kills at random moments survived", 0) + 1
    finish(pair, new)
    assert records(pair["a"], "people") == records(pair["b"], "people")
    assert doctor.check(pair["a"]) == []
    assert data_of(pair["a"]) == data_of(pair["b"])

"""Shell completion (issue 30): driven as bash, zsh and fish drive it (``COMP_WORDS``,
``COMP_CWORD``, ``_KITH_COMPLETE=SHELL_complete``) on a real database, completing people,
networks, kinds and import sources; a missing or damaged database completes nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.cli.completion import _parsed_names, matching, read_names
from kith.cli.main import build_cli
from tests.conftest import snapshot_db


@pytest.fixture
def names(ok: Callable[..., object]) -> None:
    ok("network", "add", "St Mary's", "--kind", "church")
    ok("network", "add", "Climbing club", "--kind", "friends")
    ok("person", "add", "Ann Lee", "--network", "climbing-club")
    ok("person", "add", "Anne Smith")
    ok("person", "add", "Seán Ó Briain", "--network", "st-marys")
    ok("person", "add", "Дмитрий Иванов")
    ok("log", "climbing-club", "--with", "Ann Lee", "--kind", "bouldering", "--new-kind",
       "--shared")


def complete(monkeypatch: pytest.MonkeyPatch, shell: str, line: str) -> str:
    """What kith answers a ``shell`` asking to complete ``line`` (the last word is the one
    being completed; a line ending in a space completes a new word)."""
    words = line.split(" ")
    monkeypatch.setenv("_KITH_COMPLETE", f"{shell}_complete")
    if shell == "fish":  # fish passes the words typed so far, and the incomplete one alone
        monkeypatch.setenv("COMP_WORDS", line)
        monkeypatch.setenv("COMP_CWORD", words[-1])
    else:
        monkeypatch.setenv("COMP_WORDS", line)
        monkeypatch.setenv("COMP_CWORD", str(len(words) - 1))
    result = CliRunner().invoke(build_cli(), [], prog_name="kith")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def bash_values(output: str) -> list[str]:
    lines = [line for line in output.splitlines() if line]
    assert all(line.startswith("plain,") for line in lines), output
    return [line.split(",", 1)[1] for line in lines]


def test_bash_completes_people_with_spaces_and_accents(names: None,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    assert bash_values(complete(monkeypatch, "bash", "kith person show an")) == [
        "Ann Lee", "Anne Smith"]
    assert bash_values(complete(monkeypatch, "bash", "kith log climbing-club --with sean")) \
        == ["Seán Ó Briain"]
    assert bash_values(complete(monkeypatch, "bash", "kith person merge Ann bria")) == [
        "Seán Ó Briain"]  # a later word of the name, accents ignored
    assert bash_values(complete(monkeypatch, "bash", "kith hear дм")) == ["Дмитрий Иванов"]
    assert "Ann Lee" in bash_values(complete(monkeypatch, "bash", "kith intro make A"))
    assert "Me" not in bash_values(complete(monkeypatch, "bash", "kith person edit "))


def test_bash_completes_networks_kinds_and_sources(names: None,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    assert bash_values(complete(monkeypatch, "bash", "kith log ")) == ["st-marys",
                                                                      "climbing-club"]
    assert bash_values(complete(monkeypatch, "bash", "kith history --network cli")) == [
        "climbing-club"]
    assert bash_values(complete(monkeypatch, "bash", "kith log x --kind vol")) == [
        "volunteering"]
    assert bash_values(complete(monkeypatch, "bash", "kith log x --kind bou")) == [
        "bouldering"]  # the user's own kind, from the database
    assert bash_values(complete(monkeypatch, "bash", "kith network add X --kind chu")) == [
        "church"]  # a network's kind, not an interaction's
    sources = bash_values(complete(monkeypatch, "bash", "kith import "))
    assert {"vcard", "church-calendar", "kith-json"} <= set(sources)
    assert "person" in bash_values(complete(monkeypatch, "bash", "kith pe"))
    assert "--with" in bash_values(complete(monkeypatch, "bash", "kith log x --wi"))


def test_a_verb_that_is_optional_completes_people_too(names: None,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    assert bash_values(complete(monkeypatch, "bash", "kith note ann")) == ["Ann Lee",
                                                                          "Anne Smith"]
    assert "list" in bash_values(complete(monkeypatch, "bash", "kith follow-up "))
    assert "Ann Lee" in bash_values(complete(monkeypatch, "bash", "kith follow-up "))


def test_zsh_and_fish_get_values_with_their_descriptions(names: None,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    zsh = complete(monkeypatch, "zsh", "kith log st").splitlines()
    assert zsh == ["plain", "st-marys", "St Mary's"]  # type, value, description
    zsh = complete(monkeypatch, "zsh", "kith person show sé").splitlines()
    assert zsh == ["plain", "Seán Ó Briain", "_"]
    fish = complete(monkeypatch, "fish", "kith log x --with ann").splitlines()
    assert fish == ["plain,Ann Lee", "plain,Anne Smith"]
    fish = complete(monkeypatch, "fish", "kith history --network climbing").splitlines()
    assert fish == ["plain,climbing-club\tClimbing club"]
    assert "plain,dues" in complete(monkeypatch, "fish", "kith log x --kind du").splitlines()


def test_completion_never_writes_and_tolerates_no_database(names: None, kith_home: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    before = snapshot_db(kith_home)
    files = sorted(kith_home.rglob("*"))
    complete(monkeypatch, "bash", "kith person show a")
    assert snapshot_db(kith_home) == before and sorted(kith_home.rglob("*")) == files
    (kith_home / "kith.json").write_bytes(b'{"people": {"x": {"id": "x", "name": "Ann')
    assert complete(monkeypatch, "bash", "kith person show a").strip() == ""
    assert "volunteering" in complete(monkeypatch, "bash", "kith log x --kind vol")
    monkeypatch.setenv("KITH_HOME", str(kith_home / "missing"))
    assert complete(monkeypatch, "bash", "kith log ").strip() == ""
    assert not (kith_home / "missing").exists()


def test_the_fast_scan_reads_what_a_full_parse_reads(names: None, kith_home: Path) -> None:
    data = (kith_home / "kith.json").read_bytes()
    scanned = read_names(kith_home)
    assert scanned == _parsed_names(data)
    assert "Seán Ó Briain" in scanned.people and "bouldering" in scanned.kinds
    # a file written in another key order (by hand, another tool) is parsed in full
    parsed = orjson.loads(data)
    parsed["people"] = {k: dict(reversed(v.items())) for k, v in parsed["people"].items()}
    (kith_home / "kith.json").write_bytes(orjson.dumps(parsed))
    assert read_names(kith_home) == scanned


def test_completion_command_prints_each_shells_script(ok: Callable[..., object],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    bash = ok("completion", "bash").stdout  # type: ignore[attr-defined]
    assert "_KITH_COMPLETE=bash_complete" in bash and "printf -v value '%q'" in bash
    monkeypatch.setenv("_KITH_COMPLETE", "bash_source")  # click's own way prints the same
    assert CliRunner().invoke(build_cli(), [], prog_name="kith").stdout == bash
    monkeypatch.delenv("_KITH_COMPLETE")
    assert "compdef _kith_completion kith" in ok("completion", "zsh").stdout  # type: ignore[attr-defined]
    assert "complete --no-files --command kith" in ok(  # type: ignore[attr-defined]
        "completion", "fish").stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_real_bash_quotes_a_name_with_spaces(names: None, kith_home: Path) -> None:
    """The script as a user sources it, run by bash itself: one Tab, one quoted word.
    (Bash hands the words over as typed: ``Ann\\ L`` after a Tab that completed ``Ann``.)"""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("_KITH_COMPLETE", None)
    script = ('eval "$(kith completion bash)"; COMP_WORDS=(kith person show "Ann\\\\ L"); '
              'COMP_CWORD=3; _kith_completion kith; printf "%s\\n" "${COMPREPLY[@]}"')
    shown = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True,
                           check=True, timeout=60)
    assert shown.stdout.splitlines() == ["Ann\\ Lee"], shown.stderr


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abzABZéÉöØßñ İ-'", min_size=1, max_size=20).filter(str.strip),
       st.integers(min_value=0, max_value=20))
def test_every_prefix_of_a_name_completes_it(name: str, cut: int) -> None:
    """Whatever the user has typed of a name, in any case, it is offered."""
    for typed in (name[:cut], name[:cut].upper(), name[:cut].lower()):
        assert name in [item.value for item in matching([(name, None)], typed)], typed

"""Shell completion (issue 30): driven as bash, zsh and fish drive it (``COMP_WORDS``,
``COMP_CWORD``, ``_KITH_COMPLETE=SHELL_complete``) on a real database, completing people,
networks, kinds and import sources; a missing or damaged database completes nothing.
Live sources (from the configuration file): ``test_completion_sources.py``."""

from __future__ import annotations

import ast
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from click.shell_completion import split_arg_string
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.cli.completion import _parsed_names, matching, read_names
from kith.cli.completion_tree import TREE
from kith.cli.fastcomplete import answer, database_folder, parse
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
    # in the file's order, and data files keep records sorted by id (one per line)
    assert sorted(bash_values(complete(monkeypatch, "bash", "kith log "))) == [
        "climbing-club", "st-marys"]
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


# the fast path (kith.cli.fastcomplete): the same bytes as click, before click loads ------

ODD_NAMES = ["O'Brien Kate", 'Jo "JJ" Jones', "Back\\slash Bea", "Zoë: the elder",
             "Ann  Double", "王芳"]


@pytest.fixture
def odd_names(names: None, ok: Callable[..., object], kith_home: Path) -> None:
    """``names``, people whose names hold quotes, backslashes, colons and other scripts,
    a network whose name has a colon, and (written by hand, as another tool might) names
    with control characters, which no shell can be handed."""
    for name in ODD_NAMES:
        ok("person", "add", name, "--network", "climbing-club")
    ok("network", "add", "Club: Chess", "--kind", "friends")
    path = kith_home / "kith.json"
    data = path.read_bytes()
    assert b'"name":"Anne Smith"' in data
    path.write_bytes(data.replace(b'"name":"Anne Smith"', b'"name":"Anne\\u0007Bell"', 1))


def environment(shell: str, line: str) -> dict[str, str]:
    """The variables ``shell``'s script sets to ask for the completion of ``line`` (its
    words as the shell splits them; a line ending in a space completes a new word)."""
    words = split_arg_string(line) + ([""] if line.endswith(" ") else [])
    # fish hands the incomplete word over alone, quoted as typed
    cword = shlex.quote(words[-1]) if shell == "fish" and words[-1] else (
        "" if shell == "fish" else str(len(words) - 1))
    return {"_KITH_COMPLETE": f"{shell}_complete", "COMP_WORDS": line, "COMP_CWORD": cword}


def slow(monkeypatch: pytest.MonkeyPatch, shell: str, line: str) -> bytes:
    """What click answers (the command tree built, as before the fast path)."""
    for name, value in environment(shell, line).items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(build_cli(), [], prog_name="kith")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout_bytes


def fast(shell: str, line: str) -> bytes | None:
    return answer({**os.environ, **environment(shell, line)})


FAST_LINES = [
    "kith person show ", "kith person show an", "kith person show 'O'\\''Br",
    "kith person show \"Jo \\\"J", "kith person show Back\\\\s", "kith person show zo",
    "kith person show 王", "kith person show Ann\\ L", "kith person edit ",
    "kith person merge Ann ", "kith person relate 'Ann Lee' se", "kith intro make A",
    "kith hear дм", "kith log ", "kith log st", "kith log cl", "kith log climbing-club --with ",
    "kith log climbing-club --with o", "kith log x --shared --with an",
    "kith log x --note --with ", "kith history --network cli", "kith history --network ",
    "kith person show --json an", "kith -h person show a",
]
SLOW_LINES = [
    "kith pe", "kith person sh", "kith person show -", "kith person show --j",
    "kith log x --kind ", "kith log x --kind vol", "kith network add X --kind chu",
    "kith note an", "kith follow-up ", "kith import ", "kith export vcard --network ",
    "kith log climbing-club --with=an", "kith person show Ann Bob ", "kith log x --note ",
    "kith frob --with ", "kith person show -hv a", "kith --json=1 log ",
    "kith log x -- --with",  # after the one argument: click lists options, even after --
]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("line", FAST_LINES)
def test_the_fast_path_answers_what_click_answers(odd_names: None, shell: str, line: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    answered = fast(shell, line)
    assert answered is not None, "the fast path should answer this one itself"
    assert answered == slow(monkeypatch, shell, line)


@pytest.mark.parametrize("line", SLOW_LINES)
def test_the_fast_path_leaves_everything_else_to_click(odd_names: None, line: str) -> None:
    """Names of commands and options, kinds, files, plugins' words: click's, untouched."""
    for shell in ("bash", "zsh", "fish"):
        assert fast(shell, line) is None


def test_the_fast_path_offers_odd_names_as_click_does(odd_names: None) -> None:
    assert bash_values((fast("bash", "kith person show o\\'b") or b"").decode()) == [
        "O'Brien Kate"]
    assert bash_values((fast("bash", "kith person show jo") or b"").decode()) == [
        'Jo "JJ" Jones']
    people = bash_values((fast("bash", "kith person show ") or b"").decode())
    assert "Zoë: the elder" in people and "王芳" in people and "Back\\slash Bea" in people
    assert not any("Bell" in name for name in people)  # a control character: not offered
    zsh = (fast("zsh", "kith log club-") or b"").decode().splitlines()
    assert zsh == ["plain", "club-chess", "Club: Chess"]  # no colon escaped: none in the id
    assert (fast("zsh", "kith person show zo") or b"").decode().splitlines() == [
        "plain", "Zoë: the elder", "_"]


def test_the_fast_path_follows_db_and_kith_home(odd_names: None, kith_home: Path,
                                              tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KITH_HOME", str(tmp_path / "elsewhere"))
    assert fast("bash", "kith person show an") == b"\n"
    for line in (f"kith --db {kith_home} person show an",
                 f"kith --db={kith_home} person show an"):
        assert fast("bash", line) == slow(monkeypatch, "bash", line)
        assert bash_values((fast("bash", line) or b"").decode()) == ["Ann  Double",
                                                                    "Ann Lee"]


@pytest.mark.parametrize("damage", [b"", b'{"people": {"x": {"id": "x", "name": "Ann',
                                    b"\xff\xfe{}", b"[1, 2]", b'{"people": 3}',
                                    b'{"people": {"x": {"id": "x", "name": "Ann", '
                                    b'"aliases": []}}}'[:-1] + b"}"])
def test_a_damaged_database_completes_nothing_without_a_traceback(
        names: None, kith_home: Path, damage: bytes) -> None:
    (kith_home / "kith.json").write_bytes(damage)
    for line in ("kith person show a", "kith log ", "kith log x --with "):
        answered = fast("bash", line)
        assert answered is not None and answered.strip() in (b"", b"plain,Ann")


def test_a_real_kith_process_answers_on_the_fast_path(names: None, kith_home: Path) -> None:
    """The installed ``kith`` script, as a shell runs it: the answer, never click."""
    kith = Path(sys.executable).parent / "kith"
    probe = ("import sys, runpy\nsys.argv = ['kith']\ntry:\n"
             f"    runpy.run_path({str(kith)!r}, run_name='__main__')\nfinally:\n"
             "    print('click' in sys.modules, file=sys.stderr)\n")
    env = {**os.environ, **environment("bash", "kith person show an")}
    shown = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                           timeout=60, check=True)
    assert shown.stdout == b"plain,Ann Lee\nplain,Anne Smith\n"
    assert shown.stderr.strip() == b"False"  # click was never imported
    (kith_home / "kith.json").write_bytes(b"\x00garbage")
    shown = subprocess.run([str(kith)], env=env, capture_output=True, timeout=60)
    assert (shown.returncode, shown.stdout, shown.stderr) == (0, b"\n", b"")
    env["KITH_HOME"] = str(kith_home / "missing")
    shown = subprocess.run([str(kith)], env=env, capture_output=True, timeout=60)
    assert (shown.returncode, shown.stdout, shown.stderr) == (0, b"\n", b"")
    assert not (kith_home / "missing").exists()


def test_the_fast_paths_tree_is_the_command_tree() -> None:
    """``completion_tree.TREE`` is generated; a changed command must regenerate it."""
    # in a fresh process: commands are module-level objects, which earlier tests' plugins
    # have extended (``kith export vcard``)
    fresh = subprocess.run([sys.executable, "-c", "from kith.cli.completion import core_tree; "
                            "print(repr(core_tree()))"], capture_output=True, text=True,
                           check=True, timeout=120).stdout
    assert ast.literal_eval(fresh) == TREE, (
        'regenerate it: python -c "from kith.cli.completion import write_tree; write_tree()"')
    from kith.persistence.store.layout import default_home

    home = os.environ.pop("KITH_HOME", None)
    try:
        parsed = parse(["person", "show"])
        assert database_folder(parsed, os.environ) == str(default_home())
    finally:
        if home is not None:
            os.environ["KITH_HOME"] = home


WORDS = ["person", "show", "merge", "log", "history", "intro", "make", "hear", "x", "an",
         "--with", "--network", "--json", "--kind", "--shared", "--note", "--db", "-h",
         "--", "-", "=", "--with=", "'Ann L", "Ann\\ Lee", "sé", "кто", "note", "list",
         "phone", "ch", "--two-way"]


@pytest.fixture(scope="module")
def shared_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with people and networks, and a configuration file with live sources,
    that outlive one example (hypothesis)."""
    home = tmp_path_factory.mktemp("completion") / "db"
    home.mkdir()
    (home.parent / "c").write_text('[sources.phone]\nkind = "carddav"\n[sources."chú: 1"]\n'
                                   'kind = "imap"\n', encoding="utf-8")
    runner = CliRunner(env={"KITH_HOME": str(home), "KITH_CONFIG": str(home.parent / "c")})
    for args in (["network", "add", "St Mary's", "--kind", "church"],
                 ["person", "add", "Ann Lee", "--network", "st-marys"],
                 ["person", "add", "Seán Ó Briain"], ["person", "add", "Кто-то Другой"]):
        assert runner.invoke(build_cli(), args).exit_code == 0
    return home


COMMANDS = [[], ["person", "show"], ["person", "merge"], ["person", "relate"], ["log"],
            ["history"], ["intro", "make"], ["hear"], ["assess"], ["-h"], ["--db", "."],
            ["pull"], ["push"], ["source", "remove"]]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(COMMANDS), st.lists(st.sampled_from(WORDS), max_size=5),
       st.sampled_from(["", " "]), st.sampled_from(["bash", "zsh", "fish"]))
def test_whatever_the_words_the_fast_path_agrees_with_click_or_stays_out(
        shared_home: Path, command: list[str], words: list[str], end: str, shell: str
        ) -> None:
    """Any line of kith's words: the fast path answers what click answers, or nothing."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("KITH_HOME", str(shared_home))
        monkeypatch.setenv("KITH_CONFIG", str(shared_home.parent / "c"))
        line = " ".join(["kith", *command, *words]) + end
        answered = fast(shell, line)
        if answered is not None:
            assert answered == slow(monkeypatch, shell, line), line

"""Shell completion of live-source names (issue 30): ``kith pull NAME``, ``kith push NAME``,
``kith source remove NAME`` and ``kith inbox rule add --source NAME`` complete the
``[sources.NAME]`` tables of the configuration file, on the fast path and click's alike,
for bash, zsh and fish; a missing or damaged file, or a name no shell can be handed,
completes nothing and never shows a traceback."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kith.cli.fastcomplete import config_file, read_sources
from tests.cli.test_completion import bash_values, complete, environment, fast, slow

HOSTILE = ["it's", 'say "hi"', "back\\slash", "zoë:home", "电话簿", "-dash", "a b"]
"""Source names a hand-written configuration file may hold (quoted TOML keys); ``kith
source add`` itself only writes plain lower-case names."""


def toml_key(name: str) -> str:
    """``name`` as a quoted TOML key (JSON's escapes are TOML's, but for DEL)."""
    return json.dumps(name, ensure_ascii=False).replace("\x7f", "\\u007f")


def config() -> Path:
    """The configuration file of the test (``kith_home`` points ``KITH_CONFIG`` at it)."""
    return Path(os.environ["KITH_CONFIG"])


@pytest.fixture
def sources(ok: Callable[..., object], kith_home: Path, tmp_path: Path) -> Path:
    """Two sources as ``kith source add`` writes them, then hostile ones by hand: quotes,
    a backslash, a colon, CJK, a leading dash, a space; one whose kind holds a control
    character (shown without it), and two no shell can be handed (a bell, a new line)."""
    ok("source", "add", "phone", "--kind", "vdir-contacts", "--path", str(tmp_path / "vcf"),
       "--network", "Friends")
    ok("source", "add", "church", "--kind", "vdir-calendar", "--path", str(tmp_path / "ics"))
    path = config()
    extra = "".join(f'\n[sources.{toml_key(name)}]\nkind = "maildir"\n' for name in HOSTILE)
    extra += '\n[sources."odd kind"]\nkind = "x\\u0007y"\n'
    extra += '\n[sources."bell\\u0007"]\nkind = "maildir"\n'
    extra += '\n[sources."two\\nlines"]\nkind = "maildir"\n'
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


SHOWN = ["phone", "church", *HOSTILE, "odd kind"]


def test_pull_push_and_source_remove_complete_the_configured_sources(
        sources: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for line in ("kith pull ", "kith push ", "kith source remove ", "kith pull phone "):
        assert bash_values(complete(monkeypatch, "bash", line)) == SHOWN, line
    assert bash_values(complete(monkeypatch, "bash", "kith pull ch")) == ["church"]
    assert bash_values(complete(monkeypatch, "bash", "kith source remove 电")) == ["电话簿"]
    assert bash_values(complete(monkeypatch, "bash", "kith pull zoe")) == ["zoë:home"]
    assert bash_values(complete(monkeypatch, "bash", "kith pull home")) == []  # not a word
    # a source's kind describes it, and is not searched: "vdir" is no source's name
    assert bash_values(complete(monkeypatch, "bash", "kith pull vdir")) == []
    zsh = complete(monkeypatch, "zsh", "kith pull ph").splitlines()
    assert zsh == ["plain", "phone", "vdir-contacts"]
    zsh = complete(monkeypatch, "zsh", "kith pull zo").splitlines()
    assert zsh == ["plain", "zoë\\:home", "maildir"]  # zsh's separator escaped, as click does
    fish = complete(monkeypatch, "fish", "kith push odd").splitlines()
    assert fish == ["plain,odd kind"]  # its kind held a control character: no description


def test_commands_the_fast_path_leaves_to_click_complete_sources_too(
        sources: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``kith inbox`` has a default verb, so click answers; the values are the same."""
    assert bash_values(complete(monkeypatch, "bash", "kith inbox rule add r --source ch")) \
        == ["church"]
    assert fast("bash", "kith inbox rule add r --source ch") is None


def test_a_parameter_with_choices_completes_its_choices(
        kith_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``kith source add --kind`` takes a source's kind (it offered interaction kinds)."""
    assert bash_values(complete(monkeypatch, "bash", "kith source add x --kind ")) == [
        "vdir-contacts", "vdir-calendar", "carddav", "caldav", "maildir", "imap"]
    assert bash_values(complete(monkeypatch, "bash", "kith source add x --kind ca")) == [
        "carddav", "caldav"]


SOURCE_LINES = [
    "kith pull ", "kith pull p", "kith pull phone ", "kith pull phone c", "kith push ",
    "kith push it", "kith pull 'it'\\''s", "kith pull \"say \\\"h", "kith pull back\\\\s",
    "kith pull zo", "kith pull 电", "kith pull a\\ ", "kith source remove ",
    "kith source remove zoë", "kith pull --two-way ", "kith pull --json phone ",
    "kith --db /nowhere pull ",
]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("line", SOURCE_LINES)
def test_the_fast_path_answers_sources_as_click_does(sources: Path, shell: str, line: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    answered = fast(shell, line)
    assert answered is not None, "the fast path should answer this one itself"
    assert answered == slow(monkeypatch, shell, line)


@pytest.mark.parametrize("line", ["kith pull -", "kith pull --t", "kith source remove x ",
                                  "kith source re", "kith pull --two-way=1 "])
def test_the_fast_path_leaves_option_and_command_names_to_click(sources: Path,
                                                                line: str) -> None:
    for shell in ("bash", "zsh", "fish"):
        assert fast(shell, line) is None, (shell, line)


@pytest.mark.parametrize("damage", [b"", b"[sources.phone\nkind = 1", b"\xff\xfe[x]",
                                    b"sources = 3", b'[sources]\nphone = "x"\n',
                                    b"a = " + b"[" * 5000 + b"]" * 5000,
                                    b'[sources.phone]\nkind = "carddav"\x00\n'])
def test_a_damaged_configuration_completes_nothing_without_a_traceback(
        kith_home: Path, damage: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    config().write_bytes(damage)
    for line in ("kith pull ", "kith source remove ph"):
        assert fast("bash", line) == b"\n"
        assert slow(monkeypatch, "bash", line) == b"\n"  # exit 0 checked: no traceback


def test_a_source_that_pull_would_refuse_is_still_offered(
        kith_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Tab offers the names while the user fixes a table (``kith pull`` refuses the file
    for an unknown setting); what is not a table is not a source."""
    config().write_text('[sources.phone]\nkind = "carddav"\nbogus = 1\n'
                                 '[sources.work]\n[sources]\nstray = 3\n', encoding="utf-8")
    assert bash_values(complete(monkeypatch, "bash", "kith pull ")) == ["phone", "work"]


def test_a_missing_configuration_completes_nothing_and_is_not_created(
        kith_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "nowhere" / "config.toml"
    monkeypatch.setenv("KITH_CONFIG", str(missing))
    assert fast("bash", "kith pull ") == b"\n" == slow(monkeypatch, "bash", "kith pull ")
    assert not missing.parent.exists()


def test_completion_reads_the_configuration_kith_reads(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``fastcomplete.config_file`` is ``kith.core.config.config_path`` without its
    imports: ``$KITH_CONFIG`` (``~`` expanded), else the platform's folder."""
    from kith.core.config import config_path

    monkeypatch.setenv("KITH_CONFIG", "~/kith.toml")
    assert config_file(os.environ) == str(config_path())
    monkeypatch.delenv("KITH_CONFIG")
    assert config_file(os.environ) == str(config_path())


def test_a_real_kith_process_answers_sources_without_click_or_the_database(
        sources: Path, kith_home: Path) -> None:
    """The installed script: sources come from the configuration file alone (the
    database may be garbage), and click is never imported."""
    (kith_home / "kith.json").write_bytes(b"\x00garbage")
    kith = Path(sys.executable).parent / "kith"
    probe = ("import sys, runpy\nsys.argv = ['kith']\ntry:\n"
             f"    runpy.run_path({str(kith)!r}, run_name='__main__')\nfinally:\n"
             "    print('click' in sys.modules, file=sys.stderr)\n")
    env = {**os.environ, **environment("fish", "kith pull ch")}
    shown = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                           timeout=60, check=True)
    assert shown.stdout == b"plain,church\tvdir-calendar\n"
    assert shown.stderr.strip() == b"False"


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=4, unique=True),
       st.sampled_from(["bash", "zsh", "fish"]))
def test_whatever_a_sources_name_the_paths_agree_and_offer_it_if_a_shell_can_take_it(
        kith_home: Path, names: list[str], shell: str) -> None:
    """Any names TOML can quote: both paths give the same bytes, and a name is offered
    exactly when it is printable text on one line."""
    config().write_text("".join(f"[sources.{toml_key(n)}]\nkind = \"imap\"\n"
                                         for n in names), encoding="utf-8")
    shown = [n for n in names if n.strip() and n.isprintable()]
    assert [name for name, _ in read_sources(config())] == shown
    with pytest.MonkeyPatch.context() as monkeypatch:
        every = fast(shell, "kith pull ")
        assert every is not None and every == slow(monkeypatch, shell, "kith pull ")
        if shell == "bash":
            assert bash_values(every.decode()) == shown
        for line in [f"kith pull {shlex.quote(name)}" for name in shown]:
            answered = fast(shell, line)  # None for what click reads as an option ("-", "=")
            assert answered is None or answered == slow(monkeypatch, shell, line), line

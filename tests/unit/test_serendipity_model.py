"""The meaning layer (issue 28): all-MiniLM-L6-v2 in numpy, its cache, and what it adds
to the matcher. Skipped where the ``meaning`` extra is not installed (the lexicon then
works alone, as the other serendipity tests check)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from kith.core.model import Opportunity, Person
from kith.domain.serendipity import Matcher, meaning

INSTALLED = importlib.util.find_spec("numpy") is not None and meaning.model_dir() is not None
pytestmark = [pytest.mark.meaning,
              pytest.mark.skipif(not INSTALLED,
                                 reason="the meaning extra (numpy, the model) is not installed")]

LOO = ("The upstairs loo keeps running after every flush and now there's a stain on the "
       "ceiling. Does anyone know someone who won't charge a fortune?")
PIPES = ("Spent forty years fitting pipes, cisterns and boilers before I packed it in. "
         "Happy to pop round for a cuppa.")
DANCE = "I teach tap dance on Tuesday evenings at the community hall."


def _waiting(cache: Path, texts: list[str]) -> int:
    """How many of ``texts`` have no vector in the cache file yet."""
    table = meaning.load(cache)
    return sum(meaning.key(t) not in table for t in dict.fromkeys(texts))


def test_the_vectors_are_the_reference_models() -> None:
    """First dimensions as sentence-transformers' PyTorch model gives them."""
    found = meaning.prepare(None, ["Spent forty years fitting pipes, cisterns and boilers"])
    assert found is not None
    vector = found.of("Spent forty years fitting pipes, cisterns and boilers")
    assert [round(float(x), 3) for x in vector[:5]] == [-0.006, 0.021, 0.034, 0.020, -0.028]


def test_the_cache_is_reused_and_a_damaged_one_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "derived" / "meaning-minilm.bin"
    first = meaning.prepare(cache, [PIPES])
    assert first is not None and cache.exists()
    assert len(meaning.load(cache)) == len(meaning.texts_for([PIPES]))
    raw = bytearray(cache.read_bytes())
    raw[-3] ^= 0xFF  # a vector no longer of unit length
    cache.write_bytes(bytes(raw))
    assert len(meaning.load(cache)) == 0
    again = meaning.prepare(cache, [PIPES])  # rebuilt, the same vectors
    assert again is not None
    assert float(again.of(PIPES) @ first.of(PIPES)) > 0.999
    cache.write_bytes(b"not a cache")
    assert len(meaning.load(cache)) == 0


def test_the_cache_is_the_owners_only_and_a_fifo_in_its_place_is_not_read(
        tmp_path: Path) -> None:
    import os
    import stat

    cache = tmp_path / "derived" / "meaning-minilm.bin"
    meaning.prepare(cache, [PIPES])
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700
    assert [p.name for p in cache.parent.iterdir()] == [cache.name]  # no temporary left
    fifo = tmp_path / "fifo.bin"
    os.mkfifo(fifo)  # reading it would block for ever
    assert len(meaning.load(fifo)) == 0


def test_a_story_finds_the_trade_with_the_phrases_as_the_reason() -> None:
    when = datetime(2026, 1, 1, tzinfo=UTC)
    people = [Person(id=p, name=p.title()) for p in ("priya", "desmond", "tina")]
    opportunities = [
        Opportunity(id="n", person="priya", type="need", text=LOO, when=when),
        Opportunity(id="o1", person="desmond", type="offer", text=PIPES, when=when),
        Opportunity(id="o2", person="tina", type="offer", text=DANCE, when=when)]
    found = meaning.prepare(None, [o.text for o in opportunities])
    suggestions = sorted(Matcher(people, opportunities, found).suggest(),
                         key=lambda s: -s.rank())
    assert suggestions[0].opportunities == ("n", "o1")
    assert all("tap" not in line for line in suggestions[0].evidence)
    assert suggestions[0].details["matched"] or "meaning" in suggestions[0].details


def test_switched_off_it_is_not_there(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KITH_MEANING", "off")
    assert meaning.prepare(None, [PIPES]) is None


def test_a_first_suggest_reads_within_its_budget_and_says_what_waits(
        run: Callable[..., Result], kith_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """5,000 texts opened at once must not hold a first suggest for minutes: with no time
    to embed, the words match alone and the command says how many texts wait; a run with
    time reads them, and the note goes."""
    run("network", "add", "Street")
    run("person", "add", "Priya", "--network", "street")
    run("person", "add", "Desmond", "--network", "street")
    run("hear", "Priya", "--need", LOO, "--network", "street")
    run("hear", "Desmond", "--offer", PIPES, "--network", "street")
    monkeypatch.setenv("KITH_MEANING_BUDGET", "0")
    waiting = run("intro", "suggest")
    assert waiting.exit_code == 0, waiting.output
    assert "2 needs and offers not read for meaning yet" in waiting.stderr
    assert not (kith_home / meaning.CACHE_NAME).exists() or _waiting(
        kith_home / meaning.CACHE_NAME, [LOO, PIPES]) == 2
    monkeypatch.setenv("KITH_MEANING_BUDGET", "30")
    read = run("intro", "suggest")
    assert read.exit_code == 0, read.output
    assert "not read for meaning" not in read.stderr
    assert "Priya" in read.stdout and "Desmond" in read.stdout
    assert _waiting(kith_home / meaning.CACHE_NAME, [LOO, PIPES]) == 0


@pytest.mark.parametrize("width", [40, 300, 512, 513, 1000])
def test_closest_columns_are_each_rows_largest(width: int) -> None:
    """The block-maxima shortcut finds what a full sort finds, largest first, whether the
    width is a whole number of blocks, one more, or less than one block (and a matrix
    narrower than ``k`` gives every column)."""
    import numpy as np

    from kith.domain.serendipity.matching import closest_columns

    values = np.random.default_rng(width).standard_normal((50, width)).astype(np.float32)
    values[3, -1] = values.max() + 1  # the best in the last, partial block
    expected = np.argsort(-values, axis=1, kind="stable")[:, :8]
    assert np.array_equal(closest_columns(values, 8), expected)
    assert closest_columns(values[:, :5], 8).shape == (50, 5)


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(-4096, 4096)), max_size=300))
def test_one_sort_orders_by_row_then_best_first_as_lexsort_does(
        entries: list[tuple[int, int]]) -> None:
    """``by_row_best_first`` is ``np.lexsort((-values, rows))``, ties kept in their order
    (values as floats a cosine could take, negative ones included)."""
    np = pytest.importorskip("numpy")
    from kith.domain.serendipity.matching import by_row_best_first

    rows = np.array([r for r, _ in entries], dtype=np.intp)
    values = np.array([v / 1024 for _, v in entries], dtype=np.float32)
    assert by_row_best_first(rows, values).tolist() == np.lexsort((-values, rows)).tolist()

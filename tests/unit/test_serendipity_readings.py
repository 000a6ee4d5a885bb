"""The lexicon's readings kept beside the data (``kith.domain.serendipity.readings``): a
text is read once, a reading made by another lexicon or a damaged file is never used, the
file is the owner's only, and the matcher suggests exactly what it suggests without it."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from kith.core.model import Opportunity, Person
from kith.domain.serendipity import Matcher, lexicon, readings

BOILER = "our boiler keeps cutting out and the radiators are stone cold"
GAS = "Gas Safe registered heating engineer, boilers serviced and repaired"
FLAT = "looking for a room to rent near the university from September"
READ = lexicon.read
"""The lexicon's own reading (the tests below count the reader's calls of it)."""


def _reader(path: Path, counted: list[str], monkeypatch: pytest.MonkeyPatch
            ) -> readings.Reader:
    """A reader whose lexicon records each text it is asked to read afresh."""
    real = lexicon.read

    def read(text: str) -> lexicon.Reading:
        counted.append(text)
        return real(text)

    monkeypatch.setattr(readings.lexicon, "read", read)
    return readings.Reader(path)


def test_a_text_is_read_once_and_then_comes_from_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "derived" / "lexicon-readings.cache"
    counted: list[str] = []
    first = _reader(path, counted, monkeypatch)
    assert first(BOILER) == READ(BOILER) and first(BOILER) == READ(BOILER)
    first(GAS)
    assert counted == [BOILER, GAS]  # once each, even when asked twice
    first.save()
    second = _reader(path, counted, monkeypatch)
    assert second(BOILER) == READ(BOILER) and second(GAS) == READ(GAS)
    assert counted == [BOILER, GAS]  # nothing read again
    before = os.stat(path).st_mtime_ns
    second.save()  # nothing new, nothing gone: the file is not rewritten
    assert os.stat(path).st_mtime_ns == before


def test_the_file_is_the_owners_only_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "derived" / "lexicon-readings.cache"
    reader = readings.Reader(path)
    reader(BOILER)
    reader.save()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_a_text_not_asked_any_more_goes_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "lexicon-readings.cache"
    reader = readings.Reader(path)
    reader(BOILER)
    reader(GAS)
    reader.save()
    later = readings.Reader(path)
    later(GAS)  # the boiler need was closed
    later.save()
    assert set(readings.load(path)) == {readings.key(GAS)}


def test_readings_of_another_lexicon_are_not_used(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "lexicon-readings.cache"
    reader = readings.Reader(path)
    reader(BOILER)
    reader.save()
    assert readings.load(path)
    monkeypatch.setattr(readings, "digest", lambda: "another lexicon")
    assert readings.load(path) == {}
    monkeypatch.setattr(readings, "digest", lambda: "")  # sources unreadable: no cache
    assert readings.load(path) == {}
    unsaved = readings.Reader(path)
    unsaved(GAS)
    unsaved.save()
    monkeypatch.undo()
    assert set(readings.load(path)) == {readings.key(BOILER)}  # not overwritten


@pytest.mark.parametrize("entry", [
    None, [], ["concepts", {}, []], [{"plumbing": "boiler"}, {}, []], [{"plumbing": [3]}, {}, []],
    [{}, {"boil": 7}, []], [{}, {}], [{}, {}, {}, {}], [{}, {}, [3]]])
def test_an_entry_of_another_shape_is_left_out_and_the_rest_kept(
        tmp_path: Path, entry: Any) -> None:
    path = tmp_path / "lexicon-readings.cache"
    reader = readings.Reader(path)
    reader(GAS)
    reader.save()
    data = orjson.loads(path.read_bytes())
    data["readings"][readings.key(BOILER)] = entry
    path.write_bytes(orjson.dumps(data))
    found = readings.load(path)
    assert set(found) == {readings.key(GAS)}
    assert found[readings.key(GAS)] == lexicon.read(GAS)


@pytest.mark.parametrize("content", [
    b"", b"not json", b"[1, 2]", b'{"format": "kith-lexicon-readings-1"}',
    b'{"format": "other", "lexicon": "x", "readings": {}}', b"\xff\xfe" * 50])
def test_a_damaged_file_is_ignored_and_replaced(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "lexicon-readings.cache"
    path.write_bytes(content)
    reader = readings.Reader(path)
    assert reader.known == {}
    assert reader(BOILER) == lexicon.read(BOILER)
    reader.save()
    assert set(readings.load(path)) == {readings.key(BOILER)}


def test_a_fifo_or_a_folder_at_the_files_place_is_not_read_nor_a_failure(
        tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)  # reading it would block for ever
    reader = readings.Reader(fifo)
    assert reader.known == {}
    reader(BOILER)
    reader.save()  # replaced by a regular file: a cache's place is kith's
    assert set(readings.load(fifo)) == {readings.key(BOILER)}
    folder = tmp_path / "folder.json"
    folder.mkdir()
    (folder / "inside").write_text("kept")
    blocked = readings.Reader(folder)
    blocked(BOILER)
    blocked.save()  # cannot replace a folder: nothing lost, no temporary file left
    assert (folder / "inside").read_text() == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo.json", "folder.json"]


def test_the_matcher_suggests_the_same_with_and_without_kept_readings(
        tmp_path: Path) -> None:
    people = [Person.create(name, tags=tags) for name, tags in
              (("Ana", ()), ("Ben", ("heating",)), ("Cat", ()), ("Dan", ("lettings",)))]
    when = datetime(2026, 1, 5, tzinfo=UTC)
    opportunities = [Opportunity.create(person=people[n].id, type=kind, text=text, when=when)
                     for n, kind, text in ((0, "need", BOILER), (1, "offer", GAS),
                                           (2, "need", FLAT),
                                           (3, "offer", "spare bedroom to let, students"))]

    def shown(reader: Callable[[str], Any]) -> list[tuple[Any, ...]]:
        return [(s.people, s.opportunities, round(s.score, 6), tuple(s.evidence))
                for s in Matcher(people, opportunities, reader=reader).suggest()]

    plain = shown(lexicon.read)
    assert plain  # the boiler meets the heating engineer
    path = tmp_path / "lexicon-readings.cache"
    first = readings.Reader(path)
    assert shown(first) == plain
    first.save()
    kept = readings.Reader(path)
    assert shown(kept) == plain and kept.new == 0


def test_intro_suggest_keeps_the_readings_and_reads_only_a_new_text(
        ok: Callable[..., Any], kith_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ok("network", "add", "Street", "--kind", "friends")
    ok("person", "add", "Ana", "--network", "Street")
    ok("person", "add", "Ben", "--network", "Street")
    ok("hear", "Ana", "--need", BOILER)
    ok("hear", "Ben", "--offer", GAS)
    first = ok("intro", "suggest").stdout
    path = kith_home / readings.CACHE_NAME
    assert {readings.key(BOILER), readings.key(GAS)} <= set(readings.load(path))
    counted: list[str] = []
    real = lexicon.read
    monkeypatch.setattr(readings.lexicon, "read",
                        lambda text: counted.append(text) or real(text))
    assert ok("intro", "suggest").stdout == first
    assert counted == []
    ok("hear", "Ana", "--need", FLAT)
    ok("intro", "suggest")
    assert counted == [FLAT]

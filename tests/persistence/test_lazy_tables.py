"""``kith.json`` read one table at a time (``kith.persistence.lazytables``): a command
parses and checks only the tables it reads, every table is checked when it is parsed, and
any file not in ``dump_file``'s layout is read whole, as ever."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.core.errors import StoreError
from kith.core.model import Network, Person
from kith.persistence.cache import FileCache
from kith.persistence.lazytables import parse_table, split
from kith.persistence.store import Store
from kith.persistence.tables import dump_file
from kith.persistence.validation import validate_file

_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_json = st.recursive(st.none() | st.booleans() | st.integers(-(2**53), 2**53) | _text,
                     lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(_text, inner, max_size=3), max_leaves=8)
_tables = st.dictionaries(_text, st.dictionaries(_text, st.dictionaries(_text, _json,
                                                                          max_size=3),
                                                 max_size=4)
                          | st.dictionaries(_text, _json, max_size=2), max_size=5)


@settings(max_examples=300, derandomize=True)
@given(_tables)
def test_every_file_dump_file_writes_splits_into_the_tables_a_whole_parse_gives(
        data: dict[str, Any]) -> None:
    raw = dump_file("kith.json", data)
    spans = split(raw)
    if not data:
        assert spans is None  # "{\n}": nothing to split, read whole
        return
    assert spans is not None
    assert list(spans) == list(data)
    assert {name: parse_table(raw, span) for name, span in spans.items()} == data


_SAMPLE = {"_meta": {"schema": {"version": 6}}, "networks": {"chess": {"id": "chess"}},
           "people": {"a": {"id": "a", "name": "}\n{"}, "b": {"id": "b"}}, "notes": {}}


@pytest.mark.parametrize("other", [
    orjson.dumps(_SAMPLE),  # one line, as older kith wrote every file
    json.dumps(_SAMPLE, indent=0).encode(),  # another tool's layouts
    json.dumps(_SAMPLE, indent=2).encode(),
    dump_file("kith.json", _SAMPLE).replace(b"\n", b"\r\n"),  # a checkout's line ends
    dump_file("kith.json", _SAMPLE)[:-1],  # cut short
    dump_file("kith.json", _SAMPLE) + b"\n",
    dump_file("kith.json", _SAMPLE).replace(b'"notes"', b'"people"'),  # a table twice
    b'{\n"people": {\n"a": {"x": 1\n},\n"b": {"y": 2}}\n}',  # a record over two lines
])
def test_a_file_in_any_other_shape_is_not_split(other: bytes) -> None:
    assert split(other) is None


def _store(home: Path) -> Store:
    store = Store(home)
    with store.transaction():
        store.add_network(Network(id="chess", name="Chess club", kind="other"))
        store.add_person(Person(id="ann", name="Ann Lee"))
    return store


def _damage_ann(home: Path) -> None:
    """Ann's record in kith.json, hand-edited into something no command can use."""
    path = home / "kith.json"
    raw = path.read_bytes()
    assert b'"name":"Ann Lee"' in raw
    path.write_bytes(raw.replace(b'"name":"Ann Lee"', b'"name":17'))


def _checked(home: Path) -> tuple[FileCache, list[list[str]]]:
    seen: list[list[str]] = []
    cache = FileCache(home)

    def check(path: Path, name: str, data: dict[str, Any]) -> None:
        seen.append(list(data))
        validate_file(path, name, data)

    cache.validate = check
    return cache, seen


def test_a_table_is_parsed_and_checked_alone_and_the_rest_when_the_file_is_read_whole(
        kith_home: Path) -> None:
    _store(kith_home)
    cache, seen = _checked(kith_home)
    networks = cache.read_table("kith.json", "networks")
    assert set(networks) == {"chess"}
    assert cache.read_table("kith.json", "_meta")["schema"]["version"] >= 6
    assert cache.read_table("kith.json", "missing") is None
    assert seen == [["networks"], ["_meta"]]
    whole = cache.read("kith.json")
    assert seen[2:] == [[t for t in whole if t not in ("networks", "_meta")]]
    assert whole["networks"] is networks  # what was handed out stays the table
    assert whole == orjson.loads((kith_home / "kith.json").read_bytes())
    assert list(whole) == list(orjson.loads((kith_home / "kith.json").read_bytes()))
    assert dump_file("kith.json", whole) == (kith_home / "kith.json").read_bytes()
    cache.read("kith.json")
    assert len(seen) == 3  # checked once


def test_damage_in_a_table_is_refused_when_that_table_is_read(kith_home: Path) -> None:
    _store(kith_home)
    _damage_ann(kith_home)
    store = Store(kith_home, create=False)
    assert [n.id for n in store.networks()] == ["chess"]
    with pytest.raises(StoreError, match=r"person ann is damaged") as lazily:
        store.people()
    with pytest.raises(StoreError) as whole:
        validate_file(kith_home / "kith.json", "kith.json",
                      orjson.loads((kith_home / "kith.json").read_bytes()))
    assert str(lazily.value) == str(whole.value)  # the same words as a whole-file check


def test_a_write_reads_the_file_whole_and_refuses_its_damage_leaving_it_unchanged(
        kith_home: Path) -> None:
    _store(kith_home)
    _damage_ann(kith_home)
    before = (kith_home / "kith.json").read_bytes()
    store = Store(kith_home, create=False)
    with pytest.raises(StoreError, match=r"person ann is damaged"):
        store.add_network(Network(id="choir", name="Choir", kind="other"))
    assert (kith_home / "kith.json").read_bytes() == before


def test_broken_json_in_a_table_is_refused_in_the_whole_files_words(kith_home: Path) -> None:
    _store(kith_home)
    path = kith_home / "kith.json"
    path.write_bytes(path.read_bytes().replace(b'"name":"Ann Lee"', b'"name":"Ann Lee'))
    store = Store(kith_home, create=False)
    assert [n.id for n in store.networks()] == ["chess"]
    with pytest.raises(StoreError) as lazily:
        store.people()
    with pytest.raises(StoreError) as whole:
        FileCache(kith_home).read("kith.json")
    assert "is not valid JSON" in str(lazily.value)
    assert str(lazily.value) == str(whole.value)


def test_a_file_in_the_old_one_line_layout_is_read_and_checked_whole(kith_home: Path) -> None:
    _store(kith_home)
    _damage_ann(kith_home)
    path = kith_home / "kith.json"
    path.write_bytes(orjson.dumps(orjson.loads(path.read_bytes())))
    with pytest.raises(StoreError, match=r"person ann is damaged"):
        Store(kith_home, create=False).networks()  # the first table read checks them all


def test_network_list_reads_past_a_damaged_person_and_person_list_refuses_it(
        kith_home: Path, run: Callable[..., Result]) -> None:
    assert run("network", "add", "Chess club", "--kind", "other").exit_code == 0
    assert run("person", "add", "Ann Lee").exit_code == 0
    before = run("network", "list").stdout
    path = kith_home / "kith.json"
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b'"name":"Ann Lee"', b'"name":17'))
    assert run("network", "list").stdout == before
    refused = run("person", "list")
    assert refused.exit_code == 2
    assert "is damaged" in refused.stderr and refused.stderr.count("\n") == 1

"""Exports that come back whole: random people through vCard and through CSV (hypothesis),
and one person through ``export vcard`` into an empty database with the real CLI."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kith.core.model import Person
from kith.export.spreadsheet import PEOPLE_COLUMNS, person_row, read_people_csv
from kith.importing.toolkit import ImportContext
from plugins.kith_friends.vcard import parse as parse_vcards
from plugins.kith_friends.vcard_export import person_to_vcard

_TEXT = st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"))
_WORD = st.text(_TEXT, min_size=1, max_size=12).map(str.strip).filter(bool)
_NAME = st.lists(st.text("abcdefghijklmnopqrstuvwxyzÀÉÖøßŁ", min_size=1, max_size=8),
                 min_size=1, max_size=3).map(lambda words: " ".join(w.title() for w in words))
_USER = st.text("abcdefghijklmnopqrstuvwxyz0123456789_", min_size=1, max_size=12)
_HANDLES = st.fixed_dictionaries({}, optional={
    "email": st.lists(_USER.map(lambda u: f"{u}@example.org"), min_size=1, max_size=2),
    "phone": st.lists(st.integers(1000, 10**12).map(lambda n: f"+{n}"), min_size=1,
                      max_size=2),
    "x": st.lists(_USER, min_size=1, max_size=2),
    "mastodon": st.lists(_USER.map(lambda u: f"@{u}@mastodon.social"), min_size=1,
                         max_size=2),
    "linkedin": st.lists(_USER.map(lambda u: f"linkedin.com/in/{u}"), min_size=1, max_size=2),
    "github": st.lists(_USER, min_size=1, max_size=1),
    "telegram": st.lists(_USER, min_size=1, max_size=1),
    "url": st.lists(_USER.map(lambda u: f"{u}.example.net/about"), min_size=1, max_size=2),
    "discord": st.lists(_USER.map(lambda u: f"{u}#1234"), min_size=1, max_size=1),
})
_BIRTHDAY = st.one_of(st.none(), st.dates().filter(lambda d: 1900 <= d.year <= 2020).map(
    lambda d: d.isoformat()), st.dates().map(lambda d: f"--{d.month:02d}-{d.day:02d}"))
_NOTES = st.text(st.characters(blacklist_categories=("Cs", "Co", "Cn", "Zl", "Zp"),
                               blacklist_characters="\r\x0b\x0c\x1c\x1d\x1e\x85",
                               whitelist_categories=None)
                 .filter(lambda c: c == "\n" or c.isprintable()), max_size=60).map(str.strip)
_PEOPLE = st.builds(
    lambda ident, name, aliases, handles, tags, notes, birthday, cadence, extra: Person(
        id=ident, name=name, aliases=tuple(a for a in aliases if a != name),
        handles=handles, tags=tuple(tags), notes=notes, birthday=birthday,
        cadence_days=cadence, extra=extra),
    st.text("0123456789abcdefghjkmnpqrstvwxyz", min_size=26, max_size=26),
    _NAME, st.lists(_WORD, max_size=4, unique=True), _HANDLES,
    st.lists(st.text("abcdefghij ,-", min_size=1, max_size=8).map(str.strip).filter(bool),
             max_size=3, unique_by=str.lower),
    _NOTES, _BIRTHDAY, st.one_of(st.none(), st.integers(1, 3650)),
    st.dictionaries(st.sampled_from(["membership", "household", "level"]), _WORD,
                    max_size=2))


def _shape(person: Person) -> dict[str, Any]:
    """What a vCard carries (networks, sources and stamps are the database's, not the
    card's)."""
    return {"id": person.id, "name": person.name, "aliases": sorted(person.aliases),
            "handles": {k: sorted(v) for k, v in person.handles.items()},
            "tags": sorted(person.tags), "notes": person.notes, "birthday": person.birthday,
            "cadence_days": person.cadence_days, "extra": person.extra}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(person=_PEOPLE)
def test_random_people_round_trip_through_vcard(person: Person, tmp_path: Path) -> None:
    path = tmp_path / "one.vcf"
    path.write_text(person_to_vcard(person.to_dict()), encoding="utf-8")
    [record] = parse_vcards(path, ImportContext(strict=True)).people
    back = Person(id=record.kith_id or "?", name=record.name, aliases=tuple(record.aliases),
                  handles=record.handles, tags=tuple(record.tags), notes=record.notes,
                  birthday=record.birthday, cadence_days=record.cadence_days,
                  extra=record.extra)
    assert _shape(back) == _shape(person)


@settings(max_examples=80, deadline=None)
@given(person=_PEOPLE, networks=st.dictionaries(
    st.sampled_from(["church", "st-marys", "book-club"]),
    st.one_of(st.none(), st.dates().filter(lambda d: 1900 <= d.year <= 2100).map(
        lambda d: d.isoformat())), max_size=3),
    sources=st.lists(_WORD.map(lambda w: f"vcard:{w}"), max_size=2, unique=True))
def test_random_people_round_trip_through_csv(person: Person, networks: dict[str, str | None],
                                              sources: list[str]) -> None:
    person = person.with_changes(networks=networks, sources=tuple(sources),
                                 merged_from=("01abc",), created="2025-01-02T03:04:05")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(PEOPLE_COLUMNS)
    writer.writerow(person_row(person.to_dict(), ["friend of Ann"], 3, "2025-05-05"))
    [back] = read_people_csv(buffer.getvalue())
    assert Person.from_dict(back) == person


def test_a_vcard_export_comes_back_whole_in_an_empty_database(
        ok: Callable[..., Any], tmp_path: Path) -> None:
    """Issue 27 item 5: every alias (``NICKNAME:Zo,ZA`` came back as ``Zo``), the
    cadence, the handles and the id; a re-import of the same file adds no one."""
    source, target = tmp_path / "a", tmp_path / "b"
    for db in (source, target):
        ok("--db", str(db), "init")
    ok("--db", str(source), "person", "add", "Zoë Adams", "--handle", "linkedin=zadams",
       "--handle", "mastodon=https://hachyderm.io/@zoe", "--handle", "x=@ZoeA", "--email",
       "Zoe@X.org", "--tag", "close", "--birthday", "--02-29", "--cadence", "30")
    ok("--db", str(source), "person", "edit", "Zoë Adams", "--alias", "Zo", "--alias", "ZA",
       "--alias", "Zed, the elder")
    [before] = [p for p in orjson.loads(ok("--db", str(source), "person", "list",
                                           "--json").stdout) if p["id"] != "me"]
    card = tmp_path / "out.vcf"
    ok("--db", str(source), "export", "vcard", str(card))
    text = re.sub(r"\r?\n ", "", card.read_text())
    assert "X-SOCIALPROFILE;TYPE=mastodon;X-USER=zoe@hachyderm.io:https://hachyderm.io/@zoe" \
        in text
    for _ in range(2):
        ok("--db", str(target), "import", "vcard", str(card), "--create-network", "friends")
    [after] = [p for p in orjson.loads(ok("--db", str(target), "person", "list",
                                          "--json").stdout) if p["id"] != "me"]
    for field in ("id", "name", "handles", "tags", "birthday", "cadence_days"):
        assert after[field] == before[field], field
    assert sorted(after["aliases"]) == sorted(before["aliases"])

"""Full export and its reader, CSV and birthday calendars, vCard handles (issue 18)."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kith.core.model import Interaction, Network, Opportunity, Person, Value
from kith.export.full import document, load_document
from kith.export.spreadsheet import safe_cell
from kith.persistence.store import Store
from kith.services.followups import add_follow_up
from kith.services.notes import add_note
from kith.services.relationships import relate


def _comparable(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "exported"}


@given(st.data())
@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_full_export_round_trips_generated_databases(data: st.DataObject) -> None:
    names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                    max_size=20).filter(str.strip)
    with tempfile.TemporaryDirectory() as folder:
        source = Store(Path(folder) / "a", currency=data.draw(st.sampled_from(["EUR", "JPY"])))
        networks = [source.add_network(Network.create(f"Net {i}", kind=kind)) for i, kind in
                    enumerate(data.draw(st.lists(st.sampled_from(["church", "friends"]),
                                                 min_size=1, max_size=3)))]
        people = []
        for name in data.draw(st.lists(names, min_size=2, max_size=6)):
            people.append(source.add_person(Person.create(
                name, networks={networks[0].id: None}, tags=data.draw(st.lists(names,
                                                                              max_size=2)),
                handles={"x": [f"h{len(people)}"]},
                birthday=data.draw(st.sampled_from([None, "1990-02-28", "--04-15"])))))
        start = datetime(2020, 1, 1, tzinfo=UTC)
        for _ in range(data.draw(st.integers(0, 8))):
            who = data.draw(st.sampled_from(people))
            source.record(Interaction.create(
                when=start + timedelta(hours=data.draw(st.integers(0, 40000))),
                network=data.draw(st.sampled_from(networks)).id, people=[who.id],
                direction=data.draw(st.sampled_from(["gave", "received", "shared"])),
                kind="help", note=data.draw(names),
                value=Value(money=data.draw(st.integers(-10**6, 10**6)),
                            minutes=data.draw(st.integers(0, 500)))))
        for _ in range(data.draw(st.integers(0, 3))):
            who = data.draw(st.sampled_from(people))
            add_note(source, who.id, data.draw(names), network=networks[0].id)
            add_follow_up(source, who.id, start.date(), data.draw(names))
            source.save_opportunity(Opportunity.create(person=who.id, type="need",
                                                       text=data.draw(names), when=start))
        relate(source, people[0].id, people[1].id, "parent", note=data.draw(names))
        with source.transaction():  # plugin data travels too
            source.plugin_table("kith_church", "rota").put("r1", {"who": "x"})
        exported = orjson.loads(orjson.dumps(document(source)))
        target = Store(Path(folder) / "b")
        load_document(target, exported, path="test.json")
        again = document(Store(Path(folder) / "b"))
        assert _comparable(again) == _comparable(exported)
        assert target.network_months() == source.network_months()
        assert target.person_stats() == source.person_stats()


def test_export_help(ok: Callable[..., Any]) -> None:
    for args in (("export", "json"), ("export", "csv"), ("export", "ics"),
                 ("import", "kith-json")):
        assert "PATH" in ok(*args, "--help").stdout
    assert "kith-json" in ok("import", "--help").stdout


def _sample(ok: Callable[..., Any]) -> None:
    ok("network", "add", "Friends", "--kind", "friends")
    ok("person", "add", "Zoë Ndiaye", "--network", "friends", "--birthday", "1988-02-29",
       "--handle", "mastodon=@zoe@social.example", "--tag", "=cmd")
    ok("person", "add", "Bob Stone", "--birthday", "--07-01")
    ok("log", "friends", "--with", "Zoë", "--gave", "--money", "-30", "--note",
       "=HYPERLINK(\"http://evil\")")
    ok("note", "Zoë", "@mention in a note")
    ok("follow-up", "Zoë", "--in", "1w", "--about", "+1 the plan")
    ok("person", "relate", "Zoë", "Bob", "--as", "friend")
    ok("intro", "make", "Zoë", "Bob", "--network", "friends")


def test_export_json_and_import_into_empty_database(tmp_path: Path, ok: Callable[..., Any],
                                                   fails: Callable[..., Any]) -> None:
    _sample(ok)
    out = tmp_path / "all.json"
    ok("export", "json", out)
    assert out.stat().st_mode & 0o777 == 0o600
    data = orjson.loads(out.read_bytes())
    assert (data["format"], data["version"]) == ("kith-export", 1)
    assert {"networks", "people", "notes", "followups", "relationships"} <= set(data["tables"])
    kinds = sorted(i["kind"] for i in data["interactions"].values())
    assert kinds == ["introduction", "other"]
    other = tmp_path / "other"
    ok("--db", other, "init")
    summary = orjson.loads(ok("--db", other, "import", "kith-json", out, "--json").stdout)
    assert summary["imported"]["interactions"] == 2
    back = tmp_path / "back.json"
    ok("--db", other, "export", "json", back)
    assert _comparable(orjson.loads(back.read_bytes())) == _comparable(data)
    fails("--db", other, "import", "kith-json", out, match="not empty")
    fails("export", "json", tmp_path / "nowhere" / "all.json", match="no folder")
    fails("export", "json", tmp_path, match="is a folder")
    assert orjson.loads(ok("export", "json", "-").stdout)["format"] == "kith-export"


def test_import_kith_json_bad_input(tmp_path: Path, ok: Callable[..., Any],
                                    fails: Callable[..., Any]) -> None:
    _sample(ok)
    good = tmp_path / "all.json"
    ok("export", "json", good)
    data = orjson.loads(good.read_bytes())
    target = tmp_path / "new"
    ok("--db", target, "init")

    def attempt(payload: Any, match: str) -> None:
        bad = tmp_path / "bad.json"
        bad.write_bytes(payload if isinstance(payload, bytes) else orjson.dumps(payload))
        fails("--db", target, "import", "kith-json", bad, match=match)

    attempt(b"{not json", "not json")
    attempt({"format": "something"}, "not a kith export")
    attempt({**data, "version": 99}, "newer")
    attempt({**data, "schema": 99}, "newer kith")
    broken = orjson.loads(good.read_bytes())
    person = next(p for p in broken["tables"]["people"] if p != "me")
    broken["tables"]["people"][person]["birthday"] = "1988-13-45"
    attempt(broken, f"people {person}")
    orphan = orjson.loads(good.read_bytes())
    note = next(iter(orphan["tables"]["notes"]))
    orphan["tables"]["notes"][note]["person"] = "nobody"
    attempt(orphan, f"notes {note}")
    fails("--db", target, "import", "kith-json", tmp_path / "missing.json", match="missing")


def test_export_csv_neutralises_formulas(tmp_path: Path, ok: Callable[..., Any],
                                         fails: Callable[..., Any]) -> None:
    _sample(ok)
    ok("export", "csv", "--what", "interactions", tmp_path / "i.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "i.csv").read_text())))
    given_row = next(r for r in rows if r["kind"] == "other")
    assert given_row["note"].startswith("'=HYPERLINK")
    assert given_row["money"] == "-30.00"  # a number stays a number
    assert given_row["people"] == "Zoë Ndiaye"
    people = ok("export", "csv", "--what", "people", "-").stdout
    zoe = next(r for r in csv.DictReader(io.StringIO(people)) if r["name"] == "Zoë Ndiaye")
    assert zoe["tags"] == "'=cmd" and "mastodon:@zoe@social.example" in zoe["handles"]
    assert zoe["relationships"] == "friend of Bob Stone"
    assert safe_cell("@x") == "'@x" and safe_cell("-1+1") == "'-1+1" and safe_cell(3) == "3"
    fails("export", "csv", tmp_path / "x.csv", match="--what")
    fails("export", "csv", "--what", "cats", tmp_path / "x.csv", match="cats")
    fails("export", "csv", "--what", "people", tmp_path / "no" / "x.csv", match="no folder")


def test_export_ics_birthdays(tmp_path: Path, ok: Callable[..., Any],
                              fails: Callable[..., Any]) -> None:
    _sample(ok)
    out = tmp_path / "b.ics"
    ok("export", "ics", "--birthdays", out)
    from icalendar import Calendar

    calendar = Calendar.from_ical(out.read_bytes())
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Zoë Ndiaye's birthday", "Bob Stone's birthday"}
    assert events["Zoë Ndiaye's birthday"]["RRULE"]["BYMONTHDAY"] == [-1]
    assert str(events["Bob Stone's birthday"].decoded("DTSTART")) == "2000-07-01"
    fails("export", "ics", out, match="--birthdays")


def test_vcard_keeps_every_handle_and_reads_them_back(tmp_path: Path,
                                                      ok: Callable[..., Any],
                                                      ok_json: Callable[..., Any]) -> None:
    ok("person", "add", "Jo Bloggs", "--handle", "x=@JoB", "--handle",
       "mastodon=@jo@social.example", "--handle", "linkedin=https://www.linkedin.com/in/jo-b",
       "--handle", "github=jobl", "--handle", "telegram=jobtg", "--handle",
       "url=https://jo.example", "--email", "jo@example.com", "--phone", "+44 20 7946 0000",
       "--tag", "climbing", "--tag", "a,b", "--birthday", "--04-15", "--note",
       "likes tea; and, coffee")
    out = tmp_path / "c.vcf"
    ok("export", "vcard", out)
    text = out.read_bytes().decode()
    assert "X-SOCIALPROFILE;TYPE=x" in text and "IMPP:telegram:jobtg" in text
    assert "https://social.example/@jo" in text.replace("\r\n ", "")
    original = ok_json("person", "show", "Jo")
    other = tmp_path / "other"
    ok("--db", other, "init")
    ok("--db", other, "import", "vcard", out, "--create-network", "friends")
    back = ok_json("--db", other, "person", "show", "Jo")
    assert back["handles"] == original["handles"]
    assert (back["tags"], back["birthday"], back["notes"]) == \
        (original["tags"], original["birthday"], original["notes"])


def test_vcard_import_reads_social_profiles_written_by_others(tmp_path: Path,
                                                             ok: Callable[..., Any],
                                                             ok_json: Callable[..., Any]) -> None:
    card = tmp_path / "apple.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kim Park\r\n"
                    "item1.X-SOCIALPROFILE;type=twitter:http://twitter.com/kimpark\r\n"
                    "X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/kim\r\n"
                    "X-SOCIALPROFILE:https://mastodon.social/@kim\r\n"
                    "X-SOCIALPROFILE;TYPE=myspace:\r\n"
                    "IMPP:xmpp:kim@jabber.example\r\nEND:VCARD\r\n")
    ok("import", "vcard", card, "--create-network", "friends")
    handles = ok_json("person", "show", "Kim")["handles"]
    assert handles == {"x": ["kimpark"], "linkedin": ["linkedin.com/in/kim"],
                       "mastodon": ["@kim@mastodon.social"], "xmpp": ["kim@jabber.example"]}

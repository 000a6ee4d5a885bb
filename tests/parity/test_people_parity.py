"""One use case, every face: people, networks, needs and offers, notes and follow-ups
through ``kith ...`` and through the TUI's forms give the same database and the same
refusal (harness: ``tests/parity/conftest.py``, the ``face_*`` helpers).

Use cases with no TUI face (so no parity to test): ``follow-up done``, ``note delete``,
``person relate`` / ``unrelate``, ``opportunity close|reopen|edit``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from kith.persistence.store import Store
from kith.services.person_page import PersonPage
from kith.tui.forms import MergeForm, NetworkForm, OpportunityForm, PersonForm
from kith.tui.journal import FollowUpForm, NoteForm
from tests.parity.conftest import (
    Steps,
    Twins,
    assert_same_databases,
    cli_ok,
    cli_refusal,
    same_refusal,
    tui_form,
    tui_keys,
    tui_page,
)

ADD_PERSON = tui_keys("a")
ADD_NETWORK = tui_keys("n")
HEAR = tui_keys("d", "h")
MERGE = tui_keys("d", "m")


def edit_network(ident: str) -> Steps:
    async def open_(app: object, pilot: object) -> None:
        app.edit_network(ident)  # type: ignore[attr-defined]  # what the palette runs
        await pilot.pause()  # type: ignore[attr-defined]

    return open_


def refuse_alike(twins: Twins, cli: list[str], opener: Steps, form: type,
                 fields: dict[str, str], words: str) -> None:
    said_cli = cli_refusal(twins.cli_home, *cli)
    said_tui = tui_form(twins.tui_home, opener, form, fields)
    assert words.lower() in said_cli.lower(), said_cli
    assert same_refusal(said_cli, said_tui), (said_cli, said_tui)


# people -------------------------------------------------------------------------------

def test_add_person(twins: Twins) -> None:
    cli_ok(twins.cli_home, "person", "add", "Rosa Diaz", "--email", "Rosa@Example.org",
                "--phone", "+34 600 111 222", "--handle", "x=@rosad", "--tag", "climber",
                "--tag", "chef", "--network", "Climbing crew", "--network", "design-guild",
                "--birthday", "--04-15", "--cadence", "30", "--note", "met at the wall")
    assert tui_form(twins.tui_home, ADD_PERSON, PersonForm, {
        "name": "Rosa Diaz", "emails": "Rosa@Example.org", "phones": "+34 600 111 222",
        "handles": "x=@rosad", "tags": "climber, chef",
        "networks": "Climbing crew, design-guild", "birthday": "--04-15", "cadence": "30",
        "notes": "met at the wall"}) is None
    assert_same_databases(twins)


@pytest.mark.parametrize(("cli", "fields", "words"), [
    (["--network", "Nowhere"], {"networks": "Nowhere"}, "no network 'Nowhere'"),
    (["--birthday", "15/04/1990"], {"birthday": "15/04/1990"}, "1990-04-15"),
    (["--birthday", "1990-02-30"], {"birthday": "1990-02-30"}, "not a real date"),
    (["--cadence", "-3"], {"cadence": "-3"}, "cannot be negative"),
    (["--email", "not-an-email"], {"emails": "not-an-email"}, "not an email"),
    (["--handle", "justtext"], {"handles": "justtext"}, "KIND=VALUE"),
])
def test_add_person_refusals(twins: Twins, cli: list[str], fields: dict[str, str],
                             words: str) -> None:
    refuse_alike(twins, ["person", "add", "Rosa Diaz", *cli], ADD_PERSON, PersonForm,
                 {"name": "Rosa Diaz", **fields}, words)


def _gus_tags(twins: Twins) -> str:
    return ", ".join(Store(twins.tui_home).find_person("Gus Silva").tags)


def test_edit_person(twins: Twins) -> None:
    cli_ok(twins.cli_home, "person", "edit", "Gus Silva", "--name", "Gustavo Silva",
                "--cadence", "14", "--add-tag", "photographer", "--birthday", "1991-07-01",
                "--add-network", "Design Guild")
    networks = ", ".join([*Store(twins.tui_home).find_person("Gus Silva").networks,
                          "Design Guild"])
    assert tui_form(twins.tui_home, tui_page("Gus Silva", "e"), PersonForm, {
        "name": "Gustavo Silva", "cadence": "14", "tags": _gus_tags(twins)
        + ", photographer", "birthday": "1991-07-01", "networks": networks}) is None
    assert_same_databases(twins)


@pytest.mark.parametrize(("cli", "fields", "words"), [
    (["--add-network", "Nowhere"], {"networks": "Nowhere"}, "no network"),
    (["--birthday", "someday"], {"birthday": "someday"}, "1990-04-15"),
    (["--cadence", "-1"], {"cadence": "-1"}, "cannot be negative"),
    (["--name", ""], {"name": ""}, "needs a name"),
])
def test_edit_person_refusals(twins: Twins, cli: list[str], fields: dict[str, str],
                              words: str) -> None:
    refuse_alike(twins, ["person", "edit", "Gus Silva", *cli],
                 tui_page("Gus Silva", "e"), PersonForm, fields, words)


def test_merge_people(twins: Twins) -> None:
    for home in (twins.cli_home, twins.tui_home):
        Store(home).add_person(Store(home).find_person("Gus Silva").with_changes(
            id="01JGUSDUPLICATE0000000000A", name="Gus S.", handles={"x": ["gus_s"]},
            sources=(), created="2026-01-01T00:00:00+00:00"))
    cli_ok(twins.cli_home, "person", "merge", "Gus Silva", "Gus S.")
    assert tui_form(twins.tui_home, MERGE, MergeForm,
                         {"keep": "Gus Silva", "absorb": "Gus S."}) is None
    assert_same_databases(twins)


@pytest.mark.parametrize(("keep", "absorb", "words"), [
    ("Gus Silva", "Gus Silva", "same person"),
    ("Gus Silva", "Nobody Atall", "no person"),
    ("Nobody Atall", "Gus Silva", "no person"),
])
def test_merge_refusals(twins: Twins, keep: str, absorb: str, words: str) -> None:
    refuse_alike(twins, ["person", "merge", keep, absorb], MERGE, MergeForm,
                 {"keep": keep, "absorb": absorb}, words)


# networks -----------------------------------------------------------------------------

def test_add_network(twins: Twins) -> None:
    cli_ok(twins.cli_home, "network", "add", "Chess club", "--kind", "friends",
                "--joined", "2024-01-10", "--note", "Tuesdays")
    assert tui_form(twins.tui_home, ADD_NETWORK, NetworkForm, {
        "name": "Chess club", "kind": "friends", "joined": "2024-01-10",
        "notes": "Tuesdays"}) is None
    assert_same_databases(twins)


@pytest.mark.parametrize(("cli", "fields", "words"), [
    (["X", "--kind", "cult"], {"name": "X", "kind": "cult"}, "unknown network kind"),
    (["X", "--joined", "someday"], {"name": "X", "joined": "someday"}, "cannot read"),
    (["LinkedIn"], {"name": "LinkedIn"}, "already exists"),
])
def test_add_network_refusals(twins: Twins, cli: list[str], fields: dict[str, str],
                              words: str) -> None:
    refuse_alike(twins, ["network", "add", *cli], ADD_NETWORK, NetworkForm, fields,
                 words)


def test_edit_network(twins: Twins) -> None:
    cli_ok(twins.cli_home, "network", "edit", "design-guild", "--name", "Design Guild "
                "(old)", "--left", "2026-01-31", "--note", "left after the merger")
    assert tui_form(twins.tui_home, edit_network("design-guild"), NetworkForm, {
        "name": "Design Guild (old)", "left": "2026-01-31",
        "notes": "left after the merger"}) is None
    assert_same_databases(twins)


@pytest.mark.parametrize(("cli", "fields", "words"), [
    (["--kind", "cult"], {"kind": "cult"}, "unknown network kind"),
    (["--left", "someday"], {"left": "someday"}, "cannot read"),
    (["--joined", "2026-05-01", "--left", "2026-01-01"],
     {"joined": "2026-05-01", "left": "2026-01-01"}, "before it was joined"),
    (["--name", " "], {"name": " "}, "needs a name"),
])
def test_edit_network_refusals(twins: Twins, cli: list[str], fields: dict[str, str],
                               words: str) -> None:
    refuse_alike(twins, ["network", "edit", "design-guild", *cli],
                 edit_network("design-guild"), NetworkForm, fields, words)


# needs and offers ---------------------------------------------------------------------

def test_hear(twins: Twins) -> None:
    cli_ok(twins.cli_home, "hear", "Gus Silva", "--need", "a designer", "--tag",
                "design", "--tag", "web", "--network", "Design Guild", "--at", "the meetup",
                "--on", "2026-06-01")
    assert tui_form(twins.tui_home, HEAR, OpportunityForm, {
        "person": "Gus Silva", "type": "need", "text": "a designer", "tags": "design, web",
        "network": "Design Guild", "at": "the meetup", "on": "2026-06-01"}) is None
    assert_same_databases(twins)


@pytest.mark.parametrize(("cli", "fields", "words"), [
    (["Nobody Atall", "--offer", "x"], {"person": "Nobody Atall", "text": "x"}, "no person"),
    (["Gus Silva", "--offer", "x", "--network", "Nowhere"],
     {"person": "Gus Silva", "text": "x", "network": "Nowhere"}, "no network"),
    (["Gus Silva", "--offer", "x", "--on", "someday"],
     {"person": "Gus Silva", "text": "x", "on": "someday"}, "cannot read"),
])
def test_hear_refusals(twins: Twins, cli: list[str], fields: dict[str, str],
                       words: str) -> None:
    refuse_alike(twins, ["hear", *cli], HEAR, OpportunityForm,
                 {"type": "offer", **fields}, words)


# notes and follow-ups -----------------------------------------------------------------

def test_note(twins: Twins) -> None:
    cli_ok(twins.cli_home, "note", "Gus Silva", "Moving to Lyon in June", "--on",
                "yesterday", "--network", "Design Guild")
    assert tui_form(twins.tui_home, tui_page("Gus Silva", "j"), NoteForm, {
        "text": "Moving to Lyon in June", "on": "yesterday",
        "network": "Design Guild"}) is None
    assert_same_databases(twins)
    written = Store(twins.tui_home).notes()
    assert [n.on for n in written] == [(date.today() - timedelta(days=1)).isoformat()]


@pytest.mark.parametrize(("cli", "fields", "words"), [
    (["  "], {"text": "  "}, "needs some text"),
    (["x", "--on", "someday"], {"text": "x", "on": "someday"}, "cannot read"),
    (["x", "--network", "Nowhere"], {"text": "x", "network": "Nowhere"}, "no network"),
])
def test_note_refusals(twins: Twins, cli: list[str], fields: dict[str, str],
                       words: str) -> None:
    refuse_alike(twins, ["note", "Gus Silva", *cli], tui_page("Gus Silva", "j"),
                 NoteForm, fields, words)


@pytest.mark.parametrize(("cli", "fields"), [
    (["--in", "2w"], {"in": "2w"}),
    (["--on", "2030-01-15"], {"on": "2030-01-15"}),
])
def test_follow_up(twins: Twins, cli: list[str], fields: dict[str, str]) -> None:
    cli_ok(twins.cli_home, "follow-up", "Gus Silva", *cli, "--about", "the portfolio")
    assert tui_form(twins.tui_home, tui_page("Gus Silva", "u"), FollowUpForm,
                         {"about": "the portfolio", **fields}) is None
    assert_same_databases(twins)


@pytest.mark.parametrize(("cli", "fields", "words"), [
    (["--in", "forever"], {"in": "forever"}, "forever"),
    (["--on", "someday"], {"on": "someday"}, "cannot read"),
])
def test_follow_up_refusals(twins: Twins, cli: list[str], fields: dict[str, str],
                            words: str) -> None:
    refuse_alike(twins, ["follow-up", "Gus Silva", *cli], tui_page("Gus Silva", "u"),
                 FollowUpForm, fields, words)


# the person page ----------------------------------------------------------------------

def test_person_page_shows_the_same_page_in_both_faces(twins: Twins) -> None:
    import orjson

    from kith.services import followups, notes, relationships
    from kith.services.opportunities import Hearing, hear
    from kith.tui.people import PersonScreen
    from tests.parity.conftest import tui_drive
    from tests.tui.test_tui import text

    for home in (twins.cli_home, twins.tui_home):
        store = Store(home)
        notes.add_note(store, "Gus Silva", "Moving to Lyon", on=date(2026, 5, 1))
        followups.add_follow_up(store, "Gus Silva", date(2030, 1, 15), "the portfolio")
        relationships.relate(store, "Gus Silva", "Fatima Khan", "friend")
        hear(store, Hearing("Gus Silva", "offer", "photography lessons"))
    shown = orjson.loads(cli_ok(twins.cli_home, "person", "show", "Gus Silva",
                                     "--json").stdout)
    seen: dict[str, Any] = {}

    async def steps(app: Any, pilot: Any) -> None:
        await tui_page("Gus Silva", "")(app, pilot)
        screen = app.screen
        assert isinstance(screen, PersonScreen)
        seen["page"] = screen.page
        seen["journal"] = text(screen.query_one("#person-journal"))
        seen["opportunities"] = text(screen.query_one("#person-opportunities"))

    tui_drive(twins.tui_home, steps)
    page: PersonPage = seen["page"]
    journal: str = seen["journal"]
    assert [n["text"] for n in shown["dated_notes"]] == [n.text for n in page.notes] \
        == ["Moving to Lyon"]
    assert [f["about"] for f in shown["follow_ups"]] == [
        f.about for f in page.follow_ups] == ["the portfolio"]
    assert [(r["kind"], r["name"]) for r in shown["relationships"]] == [
        (r.kind, r.name) for r in page.relationships] == [
        ("friend", "Fatima Khan")]
    offers = [o["text"] for o in shown["opportunities"]]
    assert offers == [o.text for o in page.opportunities]
    assert "photography lessons" in offers
    assert {k: v for k, v in shown.items() if k in page.person.to_dict()} == \
        page.person.to_dict()
    assert "friend of Fatima Khan" in journal
    assert "the portfolio" in journal and "Moving to Lyon" in journal
    assert "photography lessons" in seen["opportunities"]

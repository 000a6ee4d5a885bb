"""What users of personal CRMs expect (issue 18): notes, follow-ups, relationships,
search, did-you-mean and forgiving input, driven through the real CLI on a real database.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.core.didyoumean import close_matches
from kith.core.errors import NotFound
from kith.core.model import Person
from kith.core.textfold import fold
from kith.domain.search import name_candidates
from kith.persistence.store import Store


@pytest.fixture
def people(ok: Callable[..., object]) -> None:
    ok("network", "add", "St Mary's", "--kind", "church")
    ok("network", "add", "Climbing club", "--kind", "friends")
    ok("person", "add", "Seán Walsh", "--network", "st-marys", "--handle", "x=@swalsh",
       "--tag", "choir")
    ok("person", "add", "Maureen Kelly", "--email", "mk@example.org")
    ok("person", "add", "Ann Lee", "--network", "climbing-club")
    ok("person", "add", "Anne Smith")
    ok("person", "add", "Дмитрий Иванов")
    ok("person", "add", "王芳")


# notes -------------------------------------------------------------------------------
def test_note_help(ok: Callable[..., object]) -> None:
    assert "PERSON TEXT" in ok("note", "--help").stdout
    assert "--on" in ok("note", "add", "--help").stdout


def test_notes_are_a_dated_journal_newest_first(people: None, ok: Callable[..., object],
                                                ok_json: Callable[..., object]) -> None:
    ok("note", "Walsh", "Moving to Lyon in June", "--on", "2026-01-05")
    ok("note", "Seán", "Got the job", "--on", "yesterday", "--network", "St Mary's")
    ok("note", "add", "Walsh", "Old news", "--on", "2020-02-02")
    shown = ok_json("person", "show", "Walsh")
    journal = shown["dated_notes"]
    assert [n["text"] for n in journal] == ["Got the job", "Moving to Lyon in June",
                                            "Old news"]
    assert journal[0]["on"] == (date.today() - timedelta(days=1)).isoformat()
    assert journal[0]["network"] == "st-marys"
    text = ok("person", "show", "Walsh").stdout
    assert text.index("Got the job") < text.index("Moving to Lyon") < text.index("Old news")
    assert shown["notes"] == ""  # the summary line stays what `person edit --note` says
    listed = ok_json("note", "list", "Walsh", "--search", "LYON")
    assert [n["text"] for n in listed] == ["Moving to Lyon in June"]
    ok("note", "delete", journal[2]["id"])
    assert len(ok_json("person", "show", "Walsh")["dated_notes"]) == 2


def test_note_bad_input(people: None, fails: Callable[..., object]) -> None:
    fails("note", "Nobody Atall", "x", match="no person")
    fails("note", "Walsh", "   ", match="needs some text")
    fails("note", "Walsh", "x", "--on", "someday", match="cannot read 'someday'")
    fails("note", "Walsh", "x", "--network", "Nowhere", match="no network")
    fails("note", "delete", "nonexistent", match="no note")
    fails("note", "Walsh", match="missing argument")


# follow-ups --------------------------------------------------------------------------
def test_follow_up_help(ok: Callable[..., object]) -> None:
    assert "--in 2w" in ok("follow-up", "--help").stdout
    assert "--about" in ok("follow-up", "add", "--help").stdout
    assert "IDENT" in ok("follow-up", "done", "--help").stdout


def test_follow_ups_in_remind_due_first_and_closed_by_log(
        people: None, ok: Callable[..., object], ok_json: Callable[..., object]) -> None:
    later = ok_json("follow-up", "Walsh", "--in", "2w", "--about", "the flat")
    overdue = ok_json("follow-up", "Kelly", "--on", "3 days ago")
    assert later["due"] == (date.today() + timedelta(days=14)).isoformat()
    reminded = ok_json("remind")["follow_ups"]
    assert [f["id"] for f in reminded] == [overdue["id"], later["id"]]
    text = ok("remind").stdout
    assert text.index("Follow-ups due") < text.index("Maureen Kelly") \
        < text.index("coming up") < text.index("the flat")
    assert "overdue by 3 days" in text
    # an interaction with Walsh offers to close his follow-up, with the command
    logged = ok("log", "st-marys", "--with", "Walsh", "--gave", "--kind", "help").stdout
    assert f"kith follow-up done {later['id']}" in logged
    assert ok_json("follow-up", "list")[1]["done"] is None
    # --done-follow-up closes it and names the interaction that did
    closed = ok_json("log", "st-marys", "--with", "Walsh", "--shared", "--done-follow-up")
    assert closed["follow_ups_closed"] == [later["id"]]
    everything = {f["id"]: f for f in ok_json("follow-up", "list", "--all")}
    assert everything[later["id"]]["done_by"] == closed["id"]
    assert [f["id"] for f in ok_json("follow-up", "list")] == [overdue["id"]]
    ok("follow-up", "done", overdue["id"][:10])
    assert ok_json("follow-up", "list") == []
    assert "No follow-ups" in ok("follow-up", "list").stdout


def test_backdated_interaction_does_not_offer_to_close(people: None,
                                                      ok: Callable[..., object],
                                                      ok_json: Callable[..., object]) -> None:
    ok_json("follow-up", "Walsh", "--on", "tomorrow")
    logged = ok_json("log", "st-marys", "--with", "Walsh", "--gave", "--on", "last year"
                     if False else "2020-01-01")
    assert logged["follow_ups_open"] == []


def test_follow_up_bad_input(people: None, ok_json: Callable[..., object],
                             fails: Callable[..., object]) -> None:
    fails("follow-up", "Walsh", match="--on DATE or --in")
    fails("follow-up", "Walsh", "--on", "friday", "--in", "2w", match="one of them")
    fails("follow-up", "Walsh", "--in", "soon", match="duration like")
    fails("follow-up", "Nobody Atall", "--in", "2w", match="no person")
    fails("follow-up", "done", "nope", match="no follow-up")
    item = ok_json("follow-up", "Walsh", "--in", "1w")
    ok_json("follow-up", "done", item["id"])
    fails("follow-up", "done", item["id"], match="already done")


# relationships -----------------------------------------------------------------------
def test_relate_help(ok: Callable[..., object]) -> None:
    assert "--as" in ok("person", "relate", "--help").stdout
    assert "--as" in ok("person", "unrelate", "--help").stdout


def test_relationships_on_both_pages_with_inverse(people: None, ok: Callable[..., object],
                                                  ok_json: Callable[..., object]) -> None:
    ok("person", "relate", "Walsh", "Kelly", "--as", "wife")  # an alias of spouse
    ok("person", "relate", "Walsh", "Ann Lee", "--as", "parent")
    walsh = {r["name"]: r["kind"] for r in ok_json("person", "show", "Walsh")["relationships"]}
    assert walsh == {"Maureen Kelly": "spouse", "Ann Lee": "parent"}
    assert ok_json("person", "show", "Kelly")["relationships"][0]["kind"] == "spouse"
    assert ok_json("person", "show", "Ann Lee")["relationships"][0]["kind"] == "child"
    assert "child of Seán Walsh" in ok("person", "show", "Ann Lee").stdout
    ok("person", "relate", "Ann Lee", "Kelly", "--as", "godmother", "--new-kind")
    ok("person", "unrelate", "Ann Lee", "Walsh", "--as", "child")
    assert [r["name"] for r in ok_json("person", "show", "Ann Lee")["relationships"]] == \
        ["Maureen Kelly"]


def test_relate_bad_input(people: None, ok: Callable[..., object],
                          fails: Callable[..., object]) -> None:
    fails("person", "relate", "Walsh", "Kelly", "--as", "spuse", match="did you mean spouse")
    fails("person", "relate", "Walsh", "Walsh", "--as", "friend", match="themselves")
    fails("person", "relate", "Walsh", "Nobody Atall", "--as", "friend", match="no person")
    fails("person", "relate", "Walsh", "Kelly", match="missing option")
    ok("person", "relate", "Walsh", "Ann Lee", "--as", "parent")
    fails("person", "relate", "Ann Lee", "Walsh", "--as", "child", match="already")
    fails("person", "unrelate", "Walsh", "Kelly", match="no such relationship")


def test_related_people_are_not_suggested(people: None, ok: Callable[..., object],
                                          ok_json: Callable[..., object]) -> None:
    ok("hear", "Walsh", "--need", "a plumber for the church roof")
    ok("hear", "Kelly", "--offer", "plumber, fixes church roof leaks")
    assert ok_json("intro", "suggest")
    ok("person", "relate", "Walsh", "Kelly", "--as", "spouse")
    assert ok_json("intro", "suggest") == []


def test_a_merge_moves_notes_follow_ups_and_relationships(
        people: None, ok: Callable[..., object], ok_json: Callable[..., object]) -> None:
    ok("person", "add", "Sean Walsh Jr")
    ok("note", "Sean Walsh Jr", "a note")
    ok("follow-up", "Sean Walsh Jr", "--in", "1w")
    ok("person", "relate", "Sean Walsh Jr", "Kelly", "--as", "colleague")
    ok("person", "relate", "Sean Walsh Jr", "Seán Walsh", "--as", "child")
    ok("person", "relate", "Sean Walsh Jr", "Ann Lee", "--as", "friend")
    ok("person", "relate", "Seán Walsh", "Ann Lee", "--as", "friend")
    ok("person", "merge", "Seán Walsh", "Sean Walsh Jr")
    shown = ok_json("person", "show", "Seán Walsh")
    assert [n["text"] for n in shown["dated_notes"]] == ["a note"]
    assert len(shown["follow_ups"]) == 1
    assert sorted(r["name"] for r in shown["relationships"]) == ["Ann Lee", "Maureen Kelly"]


# search and naming people ------------------------------------------------------------
def test_find_person_by_surname_first_name_and_folded(people: None,
                                                      ok_json: Callable[..., object]) -> None:
    for ref in ("Walsh", "sean", "SEÁN WALSH", "walsh sean", "Wal"):
        assert ok_json("person", "show", ref)["name"] == "Seán Walsh", ref
    assert ok_json("person", "show", "Ann")["name"] == "Ann Lee"  # whole word beats prefix
    assert ok_json("person", "show", "дмитрий")["name"] == "Дмитрий Иванов"
    assert ok_json("person", "show", "王芳")["name"] == "王芳"


def test_ambiguous_and_unknown_people(people: None, fails: Callable[..., object]) -> None:
    fails("person", "show", "An", match="ambiguous")
    fails("person", "show", "Maureen Kely", match="did you mean Maureen Kelly?")
    fails("person", "show", "Дмитрий Ивонов", match="did you mean Дмитрий Иванов?")
    fails("person", "show", "Zzyzx Qwerty", match="no person 'Zzyzx Qwerty'")


def test_person_list_search(people: None, ok: Callable[..., object],
                            ok_json: Callable[..., object]) -> None:
    ok("note", "Kelly", "Knows everyone at the Café Rouge")
    ok("person", "edit", "Ann Lee", "--note", "bouldering on Tuesdays")

    def names(*args: str) -> list[str]:
        return [r["name"] for r in ok_json("person", "list", "--search", *args)]

    assert names("walsh") == ["Seán Walsh"]
    assert names("SEAN") == ["Seán Walsh"]
    assert names("swalsh") == ["Seán Walsh"]  # a handle
    assert names("choir") == ["Seán Walsh"]  # a tag
    assert names("cafe rouge") == ["Maureen Kelly"]  # a dated note, accents folded
    assert names("mk@example") == ["Maureen Kelly"]
    assert names("bouldering") == ["Ann Lee"]  # the summary note
    assert names("иванов") == ["Дмитрий Иванов"]
    assert names("nothing-like-this") == []
    assert ok("person", "list", "--search", "nothing-like-this").stdout == "No people match.\n"
    table = ok("person", "list", "--search", "walsh").stdout
    assert "1 person\n" in table and "Seán Walsh" in table


def test_history_search(people: None, ok: Callable[..., object],
                        ok_json: Callable[..., object]) -> None:
    ok("log", "st-marys", "--with", "Walsh", "--gave", "--kind", "help",
       "--note", "Fixed the Crèche door")
    ok("log", "climbing-club", "--with", "Ann Lee", "--shared", "--kind", "event")

    def kinds(text: str) -> list[str]:
        return [i["kind"] for i in ok_json("history", "--search", text)]

    assert kinds("creche") == ["help"]
    assert kinds("sean") == ["help"]
    assert kinds("EVENT") == ["event"]
    assert kinds("ann lee") == ["event"]
    assert kinds("nothing") == []
    assert "No interactions match" in ok("history", "--search", "nothing").stdout


def test_person_list_table_is_aligned_and_safe(ok: Callable[..., object]) -> None:
    ok("person", "add", "Evil\x1b[31mRed", "--tag", "x" * 80)
    lines = ok("person", "list").stdout.splitlines()
    assert "\x1b" not in "".join(lines)
    header, rule, *rows = lines[1:]
    assert header.startswith("Name")
    assert all(len(r) <= len(rule) for r in rows)
    assert "…" in rows[-1]  # the long tag was cut


def test_did_you_mean_helpers() -> None:
    assert close_matches("Maureen Kely", ["Maureen Kelly", "Ann Lee"]) == ["Maureen Kelly"]
    assert close_matches("kely", ["Maureen Kelly"]) == ["Maureen Kelly"]
    assert close_matches("sean walsh", ["Seán Walsh"]) == ["Seán Walsh"]
    assert close_matches("xyz", ["Maureen Kelly"]) == []
    docs = [{"name": "Seán Walsh"}, {"name": "Sean Walshe"}]
    assert [d["name"] for d in name_candidates("walsh", docs)] == ["Seán Walsh"]


# forgiving input ---------------------------------------------------------------------
def test_unknown_network_suggests(people: None, fails: Callable[..., object]) -> None:
    fails("log", "St Marys Chruch", "--with", "Walsh", "--gave",
          match="did you mean St Mary's")
    fails("network", "show", "climbing clb", match="did you mean Climbing club")


def test_kind_must_be_known_unless_new(people: None, ok: Callable[..., object],
                                       ok_json: Callable[..., object],
                                       fails: Callable[..., object]) -> None:
    fails("log", "st-marys", "--with", "Walsh", "--gave", "--kind", "voluntering",
          match="did you mean volunteering")
    ok("log", "st-marys", "--with", "Walsh", "--gave", "--kind", "choir-practice",
       "--new-kind")
    ok("log", "st-marys", "--with", "Walsh", "--gave", "--kind", "choir-practice")
    fails("log", "st-marys", "--with", "Walsh", "--gave", "--kind", "Bad Kind!",
          "--new-kind", match="kind")
    item = ok_json("history")[0]
    fails("interaction", "edit", item["id"], "--kind", "hepl", match="did you mean help")


def test_gave_and_received_together_is_an_error(people: None,
                                                fails: Callable[..., object]) -> None:
    fails("log", "st-marys", "--with", "Walsh", "--gave", "--received", match="contradict")
    fails("log", "st-marys", "--with", "Walsh", match="which way")


def test_relative_dates_in_log_and_history(people: None, ok: Callable[..., object],
                                           ok_json: Callable[..., object],
                                           fails: Callable[..., object]) -> None:
    logged = ok_json("log", "st-marys", "--with", "Walsh", "--gave", "--on", "3 days ago")
    assert logged["when"][:10] == (date.today() - timedelta(days=3)).isoformat()
    assert len(ok_json("history", "--since", "last week")) == 1
    assert ok_json("history", "--since", "yesterday") == []
    fails("log", "st-marys", "--with", "Walsh", "--gave", "--on", "the other day",
          match="cannot read")


def test_intro_make_on_and_warning(people: None, ok: Callable[..., object],
                                   run: Callable[..., object]) -> None:
    first = ok("intro", "make", "Walsh", "Kelly", "--network", "st-marys", "--on",
               "2026-01-10", "--json")
    assert '"when": "2026-01-10T00:00:00' in first.stdout
    again = run("intro", "make", "Walsh", "Kelly", "--network", "st-marys")
    assert again.exit_code == 0
    assert "already introduced Seán Walsh and Maureen Kelly on 2026-01-10" in again.stderr


def test_intro_make_bad_date(people: None, fails: Callable[..., object]) -> None:
    fails("intro", "make", "Walsh", "Kelly", "--on", "someday", match="cannot read")


def test_db_folder_must_exist_except_for_init(tmp_path: Path, run: Callable[..., object],
                                              ok: Callable[..., object]) -> None:
    missing = tmp_path / "typo"
    for args in (("person", "list"), ("history",), ("remind",), ("doctor",),
                 ("log", "x", "--with", "y", "--gave"), ("export", "json", "-")):
        result = run("--db", missing, *args)
        assert result.exit_code == 2, args
        assert "no database folder" in result.stderr and "Traceback" not in result.stderr
        assert not missing.exists()
    assert "Usage" in ok("--db", missing, "log", "--help").stdout
    ok("--db", missing, "init")
    assert ok("--db", missing, "person", "list").stdout.startswith("1 person\n")


def test_a_group_without_subcommand_shows_its_help(run: Callable[..., object]) -> None:
    for group in ("note", "follow-up", "export"):
        result = run(group)
        assert "Commands:" in result.stdout + result.stderr
        assert "kith: error" not in result.stderr


def test_option_errors_are_one_line(people: None, fails: Callable[..., object]) -> None:
    result = fails("log", "st-marys", "--bogus")
    assert result.stderr.strip().count("\n") == 0
    assert "log --help`)" in result.stderr
    result = fails("person", "list", "--network")
    assert result.stderr.strip().count("\n") == 0 and "--network" in result.stderr
    result = fails("--bogus-root-option")
    assert result.stderr.strip().count("\n") == 0


def test_interaction_edit_changes_the_people(people: None, ok_json: Callable[..., object],
                                             fails: Callable[..., object]) -> None:
    logged = ok_json("log", "st-marys", "--with", "Walsh", "--gave", "--kind", "help")
    edited = ok_json("interaction", "edit", logged["id"], "--with", "Kelly", "--with",
                     "Ann Lee")
    assert len(edited["people"]) == 2
    assert ok_json("history", "--person", "Walsh") == []
    assert len(ok_json("history", "--person", "Kelly")) == 1
    fails("interaction", "edit", logged["id"], "--with", "Nobody Atall", match="no person")
    fails("interaction", "edit", logged["id"], "--with", "me", match="not with yourself")


@pytest.mark.parametrize("args", [
    ("note", "add"), ("note", "list"), ("note", "delete"), ("follow-up", "add"),
    ("follow-up", "done"), ("follow-up", "list"), ("person", "relate"),
    ("person", "unrelate"), ("export",), ("history",), ("log",), ("interaction", "edit"),
    ("intro", "make")])
def test_every_new_command_and_option_has_help(ok: Callable[..., object],
                                               args: tuple[str, ...]) -> None:
    text = ok(*args, "--help").stdout
    assert "Usage" in text and "--" in text


def test_history_unknown_kind_suggests(people: None, fails: Callable[..., object]) -> None:
    fails("history", "--kind", "voluntering", match="did you mean volunteering")


LETTERS = st.characters(whitelist_categories=("Lu", "Ll", "Lo"))


# letters whose upper case folds back to them (not Turkish dotless ı: "I" is "i")
WORDS = st.text(LETTERS, min_size=3, max_size=8).filter(lambda w: fold(w.upper()) == fold(w))


@given(st.lists(WORDS, min_size=2, max_size=2, unique_by=lambda w: fold(w)))
@settings(max_examples=40, deadline=None)
def test_any_script_is_found_by_folded_surname_and_typo(words: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _found_in_any_script(Store(Path(folder) / "db"), words)


def _found_in_any_script(store: Store, words: list[str]) -> None:
    name = " ".join(words)
    person = store.add_person(Person.create(name))
    decoy = store.add_person(Person.create("Zq Xv"))
    for ref in (words[1], words[1].upper(), fold(name)):
        found = store.find_person(ref)
        assert found.id == person.id, ref
    typo = name[:-1] + ("x" if name[-1] != "x" else "y")
    try:
        found = store.find_person(typo)
        assert found.id in (person.id, decoy.id)
    except NotFound as error:
        assert "did you mean" in str(error) and name in str(error)


def test_history_search_also_shows_matching_notes(people: None, ok: Callable[..., object],
                                                  ok_json: Callable[..., object]) -> None:
    ok("note", "Walsh", "Moving to Lyon", "--on", "2026-01-05")
    text = ok("history", "--search", "lyon").stdout
    assert "No interactions match." in text
    assert "2026-01-05  Seán Walsh: Moving to Lyon" in text
    assert ok_json("history", "--search", "lyon") == []  # the JSON stays interactions


@given(st.text(st.characters(max_codepoint=127)))
def test_folds_ascii_shortcut_agrees_with_the_full_fold(text: str) -> None:
    from kith.core.textfold import fold_unicode

    assert fold(text) == fold_unicode(text)

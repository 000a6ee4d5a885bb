"""The social plugin's importers against real (Mastodon, Facebook) and built (X, LinkedIn)
exports: exact counts, owner detection, mojibake, idempotence, dry runs, bad archives."""

from __future__ import annotations

import io
import shutil
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kith.api.testing import panel_context
from kith.persistence.store import Store
from tests.conftest import FIXTURES, creating_network, snapshot_db


def zip_folder(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, prefix + path.relative_to(folder).as_posix())
    return target


def tar_folder(folder: Path, target: Path) -> Path:
    with tarfile.open(target, "w:gz") as archive:
        for path in sorted(folder.rglob("*")):
            archive.add(path, path.relative_to(folder).as_posix(), recursive=False)
    return target


def summary(ok: Callable[..., object], *args: str) -> dict[str, object]:
    return orjson.loads(ok("import", *creating_network(*args, "--json")).stdout)  # type: ignore[attr-defined]


def test_x_archive_folder_and_zip(ok: Callable[..., object], ok_json: Callable[..., object],
                                  tmp_path: Path, kith_home: Path) -> None:
    first = summary(ok, "x-archive", str(FIXTURES / "x"))
    assert first["network"] == "x-samdesigns"
    assert (first["people_added"], first["interactions_added"]) == (6, 8)
    people = {p["name"]: p for p in ok_json("person", "list")}
    assert people["Me"]["handles"] == {"x": ["samdesigns"]}
    assert people["Ann Lee"]["handles"] == {"x": ["annlee"]}
    assert "Zoé Kowalski" in people  # non-ASCII names from mentions
    history = ok_json("history")
    kinds = [(h["direction"], h["kind"], h["invited"]) for h in history]
    assert kinds.count(("gave", "reply", False)) == 2  # two replies on one day are one
    assert ("gave", "help", True) in kinds  # Ann asked for help, Sam answered
    assert ("received", "message", False) in kinds  # an unanswered pitch
    group = [h for h in history if h["meta"].get("conversation") == "group-77"]
    assert len(group) == 1 and len(group[0]["people"]) == 2
    # the zip of the same archive, one folder deep, adds nothing
    archive = zip_folder(FIXTURES / "x", tmp_path / "twitter-2024-01-01-abc.zip",
                         prefix="twitter-archive/")
    before = snapshot_db(kith_home)
    again = summary(ok, "x-archive", str(archive))
    assert (again["people_added"], again["interactions_added"]) == (0, 0)
    assert again["duplicates_skipped"] == 8
    assert {k: v for k, v in snapshot_db(kith_home).items()} == before


def test_x_archive_old_file_names_without_manifest(ok: Callable[..., object],
                                                   tmp_path: Path) -> None:
    archive = tmp_path / "old"
    shutil.copytree(FIXTURES / "x", archive)
    (archive / "data" / "manifest.js").unlink()
    tweets = (archive / "data" / "tweets.js").read_text()
    (archive / "data" / "tweets.js").unlink()
    (archive / "data" / "tweets-part1.js").unlink()
    (archive / "data" / "tweet.js").write_text(tweets.replace("YTD.tweets.part0",
                                                              "YTD.tweet.part0"))
    result = summary(ok, "x-archive", str(archive))
    assert result["interactions_added"] == 7  # the part file's two tweets are gone


def test_mastodon_archive(ok: Callable[..., object], ok_json: Callable[..., object],
                          tmp_path: Path) -> None:
    archive = tar_folder(FIXTURES / "mastodon", tmp_path / "archive-20240901-abc.tar.gz")
    result = summary(ok, "mastodon-archive", str(archive))
    # the sample account only talks to itself: the owner is found and nothing else is
    assert result["network"] == "mastodon-zapdos-social-erambert-me"
    assert (result["people_added"], result["interactions_added"]) == (0, 0)
    me = ok_json("person", "show", "me")
    assert me["handles"]["mastodon"] == ["@zapdos@social.erambert.me"]


def test_mastodon_mentions_direct_boosts_and_following(ok: Callable[..., object],
                                                       ok_json: Callable[..., object],
                                                       tmp_path: Path) -> None:
    folder = tmp_path / "masto"
    shutil.copytree(FIXTURES / "mastodon", folder)
    outbox = orjson.loads((folder / "outbox.json").read_bytes())
    actor = "https://social.erambert.me/users/zapdos"
    note = outbox["orderedItems"][0]
    direct = orjson.loads(orjson.dumps(note))
    direct["to"], direct["cc"] = ["https://mastodon.example/users/ann"], []
    direct["object"]["tag"] = [{"type": "Mention", "href": "https://mastodon.example/users/ann",
                                "name": "@ann@mastodon.example"}]
    direct["object"]["content"] = "<p>@ann could you review my slides?</p>"
    boost = {"id": f"{actor}/statuses/1/activity", "type": "Announce", "actor": actor,
             "published": "2024-09-02T10:00:00Z", "to": [], "cc": [],
             "object": "https://other.example/users/bob/statuses/42"}
    outbox["orderedItems"] += [direct, boost]
    (folder / "outbox.json").write_bytes(orjson.dumps(outbox))
    result = summary(ok, "mastodon-archive", str(folder))
    assert (result["people_added"], result["interactions_added"]) == (2, 2)
    kinds = sorted(h["kind"] for h in ok_json("history"))
    assert kinds == ["boost", "message"]
    csv = tmp_path / "following_accounts.csv"
    csv.write_text("Account address,Show boosts,Notify on new posts,Languages\n"
                   "ann@mastodon.example,true,false,\ncarol@fosstodon.org,true,false,en\n")
    followed = summary(ok, "mastodon-archive", str(csv), "--network",
                       result["network"])  # type: ignore[arg-type]
    assert (followed["people_added"], followed["people_matched"]) == (1, 1)


@pytest.mark.parametrize(("layout", "options", "people", "interactions"), [
    ("json_simple", [], 2, 2),
    ("json_group", ["--me", "Test User"], 2, 1),
    ("e2ee_simple", [], 2, 2),
])
def test_facebook_layouts(ok: Callable[..., object], ok_json: Callable[..., object],
                          layout: str, options: list[str], people: int,
                          interactions: int) -> None:
    result = summary(ok, "facebook", str(FIXTURES / "facebook" / layout), *options)
    assert (result["people_added"], result["interactions_added"]) == (people, interactions)
    text = orjson.dumps(ok_json("history")).decode()
    assert "\\u00c3" not in text and "Ã" not in text


def test_facebook_mojibake_is_repaired_idempotently() -> None:
    from kith_social.jsdata import fix_mojibake

    assert fix_mojibake("Rados\u00c5\u0082aw") == "Radosław"
    assert fix_mojibake("caf\u00c3\u00a9") == "café"
    assert fix_mojibake(fix_mojibake("caf\u00c3\u00a9")) == "café"
    assert fix_mojibake("naïve") == "naïve"  # real Latin-1 text is left alone
    assert fix_mojibake("日本") == "日本"


def test_facebook_owner_must_be_clear(fails: Callable[..., object]) -> None:
    fails("import", "facebook", str(FIXTURES / "facebook" / "json_group"),
          match="pass --me NAME")


def test_linkedin_current_and_2018(ok: Callable[..., object], ok_json: Callable[..., object],
                                   tmp_path: Path) -> None:
    archive = zip_folder(FIXTURES / "linkedin" / "current", tmp_path / "Basic_LinkedIn.zip")
    current = summary(ok, "linkedin", str(archive))
    assert (current["people_added"], current["interactions_added"]) == (5, 4)
    people = {p["name"]: p for p in ok_json("person", "list")}
    assert people["Ann Lee"]["networks"] == {"linkedin": "2025-12-22"}
    assert people["Ann Lee"]["handles"]["email"] == ["ann@example.org"]
    assert people["Bob Ray"]["extra"]["position"] == "Engineer,\nPlatform"
    assert "Chidi Okafor" in people  # a row wrapped whole in quotes
    history = ok_json("history")
    asked = [h for h in history if h["kind"] == "help"]
    assert len(asked) == 1 and asked[0]["invited"] is True
    assert {h["kind"] for h in history} == {"help", "message", "connection"}
    old = summary(ok, "linkedin", str(FIXTURES / "linkedin" / "2018"))
    assert (old["people_added"], old["people_matched"]) == (1, 2)  # Ann found again by email
    assert old["interactions_added"] == 1


def test_dry_run_writes_nothing(ok: Callable[..., object], kith_home: Path) -> None:
    ok("init")
    before = snapshot_db(kith_home)
    result = summary(ok, "x-archive", str(FIXTURES / "x"), "--dry-run")
    assert result["dry_run"] is True and result["interactions_added"] == 8
    assert snapshot_db(kith_home) == before
    assert not (kith_home / "backups").exists()


def test_import_into_a_named_network_and_backup(ok: Callable[..., object],
                                                kith_home: Path) -> None:
    ok("network", "add", "Twitter", "--kind", "social")
    result = summary(ok, "x-archive", str(FIXTURES / "x"), "--network", "twitter")
    assert result["network"] == "twitter"
    assert len(list((kith_home / "backups").iterdir())) == 1


def test_value_estimates_for_social_kinds(ok: Callable[..., object],
                                          ok_json: Callable[..., object]) -> None:
    ok("import", "x-archive", str(FIXTURES / "x"), "--create-network", "social")
    values = {h["kind"]: h["value"] for h in ok_json("history")}
    assert values["help"]["favours"] == 1
    assert values["reply"]["fun"] == 1 and values["reply"]["favours"] == 0


@pytest.mark.parametrize(("source", "content", "match"), [
    ("x-archive", b"PK\x03\x04 truncated", "not a readable zip"),
    ("x-archive", b"just some text", "not a folder, zip or tar.gz"),
    ("mastodon-archive", b"\x1f\x8b\x08\x00broken", "not a readable tar"),
    ("linkedin", b"PK\x05\x06" + b"\0" * 18, "not a LinkedIn export"),
])
def test_broken_archives_are_clear_errors(fails: Callable[..., object], tmp_path: Path,
                                          source: str, content: bytes, match: str) -> None:
    bad = tmp_path / "export.bin"
    bad.write_bytes(content)
    fails("import", source, str(bad), match=match)


def test_a_bad_record_is_skipped_or_with_strict_writes_nothing(
        fails: Callable[..., object], ok: Callable[..., object], tmp_path: Path,
        kith_home: Path) -> None:
    ok("init")
    archive = tmp_path / "x"
    shutil.copytree(FIXTURES / "x", archive)
    part = archive / "data" / "tweets-part1.js"
    part.write_text(part.read_text().replace("Tue Aug 15 12:30:00 +0000 2023", "yesterday"))
    before = snapshot_db(kith_home)
    result = fails("import", "x-archive", str(archive), "--strict", "--create-network",
                   "social", match="bad created_at")
    assert "tweets-part1.js" in result.stderr and "record 2" in result.stderr  # type: ignore[attr-defined]
    assert snapshot_db(kith_home) == before
    tolerant = summary(ok, "x-archive", str(archive))
    assert len(tolerant["skipped"]) == 1 and "record 2" in tolerant["skipped"][0]
    assert tolerant["interactions_added"] == 7  # the other eight minus the skipped tweet


def test_js_files_are_never_evaluated(fails: Callable[..., object], tmp_path: Path) -> None:
    archive = tmp_path / "x"
    shutil.copytree(FIXTURES / "x", archive)
    marker = tmp_path / "pwned"
    (archive / "data" / "account.js").write_text(
        f"require('fs').writeFileSync('{marker}', 'x'); window.YTD.account.part0 = []")
    fails("import", "x-archive", str(archive))
    assert not marker.exists()


def _x_zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted((FIXTURES / "x").rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(FIXTURES / "x").as_posix())
    return buffer.getvalue()


X_ZIP = _x_zip_bytes()


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_archives_give_clear_errors_or_import(tmp_path_factory: pytest.TempPathFactory,
                                                      data: st.DataObject) -> None:
    from click.testing import CliRunner

    from kith.cli.main import build_cli

    home = tmp_path_factory.mktemp("fuzz")
    blob = bytearray(X_ZIP)
    how = data.draw(st.sampled_from(["truncate", "flip", "splice"]))
    if how == "truncate":
        blob = blob[:data.draw(st.integers(0, len(blob) - 1))]
    elif how == "flip":
        for _ in range(data.draw(st.integers(1, 20))):
            blob[data.draw(st.integers(0, len(blob) - 1))] = data.draw(st.integers(0, 255))
    else:
        at = data.draw(st.integers(0, len(blob)))
        blob[at:at] = data.draw(st.binary(min_size=1, max_size=200))
    path = home / "export.zip"
    path.write_bytes(bytes(blob))
    Store(home / "db").create()
    before = snapshot_db(home / "db")
    result = CliRunner().invoke(build_cli(), ["--db", str(home / "db"), "import", "x-archive",
                                              str(path), "--create-network", "social"])
    assert result.exit_code in (0, 2), (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr
    if result.exit_code == 2:
        assert snapshot_db(home / "db") == before
        assert len(result.stderr.strip().splitlines()) == 1


def test_social_panel(store: Store) -> None:
    import asyncio

    from kith_social import register_sources
    from kith_social.panel import SocialPanel
    from textual.app import App, ComposeResult

    from kith.importing.engine import apply_batch

    specs: dict[str, object] = {}
    register_sources(lambda spec: specs.__setitem__(spec.name, spec))
    spec = specs["x-archive"]
    from kith.importing.toolkit.records import ImportContext

    batch = spec.parse(FIXTURES / "x", ImportContext())  # type: ignore[attr-defined]
    apply_batch(store, spec, batch, path=FIXTURES / "x", create_network="social")  # type: ignore[arg-type]

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield SocialPanel(panel_context(store))

    async def drive() -> str:
        app = Host()
        async with app.run_test(size=(80, 30)) as pilot:
            await pilot.pause()
            from textual.widgets import DataTable, Static

            table = app.query_one(DataTable)
            assert table.row_count == 5  # everyone with a conversation
            return " ".join(str(w.render()) for w in app.query(Static))

    text = asyncio.run(drive())
    assert "X @samdesigns" in text and "Ann Lee" in text

"""The import use case, called directly: a real importer (kith's church calendar) on a
real iCalendar file, into a real store. All or nothing, estimated before the write,
announced after the commit, and nothing written on a dry run or a refusal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kith.core.errors import ImportFormatError, KithError, NotFound, ValidationError
from kith.persistence.store import Store
from kith.plugins.manager import load_plugins
from kith.services.imports import ImportRequest, import_batch
from tests.conftest import FIXTURES, snapshot_db
from tests.services.conftest import Heard

EXAMPLE = FIXTURES / "ics" / "example.ics"
YEAR = {"since": "2022-01-01", "until": "2022-12-31", "role": "auto",
        "gave_keywords": None, "me_emails": None}


@pytest.fixture
def importing(kith_home: Path, first_party_plugins_only: None) -> tuple[Store, Heard]:
    heard = Heard(kith_home)
    plugins = load_plugins()
    plugins.register_module(heard, "listens")
    return Store(kith_home, plugins=plugins), heard


def calendar(store: Store, path: Path = EXAMPLE, **fields: Any) -> ImportRequest:
    data: dict[str, Any] = {"spec": store.plugins.sources()["church-calendar"], "path": path,
                            "create_network": "church", "options": YEAR}
    data.update(fields)
    return ImportRequest(**data)


def test_an_import_stores_estimates_and_announces(importing: tuple[Store, Heard]) -> None:
    store, heard = importing
    summary = import_batch(store, calendar(store))
    assert summary.interactions_added == 3 and summary.networks_created
    stored = list(Store(store.home).interactions())
    assert len(stored) == 3
    # the calendar gives no value: the church plugin's estimate, marked so
    assert all(not i.value.is_empty and i.meta["estimated"] is True for i in stored)
    assert [n for _, n in heard.events] == [3, 3, 3]  # after the commit: all there
    assert sorted(i for i, _ in heard.events) == sorted(i.id for i in stored)


def test_a_second_import_adds_nothing_and_keeps_the_values(
        importing: tuple[Store, Heard]) -> None:
    store, heard = importing
    import_batch(store, calendar(store))
    values = {i.id: i.value for i in store.interactions()}
    again = import_batch(store, calendar(store))
    assert (again.interactions_added, again.duplicates_skipped) == (0, 3)
    assert {i.id: i.value for i in Store(store.home).interactions()} == values
    assert len(heard.events) == 3  # nothing new, nothing announced


def test_a_dry_run_writes_nothing_not_even_a_database(importing: tuple[Store, Heard]) -> None:
    store, heard = importing
    summary = import_batch(store, calendar(store, dry_run=True))
    assert summary.dry_run and summary.interactions_added == 3
    assert not (store.home / "kith.json").exists() and heard.events == []


@pytest.mark.parametrize(("fields", "error", "words"), [
    ({"path": FIXTURES / "ics" / "missing.ics"}, KithError, "no such file"),
    ({"network": "Nowhere", "create_network": None}, NotFound, "no network"),
    ({"create_network": "castle"}, ValidationError, "unknown network kind"),
    ({"path": FIXTURES / "ics" / "broken_ical.ics", "strict": True}, ImportFormatError,
     "broken_ical"),
])
def test_refusals_write_nothing(importing: tuple[Store, Heard], fields: dict[str, Any],
                                error: type[Exception], words: str) -> None:
    store, heard = importing
    import_batch(store, calendar(store, path=FIXTURES / "ics" / "x_location.ics",
                                 options={**YEAR, "since": "2016-10-01",
                                          "until": "2016-11-30"}))
    before = snapshot_db(store.home)
    announced = len(heard.events)
    with pytest.raises(error, match=words):
        import_batch(store, calendar(store, **fields))
    assert snapshot_db(store.home) == before and len(heard.events) == announced


def test_a_failure_while_writing_leaves_the_database_unchanged(
        importing: tuple[Store, Heard], monkeypatch: pytest.MonkeyPatch) -> None:
    """People are saved before the interactions: if the upsert fails, they go too."""
    store, heard = importing
    store.create()
    before = snapshot_db(store.home)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OSError("disk full")

    monkeypatch.setattr(Store, "upsert_interactions", broken)
    with pytest.raises(OSError):
        import_batch(store, calendar(store))
    assert snapshot_db(store.home) == before and heard.events == []

"""Fixtures for the use-case tests: a real store on disk with a small network of people,
and ``refused`` to prove a refusal names its field and changes nothing on disk."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kith.persistence.store import Store
from kith.services.networks import NetworkDetails, add_network
from kith.services.people import PersonDetails, add_person
from kith.services.recording import FieldError
from tests.conftest import snapshot_db

KINDS = ("social", "church", "association", "friends", "other")


@pytest.fixture
def crew(store: Store) -> Store:
    """A climbing crew and a choir; Ann and Tom climb, Bea sings (written through the use
    cases, so the database is what a user would have)."""
    add_network(store, NetworkDetails("Climbing crew", kind="friends"), kinds=KINDS)
    add_network(store, NetworkDetails("Choir", kind="association"), kinds=KINDS)
    add_person(store, PersonDetails("Ann Lee", networks=("Climbing crew",)))
    add_person(store, PersonDetails("Tom Lee", networks=("climbing-crew",)))
    add_person(store, PersonDetails("Bea Ruiz", networks=("Choir",)))
    return store


@pytest.fixture
def refused(kith_home: Path) -> Callable[..., contextlib.AbstractContextManager[None]]:
    """``with refused("field", "words"):`` the block raises a refusal naming ``field`` (a
    ``FieldError``; ``None``: any ``KithError``) that says ``words``, and the database on
    disk is byte for byte as before."""
    from kith.core.errors import KithError

    @contextlib.contextmanager
    def check(field: str | None, words: str) -> Iterator[None]:
        before = snapshot_db(kith_home)
        with pytest.raises(KithError) as caught:
            yield
        error = caught.value
        if field is not None:
            assert isinstance(error, FieldError) and error.field == field, \
                (getattr(error, "field", None), str(error))
        assert words.lower() in str(error).lower(), str(error)
        assert snapshot_db(kith_home) == before, "a refusal changed the database"

    return check

"""Use cases for networks: add one, edit one.

The faces hand over typed values (``NetworkDetails``, ``NetworkChanges``: dates already
read as dates) and the kinds kith and its plugins know; the rules are here: a name is
required, the kind must be known, a network is not left before it was joined, an id is
not taken twice. One transaction each; a refusal is a ``FieldError`` naming the field.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from kith.core.errors import ValidationError
from kith.core.model import Network
from kith.services.recording import FieldError, in_field

if TYPE_CHECKING:
    from kith.persistence.store import Store


class Keep(Enum):
    """"Leave this date as it is", where ``None`` means "no date"."""

    KEEP = "keep"


KEEP = Keep.KEEP


@dataclass(frozen=True)
class NetworkDetails:
    """Everything said about a new network; ``id`` defaults to a slug of the name."""

    name: str
    kind: str = "other"
    joined: date | None = None
    left: date | None = None
    notes: str = ""
    id: str | None = None


@dataclass(frozen=True)
class NetworkChanges:
    """What to change about a network (``None`` or ``KEEP``: leave it); its id stays."""

    name: str | None = None
    kind: str | None = None
    joined: date | Keep | None = KEEP
    left: date | Keep | None = KEEP
    notes: str | None = None

    @classmethod
    def replacing(cls, details: NetworkDetails) -> NetworkChanges:
        return cls(name=details.name, kind=details.kind, joined=details.joined,
                   left=details.left, notes=details.notes)


def check_kind(kinds: Iterable[str], kind: str) -> str:
    """``kind`` if it is a network kind kith or a plugin knows."""
    known = list(kinds)
    if kind not in known:
        raise ValidationError(f"unknown network kind {kind!r} (known: {', '.join(known)})")
    return kind


def _name(name: str) -> str:
    if not name.strip():
        raise FieldError("name", "a network needs a name")
    return name.strip()


def _check_dates(joined: date | None, left: date | None) -> None:
    if joined and left and left < joined:
        raise FieldError("left", f"a network cannot be left ({left}) before it was "
                                 f"joined ({joined})")


def _built(**fields: Any) -> Network:
    try:
        return Network(**fields)
    except ValidationError as error:
        raise FieldError("name", str(error)) from None


def add_network(store: Store, details: NetworkDetails, *, kinds: Iterable[str]) -> Network:
    """Write a new network."""
    with store.transaction():
        name = _name(details.name)
        kind = in_field("kind", check_kind, kinds, details.kind.strip() or "other")
        _check_dates(details.joined, details.left)
        try:
            network = Network.create(name, kind=kind, id=details.id, joined=details.joined,
                                     left=details.left, notes=details.notes.strip())
        except ValidationError as error:
            raise FieldError("name", str(error)) from None
        if store.get_network(network.id) is not None:
            raise FieldError("name", f"a network with id {network.id!r} already exists")
        return store.add_network(network)


def edit_network(store: Store, ref: str, changes: NetworkChanges, *,
                 kinds: Iterable[str]) -> Network:
    """Change the network ``ref`` names (an id or an unambiguous name)."""
    with store.transaction():
        found = in_field("network", store.find_network, ref)
        name = found.name if changes.name is None else _name(changes.name)
        kind = found.kind if changes.kind is None else in_field(
            "kind", check_kind, kinds, changes.kind.strip() or "other")
        joined = found.joined if changes.joined is KEEP else changes.joined
        left = found.left if changes.left is KEEP else changes.left
        _check_dates(joined, left)
        notes = found.notes if changes.notes is None else changes.notes.strip()
        return store.save_network(_built(id=found.id, name=name, kind=kind, joined=joined,
                                          left=left, notes=notes))

"""Networks (a church, a club, a company) in ``kith.json``: lookup by id or name."""

from __future__ import annotations

from typing import Literal, overload

from kith.core.didyoumean import close_matches, phrase
from kith.core.errors import Ambiguous, NotFound, ValidationError
from kith.core.ids import slugify
from kith.core.model import Network
from kith.persistence.store.core import Core


class Networks:
    def __init__(self, core: Core):
        self.core = core

    def all(self) -> list[Network]:
        return sorted((Network.from_dict(d) for d in self.core.table("networks").all()),
                      key=lambda n: n.name.casefold())

    def get(self, ident: str) -> Network | None:
        doc = self.core.table("networks").get(doc_id=ident)
        return Network.from_dict(doc) if doc else None

    @overload
    def find(self, ref: str, *, missing_ok: Literal[False] = False) -> Network: ...

    @overload
    def find(self, ref: str, *, missing_ok: bool) -> Network | None: ...

    def find(self, ref: str, *, missing_ok: bool = False) -> Network | None:
        """A network by id or by an unambiguous name (case-insensitive, prefix allowed)."""

        found = self.get(ref.strip().lower()) or self.get(slugify(ref))
        if found:
            return found
        wanted = ref.strip().casefold()
        networks = self.all()
        exact = [n for n in networks if n.name.casefold() == wanted]
        candidates = exact or [n for n in networks if n.name.casefold().startswith(wanted)
                               or n.id.startswith(wanted)]
        if not candidates:  # "church" names the only network of that kind
            candidates = [n for n in networks if n.kind == wanted]
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            raise Ambiguous(f"network {ref!r} is ambiguous: "
                            + ", ".join(f"{n.name} ({n.id})" for n in candidates[:5]))
        if missing_ok:
            return None
        names = ", ".join(n.id for n in networks[:8]) or "none yet; add one with `kith network add`"

        by_label = {**{n.id: n.name for n in networks}, **{n.name: n.name for n in networks}}
        # few networks: a looser match is still a good guess
        hint = phrase(list(dict.fromkeys(by_label[c] for c in close_matches(
            ref, by_label, cutoff=0.6))))
        raise NotFound(f"no network {ref!r}{hint} (known: {names})")

    def save(self, network: Network) -> Network:
        with self.core.transaction():
            self.core.table("networks").put(network.id, network.to_dict())
        return network

    def add(self, network: Network) -> Network:
        with self.core.transaction():
            if self.get(network.id):
                raise ValidationError(f"a network with id {network.id!r} already exists")
            return self.save(network)

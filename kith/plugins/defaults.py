"""kith's own hook implementations, registered like any plugin's.

They answer last (``trylast``), so any installed plugin can override them.
"""

from __future__ import annotations

from collections.abc import Callable

from kith import hookimpl
from kith.core.model import Interaction, Network, Value
from kith.domain.network_kinds import NetworkKind

DEFAULT_VALUES: dict[str, dict[str, int]] = {
    # favours: help, advice and introductions are favours, given or received
    "help": {"favours": 1, "minutes": 30},
    "advice": {"favours": 1, "minutes": 30},
    "introduction": {"favours": 1, "minutes": 15},
    "referral": {"favours": 1},
    # time: showing up and doing the work
    "volunteering": {"minutes": 120},
    "talk": {"minutes": 120},
    "workshop": {"minutes": 180},
    "meeting": {"minutes": 60, "fun": 1},
    "event": {"minutes": 120, "fun": 2},
    "service": {"minutes": 90, "fun": 2},
    "meal": {"minutes": 90, "fun": 3},
    "call": {"minutes": 20, "fun": 1},
    # conversation and small talk: a little companionship
    "conversation": {"minutes": 10, "fun": 1},
    "message": {"minutes": 5, "fun": 1},
    "reply": {"minutes": 2, "fun": 1},
    "mention": {"fun": 1},
    "like": {"fun": 1},
    "boost": {"fun": 1},
    "post": {"minutes": 5},
}


@hookimpl(trylast=True)
def estimate_value(interaction: Interaction, network: Network | None) -> Value | None:
    """A modest default by kind, so interactions logged without numbers still count.

    Money is never guessed: only the user or an export knows an amount. A pitch or a
    plain message carries no estimated fun (issue 25): only fun the user rates counts,
    and an estimate must not make pitching look like companionship.
    """
    fields = DEFAULT_VALUES.get(interaction.kind)
    if fields and (interaction.initiative == "pitched" or interaction.kind == "message"):
        fields = {k: v for k, v in fields.items() if k != "fun"}  # a pitch is not fun
    return Value(**fields) if fields else None


@hookimpl
def register_network_kinds(register: Callable[[NetworkKind], None]) -> None:
    register(NetworkKind("other", "Any other group you belong to."))

"""The contract between kith and its plugins: every hook kith calls.

Hooks are called with keyword arguments; an implementation may accept fewer arguments
than its spec, so specs can grow without breaking plugins. Broadcast hooks
(``interaction_recorded``, ``value_assessed``, the ``register_*`` hooks and
``suggest_introductions``) are called one implementation at a time by
``kith.plugins.manager.Plugins``: one plugin that raises is reported by name and the others still
run. ``estimate_value`` is ``firstresult``: the first non-``None`` answer wins, and kith's
own default answers last.

The arguments are typed (``Store``, ``Assessment``, ...) for plugin authors' type checkers and
editors; the types are imported only under ``TYPE_CHECKING``, so loading the contract loads
neither the store nor the ledger. Plugins import the same names from ``kith.api``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:  # the arguments' types, for type checkers only: nothing heavy loads
    import click

    from kith.core.model import Interaction, Network, Opportunity, Person, Value
    from kith.domain.ledger import Assessment
    from kith.domain.network_kinds import NetworkKind
    from kith.domain.serendipity import Suggestion
    from kith.importing.toolkit.spec import SourceSpec
    from kith.persistence.store import Store

hookspec = pluggy.HookspecMarker("kith")


@hookspec
def interaction_recorded(interaction: Interaction, store: Store) -> None:
    """Fires after an interaction is stored (by the CLI, an import, the TUI or a plugin).

    Called once per stored interaction, after the write is durable; what a plugin does
    here cannot undo it. Return value ignored.
    """


@hookspec
def value_assessed(assessment: Assessment, store: Store) -> None:
    """Fires after a network is assessed, once per network and window, with the
    ``kith.domain.ledger.Assessment``. Return value ignored."""


@hookspec
def register_sources(register: Callable[[SourceSpec], None]) -> None:
    """Called once at start-up to contribute importers.

    Call ``register(kith.api.SourceSpec(...))`` for each source; kith runs them as
    ``kith import NAME PATH``. Return value ignored.
    """


@hookspec
def register_commands(cli: click.Group) -> None:
    """Called once while the CLI is built: add click commands or groups to ``cli``.

    Return value ignored.
    """


@hookspec
def register_panels(register: Callable[[str, str], None]) -> None:
    """Called when the TUI starts: ``register(title, "package.module:Class")`` adds a tab.

    The class is a Textual widget built as ``Class(context)`` with a ``kith.api.PanelContext``
    (the store, the configuration, the day and the plugins) when its tab is first shown, so
    its module (and Textual) is imported only then. If building raises, the tab shows an
    error panel naming the plugin. (Older registrations, a factory function or a class
    taking the store, still work, with a ``DeprecationWarning`` naming the plugin.)
    Return value ignored.
    """


@hookspec
def register_network_kinds(register: Callable[[NetworkKind], None]) -> None:
    """Called once at start-up: ``register(kith.domain.network_kinds.NetworkKind(...))`` declares a
    kind of
    network with its description and default assessment rules. Return value ignored."""


@hookspec(firstresult=True)
def estimate_value(interaction: Interaction, network: Network | None) -> Value | None:
    """Called for an interaction recorded without any value: return a ``kith.core.model.Value``
    to store with it, or ``None`` to let the next plugin answer. ``firstresult``: the
    first non-``None`` answer wins; kith's own default (``trylast``) answers by kind."""


@hookspec
def suggest_introductions(people: list[Person],
                          opportunities: list[Opportunity]) -> list[Suggestion] | None:
    """Called by ``kith intro suggest``: return a list of
    ``kith.domain.serendipity.Suggestion`` (pairs of people worth introducing, with a score in
    0..1 and evidence in words). Results of all plugins are merged and deduplicated."""

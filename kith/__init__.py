"""kith: a personal-networking assistant that shows which of your networks give back.

Plugin authors import ``hookimpl`` from here::

    from kith import hookimpl

    @hookimpl
    def interaction_recorded(interaction, store):
        ...
"""

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    import pluggy

    hookimpl: pluggy.HookimplMarker

__all__ = ["__version__", "hookimpl"]


def __getattr__(name: str) -> Any:
    """``hookimpl``, made on first use: importing pluggy costs a Tab (``kith.cli.entry``
    completes names without it) a fifth of its time."""
    if name == "hookimpl":
        import pluggy

        marker = globals()["hookimpl"] = pluggy.HookimplMarker("kith")
        return marker
    raise AttributeError(f"module 'kith' has no attribute {name!r}")

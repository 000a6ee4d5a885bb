"""kith: a personal-networking assistant that shows which of your networks give back.

Plugin authors import ``hookimpl`` from here::

    from kith import hookimpl

    @hookimpl
    def interaction_recorded(interaction, store):
        ...
"""

import pluggy

__version__ = "0.1.0"

hookimpl = pluggy.HookimplMarker("kith")

__all__ = ["__version__", "hookimpl"]

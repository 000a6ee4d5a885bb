"""What a plugin's click commands need: the open database, output, and files written safely.

``pass_app`` hands a command the ``KithApp`` (store, configuration, plugins) that kith's own
commands get; ``output`` prints a result as text or, with ``--json``, as JSON; ``echo`` prints
terminal-safe text (never ``click.echo`` or ``print``: data may hold control characters);
``write_private`` writes a file atomically, owner-only; the formatters say money and minutes
the way kith does.
"""

from __future__ import annotations

from kith.api._lazy import Exports

EXPORTS = Exports(__name__, {
    "kith.api.command_support": ("emit_json", "output", "pass_app"),
    "kith.core.safeoutput": ("echo",),
    "kith.core.parsing": ("format_minutes", "format_money"),
    "kith.export": ("fold_line", "write_private"),
})

__all__ = EXPORTS.names
__getattr__ = EXPORTS.module_getattr()
__dir__ = EXPORTS.module_dir(globals())

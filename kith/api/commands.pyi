"""Generated from the EXPORTS table of kith/api/commands.py by ``kith.api._lazy.write_stubs``;
do not edit: it tells type checkers what the module's ``__getattr__`` returns."""

from kith.api._lazy import Exports
from kith.api.command_support import emit_json as emit_json
from kith.api.command_support import output as output
from kith.api.command_support import pass_app as pass_app
from kith.core.parsing import format_minutes as format_minutes
from kith.core.parsing import format_money as format_money
from kith.core.safeoutput import echo as echo
from kith.export import fold_line as fold_line
from kith.export import write_private as write_private

EXPORTS: Exports

__all__ = [
    "echo",
    "emit_json",
    "fold_line",
    "format_minutes",
    "format_money",
    "output",
    "pass_app",
    "write_private",
]

"""What a click command of kith's, or of a plugin, uses to reach the database and to print.

Defined here, in the API layer, so that plugins and kith's own CLI (``kith.cli.commands``)
share them without the plugin surface depending on the CLI.
"""

from __future__ import annotations

import sys
from typing import Any

import click
import orjson

from kith.core.safeoutput import echo, terminal_takes_unicode
from kith.services.context import KithApp

pass_app = click.make_pass_decorator(KithApp)
"""Hands a command the ``KithApp`` (store, configuration, plugins) the CLI created."""


def emit_json(data: Any) -> None:
    """Write ``data`` as indented JSON on stdout."""
    try:
        if not terminal_takes_unicode():  # escaped, so that the output stays valid JSON
            raise orjson.JSONEncodeError
        text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
    except orjson.JSONEncodeError:  # or a total beyond 64 bits: JSON has no such limit
        import json

        text = json.dumps(data, indent=2, ensure_ascii=not terminal_takes_unicode(),
                          default=str)
    sys.stdout.write(text + "\n")


def output(obj: Any, text: str, *, as_json: bool) -> None:
    """Print a command's result: ``obj`` as indented JSON with ``--json``, else ``text``
    (terminal-safe: control characters in data are neutralised, see ``echo``)."""
    if as_json:
        emit_json(obj)
    else:
        echo(text)

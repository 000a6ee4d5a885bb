"""The ``kith`` console script: a Tab answered before click is imported, else the CLI.

Why a module of its own: ``kith.cli.main`` imports click and the plugin machinery at its
top, which alone cost more than a Tab may take. When a shell asks for the completion of a
person or a network (``_KITH_COMPLETE=..._complete``), ``kith.cli.fastcomplete`` answers
with the same bytes click would print; for anything else, and for every normal run, this
hands over to ``kith.cli.main.main`` untouched.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Console-script entry point."""
    if os.environ.get("_KITH_COMPLETE", "").endswith("_complete"):
        from kith.cli.fastcomplete import answer

        found = answer(os.environ)
        if found is not None:
            sys.stdout.buffer.write(found)
            sys.stdout.flush()
            return
    from kith.cli.main import main as cli_main

    cli_main()

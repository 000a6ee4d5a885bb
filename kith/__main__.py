"""``python -m kith``: the same as the ``kith`` command."""

from kith.cli.entry import main

main()

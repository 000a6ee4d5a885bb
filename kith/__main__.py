"""``python -m kith``: the same as the ``kith`` command."""

from kith.cli import main

main()

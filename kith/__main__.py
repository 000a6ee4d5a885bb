"""``python -m kith``: the same as the ``kith`` command."""

from kith.cli.main import main

main()

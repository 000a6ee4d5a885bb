"""The ``kith`` command line: the group factory and one module per command."""

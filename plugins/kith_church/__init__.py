"""kith's church plugin: services, small groups, volunteering and giving."""

from kith import hookimpl
from kith.kinds import NetworkKind

__version__ = "0.1.0"


@hookimpl
def register_network_kinds(register):
    register(NetworkKind(
        "church", "A congregation: services and small groups, volunteering and giving.",
        rules={}))

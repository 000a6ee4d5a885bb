"""kith's association plugin: professional associations, meetups, conferences and dues."""

from kith import hookimpl
from kith.kinds import NetworkKind

__version__ = "0.1.0"


@hookimpl
def register_network_kinds(register):
    register(NetworkKind(
        "association", "A professional association or meetup: talks, events, dues, clients.",
        rules={}))

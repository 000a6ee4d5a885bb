"""kith's friends plugin: contacts, chats and keeping in touch."""

from kith import hookimpl
from kith.kinds import NetworkKind

__version__ = "0.1.0"


@hookimpl
def register_network_kinds(register):
    register(NetworkKind(
        "friends", "A circle of friends: companionship first, favours both ways.",
        rules={}))

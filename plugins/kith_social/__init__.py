"""kith's social-media accounts plugin: X/Twitter, Mastodon, Facebook and LinkedIn."""

from kith import hookimpl
from kith.kinds import NetworkKind

__version__ = "0.1.0"


@hookimpl
def register_network_kinds(register):
    register(NetworkKind(
        "social", "A social-media account: its followers, replies and messages.",
        rules={}))

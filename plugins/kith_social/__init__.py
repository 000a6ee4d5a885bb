"""kith's social-media accounts plugin: X/Twitter, Mastodon, Facebook and LinkedIn.

Importers are pure functions from an export to an ``ImportBatch``; kith's core matches
people and writes everything in one transaction. Values come from this plugin's
``estimate_value``: a reply thread is a little fun, a long conversation more, and a
request for help that the user answered is a favour given.
"""

from __future__ import annotations

from collections.abc import Callable

from kith.api import Interaction, Network, NetworkKind, SourceSpec, Value, hookimpl

__version__ = "0.1.0"

SOURCES = ("x-archive", "mastodon-archive", "facebook", "linkedin")


@hookimpl
def register_network_kinds(register: Callable[[NetworkKind], None]) -> None:
    register(NetworkKind(
        "social", "A social-media account: its followers, replies and messages.",
        rules={"min_interactions": 10}))


@hookimpl
def register_sources(register: Callable[[SourceSpec], None]) -> None:
    import click

    me = click.Option(["--me", "me"], help="Your name as Facebook shows it (default: the "
                      "participant present in every thread).")
    register(SourceSpec("x-archive", "X/Twitter archive: replies, mentions, DMs, followers",
                        "the twitter-*.zip archive or its unpacked folder",
                        "kith_social.x_archive:parse", network_kind="social"))
    register(SourceSpec("mastodon-archive", "Mastodon archive: posts, replies, mentions, "
                        "direct messages, boosts; or following_accounts.csv",
                        "archive-*.tar.gz, its unpacked folder, or following_accounts.csv",
                        "kith_social.mastodon:parse", network_kind="social"))
    register(SourceSpec("facebook", "Facebook download: Messenger threads and friends",
                        "the JSON export zip or folder (any year's layout, including "
                        "end-to-end-encrypted Messenger)", "kith_social.facebook:parse",
                        network_kind="social", options=[me]))
    register(SourceSpec("linkedin", "LinkedIn export: connections, messages, invitations",
                        "the LinkedIn data export zip or folder",
                        "kith_social.linkedin:parse",
                        network_kind="social"))


@hookimpl
def estimate_value(interaction: Interaction, network: Network | None) -> Value | None:
    """Values for social interactions, from what the importer saw."""
    source = (interaction.source or "").split(":", 1)[0]
    if source not in SOURCES:
        return None
    messages = int(interaction.meta.get("messages", 1) or 1)
    minutes = int(interaction.meta.get("minutes", 0) or 0)
    if interaction.kind == "help":
        return Value(favours=1, minutes=max(15, min(60, 3 * messages)))
    if interaction.kind in ("call",):
        return Value(minutes=max(minutes, 5), fun=2)
    if interaction.kind in ("conversation", "message"):  # a pitch or a plain message: no fun
        fun = 0 if interaction.initiative == "pitched" else 2 if messages >= 10 else \
            1 if interaction.kind == "conversation" else 0
        return Value(minutes=min(60, 2 * messages), fun=fun)
    if interaction.kind in ("reply", "mention", "boost", "like"):
        return Value(minutes=min(10, messages), fun=1)
    if interaction.kind == "connection":
        return Value(minutes=2)
    return None


@hookimpl
def register_panels(register: Callable[[str, str], None]) -> None:
    register("Social", "kith_social.panel:SocialPanel")

"""kith's friends plugin: contacts, chats and keeping in touch.

Sources: ``vcard`` (vCard 2.1/3.0/4.0 files or folders), ``whatsapp`` and ``signal``
(chat exports in every locale). Commands: ``kith export vcard``. Panel: "Friends"
(overdue friends, birthdays this month). Reminders themselves (``kith remind``) and
duplicate detection (``kith person duplicates``) are core, because they span every
network.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kith.api import Interaction, Network, NetworkKind, SourceSpec, Value, hookimpl

if TYPE_CHECKING:
    import click

__version__ = "0.1.0"


@hookimpl
def register_network_kinds(register: Callable[[NetworkKind], None]) -> None:
    register(NetworkKind(
        "friends", "A circle of friends: companionship first, favours both ways.",
        rules={"fun_per_occasion": 3.5}))


@hookimpl
def register_sources(register: Callable[[SourceSpec], None]) -> None:
    import click

    chat_options = [
        click.Option(["--me"], help="Your name as it appears in the chat."),
        click.Option(["--date-order"], type=click.Choice(["dmy", "mdy", "ymd"]),
                     help="Day/month order, when the file never shows a day above 12."),
    ]
    register(SourceSpec("vcard", "vCard contacts: names, emails, phones, birthdays, tags",
                        "a .vcf file (many cards) or a folder of .vcf files",
                        "kith_friends.vcard:parse",
                        network_kind="friends", options=[
                            click.Option(["--skip-bad"], is_flag=True, hidden=True,
                                         help="The default now: bad cards are skipped and "
                                              "listed (--strict stops at the first).")]))
    register(SourceSpec("whatsapp", "WhatsApp chat export: a conversation-day per "
                        "interaction", "the .txt of an exported chat (Android or iOS, any "
                        "locale)",
                        "kith_friends.chats:whatsapp", network_kind="friends",
                        options=chat_options))
    register(SourceSpec("signal", "Signal chat export: a conversation-day per interaction",
                        "a text export like '[2019-12-24, 12:23] Jane: Hello'",
                        "kith_friends.chats:signal", network_kind="friends",
                        options=chat_options))


@hookimpl
def register_commands(cli: click.Group) -> None:
    from kith_friends.vcard_export import register

    register(cli)


@hookimpl
def estimate_value(interaction: Interaction, network: Network | None) -> Value | None:
    """Chats with friends are companionship; a long day of messages, more so."""
    if not (interaction.source or "").startswith(("whatsapp:", "signal:")):
        return None
    messages = int(interaction.meta.get("messages", 1) or 1)
    if interaction.kind == "help":
        return Value(favours=1, minutes=max(10, min(60, 2 * messages)))
    return Value(minutes=min(60, 2 * messages), fun=3 if messages >= 20 else 2)


@hookimpl
def register_panels(register: Callable[[str, str], None]) -> None:
    register("Friends", "kith_friends.panel:FriendsPanel")

"""kith's association plugin: professional associations, meetups, conferences and dues.

Sources: ``association-calendar`` (an iCalendar file), ``wild-apricot`` (member export),
``meetup`` (attendee download) and ``dues`` (a CSV of dues paid). Value rules for the
``association`` kind: talks and workshops the user gives are time given; conversations
people start after a talk are invited (people come with their own questions); clients and
referrals through the association are money and favours received.
"""

from __future__ import annotations

from collections.abc import Callable

from kith.api import Interaction, Network, NetworkKind, SourceSpec, Value, hookimpl

__version__ = "0.1.0"

EVENT_MINUTES = {"talk": 120, "workshop": 180, "conference": 360}
"""What an association calendar event of a kind counts when its duration says nothing (all
day, none, over 16 hours); any other kind (meeting, event) counts 90 minutes."""


@hookimpl
def register_network_kinds(register: Callable[[NetworkKind], None]) -> None:
    register(NetworkKind(
        "association", "A professional association or meetup: talks, events, dues, clients.",
        rules={"min_months": 9}))


@hookimpl
def register_sources(register: Callable[[SourceSpec], None]) -> None:
    import click

    from kith.api import calendar_options, mapping_options

    register(SourceSpec("association-calendar", "Association calendar: meetings, "
                        "conferences, workshops, your talks", "an iCalendar (.ics) file",
                        "kith_association.sources:association_calendar",
                        network_kind="association",
                        options=calendar_options()))
    register(SourceSpec("wild-apricot", "Wild Apricot members: people, level, member since",
                        "a Wild Apricot member export CSV",
                        "kith_association.sources:wild_apricot",
                        network_kind="association", options=mapping_options()))
    register(SourceSpec("meetup", "Meetup attendees of one event: who you met there",
                        "a Meetup attendee download (CSV)",
                        "kith_association.sources:meetup",
                        network_kind="association", options=[
                            *mapping_options(),
                            click.Option(["--event"], help="The event's name (default: the "
                                         "file name)."),
                            click.Option(["--on", "event_date"], help="The event's date "
                                         "(default: the latest RSVP date).")]))
    register(SourceSpec("dues", "Dues paid: money given to the association",
                        "a CSV with date and amount columns",
                        "kith_association.sources:dues",
                        network_kind="association", options=mapping_options()))


@hookimpl
def estimate_value(interaction: Interaction, network: Network | None) -> Value | None:
    if network is None or network.kind != "association":
        return None
    from kith.api import event_minutes

    minutes = event_minutes(interaction, EVENT_MINUTES)  # a calendar event: its duration
    if minutes is not None and interaction.direction == "gave":
        return Value(minutes=minutes, favours=1 if interaction.kind == "volunteering" else 0)
    if minutes is not None:  # attended: companionship
        return Value(minutes=minutes, fun=2)
    rules = {"talk": Value(minutes=180), "workshop": Value(minutes=240),
             "conversation": Value(minutes=15, fun=0 if interaction.initiative == "pitched"
                                   else 1, favours=1 if interaction.invited else 0),
             "client": Value(favours=1), "referral": Value(favours=1),
             "meeting": Value(minutes=90, fun=1), "conference": Value(minutes=360, fun=2),
             "event": Value(minutes=120, fun=2)}
    return rules.get(interaction.kind)


@hookimpl
def register_panels(register: Callable[[str, str], None]) -> None:
    register("Association", "kith_association.panel:AssociationPanel")

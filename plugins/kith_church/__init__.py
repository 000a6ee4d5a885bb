"""kith's church plugin: services, small groups, volunteering and giving.

Sources: ``church-calendar`` (an iCalendar file), ``giving`` (a giving statement CSV),
``planning-center`` (a People CSV) and ``breeze`` (the zip of .xlsx sheets). Value rules
for the ``church`` kind: volunteering is time (and a favour) given; services and small
groups are shared time and mostly companionship; giving is money given.
"""

from __future__ import annotations

from collections.abc import Callable

from kith.api import Interaction, Network, NetworkKind, SourceSpec, Value, hookimpl

__version__ = "0.1.0"

EVENT_MINUTES = {"volunteering": 120}
"""What a church calendar event of a kind counts when its duration says nothing (all day,
none, over 16 hours); any other kind (service, small group, meeting) counts 90 minutes."""


@hookimpl
def register_network_kinds(register: Callable[[NetworkKind], None]) -> None:
    register(NetworkKind(
        "church", "A congregation: services and small groups, volunteering and giving.",
        rules={"min_months": 6}))


@hookimpl
def register_sources(register: Callable[[SourceSpec], None]) -> None:
    import click

    from kith.api import calendar_options, mapping_options

    breeze_options = [*mapping_options(),
                      click.Option(["--me", "me_id"], help="Your Breeze ID: your own rows of "
                                   "the giving sheet are imported as money you gave.")]
    register(SourceSpec("church-calendar", "Church calendar: services, small groups, "
                        "volunteering shifts", "an iCalendar (.ics) file",
                        "kith_church.sources:church_calendar",
                        network_kind="church",
                        options=calendar_options()))
    register(SourceSpec("giving", "Giving statement: money given, by date and fund",
                        "a CSV with date and amount columns (fund, note optional)",
                        "kith_church.sources:giving",
                        network_kind="church", options=mapping_options()))
    register(SourceSpec("planning-center", "Planning Center People: members and households",
                        "a Planning Center People CSV export",
                        "kith_church.sources:planning_center",
                        network_kind="church", options=mapping_options()))
    register(SourceSpec("breeze", "Breeze ChMS export: people, tags, your giving",
                        "the Breeze export zip of .xlsx sheets",
                        "kith_church.sources:breeze",
                        network_kind="church", options=breeze_options))


@hookimpl
def estimate_value(interaction: Interaction, network: Network | None) -> Value | None:
    if network is None or network.kind != "church":
        return None
    from kith.api import event_minutes

    minutes = event_minutes(interaction, EVENT_MINUTES)  # a calendar event: its duration
    if minutes is not None and interaction.direction == "gave":
        return Value(minutes=minutes, favours=1 if interaction.kind == "volunteering" else 0)
    if minutes is not None:  # attended: companionship
        return Value(minutes=minutes, fun=2)
    rules = {"volunteering": Value(minutes=120, favours=1), "service": Value(minutes=90, fun=2),
             "small-group": Value(minutes=90, fun=3), "meeting": Value(minutes=60, fun=1)}
    return rules.get(interaction.kind)


@hookimpl
def register_panels(register: Callable[[str, str], None]) -> None:
    register("Church", "kith_church.panel:ChurchPanel")

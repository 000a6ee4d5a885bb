"""The demo persona: Sam, a freelance designer with five networks that tell five stories.

``build(store)`` writes a realistic, deterministic history (fixed seed; dates relative to
today so that "the last 12 months" always has data) through the public store API, in one
transaction. The five networks are chosen so their verdicts differ:

- **Design Guild** (association): monthly meetings, dues, two talks a year; clients and
  referrals come back. It *pays*.
- **Climbing crew** (friends): weekly climbs and dinners; it costs money, and it is *fun*.
- **St Mary's** (church): Sam volunteers twice a month and gives monthly; services are
  pleasant, but favours hardly ever come back: *out of balance*.
- **LinkedIn** (social): pitches (recorded as pitched) and recruiter messages; no money,
  no fun, no invitation: *leave*, and stop pitching.
- **Python Meetup** (association): joined two months ago: *too early* to tell.

It also adds needs and offers heard along the way (material for introductions),
birthdays, and keep-in-touch cadences with a few friends overdue.
See ``examples/demo/README.md``.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from kith.core.model import Interaction, Network, Opportunity, Person, Value
from kith.services.interactions import Estimator
from kith.services.scope import one_transaction

if TYPE_CHECKING:
    from kith.persistence.store import Store

SEED = 20241122

NETWORKS = [
    ("design-guild", "Design Guild", "association", 36),
    ("climbing-crew", "Climbing crew", "friends", 60),
    ("st-marys", "St Mary's", "church", 48),
    ("linkedin", "LinkedIn", "social", 72),
    ("python-meetup", "Python Meetup", "association", 2),
]

PEOPLE = [  # name, networks, tags, email, birthday, cadence
    ("Ana Okafor", ["design-guild"], ["designer", "ux"], "ana@okafor.studio", "1988-03-14", None),
    ("Ben Carter", ["design-guild"], ["client", "startup"], "ben@carter.io", None, 60),
    ("Chen Wei", ["design-guild", "python-meetup"], ["python", "data"], "chen@wei.dev",
     "--07-02", None),
    ("Dana Haddad", ["design-guild"], ["branding"], "dana@haddad.co", None, None),
    ("Eli Novak", ["design-guild"], ["recruiter"], "eli@talentbridge.com", None, None),
    ("Fatima Khan", ["climbing-crew"], ["close", "climber"], "fatima.khan@mail.org",
     "1990-{m:02d}-{d:02d}", 21),
    ("Gus Silva", ["climbing-crew"], ["climber", "photographer"], "gus@silva.photo",
     None, 30),
    ("Hana Ito", ["climbing-crew", "st-marys"], ["close", "family"], "hana.ito@mail.org",
     "1985-11-30", 14),
    ("Ivan Rossi", ["climbing-crew"], ["climber", "carpenter"], "ivan@rossi.works", None, None),
    ("Jo Meyer", ["st-marys"], ["choir"], "jo.meyer@mail.org", "--12-24", None),
    ("Kemal Park", ["st-marys"], ["treasurer"], "kemal@park.family", None, None),
    ("Lena Costa", ["st-marys"], ["newcomer", "nurse"], "lena.costa@mail.org", None, None),
    ("Maya Brown", ["st-marys"], ["youth"], "maya@brown.name", None, None),
    ("Nils Adeyemi", ["linkedin"], ["recruiter"], "nils@hirefast.com", None, None),
    ("Olu Garcia", ["linkedin"], ["sales"], "olu@garcia.biz", None, None),
    ("Priya Smith", ["linkedin", "python-meetup"], ["python", "ml"], "priya@smith.ai",
     None, None),
    ("Quinn Lee", ["python-meetup"], ["python", "organiser"], "quinn@pymeet.org", None, None),
    ("Rosa Nguyen", ["design-guild", "climbing-crew"], ["illustrator", "close"],
     "rosa@nguyen.art", "1992-05-05", 30),
]

OPPORTUNITIES = [  # person, type, text, tags, network
    ("Ben Carter", "need", "Looking for a freelance Python developer to build a data "
     "dashboard for our startup", ["python", "data"], "design-guild"),
    ("Chen Wei", "offer", "Freelance Python and data engineering work, dashboards "
     "and pipelines", ["python", "data"], "python-meetup"),
    ("Lena Costa", "need", "New in town and looking for a flat to rent near the hospital",
     ["housing"], "st-marys"),
    ("Ivan Rossi", "offer", "Has a spare room to rent from next month", ["housing"],
     "climbing-crew"),
    ("Dana Haddad", "need", "Needs a photographer for a brand shoot in spring",
     ["photography"], "design-guild"),
    ("Gus Silva", "offer", "Photographer taking on brand and product shoots",
     ["photography"], "climbing-crew"),
    ("Maya Brown", "need", "Advice on applying to design schools", ["design", "education"],
     "st-marys"),
]


def _when(rng: random.Random, today: date, days_ago: float) -> datetime:
    moment = datetime.combine(today, datetime.min.time(), tzinfo=UTC) - timedelta(
        days=days_ago)
    return moment.replace(hour=rng.choice([9, 12, 18, 19, 20]), minute=rng.choice([0, 30]))


def build(store: Store, today: date | None = None) -> dict[str, int]:
    """Write Sam's history into an empty store; returns counts of what was written."""
    today = today or date.today()
    rng = random.Random(SEED)
    interactions: list[Interaction] = []
    ids: dict[str, str] = {}

    def add(network: str, people: list[str], direction: str, kind: str, days_ago: float,
            value: Value, *, note: str = "", invited: bool = False,
            initiative: str | None = None) -> None:
        when = _when(rng, today, days_ago)
        key = f"demo:{len(interactions)}"
        interactions.append(Interaction.create(
            when=when, network=network, people=[ids[p] for p in people], direction=direction,
            kind=kind, value=value, note=note, invited=invited, initiative=initiative,
            source=key))


    with one_transaction(store):
        for ident, name, kind, months in NETWORKS:
            joined = today - timedelta(days=int(months * 30.5))
            store.save_network(Network(ident, name, kind, joined=joined))
        soon = today + timedelta(days=9)
        for name, nets, tags, email, birthday, cadence in PEOPLE:
            if birthday and "{m" in birthday:
                birthday = birthday.format(m=soon.month, d=min(soon.day, 28))
            person = Person.create(
                name, handles={"email": [email]}, tags=tuple(tags), birthday=birthday,
                cadence_days=cadence, networks={n: None for n in nets},
                sources=(f"demo:{email}",))
            store.save_person(person)
            ids[name] = person.id

        guild = ["Ana Okafor", "Ben Carter", "Chen Wei", "Dana Haddad", "Rosa Nguyen"]
        for month in range(36):  # Design Guild: it pays
            base = month * 30.5 + 5
            add("design-guild", rng.sample(guild, 3), "shared", "meeting", base,
                Value(minutes=120, fun=rng.choice([1, 1, 2])), note="monthly meetup")
            if month % 12 == 3:
                add("design-guild", ["Ana Okafor"], "gave",
                    "dues", base + 2, Value(money=18000), note="annual dues")
            if month % 6 == 1:
                add("design-guild", ["Dana Haddad"], "gave", "talk", base + 1,
                    Value(minutes=240), note="talk on accessible colour")
                add("design-guild", [rng.choice(guild)], "shared", "conversation",
                    base + 0.9, Value(minutes=20, fun=1), invited=True,
                    note="came with a question after the talk")
            if month % 5 == 2:
                add("design-guild", ["Ben Carter"], "received", "client", base + 3,
                    Value(money=rng.choice([240000, 180000, 320000])),
                    note="design project through the guild")
            if month % 7 == 4:
                add("design-guild", [rng.choice(guild)], "received", "referral", base + 4,
                    Value(money=60000, favours=1), note="referral")
            if month % 4 == 0:
                add("design-guild", [rng.choice(guild)], "gave", "advice", base + 6,
                    Value(minutes=45, favours=1), invited=True)

        crew = ["Fatima Khan", "Gus Silva", "Hana Ito", "Ivan Rossi", "Rosa Nguyen"]
        for week in range(0, 52 * 2):  # Climbing crew: fun, and it costs
            base = week * 7 + 2
            if week < 3:
                continue  # a quiet few weeks: Fatima is overdue
            add("climbing-crew", rng.sample(crew[1:], 2), "shared", "event", base,
                Value(minutes=150, fun=rng.choice([3, 4, 4, 5])), note="bouldering")
            if week % 3 == 0:
                add("climbing-crew", rng.sample(crew, 2), "shared", "meal", base + 0.2,
                    Value(money=-rng.choice([2800, 3500, 4200]), minutes=90, fun=4),
                    note="dinner after climbing")
            if week % 9 == 4:
                add("climbing-crew", [rng.choice(crew)], rng.choice(["gave", "received"]),
                    "help", base + 1, Value(minutes=60, favours=1), note="moving boxes")
        add("climbing-crew", ["Fatima Khan"], "shared", "event", 60, Value(minutes=150, fun=5))

        flock = ["Jo Meyer", "Kemal Park", "Lena Costa", "Maya Brown", "Hana Ito"]
        for fortnight in range(0, 26 * 2):  # St Mary's: out of balance
            base = fortnight * 14 + 3
            add("st-marys", rng.sample(flock, 2), "gave", "volunteering", base,
                Value(minutes=180, favours=1), note="food bank shift")
            add("st-marys", rng.sample(flock, 2), "shared", "service", base + 4,
                Value(minutes=90, fun=1))
            if fortnight % 2 == 0:
                add("st-marys", ["Kemal Park"], "gave", "donation", base + 5,
                    Value(money=5000), note="monthly gift")
            if fortnight % 17 == 8:
                add("st-marys", [rng.choice(flock)], "received", "help", base + 6,
                    Value(favours=1, minutes=30), note="lift to the station")
        add("st-marys", ["Lena Costa"], "gave", "help", 20, Value(minutes=60, favours=1),
            note="showed Lena around: she is new in town")

        linked = ["Nils Adeyemi", "Olu Garcia", "Priya Smith"]
        for month in range(24):  # LinkedIn: neither money nor fun
            base = month * 30.5 + 8
            add("linkedin", [rng.choice(linked)], "gave", "message", base, Value(minutes=15),
                note="pitched a project", initiative="pitched")
            add("linkedin", ["Nils Adeyemi"], "received", "message", base + 3,
                Value(minutes=5), note="recruiter message")

        add("python-meetup", ["Quinn Lee"], "shared", "event", 50, Value(minutes=120, fun=3))
        add("python-meetup", ["Priya Smith", "Chen Wei"], "shared", "event", 20,
            Value(minutes=120, fun=3))
        add("python-meetup", ["Quinn Lee"], "received", "advice", 19, Value(favours=1))

        result = store.upsert_interactions(Estimator(store).new_ones(interactions))
        for name, kind, text, tags, network in OPPORTUNITIES:
            store.save_opportunity(Opportunity.create(
                person=ids[name], type=kind, text=text, tags=tuple(tags), network=network,
                when=_when(rng, today, rng.randint(3, 40)), heard_at=network))
    return {"networks": len(NETWORKS), "people": len(PEOPLE),
            "interactions": result.added, "opportunities": len(OPPORTUNITIES)}

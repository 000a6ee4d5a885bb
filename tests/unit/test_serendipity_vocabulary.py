"""Issue 28: the wider vocabulary. Needs and offers from the whole of a life (a funeral,
a pension, a wedding, an eye test, a language) meet when they mean the same thing, and
things a person would not swap stay apart (Spanish is not French, painting walls is not
a watercolour class, a career coach is not a coach trip). Every case is a story written
for this test, not taken from an evaluation set: would I introduce these two?
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kith.core.model import Opportunity, Person
from kith.domain.serendipity import Matcher, merge
from kith.domain.serendipity.lexicon import read, stem
from kith.domain.serendipity.matching import Profile

WHEN = datetime(2026, 4, 14, 9, tzinfo=UTC)


def _ranked(need: str, *offers: str) -> list[str]:
    """The offer texts kith suggests for ``need``, best first."""
    asker = Person.create("Asker", networks={"parish": None})
    givers = [Person.create(f"Giver {i}", networks={"street": None}) for i in range(len(offers))]
    opportunities = [Opportunity.create(person=asker.id, type="need", text=need, when=WHEN)]
    opportunities += [Opportunity.create(person=g.id, type="offer", text=t, when=WHEN)
                      for g, t in zip(givers, offers, strict=True)]
    texts = {g.id: t for g, t in zip(givers, offers, strict=True)}
    return [texts[s.people[1]] for s in merge(Matcher([asker, *givers], opportunities).suggest())]


@pytest.mark.parametrize(("need", "right", "decoy"), [
    ("Mum passed away on Sunday and none of us knows what happens next",
     "Independent undertaker, I can talk families through cremation or burial",
     "Sunday roast for the whole street at the Crown"),
    ("The headstone on my grandparents' grave has fallen over",
     "Stonemason: inscriptions, memorial stones, repairs", "Grave gravel and garden stone"),
    ("I have three old workplace pensions and no idea what to do with them",
     "Independent financial adviser, retirement planning", "Old workplace desk to give away"),
    ("Can't read the board at school any more, my son says",
     "Optometrist; eye tests for children on Saturdays", "Whiteboard and markers for sale"),
    ("Dad keeps turning the telly up and won't admit it",
     "Audiologist: hearing tests and hearing aids", "Secondhand telly, works fine"),
    ("We are getting married in June and need invitations designed",
     "Calligrapher and stationery designer, save the dates and place cards",
     "June holiday cottage to let"),
    ("Our tiles keep cracking and the grout is black", "Tiler, bathrooms and kitchens",
     "Black and white photography course"),
    ("Black mould on the bedroom ceiling every winter", "Damp specialist, condensation and "
     "damp proofing surveys", "Winter coats for the clothes bank"),
    ("Anyone fancy a weekly game of bridge?", "Our bridge club welcomes new players on "
     "Thursdays", "Bridge over the canal is closed for repairs"),
    ("I need help filling in the forms for universal credit",
     "Welfare rights volunteer: benefit claims and appeals", "Help filling the church urn"),
    ("Want to learn to knit a jumper", "Knitter of forty years, I teach beginners",
     "Jumper for sale, size M"),
])
def test_life_needs_meet_their_offers(need: str, right: str, decoy: str) -> None:
    ranked = _ranked(need, decoy, right)
    assert ranked[:1] == [right], ranked


@pytest.mark.parametrize(("need", "right", "unlike"), [
    ("I'd love to practise my Spanish before the trip",
     "Native Spanish speaker, happy to chat over coffee",
     "French teacher, conversation classes"),
    ("Need someone to paint the hallway walls and ceiling",
     "Painter and decorator, interior walls", "Watercolour painting classes on Tuesdays"),
    ("Looking for watercolour painting lessons", "Artist, I teach watercolour and oils",
     "Painter and decorator, interior walls and ceilings"),
    ("Looking for a career coach before I change jobs",
     "Executive coach, career and leadership coaching",
     "Coach hire for school trips, 50 seats"),
    ("Our piano needs tuning, several keys stick", "Piano tuner and technician",
     "Guitar teacher, all ages"),
])
def test_unlike_things_stay_apart(need: str, right: str, unlike: str) -> None:
    ranked = _ranked(need, unlike, right)
    assert ranked[:1] == [right], ranked


@pytest.mark.parametrize(("text", "absent"), [
    ("Free spring bulbs to give away", "software"),
    ("Floor polish and a mop, free", "polish language"),
    ("The ceiling in the hall has cracked", "venue"),
    ("Our garage is empty: rent the space for storage", "room to rent"),
    ("We signed the lease last week", "sign language"),
])
def test_a_word_with_several_meanings_needs_its_neighbours(text: str, absent: str) -> None:
    assert absent not in read(text).concepts


def test_the_doer_meets_the_doing() -> None:
    assert stem("plasterer") == stem("plastering") == stem("plaster")
    assert stem("knitter") == stem("knitting")
    assert stem("water") == "water"  # short words are left alone


def test_a_broad_concept_keeps_the_word_that_tells_which() -> None:
    """Both are software, but the Java need is met by the Java offer first."""
    ranked = _ranked("Looking for a Java developer for a few weeks",
                     "iOS developer, Swift and Kotlin", "Java developer, ten years")
    assert ranked[0] == "Java developer, ten years"


def test_people_read_from_their_stored_documents_match_like_records() -> None:
    """The matcher reads stored person documents (no 10k records to build); a person's
    tags from a document count like the record's."""
    asker = Person.create("Asker", networks={"parish": None})
    skilled = Person.create("Rosa", tags=("plumber",), networks={"street": None})
    need = Opportunity.create(person=asker.id, type="need", text="Leaking pipe under the sink",
                              when=WHEN)
    from_records = Matcher([asker, skilled], [need]).suggest()
    from_docs = Matcher([Profile.of(asker.to_dict()), Profile.of(skilled.to_dict())],
                        [need]).suggest()
    assert [(s.people, round(s.score, 6), s.evidence) for s in from_records] == \
        [(s.people, round(s.score, 6), s.evidence) for s in from_docs] != []

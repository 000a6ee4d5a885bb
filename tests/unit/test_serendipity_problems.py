"""Issue 28, the targets it missed: needs put as problems ("every time it rains the
ceiling drips"), trades' slang ("sparky"), stems that must not lose their meaning
("shoulder" is not "should"), hyphenated words, places that say which language is
needed, and phrases that say nothing. Each case is a story written for this test, not
taken from an evaluation set: would I introduce these two?
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.core.model import Opportunity, Person
from kith.domain.serendipity import Matcher, merge
from kith.domain.serendipity.evidence import describe_link
from kith.domain.serendipity.lexicon import LEMMAS, NOTHING, read, stem

WHEN = datetime(2026, 5, 2, 9, tzinfo=UTC)


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
    # the problem as it shows, the trade that answers it
    ("Whenever it rains hard, water gets into the back bedroom ceiling",
     "Roofer: slipped slates, flashing and gutters", "Plumber, bathrooms and leaks"),
    ("Our fuse board keeps tripping whenever the toaster goes on",
     "Sparky, twenty years, fault finding and rewires", "Toaster and kettle set, unused"),
    ("Key snapped off in the lock and I'm stuck outside", "Locksmith, 24 hour call-outs",
     "Key rings and keepsakes, handmade"),
    ("Did my back in moving the wardrobe and can't bend at all",
     "Physiotherapist, back and neck problems, evening slots",
     "Wardrobe for sale, good condition"),
    ("Grandad keeps leaving the hob on and gets confused in the evenings",
     "Dementia companion, afternoons and evenings, DBS checked",
     "Cooker and hob repairs, same week"),
    ("Just stepped into management with four direct reports and I'm winging it",
     "I mentor first-time managers, a call a month", "Reports and dashboards built in Excel"),
    ("Transferring to our Madrid office in the autumn",
     "Spanish conversation with a native speaker, online",
     "French tutor, all levels, online"),
    ("The landlord still hasn't given our deposit back after two months",
     "Housing adviser: deposit disputes and tenants' rights",
     "Wills and probate solicitor, home visits"),
    ("Dropped my external drive and now it just clicks, every photo is on it",
     "Data recovery from failed hard drives and memory cards",
     "Virus and malware removal for slow laptops"),
    ("Glut of plums this year, does anyone want them?",
     "Our community kitchen turns surplus fruit and veg into free lunches",
     "Plumbing and heating, free quotes"),
    ("Need to shift a sofa and a bed to my new place on Sunday",
     "Man with a van, small moves and tip runs", "Sunday shifts wanted at a cafe"),
    ("We've never done our wills and the baby is due in March",
     "Solicitor: wills and lasting powers of attorney, fixed fees",
     "Baby clothes bundle, 0-3 months"),
    ("My daughter wants to learn the cello, who teaches children?",
     "Suzuki-trained string teacher, children from age four",
     "Children's football coaching on Saturdays"),
    ("Our café needs someone on the coffee machine at weekends",
     "Experienced barista looking for weekend shifts", "Latte art evening class"),
    ("Selling my jams at markets and want to get them into local shops",
     "Buyer for a farm shop, happy to advise small producers on getting stocked",
     "Stocks and shares ISA advice"),
    ("Bought a kettle that broke in a week and the shop refuses a refund",
     "Consumer rights volunteer: refunds and complaints", "Kettlebell class on Mondays"),
    # a need put in Portuguese or Spanish, as people who moved write them, meets the
    # English offer through the concept both name (stories written for this test)
    ("O senhorio não devolveu a caução e já passaram dois meses",
     "Tenants' adviser: deposits held back and disputes with landlords",
     "Deposit boxes and safes, fitted"),
    ("Preciso de um encanador, a torneira da cozinha está pingando a noite toda",
     "Retired plumber, taps, washers and cisterns", "Tap dance classes for adults"),
    ("Busco abogado para un problema con mi contrato de alquiler",
     "Lawyer for tenants, contracts and rent disputes", "Car hire, weekly rates"),
    ("Meu cachorro chora o dia todo quando saímos", "Dog walker and sitter, weekdays",
     "Crying baby? Sleep consultant for newborns"),
    ("Alguém conhece uma babá para sexta à noite? Duas crianças",
     "Student babysitter, evenings and weekends", "Friday night quiz at the pub"),
])
def test_a_problem_meets_the_trade_that_answers_it(need: str, right: str, decoy: str) -> None:
    ranked = _ranked(need, decoy, right)
    assert ranked[:1] == [right], ranked


@pytest.mark.parametrize(("need", "unlike"), [
    # unlike things stay apart, however much they share a word
    ("Retired plumber, small jobs for neighbours", "Volunteers wanted for the food bank"),
    ("A hedge fund analyst", "Hedge cutting and garden work"),
    ("Pain in my shoulder when I lift my arm", "You should come to our quiz night"),
    ("A place at a rounders club for my son", "Round the world travel tips"),
    ("My brother needs a builder", "Beef broth for sale"),
])
def test_words_of_one_stem_but_two_meanings_do_not_meet(need: str, unlike: str) -> None:
    needs = read(need).concepts
    offers = read(unlike).concepts
    assert not set(needs) & set(offers), (needs, offers)


@pytest.mark.parametrize(("word", "other"), [
    ("shoulder", "should"), ("rounders", "round"), ("founder", "found"),
    ("marketing", "markets"), ("booked", "books"), ("spare", "sparring"),
    ("stage", "stag"), ("filling", "fill"), ("boxing", "boxes"), ("tripped", "trip"),
    ("number", "numb"), ("running", "run"), ("builder", "build"), ("housing", "house"),
    ("vetted", "vet"), ("vetting", "vets"),
])
def test_the_stemmer_keeps_apart_words_it_would_have_merged(word: str, other: str) -> None:
    assert stem(word) != stem(other)


def test_a_lemma_gathers_its_forms() -> None:
    assert stem("founders") == stem("founder") == stem("founding")
    assert all(stem(form) == lemma for form, lemma in LEMMAS.items())


def test_the_plural_of_an_ambiguous_word_can_be_plain() -> None:
    # "will" needs a clue (write, probate...); "wills" is always the documents
    assert "wills" in read("We've never got round to our wills").concepts
    assert "wills" not in read("Will anyone be around on Sunday?").concepts


def test_words_of_one_stem_pool_their_senses() -> None:
    # "hall" and "halls" share a stem: the clues of both decide
    assert "venue" in read("Looking for a hall for a ceilidh").concepts
    assert "venue" in read("Church halls to hire for parties").concepts
    assert "venue" not in read("The hall carpet is worn").concepts


def test_hyphenated_words_are_read_as_their_parts_unless_a_cue_names_them() -> None:
    assert "cake" in read("Need something three-tiered for the wedding").concepts
    assert "cofounder" in read("Looking for a co-founder").concepts
    assert "sport" in read("A five-a-side team needs a keeper").concepts


def test_contractions_are_not_content_words() -> None:
    words = read("I'm sure we'd love it, can't wait").words
    assert not {"i'm", "we'd", "can't"} & set(words.values())


def test_phrases_that_say_nothing_are_not_concepts() -> None:
    reading = read("Airport runs for a small fee, happy to help")
    assert "lift" in reading.concepts and NOTHING not in reading.concepts
    assert "cleaning" not in read("I clean up podcast audio").concepts


@pytest.mark.parametrize(("need", "concept"), [
    ("Our under-9s have no coach for next season", "sport"),
    ("Career coach wanted before I change jobs", "mentoring"),
    ("Mum keeps missing her tablets", "pharmacy"),
    ("My tablet screen is cracked", "it support"),
    ("Couch grass all over my allotment plot", "garden"),
    ("A brown patch on the ceiling after rain", "damp"),
    ("Need a chippy to fit shelves in the alcoves", "carpentry"),
])
def test_a_word_with_several_meanings_takes_its_neighbours_sense(need: str,
                                                               concept: str) -> None:
    assert concept in read(need).concepts


def test_a_travel_nurse_is_no_trip_and_work_is_no_reason() -> None:
    reading = read("Travel nurse here, in town for a 13-week contract; it works for me")
    assert "travel" not in reading.concepts
    assert "work" not in reading.words


def test_a_word_of_another_setting_is_no_concept_without_its_neighbours() -> None:
    """The seventh review: cricket nets are no .NET, a separate entrance no separation,
    a rail replacement bus no Rails, drivers wanted by a haulier no lift."""
    for text in ("Practice in the nets on Thursday", "It has a separate side entrance",
                 "Rail replacement bus on Sunday", "CDL-A drivers wanted, regional routes"):
        concepts = read(text).concepts
        assert not concepts.keys() & {"software", "family mediation", "mobility", "lift"}, \
            (text, concepts)


def test_sending_money_home_is_no_send_and_writing_from_a_city_is_no_writing() -> None:
    """The blind set fresh29: "sending $300 home" was read as SEND (special educational
    needs) and "writing from Minneapolis" as writing."""
    concepts = read("Writing from Minneapolis: I've been sending $300 home every month").concepts
    assert not concepts.keys() & {"special needs", "writing"}, concepts
    assert "special needs" in read("He has an EHCP and we need SEND support").concepts
    assert "furniture" not in read("My cat has been hiding under the bed since yesterday").concepts
    assert "furniture" not in read("1 bed + den, 5 min walk to the station").concepts
    assert "feet" not in read("About 10 mins on foot to the infirmary").concepts


@pytest.mark.parametrize(("text", "not_concept", "concept"), [
    ("Anyone experienced in running a proper committee, budget shared with everyone?",
     "running", None),
    ("Anyone experienced in running a proper committee, budget shared with everyone?",
     "financial advice", None),
    ("Last time we collected in the estate the money went missing", "wills", None),
    ("I hand audited books to the family", "books", "accounting"),
    ("Anyone fancy going running on Sunday mornings?", None, "running"),
    ("My late father's estate is stuck in probate", None, "wills"),
    ("Stocks and shares ISA or a pension?", None, "financial advice"),
    ("The real estate agent is keeping my bond", "editing", "housing law"),
    ("Looking for literary agents for my novel", None, "editing"),
    ("Volunteer with a tenants' union, deposits and repairs", "employment law", None),
    ("My union rep says the dismissal was unfair", None, "employment law"),
    ("The basement gets wet every time it rains", None, "damp"),
    ("Rego is due and the ute failed the pink slip", None, "mechanic"),
    ("Centrelink cut my payments without a letter", None, "benefits"),
    ("My nikah was in March and I want to bring my wife here", None, "immigration"),
    # fresh36 (Hobart)
    ("The site for my shop started sending people to some pill-selling page", None,
     "it support"),
    ("First year on my ABN, I don't know what I can claim or if I need GST", None,
     "accounting"),
    ("Need someone to get my 7 and 9 yo up and walk them to school", None, "childcare"),
    ("Nursing student, can do wake-ups, breakfast and drop-offs", "funeral", "childcare"),
    ("Someone to do the before-school bit for my two", None, "childcare"),
    ("A free conversation circle for adults new to Australia", None, "english language"),
    ("Whole 3 bedroom house of stuff, quotes over $5k", "room to rent", None),
    ("Whole 3 bedroom house of stuff, quotes over $5k", "running", None),
    ("Training for my first 5k with the parkrun crew", None, "running"),
    ("Welfare says 'deduction' and my rent is due", "accounting", None),
    # fresh33 (Montréal)
    ("My grandmother's bank wants a 'solemn declaration' signed before a commissioner",
     None, "legal"),
    ("Je suis commissaire à l'assermentation: déclarations solennelles", None, "legal"),
    ("Anyone know a garage that can put on winter tires this week?", None, "mechanic"),
    ("Ingénieur civil formé en Haïti. L'Ordre m'a envoyé une liste d'examens", None,
     "foreign qualifications"),
    ("Went through the OIQ equivalence myself, happy to mentor anyone foreign-trained",
     None, "foreign qualifications"),
    ("Nous cherchons quelqu'un pour s'occuper de nos deux enfants le soir", None,
     "childcare"),
    ("L'usine ferme en janvier, je ne sais pas comment retrouver un emploi", None, "job"),
    ("Mi mamá está muy mal desde que murió mi papá, no duerme", None, "bereavement"),
    ("I help with Québec selection certificate files and the Québec experience program",
     None, "immigration"),
    ("Sidewalk is slippy, need someone to salt and shovel", "speech therapy",
     "snow clearing"),
    ("SALT referral for my toddler who isn't talking yet", None, "speech therapy"),
    ("My car needs washed before we sell it", None, "car cleaning"),
    ("Dog keeps barking when we leave for work", None, "pet behaviour"),
    ("Need help with my FAFSA before the deadline", None, "school"),
    ("Our porch steps are rotting", None, "carpentry"),
    ("Pure oud oil and bakhoor from Dubai, wholesale and retail", "music", None),
    ("Can anyone help on the 18th? I need a lift to the hospital", "party", "lift"),
    ("Planning a surprise 40th for my wife, need a venue", None, "party"),
    ("Photo and video for Hindu and Sikh ceremonies", "celebrant", "photography"),
    ("We want a non-religious ceremony in the garden", None, "celebrant"),
])
def test_a_word_of_another_setting_takes_the_sense_of_its_neighbours(
        text: str, not_concept: str | None, concept: str | None) -> None:
    """The blind sets fresh27 and fresh29, and words of Australia and America the sets
    had not met: running a committee is no run, a budget shared no shares, a housing
    estate no dead person's estate, audited books no reading, a real estate agent no
    literary agent, a tenants' union no trade union."""
    concepts = read(text).concepts
    assert not_concept not in concepts and (concept is None or concept in concepts), concepts


@pytest.mark.parametrize(("text", "concept"), [
    ("Nina lorry, closed body; good price for household goods, loaders available",
     "removals"),
    ("I've been transferred to Mombasa and need my furniture down there", "removals"),
    ("Airport transfers at any hour; I meet your people at arrivals", "lift"),
    ("My mum lands from Doha at 3am and someone must receive her at JKIA", "lift"),
    ("We want to buy greens straight from growers, weekly order", "produce"),
    ("Nalima sukuma and spinach but the brokers pay me nothing", "produce"),
    ("I want to start putting something aside that actually grows", "financial advice"),
    ("Investment adviser: money market funds, T-bills, government bonds",
     "financial advice"),
    ("We only have the sale agreement and now his sons say the land is theirs", "legal"),
    ("His wish was to be buried in our village near Mirpur", "repatriation"),
    ("Janazah service: ghusl, kafan, release of the body, flights to Islamabad",
     "repatriation"),
    ("Last year nobody at the back could hear the speeches", "audio"),
    ("Every time we use the kettle and the iron together the whole house goes dark",
     "electrical"),
    ("I coach juniors on Saturdays: openings, tactics and endgames", "chess"),
    ("Mum's wedding gown is two sizes too small, who can alter it carefully?", "sewing"),
    ("People keep asking 'do you have a link?' so they can order and pay", "web"),
    ("Her passport application keeps failing on the old birth certificate", "paperwork"),
    ("We need proper home food for 120 people at the reunion", "catering"),
    ("Our new CTO wants to learn basic Luganda", "luganda language"),
    ("We need to bring her from the mortuary and find a car for the body", "funeral"),
    ("My daughter just got her Ls and needs 120 hours in the logbook", "driving lessons"),
    ("Found Dad's old Pentax and a few rolls of film I'd love to get developed",
     "photography"),
    ("My son wants to learn to play his grandfather's oud", "music"),
    ("We've a spare double, £560 a month all bills in", "room to rent"),
    ("Independent, whole-of-market broker for the awkward cases", "buy home"),
    ("I've got counterbalance and reach tickets, six years, no accidents", "forklift"),
    ("The mandir Gmail is sending strange links and the password doesn't work",
     "it support"),
    ("Parents own the house outright and have nothing written down", "wills"),
    ("Nan was never religious: no church, no vicar, just her songs", "celebrant"),
    ("I prepare adults for the exam: mock papers and listening drills", "tutoring"),
    ("I need the A2 certificate to apply for citizenship", "language"),
])
def test_a_need_put_in_other_words_is_read_as_its_concept(text: str, concept: str) -> None:
    """The blind sets fresh29 (Nairobi) and fresh27 (Manchester): a lorry for household
    goods is removals, a relative met at arrivals a lift, greens sold to restaurants
    produce, a body flown home for burial repatriation, speeches nobody could hear a PA."""
    assert concept in read(text).concepts, read(text).concepts


def test_spanish_con_is_with_not_a_con() -> None:
    """The blind set fresh26: "con" stemmed like "conned" and read as a scam."""
    assert "scam" not in read("Se vende food truck con generador, listo para trabajar").concepts


@pytest.mark.parametrize(("text", "concept", "not_concept"), [
    # read back as reasons, these were noise to a reader of the evidence
    ("Garda vetted childminder with references", "childcare", "pets"),
    ("My car failed the NCT on the front brakes", "mechanic", "new baby"),
    ("NCT antenatal classes for first-time parents", "new baby", "mechanic"),
    ("We want PR in Canada after the study permit", "immigration", "marketing"),
    ("PR and press coverage for our launch", "marketing", "immigration"),
    ("iPhone storage full and it won't take photos", "it support", "storage"),
    ("An online appeal to raise money for the church roof", "crowdfunding", "legal"),
    # a reader of the evidence took these for wrong senses (issue 28, fifth review)
    ("Master electrician, 35 years, trained a dozen apprentices", "electrical", "school"),
    ("My laptop shows a red warning saying it is locked, call this number", "it support",
     "locksmith"),
    ("My savings account is in India and they want an NRO account", "banking",
     "accounting"),
    ("His Employment Pass salary is too low, they say", "immigration", "job"),
    ("My Corolla failed its WOF on brakes and a rust spot", "mechanic", "software"),
    ("The aircon drips water on the bed every night", "air conditioning", "heating"),
    ("We speak Punjabi at home and want the children to keep it", "punjabi language",
     "hindi language"),
    # the blind set fresh25: "the taxman" is tax
    ("I've got to tell the taxman by the end of January", "accounting", "scam"),
    ("Got conned by a rogue trader who took the money and ran", "scam", "accounting"),
    # the blind set fresh26: a town is no temp work, adult children need no childcare
    ("Posting for my mom in Tempe: she's leaving the stove on and wandering at 2am",
     "eldercare", "job"),
    ("Geriatric care manager: updates for adult children who live out of state",
     "eldercare", "childcare"),
    ("The monsoon dumped the desert in my pool and it's green pea soup", "cleaning",
     "swimming"),
    ("Adult swim lessons in the pool at the Y, all levels", "swimming", "cleaning"),
    ("Paisajismo Gutiérrez: re-grading berms so your water stays on your lot", "garden",
     "plumbing"),
    ("¿Qué permisos pide el condado para vender elotes?", "licensing", "immigration"),
    # read back as reasons by the sixth review (fresh25, fresh26)
    ("Bard of the Gorsedh, I teach Kernewek to adults", "cornish language",
     "welsh language"),
    ("Wedding photographer starting out, portfolio on my site", "photography",
     "financial advice"),
    ("Urdu tutor for children, weekends", "urdu language", "hindi language"),
    ("We need Cantonese lessons before the trip to see Po Po", "cantonese language",
     "mandarin language"),
    ("We separated last year and can't agree about the kids", "family mediation", "software"),
    ("Grab rails for mum in the bathroom after her fall", "mobility", "software"),
    ("Ruby on Rails developer, ten years of web apps", "software", "mobility"),
    ("We need volunteer drivers for hospital appointments", "lift", "delivery"),
])
def test_an_abbreviation_or_a_word_of_two_settings_takes_its_neighbours_sense(
        text: str, concept: str, not_concept: str) -> None:
    concepts = read(text).concepts
    assert concept in concepts and not_concept not in concepts, concepts


@pytest.mark.parametrize(("text", "concept"), [
    ("Locked myself out, the key snapped in the front door", "locksmith"),
    ("Doing a master's degree at the university next year", "school"),
    ("Our year-end company accounts are due and the books are a mess", "accounting"),
    ("Rust developer, async backends and command-line tools", "software"),
    ("Our boiler keeps losing pressure", "heating"),
])
def test_the_word_keeps_its_sense_where_its_neighbours_say_so(text: str,
                                                              concept: str) -> None:
    assert concept in read(text).concepts


def test_accented_words_are_words_as_written() -> None:
    reading = read("Not married yet: my fiancé and I, and our español is poor")
    assert reading.concepts["wedding"] == ("married", "fiancé")
    assert reading.concepts["spanish language"] == ("español",)
    # (a post written whole in Portuguese is unread, and only its names are plain words:
    # test_serendipity_written)
    assert read("Need a hand with my bicicleta já, the chain came off in Graça").words == {
        "hand": "hand", "bicicleta": "bicicleta", "ja": "já", "chain": "chain",
        "graca": "graça"}


def test_plain_words_of_a_chat_are_not_concepts() -> None:
    assert read("open till 6 on weekdays").concepts == {}
    assert "venue" not in read("about 200 guests at the wedding").concepts
    assert not {"her", "every", "day", "down"} & set(read(
        "She is up and down every day, I worry about her").words)


def test_a_place_links_to_its_language_and_says_so_in_words() -> None:
    asker, giver = Person.create("Ana"), Person.create("Ben")
    need = Opportunity.create(person=asker.id, type="need", when=WHEN,
                              text="Moving to Lyon in spring")
    offer = Opportunity.create(person=giver.id, type="offer", when=WHEN,
                               text="French conversation over coffee")
    [suggestion] = Matcher([asker, giver], [need, offer]).suggest()
    [link] = [m for m in suggestion.details["matched"] if m["need_words"] == ["lyon"]]
    assert link["concept"] == "french language" and link["related_to"] is None
    assert "lyon → French conversation (French language)" in suggestion.evidence[0]


def test_two_places_of_one_language_are_still_two_places() -> None:
    # the link is the need's, toward a language: a flat in Lisbon is not one in Porto
    ranked = _ranked("Looking for a flat in Lisbon", "Flat to rent in Porto",
                     "Flat to rent in Lisbon")
    assert ranked[:1] == ["Flat to rent in Lisbon"]


def test_a_learner_of_one_language_is_no_nearer_an_offer_listing_many_others() -> None:
    """The blind set fresh23: a translator "from Polish, Ukrainian and Russian" came
    first for a learner of Portuguese, each named language adding the link to language
    learning again; the tutor of the learner's own language comes first."""
    need = "I need the A2 certificate and my Portuguese is still at beginner level"
    translator = "Certified translator from Polish, Ukrainian, Russian and Romanian"
    tutor = "Portuguese tutor for adults, mock papers and speaking practice"
    assert _ranked(need, translator, tutor)[:1] == [tutor]
    [suggestion] = [s for s in Matcher(*_people_and(need, translator)).suggest()]
    assert not [m for m in suggestion.details["matched"] if m["related_to"] and
                m["related_to"].endswith(" language")]


def _people_and(need: str, offer: str) -> tuple[list[Person], list[Opportunity]]:
    asker, giver = Person.create("Ana"), Person.create("Ben")
    return [asker, giver], [
        Opportunity.create(person=asker.id, type="need", when=WHEN, text=need),
        Opportunity.create(person=giver.id, type="offer", when=WHEN, text=offer)]


def test_describe_link_reads_like_a_person() -> None:
    from kith.domain.serendipity.matching import Link
    assert describe_link(Link(("madrid",), ("spanish",), "spanish language")) == \
        "madrid → Spanish (Spanish language)"


WORDS = ["tap", "leaking", "shoulder", "should", "three-tiered", "co-founder", "wills",
         "will", "small", "fee", "i'm", "madrid", "shift", "sofa", "plot", "hall", "halls",
         "patch", "ceiling", "tablets", "retired", "plumber", "the", "a", "-", "'", "x-y-z"]


@given(st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join))
@settings(max_examples=200, deadline=None)
def test_every_concept_is_said_in_words_of_the_text(text: str) -> None:
    reading = read(text)
    assert NOTHING not in reading.concepts
    flat = text.lower()
    for words in reading.concepts.values():
        for phrase in words:
            assert all(part in flat for part in phrase.split())


def test_no_concept_is_written_twice_in_one_table() -> None:
    # a dict literal keeps the last of two equal keys: the first list of cues would be
    # lost without a word
    import ast
    import collections
    from pathlib import Path

    import kith.domain.serendipity as package

    for module in ("lexicon", "vocabulary", "problems"):
        tree = ast.parse((Path(package.__file__).parent / f"{module}.py").read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
                twice = [k for k, n in collections.Counter(keys).items() if n > 1]
                assert not twice, (module, twice)


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from(["b", "c", "d"]),
                          st.floats(0.0, 1.0), st.sampled_from(["x", "y"])), max_size=10))
@settings(max_examples=80, deadline=None)
def test_merging_never_changes_the_suggestions_it_is_given(
        rows: list[tuple[str, str, float, str]]) -> None:
    from kith.domain.serendipity import Suggestion

    given_ = [Suggestion((a, b), (f"{a}{b}",), score, [why], "kith") for a, b, score, why in rows]
    before = [(s.people, s.opportunities, s.score, list(s.evidence)) for s in given_]
    merged = merge(given_)
    assert [(s.people, s.opportunities, s.score, list(s.evidence)) for s in given_] == before
    assert len({s.key() for s in merged}) == len(merged)
    for s in merged:  # the best score of the pair, every reason kept
        same = [g for g in given_ if g.key() == s.key()]
        assert s.score == max(g.score for g in same)
        assert set(s.evidence) == {e for g in same for e in g.evidence}

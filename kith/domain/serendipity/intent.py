"""Whether an offer is a thing for sale or to give away, and whether a need wants one;
whether an offer is someone's request, or full for now.

"Free to collector: old loo and cistern" and "retired plumber, happy to fix a running
cistern" are about the same things; to the sentence model they are close, and even the
bridge of kinds reads the first as a plumber's (its vector is the loo's, not the
giving's). But a person with a running loo wants the plumber: the first is a thing on
offer, and only a need for a thing ("anyone selling a cot?", "looking for a second-hand
bike") is met by it. The words that say so are few and set ("for sale", "free to a good
home", "o.n.o.", "collection only", "outgrown"), so the lexicon reads them with the rest
of a text (``lexicon.Reading.intent``), and the matcher adds them to what the bridge reads
as selling or giving away (``kinds.NOT_HELP``).

The cues name the sale or the giving, never a price alone (a babysitter's "£12 an hour",
a clinic's "free, no appointment" are help) and never a service given free ("free bike
MOTs", "free quotes"). They are matched word by word on the words the lexicon has split
already (a dozen look-ups a text), not by a pattern scanned over every character (an
alternation of these cues cost 80 µs a text).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

GOODS = "goods"
"""The text is a thing sold or given away."""
WANTS_GOODS = "wants goods"
"""The text asks for a thing (to buy, be given, be handed down)."""
ASKS = "asks"
"""The text asks for help itself: an offer that says so is someone else's need put down
as an offer ("+1, also hunting for a room near campus"), no help to a need."""
UNAVAILABLE = "unavailable"
"""The offer says it cannot be taken up now ("fully booked until September", "currently
full, sorry!"): no help to a need today, whatever it shares with it."""

_ANY = ("a", "an", "some", "two", "three", "our", "my", "the", "these", "this", "any")

_CUES: dict[str, list[str]] = {
    GOODS: [
        "for sale", "forsale", "ono", "o.n.o", "ovno", "o.v.n.o", "or nearest offer",
        "or best offer", "obo", "buyer collects", "buyer to collect", "buyer collect",
        "collection only", "pick up only", "pickup only", "pick-up only",
        "cash on collection", "must go", "worn once", "worn twice", "used once",
        "used twice", "barely used", "hardly used", "never used", "rarely used",
        "barely worn", "hardly worn", "never worn", "like new", "mint condition",
        "good condition", "great condition", "excellent condition", "working order",
        "good working order", "outgrown", "smoke free home", "smoke-free home",
        "pet free home", "pet-free home", "free to good home", "free to a good home",
        "free to good homes", "free to loving home", "free to a loving home",
        "free to a new home", "free to collector", "free to whoever", "free to anyone",
        "free to the first", "free to first", "going free", "going for free",
        "going cheap", "yours free", "yours for free", "up for grabs", "giving away",
        "give away", "to give away", "job lot", "for the lot", "asking price",
        "help yourself", "help yourselves", "free to take", "take what you need",
        "ready for new homes", "ready for their new homes", "ready for a new home",
        "ready to go to new homes", "looking for new homes", "looking for a new home",
        "needs a new home", "need new homes", "to a good home", "to good homes",
        "to a loving home", "to loving homes", "free kittens", "free puppies", "free kitten",
        "free puppy", "rehoming",
        "closing down", "closing-down", "new in box", "brand new in box", "still in box",
        "still boxed", "never opened", "hardly opened", "unopened", "new with tags",
        "bnib", "bnip", "nwt", "lightly used", "gently used", "you haul", "must pick up",
        "porch pickup", "porch pick up", "curbside pickup", "self collect", "self-collect",
        "self collection", "cash and carry", "moving sale", "garage sale",
        "yard sale", "estate sale", "rummage sale", "boot sale", "car boot", "vet checked",
        "first shots", "ready to go home", "forever home", "forever homes", "rehoming",
        "re-homing", "up for adoption", "buy one get one", "buy two get one", "bogof",
        "while stocks last", "free p&p", "plus postage", "shop now", "by the pallet",
        "wholesale prices", "se vende", "vende se", "à venda",
        # a lender's advert sells credit (fresh36: "Need cash fast?? bad credit OK")
        "need cash fast", "cash fast", "bad credit ok", "bad credit okay", "no credit check",
        "instant approval", "fast approval", "guaranteed approval", "approval in",
        "a la venta", "en venta", "mejor oferta", "melhor oferta", "seminovo", "seminova",
        *(f"clearing out {whose} {place}" for whose in ("the", "my", "our", "mum's", "dad's")
          for place in ("loft", "garage", "shed", "attic", "basement", "house", "flat",
                        "spare room", "cupboards", "wardrobe", "wardrobes", "kitchen")),
        *(f"selling {word}" for word in (*_ANY, "off")),
        *(f"anyone want {word}" for word in _ANY),
        *(f"donating {word}" for word in ("a", "an", "some", "two", "three", "bags",
                                          "boxes", "our", "my old", "a bag", "a box")),
    ],
    WANTS_GOODS: [
        "anyone selling", "anybody selling", "anyone giving away", "anybody giving away",
        "anyone getting rid of", "anybody getting rid of", "looking to buy",
        "want to buy", "wanting to buy", "hoping to buy", "wtb", "iso", "second hand",
        "second-hand", "secondhand", "hand me downs", "hand-me-downs", "hand me down",
        "hand-me-down", "preloved", "pre-loved", "for sale", "anyone got", "anybody got",
        "to pass on", "going spare", "cast offs", "cast-offs",
        *(f"{who} have {article} {what}" for who in ("anyone", "anybody")
          for article in ("a", "an", "any", "some")
          for what in ("spare", "old", "unused", "used")),
    ],
}
_CUES[ASKS] = [
    *(f"{when} {doing} for" for when in ("also", "still", "too")
      for doing in ("looking", "hunting", "searching")),
    "if anyone hears of", "if anybody hears of", "if anyone knows of",
    "if anybody knows of", "does anyone know", "does anybody know", "can anyone recommend",
    "can anybody recommend", "could anyone recommend", "anyone know where",
    "anybody know where", "where's the", "where is the", "where do i", "where can i",
    "who do i ask", "who should i ask", "any recommendations", "recommendations please",
    "any ideas", "also needing", "also after", "looking too", "same problem here",
    "if anyone finds", "if anybody finds", "share the contact with me",
    "share their contact with me", "share contact with me",
    *(f"{who} in the same {what}" for who in ("i'm", "im", "i am", "we're", "we are")
      for what in ("boat", "situation")),
    "same boat here", "same situation here", "if you hear of", "if you hear of any",
    "let me know if you hear", "looking for one myself",
]
"""(In the past tense these words offer help: "I was in the same boat five years ago".)"""
_CUES[UNAVAILABLE] = [
    "fully booked", "all booked", "booked solid", "currently full", "currently fully booked",
    "no spaces left", "no space left", "no vacancies", "not taking new", "not taking on new",
    "not taking any new", "no longer taking", "not accepting new", "not accepting any new",
    "closed to new", "waiting list is closed", "waitlist is closed", "full for now",
    "completely full", "not taking waiting", "not taking names", "not taking enquiries",
    "not taking any more", "no more bookings", "sign the petition", "sign our petition",
    # a trade leaving for another city is no help here (fresh36: "moving my mobile
    # mechanic business back to Perth")
    "moving my business", "moving the business", "moving my mobile", "relocating my business",
    "relocating the business", "closing my business", "closing the business",
    "no longer operating", "shutting up shop",
]
"""(A petition asks for signatures: it is a request of its own, no help to a need. Not
"booked up", "full until" or "no availability": "booked up on Saturdays, weekdays free"
is help on a weekday.)"""
_STARTS = {GOODS: ("free:", "free!", "free -", "free –", "for sale:", "fs:", "wts:",
                   "clearing out:", "clearing out -", "clearing out –"),
           WANTS_GOODS: ("wanted:", "wanted!", "wanted -", "wanted –", "wtb:", "iso:"),
           ASKS: ("+1", "me too", "same!", "same here", "following!", "following.",
                  "ditto", "seconding this")}
"""Cues only at a text's start, where the punctuation the words lose says it ("Free:
cat tree", "Wanted: a cot"; "free bike MOTs" is a service)."""


_AFTER_PRICE = (["each"], ["ono"], ["obo"], ["firm"], ["neg"], ["nego"], ["negotiable"],
                ["negotiatable"])
"""Words after a price that say it is the price of a thing, not of an hour's work."""


def _price(word: str) -> bool:
    """A number, or one with a currency's letter before it as it is written ("r3500")."""
    return word.isdigit() or (len(word) > 1 and word[0] in "rk" and word[1:].isdigit())


THINGS = frozenset({"furniture", "clothes", "things to pass on", "clothes bank", "books",
                    "tickets", "stationery", "laptop"})
"""Concepts that are things: a need of one of them alone wants the thing ("they have no
beds and no table"), unless it names a service done to it too (``SERVICES_ON_THINGS``)."""
SERVICES_ON_THINGS = frozenset({
    "repair", "upholstery", "furniture restoration", "flat-pack", "removals", "sewing",
    "declutter", "storage", "van hire", "rubbish", "handyman", "carpentry", "shoe repair",
    "it support", "data recovery", "delivery", "selling", "woodcraft"})


DOING = frozenset({
    "fix", "fixing", "fixed", "repair", "repairing", "repaired", "mend", "mending",
    "mended", "assemble", "assembling", "assembled", "build", "building", "put",
    "putting", "clean", "cleaning", "move", "moving", "shift", "shifting", "carry",
    "carrying", "paint", "painting", "install", "installing", "fit", "fitting",
    "service", "servicing", "restore", "restoring", "recover", "re-cover",
    "reupholster", "reupholstering", "deliver", "delivering", "collect", "collecting",
    "dispose", "disposing", "dump", "rid", "sort", "sorting", "alter", "altering"})
"""Words of a service done to a thing ("fix my sofa", "help moving a wardrobe")."""


def wants_things(concepts: Mapping[str, Sequence[str]],
                 surfaces: Iterable[str] = ()) -> bool:
    """Whether a text's concepts (each with the phrases that said it) are things wanted,
    not a service done to them (a service concept, or a word of doing, beside them), nor
    a thing in passing in a need about something else: the things must be said at least
    as often as everything else ("no beds and no table"; not "black mould behind the
    wardrobe", "the slates have slipped over the back bedroom")."""
    found = set(concepts)
    if not found & THINGS or found & SERVICES_ON_THINGS or not DOING.isdisjoint(surfaces):
        return False
    things = sum(len(said) for name, said in concepts.items() if name in THINGS)
    others = sum(len(said) for name, said in concepts.items() if name not in THINGS)
    return things >= others


CueTable = dict[str, tuple[tuple[tuple[str, ...], str], ...]]
"""Each cue's first word -> the cues starting with it, as words, and what they say."""


def cue_table(cues: dict[str, list[str]]) -> CueTable:
    """``cues`` (what a text says -> the phrases that say it) by their first word."""
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name, phrases in cues.items():
        for cue in phrases:
            words = tuple(cue.split())
            out.setdefault(words[0], []).append((words, name))
    return {first: tuple(entries) for first, entries in out.items()}


def phrases_in(table: CueTable, surfaces: list[str]) -> Iterator[tuple[int, tuple[str, ...],
                                                                       str]]:
    """Every cue of ``table`` among ``surfaces`` (a text's words, lower case, in order):
    where it starts, its words, and what it says."""
    for i, word in enumerate(surfaces):
        for words, name in table.get(word, ()):
            if tuple(surfaces[i:i + len(words)]) == words:
                yield i, words, name


def cues_in(table: CueTable, starts: dict[str, tuple[str, ...]], surfaces: list[str],
            text: str) -> set[str]:
    """What the cues of ``table`` found among ``surfaces`` and the openings of ``starts``
    at the text's start say."""
    start = text.lstrip(" \t\n*#-•\"'“").lower()
    found = {name for name, openings in starts.items() if start.startswith(openings)}
    found.update(name for _, _, name in phrases_in(table, surfaces))
    return found


_TABLE = cue_table(_CUES)


def intents(surfaces: list[str], text: str) -> frozenset[str]:
    """``GOODS``, ``WANTS_GOODS``, ``ASKS`` and ``UNAVAILABLE`` as a text's words
    (``surfaces``, lower case, in order) and its start say them ("in stock", "order now",
    "trade prices", "free postage" and Spanish "vendo" are left out: a mechanic has parts
    in stock, a caterer takes orders, a plumber passes on trade prices, a watch repairer
    posts it back free, and in Portuguese "vendo" is also "seeing")."""
    found = cues_in(_TABLE, _STARTS, surfaces, text)
    for i, word in enumerate(surfaces):
        if _price(word) and (surfaces[i + 1:i + 2] in _AFTER_PRICE
                             or surfaces[i + 1:i + 3] == ["the", "lot"]):
            found.add(GOODS)  # "£15 each", "$900 firm", "R3500 neg", "£150 the lot"
    return frozenset(found)


def no_help(offer: frozenset[str], need: frozenset[str]) -> list[str]:
    """What the offer's words say makes it no help to the need, as the matcher reads them:
    someone's request or full for now, to any need; a thing sold or given away, to a
    need that does not ask for a thing."""
    found = [name for name in (ASKS, UNAVAILABLE) if name in offer]
    if GOODS in offer and WANTS_GOODS not in need:
        found.append(GOODS)
    return found

"""How two names of people relate: the same, a short form, a changed surname, or others.

Imports and ``kith person duplicates`` need the same judgement: a chat that says "Dan" may
mean Daniel Murphy, "D. Murphy" and "Bob Murphy" may be Robert Murphy, and "Ann Lee-Smith"
with Ann Lee's email may be Ann after a wedding; but "Ivan Rossi" and "Maria Rossi", who
share a landline, are two people of one household. ``compare_names`` says which, in words
an import summary can quote. Short forms are *suggestions* (possible duplicates), never a
reason to merge: only an identical full name, or a shared email or phone whose names agree,
is taken as the same person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kith.core.textfold import fold

_NICKNAME_GROUPS: tuple[tuple[str, ...], ...] = (
    ("daniel", "dan", "danny"), ("robert", "bob", "bobby", "rob", "robbie", "bert"),
    ("william", "bill", "billy", "will", "willy", "liam"), ("elizabeth", "liz", "beth",
                                                            "betty", "eliza", "lisa", "lizzie"),
    ("katherine", "catherine", "kathryn", "katharina", "kate", "katie", "kathy", "cathy",
     "kathi", "kat"),
    ("michael", "mike", "mick", "mickey", "micha"), ("james", "jim", "jimmy", "jamie"),
    ("thomas", "tom", "tommy"), ("anthony", "antony", "tony", "anton", "toni"),
    ("david", "dave", "davy"), ("stephen", "steven", "steve", "stefan", "steffen"),
    ("christopher", "chris", "kit"), ("christine", "christina", "chris", "tina", "kristina"),
    ("alexander", "alex", "sandy", "xander"), ("alexandra", "alex", "sandra", "sandy"),
    ("samuel", "sam", "sammy"), ("samantha", "sam", "sammy"), ("benjamin", "ben", "benny"),
    ("joseph", "joe", "joey", "josef", "sepp"), ("jennifer", "jen", "jenny"),
    ("margaret", "maggie", "meg", "peggy", "greta", "margarete"), ("susan", "sue", "susie"),
    ("edward", "ed", "eddie", "ted", "teddy"), ("andrew", "andy", "drew"),
    ("andreas", "andi", "andy"), ("nicholas", "nick", "nicky", "klaus", "nikolaus"),
    ("patrick", "pat", "paddy"), ("patricia", "pat", "patty", "trish"),
    ("matthew", "matt", "matthias", "matthes"), ("gregory", "greg"),
    ("richard", "rick", "ricky", "rich", "dick"), ("lawrence", "larry", "laurence"),
    ("henry", "harry", "hank"), ("john", "jack", "johnny", "jon", "johannes", "hans"),
    ("frederick", "fred", "freddie"), ("francis", "frank", "franz"),
    ("ann", "anne", "anna", "annie", "nan"), ("teresa", "theresa", "tess", "resi"),
    ("victoria", "vicky", "tori"), ("abigail", "abby"), ("rebecca", "becky", "becca"),
    ("deborah", "debbie", "deb"), ("jessica", "jess", "jessie"), ("kimberly", "kim"),
    ("nathan", "nathaniel", "nate"), ("philip", "phillip", "phil"), ("raymond", "ray"),
    ("ronald", "ron", "ronnie"), ("timothy", "tim", "timmy"), ("walter", "walt"),
    ("zachary", "zach", "zack"), ("helena", "magdalena", "lena", "leni", "helen"),
    ("ulrich", "uli"), ("florian", "flo"), ("sebastian", "basti", "seb"),
    ("maximilian", "max"), ("stefanie", "stephanie", "steffi"), ("eugene", "gene"),
    ("gerald", "gerry", "jerry"), ("jeremy", "jerry"), ("dorothy", "dot", "dottie"),
    ("isabel", "isabella", "izzy", "bella"), ("josephine", "jo", "josie"),
    ("joanna", "joanne", "jo"), ("sean", "shaun", "shawn"),
    ("siobhan", "shiv"), ("giuseppe", "beppe", "pino"), ("giovanni", "gianni"),
    ("francesco", "franco", "cesco"), ("ivan", "vanya"), ("aleksandr", "sasha", "sascha"),
)
"""Names and their everyday short forms (English, German, Irish, Italian, Russian)."""

NICKNAMES: dict[str, frozenset[str]] = {}
for _group in _NICKNAME_GROUPS:
    for _name in _group:
        NICKNAMES[_name] = NICKNAMES.get(_name, frozenset()) | frozenset(_group)


def name_tokens(name: str) -> list[str]:
    """A name's words, folded (case and accents ignored), dots and commas dropped:
    ``"D. Murphy"`` -> ``["d", "murphy"]``; ``"Murphy, Dan"`` -> ``["dan", "murphy"]``."""
    return list(_tokens(name or ""))


@lru_cache(maxsize=65536)
def _tokens(name: str) -> tuple[str, ...]:
    """``name_tokens``, remembered: an import compares each name with many others."""
    text = fold(name)
    if "," in text:
        family, _, given = text.partition(",")
        text = f"{given} {family}"
    return tuple(t for t in re.split(r"[\s.]+", re.sub(r"[^\w\s.'-]", " ", text)) if t)


def is_a_name(name: str) -> bool:
    """Whether the text is a person's name at all (not a phone number, an email address
    or a placeholder such as ``(unnamed)``)."""
    return bool(name) and "@" not in name and any(c.isalpha() for c in name) \
        and not name.startswith("(")


def given_names_agree(first: str, second: str) -> str | None:
    """How two given names are one: ``"same"``, ``"initial"`` (D / Daniel) or
    ``"nickname"`` (Bob / Robert); ``None`` when they are different names."""
    if first == second:
        return "same"
    if (len(first) == 1 and second.startswith(first)) or (
            len(second) == 1 and first.startswith(second)):
        return "initial"
    if second in NICKNAMES.get(first, ()):
        return "nickname"
    return None


@dataclass(frozen=True)
class NameRelation:
    """How one name stands to another.

    ``kind`` is ``"same"`` (the same full name), ``"short"`` (one is a short form of the
    other: a first name alone, an initial, a nickname), ``"surname"`` (the same given name
    with another surname: a changed surname, or relatives), ``"different"`` (different
    given names: different people) or ``"unknown"`` (one is not a name at all).
    ``why`` says it in words for a summary: "first name of Dan Murphy".
    """

    kind: str
    why: str = ""

    @property
    def agrees(self) -> bool:
        """Whether the names allow one person (a shared email or phone then decides)."""
        return self.kind in ("same", "short", "unknown")


def compare_names(name: str, other: str) -> NameRelation:
    """How ``name`` (say, from an import) relates to ``other`` (someone known)."""
    if not (is_a_name(name) and is_a_name(other)):
        return NameRelation("unknown")
    mine, theirs = _tokens(name), _tokens(other)
    if not mine or not theirs:
        return NameRelation("unknown")
    if mine == theirs:
        return NameRelation("same", f"same name as {other}")
    if len(mine) == 1 or len(theirs) == 1:
        single, full = (mine, theirs) if len(mine) == 1 else (theirs, mine)
        if single[0] == full[-1] and len(full) > 1:
            return NameRelation("short", f"surname of {other}" if single is mine
                                else f"{other} is the surname")
        how = given_names_agree(single[0], full[0])
        if how is None:
            return NameRelation("different")
        words = {"same": "first name", "initial": "initial", "nickname": "nickname"}[how]
        return NameRelation("short", f"{words} of {other}" if single is mine
                            else f"{other} is the {words}")
    how = given_names_agree(mine[0], theirs[0])
    if how is None:
        return NameRelation("different")
    if mine[-1] != theirs[-1]:
        if how == "same":
            return NameRelation("surname", f"same given name as {other}, another surname")
        return NameRelation("different")
    if how == "same":  # middle names differ: "Ann Mary Lee" / "Ann Lee"
        return NameRelation("short", f"like {other} (another middle name)")
    return NameRelation("short", f"{how} of {other}")

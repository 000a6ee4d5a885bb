"""The language a post is written in, as far as its letters and little words say, and
whether the sentence model can read it.

People post in the language of their community: "Em về Việt Nam 3 tuần tháng 1. Hai bé
mèo già ở nhà…" (a cat-sitter wanted, in Vietnamese), "Po wczorajszej burzy kapie mi z
sufitu…" (a roof leak, in Polish), "Mero buwa ko tax file garna kasle help garna sakcha?"
(Nepali in Latin letters). The sentence model kith ships reads English only: two posts in
one such language come out close whatever they say (a Vietnamese student-visa centre was
0.74 from a Vietnamese mother asking about her daughter's dyslexia), and their syllables,
read as English words, are noise ("ai", who, read as AI; "một", one, as an MOT). So:

- a post written in another language (most of its words that language's, few English
  ones) is **unread**: the matcher keeps half the model's cosine and the kinds for it (they
  still read the English words mixed in), and none against another unread post;
- its little words are no reason to meet, and no single English cue; its other plain
  words are only its names ("Villeray"), since the rest are its language's ("escaliers")
  and no English need shares them (``lexicon.read``);
- a pair the model alone links, with one post unread, is no suggestion: nothing in words
  could be said for it (``Matcher.matches``);
- a need written in it says the asker's language ("written in Vietnamese"), which an
  offer that speaks it ("Nói tiếng Việt", "Vietnamese-speaking staff") meets.

A language is known by letters only it uses (Vietnamese ơ ư đ ạ…, Polish ą ę ł…), by its
script (Greek, Hangul, Thai, Tamil…), or by its commonest little words (Nepali, Swahili,
Tagalog, Hindi, Haitian Creole, written in Latin letters without marks of their own; and
French, Spanish and Portuguese, whose accents are too few to tell: a French post of
thirty words may have three). A word with any letter English does not use
("bénéficiaires") counts toward another language without naming it; a post that mixes
such words into English is read.
"""

from __future__ import annotations

from functools import lru_cache

LETTERS: dict[str, str] = {
    "vietnamese": "ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",
    "polish": "ąęłśżźń",
    "czech": "řůě",
    "turkish": "ğış",
    "romanian": "ășț",
}
"""Letters that say the language of the word they are in."""

SCRIPTS: dict[str, tuple[int, int]] = {
    "greek": (0x0370, 0x03FF), "korean": (0xAC00, 0xD7AF), "japanese": (0x3040, 0x30FF),
    "thai": (0x0E00, 0x0E7F), "tamil": (0x0B80, 0x0BFF), "bengali": (0x0980, 0x09FF),
    "punjabi": (0x0A00, 0x0A7F), "gujarati": (0x0A80, 0x0AFF), "hebrew": (0x0590, 0x05FF),
    "sinhala": (0x0D80, 0x0DFF), "malayalam": (0x0D00, 0x0D7F), "telugu": (0x0C00, 0x0C7F),
    "kannada": (0x0C80, 0x0CFF),
}
"""Alphabets of one language each (their first and last code points)."""
OTHER_SCRIPTS = ((0x0600, 0x06FF), (0x0400, 0x04FF), (0x0900, 0x097F), (0x4E00, 0x9FFF),
                 (0x1200, 0x137F))
"""Alphabets of several languages (Arabic, Cyrillic, Devanagari, Han, Ge'ez): a word in
them is another language's, but which one the letters do not say."""

LITTLE_WORDS: dict[str, frozenset[str]] = {name: frozenset(words.split()) for name, words in {
    # without their marks too: many post Vietnamese without them ("em cam on")
    "vietnamese": """em anh chị chi cô co ông ong bà ba con cháu chau mình minh tôi toi
        bạn ban của cua và va là la có không khong được duoc cho ở o với voi người nguoi
        ai gì gi nào nao này nay đó do thì thi mà ma nhưng nhung cũng cung đã da đang
        dang sẽ se rồi roi ạ a nhé nhe nha ơi oi giúp giup biết biet muốn muon cần can
        làm lam đi di về ve nhà nha một mot hai ba bốn năm nam tháng thang tuần tuan
        ngày ngay giờ gio lắm lam quá qua rất rat cảm cam ơn on xin chào chao hỏi hoi
        ở đâu đâu dau nói noi tiếng tieng hay tra nen khi lai sao vay thoi bi""",
    "french": """de en au le les des du une est et pour avec dans sur je nous vous qui que pas
        mon mes ton tes sa ses aux ce cette cet il elle ils elles ne sont mais tres chez
        notre votre nos vos leur leurs peut fait faire etre avoir suis j'ai c'est qu'il
        qu'on quelqu'un d'un d'une l'on n'est s'il merci bonjour aussi depuis quand
        fils fille mari ans""",
    "spanish": """el los las del una es por con para mis tu su sus muy pero esta
        estoy hay alguien sabe gracias hola nuestro nuestra puede nada ella usted ustedes
        lo se mi mamá mama papá papa hijo hija también tambien""",
    "portuguese": """não nao uma um com os do da dos das na em meu minha você voce
        obrigado obrigada alguém alguem tem ele muito mas sou preciso""",
    "polish": """się sie nie jest są sa mi mnie mój moj moja moje jak kto ktoś ktos co
        czy że ze na w z do od po dla przez ale i a to ten ta te tak już juz jeszcze
        bardzo gdzie można mozna proszę prosze dziękuję dziekuje dzień dzien mam ma
        mamy nas nam jestem będę bede który ktory która ktora""",
    "nepali": """ma ko ki ka le lai ra ta cha chha chhu chhau chaina chhaina ho hoina
        garna garne garnu gareko garchu garcha garau sakcha sakchu sakinchha parcha
        parchha bhayo bhaye bhanera bhane thaha mero meri hamro hami timro tapai tapaiko
        haru kasle kasko kasari ke kina kaha kun yo tyo aba pani tara ani dai didi bahini
        bhai buwa aama hajurbuwa hajuraama dherai ali""",
    "swahili": """na ya wa kwa ni za hii hiyo kuna nina mimi yangu wangu yetu wetu sana
        tafadhali asante habari ndiyo hapana kama lakini pia huyo hao wale nani gani
        wapi lini kwenye""",
    "haitian creole": """mwen m ou li nou yo pou ak nan ki sa se pa gen yon ti fè fe kay
        konn vle ka kapab tout moun mande ede bezwen anpil paske sou avè ave ap an chak
        anvan apre kounye kounya tou sèlman selman tanpri mèsi mesi bonjou fanmi zanmi fòk
        fok kisa kòman koman poukisa legliz maten aswè lajan travay""",
    "tagalog": """ang ng mga sa po ko ako namin natin kami tayo lang naman yung yun kasi
        pero kung para may wala walang ba nga din rin salamat kayo sila siya niya""",
    "hindi": """hai hain ka ki ke mein mujhe mera meri humara hum aap aapka kya kaise
        kaun kahan nahi nahin bhi aur ko se par liye chahiye karna karo karein koi
        kuch bahut accha""",
}.items()}
"""The commonest little words of languages written in Latin letters with few or no
marks of their own: a post made mostly of them is in that language. A word two languages
share counts for the first (French before Polish and Nepali, which share "mi", "ma" and
"le" with it); a word English shares ("on", "me") is left out."""
_LITTLE: dict[str, str] = {}
for _name, _words in LITTLE_WORDS.items():
    for _word in _words:
        _LITTLE.setdefault(_word, _name)
"""Each little word and the first language (in ``LITTLE_WORDS``' order) it is one of."""

ENGLISH = frozenset("""a an the and or but if of for to in on at by with from into about as
    is are was were be been have has had do does did i me my we our you your he she they
    them their it its this that these those who which what when where how why can could
    would will should not no so up out just any some all there here than then too very get
    got know need want help anyone someone please thanks am i'm it's don't""".split())  # noqa: SIM905
"""English's own little words: a post with a fair share of them is read as English."""

UNREAD_SHARE = 0.35
"""The least share of a post's words that must be another language's for it to be
unread, with fewer than ``ENGLISH_SHARE`` English little words."""
ENGLISH_SHARE = 0.12


def _language_of_word(word: str) -> str | None:
    """The language a word's own letters or script say ("" when they say another
    language but not which), or None for a word of English's letters."""
    for name, letters in LETTERS.items():
        if any(ch in letters for ch in word):
            return name
    for ch in word:
        point = ord(ch)
        if point < 0x0370:
            continue
        for name, (first, last) in SCRIPTS.items():
            if first <= point <= last:
                return name
        if any(first <= point <= last for first, last in OTHER_SCRIPTS):
            return ""
    return None


@lru_cache(maxsize=50_000)
def language_of(words: tuple[str, ...]) -> tuple[str | None, bool]:
    """The language the words (lower case, in order) are written in when it is not
    English (None when English, or not known), and whether the sentence model can read
    them (False for a post mostly in another language)."""
    if not words:
        return None, True
    counts: dict[str, int] = {}
    foreign = english = 0
    for word in words:
        if word in ENGLISH:
            # "a" and "an" are Kreyòl's as much as English's: they say neither
            english += word not in _LITTLE
            continue
        found = _language_of_word(word)
        if found is None:
            found = _LITTLE.get(word, None if word.isascii() else "")  # "bénéficiaires"
        if found is not None:
            foreign += 1
            if found:
                counts[found] = counts.get(found, 0) + 1
    unread = foreign >= UNREAD_SHARE * len(words) and english < ENGLISH_SHARE * len(words)
    if not unread:
        return None, True
    named = max(counts, key=counts.__getitem__) if counts else None
    return named, False


UNREAD = "unread"
"""A reading's mark (``lexicon.Reading.intent``) of a post the sentence model cannot read."""
WRITTEN_IN = "written in "
"""The start of a reading's mark of the language a post is written in ("written in
vietnamese")."""


def little(word: str) -> bool:
    """Whether a word is one of another language's little words: as a single cue it is
    no English word ("ai", who, is no AI; "một", one, no MOT)."""
    return word in _LITTLE


def foreign(word: str) -> bool:
    """Whether a word of an unread post is that language's own (a letter not of
    English, its script, one of its little words) rather than an English word mixed in."""
    return not word.isascii() or word in _LITTLE  # the letters and scripts are not ASCII


def marks(words: tuple[str, ...]) -> frozenset[str]:
    """``UNREAD`` and the ``WRITTEN_IN`` mark of a post in another language, else none."""
    language, readable = language_of(words)
    if readable:
        return frozenset()
    return frozenset({UNREAD, *([WRITTEN_IN + language] if language else [])})


def written_in(intent: frozenset[str]) -> str | None:
    """The language a reading's marks say its post is written in, if another."""
    return next((mark.removeprefix(WRITTEN_IN) for mark in intent
                 if mark.startswith(WRITTEN_IN)), None)

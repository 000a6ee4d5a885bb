"""Whom an offer serves, and which side of it a need is on.

A tenant whose landlord keeps the deposit and a property manager who "handles end-of-lease
claims and tenant disputes" for landlords are about the same things: bond, tenancy,
disputes. To the sentence model and to the bridge of kinds they are close, closer than
the renters' adviser the tenant should meet, yet the manager works for the other side.
So does a hospital's "we're hiring RNs" for a nurse asking about cross-border tax, and a
realtor's "tired of renting? I help first-time buyers" for someone after a room. A person
reads who an offer is for at once; the words that say it are few and set:

- an offer **for landlords** ("Landlords: ...", tenant screening, landlord insurance, rent
  guarantee, property management) is no help to a need on the **tenant's** side (its
  landlord, its bond or deposit, its lease, named as someone else's), and an offer **for
  tenants** (a renters' union, "I represent tenants only") none to a **landlord's** own;
- an offer **for buyers** (first-time buyers, get pre-approved, a mortgage broker) is
  no help to a need that buys nothing;
- an offer **for employers** (an HR consultant "so your company stays compliant", payroll
  for your staff, "we act for employers") is no help to an **employee's** grievance (its
  payslip, its wages unpaid, its dismissal);
- an **employer's or an agency's job advert** ("we're hiring", "apply now", "drivers
  wanted", "recruiting Registered Nurses") serves people looking for work, and is no help
  to a need that does not look for work.

The need's side is read generously (any word of a job, of looking for work, of buying)
and the offer's strictly (only an advert's own words), since a side missed costs only
what the matcher did before, and an offer wrongly read as another side's costs a right
match. These are matched word by word like ``intent``'s cues.
"""

from __future__ import annotations

from itertools import pairwise

from kith.domain.serendipity.intent import CueTable, cue_table, cues_in, phrases_in

FOR_LANDLORDS = "for landlords"
"""The offer serves landlords (a property manager, tenant screening, landlord insurance)."""
TENANT = "tenant"
"""The need is a tenant's: its landlord, its letting agent, its bond or lease."""
LANDLORD = "landlord"
"""The need is a landlord's own (its tenants, the property it lets)."""
FOR_TENANTS = "for tenants"
"""The offer serves tenants only (a renters' adviser "for tenants, never landlords")."""
FOR_BUYERS = "for buyers"
"""The offer serves people buying a home (a realtor for first-time buyers, a mortgage)."""
BUYS = "buys"
"""The need speaks of buying (a home, a mortgage) or of buying anything at all."""
HIRING = "hiring"
"""The offer is an employer's or a placing agency's job advert."""
SEEKS_WORK = "seeks work"
"""The need speaks of a job, of looking for work, of a career or a way to earn."""
FOR_EMPLOYERS = "for employers"
"""The offer serves employers (HR for small firms, payroll for your staff)."""
EMPLOYEE = "employee"
"""The need is an employee's grievance with its employer (pay withheld, a dismissal)."""

_CUES: dict[str, list[str]] = {
    FOR_LANDLORDS: [
        "attention landlords", "calling all landlords", "landlords only",
        "landlord insurance", "landlords insurance", "landlord's insurance",
        "rent guarantee", "rent guaranteed", "guaranteed rent", "tenant screening",
        "screen tenants", "screening tenants", "screen your tenants", "bad tenants",
        "problem tenants", "protect your investment", "your rental property",
        "your rental properties", "your investment property", "your buy to let",
        "let your property", "letting your property", "rent out your", "find you tenants",
        "find tenants", "finding tenants", "tenant finding", "property manager",
        "property management", "property managers", "on behalf of landlords",
        "landlord side", "represent property owners", "represent owners",
        "holiday let management", "airbnb management",
        "para senhorios", "para proprietários", "para propietarios",
    ],
    FOR_TENANTS: [
        "tenants only", "represent tenants", "renters only",
        "tenants' union", "tenants union", "renters' union", "renters union",
        "renters' rights", "renters rights", "tenants' rights", "tenants rights",
        "tenant rights", "tenants' advice", "renters' advice", "never landlords",
        "not landlords", "associação de inquilinos",
    ],
    TENANT: [
        "landlord", "landlord's", "landlords", "landlady", "landlady's", "letting agent",
        "letting agency", "the agent", "our agent", "my agent", "rental agent",
        "property manager", "the bond", "my bond", "our bond", "bond back", "bond is",
        "the deposit", "my deposit", "our deposit", "deposit back", "tenancy", "tenant",
        "tenants", "renter", "renters", "renting", "our rental", "my rental", "the rental",
        "we rent", "i rent", "our lease", "my lease", "the lease", "end of lease",
        "deposit", "deposits", "moved out", "move out", "moving out", "rent", "rented",
        "rental", "apartment", "flatmate", "housemate", "roommate", "senhorio", "senhoria",
        "inquilino", "inquilina", "casero", "casera", "arrendatario", "arrendatária", "caução",
    ],
    LANDLORD: [
        "my tenant", "my tenants", "our tenant", "our tenants",
        "i'm a landlord", "im a landlord", "i am a landlord", "as a landlord",
        "we're landlords", "we are landlords", "i let out", "we let out", "renting out",
        "rent out", "my rental property", "our rental property", "my investment property",
        "our investment property", "buy to let", "my flat i let", "my lodger", "our lodger",
        "no landlord",
    ],
    FOR_BUYERS: [
        "first time buyers", "first time buyer", "first home buyers", "first home buyer",
        "home buyers", "homebuyers", "buy your first", "buying your first",
        "tired of renting", "stop renting", "get pre approved", "pre approved",
        "pre approval", "mortgage broker", "mortgage adviser", "mortgage advisor",
        "mortgage advice", "own your own home", "own your home",
    ],
    BUYS: [
        "buy", "buying", "bought", "purchase", "purchasing", "mortgage", "mortgages",
        "first home", "first house", "first flat", "own home", "homeowner", "homeowners",
        "pre approved", "comprar", "compra", "hipoteca", "crédito habitação",
    ],
    HIRING: [
        "we're hiring", "we are hiring", "were hiring", "now hiring", "is hiring",
        "are hiring", "hiring now", "currently hiring", "nowhiring", "wearehiring",
        "werehiring", "hiringnow", "joinourteam", "apply now",
        "apply via", "apply today",
        "applications close", "applications open", "applicants must", "job pack",
        "job description", "the jd", "sign on bonus", "signing bonus",
        "trust recruiting", "hospital recruiting", "recruiter placing",
        "positions available", "position available",
        "wanted at our", "estamos contratando", "estamos a contratar", "contratamos",
        "vagas de emprego", "oferta de emprego", "se busca", "buscamos",
    ],
    FOR_EMPLOYERS: [
        "for employers", "attention employers", "calling all employers", "employers only",
        "we act for employers", "act for employers", "represent employers", "employer side",
        "your staff", "your employees", "your workforce", "your payroll",
        "your company stays", "your business stays", "keep your company", "outsourced hr",
        "hr for small businesses", "hr for smes", "hr consultant for", "hr support for",
        "payroll bureau", "payroll for small businesses", "payroll for smes",
    ],
    EMPLOYEE: [
        "my payslip", "off my payslip", "on my payslip", "my payslips", "my pay slip",
        "my wages", "my salary", "unpaid wages", "owed wages", "wages owed", "salary owed",
        "not paid me", "hasn't paid me", "haven't paid me", "didn't pay me", "withheld",
        "never remitted", "not remitted", "zero remitted", "unfair dismissal",
        "unfairly dismissed", "fired me", "sacked me", "let me go", "dismissed me",
        "constructive dismissal", "disciplinary", "my grievance", "my employer", "my boss",
        "my manager", "my contract says", "my hr", "hr keeps", "hr says", "hr said",
    ],
    SEEKS_WORK: [
        "job", "jobs", "employment", "employed", "unemployed", "employer", "employers",
        "hire me", "hiring", "hired", "vacancy", "vacancies", "position", "positions",
        "role", "roles", "opening", "openings", "internship", "internships", "intern",
        "apprenticeship", "apprentice", "placement", "cv", "résumé", "resume", "career",
        "careers", "opentowork", "leads", "contracting", "contract work", "contractor",
        "freelance", "freelancing", "gig", "gigs", "looking for shifts", "any shifts",
        "more shifts", "extra shifts", "pick up shifts", "redundant",
        "redundancy", "laid off", "earn", "earning", "pocket money", "paid work",
        "looking for work", "any work", "find work", "finding work", "need work",
        "get work", "some work", "seeking work", "out of work", "work wanted",
        "casual work", "weekend work", "shop work", "bar work", "temp work",
        "part time work", "full time work", "work experience", "start tomorrow",
        "start immediately", "can start", "trampo", "emprego", "trabalho", "trabalhar",
        "empleo", "trabajo", "chamba", "bico", "vaga", "vagas",
    ],
}

HAS_WORK = [
    *(f"{verb} {article} {adjective}job" for verb in ("landed", "got", "found", "started",
                                                     "starting", "start", "begin", "began")
      for article in ("a", "my", "the") for adjective in ("", "new ", "real ")),
    "new job", "jobs lined up", "job lined up", "back to work", "return to work",
    "returning to work", "got hired", "been hired", "just hired", "doing shifts",
    "my shifts", "both work", "we work", "i work", "at work",
]
"""Words of work a need already has ("just landed a job at the fab", "going back to work
at the hospital"): they say nothing of looking for work, so the words of a job in them
are not read as ``SEEKS_WORK``."""
_HAS_WORK = cue_table({"has work": HAS_WORK})
_LETTING = cue_table({"letting": [
    "to let", "for rent", "to rent", "units free", "unit free", "flats free", "free from",
    "available from", "available now", "vacant", "vacancy", "vacancies", "now letting",
    "rooms available", "flats available", "units available"]})
"""Words of a place to let: a property manager who says them has something for tenants."""

_STARTS: dict[str, tuple[str, ...]] = {
    FOR_LANDLORDS: ("landlords", "landlord?", "attention landlords"),
    HIRING: ("hiring:", "hiring!", "hiring -", "hiring –", "now hiring", "job:"),
}
"""An offer that opens by calling its audience ("Landlords!! Tired of bad tenants?") or
by the advert's word ("Hiring: line cooks"; not "Hiring out my van"). Not "we place"
(a home-care agency places carers with families) nor "vacancies" (a nursery's are
places for children)."""

_EMPLOYS = cue_table({"employs": [
    "my staff", "our staff", "my employees", "our employees", "my team's payroll",
    "our payroll", "we employ", "i employ", "my company's", "our company's", "my business",
    "our business", "my firm", "our firm", "i run a", "we run a", "for the company",
    "for our company", "for the office", "for work", "asked me to find"]})
"""Words of a need on the employer's side: an employee asking for the business, not for
itself, is served by an offer for employers."""
_FOR_LANDLORDS_TOO = cue_table({"weak": ["for landlords", "letting agent", "lettings agent",
                                         "full management"]})
"""Words of a service to landlords that many trades say among others ("EICR certificates
for landlords and holiday lets"): an offer is read as for landlords on two of them."""
ROLES = frozenset((
    "nurses", "rns", "rpns", "doctors", "physicians", "engineers", "drivers", "carers",
    "staff", "teachers", "technicians", "techs", "cleaners", "chefs", "cooks", "assistants",
    "agents", "developers", "registered", "experienced", "qualified", "graduates",
    "apprentices", "interns", "trainees", "operators", "officers", "workers", "managers",
    "accountants", "clerks"))
"""The staff an advert recruits ("is recruiting Registered Nurses", "recruiting marine
engineers"): a choir "recruiting!" for Tuesday nights is no advert."""

_STAFF = ("ers", "ors", "ists", "ians", "staff", "hands", "crew", "er", "or", "ist", "ian")
"""How the word before "wanted" ends when an advert names the staff it wants."""
_NOT_STAFF = frozenset({"never", "ever", "whoever", "however", "other", "mother", "father",
                        "daughter", "sister", "brother", "partner", "together", "rather",
                        "either", "neither", "or", "after", "later", "forever"})
_HANDY_JOBS = frozenset({"oddjobs", "smalljobs", "littlejobs", "handyjobs", "diyjobs"})
"""A handyman's hashtags ("#oddjobs"): the jobs are the ones done, not offered."""
_UNPAID = frozenset({"volunteer", "volunteers", "voluntary", "unpaid", "voluntário",
                     "voluntária", "voluntarios", "voluntários"})
"""A call for volunteers serves anyone with time to give, not only people after work."""

_TABLE = cue_table(_CUES)


def audiences(surfaces: list[str], text: str) -> frozenset[str]:
    """Every side the text's words (``surfaces``, lower case, in order) name; the matcher
    reads an offer's ``FOR_*`` and ``HIRING`` and a need's ``TENANT``, ``LANDLORD``,
    ``BUYS``, ``SEEKS_WORK`` and ``EMPLOYEE``."""
    found = cues_in(_TABLE, _STARTS, surfaces, text)
    if SEEKS_WORK in found and cues_in(_HAS_WORK, {}, surfaces, text):
        found.discard(SEEKS_WORK)  # read again without the work it has
        if SEEKS_WORK in cues_in(_TABLE, {}, _without(_HAS_WORK, surfaces), ""):
            found.add(SEEKS_WORK)
    for before, word in pairwise(surfaces):
        if word == "wanted" and before.endswith(_STAFF) and before not in _NOT_STAFF:
            found.add(HIRING)  # "CDL-A drivers wanted", "Band 5 nurses wanted"
    for i, word in enumerate(surfaces):
        if word in ("recruiting", "recruit") and not ROLES.isdisjoint(surfaces[i + 1:i + 4]):
            found.add(HIRING)  # "is recruiting Registered Nurses for day and night"
    if FOR_LANDLORDS not in found and _count(_FOR_LANDLORDS_TOO, surfaces) >= 2:
        found.add(FOR_LANDLORDS)  # "Letting agent: HMO licensing for landlords"
    if any(len(word) > 4 and word.endswith("jobs") and word not in _HANDY_JOBS
           for word in surfaces):
        found.add(HIRING)  # a job board's hashtag: "#NursingJobs", "#TechJobs"
    if EMPLOYEE in found and cues_in(_EMPLOYS, {}, surfaces, text):
        found.discard(EMPLOYEE)  # "my boss asked me to find a payroll provider for our staff"
    if LANDLORD in found:
        found.discard(TENANT)  # "my tenants' deposit", "no landlord to blame (I own it)"
    if FOR_LANDLORDS in found and cues_in(_LETTING, {}, surfaces, text):
        found.discard(FOR_LANDLORDS)  # a manager with flats to let serves tenants too
    if HIRING in found and not _UNPAID.isdisjoint(surfaces):
        found.discard(HIRING)  # "Army Cadets are recruiting adult volunteer instructors"
    return frozenset(found)


def _count(table: CueTable, surfaces: list[str]) -> int:
    """How many of ``table``'s phrases ``surfaces`` hold (each counted once)."""
    return len({words for _, words, _ in phrases_in(table, surfaces)})


def _without(table: CueTable, surfaces: list[str]) -> list[str]:
    """``surfaces`` with every phrase of ``table`` blanked out."""
    out = list(surfaces)
    for i, words, _ in phrases_in(table, surfaces):
        out[i:i + len(words)] = [""] * len(words)
    return out


OFFER_SIDES = frozenset({FOR_LANDLORDS, FOR_TENANTS, FOR_BUYERS, HIRING, FOR_EMPLOYERS})
"""What an offer's words may say of whom it serves."""
NEED_SIDES = (TENANT, LANDLORD, BUYS, SEEKS_WORK, EMPLOYEE)
"""What ``against`` reads of a need: 32 combinations, so an offer's audiences can be
worked out once for each (``against_codes``) instead of once for each need."""


def side_code(need: frozenset[str]) -> int:
    """The need's sides (``NEED_SIDES``) as the bits of a number from 0 to 31."""
    return sum(1 << bit for bit, side in enumerate(NEED_SIDES) if side in need)


def against_codes(offer: frozenset[str]) -> int:
    """The side codes (``side_code``) of the needs the offer serves the other side of, as
    the bits of one number (0 for an offer that names no audience)."""
    found = 0
    for code in range(1 << len(NEED_SIDES)):
        sides = frozenset(side for bit, side in enumerate(NEED_SIDES) if code >> bit & 1)
        if against(offer, sides):
            found |= 1 << code
    return found


def against(offer: frozenset[str], need: frozenset[str]) -> list[str]:
    """The offer's audiences that are the other side of the need: landlords for a tenant,
    tenants for a landlord, buyers for a need that buys nothing, an employer's advert for
    a need that seeks no work, employers for an employee's grievance."""
    found = []
    if FOR_LANDLORDS in offer and TENANT in need:
        found.append(FOR_LANDLORDS)
    if FOR_TENANTS in offer and LANDLORD in need:
        found.append(FOR_TENANTS)
    if FOR_BUYERS in offer and BUYS not in need:
        found.append(FOR_BUYERS)
    if HIRING in offer and SEEKS_WORK not in need:
        found.append(HIRING)
    if FOR_EMPLOYERS in offer and EMPLOYEE in need:
        found.append(FOR_EMPLOYERS)
    return found

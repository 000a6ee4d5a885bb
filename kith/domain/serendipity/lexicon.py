"""kith's concept lexicon: what a need or an offer is *about*, in the words people use.

Why a curated lexicon and not WordNet or an embedding model: introductions turn on
trades, skills, places and life events as people talk about them ("leaking tap",
"home studio", "technical co-founder"), which a general thesaurus relates either not at
all or far too loosely (WordNet puts plumbers and electricians under the same
"skilled worker", and "spring" the framework is not in it). A model would be large,
slow to load and hard to explain. A lexicon is small, loads in milliseconds, only when
suggestions are asked for, runs offline, and every match it makes can be read back as a
reason ("tap → plumber").

Each concept is a list of *cues*: words or phrases, compared after a light stemming, so
"plumbers", "plumbing" and "plumber" all land on ``plumbing``. Things a person would not
swap are separate concepts (``plumbing`` and ``electrical``; ``guitar`` and ``cello``);
``RELATED`` links the few that are different but belong together (a podcast needs
audio; a technical co-founder is a software engineer), at a lower weight. Words with
several meanings ("spring", "play", "room", "date") are in ``SENSES``: the sense is
chosen by the words around them, and with no clue the word is not a concept at all.
Derived words whose light stem would be another word ("shoulder" is not "should", a
founder not what was "found") have their own stem in ``LEMMAS``; phrases that say
nothing of a need ("for a small fee", "free quotes") are read as ``NOTHING``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from kith.domain.serendipity import problems, tongues, vocabulary, written
from kith.domain.serendipity.audience import audiences
from kith.domain.serendipity.intent import WANTS_GOODS, intents, wants_things

TITLES = frozenset({"st", "mt", "ft", "dr", "mr", "mrs", "ms", "rd", "ave", "jr", "sr"})
"""The short words written before or after a name ("St Clair", "Dr Osei", "Elm Rd"):
stop words on their own, said with the name they belong to (``evidence``), and no
sentence's end when a full stop follows them (``meaning``)."""

STOP = frozenset("""a an the and or but if of for to in on at by with from into onto about
as is are was were be been being have has had do does did i me my we our you your he she play plays
playing played they them their it its this that these those some any someone somebody
anyone who whom which what when where how why looking look need needs needed want wants
wanting seek seeking offer offers offering can could would will shall may might must
please help helps helping able also just very really more most much many lots lot new
good great kind sort type one two get got getting find finding know knows anybody hoping
hope happy glad available free around next month week year time us so up out there here
than then too only own other off over under after before again all both each few such no
not nor am im ive id dont cant wont let lets like would-be someone's anyone's go going
come coming still while per via etc near nearby close based somewhere thing things stuff
bit little quite rather ask asking asked tell told say said give giving gave take taking
took make making made use using used keen love loves willing interested happy available
already ever soon i'm i've i'd i'll we're we've we'd we'll you're you've you'd you'll
they're they've they'd they'll he's she's it's that's there's what's who's who'll can't
won't don't doesn't didn't isn't aren't wasn't weren't hasn't haven't hadn't couldn't
wouldn't shouldn't let's her his him hers himself herself every everyone everybody
everything anything something nothing each day days hour hours down till until now work
works
""".split()) | TITLES | frozenset(  # noqa: SIM905
    # the commonest little words of Portuguese, Spanish and French, for posts that mix
    # them with English ("preciso de ajuda com a mudança"): no reason to meet on their own
    """de da do das dos em na nas nos com para pra por um uma os eu voce ele ela meu minha
    muito obrigado obrigada oi ola el los las en con del al una por favor une le les des du
    et pour avec est durante agora tambem mas""".split()) | frozenset(  # noqa: SIM905
    # and more of French (a whole post in French, like a mover's "mon frère pis moi on
    # fait des petits déménagements", was mostly these) and of Haitian Creole; none of
    # them an English word
    """mon mes moi toi notre nos votre vos leur leurs cette ces cet qui que quoi où
    très aussi comme quand être avoir ai avons ont suis sommes êtes sont nous vous ils
    elles pas rien tout tous toute toutes deux sans pis chez dans aux depuis encore
    peut peux veux voudrais faut fait faire fais merci bonjour salut svp aussi juste
    mwen nou yo pou ak nan ki gen yon fè konn vle kapab moun mande bezwen anpil paske
    avè mèsi bonjou""".split())  # noqa: SIM905
"""Words that say nothing about what is needed or offered (read back as a reason, "her;
every; day" was noise to a reader of the evidence)."""

WEAK = frozenset({"teaching", "event", "religion"}) | problems.WEAK
"""Concepts too general to make a match on their own ("lessons" of what?; "our church
runs a clothes bank" is about clothes, the church is where): they count only next to
something more specific."""

# concept: cues (words or phrases). Cues are stemmed like the texts they are compared to.
CONCEPTS: dict[str, str] = {
    # trades and the home
    "plumbing": """plumber, plumbing, plumb, leak, leaking, leaky, leaks, dripping tap,
        tap, taps, faucet, pipe, pipes, toilet, bathroom, water heater, shower, sink,
        burst pipe""",
    "electrical": """electrician, electrical, electrics, wiring, rewire, rewiring, fuse,
        fuse box, sockets, socket, light fitting, circuit, circuits, power outage, ev
        charger""",
    "carpentry": """carpenter, carpentry, joiner, joinery, woodwork, woodworking,
        shelves, shelf, shelving, cabinet maker, cabinetmaker, furniture maker, built-in
        wardrobe, decking, flat-pack, flatpack, ikea furniture, furniture assembly""",
    "decorating": """painter and decorator, decorator, decorating, painting the walls,
        paint the walls, wallpaper, wallpapering, repaint,
        repainting""",
    "building": """builder, builders, building work, extension, renovation, renovating,
        renovate, refurbishment, bricklayer, loft conversion,
        tiler, tiling, contractor, structural""",
    "handyman": """handyman, handy person, odd jobs, diy, small repairs, fix things,
        fixing things, general repairs""",
    "cleaning": """cleaner, cleaning, cleaners, housekeeper, deep clean, end of tenancy
        clean, tidy, declutter, decluttering, ironing""",
    "garden": """garden, gardens, gardener, gardening, landscaping, landscaper,
        landscape gardener, lawn, lawns, hedge, hedges, allotment, plants, planting,
        weeding, mowing, tree surgeon, pruning""",
    "locksmith": "locksmith, locked out, lock, locks, new keys",
    "appliance": """washing machine, dishwasher, fridge, freezer, oven repair,
        appliance, appliances""",
    "mechanic": """mechanic, mechanics, garage, car repair, car repairs, car service,
        servicing, mot, brakes, gearbox, engine, broke down, breakdown, flat tyre, tyres,
        clutch""",
    "bike": """bike, bikes, bicycle, bicycles, cycling, cyclist, puncture, bike repair,
        ebike, e-bike""",
    "removals": """movers, removals, removal, removal van, man with a van, van, moving
        house, move house, moving, move, moving help, moving flat, moving out,
        moving in, relocation, relocating, relocate, packing boxes, boxes, heavy lifting,
        lift the sofa, storage unit, storage space, store furniture""",
    # housing
    "room to rent": """spare room, spare bedroom, bedroom, room to rent, room to let, room for
        rent, lodger, lodgers, lodging, flatmate, flatmates, housemate, housemates,
        roommate, flatshare, flat share, houseshare, house share, sublet, sublease,
        homestay, host family, digs""",
    "housing": """flat, flats, apartment, apartments, studio flat, house to rent, house
        for rent, home to rent, rental, rent, renting, lease, to let, for let, tenant,
        tenancy, landlord, accommodation, housing, somewhere to live, place to live,
        place to stay, condo, property to rent""",
    "house sitting": "house sitter, house sitting, housesitting, housesit, mind the house",
    "buy home": """mortgage, buying a house, buy a house, first home, property,
        estate agent, real estate, realtor, conveyancing, surveyor, home buying""",
    # work and money
    "job": """job, jobs, role, roles, position, positions, vacancy, vacancies, hiring,
        recruit, recruiting, recruiter, opening, openings, career move, new role,
        employment, open to work, hiring for, work for, job hunt, job hunting, job search,
        looking for work, laid off, redundant, redundancy, unemployed, internship,
        intern, apprenticeship, headcount, join our team, join the team""",
    "cv": """cv, resume, résumé, cover letter, interview prep, interview practice, mock
        interview, job interview, interviews, linkedin profile""",
    "mentoring": """mentor, mentors, mentoring, mentorship, mentee, career advice,
        career coach, career coaching, guidance, career change, sounding board, coach,
        coaching, advice from someone who has done""",
    "cofounder": """co-founder, cofounder, co founder, technical co-founder, technical
        cofounder, cofounders, co-founders, founding
        partner, founding engineer, business partner, cto, technical partner""",
    "startup": """startup, startups, start-up, founder, founders, early-stage, early
        stage, pre-seed, venture, side project, side business, small business, new
        business, launch, launching""",
    "investment": """investor, investors, invest, investing, investment, angel, angels,
        business angel, funding, fund, funds, raise money, raising money, raise funds,
        raising funds, seed round, funding round,
        venture capital, vc, capital, backer, backers, pre-seed""",
    "grant": """grant, grants, grant writing, grant application, bid writing, funding
        application""",
    "accounting": """accountant, accountants, accounting, accounts, bookkeeper,
        bookkeeping, tax, taxes, tax return, self assessment, vat, payroll,
        invoicing, invoices, finances, financial, cfo, audit, auditor""",
    "financial advice": """financial adviser, financial advisor, pension, pensions,
        savings, investments advice, wealth, retirement planning""",
    "legal": """lawyer, lawyers, legal, solicitor, solicitors, attorney, attorneys,
        barrister, law, laws, paralegal, terms and conditions, contract dispute,
        contract review, review a contract, breach of contract,
        dispute, disputes, sue, lawsuit, court, tribunal, gdpr, compliance, notary,
        wills, write a will, my will, probate, tenancy dispute, lease review""",
    "immigration": """visa, visas, immigration, work permit, residence permit, study permit,
        study permits, work permits, employment pass, s pass, dependant pass, dependent pass,
        re-entry permit, work pass,
        citizenship, passport, asylum, green card, right to work""",
    "insurance": "insurance, insurer, insure, insurance broker",
    # software, data and the web
    "software": """developer, developers, dev, devs, programmer, programmers,
        programming, coder, coders, coding, code, software, software engineer, software
        engineering, engineer who codes, backend, back-end, frontend, front-end, full
        stack, full-stack, fullstack, app, apps, mobile app, ios, android, api, apis,
        java, javascript, typescript, react, node, kotlin, swift, golang, rust, ruby,
        rails, c++, c#, .net, php, spring boot, microservices, devops, cloud, aws, azure,
        kubernetes, docker, tech lead, technical background, technical co-founder, cto,
        build an app, build our app, mvp, prototype, saas""",
    "python": "python, django, flask, pandas, numpy, pytorch, fastapi, jupyter",
    "data": """data, data scientist, data science, data analyst, data analysis,
        analytics, analyst, dashboard, dashboards, pipeline, pipelines, etl, sql,
        database, databases, spreadsheet, spreadsheets, excel, statistics, statistician,
        machine learning, ml, ai, modelling, power bi, tableau, bi""",
    "web": """website, websites, web site, web, site, wordpress, squarespace, wix,
        shopify, webshop, online shop, e-commerce, ecommerce, landing page, web
        developer, web design, web designer, html, css, domain name, hosting""",
    "it support": """it support, computer, computers, laptop, laptops, pc, mac,
        printer, wifi, wi-fi, router, home network, virus, malware, tech support, backup,
        data recovery, broken screen, phone repair""",
    "security": "cybersecurity, cyber security, infosec, penetration test, pentest, hacked",
    # creative work
    "design": """designer, designers, design, graphic designer, graphic design, graphic,
        graphics, logo, logos, branding, brand, brand identity, visual identity,
        identity, illustrator, illustration, illustrations, poster, posters, flyer,
        flyers, leaflet, layout, typography, ux, ui, user experience, figma""",
    "photography": """photographer, photographers, photography, photo, photos,
        photograph, photographs, photoshoot, photo shoot, shoot, headshot, headshots,
        portrait, portraits, camera, cameras, lens, pictures""",
    "video": """videographer, video, videos, filming, film, filmmaker, video editing,
        video editor, editing video, youtube, drone footage, showreel""",
    "audio": """audio, audio engineer, sound engineer, recording, record,
        recordings, recording gear, recording equipment, home studio, studio time,
        microphone, microphones, mic, mics, mixing, mastering, podcast, podcasts,
        podcasting, voiceover, voice-over, audiobook, audio editing, sound design,
        pa system, speakers""",
    "writing": """writer, writers, writing, copywriter, copywriting, copy, editor,
        editing, proofread, proofreading, proofreader, blog, blog posts, articles,
        ghostwriter, content writer, write a book, manuscript, novel""",
    "translation": """translator, translators, translation, translations, translate,
        translating, interpreter, interpreters, interpreting, interpret, localisation,
        localization, subtitles""",
    "marketing": """marketing, marketer, seo, social media, instagram, tiktok,
        facebook ads, advertising, advert, adverts, ads, ad campaign, campaigns,
        campaign, pr, press release, public relations, newsletter, promote,
        promotion, content marketing, get the word out""",
    "sales": "sales, salesperson, sales rep, leads, lead generation, b2b, business development",
    "printing": "printing, printer shop, print shop, print, prints, t-shirts, merch, merchandise",
    # teaching and languages
    "tutoring": """tutor, tutors, tutoring, tuition, homework, exam, exams, gcse,
        a-level, a-levels, sat, revision, maths, math, mathematics, physics, chemistry,
        biology, science, english literature, history tutor, sat prep, 11 plus""",
    "language": """language exchange, conversation practice, practise my, practice my,
        fluent, native speaker""",
    "school": """universities, colleges,
        degree, admission, admissions, university application, university applications,
        college application, college applications, uni application, personal statement,
        phd, masters, scholarship,
        scholarships""",
    "childcare": """babysitter, babysitters, babysitting, babysit, childcare, child
        care, nanny, nannies, childminder, childminding, au pair, after school, nursery,
        daycare, kids, children, child, toddler, baby, babies, mind the kids, look after
        the kids, school run""",
    "eldercare": """elderly, carer, carers, care home, caregiver, ageing parent,
        aging parent, elderly mother, elderly father, dementia, home care, respite""",
    "teaching": """lessons, lesson, teach, teacher, teaching, class, classes, course,
        courses, instructor, learn, learning, beginner, beginners""",
    # music (instruments apart: a cellist does not teach the guitar)
    "music": """music, musician, musicians, band, bands, gig, gigs, live music,
        concert, concerts, orchestra, ensemble, quartet, jazz, rock band, session
        musician, songwriter, composer""",
    "guitar": "guitar, guitars, guitarist, bass guitar, ukulele",
    "piano": "piano, pianist, keyboard player, keys",
    "violin": "violin, violinist, fiddle, viola",
    "cello": "cello, cellist, double bass",
    "drums": "drums, drummer, drum, percussion, percussionist",
    "singing": """singer, singers, singing, sing, vocalist, vocals, choir, choirs,
        voice lessons, vocal coach""",
    "wind": "saxophone, sax, trumpet, flute, clarinet, trombone",
    "dj": "dj, djs, deejay, disco, playlist",
    # sport and fitness
    "sport": """sport, sports, football, soccer, tennis, basketball, rugby, cricket,
        hockey, volleyball, badminton, squash, golf, sports team, football team,
        five-a-side, tennis partner, sparring""",
    "fitness": """personal trainer, trainer, gym, fitness, workout, workouts, strength training,
        yoga, pilates, runner, running club, go running, marathon, 10k, exercise,
        lose weight, get fit""",
    "climbing": "climbing, climber, bouldering, belay, crag",
    "swimming": "swimming, swim, swimmer, pool",
    "hiking": "hiking, hike, hiker, trekking, walking group, ramblers",
    # health and care
    "physio": """physio, physiotherapist, physiotherapy, physical therapist, back pain,
        knee, knees, injury, injuries, sports injury, sprain, rehab, rehabilitation,
        sports massage, osteopath, chiropractor, shoulder""",
    "medical": "doctor, doctors, gp, nurse, nurses, medical, clinic, hospital, surgeon, specialist",
    "dentist": "dentist, dental, teeth, tooth, toothache",
    "therapy": """therapist, therapy, counsellor, counselor, counselling, counseling,
        mental health, anxiety, depression, burnout, grief, psychologist, stress""",
    "nutrition": "nutritionist, dietitian, diet, nutrition, meal plan",
    "massage": "massage, masseuse, massage therapist",
    "hair": "hairdresser, haircut, barber, hair, stylist, make-up, makeup, make-up artist",
    # events and life events
    "venue": """venue, venues, hall, halls, function room, event space,
        room for hire, room hire, hire a room, party room, marquee, book a room""",
    "catering": """caterer, caterers, catering, buffet, buffets, cook for, cooking for,
        chef, chefs, cake, cakes, baker, baking, food for, canapes, private chef""",
    "party": """party, parties, birthday, birthdays, 40th, 30th, 50th, 60th,
        anniversary, celebration, celebrate, reunion, leaving do, christening,
        baby shower, hen do, stag do, engagement party""",
    "wedding": """wedding, weddings, marry, married, marrying, bride, groom, engaged,
        reception""",
    "funeral": "funeral, funerals, memorial, bereavement, passed away, eulogy",
    "event": """event, events, event planner, event planning, conference, conferences,
        meetup, meetups, workshop, workshops, festival, festivals, fundraiser, gala""",
    "speaker": """speaker, speakers, keynote, give a talk, speak at, public speaking,
        panel, panelist, mc, event host, compere""",
    "florist": "florist, flowers, bouquet, bouquets, floral",
    "new baby": "pregnant, pregnancy, newborn, new baby, expecting, midwife, doula, parental leave",
    # animals
    "pets": """dog, dogs, puppy, cat, cats, kitten, pet, pets, dog walker, dog walking,
        walk my dog, walk the dog, pet sitter, pet sitting, pet-sit, cat sitter, feed the
        cat, kennel, groomer, vet""",
    # getting around
    "lift": """lift to, a lift, ride to, a ride, car share, carpool, car pool, drive me,
        driving to, driver, airport run""",
    "car": "car, cars, second-hand car, used car, car for sale",
    "travel": "travel, trip, holiday, vacation, flights, itinerary, travel tips",
    # things
    "furniture": "furniture, sofa, couch, desk, chair, chairs, table, bed, wardrobe, mattress",
    "tools": "tools, drill, ladder, power tools, lawnmower, borrow a",
    "books": "books, textbook, textbooks, library",
    "clothes": "clothes, clothing, dress, suit, sewing, tailor, alterations, seamstress",
    # community and volunteering
    "volunteer": """volunteer, volunteers, volunteering, helpers, help out, pitch in,
        charity, charities, non-profit, nonprofit, ngo, food bank, soup kitchen""",
    "religion": "church, parish, priest, pastor, sermon, bible, prayer, mosque, synagogue",
}


EXTRA: dict[str, str] = {
    # problems as people describe them, beside the trades that solve them
    "heating": """boiler, boilers, radiator, radiators, gas engineer, heating engineer,
        gas installer, gas fitter, gas fitters,
        central heating, heating, gas safe, hot water, no hot water, losing pressure,
        boiler servicing, thermostat""",
    "plumbing": """dripping, drips, water pooling, under the sink, leak under, burst,
        cistern, overflow, stopcock, washer""",
    "electrical": """consumer unit, consumer units, fuse box tripped, tripped, tripping,
        sockets went dead, power cut, lights flicker, flickering, niceic, rewired""",
    "roofing": """roofer, roofers, roofing, roof, roofs, slate, slates, tiles blew off,
        roof flashing, lead flashing, flashing repairs, gutter, gutters, guttering,
        damp patch, loft leak, chimney""",
    "carpentry": """door sticks, doors planed, rehung, rehang, skirting, door frame, frame
        has swollen, joiner""",
    "decorating": """painter, decorator, painting, paint the house, colour on the walls,
        walls repainted, scuffed, magnolia""",
    "garden": """brambles, overgrown, jungle, garden clearance, hedges cut, trim the
        hedge, weeds, compost""",
    "mechanic": """grinding noise, brake, brakes, clutches, exhaust, warning light, mot
        due, car won't start, battery flat, flat battery""",
    "it support": """boot, slow laptop, viruses, pop-up, pop-ups, speed up, pcs, malware
        removal, antivirus, ipad, tablet, tablets, smartphone,
        phones, wifi, wi-fi, mesh, broadband, router, internet connection, signal""",
    "security": """hacked, got into our, account compromise, account compromises,
        phishing, scam email, two-factor, 2fa, incident response, infosec, fraud email""",
    "cloud": """aws, aws bill, cloud bill, cloud cost, cloud costs, azure, gcp, cloud
        spend, hosting bill, devops""",
    "software": """can't code, cannot code, build an app, an app for, first version,
        contractor for a few weeks, spring, monolith""",
    "marketing": """nobody follows, followers, get the word out, build an audience,
        instagram, tiktok, social media marketer, online presence, more customers""",
    "business advice": """start a business, starting a business, my own business, quit my
        job to start, founded, sold a business, food business, small business advice,
        business plan, first-time founders, been through it, done it""",
    "debt": """debt, debts, behind on the rent, credit card, credit cards, creditors,
        bailiffs, arrears, budget, budgets, budgeting, can't pay, citizens advice,
        money worries, stretch the money, end of the month""",
    "food bank": """food bank, food parcel, kids need feeding, can't afford food, no food,
        hungry, free meals, pantry""",
    "language": """read the menus, phrases, conversation practice, native speaker""",
    "sign language": """sign language, bsl, deaf, makaton""",
    "english lessons": """help with her english, help with his english, learn english, esol,
        english as a second language, conversation club, refugees, newcomers to the
        country""",
    "editing": """edit, edits, first draft, line edits, structural edit, proofread,
        manuscript, novel, agents, publishing""",
    "wills": """will, wills, written a will, write a will, probate, lasting power of
        attorney, power of attorney, estate""",
    "employment law": """disciplinary, grievance, tribunal, unfair dismissal, my rights at
        work, union rep, union, employment law, sacked, redundancy rights""",
    "immigration": """spouse visa, home office, visa extension, settlement, ilr,
        indefinite leave""",
    "ip law": """copying my designs, copies of my designs, copyright, trademark,
        trademarks, intellectual property, ip lawyer, brand name stolen, stealing my""",
    "family mediation": """separation, separating, divorce, custody, arrangements for the
        kids, family mediator, family mediation, co-parenting""",
    "removals": """shift their stuff, shift my stuff, transit van, moving flat, boxes and a
        sofa, don't have a car, move my things""",
    "room to rent": """need a room, a room near, room somewhere, double room, single room,
        room in a shared, lodging with""",
    "house sitting": """look after our cats, look after the cats, water the plants, house and
        pet sitter, while we're away, holiday cover""",
    "declutter": """declutter, decluttering, downsize, downsizing, professional organiser,
        forty years of stuff, sort through, clear the house, house clearance""",
    "relocation abroad": """relocating to, moving to toronto, moving abroad, moving
        overseas, emigrating, expat, lived in, moving over, how does renting even work""",
    "furniture": """no beds, beds, a table, dining table, chairs, wardrobe, sofa""",
    "breastfeeding": """breastfeeding, latching, feeding is hard, postpartum, lactation,
        la leche""",
    "special needs": """autistic, autism, adhd, dyslexic, dyslexia, sen, send, senco, ehcp,
        ehcps, special needs, diagnosed, support at school""",
    "physio": """pulled something, lower back, bad back, can barely bend, back pain, hip,
        musculoskeletal, sports injury, neck pain""",
    "therapy": """really low, low mood, not sleeping, can't sleep, can't talk to,
        going through a hard time, hard time, counsellor, lonely since""",
    "running": """half marathon, marathon, running coach, run further, 5k, 10k, couch to 5k,
        training plan, training plans, longer distances""",
    "nutrition": """pre-diabetic, prediabetic, diabetes, prediabetes, what to eat, eat now,
        dietitian, dietician, change how they eat""",
    "driving lessons": """can't drive, cannot drive, learn to drive, learning to drive,
        driving instructor, driving lessons, driving test, pass my test, nervous learners,
        learner driver, dvsa""",
    "lift": """lift to, drive people, drive me, can't drive, hospital appointments,
        chemo, a lift, give lifts""",
    "chess": "chess, chess club, grandmaster",
    "beekeeping": "bees, keep bees, beekeeper, beekeepers, beekeeping, hive, hives, honey",
    "dog training": """pulls on the lead, pulls so hard, lead training, dog trainer, dog
        training, reactive, recall, obedience, puppy classes""",
    "lost pet": """missing since, has been missing, lost cat, lost dog, last seen, lost-pet,
        lost pet, pet search""",
    "theatre": """am-dram, amateur dramatics, lighting, stage lighting, stage, theatre,
        musical, production, play, props, costumes, set design""",
    "astronomy": """telescope, stars, planets, astronomy, astronomical, observing, night
        sky, moon""",
    "audio": """recorded in a bucket, sound quality, mic, edit and mix""",
    "tennis": "tennis, tennis partner, hitting partner, tennis player",
    "hiking": """hill walking, hillwalking, mountain leader, navigation, map and compass,
        fells, group walks""",
    "venue": """a venue, venue for, barn, hire out for weddings, function room""",
    "cake": """cake, cakes, wedding cake, birthday cake, bake celebration cakes, tiered,
        baker""",
    "celebrant": """ceremony, celebrant, humanist, non-religious, officiant, registry
        office, vows""",
    "public speaking": """speech, speeches, best man speech, speaking in public, public
        speaking, toastmasters, presentations, a toast, nervous speakers""",
    "funeral": """died, passed away, funeral director, arrange a funeral, undertaker,
        cremation, burial""",
    "bereavement": """since my wife died, since my husband died, widow, widower,
        bereaved, bereavement café, grief, grieving, people like me""",
    "volunteer": """nothing to do with myself, looking for volunteers,
        volunteers, all skills welcome, give something back""",
    "chef": """line cook, cook, chef, chefs, busy kitchens, kitchen porter, sous chef,
        commis""",
    "work experience": """work experience, placement, placements, sixth-formers,
        shadowing, internship""",
    "befriending": """hasn't had a visitor, a chat now and then, befriender, befriending,
        lonely, loneliness, isolated, visit her, weekly visit""",
    "flat-pack": """ikea, flat-pack, flatpack, assemble, assembly, 300 pieces""",
    "catering": """cater, cater a, christening lunch, lunch for 60, buffets and lunches""",
    "swimming": "learn to swim, learned to swim, swimming teacher, swim lessons",
    "cooking lessons": """can cook, learn to cook, cook exactly, basic cooking, cooking
        lessons, teach cooking""",
    "literacy": """learned to read, learn to read, read properly, fill in forms, literacy,
        reading support""",
    "laptop": """needs a laptop, a laptop, laptops, refurbished laptops, computer for""",
    "pest control": """mice, rats, wasps, wasp nest, pest, pests, pest controller, vermin,
        scratching at night, cockroaches, bed bugs, moles""",
    "cleaning": """end of tenancy, oven is, deep clean, deep cleans, cleaning business,
        carpet clean""",
    "glazing": """glazier, window broken, broken window, glass everywhere, double-glazed,
        double glazing, window pane, through the kitchen window, boarding up""",
    "upholstery": """upholsterer, upholstery, re-cover, recover the sofa, shredded the
        arms, sofa fabric""",
    "solar": """solar, solar panels, solar pv, energy bills, heat pump, insulation, energy
        advice""",
    "clothes bank": """nothing smart to wear, smart clothes, something to wear, suit for,
        interview clothes, clothes bank""",
    "genealogy": """trace my grandfather, family history, ancestry, genealogy, census,
        parish records, family tree""",
    "treasurer": """treasurer, honorary treasurer, treasurer role, auditor, accounts for
        the charity""",
    "data protection": """gdpr, data protection, personal data, privacy policy, cipp""",
    "drainage": """drain, drains, blocked drain, blocked drains, drain floods, drain
        outside, drainage, patio floods, soakaway""",
    "mobility": """can't get up the stairs, stairs, stairlift, stairlifts, rails, grab
        rails, occupational therapist, hip operation, mobility, walking frame""",
    "vet": """vet, vets, veterinary, gone off her food, off his food, keeps drinking,
        vomiting, limping""",
    "crowdfunding": """crowdfunder, crowdfunding, online appeal, fundraising page,
        gofundme, justgiving, roof fund, appeal""",
    "architecture": "architect, architects, architecture, planning permission, drawings",
    "career change": """retraining, retrain, career change, change careers, switched from,
        switch careers, making the jump, make the jump, new career, at 38, at 40""",
    "career advice": """decide between, which career, talk to someone who practises, the
        bar, legal career, career in""",
    "dance": """tap dance, line dancing, salsa, ballroom, dance class, dance classes,
        dancing""",
    "golf": "golf, putts, sink a few, golfer, pga",
}
"""Cues added to (or concepts beside) ``CONCEPTS``: the problems people describe."""
for _concept, _cues in (*EXTRA.items(), *vocabulary.CONCEPTS.items(),
                        *vocabulary.MORE.items(), *problems.CONCEPTS.items(),
                        *problems.SECOND.items(), *problems.THIRD.items(),
                        *tongues.CUES.items(), *tongues.WHOLE.items(),
                        *tongues.FRENCH.items(),
                        (problems.NOTHING, problems.PHRASES)):
    CONCEPTS[_concept] = CONCEPTS.get(_concept, "") + ", " + _cues

RELATED: dict[tuple[str, str], float] = {
    ("cofounder", "software"): 0.8,
    ("cofounder", "startup"): 0.6,
    ("startup", "investment"): 0.4,
    ("room to rent", "housing"): 0.6,
    ("housing", "house sitting"): 0.3,
    ("video", "photography"): 0.4,
    ("audio", "music"): 0.3,
    ("party", "venue"): 0.5,
    ("party", "catering"): 0.4,
    ("wedding", "venue"): 0.4,
    ("wedding", "catering"): 0.3,
    ("wedding", "florist"): 0.4,
    ("event", "venue"): 0.5,
    ("event", "catering"): 0.3,
    ("web", "software"): 0.4,
    ("web", "design"): 0.3,
    ("python", "software"): 0.7,
    ("python", "data"): 0.5,
    ("data", "software"): 0.3,
    ("cv", "job"): 0.5,
    ("cv", "mentoring"): 0.5,
    ("job", "mentoring"): 0.3,
    ("marketing", "sales"): 0.4,
    ("marketing", "writing"): 0.3,
    ("handyman", "carpentry"): 0.4,
    ("handyman", "decorating"): 0.4,
    ("handyman", "furniture"): 0.3,
    ("building", "decorating"): 0.3,
    ("physio", "fitness"): 0.3,
    ("massage", "physio"): 0.4,
    ("new baby", "childcare"): 0.5,
    ("removals", "furniture"): 0.3,
    ("car", "mechanic"): 0.5,
    ("buy home", "legal"): 0.2,
    ("grant", "writing"): 0.3,
    ("grant", "volunteer"): 0.3,
    ("immigration", "legal"): 0.5,
    ("language", "translation"): 0.4,
    ("tutoring", "school"): 0.3,
    ("eldercare", "medical"): 0.3,
    ("hiking", "travel"): 0.3,
    ("dj", "music"): 0.4,
    ("it support", "software"): 0.2,
    ("cloud", "software"): 0.5,
    ("business advice", "mentoring"): 0.6,
    ("business advice", "startup"): 0.5,
    ("debt", "financial advice"): 0.4,
    ("food bank", "volunteer"): 0.2,
    ("english lessons", "language"): 0.5,
    ("editing", "writing"): 0.7,
    ("wills", "legal"): 0.6,
    ("employment law", "legal"): 0.6,
    ("ip law", "legal"): 0.6,
    ("family mediation", "legal"): 0.4,
    ("declutter", "removals"): 0.4,
    ("relocation abroad", "removals"): 0.3,
    ("special needs", "school"): 0.4,
    ("running", "fitness"): 0.5,
    ("dog training", "pets"): 0.5,
    ("lost pet", "pets"): 0.4,
    ("vet", "pets"): 0.5,
    ("tennis", "sport"): 0.4,
    ("cake", "catering"): 0.5,
    ("celebrant", "wedding"): 0.5,
    ("public speaking", "speaker"): 0.6,
    ("funeral", "bereavement"): 0.5,
    ("chef", "catering"): 0.4,
    ("work experience", "mentoring"): 0.4,
    ("work experience", "job"): 0.3,
    ("befriending", "volunteer"): 0.3,
    ("befriending", "eldercare"): 0.4,
    ("flat-pack", "carpentry"): 0.4,
    ("flat-pack", "handyman"): 0.6,
    ("cooking lessons", "chef"): 0.5,
    ("literacy", "tutoring"): 0.4,
    ("laptop", "it support"): 0.4,
    ("drainage", "plumbing"): 0.3,
    ("heating", "plumbing"): 0.5,
    ("career change", "mentoring"): 0.6,
    ("career change", "career advice"): 0.5,
    ("mobility", "physio"): 0.4,
    ("career advice", "mentoring"): 0.6,
    ("treasurer", "accounting"): 0.6,
    ("data protection", "legal"): 0.4,
    ("crowdfunding", "grant"): 0.4,
    ("crowdfunding", "marketing"): 0.2,
    ("upholstery", "furniture"): 0.4,
    ("security", "software"): 0.4,
    ("financial advice", "accounting"): 0.4,
    ("speaker", "event"): 0.4,
}
"""Concepts that are different but belong together, with how much a link counts next to
the same concept (1.0)."""
LANGUAGE_LINK = 0.4
"""A named language ("Spanish") and language learning in general ("a language exchange")
go together; two named languages do not."""
RELATED.update(vocabulary.RELATED)
RELATED.update(problems.RELATED)
RELATED.update({(_concept, "language"): LANGUAGE_LINK for _concept in CONCEPTS
                if _concept.endswith(" language") and _concept != "language"})

SENSES: dict[str, tuple[tuple[str, str], ...]] = {
    # word: (concept, clue words nearby), first clue found wins; no clue: no concept
    "spring": (("software", "java kotlin boot framework backend api microservice "
                            "developer engineer code app"),),
    "sink": (("plumbing", "tap kitchen water leak drain pipe bathroom plumber blocked "
                          "dripping"),),
    "tap": (("plumbing", "drip dripping leak leaking water kitchen bathroom sink plumber "
                         "washer"),),
    "taps": (("plumbing", "drip dripping leak leaking water kitchen bathroom sink"),),
    "pool": (("swimming", "swim swimming lane lessons"),
             ("cleaning", "green algae chlorine filter pump backyard soup cloudy shock "
                          "skimmer")),
    "pooling": (),
    "boot": (("software", "spring java"), ("it support", "laptop computer pc slow")),
    "will": (("wills", "written write probate solicitor estate died dying"),),
    "play": (("theatre", "stage lighting am-dram rehearsal theatre production"),),
    "stage": (("theatre", "lighting play musical theatre production show"),),
    "lighting": (("theatre", "stage play musical theatre production show"),
                 ("electrical", "wiring electrician socket")),
    "solar": (("solar", "panel panels pv energy bills roof battery heat install fitted "
                        "electricity"),),
    "contract": (("legal", "lawyer review dispute sign signed terms legal breach clause "
                           "tenancy solicitor draft"),),
    "contracts": (("legal", "lawyer review dispute sign signed terms legal breach clause "
                            "tenancy solicitor draft disputes"),),
    "interview": (("cv", "job jobs role position hiring employer recruiter application "
                         "applying vacancy nerves prep practice mock coaching graduate "
                         "career panel"),),
    "rental": (("housing", "flat apartment house home room tenancy landlord lease bedroom "
                           "studio property let student accommodation month monthly "
                           "deposit bond agent moved"),),
    "hire": (("job", "developer engineer staff designer people person someone role team "
                     "employee employees freelancer"),
             ("venue", "venue hall room space marquee")),
    "university": (("school", "admission apply applying application degree study "
                              "studying course personal statement scholarship phd masters"),),
    "uni": (("school", "admission apply applying application degree study studying course"),),
    "college": (("school", "admission apply applying application degree study studying "
                           "course scholarship"),),
    "room": (("venue", "party birthday wedding event events meeting workshop hire "
                       "function celebration rehearsal"),
             ("room to rent", "rent let lodger spare live stay month monthly tenant bedroom "
                      "share student")),
    "space": (("storage", "storage store storing stuff boxes furniture"),
              ("venue", "party birthday wedding event events meeting workshop hire "
                        "rehearsal celebration"),
              ("room to rent", "live stay lodger")),
    "hall": (("venue", "hire hired book booked booking party parties wedding event events "
                       "function village community church scout dance ceilidh guests "
                       "capacity seats"),),
    "halls": (("venue", "hire book booking party wedding event function village "
                        "community"),),
    "studio": (("audio", "recording record podcast mixing music sound"),
               ("housing", "flat apartment rent let live")),
    "date": (("party", "wedding celebration anniversary"),),
    "training": (("fitness", "gym marathon running strength"),
                 ("mentoring", "career leadership management")),
    "course": (("tutoring", "maths exam lessons learn"),),
    "model": (("data", "machine learning forecast statistical data"),),
    "engineer": (("software", "software code backend frontend startup app web data "
                              "senior"),
                 ("audio", "sound audio recording studio")),
    "technical": (("software", "co-founder cofounder founder startup cto engineer app "
                               "product"),),
    "keys": (("piano", "band play music"), ("locksmith", "locked lost door")),
    # an account at a bank or online is no bookkeeping: "accounts" are, beside a business
    "account": (("accounting", "books bookkeeping bookkeeper year-end annual company limited "
                               "ltd business businesses sole trader self-employed freelance "
                               "accountant audit audited payroll vat invoices invoicing "
                               "charity treasurer"),),
    # read back as reasons, these were another sense to a reader (fifth review): the SAT
    # beside an exam, not "sat in a lake"; a dog's recall, not a car's; laying a floor,
    # not the third floor; a stamp album, not a stamped translation; a report of data,
    # not an insurer's
    "sat": (("tutoring", "exam exams test tests prep score scores act tutor tutoring "
                         "college psat maths math verbal"),),
    "recall": (("dog training", "dog dogs puppy pup lead off-lead whistle training trainer "
                                "walks park spaniel collie labrador terrier"),),
    "floor": (("flooring", "carpet carpets laminate tiles tile tiling boards floorboards "
                           "vinyl lino wood wooden sanding sand fitted fit fitter underlay "
                           "parquet herringbone creaky squeaky uneven levelling screed"),),
    "stamp": (("collecting", "collection collector collectors album albums philately "
                             "collect collecting first-day"),),
    "report": (("data", "data dashboard dashboards analysis analytics spreadsheet "
                        "spreadsheets excel sql powerbi tableau"),),
    # Rust the language, not a rust spot on a car's sill
    "rust": (("software", "programming code coding developer developers rustlang cargo "
                          "backend language languages engineer golang python crate"),),
    "lock": (("locksmith", "door keys key front snapped locksmith"),),
    # "Master electrician" is a trade's grade, not a master's degree nor mastering a track
    "master": (("school", "degree msc mba ma postgraduate university study studying course "
                          "dissertation thesis"),
               ("audio", "mixing track tracks recording song songs album ep")),
    # running a committee or a business is no run; shares in a fund, not a budget
    # shared; a dead person's estate, not the housing estate (fresh29)
    "running": (("running", "marathon 5k 10k parkrun jog jogging race races pace trainers "
                            "miles km couch ultra trail runners run club fitness legs "
                            "knees shins"),),
    "shares": (("financial advice", "stocks invest investing investment investments "
                                    "portfolio dividend dividends isa pension broker "
                                    "trading funds fund savings"),),
    "estate": (("wills", "will wills probate executor executors inheritance inherit "
                         "inherited solicitor lawyer planning died death passed late"),),
    # a ceremony led, not one photographed (the seventh review: "ceremony → ceremonies
    # (celebrant)" for a wedding photographer)
    "ceremony": (("celebrant", "officiant officiate officiating celebrant humanist "
                               "non-religious lead conduct vows script registrar "
                               "civil naming funeral blessing"),),
    # an 18th birthday, not "on the 18th" (the ninth review: "18th (party)" for a date)
    **{_ordinal: (("party", "birthday birthdays party parties celebrate celebrating "
                            "celebration surprise cake bash do turning turns venue hall "
                            "dj balloons"),)
       for _ordinal in ("18th", "21st", "30th", "40th", "50th", "60th", "70th", "80th",
                        "90th", "100th")},
    # the oud played, not oud oil (fresh31)
    "oud": (("music", "lesson lessons teacher teach learn play playing maqam instrument "
                      "strings music musician"),),
    # SALT the speech and language therapy, not salt on a slippy sidewalk
    "salt": (("speech therapy", "speech language therapist therapy stammer stutter talking "
                                "words toddler nhs referral speaking"),),
    # a trade union, not a tenants' union nor a credit union (fresh27)
    "union": (("employment law", "trade work job jobs employer employers boss workers "
                                 "worker workplace pay wages strike steward dismissal "
                                 "dismissed grievance sacked redundancy shifts contract"),),
    # a literary agent, not the real estate agent keeping the bond
    "agent": (("editing", "manuscript novel book books publishing literary query querying "
                          "publisher publishers memoir"),),
    # SEND the needs, not sending money home
    "send": (("special needs", "ehcp senco autism autistic adhd dyslexia dyslexic diagnosis "
                               "diagnosed sen neurodivergent iep"),),
    "shoot": (("photography", "photo photos photographer camera wedding portrait"),
              ("video", "video film")),
}
"""Words whose meaning depends on the words around them."""
SENSES.update({_word: _senses for _word, _senses in (*vocabulary.SENSES.items(),
                                                       *problems.SENSES.items())
               if _word not in SENSES})

KEEP = frozenset("""spring springs evening evenings morning mornings string strings
thing things ring rings king sing bring during nothing something anything everything
ceiling ceilings wedding weddings news bus gas yes this his has was is us always
series species physics maths mathematics politics economics analytics athletics
tempe suite suites""".split())  # noqa: SIM905
"""Words the stemmer leaves alone ("spring" is not "spr", "evenings" is not "even")."""
LEMMAS: dict[str, str] = {form: lemma for lemma, forms in {
    # derived words whose rule-made stem is another word: a shoulder is not "should",
    # rounders not "round", a founder not what was "found", a market stall not marketing
    "shoulder": "shoulder shoulders", "rounders": "rounders", "number": "number numbers",
    "founder": "founder founders founded founding", "chartered": "chartered",
    "pointing": "pointing", "pointer": "pointer pointers",
    "marketing": "marketing marketer marketers", "stocked": "stocked",
    "stocks": "stocks", "spare": "spare spares", "sparring": "sparring",
    "vetting": "vetted vetting",  # a background check ("Garda vetted"), not a vet
    "stage": "stage stages", "customer": "customer customers", "customs": "customs",
    "officer": "officer officers", "printer": "printer printers", "grade": "grade grades",
    "leads": "leads", "digs": "digs", "booking": "booking bookings booked",
    "bedding": "bedding", "shutter": "shutter shutters", "toaster": "toaster toasters",
    "trailer": "trailer trailers", "pensioner": "pensioner pensioners",
    "filling": "filling fillings", "boxing": "boxing", "housing": "housing",
    "brother": "brother brothers", "counter": "counter counters",
    "wills": "wills", "explainer": "explainer explainers", "dreading": "dreading",
    "retired": "retired", "fells": "fells", "scale": "scale scales",
    "running": "running", "runner": "runner runners", "networking": "networking",
    "freezer": "freezer freezers", "fundraiser": "fundraiser fundraisers",
    "builder": "builder builders", "building": "building buildings",
    "tripping": "tripping tripped", "opening": "opening openings",
    "exhausted": "exhausted exhausting", "lettings": "lettings", "sales": "sales",
}.items() for form in forms.split()}
"""Words whose light stem would be another word, with the stem they get instead ("wills"
is always the documents, never the auxiliary "will", so it is not an ambiguous word)."""
_WORD = re.compile(r"[a-z0-9][a-z0-9+#'.-]*")
_ANY_WORD = re.compile(r"[^\W_](?:[^\W_]|[+#'.-])*")


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """A light stemmer: enough that "plumbers" meets "plumber", "leaking" meets "leak"
    and "servicing" meets "service", never so strong that unrelated words collide."""
    word = word.strip(".-'")
    if word.endswith("'s"):
        word = word[:-2]
    if word in KEEP:
        return word[:-1] if word.endswith("ings") else word
    lemma = LEMMAS.get(word)
    if lemma is not None:
        return lemma
    return _drop_e(_agentless(_suffixless(word)))


def _agentless(word: str) -> str:
    """The one who does it meets the doing: "plasterer", "plastering" and "plaster" all
    end as "plast", "knitter" and "knitting" as "knit" (long words only: "water" stays;
    repeated, so that the doer's "-er" and the thing's own "-er" come off alike)."""
    while len(word) >= 7 and word.endswith("er") and word[-3] not in "aeiou":
        word = word[:-2]
        if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
            word = word[:-1]  # "knitter" -> "knit"
    return word


def _suffixless(word: str) -> str:
    for suffix in ("ings", "ing", "ies", "es", "ed", "s"):
        minimum = 4 if suffix in ("ing", "ings", "ed") else 3
        if word.endswith(suffix) and len(word) - len(suffix) >= minimum:
            base = word[: -len(suffix)]
            if suffix == "ies":
                return base + "y"
            if suffix in ("ing", "ings", "ed") and len(base) > 3 and base[-1] == base[-2] \
                    and base[-1] not in "lsz":
                return base[:-1]  # "wedding" -> "wed", "shopping" -> "shop"
            if suffix == "es" and not base.endswith(("s", "x", "z", "ch", "sh")):
                return word[:-1]  # "services" -> "service", not "servic"
            if suffix == "s" and word.endswith("ss"):
                return word
            return base
    return word


def _drop_e(word: str) -> str:
    """"service" and "servic(ing)" meet as "servic"."""
    return word[:-1] if len(word) > 4 and word.endswith("e") and word[-2] not in "aeiou" \
        else word


def words_of(text: str) -> list[tuple[str, str]]:
    """``(surface, stem)`` for each word of ``text``, in order (stop words included:
    phrases such as "room to rent" need them)."""
    text = text.lower().replace("\u2019", "'")
    plain = text.isascii()  # the common case: no word to take accents off
    # letters of any alphabet are shown as written ("fiancé") and stemmed without their
    # accents, so that "fiancé" meets "fiance" and a cue for "español" meets "espanol"
    surfaces = [w.strip(".-'") for w in (_WORD if plain else _ANY_WORD).findall(text)]
    return [(surface, stem(surface if plain else _unaccented(surface)))
            for surface in surfaces if surface]


def _unaccented(text: str) -> str:
    """``text`` with its letters' accents taken off: "fiancé" is "fiance", not "fianc"
    (and "español", "Māori", "mudança" are words, not fragments)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))


def _cue_key(cue: str) -> tuple[str, ...]:
    return tuple(s for _, s in words_of(cue))


DETAILED = frozenset({"software", "python", "data", "web", "it support", "sport", "music",
                      "medical", "tutoring", "pets", "language", "school", "fitness",
                      "furniture", "clothes", "crafts", "games", "art", "design"})
"""Broad concepts whose single words say which one it is: Java is software and Swift is
software, but a Java need is better met by a Java offer; maths and physics are both
tutoring, a dog and a cat both pets. For these, the word a person wrote also counts as
a plain word beside the concept."""


CueTable = dict[str, tuple[tuple[int, dict[tuple[str, ...], tuple[str, ...]]], ...]]


@lru_cache(maxsize=1)
def cue_tables() -> tuple[CueTable, frozenset[str]]:
    """The cues as ``first stem -> ((length, {cue: concepts}), ...)``, longest first: a
    word is tried against one dictionary per phrase length, not against every phrase
    that starts with it ("my" starts dozens); with every stem of a cue. Built when a text
    is first read, not at import: with the readings kept beside the data (``readings``)
    a warm ``intro suggest`` reads no text, and this pass over seven thousand cues was
    most of what importing the lexicon cost (50 ms)."""
    grouped: dict[str, dict[int, dict[tuple[str, ...], list[str]]]] = {}
    stems: set[str] = set()
    for concept, cues in CONCEPTS.items():
        for cue in cues.split(","):
            key = _cue_key(cue)
            if not key:
                continue
            named = grouped.setdefault(key[0], {}).setdefault(len(key), {}).setdefault(key, [])
            if concept not in named:
                named.append(concept)
            stems.update(key)
    table = {first: tuple((length, {key: tuple(named) for key, named in keys.items()})
                          for length, keys in sorted(by_length.items(), reverse=True))
             for first, by_length in grouped.items()}
    return table, frozenset(stems)


DETAIL_STEMS = frozenset(key[0] for concept in DETAILED
                         for cue in CONCEPTS.get(concept, "").split(",")
                         if len(key := _cue_key(cue)) == 1)
"""The words kept as details of a broad concept ("java" beside software): they refine
the score of candidates their concept found, and find none themselves."""


def _sense_clues() -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    """``SENSES`` by stem; two words of one stem ("hall" and "halls") pool their clues,
    concept by concept, rather than the second hiding the first."""
    pooled: dict[str, dict[str, set[str]]] = {}
    for word, senses in SENSES.items():
        base = stem(word)
        by_concept = pooled.setdefault(base, {})
        for concept, clues in senses:
            # never the word itself: "locked" is no clue that "lock" means a locksmith
            by_concept.setdefault(concept, set()).update(
                stem(c) for c in clues.split() if stem(c) != base)
    return {key: tuple((concept, frozenset(clues)) for concept, clues in senses.items())
            for key, senses in pooled.items()}


SENSE_CLUES = _sense_clues()
NEIGHBOURS: dict[str, dict[str, float]] = {}
for (_first, _second), _weight in RELATED.items():
    NEIGHBOURS.setdefault(_first, {})[_second] = _weight
    NEIGHBOURS.setdefault(_second, {})[_first] = _weight
NOTHING = problems.NOTHING
STOP_STEMS = frozenset(stem(w) for w in STOP) | STOP
PLACE_LANGUAGES = {stem(place.strip()): language
                   for language, places in problems.PLACES.items()
                   for place in places.split(",") if place.strip()}
"""A place's stem and the language spoken there ("madrid" -> ``spanish language``)."""





TONGUE_WORDS = frozenset(word for cues in (*tongues.CUES.values(), *tongues.WHOLE.values(),
                                           *tongues.FRENCH.values())
                         for word in re.split(r"[\s,]+", cues.lower()) if word)
TONGUE_WORDS |= frozenset(word for concept, cues in CONCEPTS.items()
                          if concept.endswith(" language")
                          for word in re.split(r"[\s,]+", cues.lower()) if word)
"""The words of ``tongues``' cues as they are written, marks and all, and the names of
languages ("kreyòl", "español"): an unread post's own words that are still cues."""


@dataclass(frozen=True)
class Reading:
    """What a text is about: its concepts, with the words that said so as the person
    wrote them, and its other content words (places, details: "Lisbon", "bakery")."""

    concepts: dict[str, tuple[str, ...]]
    words: dict[str, str]  # stem -> the word as written
    intent: frozenset[str] = frozenset()
    """A thing on offer, a thing wanted (``intent``); whom it serves (``audience``)."""


_NAME = re.compile(r"(?<![.!?:\n\s])(\s+)([^\W\d_][\w'-]*)")


def _names(text: str) -> frozenset[str]:
    """The words written with a capital inside a sentence (not its first word): a post's
    names of places, people and things ("in Villeray", "my Hilux"), lower case."""
    out: set[str] = set()
    for match in _NAME.finditer(text):
        word = match.group(2)
        if word[0].isupper():
            out.update(part.strip("'-") for part in word.lower().split("-"))
    return frozenset(out)


def _hyphens_apart(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A hyphenated word no cue names is read as its parts: "three-tiered" is "tiered",
    "fault-finding" is "fault finding" ("co-founder" and "five-a-side" stay whole)."""
    out = []
    cue_stems = cue_tables()[1]
    for surface, base in tokens:
        if "-" in surface and base not in cue_stems and base not in SENSE_CLUES:
            out += [(part, stem(part)) for part in surface.split("-") if part]
        else:
            out.append((surface, base))
    return out


@lru_cache(maxsize=50_000)
def read(text: str) -> Reading:
    """The concepts and content words of a need, an offer or a skill."""
    tokens = _hyphens_apart(words_of(text))
    stems = [s for _, s in tokens]
    # a post in another language: its own little words are no single cue nor content
    # word ("ai", who, is no AI), only its phrases and the English words mixed in are
    language = written.marks(tuple(t for t, _ in tokens))
    unread = written.UNREAD in language
    context: frozenset[str] | None = None  # the text's stems, once a sense needs them
    concepts: dict[str, list[str]] = {}
    words: dict[str, str] = {}
    used = [False] * len(tokens)
    cue_table = cue_tables()[0]
    i = 0
    while i < len(tokens):
        surface, base = tokens[i]
        found = None
        also: list[str] = []
        for length, table in cue_table.get(base, ()):
            key = tuple(stems[i:i + length])
            named = table.get(key)
            if named is not None:
                found = (key, named[0])
                also = list(named[1:])  # one cue, several concepts ("tennis partner")
                break
        sense = SENSE_CLUES.get(base)
        if sense is not None and (found is None or len(found[0]) == 1):
            found = None  # an ambiguous word on its own: its neighbours decide
            if context is None:
                context = frozenset(stems)
            for concept, clues in sense:
                if clues & context:
                    found = ((base,), concept)
                    break
            also = []
            if found is None:
                i += 1  # no clue: a plain word (a place, a season), not a concept
                continue
        if found is not None and unread and len(found[0]) == 1 and (
                written.little(surface)
                or (not surface.isascii() and surface not in TONGUE_WORDS)):
            # "bị" (suffers) read without its marks is no BI, "một" (one) no MOT
            i += 1
            continue
        if found is not None:
            key, concept = found
            phrase = " ".join(t for t, _ in tokens[i:i + len(key)])
            for each in (concept, *also):
                if each == NOTHING:
                    continue  # a phrase that says nothing of the need ("a small fee")
                concepts.setdefault(each, [])
                if phrase not in concepts[each]:
                    concepts[each].append(phrase)
            keep = len(key) == 1 and any(each in DETAILED for each in (concept, *also))
            for j in range(i, i + len(key)):
                used[j] = not keep
            i += len(key)
            continue
        i += 1
    # of a post in another language only its names are plain words ("Villeray",
    # "Hilux"): its other words are that language's ("escaliers", "semaine"), noise to an
    # English need, or English mixed in, which the cues above have read already
    names = _names(text) if unread else None
    for (surface, base), taken in zip(tokens, used, strict=True):
        if not taken and base not in STOP_STEMS and surface not in STOP and len(base) >= 2 \
                and not base.isdigit() and not (unread and written.foreign(surface)) \
                and (names is None or surface in names):
            words.setdefault(base, surface)
    surfaces = [t for t, _ in tokens]
    intent = intents(surfaces, text) | audiences(surfaces, text) | language
    if wants_things(concepts, surfaces):
        intent |= {WANTS_GOODS}
    return Reading({c: tuple(w) for c, w in concepts.items()}, words, intent)


def terms(text: str) -> list[str]:
    """The features of a text as plain strings: ``@concept`` and content word stems."""
    reading = read(text)
    return [f"@{c}" for c in reading.concepts] + list(reading.words)

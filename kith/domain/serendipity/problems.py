"""How people put a need when they do not know the trade's name, and how they put an
offer when they use the trade's slang, beside ``lexicon`` and ``vocabulary``.

Written by going through the situations people post about in a street group, a church
newsletter or a friends' chat ("every time it rains the ceiling drips", "did my back in",
"Dad keeps leaving the hob on", "stepped into management and winging it") and naming
what answers them (a roofer, a physio, a dementia companion, a mentor), plus the trades'
own shorthand ("sparky", "brickie", "man and van"). Each cue is a phrase, not a single
common word, wherever a single word would mean other things too ("patch", "plot" and
"shift" are in ``SENSES``, decided by their neighbours).

``PLACES`` ties a place to the language spoken there ("transferring to the Madrid
office" needs Spanish), a link and not a concept: "a flat in Lisbon" is about a flat, and
two texts naming different Portuguese towns still differ.
"""

from __future__ import annotations

CONCEPTS: dict[str, str] = {
    # trades: the problem as it shows, and the trade's slang -------------------------
    "roofing": """every time it rains, whenever it rains, when it rains, when it pours, rain
        comes in, rain gets in, rain coming in, rain coming through, water coming through
        the ceiling, coming through the ceiling, leaking roof, roof leak, roof is leaking,
        roof leaks, leak in the roof, missing slates, missing tiles, slipped slates, slipped
        tiles, blocked gutter, blocked gutters, overflowing gutter, overflowing gutters,
        flat roof, felt roof""",
    "damp": """patch on the ceiling, stain on the ceiling, ceiling stain, water stain, brown
        stain, brown patch, damp wall, wet wall, peeling paint, musty""",
    "electrical": """sparky, sparkie, sparkies, keeps tripping, tripped the, trip
        switch, the power goes, power keeps going, power goes off, lights go off, lights
        keep going off, lights flickering, lights flicker, flicker, flickers, flickering
        lights, fault finding, fault-finding, electrical fault, electrical faults, no power,
        half the house, circuit breaker, breaker, breakers, rcd, outlet, outlets, burning
        smell, buzzing socket, socket sparks""",
    "heating": """radiators cold, radiator is cold, cold radiators, bleed the radiators,
        bleeding radiators, boiler pressure, boiler keeps, boiler's, pilot light, furnace,
        hvac, no heating, heating won't, heating isn't, heating has, combi, combi boiler""",
    # cooling is its own trade beside heating: "aircon (heating)" misled a reader
    "air conditioning": """air conditioning, air conditioner, air conditioners, aircon, aircons,
        a/c, ac unit, ac units, split unit, split units, split system, split systems,
        hvac, regas, chemical wash, chemical overhaul""",
    "plumbing": """toilet keeps running, toilet won't stop, keeps running, running toilet,
        cistern hisses, clogged, clogged drain, clogged toilet, blocked toilet, blocked sink,
        garbage disposal, water everywhere, pipes knocking, banging pipes, frozen pipes,
        no water, water meter, ballcock, float valve""",
    "building": """brickie, brickies, knock down a wall, knock a wall through, steel beam,
        rsj, structural engineer, retaining wall, garden wall, wall is bowing, foundations,
        underpinning""",
    "carpentry": """chippie, chippies, door won't close, door won't shut, bookshelves,
        bookcase, bookcases, floating shelves, alcove, alcoves, fitted wardrobes, built-in
        cupboards, cupboard, cupboards, timber, wooden""",
    "decorating": """touch up, touch-up, feature wall, walls need painting, needs a lick of
        paint, lick of paint, freshen up the walls""",
    "plastering": """plasterer, plasterers, plaster, plastering, replaster, re-plaster,
        skim, skimming, skimmed, skim coat, artex, drywall, plasterboard, cracks in the
        plaster, crumbling plaster, blown plaster""",
    "housing law": """tenancy deposit, deposit protection, protection scheme, deposit scheme,
        deposit dispute, deposit disputes, landlord hasn't, landlord refuses, landlord is
        refusing, landlord still, landlord kept, landlord won't, kept our deposit, kept my
        deposit, keeping our deposit, keeping my deposit, our deposit back, my deposit back,
        deposit back, deposit returned, eviction notice, section 21, section 8, disrepair,
        housing disrepair, tenant rights, tenants' rights, renters' rights, housing
        solicitor, housing lawyer, housing paralegal, housing adviser, housing advice,
        unfair eviction, illegal eviction, rent increase""",
    "data recovery": """data recovery, recover data, recover my data, recover files, recover
        the files, recover photos, recover the photos, lost photos, lost all my photos, lost
        files, deleted files, deleted photos, corrupted, failed hard drive, failing hard
        drive, failing hard drives, dead hard drive, external drive, external hard drive,
        hard drive, hard drives, clicking, it clicks, just clicks, won't mount, sd card, sd
        cards, memory card, ssd, ssds, no backup, usb stick""",
    "grandparent": """grandma, grandad, granddad, grandpa, granny, gran, nan, nana,
        grandmother, grandfather, grandparents""",
    "handyman": """handy with, jack of all trades, odd-job, odd job, odd-jobs, bits and
        bobs, little jobs, small jobs around the house, jobs around the house, honey-do""",
    "locksmith": """key snapped, snapped off in the lock, snapped in the lock, locked myself
        out, locked out, lost my keys, lost the keys, lost our keys, door won't lock, lock is
        stiff, lock jammed, lock's jammed, change the locks, lock change""",
    "appliance": """won't drain, won't spin, not spinning, not draining, fridge isn't cold,
        fridge not cold, oven won't heat, oven isn't heating, dishwasher won't""",
    "garden": """couch grass, bindweed, ground elder, nettles, dig over, digging over, dug
        over, clear the plot, clear plots, clearing plots, my plot, allotment plot,
        flower borders, herbaceous border, flower beds, flowerbeds, beds and borders, gone
        wild, run wild, running wild, tidy the garden, mow, mow the lawn, grass
        cutting, cut the grass, grass needs cutting, lawn mowing, strimmer, strimming,
        green waste""",
    "removals": """man and van, man and a van, luton, luton van, van and a driver, help me
        move, help us move, help moving, moving day, student moves, flat move, won't fit in
        my car, won't fit in the car, doesn't fit in my car, fit in my car, going in my car,
        heavy furniture""",
    # care, health and feelings -------------------------------------------------------
    "physio": """did my back in, done my back in, put my back out, hurt my back, back's gone,
        back went, back has gone, can't bend, cannot bend, bend down, slipped
        disc, slipped disk, trapped nerve, stiff back, aching back, knee pain, dodgy knee,
        sore knee, twisted my ankle, twisted ankle, ankle, achilles, plantar fasciitis,
        recovering from an operation, after my operation, knee op, hip op""",
    "therapy": """dread, constant dread, can't stop worrying, worrying all the
        time, worried all the time, worried sick, on edge, can't cope, cannot cope, not
        coping, feel numb, feeling numb, numb, keep crying, crying all the time, can't stop
        crying, tearful, no energy, burnt out, burned out, haven't slept, not slept, can't
        switch off, racing thoughts, anxious, anxiety, worries, baby blues, perinatal mental
        health, postnatal depression, postpartum depression, in a dark place, can't tell
        anyone, nobody to talk to, no one to talk to, just listen""",
    "new baby": """since the baby, the baby came, baby came, baby arrived, since having the
        baby, had the baby, new mum, new mums, new mom, new moms, new parent, new parents,
        first-time parents, first time parents, perinatal, baby on the way, a baby on the
        way, expecting our first""",
    "eldercare": """leaving the hob on, left the hob on, left the gas on, leaving the gas on,
        leaving the stove on, left the stove on, leaves the stove on, leaving the oven on,
        left the oven on, geriatric, geriatrician, geriatric care, care manager, elder care,
        in-home help, in-home care, aging in place, ageing in place,
        getting up in the night, up in the night, wandering, confused, getting confused,
        gets confused, repeating himself, repeating herself, sit with, someone to sit with,
        sit with him, sit with her, sit with dad, sit with mum, companion, companions,
        companionship, dementia companion, getting lost, gets lost, forgetting things,
        forgets things, forgetting to eat, memory's going, memory is going,
        losing his memory, losing her memory""",
    "carer support": """so mum can get out, so dad can get out, give mum a break, give dad a
        break, give my mum a break, give my dad a break, a break from, get a break, time
        off from caring, respite, sitting service""",
    "mentoring": """newly qualified, new starter, new starters, cut out for, out of my depth,
        imposter syndrome, impostor syndrome, find my feet, finding my feet, first year in,
        first few months, my first job, stepped into management, step into management,
        stepping into management, into management, managing people, manage people, first
        time manager, first-time manager, first-time managers, direct reports, one-to-ones,
        one to ones, line manager, new to managing, winging it, promoted to, just been
        promoted""",
    # money, papers and rights --------------------------------------------------------
    "legal": """stopped answering, won't refund, refuses to refund, owes me, owes us,
        taking them to court, letter before action""",
    "scam": """someone's in her bank account, someone's in my bank account, someone in my
        bank account, someone in her bank account, into her bank account, into my bank
        account, virus warning, virus warnings, warnings about a virus, warning about a
        virus, pop-up warning, pop-up warnings, fake warning, tech support scam, remote
        access, someone has access, gave them access, asked for my password, suspicious
        text, suspicious email, suspicious call""",
    "wills": """get a will, get our wills, do our wills, sort our wills, wills done, will
        done, lasting power, lasting powers, powers of attorney""",
    # work and business --------------------------------------------------------------
    "job": """days a week, hours a week, day a week, experience preferred, experience
        required, experience essential, no experience needed, no experience necessary,
        short-staffed, short staffed, maternity cover, job share, looking to hire, paid
        role, paid position, per hour, weekend shifts, evening shifts, looking for
        shifts, part-time, full-time, casual work, bar work, hiring""",
    "hospitality": """barista, baristas, coffee machine, espresso machine, espresso,
        pulling shots, pull shots, steaming milk, latte, lattes, flat white, cafe staff,
        café staff, waiter, waiters, waitress, waiting staff, front of house, bar staff,
        bartender, bar work, pub work, kitchen porter, hospitality""",
    "selling": """into shops, into local shops, local shops, get stocked, getting stocked,
        stocked, stockist, stockists, buyer for, buyers, retail buyer, deli, delis, farm
        shop, farm shops, small producer, small producers, food producers, local
        producers, sell to shops, at markets, local markets, farmers market, farmers'
        market, craft markets, sell at markets""",
    "web": """order online, orders online, online orders, online ordering, take orders
        online, order from us online, take payments, card payments, payments online,
        checkout, facebook page, online store, web shop, booking online, book online""",
    # food, things and lending ------------------------------------------------------
    "produce": """glut, gluts, surplus, surplus veg, surplus food, spare veg, excess veg,
        courgettes, courgette, zucchini, marrows, runner beans, windfalls, windfall apples,
        homegrown, home-grown, harvest, veg, vegetables, fruit, leftover food, leftovers,
        food waste""",
    "lending": """borrow, borrowing, lend, lending, loan of, on loan, lend out, happy to
        lend, can i borrow, could i borrow, anyone got a, anyone have a""",
    # music and pets -----------------------------------------------------------------
    "violin": """string teacher, strings teacher, string lessons, string player, suzuki,
        suzuki method, suzuki-trained""",
    "cello": """string teacher, strings teacher, string lessons, string player, suzuki,
        suzuki method, suzuki-trained""",
    "pets": """needs feeding, feeding twice a day, fed twice a day, feed him twice, feed her
        twice, a bit of fuss, litter tray, walkies, pop in to feed, pop in and
        feed, feed and water, feed the dog, feed the rabbit, pop in on the cat""",
    "house sitting": """while i'm away, while we're away, going away, away for a week, away
        for two weeks, away for ten days, away for the weekend, we're away, i'm away, away
        next week, on holiday for""",
    # getting around and events -----------------------------------------------------
    "venue": """somewhere to hold, place to hold, space to hold, hold a gathering, hold a
        party, hold an event, host a gathering, room big enough, can be booked""",
    "event": """gathering, gatherings, get-together, get together""",
    "language": """get by in, brush up, brush up on my, speak the language, learn the
        language, pick up the language, basic phrases, survival phrases, holiday phrases,
        all i can say""",
}
LEARNER = ("my {0}, our {0}, my {0} is, brush up my {0}, improve my {0}, practise my {0}, "
           "practice my {0}, learn {0}, learning {0}, {0} lessons, {0} conversation, {0} "
           "tutor, {0} teacher")
"""How a person says they are learning a language ("my French stops at bonjour")."""
LANGUAGES = ["spanish", "french", "german", "italian", "portuguese", "mandarin", "cantonese",
             "japanese", "arabic", "russian", "ukrainian", "dutch", "korean", "hindi", "urdu",
             "turkish", "greek", "welsh", "romanian", "swahili", "english"]
SPOKEN: dict[str, str] = {}
"""Languages that ``vocabulary`` files under another's concept (none since Urdu and
Cantonese, read as Hindi and Mandarin, were named wrong by a reader of the evidence)."""
for _name in LANGUAGES:
    _cues = LEARNER.format(_name)
    CONCEPTS["language"] += ", " + _cues  # learning a language, and which one
    _concept = f"{SPOKEN.get(_name, _name)} language"
    CONCEPTS[_concept] = CONCEPTS.get(_concept, "") + ", " + _cues
"""Cues for concepts of ``lexicon`` and ``vocabulary``, and a few concepts beside them,
merged into ``lexicon.CONCEPTS`` like the others."""

SECOND: dict[str, str] = {
    "things to pass on": """for sale, on sale, going cheap, free to a good home, free to
        collect, collection only, to give away, giving away, barely used, hardly used, good
        condition, excellent condition, looking to buy, want to buy, wanted to buy""",
    "appliance": """vacuum cleaner, vacuum, hoover, hoovers, kettle, kettles, toaster,
        toasters, small appliance, small appliances""",
    "plumbing": """outside tap, outdoor tap, outdoor taps, tap froze, pipe froze, pipes froze,
        froze, split pipe, burst in the cold""",
    "translation": """only speaks, speaks only, doesn't speak english, no english, speaks no
        english""",
    "financial advice": """inherited, inherited money, lump sum, lump sums, come into some
        money, don't want to waste it""",
    "debt": """pay bills, paying bills, pay the bills, late fees, late payment fees, bills on
        time, forgetting to pay""",
    "legal": """my rights, know my rights, our rights, what are my rights""",
    "family mediation": """won't let me see the kids, see the kids, see my kids, access to the
        kids, my ex""",
    "medical": """periods, heavy periods, period pain, endometriosis, women's health,
        gynaecologist, smear test""",
    "wildlife": """hedgehog, hedgehogs, injured bird, baby bird, fox cub, badger, wildlife
        rescue, wildlife hospital, hedgehog rescue, rspca, injured animal""",
    "eldercare": """help him shower, help her shower, shower and dress, washed and dressed,
        washing and dressing, getting dressed, help with dressing, help with bathing,
        personal care, care visits, care assistant, home care assistant, gets muddled,
        getting muddled, muddled, forgetful""",
    "sleep": """keep waking, keeps waking, waking at, waking up at night, wake up at, mind
        racing, racing mind, can't get back to sleep, lie awake, lying awake, awake at
        night""",
    "digital skills": """set up zoom, use zoom, using zoom, help with zoom, on zoom, skype,
        video chat, video chats, talk to my grandchildren, see my grandchildren""",
    "repair": """glue, glued, can it be glued, handle came off, came off, broken handle,
        chipped, mend china, china repair, ceramic repair, ceramics repair, invisible
        repairs""",
    "office work": """receptionist, receptionists, admin assistant, administrator, office
        manager, front desk, office work, admin work, secretary, secretarial, data entry
        clerk, filing""",
    "feet": """my heel, my heels, heel hurts, heels hurt, sore heel, sore feet, my feet""",
    "mobility": """can't walk far, can't walk that far, cannot walk far, walk that far, can't
        manage the walk""",
    "cleaning": """pool cleaning, swimming pool cleaning, pool maintenance, pool cleaner,
        green pool, pool is green, pool's green, pool chemicals, pool chemistry, pool
        filter, pool pump, shock the pool, pool service, pool guy, algae in the pool,
        chlorine shock,
        swimming pool maintenance, gutter cleaning, window cleaning round""",
    "instrument repair": """keys stick, keys sticking, key sticks, out of tune, sounds out
        of tune, needs tuning, needs a tune, badly out of tune, string broke, broken
        string""",
    "babysitting": """babysitter, babysitters, babysitting, babysit, evening babysitting,
        sitter for, date night, night out, evening out, an evening off, child sitter""",
    "investment": """hedge fund, hedge funds, fund manager, private equity""",
    "heating": """power flush, power-flush, power flushing, power-flushed, powerflush""",
    "upholstery": """new fabric, needs new fabric, new covers, re-covered, recovered in""",
    "speech therapy": """isn't saying any words, not saying any words, no words yet, isn't
        talking, not talking, hasn't started talking, first words, only says a few words,
        speech and language, language delay, late talker, late talkers, early talkers,
        speech delay""",
    "addiction": """stopped drinking, quit drinking, gave up drinking, giving up drinking,
        giving up alcohol, gave up alcohol, off the drink, people who get it, one day at a
        time""",
    "pet behaviour": """behaviourist, behaviorist, animal behaviourist, cat behaviourist,
        dog behaviourist, behaviour problems, behavior problems, peeing, weeing, spraying,
        scratching the furniture, biting, separation anxiety, chewing everything, barks all
        day, barking all day, won't stop barking""",
    "pets": """cat behaviourist, dog behaviourist, rescue greyhound, greyhound, greyhounds,
        hound, hounds, labrador, spaniel,
        terrier, collie, whippet, dachshund, poodle, cockapoo, cavapoo, husky, staffie,
        alsatian, german shepherd, retriever, beagle, jack russell, bulldog, pug, adopting a
        dog, adopting a cat, new owners, first dog, never had a dog, new puppy, new dog, new
        kitten""",
    "carpentry": """build furniture, built furniture, make furniture, made furniture,
        furniture repair, furniture repairs, repair furniture, fix furniture, bespoke
        furniture""",
    "games": """quiz, quizzes, quizmaster, quiz master, quiz host, host a quiz, run a quiz""",
    "event": """school fair, church fair, summer fair, christmas fair, fair stall""",
    "running": """running, runner, runners, start running, take up running, get into
        running, out of breath, get out of breath""",
    "hearing": """pardon, saying pardon, telly up, tv up, telly too loud, tv too loud,
        mishears, can't hear, hearing check, hearing checks""",
    "befriending": """hasn't spoken to anyone, not spoken to anyone, doesn't speak to
        anyone, hasn't seen anyone, rarely sees anyone, nobody visits, no visitors, on her
        own all day, on his own all day, all alone, no one to talk to, nobody to talk to,
        weekly visits, phone calls for""",
    "convalescence": """hip replaced, hip replacement, knee replaced, knee replacement, new
        hip, new knee, recovering at home, recovering from surgery, after surgery, after my
        operation, after an operation, just had an operation, had an operation, out of
        hospital, discharged from hospital, hospital discharge, recovering, recovery""",
    "meals": """hot dinners, hot dinner, meal rota, meals rota, can't cook, cannot cook,
        unable to cook, bring dinners, cook for us, meals delivered""",
    "vet": """stopped eating, not eating, won't eat, lethargic, hunched, hunched up,
        poorly rabbit, poorly dog, poorly cat""",
    "lift": """need to get to, get me to, to the airport, get to the airport, airport run,
        airport runs, gatwick, heathrow, stansted, catch a flight, lift to the, drive me to,
        pick people up, can pick you up, can't walk far, can't walk that far, cannot walk
        far, walk that far, can't manage the walk""",
    "mediation": """mediator, mediators, mediation, community mediation, neighbour dispute,
        neighbour disputes, neighbour won't, neighbours won't, falling out with the
        neighbours, fallen out with, neighbour's tree, neighbour's hedge, blocking our
        light, blocking the light, right to light, high hedge, won't talk to us, won't speak
        to us, not speaking to us""",
    "produce": """unsold, loaves, leftover bread, day-old bread, going to waste, goes to
        waste, throw away food, throwing away food""",
    "it support": """freezes, freezing up, takes ages to start, takes forever to start,
        slow to start, runs slow, so slow, tune-up, tune-ups, tune up, drops out, keeps
        dropping, dropping out, dead spot, dead spots, signal upstairs, old iphone, old
        phone, new phone, photos off, get my photos, move my photos, till system, till
        systems, epos, card reader, card machine, point of sale, mesh networks,
        mesh network""",
    "audio": """audio editor, podcast editor, sound editor, the sound is, sound awful,
        sounds awful, sounds terrible, bad sound, echoey, echo""",
    "relocation abroad": """international shipping, international removals, shipping
        container, shipping containers, containers to, emigrating, emigrate, move
        abroad""",
    "school": """which school, choose a school, choosing a school, new school, change
        schools, changing schools, starting school, school place, school places""",
    "handyman": """small jobs, little jobs, no job too small, job too small, smaller jobs,
        jobs around the house, bits and bobs""",
    "retirement": """retiring, retiring in, retiring this, retiring at, retirement""",
    "clocks": """clock, clocks, clock repair, clock repairs, clockmaker, clock maker,
        horologist, grandfather clock, carriage clock, cuckoo clock, watch and clock,
        watch repairs, watch strap, mechanical watch""",
    "consumer rights": """refund, refunds, refused a refund, refuses a refund, refused to
        refund, won't refund, money back, my money back, faulty, fell apart, broke after,
        stopped working after, consumer rights, consumer complaint, consumer complaints,
        trading standards, ombudsman, chargeback, section 75, not as described,
        cowboy builder, cowboy builders, rogue trader""",
    "employment law": """my employer, hasn't paid me, haven't been paid, not paid me, owed
        wages, unpaid pay, payslip, payslips, contract of employment, my boss won't, my
        manager won't, sacked me, let me go without, withheld my pay, docked my pay""",
    "childcare": """collect from school, collect them from school, collecting from school,
        collect the kids, collect my kids, collect my son, collect my daughter, collect my
        two, pick up from school, picked up from school, after-school care, give them tea,
        kids' tea, early years, early years practitioner, nursery nurse, nursery
        practitioner, nursery worker, nursery assistant""",
    "new baby": """was born, since he was born, since she was born, just had a baby""",
    "tutoring": """daughter's reading, son's reading, child's reading, her reading, his
        reading, their reading, with reading, with her reading, with his reading, learning
        to read, reading age, reading and writing, help with maths, help with her maths,
        help with his maths, help with homework""",
    "sport": """junior side, junior team, juniors, youth team, grassroots football, under-9s,
        under-10s, under-11s, under-12s, under-13s, under-14s, under-15s, under-16s, fa
        coach, fa level, sunday league, five-a-side team, netball team, hockey team,
        cricket team, rugby team""",
    "pharmacy": """blister pack, blister packs, dosette box, pill organiser, medicine
        review, medicines review, medication review, missing her tablets, missing his
        tablets, forgets her tablets, forgets his tablets, taking her tablets, taking his
        tablets, which tablets""",
    "job": """early shift, late shift, night shift, morning work, day work, night work,
        afternoon work, looking for hours, extra hours""",
    "house sitting": """for a fortnight, away for a fortnight, a fortnight away, two weeks
        away, a week away""",
}
"""A second pass (what turned up when these were tried on needs written by others:
small jobs are a handyman's, a retired plumber is not a volunteer), merged the same way."""

THIRD: dict[str, str] = {
    "removals": """lorry, lorries, closed body, household goods, household items moved,
        loaders, wrap everything in blankets, wrapped in blankets, blanket wrapped, been
        transferred to, being transferred to, getting transferred to""",
    "lift": """airport transfer, airport transfers, airport pickup, airport pickups, airport
        pick-up, airport pick-ups, at arrivals, arrivals hall, lands from, flight lands,
        lands at, landing at, receive her at, receive him at, receive them at""",
    "produce": """greens, spinach, kale, sukuma, sukuma wiki, managu, from growers, straight
        from growers, direct from growers, from farmers, direct from farmers, fresh
        produce, farm produce""",
    "financial advice": """investment adviser, investment advisor, money market fund, money
        market funds, t-bills, treasury bills, government bonds, putting something aside,
        put something aside, put money aside, putting money aside, actually grows, grow my
        savings, grow my money""",
    "tutoring": """mock papers, mock paper, past papers, mock exams, mock exam, exam
        preparation, exam prep, prepare for the exam, listening drills, speaking part""",
    "language": """a2 certificate, b1 certificate, b2 certificate, a2 level, b1 level, b2
        level, language certificate, language exam, língua estrangeira, lengua extranjera,
        foreign language""",
    "running": """go running, going running, went running, go for a run, go for runs,
        started running, into running, love running, enjoy running, running again, running
        with, running in the, running on, running at, running around the""",
    "housing law": """have to be out by, we have to be out, be out by july, renovations and
        enlarging, renoviction, evict us, evicting us, kept our bond, kept my bond, keeping
        our bond, keeping my bond,
        keeping the bond, keeping the whole bond, keeping our whole bond, the whole bond,
        our bond back, my bond back, bond back, bond claim, bond refund,
        bond dispute, bond returned, rental tribunal, ncat, vcat""",
    "benefits": """centrelink, jobseeker payment, mygov, carer payment, carer's allowance,
        disability support pension, family tax benefit, ebt, unemployment benefits,
        unemployment claim, ssi, ssdi, social security disability""",
    "immigration": """bring my wife here, bring my wife over, bring my husband here, bring
        my husband over, bring my spouse here, bring my spouse over, bring my family here,
        bring my family over, bring my parents here, bring my parents over, bring my
        fiancé over, bring my fiancée over,
        québec selection certificate, quebec selection certificate, québec experience
        program, quebec experience program""",
    "snow clearing": """shovel, shoveling, shovelling, snow shoveling, snow shovelling, shovel
        the driveway, shovel the sidewalk, shovel the walk, snow removal, snow clearing,
        clear the snow, snow plow, snow plowing, snowplow, plow the driveway, snow blower,
        snowblower, salt the sidewalk, salt the steps, salt the driveway, sidewalk is
        slippy, driveway is slippy, rock salt, ice melt, gritting, grit the path""",
    "school": """fafsa, financial aid, student aid, css profile, student loans, pell grant""",
    "carpentry": """rotting, rotten wood, rotted, rotting wood, porch steps, deck boards,
        rotten steps, rotten boards""",
    "pet behaviour": """barking when we leave, barks when we leave, howls when we leave,
        howls when we go out, cries when we leave, whines when we leave, keeps barking,
        chewed the door, chews the door""",
    "car cleaning": """needs washed, car wash, car washing, detailing, car detailing, valet,
        valeting, mobile valet, hand wash, interior clean""",
    "repatriation": """repatriation, repatriate, repatriating, repatriation of remains,
        release of the body, body home, fly the body, flying the body, fly him home, fly
        her home, buried back home, bury him back home, bury her back home, buried in our
        village, to be buried in, laid to rest in, embalming certificate, embalming
        certificates, consular permit, consular permits, funeral cargo, janazah""",
    "audio": """hear the speeches, hear the speaker, hear the speakers, hear the imam, at the
        back could hear, at the back couldn't hear, couldn't hear a thing, pa system, pa
        hire, sound system, sound hire, run the sound""",
    "chess": """openings and endgames, openings, tactics and endgames, endgames, rated
        tournaments, rated junior tournaments, fide rating, chess960""",
    "sewing": """alter it, altered, alter my, alter the dress, alter the gown, sizes too
        small, size too small, too tight, take it in, let it out, resizing, restyling,
        seamstress, tailor, tailoring""",
    "web": """do you have a link, have a link, a link where, order and pay, pay online,
        online shop, online shops, mobile money checkout, momo checkout, whatsapp order
        button, product pages""",
    "paperwork": """birth certificate, birth certificates, birth registration, passport
        application, passport renewal, travel documents, national registration, national
        id, documents runner, papers sorted""",
    "catering": """need food, food for, home food, proper food, outside catering, food for
        the guests, feed the guests, feed everyone""",
    "electrical": """goes dead, half the kitchen goes dead, glass fuse, screw in a new fuse,
        fuse box, goes dark, house goes dark, whole house goes dark, lights go out,
        wireman, distribution board, distribution boards, earthing, rewiring, breaker
        upgrades""",
    "job": """taking on staff, we're taking on, we are taking on, taking on 3, sales
        attendant, sales attendants, shop attendant, shop attendants, monthly pay, plus
        commission""",
    "funeral": """mortuary, the body, hearse, okuziika, car for the body, burial arrangements,
        caskets, casket, coffin""",
    "driving lessons": """got her ls, got his ls, got my ls, her ls, his ls, learner's
        permit, learner permit, learners permit, learner driver, learner drivers, l plates,
        l-plates, l-plater, l-platers, logbook hours, hours in the logbook, learnt to drive,
        learned to drive, driving practice, supervised driving""",
    "photography": """get those developed, get them developed, film developed, develop film,
        developing film, rolls of film, unused rolls, film camera, film cameras, darkroom,
        analogue photography, analog photography, 35mm""",
    "room to rent": """spare double, spare single, all bills in, bills included, bills incl,
        own shelf in the fridge, would suit someone on shifts, room in our house""",
    "buy home": """whole of market, whole-of-market, mortgage in principle, agreement in
        principle, turned us down for a mortgage""",
    "skating": """learn to skate, learned to skate, learnt to skate, never learned to skate,
        teach me to skate, skating lessons, skate lessons, ice skating, power skating,
        skating coach""",
    "forklift": """flt, flt operator, flt operators, forklift, forklifts, fork lift,
        counterbalance, reach truck, reach tickets, flt licence, forklift licence, flt
        licence holders""",
    "it support": """taken-over accounts, taken over accounts, get back into locked, locked
        or taken-over, hacked, hijacked, account hacked, hijacked accounts, sending strange
        links, strange links, password doesn't work, recovery number, recovery email, locked
        out of, 2-step verification, two-step verification, two-step login, 2fa, sending
        people to some, sending visitors to, sends visitors to, sending customers to,
        redirecting to, redirects to, redirected to, pill-selling, pill selling, spam page,
        dodgy page, compromised, malware cleanup, injected redirects, site was hacked,
        website was hacked, website hacked, site hacked, hacked website, hacked site""",
    "wills": """nothing written down, nothing in writing, who gets the house, who raises
        her, who raises him""",
    "celebrant": """never religious, no vicar, no church, not religious, not a religious,
        without a vicar""",
    "mechanic": """rego, pink slip, blue slip, roadworthy, roadworthy certificate, rwc,
        winter tires, winter tyres, snow tires, snow tyres, tire change,
        tyre change, tire swap, put on winter""",
    "car": """ute, utes""",
    # fresh36 (Hobart): a shop's site that sends its customers to a pill page was hacked;
    # a sole trader's first year with an ABN and GST is a tax agent's; getting two
    # children up and walked to school is before-school care; a free conversation circle
    # for adults new to the country is English for a mother whose English is nil
    # fresh33 (Montréal): an engineer trained in Haiti facing the order's exams, and one
    # who went through the equivalence himself
    "foreign qualifications": """foreign-trained, foreign trained, trained abroad, trained
        overseas, overseas qualifications, foreign qualifications, foreign credentials,
        credential recognition, qualifications recognised, qualifications recognized,
        equivalence, licensing exams, professional order, oiq, l'ordre, équivalence,
        reconnaissance des acquis, diplôme étranger, ordre des ingénieurs""",
    "english language": """conversation circle, conversation circles, conversation club,
        conversation group, conversation cafe, conversation café, english circle, english
        club""",
    "childcare": """walk them to school, walk the kids to school, take them to school,
        get them up, get the kids up, before school, before-school, wake ups,
        wake-ups, drop-offs, school drop-off, school drop-offs, school drop offs""",
    "damp": """basement gets wet, wet basement, basement leaks, leaky basement, water in the
        basement, water in our basement, basement floods, basement flooded, basement
        flooding, damp basement, basement waterproofing, waterproofing, sump pump, french
        drain""",
    "accounting": """audited books, keep the books, keeping the books, do the books, doing
        the books, books in order, gst, ato, what i can claim, what can i claim, can i
        claim, tax agent, registered tax agent, bas statement, bas lodgement, tax lodgement,
        lodge my return, lodge my tax,
        late returns, tax return late, work-related deductions, tax deductions""",
    "legal": """sale agreement, land dispute, land disputes, the land is theirs, land is
        ours, grabbed our land, land grabbing,
        solemn declaration, commissioner of oaths, commissioner for oaths,
        sworn statement, sworn declaration""",
}
"""A third pass, from the misses of the blind sets fresh23 to fresh35 (Nairobi, Pittsburgh,
western Sydney, Kampala, Montréal, Leicester): a lorry for household goods, a relative met
at arrivals, greens sold to restaurants, a body flown home for burial, a learner's logbook
hours, forklift tickets, a spare double "all bills in"; merged like ``SECOND``."""

NOTHING = "-"
"""The concept of phrases that say nothing of what is needed or offered."""
PHRASES = """small fee, a small fee, for a small fee, clean up, cleaned up, cleans up, in
    the back garden, in our back garden, in my back garden, no problem, no pressure, just
    ask, any kind soul, kind soul, happy to help, can help, free of charge, live in a flat,
    living in a flat, we live in a flat, i live in a flat, reasonably priced, fair prices,
    fair price, good prices, competitive prices, free quotes, free quote, no call-out fee,
    no callout fee, references available, references on request, fully insured, no job
    too big, tooth fairy, common law, common-law, common law partner, common-law partner,
    3rd floor, 2nd floor, 1st floor, first floor, second floor, third floor, top floor,
    ground floor, upstairs floor, adult children, adult child, grown children, grown-up
    children, adult kids, grown-up kids, travel nurse, travel nurses, traveling nurse,
    travelling nurse, writing from, writing this from, posting from, money lands, under
    the bed, under my bed, under our bed, out of bed, in bed, on foot, mins on foot,
    minutes on foot, computed automatically,
    computed, 1 bed, 2 bed, 3 bed, 4 bed, 1 bedroom, 2 bedroom, 3 bedroom, 4 bedroom, 5
    bedroom, one bedroom, two bedroom, three bedroom, four bedroom, five bedroom,
    one bed, two bed, three bed, four bed"""
"""Phrases read as nothing ("clean up the audio" is not cleaning; "in the back garden"
says where, not what)."""

WEAK = frozenset({"lending", "grandparent"})
"""Like ``lexicon.WEAK``: "can I borrow" says what kind of help, not what is lent."""

RELATED: dict[tuple[str, str], float] = {
    ("air conditioning", "heating"): 0.5,
    ("plastering", "decorating"): 0.5,
    ("plastering", "building"): 0.3,
    ("housing law", "legal"): 0.6,
    ("housing law", "housing"): 0.4,
    ("data recovery", "it support"): 0.5,
    ("grandparent", "eldercare"): 0.5,
    ("clocks", "shoe repair"): 0.3,
    ("clocks", "repair"): 0.3,
    ("consumer rights", "legal"): 0.5,
    ("carpentry", "furniture"): 0.4,
    ("wildlife", "pets"): 0.3,
    ("wildlife", "vet"): 0.4,
    ("office work", "job"): 0.4,
    ("office work", "paperwork"): 0.3,
    ("babysitting", "childcare"): 0.6,
    ("pet behaviour", "dog training"): 0.6,
    ("repatriation", "funeral"): 0.6,
    ("foreign qualifications", "mentoring"): 0.4,
    ("foreign qualifications", "immigration"): 0.4,
    ("foreign qualifications", "job"): 0.3,
    ("forklift", "job"): 0.4,
    ("skating", "sport"): 0.4,
    ("repatriation", "relocation abroad"): 0.2,
    ("snow clearing", "handyman"): 0.4,
    ("snow clearing", "garden"): 0.3,
    ("car cleaning", "car"): 0.4,
    ("car cleaning", "cleaning"): 0.4,
    ("pet behaviour", "pets"): 0.4,
    ("mediation", "legal"): 0.4,
    ("mediation", "family mediation"): 0.6,
    ("convalescence", "meals"): 0.5,
    ("convalescence", "physio"): 0.4,
    ("convalescence", "lift"): 0.3,
    ("convalescence", "eldercare"): 0.3,
    ("befriending", "therapy"): 0.2,
    ("retirement", "financial advice"): 0.2,
    ("roofing", "damp"): 0.5,
    ("roofing", "building"): 0.4,
    ("funeral", "venue"): 0.4,
    ("produce", "food bank"): 0.5,
    ("produce", "meals"): 0.4,
    ("produce", "garden"): 0.3,
    ("produce", "catering"): 0.2,
    ("hospitality", "job"): 0.4,
    ("hospitality", "chef"): 0.4,
    ("selling", "startup"): 0.2,
    ("new baby", "therapy"): 0.2,
    ("lending", "tools"): 0.4,
    ("mentoring", "job"): 0.2,
    ("house sitting", "pets"): 0.4,
    ("sleep", "therapy"): 0.4,
}
"""Links beside ``lexicon.RELATED`` and ``vocabulary.RELATED``."""

_RUN_CLUES = ("run runs running runner runners parkrun jog jogging race races marathon couch "
              "trainers pace km miles club fitness training")
SENSES: dict[str, tuple[tuple[str, str], ...]] = {
    # an abbreviation or a word that means one thing in one country or setting and
    # another elsewhere: its neighbours decide (the NCT is antenatal classes in England
    # and the car test in Ireland; PR is publicity, or permanent residence in Canada)
    # a 5k is a race only beside running; "quotes over $5k" are money (fresh36)
    "5k": (("running", _RUN_CLUES),),
    "10k": (("running", _RUN_CLUES),),
    "nct": (("new baby", "baby babies pregnant pregnancy antenatal birth due class classes "
                         "mum mums parent parents newborn"),
            ("mechanic", "car cars test failed fail retest brake brakes tyre tyres garage "
                         "disc discs")),
    "pr": (("marketing", "press media coverage launch brand campaign journalist journalists "
                         "publicity agency release"),
           ("immigration", "visa canada australia residence residency permanent citizenship "
                           "express entry application")),
    "appeal": (("crowdfunding", "fundraising raise raised donate donation donations target "
                                "roof fund gofundme justgiving sponsor sponsorship"),),
    "storage": (("it support", "phone iphone android icloud cloud gb full photos laptop "
                               "backup"),
                ("storage", "stuff boxes furniture unit garage store keep belongings things "
                            "month months moving move")),
    "died": (("funeral", "mum dad mother father husband wife gran grandad grandma nan son "
                         "daughter brother sister friend aunt uncle suddenly peacefully "
                         "passed funeral last cousin partner baby"),),
    "flashing": (("roofing", "roof roofer roofing lead chimney slates slate tiles gutter gutters "
                             "leak leaks valley"),),
    "rain": (("roofing", "ceiling ceilings roof loft drip drips dripping leak leaks leaking "
                         "bucket stain patch through coming gutter gutters slates tiles "
                         "damp"),),
    "rains": (("roofing", "ceiling ceilings roof loft drip drips dripping leak leaks leaking "
                          "bucket stain patch through coming gutter gutters slates tiles "
                          "damp"),),
    "raining": (("roofing", "ceiling ceilings roof loft drip drips dripping leak leaks "
                            "leaking bucket stain patch through coming gutter gutters"),),
    "tablet": (("pharmacy", "medicine medicines medication take taking pills prescription "
                            "dose doses missing forget forgets chemist pharmacist"),
               ("it support", "ipad android screen charge charging apps app wifi phone "
                              "laptop broken cracked battery")),
    "tablets": (("pharmacy", "medicine medicines medication take taking pills prescription "
                             "dose doses missing forget forgets chemist pharmacist"),
                ("it support", "ipad android screen charge charging apps app wifi phone "
                               "laptop broken cracked battery")),
    "shift": (("removals", "sofa sofas bed beds furniture stuff boxes flat house van fridge "
                           "wardrobe piano table things move moving"),
              ("job", "shifts work weekend night cover rota pattern pay paid staff")),
    "shifting": (("removals", "sofa sofas bed beds furniture stuff boxes flat house van "
                              "fridge wardrobe piano table things move moving one-bed"),),
    "plot": (("garden", "allotment weeds weed grass dig digging veg vegetables wild "
                        "overgrown tidied tidy committee bindweed couch brambles beds "
                        "borders"),
             ("funeral", "burial grave cemetery churchyard"),
             ("writing", "novel story book script character characters")),
    "patch": (("damp", "ceiling wall walls brown damp wet mould rain"),
              ("garden", "veg vegetable vegetables lawn grass weeds"),
              ("sewing", "jeans trousers knee elbow jacket sew iron-on clothes")),
    "chain": (("bike", "bike bicycle gears slipping oil cycling puncture"),),
    "cycle": (("bike", "bike bikes bicycle ride rides route routes lane lanes helmet road "
                       "path club commute work safely confidence"),),
    "service": (("mechanic", "car cars van mot engine brakes garage vehicle motorbike tyres "
                             "clutch"),
                ("religion", "church sunday worship chapel parish evensong christmas "
                             "easter")),
    "chippy": (("carpentry", "joiner shelves door doors wood fitted kitchen cupboard "
                             "wardrobe skirting"),),
    "stock": (("selling", "shop shops deli retail stockist sell selling shelves"),
              ("financial advice", "shares invest investing portfolio isa market dividends")),
    "companion": (("eldercare", "dementia elderly older dad mum mother father sit afternoon "
                                "afternoons confused"),
                  ("travel", "travel trip holiday")),
    "wandering": (("eldercare", "night dementia dad mum mom mother father confused elderly "
                                "gran nana grandma grandpa 2am 3am 4am alone stove hob"),),
    "confused": (("eldercare", "dementia dad mum mom mother father elderly night older gran "
                               "nana grandma grandpa grandad stubborn"),),
}
"""Words whose meaning depends on their neighbours, beside the other ``SENSES``."""

MORE_LANGUAGES = {
    "dari": "dari, farsi, persian", "pashto": "pashto, pashtu",
    "kurdish": "kurdish, sorani, kurmanji",
    "somali": "somali", "tigrinya": "tigrinya", "amharic": "amharic",
    "tagalog": "tagalog, filipino", "vietnamese": "vietnamese", "thai": "thai",
    "hebrew": "hebrew", "yoruba": "yoruba", "igbo": "igbo", "hausa": "hausa",
    "twi": "twi, akan", "nepali": "nepali", "czech": "czech, slovak",
    "hungarian": "hungarian", "bulgarian": "bulgarian", "lithuanian": "lithuanian",
    "latvian": "latvian", "albanian": "albanian", "serbian": "serbian, croatian, bosnian",
    "malay": "malay, indonesian, bahasa", "punjabi": "punjabi, gurmukhi",
    "gujarati": "gujarati", "bengali": "bengali, bangla", "tamil": "tamil",
    "telugu": "telugu", "malayalam": "malayalam", "marathi": "marathi",
    "sinhala": "sinhala, sinhalese", "kannada": "kannada", "urdu": "urdu",
    "cantonese": "cantonese, hong kong chinese",
    "luganda": "luganda, oluganda", "kinyarwanda": "kinyarwanda", "zulu": "zulu, isizulu",
    "xhosa": "xhosa, isixhosa", "afrikaans": "afrikaans", "shona": "shona",
    "lingala": "lingala", "wolof": "wolof",
    "haitian creole": "haitian creole, kreyòl, kreyol ayisyen, creole",
}
"""Languages beside ``vocabulary``'s, each its own concept (Dari is not Kurdish)."""
for _name, _cues in MORE_LANGUAGES.items():
    SECOND[f"{_name} language"] = _cues

PLACES: dict[str, str] = {
    "dari language": """kabul, afghanistan, tehran, iran""",
    "somali language": """mogadishu, somalia""",
    "vietnamese language": """vietnam, hanoi""",
    "thai language": """thailand, bangkok""",
    "spanish language": """spain, madrid, barcelona, seville, sevilla, valencia, malaga,
        bilbao, granada, mexico, bogota, lima, santiago, argentina,
        colombia, peru, chile, cuba, havana""",
    "french language": """france, paris, lyon, marseille, bordeaux, toulouse, lille, quebec,
        montreal, brussels""",
    "german language": """germany, berlin, munich, hamburg, frankfurt, cologne, stuttgart,
        austria, vienna, zurich""",
    "italian language": """italy, rome, milan, naples, venice, turin, bologna, sicily""",
    "portuguese language": """portugal, lisbon, porto, brazil, rio""",
    "mandarin language": """beijing, shanghai, shenzhen, taiwan, taipei""",
    "cantonese language": """guangzhou, macau""",
    "japanese language": """japan, tokyo, osaka, kyoto""",
    "dutch language": """netherlands, amsterdam, rotterdam, utrecht, hague""",
    "polish language": """poland, warsaw, krakow, gdansk, wroclaw""",
    "greek language": """greece, athens, thessaloniki, crete""",
    "turkish language": """istanbul, ankara""",
    "korean language": """korea, seoul, busan""",
    "arabic language": """dubai, cairo, egypt, morocco, amman, riyadh, beirut""",
}
"""The places whose name says which language a newcomer will need (one word each)."""

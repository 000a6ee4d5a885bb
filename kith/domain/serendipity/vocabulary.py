"""The wider vocabulary of what people in churches, associations, friend circles and
social networks need and offer, beside ``lexicon``'s first concepts.

Written by going through a life rather than through any test set: the life events
(births, weddings, deaths), care (for children, the old, the ill), money and paperwork,
the trades of a house, skills and hobbies, tech, languages, getting around, housing,
work, health, the law, creative work and events. Each concept lists both the problem as
people put it ("the headstone", "my eyesight") and the trade or skill that answers it
("stonemason", "optician"), so a need and an offer meet even when they share no word.

Things a person would not swap stay separate concepts (an optician is not a dentist,
Spanish is not French, a piano tuner is not a piano teacher: both are ``piano``, but a
tuner is also ``instrument repair``); words with several meanings go to ``SENSES``
("painting" walls or a watercolour, "coach" a career or a bus, "organ" in a church or a
donor card), decided by the words around them.
"""

from __future__ import annotations

CONCEPTS: dict[str, str] = {
    # life events -----------------------------------------------------------------------
    "funeral": """funeral, funerals, funeral director, funeral directors, funeral home, funeral
        service, funeral arrangements, undertaker, undertakers, mortician, cremation,
        crematorium, burial, buried, burial plot, coffin, casket, hearse, wake, memorial,
        memorial service, celebration of life, order of service, eulogy, obituary, death
        notice, passed away, passed on, has died, just died, died last, died suddenly, death in
        the family, register a death, registering the death, death certificate, ashes, scatter
        the ashes, scattering ashes""",
    "headstone": """headstone, headstones, gravestone, grave stone, memorial stone, stonemason,
        stone mason, monumental mason, engraving, inscription, grave, graves, tend the grave""",
    "bereavement": """grief, grieving, bereaved, bereavement, bereavement support, bereavement
        group, widow, widowed, widower, lost my husband, lost my wife, lost my mum, lost my
        dad, lost my mother, lost my father, lost my son, lost my daughter, lost our baby,
        miscarriage, stillbirth, loss of a child, grief counsellor, grief counselling, cruse,
        first christmas without""",
    "wedding": """getting married, get married, wedding planner, wedding planning, bridesmaid,
        bridesmaids, best man, maid of honour, fiance, fiancee, fiancé, fiancée, newlyweds,
        elope, eloping, vow renewal, renew our vows, wedding day, the big day, nuptials,
        wedding dress, wedding suit, bridal, bridal wear""",
    "stationery": """invitations, invitation, wedding invitations, save the date, save the dates,
        place cards, calligraphy, calligrapher, hand lettering, stationery, order of service
        cards""",
    "party": """kids party, children's party, birthday party, surprise party, street party, garden
        party, housewarming, house warming, graduation party, retirement party, bar mitzvah,
        bat mitzvah, quinceanera, sweet sixteen, 18th, 21st, 70th, 80th, 90th, 100th, golden
        anniversary, silver anniversary, ruby anniversary""",
    "entertainer": """entertainer, entertainers, children's entertainer, kids entertainer,
        magician, magic show, clown, face painter, face painting, balloon modelling, puppet
        show, punch and judy, bouncy castle, party games, storyteller""",
    "party hire": """cake stand, cake stands, marquee, marquees, gazebo, gazebos, trestle tables,
        folding tables, folding chairs, chair hire, table hire, tea urn, urn, bunting, balloon
        arch, decorations, fairy lights, photo booth, chocolate fountain, hire equipment""",
    "new baby": """baby due, due in, due date, having a baby, our first baby, first baby, expecting
        a baby, maternity, maternity leave, paternity leave, antenatal, ante-natal, prenatal,
        postnatal, post-natal, nct, birth plan, labour, c-section, pram, prams, buggy,
        pushchair, stroller, cot, crib, moses basket, car seat, nappies, diapers, baby gear,
        hand-me-downs, sleepless nights, colic, weaning""",
    "retirement": """retiring next, about to retire, just retired, newly retired, after retiring,
        retirement plans, what to do in retirement""",
    "religion": """baptism, baptised, christening, confirmation, first communion, church wedding,
        vicar, minister, chaplain, rabbi, imam, deacon, parish priest, bible study, prayer
        group, prayer, pray for, sunday school, worship, hymns, hymn, choir practice, mass,
        ramadan, iftar, eid, diwali, passover, youth group""",
    # care ----------------------------------------------------------------------------
    "eldercare": """older people, old people, elderly parent, elderly parents,
        elderly relative, elderly neighbour, ageing parents, aging parents, my mum is 8, my dad
        is 8, nursing home, care homes, residential care, assisted living, sheltered housing,
        care package, care assessment, home carer, live-in carer, care worker, carer's
        allowance, attendance allowance, alzheimer's, alzheimers, memory loss, forgetful,
        wandering at night, keeps falling, had a fall, falls, frail, meals on wheels, day
        centre, lunch club, respite care""",
    "carer support": """caring for, looking after my mum, looking after my dad, looking after my
        husband, looking after my wife, full-time carer, unpaid carer, young carer, carers
        group, carers support, support group for carers, exhausted from caring, a break from
        caring, sitting service""",
    "disability": """wheelchair, wheelchair user, wheelchairs, disabled, disability, disabilities,
        accessible, accessibility, step-free, blue badge, mobility scooter, mobility aids,
        hoist, ramp, ramps, adapted, adaptations, learning disability, visually impaired,
        blind, partially sighted, guide dog""",
    "meals": """meal train, cook meals, cooked meals, hot meal, hot meals, batch cook, batch
        cooking, casserole, casseroles, frozen meals, meals for, bring meals, home-cooked, home
        cooked, cook for her, cook for him, soup, dinners for""",
    "serious illness": """cancer, chemo, chemotherapy, radiotherapy, oncology, oncologist, tumour,
        tumor, diagnosis, diagnosed with, terminal, terminally ill, palliative, hospice,
        macmillan, stroke, heart attack, multiple sclerosis, parkinson's, parkinsons, motor
        neurone, long covid, chronic illness, chronic pain, fibromyalgia, me/cfs, transplant""",
    # health --------------------------------------------------------------------------
    "medical": """paediatrician, pediatrician, paediatrics, pediatrics, family doctor, register
        with a gp, gp surgery, doctors surgery, practice nurse, district nurse, health visitor,
        health visitors, consultant surgeon, a&e, urgent care, blood test, blood tests, blood
        pressure, vaccination, vaccinations, vaccine, jab, jabs, prescription, prescriptions,
        medication, medicine, medicines, nhs, physician, internist, rash, symptoms, second
        opinion, menopause, hrt, fertility, ivf, allergy, allergies, asthma, eczema""",
    "eyes": """optician, opticians, optometrist, ophthalmologist, eye test, eye tests, eye exam,
        eyesight, glasses, spectacles, contact lenses, reading glasses, cataract, cataracts,
        glaucoma, squint, can't see the board, blurry vision, eye sight,
        read the board, see the board, squinting, squint at""",
    "hearing": """audiologist, audiology, hearing test, hearing tests, hearing aid, hearing aids,
        hard of hearing, hearing loss, going deaf, tinnitus, ear wax, earwax, can't hear,
        turning the telly up, turning the tv up""",
    "pharmacy": """pharmacist, pharmacy, chemist, dispensary, repeat prescription, pick up
        prescriptions, collect prescriptions, medicines delivery""",
    "feet": """podiatrist, podiatry, chiropodist, chiropody, feet, foot, toenail, toenails, bunion,
        bunions, ingrown, verruca, heel pain, plantar""",
    "speech therapy": """speech therapist, speech and language, speech and language therapist,
        salt, stammer, stammering, stutter, stuttering, lisp, late talker, not talking yet,
        speech delay""",
    "addiction": """addiction, addicted, alcoholic, alcoholism, drinking too much, drinking
        problem, sober, sobriety, recovery group, aa meeting, alcoholics anonymous, narcotics
        anonymous, gambling, gambler, gambling problem, relapse, rehab centre""",
    "therapy": """mental health, panic attacks, panic attack, ocd, ptsd, trauma, traumatic, eating
        disorder, self-harm, suicidal, feeling down, feel down, overwhelmed, talking therapy,
        talking therapies, cbt, psychotherapist, psychotherapy, psychiatrist, counselling
        service, listening ear, someone to talk to, need to talk, talk to someone, wellbeing,
        well-being, mindfulness, meditation, postnatal depression""",
    "first aid": """first aid, first aider, first aiders, cpr, defibrillator, defib, aed,
        resuscitation, first aid course, first aid training, st john ambulance, red cross""",
    "fitness": """weight loss, lose weight, losing weight, get in shape, getting in shape, out of
        shape, keep fit, exercise class, exercise classes, bootcamp, boot camp, circuits class,
        aerobics, zumba, spin class, spinning class, strength and conditioning, kettlebell,
        weights, weightlifting, personal training, pt sessions, gym buddy, workout buddy, tai
        chi, chair yoga""",
    "physio": """sciatica, tennis elbow, frozen shoulder, whiplash, pulled muscle, torn, ligament,
        acl, rotator cuff, hamstring, sore back, stiff neck, posture, physio exercises, sports
        therapist, osteopathy, chiropractic""",
    "dentist": """dentistry, dental practice, dental surgery, orthodontist, braces, brace, filling,
        crown, root canal, wisdom tooth, wisdom teeth, gums, bleeding gums, cracked a tooth,
        hygienist, dental hygienist, nhs dentist""",
    "hair": """hairdressing, hairstylist, hair stylist, haircuts, trim, blow dry, colour my hair,
        highlights, braids, locs, barbers, beard, beard trim, make-up artists, bridal make-up,
        bridal hair, nails, manicure, nail technician, beautician, beauty therapist""",
    # money and paperwork ------------------------------------------------------------
    "benefits": """benefits, benefit claim, claim benefits, claiming benefits, universal credit,
        pip, pip claim, personal independence payment, dla, esa, jobseeker's, jobseekers
        allowance, housing benefit, council tax reduction, council tax support, tax credits,
        pension credit, welfare rights, welfare benefits, benefits adviser, benefits advice,
        benefit appeal, mandatory reconsideration, dwp, food stamps, snap benefits, medicaid,
        social security""",
    "debt": """overdraft, overdrawn, loan, loans, payday loan, payday loans, loan shark, owe,
        owing, in debt, debt advice, debt adviser, debt advisor, debt charity, stepchange, iva,
        bankruptcy, bankrupt, repayments, repayment plan, final demand, red letters, bills
        piling up, can't pay the bills, cost of living, money advice, money adviser, money
        mentor, budget coach, budgeting help, money management, credit score, credit rating,
        ccj, county court judgment""",
    "accounting": """hmrc, irs, taxman, tax man, sole trader, sole-trader, self-employed tax,
        self employed, expenses, receipts, tax deadline, tax bill, tax code, tax refund, tax
        filing, file my taxes, file taxes, tax season, tax preparer, tax prep, cpa, enrolled
        agent, chartered accountant, accounting software, quickbooks, xero, sage, year-end
        accounts, annual accounts, company accounts, books in order, cash flow, cashflow, p&l,
        profit and loss, balance sheet, 1099, w-2, w2""",
    "financial advice": """financial planner, financial planning, ifa, independent financial
        adviser, fee-only, isa, isas, 401k, 401(k), ira, roth, annuity, annuities, index fund,
        index funds, shares, stocks, stocks and shares, investment portfolio, investing for
        beginners, start investing, invest my savings, where to put my savings, workplace
        pension, old pensions, pension pot, can i afford to retire, inheritance, inheritance
        tax, estate planning, trust fund""",
    "buy home": """first-time buyer, first-time buyers, first time buyer, first time buyers,
        mortgage broker, mortgage adviser, mortgage advisor, remortgage, remortgaging, deposit
        for a house, house deposit, help to buy, shared ownership, conveyancer, home survey,
        house survey, buying our first, buy our first, sell our house, selling our house,
        selling the house, valuation, offer accepted, gazumped, home inspection, home
        inspector, closing costs, escrow""",
    "insurance": """insurance claim, claim on the insurance, premium, premiums, home insurance, car
        insurance, contents insurance, travel insurance, life insurance, life cover, health
        insurance, insured, underwriter, loss adjuster, excess""",
    "paperwork": """paperwork, forms, form filling, fill in the form, filling in forms, official
        letters, letters from the council, council letter, write a letter, letter of complaint,
        complaint letter, appeal letter, appeal a decision, admin, life admin, bureaucracy,
        applications forms, online forms, government website, passport renewal, renew my
        passport, driving licence renewal, dvla, council tax, register to vote, birth
        certificate, marriage certificate""",
    "scam": """scam, scams, scammed, scammer, scammers, fraud, fraudster, fraudulent, got conned,
        been conned, was conned, were conned, conned out, con artist, rogue trader,
        rogue traders, phishing, fake text, fake email, cold callers, cold caller,
        doorstep seller, identity theft""",
    "banking": """bank account, open a bank account, basic bank account, current account, savings
        account, credit union, online banking, banking app, direct debit, standing order""",
    # trades and the home -------------------------------------------------------------
    "flooring": """flooring, floor fitter, floor fitters, carpet fitter, carpet fitting, fit a
        carpet, new carpet, carpets, laminate, laminate flooring, vinyl, lino, engineered wood,
        floorboards, floor boards, sanding floors, floor sanding, squeaky floor, creaky
        floorboards, parquet""",
    "tiling": """tiler, tilers, tiling, tiles, tile, retile, re-tile, grout, grouting, regrout,
        splashback, wall tiles, floor tiles, cracked tile""",
    "damp": """damp, damp proofing, damp-proofing, rising damp, mould, mold, mouldy, moldy, black
        mould, condensation, damp specialist, dehumidifier, musty smell, wet rot, dry rot""",
    "fencing": """fence, fences, fencing, fence panel, fence panels, fence post, fence posts,
        fencer, garden gate, gate, gates, trellis""",
    "paving": """patio, patios, paving, paver, pavers, block paving, driveway, driveways,
        resurface, tarmac, slabs, paving slabs, decking boards, path laying""",
    "tree surgery": """tree surgeon, tree surgeons, tree surgery, arborist, arborists, tree
        felling, fell a tree, cut down a tree, tree removal, stump, stump grinding, overhanging
        branches, branches, conifer, conifers, leylandii, tree work""",
    "chimney": """chimney, chimneys, chimney sweep, sweep the chimney, log burner, log burners,
        wood burner, wood burning stove, woodburner, stove fitter, stove installer, fireplace,
        flue, hetas""",
    "metalwork": """welder, welding, weld, metalwork, metalworker, blacksmith, wrought iron,
        railings, fabricator, metal fabrication""",
    "aerial": """aerial, tv aerial, satellite dish, sky dish, freeview, tv signal, mount a tv,
        mount the tv, wall-mount the tv, wall mount a tv, tv mounting, tv bracket""",
    "home security": """burglar alarm, burglar alarms, house alarm, alarm system, cctv, security
        camera, security cameras, doorbell camera, video doorbell, ring doorbell, security
        lights, burgled, break-in, broke in, window locks""",
    "rubbish": """rubbish removal, rubbish clearance, junk removal, waste removal, skip, skip hire,
        tip run, dump run, trip to the tip, take to the tip, bulky waste, fly-tipping, fly
        tipping, garden waste, get rid of an old, old mattress""",
    "cleaning": """carpet cleaning, upholstery cleaning, window cleaner, window cleaning, gutter
        clearing, oven cleaning, jet wash, pressure wash, power wash, spring clean, hoarder,
        hoarding, clean the house, house cleaning, domestic cleaner""",
    "appliance": """tumble dryer, dryer, cooker, hob, microwave, boiler repair man, washer dryer,
        white goods, appliance repair, fridge freezer, ice maker""",
    "repair": """repair cafe, repair café, fix it, fixing, mend, mending, darn, darning, broken
        lamp, broken toaster, repair shop, tinkerer, fix anything""",
    "instrument repair": """piano tuner, piano tuning, tune the piano, tuned, tuning, luthier,
        guitar repair, guitar setup, set up my guitar, restring, restringing, violin repair,
        instrument repair, bow rehair, sticking keys""",
    "shoe repair": """cobbler, shoe repair, shoe repairs, resole, re-sole, heels replaced, key
        cutting, watch repair, watch battery, watchmaker, jeweller, jewellery repair, ring
        resizing, resize a ring""",
    "upholstery": """reupholster, re-upholster, reupholstering, loose covers, cushion covers, sofa
        covers, chair seats, recane, re-cane""",
    "furniture restoration": """french polishing, french polisher, restore furniture, restoring
        furniture, furniture restoration, antique restoration, refinish, refinishing, strip and
        wax, water ring, scratched table""",
    "garden": """vegetable patch, veg patch, grow vegetables, growing vegetables, grow my own,
        seedlings, seeds, greenhouse, raised beds, raised bed, lawn care, lawnmower repair,
        strimming, garden design, garden designer, horticulture, horticultural, rhs, green
        fingers, community garden, window boxes, houseplants""",
    # skills, hobbies and creative work -----------------------------------------------
    "art": """artist, artists, art class, art classes, art lessons, watercolour, watercolours,
        watercolor, oil painting, oils, acrylic, acrylics, canvas, canvases, easel, sketching,
        sketch, drawing, drawings, draw, life drawing, portrait painter, still life,
        printmaking, linocut, screen printing, gallery, exhibition, exhibit my work, art
        teacher, art therapy, mural, murals""",
    "crafts": """crafts, craft, crafting, crafter, crafty, knitting, knit, knitter, crochet,
        crocheting, yarn, wool, quilting, quilt, quilts, embroidery, cross-stitch, cross
        stitch, needlework, needlepoint, macrame, felting, scrapbooking, card making, jewellery
        making, beading, candle making, soap making, craft fair, craft fairs, craft group""",
    "pottery": """pottery, potter, potters, ceramics, ceramicist, clay, kiln, throwing pots, glaze,
        glazing pots, pottery wheel""",
    "woodcraft": """woodturning, wood turning, wood carving, woodcarving, whittling, spoon carving,
        lathe""",
    "sewing": """sewing machine, sew, sewing, sewist, dressmaking, dressmaker, hem, hemming, take
        in a dress, take up trousers, alterations, seamstress, tailor, tailoring, patch,
        patches, pattern cutting, costume making, zip replaced""",
    "photography": """camera club, photo club, dslr, mirrorless, lightroom, photoshop editing,
        photo editing, family photos, event photographer, wedding photographer, product photos,
        product photography, take pictures""",
    "video": """animation, animator, animate, motion graphics, explainer video, promotional video,
        promo video, short film, documentary, film crew, camera operator, edit a video, vlog,
        vlogging, reels""",
    "writing": """memoir, autobiography, life story, biography, poetry, poem, poems, poet, short
        story, short stories, creative writing, writing group, writers group, writing class,
        ghostwriting, speechwriter, speech writing, press article, newsletter writing,
        self-publish, self-publishing, publish my book, literary agent, children's book,
        screenplay, script, scriptwriter""",
    "books": """book club, book group, reading group, book swap, library books, reading circle,
        bookworm, read more""",
    "history": """local history, history society, historian, archive, archives, archivist, old
        photographs, heritage, historical, museum, curator, oral history, history of the
        village, history of our church""",
    "genealogy": """ancestors, ancestor, family historian, dna test, ancestry.com, findmypast,
        great-grandfather, great grandfather, great-grandmother, roots""",
    "music": """music lessons, music teacher, music tutor, read music, sheet music, music theory,
        grade 5, grade 8, abrsm, learn an instrument, instrument lessons, busking, busker, open
        mic, jam session, jamming, cover band, brass band, folk band, ceilidh, ceilidh band,
        wedding band, string quartet, accompanist, accompaniment, harp, harpist, accordion,
        banjo, mandolin, bagpipes, harmonica, church organist, organist, play the organ""",
    "singing": """songs, song, sing in a choir, community choir, gospel choir, barbershop, a
        cappella, singing lessons, singing teacher, learn to sing, karaoke, singer-songwriter""",
    "guitar": """guitar repair, guitar setup, acoustic guitar, electric guitar, classical guitar,
        bass player, bassist, guitar lessons, guitar teacher, chords, strumming, fingerpicking""",
    "piano": """piano tuner, piano tuning, tune the piano, pianos, piano lessons, piano teacher,
        keyboard lessons, upright piano, grand piano, digital piano""",
    "violin": """violin repair, bow rehair""",
    "tools": """band saw, bandsaw, circular saw, jigsaw saw, mitre saw, chainsaw, sander,
        workbench, tool library""",
    "drums": """drum kit, drumkit, drum lessons, cajon, djembe, samba band""",
    "dance": """dance teacher, dance lessons, first dance, wedding dance, ballet, tap class, street
        dance, hip hop dance, contemporary dance, swing dance, lindy hop, ceilidh dancing, folk
        dancing, zumba class, dancer, dancers""",
    "theatre": """drama, drama group, drama club, drama class, acting, actor, actors, actress,
        audition, auditions, rehearsals, pantomime, panto, improv, improvisation, stand-up,
        stand up comedy, comedian, director for our play, stage manager, backstage, set
        building, costume, costumes, props""",
    "games": """board games, board game, board game night, games night, card games, bridge club,
        play bridge, dungeons and dragons, d&d, tabletop, roleplaying, role-playing, warhammer,
        wargaming, jigsaw, jigsaws, crossword, crosswords, pub quiz, quiz night, quiz team,
        scrabble, mahjong, video games, gaming""",
    "chess": """chess set, chess player, chess coach, chess lessons, play chess""",
    "cooking lessons": """baking lessons, bread making, breadmaking, sourdough, pastry, knife
        skills, cookery class, cookery classes, cookery school, cooking class, cooking classes,
        recipes, recipe, preserving, jam making, pickling""",
    "birdwatching": """birdwatching, bird watching, birding, birder, birders, twitcher, binoculars,
        bird identification, rspb, owls, birdsong""",
    "fishing": """fishing, angling, angler, anglers, fly fishing, fly-fishing, sea fishing, coarse
        fishing, fishing rod, fishing tackle, tackle, bait, fishing licence""",
    "sailing": """sailing, sail, sailor, dinghy, yacht, yachting, crew for, boat, boats, rowing,
        rower, kayak, kayaking, canoe, canoeing, paddleboard, paddleboarding, paddle board,
        sup, sea swimming, wild swimming, open water""",
    "martial arts": """martial arts, martial art, karate, judo, taekwondo, tae kwon do, jiu-jitsu,
        jiu jitsu, bjj, kickboxing, boxing, boxer, self-defence, self defence, self-defense,
        self defense, kung fu, aikido, muay thai, mma""",
    "riding": """horse, horses, horse riding, horseback, riding lessons, riding school, pony,
        ponies, equestrian, stables, livery, groom for, mucking out, saddle""",
    "skiing": """skiing, ski, skis, ski trip, snowboard, snowboarding, ski lessons, ski instructor,
        slopes""",
    "cycling": """cycling club, cycle club, road cycling, road bike, mountain bike, mountain
        biking, sportive, bike ride, group ride, cycle to work, cycle training, learn to ride a
        bike, bikeability, cycle routes""",
    "bike": """bike mechanic, bike service, bike shop, gears, chain, inner tube, brakes on my bike,
        wheel truing""",
    "sport": """coach our team, referee, umpire, five a side, netball, lacrosse, rounders,
        softball, baseball, american football, table tennis, ping pong, pickleball, bowls, lawn
        bowls, bowling, darts, snooker, pool table, archery, fencing club, gymnastics,
        athletics club, parkrun, sports coach, sports club, team mates, teammates, join a team,
        play for""",
    "running": """running buddy, running partner, run club, running group, jogging, jogger, trail
        running, ultra, ultramarathon""",
    "swimming": """water confidence, swimming lessons, swim teacher, lifeguard, swimming club,
        lengths, front crawl, breaststroke, afraid of water, scared of water""",
    "hiking": """walking boots, rambling, rambler, long walks, countryside walks, walking club,
        walking buddy, nordic walking, munros, peaks, hill walks, trek, camping, camp, wild
        camping, tent, tents, backpacking, bushcraft, duke of edinburgh""",
    "astronomy": """stargazing, star gazing, observatory, astronomer, astrophotography""",
    # tech ---------------------------------------------------------------------------
    "digital skills": """smartphone help, use my phone, using my phone, how to use, video call,
        video calls, facetime, zoom call, whatsapp, send an email, set up an email, email
        account, online shopping, digital skills, digital help, tech help for, tech for
        seniors, not good with computers, not very techy, not techy, technophobe, get online,
        getting online, online safety, password, passwords, apple id, icloud, google account""",
    "it support": """printer won't, won't connect, won't turn on, blue screen, crashed, keeps
        crashing, frozen screen, reinstall, reinstall windows, windows update, upgrade my
        laptop, new laptop set up, set up a computer, build a pc, pc build, gaming pc, ram,
        ssd, cracked screen, screen repair, iphone repair, phone screen, data transfer,
        transfer photos, back up my photos, old hard drive, nas""",
    "electronics": """electronics, electronic, arduino, raspberry pi, soldering, solder, circuit
        board, pcb, sensors, microcontroller, maker space, makerspace, hackspace, hackerspace,
        3d printer, 3d printing, 3d print, laser cutter""",
    "smart home": """smart home, home automation, smart lights, smart thermostat, hive thermostat,
        nest thermostat, alexa, google home, smart plug, smart plugs, home assistant, smart
        speaker""",
    "software": """software developer, mobile developer, app developer, web app, application,
        coding help, debug, debugging, bug, bugs, github, git, open source, open-source,
        programming language, scripting, automate, automation, script to, no-code, low-code,
        bubble, airtable, zapier, crm, salesforce, hubspot, erp, product manager, product
        management, pm, roadmap, b2b saas, tech startup, chatbot, llm, gpt, integration,
        integrations""",
    "data": """data entry, data cleaning, visualisation, visualization, charts, survey results,
        survey analysis, r, stata, spss, forecasting, predictive, kpi, kpis, reporting,
        reports, google sheets, pivot table, pivot tables, vlookup, formulas, macros, vba""",
    "web": """web designer, website builder, site builder, update our website, our website, new
        website, website for, domain, seo for, google business profile, online booking, booking
        system, booking page""",
    "security": """cyber attack, ransomware, data breach, breach, hacker, hackers, security audit,
        password manager, secure our, antivirus software, firewall, penetration testing, pen
        test, ethical hacker""",
    # languages (each its own concept: Spanish is not French) -------------------------
    "language": """language partner, language partners, languages, bilingual, mother tongue, second
        language, foreign language, learn a language, learning a language, conversation
        partner, conversation group, tandem, language lessons, language teacher, language
        tutor, linguist, speak a little""",
    "spanish language": """spanish, español, espanol, castilian, spanish-speaking, hispanic""",
    "french language": """french, français, francais, francophone, french-speaking""",
    "german language": """german, deutsch, german-speaking""",
    "italian language": """italian, italiano""",
    "portuguese language": """portuguese, português, brazilian portuguese""",
    "mandarin language": """mandarin, chinese, putonghua, pinyin""",
    "japanese language": """japanese, nihongo, hiragana, katakana, kanji""",
    "arabic language": """arabic, arabic-speaking""",
    "polish language": """polish speaker, speak polish, polish lessons, learn polish, in polish,
        polish
        translation, polish-speaking, polski""",
    "russian language": """russian, russian-speaking""",
    "ukrainian language": """ukrainian, ukrainian-speaking""",
    "dutch language": """dutch, flemish, nederlands""",
    "korean language": """korean, hangul""",
    "hindi language": """hindi, hindustani""",
    "turkish language": """turkish""",
    "greek language": """greek, modern greek""",
    "welsh language": """welsh, cymraeg""",
    "cornish language": """kernewek, cornish language, speak cornish, learn cornish,
        learning cornish, cornish lessons, cornish classes, cornish speakers""",
    "irish language": """irish gaelic, gaeilge, scottish gaelic, gaelic""",
    "romanian language": """romanian""",
    "swahili language": """swahili, kiswahili""",
    "latin language": """latin, ancient greek, classics""",
    "english language": """english, esl, efl, ielts, toefl, english speaking""",
    # transport ----------------------------------------------------------------------
    "lift": """lifts to, give me a lift, give her a lift, give him a lift, drive her to, drive him
        to, drive us to, pick me up, pick her up, pick him up, pick up from, drop off at, drop
        me at, a ride to, rides to, ride share, rideshare, carshare, lift share, lift-share,
        volunteer driver, volunteer drivers, community transport, dial-a-ride, hospital
        transport, transport to, no transport, no car""",
    "van hire": """borrow a van, borrow your van, van for the day, hire a van, van hire, pickup
        truck, pick-up truck, trailer, tow, towing, tow bar""",
    "minibus": """minibus, minibuses, mini bus, coach hire, hire a coach, bus for, group transport,
        school trip transport, seats for a trip""",
    "car": """buy a car, buying a car, sell my car, selling my car, car dealer, second hand car,
        used cars, car loan, electric car, ev, check a car over, look a car over, car history
        check""",
    "parking": """parking space, parking spot, park my car, parking permit, driveway to rent,
        garage to rent, rent my driveway, rent your driveway""",
    "travel": """travel buddy, travel companion, backpack, backpacking around, gap year, interrail,
        road trip, city break, holiday tips, where to stay, airport, flight, flights to, jet
        lag, travel advice""",
    # housing ------------------------------------------------------------------------
    "homeless": """homeless, homelessness, sofa surfing, sofa-surfing, nowhere to stay, nowhere to
        live, nowhere to sleep, sleeping rough, rough sleeping, rough sleeper, night shelter,
        emergency accommodation, temporary accommodation, hostel, shelter, evicted, eviction,
        section 21, kicked out, thrown out, council housing, social housing, housing
        association, housing list, housing officer""",
    "housing": """sublet, sublets, sublease, subletting, house share, room in a house, one-bed, one
        bed, two-bed, two bed, bedsit, studio apartment, apartment for rent, sublet my, short
        let, short-term let, holiday let, airbnb, house swap, home swap, monthly rent, deposit,
        letting agent, letting agents, lettings, property manager, landlords""",
    "house sitting": """house-sit, house-sitter, house-sitting, plant sitting, water my plants,
        feed my cat, feed our cat, keep an eye on the house, check on the house, collect the
        post, while i'm away, while we are away""",
    "storage": """somewhere to keep, keep our stuff, keep my stuff, keep our things, store stuff, a
        car-load, car-load, carload, boxes of stuff, storage, store my, store our, somewhere to
        store, space to store, loft space, garage space, shed space, self storage, lock-up,
        lockup, storage room""",
    "removals": """ship our stuff, ship my stuff, ship our things, ship our belongings, shipping
        our, container shipping, shipping container, international removals, international
        move, removals firm, removal firm, removal company""",
    "tickets": """tickets, ticket, spare tickets, spare ticket, season ticket, season tickets, free
        tickets, box office""",
    "hardship": """can't afford, cannot afford, can't afford one, low-income, low income, on a low
        income, on a budget, money's tight, money is tight, money is short, skint, broke,
        struggling financially, hardship, hard up, no questions asked, free of charge, at no
        cost, donating, donated, families in need, those in need""",
    # work, business, jobs ------------------------------------------------------------
    "job": """job offer, job offers, job ad, job advert, job listing, job listings, vacancies at,
        hiring a, we're hiring, we are hiring, now hiring, looking for staff, need staff, staff
        wanted, help wanted, part-time work, part time work, part-time job, part time job,
        full-time job, full time job, temp work, temping, agency work, shifts, shift work,
        evening work, weekend work, saturday job, summer job, first job, graduate job, graduate
        scheme, career opportunity, headhunter, head hunter, talent acquisition, freelance
        work, freelance gigs, contract work, contract role, side hustle, extra income, earn
        some money, references, reference for, referee for me, refer me, referral""",
    "cv": """update my cv, cv from, cv writing, resume writing, resume review, cv review, job
        application, job applications, application form, applying for jobs, interview nerves,
        interview coaching, competency questions, assessment centre, linkedin""",
    "mentoring": """pick your brain, pick someone's brain, picking your brain, someone who has been
        there, someone who's been there, someone who has done it, someone who's done it, talk
        to someone who, chat with someone who, coffee chat, informational interview, career
        chat, role model, guide me, show me the ropes, learn the ropes, new to the industry,
        early career, early-career, first-time manager, new manager, leadership, leadership
        coaching, executive coach, executive coaching, life coach, life coaching, peer support,
        buddy scheme""",
    "business advice": """grow my business, growing my business, scale my business, scaling,
        pricing, how to price, business mentor, business coach, business coaching, business
        adviser, business advisor, enterprise, entrepreneur, entrepreneurs, small business
        owner, going self-employed, go freelance, going freelance, sole proprietor, register a
        company, set up a company, limited company, ltd company, llc, franchise, pitch deck,
        business strategy""",
    "premises": """office space, desk space, co-working, coworking, shared office, hot desk, hot
        desking, shop space, retail space, premises, commercial kitchen, workshop space, studio
        space, unit to rent, unit to let, pop-up shop, pop up shop""",
    "selling": """market stall, market stalls, stall, stallholder, stockist, stockists, sell my,
        selling my, wholesale, wholesaler, supplier, suppliers, etsy, ebay, vinted, sell
        online, selling online, retail, retailer, shop window, shopkeeper""",
    "delivery": """courier, couriers, delivery driver, deliveries, delivery, deliver, shipping,
        postage, parcels, logistics, fulfilment, fulfillment""",
    "event": """fundraising event, charity event, community event, open day, fete, summer fete,
        christmas fair, christmas market, jumble sale, car boot, bake sale, coffee morning, tea
        party, ceilidh fundraiser, fun run, sponsored walk, quiz fundraiser, raffle, tombola,
        auction, gala dinner, awards night, launch party, networking event, seminar, webinar,
        retreat, away day, team building, event organiser, event organizer, event management,
        event coordinator""",
    "speaker": """guest speaker, after-dinner speaker, talk at our, speak to our, talk to our
        group, motivational speaker, host our, hosting the, master of ceremonies, emcee,
        auctioneer""",
    "volunteer": """volunteer drivers wanted, trustee, trustees, board member, board of trustees,
        committee member, join the committee, dbs check, dbs checked, safeguarding, good cause,
        community group, residents association, residents' association, neighbourhood watch,
        litter pick, litter picking, clean-up day, fundraise, fundraising, donate, donation,
        donations, spare time to give""",
    "youth": """scouts, scout group, cubs, beavers, brownies, guides, rainbows, girl guides, youth
        club, youth worker, youth leader, teenagers, teens, teenager, young people, sixth form,
        cadets, duke of edinburgh award""",
    "refugees": """refugee, refugees, asylum seeker, asylum seekers, newly arrived, resettled,
        resettlement, sponsor a family, homes for ukraine, new to the country, just arrived in
        the country, integration""",
    "food bank": """food donations, food donation, community fridge, community pantry, soup run,
        free food, food parcels, food poverty, feed my family, struggling to feed""",
    "clothes bank": """shoes for, school uniform, school uniforms, uniform swap, coats for, winter
        coats, warm clothes, clothes for, kids clothes, baby clothes to give, clothes swap,
        swap shop""",
    # childcare and education ---------------------------------------------------------
    "childcare": """holiday club, holiday clubs, summer camp, kids camp, playgroup, play group,
        toddler group, parent and toddler, stay and play, after-school club, after school club,
        wraparound care, breakfast club, babysitting swap, nanny share, childcare swap, mind my
        son, mind my daughter, look after my son, look after my daughter, pick up the kids,
        school pick-up, school pickup, creche, crèche, preschool, pre-school, kindergarten""",
    "tutoring": """extra help with, catch up, catching up, falling behind, struggling with maths,
        struggling with reading, struggling at school, times tables, phonics, reading with,
        spelling, handwriting, essay, essays, coursework, dissertation, thesis, entrance exam,
        entrance exams, 11+, eleven plus, sats, act prep, sat prep, ib, ap exams, stem,
        computer science, economics, geography, history homework, english homework, study
        buddy, study skills, exam technique""",
    "school": """ucas, student loan, student finance, university open day, open days, choose a
        university, which university, choosing a course, apply to university, applying to uni,
        sixth form college, school place, school places, school admissions, school appeal,
        secondary school, primary school, transfer to secondary, homeschool, home school, home
        education,
        home-educating, home educating, grad school, graduate school, law school, medical
        school, med school, mba""",
    "special needs": """sen support, send support, iep, 504 plan, neurodivergent, neurodiverse,
        sensory, sensory issues, educational psychologist, learning difficulties, learning
        difficulty, dyspraxia, dyscalculia, tourette's, down syndrome, down's syndrome,
        non-verbal, nonverbal""",
    # legal --------------------------------------------------------------------------
    "legal": """legal advice, legal aid, legal help, law centre, law clinic, pro bono, small
        claims, small claims court, consumer rights, refund refused, faulty goods, neighbour
        dispute, boundary dispute, party wall, parking fine, parking ticket, speeding fine,
        police, arrested, criminal record, criminal defence, magistrates, discrimination,
        harassment, defamation, libel, restraining order, injunction, landlord won't, deposit
        back, deposit dispute, housing disrepair, judge, paralegals, law firm, legal firm,
        notarise, notarize, affidavit, statutory declaration, witness a signature, sign as a
        witness, power of attorney""",
    "wills": """make a will, making a will, update my will, executor, executors, probate help,
        estate of, inheritance dispute, lpa, deputyship, will writer, will writing""",
    "employment law": """fired, dismissed, unfairly dismissed, constructive dismissal, zero hours,
        unpaid wages, not been paid, wages owed, holiday pay, sick pay, maternity rights, acas,
        settlement agreement, workplace bullying, bullied at work, hr advice, hr""",
    "immigration": """visa application, visa sponsorship, sponsorship licence, naturalise,
        naturalisation, naturalization, british citizenship, uscis, brp, euss, settled status,
        pre-settled status, leave to remain, refugee status""",
    "family mediation": """child arrangements, contact with my kids, access to my kids, child
        maintenance, child support, splitting up, split up, breaking up, broke up, marriage
        counselling, couples counselling, relationship counselling, relationship problems""",
    # animals ------------------------------------------------------------------------
    "pets": """rehome, rehoming, rescue dog, rescue cat, adopt a dog, adopt a cat, foster a dog,
        fostering animals, rabbit, rabbits, guinea pig, guinea pigs, hamster, budgie, parrot,
        tortoise, chickens, hens, pet food, dog sitter, dog sitting, dog minding, doggy
        daycare, cattery, kennels, grooming, dog groomer""",
    "vet": """vet nurse, veterinarian, veterinary nurse, jabs for the dog, neuter, spay, flea,
        fleas, worming, sick dog, sick cat, poorly cat, poorly dog""",
}
"""Concepts (or cues for ``lexicon``'s concepts of the same name) beside the first set."""

MORE: dict[str, str] = {
    # more of the house --------------------------------------------------------------
    "kitchen fitting": """kitchen fitter, kitchen fitters, fit a kitchen, new kitchen, kitchen
        units, worktop, worktops, cupboard doors, kitchen cabinets, kitchen refit, bathroom
        fitter, bathroom fitters, new bathroom, bathroom refit""",
    "curtains": """curtains, curtain pole, curtain poles, curtain rail, blinds, roller blind,
        roman blind, shutters, picture hanging, hang pictures, hang a mirror, put up
        shelves""",
    "plumbing": """toilet won't flush, flush, flushing, silicone, sealant, mastic, reseal
        the bath, shower leak, shower head, showerhead, low water pressure, water pressure,
        dripping shower, waste pipe""",
    "electrical": """light switch, light switches, dimmer, dimmer switch, extractor fan,
        ceiling fan, outside light, outdoor socket, spotlights, downlights, pat testing""",
    "building": """crack in the wall, cracks in the wall, cracked wall, subsidence, lintel,
        repointing, pointing, render, rendering, brickwork, bricks, load-bearing wall,
        knock through, knocking through, porch, garage conversion, loft insulation,
        insulation, woodworm""",
    "glazing": """sash window, sash windows, misted window, misted windows, blown window,
        window won't close, window won't open, jammed window, conservatory""",
    "carpentry": """squeaky door, door handle, door handles, hinges, hinge, sticking door,
        garage door, new door, internal doors, loft ladder, stairs repair, banister""",
    # more hobbies -------------------------------------------------------------------
    "models": """model railway, model railways, model trains, model making, model maker,
        scale models, airfix, miniatures, painting miniatures, lego, diorama, model
        aircraft""",
    "motoring": """classic car, classic cars, car restoration, vintage car, motorbike,
        motorbikes, motorcycle, motorcycles, biker, bikers, scooter, moped, car club,
        track day""",
    "outdoors": """foraging, forage, mushrooms, wild food, metal detecting, metal detector,
        geocaching, orienteering, kite flying, drone flying, fly a drone, conservation
        volunteering, nature walk, nature walks, wildlife""",
    "brewing": """home brewing, homebrew, home brew, brew beer, brewing beer, brewing, cider
        making, wine making, winemaking, wine tasting, gin distilling, kombucha""",
    "collecting": """stamp collecting, stamps, philately, coin collecting, coins,
        numismatics, vinyl records, record collection, record collector, antiques,
        collectables, collectibles, memorabilia""",
    "aquarium": """aquarium, fish tank, tropical fish, koi, pond fish, reptile, reptiles,
        snake, lizard, gecko""",
    "radio": """amateur radio, ham radio, radio ham, morse code, radio licence, short wave""",
    "bell ringing": """bell ringing, bellringing, bell ringer, bell ringers, campanology, ring
        the bells, church bells, tower bells""",
    "florist": """flower arranging, flower arrangements, flower arranger, church flowers,
        floristry""",
    "circus": """juggling, juggle, juggler, circus skills, unicycle, stilts, aerial hoop,
        aerial silks, hula hoop""",
    # more health --------------------------------------------------------------------
    "sleep": """insomnia, can't sleep, cannot sleep, sleep problems, sleep problem, sleep
        apnoea, sleep apnea, snoring, sleep clinic, sleep coach, sleep consultant, baby
        won't sleep, sleep training""",
    "headaches": """migraine, migraines, headache, headaches, head pain, neurologist""",
    "skin": """dermatologist, dermatology, skin condition, acne, eczema, psoriasis, rash,
        moles checked, mole check, skin cancer check""",
    "quit smoking": """stop smoking, quit smoking, give up smoking, giving up smoking,
        smoker, smoking, vaping, vape, nicotine, cigarettes""",
    "complementary": """acupuncture, acupuncturist, reflexology, reflexologist, reiki,
        aromatherapy, homeopathy, herbalist, hypnotherapy, hypnotherapist, sound bath""",
    "pelvic health": """pelvic floor, incontinence, women's health physio, postnatal
        physio, prolapse, continence""",
    # more business and money --------------------------------------------------------
    "licensing": """licence, licences, license, licenses, licensing, premises licence,
        alcohol licence, food hygiene, food hygiene rating, food safety, hygiene
        certificate, street trading, trading standards, permit, permits, food truck permit,
        health permit, health inspector, health inspection, environmental health, food
        handler card, food handler's card, commissary, mobile food vendor, mobile food
        vendors, market stall licence, cottage food""",
    "trade": """export, exporting, exporter, import, importing, importer, customs,
        tariffs, overseas customers, international shipping, freight, incoterms""",
    "networking": """introductions to, introduce me, warm introduction, connections in,
        contacts in, someone in the industry, know anyone at, know anyone in, foot in the
        door, networking, network of""",
    "social enterprise": """social enterprise, community interest company, cic, co-op,
        cooperative, co-operative, community business, register a charity, registering a
        charity, charity commission, charitable status, set up a charity, start a
        charity""",
    "sponsorship": """sponsor, sponsors, sponsorship, sponsoring, sponsored by, corporate
        sponsor, local businesses to sponsor, match funding, prizes for, raffle prizes""",
    "tenders": """tender, tenders, tendering, bid for a contract, public sector contract,
        procurement, framework agreement, rfp, request for proposal""",
    "business advice": """advisory board, non-executive, non-exec, ned, board adviser,
        board advisor, consultant, consultancy, consulting, late payment, late payments,
        chasing invoices, unpaid invoices, invoice chasing""",
    # more community -----------------------------------------------------------------
    "errands": """do her shopping, do his shopping, do my shopping, pick up shopping, pick up
        some shopping, collect shopping, groceries, grocery shopping, food shopping,
        errands, run errands, collect her prescription, collect his prescription""",
    "befriending": """housebound, house-bound, can't get out, doesn't get out, hardly goes
        out, on her own, on his own, lives alone, living alone, no family nearby, phone
        call now and then, telephone befriending, a friendly face""",
    "hardship": """warm space, warm spaces, warm hub, warm bank, heating costs, can't afford
        heating, winter fuel, hygiene bank, toiletries, period poverty, baby bank,
        furniture bank, free furniture""",
    "civic": """petition, campaign, campaigning, councillor, local councillor, my mp, write
        to the mp, planning objection, object to the planning, planning application,
        consultation response, residents' meeting, public meeting, speed bumps, traffic
        calming, road safety""",
}
"""A second pass over the same ground (cues for concepts above or in ``lexicon``, and
concepts beside them), merged like ``CONCEPTS``."""

RELATED: dict[tuple[str, str], float] = {
    ("headstone", "funeral"): 0.4,
    ("funeral", "florist"): 0.3,
    ("funeral", "celebrant"): 0.4,
    ("funeral", "catering"): 0.2,
    ("funeral", "wills"): 0.2,
    ("bereavement", "therapy"): 0.5,
    ("wedding", "stationery"): 0.4,
    ("wedding", "photography"): 0.3,
    ("wedding", "hair"): 0.3,
    ("wedding", "dance"): 0.3,
    ("wedding", "music"): 0.3,
    ("wedding", "cake"): 0.4,
    ("stationery", "printing"): 0.5,
    ("stationery", "design"): 0.4,
    ("party", "entertainer"): 0.5,
    ("party", "party hire"): 0.5,
    ("event", "party hire"): 0.4,
    ("venue", "party hire"): 0.3,
    ("party", "cake"): 0.4,
    ("party", "dj"): 0.4,
    ("new baby", "breastfeeding"): 0.4,
    ("retirement", "volunteer"): 0.4,
    ("retirement", "financial advice"): 0.3,
    ("eldercare", "carer support"): 0.6,
    ("eldercare", "befriending"): 0.4,
    ("eldercare", "disability"): 0.3,
    ("disability", "mobility"): 0.5,
    ("meals", "catering"): 0.4,
    ("meals", "food bank"): 0.3,
    ("serious illness", "medical"): 0.4,
    ("serious illness", "lift"): 0.3,
    ("serious illness", "meals"): 0.3,
    ("eyes", "medical"): 0.2,
    ("hearing", "medical"): 0.2,
    ("hearing", "sign language"): 0.3,
    ("pharmacy", "medical"): 0.4,
    ("feet", "medical"): 0.2,
    ("speech therapy", "special needs"): 0.4,
    ("addiction", "therapy"): 0.5,
    ("benefits", "debt"): 0.5,
    ("benefits", "paperwork"): 0.4,
    ("benefits", "disability"): 0.3,
    ("debt", "banking"): 0.3,
    ("paperwork", "legal"): 0.2,
    ("paperwork", "immigration"): 0.2,
    ("scam", "security"): 0.5,
    ("scam", "digital skills"): 0.3,
    ("buy home", "financial advice"): 0.3,
    ("flooring", "carpentry"): 0.3,
    ("tiling", "building"): 0.3,
    ("tiling", "plumbing"): 0.2,
    ("damp", "building"): 0.4,
    ("damp", "roofing"): 0.3,
    ("fencing", "garden"): 0.3,
    ("paving", "garden"): 0.3,
    ("paving", "building"): 0.3,
    ("tree surgery", "garden"): 0.4,
    ("chimney", "heating"): 0.3,
    ("aerial", "electrical"): 0.2,
    ("home security", "electrical"): 0.3,
    ("home security", "locksmith"): 0.4,
    ("rubbish", "declutter"): 0.5,
    ("rubbish", "removals"): 0.4,
    ("repair", "handyman"): 0.4,
    ("repair", "appliance"): 0.3,
    ("instrument repair", "piano"): 0.5,
    ("instrument repair", "guitar"): 0.5,
    ("instrument repair", "violin"): 0.5,
    ("furniture restoration", "furniture"): 0.5,
    ("furniture restoration", "upholstery"): 0.4,
    ("sewing", "clothes"): 0.6,
    ("crafts", "sewing"): 0.3,
    ("art", "design"): 0.3,
    ("books", "writing"): 0.3,
    ("history", "genealogy"): 0.5,
    ("history", "books"): 0.2,
    ("woodcraft", "carpentry"): 0.4,
    ("cycling", "bike"): 0.5,
    ("digital skills", "it support"): 0.6,
    ("digital skills", "laptop"): 0.3,
    ("electronics", "software"): 0.3,
    ("electronics", "electrical"): 0.2,
    ("smart home", "electrical"): 0.3,
    ("smart home", "it support"): 0.4,
    ("van hire", "removals"): 0.6,
    ("minibus", "lift"): 0.3,
    ("parking", "storage"): 0.2,
    ("storage", "removals"): 0.4,
    ("homeless", "housing"): 0.5,
    ("homeless", "room to rent"): 0.4,
    ("homeless", "legal"): 0.2,
    ("premises", "venue"): 0.3,
    ("premises", "startup"): 0.2,
    ("selling", "marketing"): 0.3,
    ("selling", "business advice"): 0.3,
    ("delivery", "removals"): 0.3,
    ("youth", "volunteer"): 0.3,
    ("youth", "mentoring"): 0.3,
    ("refugees", "english lessons"): 0.5,
    ("refugees", "immigration"): 0.4,
    ("refugees", "volunteer"): 0.3,
    ("clothes bank", "clothes"): 0.3,
    ("food bank", "meals"): 0.3,
    ("first aid", "medical"): 0.3,
    ("fishing", "sailing"): 0.2,
    ("martial arts", "fitness"): 0.3,
    ("riding", "pets"): 0.2,
    ("games", "chess"): 0.4,
    ("language", "english lessons"): 0.4,
    ("english language", "english lessons"): 0.7,
    ("parking", "car"): 0.2,
    ("hardship", "food bank"): 0.4,
    ("hardship", "clothes bank"): 0.4,
    ("hardship", "debt"): 0.3,
    ("hardship", "benefits"): 0.3,
    ("hardship", "laptop"): 0.2,
    ("tickets", "music"): 0.2,
    ("kitchen fitting", "carpentry"): 0.4,
    ("kitchen fitting", "plumbing"): 0.3,
    ("curtains", "handyman"): 0.4,
    ("curtains", "sewing"): 0.3,
    ("models", "crafts"): 0.3,
    ("motoring", "mechanic"): 0.4,
    ("outdoors", "hiking"): 0.3,
    ("aquarium", "pets"): 0.4,
    ("radio", "electronics"): 0.3,
    ("bell ringing", "religion"): 0.3,
    ("circus", "entertainer"): 0.4,
    ("sleep", "new baby"): 0.2,
    ("sleep", "therapy"): 0.2,
    ("headaches", "medical"): 0.3,
    ("skin", "medical"): 0.3,
    ("quit smoking", "addiction"): 0.4,
    ("quit smoking", "medical"): 0.2,
    ("complementary", "massage"): 0.4,
    ("pelvic health", "physio"): 0.5,
    ("pelvic health", "new baby"): 0.2,
    ("licensing", "legal"): 0.4,
    ("licensing", "catering"): 0.2,
    ("trade", "delivery"): 0.3,
    ("trade", "business advice"): 0.3,
    ("networking", "job"): 0.3,
    ("networking", "mentoring"): 0.3,
    ("social enterprise", "legal"): 0.3,
    ("social enterprise", "business advice"): 0.4,
    ("social enterprise", "grant"): 0.3,
    ("sponsorship", "event"): 0.3,
    ("sponsorship", "crowdfunding"): 0.3,
    ("tenders", "grant"): 0.4,
    ("tenders", "business advice"): 0.3,
    ("errands", "befriending"): 0.4,
    ("errands", "eldercare"): 0.3,
    ("errands", "lift"): 0.3,
    ("civic", "volunteer"): 0.2,
    ("civic", "architecture"): 0.2,
}
"""Links between the concepts here and those of ``lexicon`` (see ``lexicon.RELATED``);
each language relates to ``language`` by ``LANGUAGE_LINK`` (set in ``lexicon``)."""

_JUNIOR_SPORT = ("team teams side squad league coach coaching training football rugby "
                 "cricket hockey netball tennis basketball badminton swimming athletics "
                 "match matches pitch fixtures kit players")
"""The neighbours that make "junior(s)" a sports team rather than a grade."""

_SPLIT = ("husband wife partner marriage married divorce divorcing kids children custody "
          "split ex mediation maintenance")
"""The neighbours that make "separate(d)" and "separation" a couple's parting."""

SENSES: dict[str, tuple[tuple[str, str], ...]] = {
    # read back as reasons by the seventh review (fresh27, fresh28): cricket nets are no
    # .NET, a separate entrance no separation, a rail replacement bus no Rails, drivers
    # wanted by a haulier no lift to hospital
    "net": (("software", "developer developers c# asp azure framework code coding "
                         "programmer programming visual studio core backend"),),
    "separate": (("family mediation", _SPLIT),),
    "separation": (("family mediation", _SPLIT), ("pet behaviour", "dog dogs puppy cat "
                                                                   "anxiety barking")),
    "rail": (("software", "ruby developer developers code coding web app backend"),
             ("mobility", "grab stairs stair bathroom toilet shower bath mum dad elderly "
                          "handrail banister fall falls"),
             ("metalwork", "weld welding welder railings gate gates fence iron steel "
                           "balcony"),
             ("curtains", "curtain curtains blinds pole")),
    "driver": (("lift", "volunteer volunteers hospital appointment appointments ride rides "
                        "lift lifts elderly transport dialysis chemo surgery driving drive "
                        "collections cause"),
               ("driving lessons", "learner lesson lessons instructor test"),
               ("delivery", "courier parcel parcels deliveries van")),
    "painting": (("decorating", "wall walls house room ceiling fence skirting exterior "
                                "interior decorator decorate door doors window windows "
                                "hallway bedroom kitchen repaint magnolia emulsion"),
                 ("art", "watercolour canvas oil oils acrylic portrait landscape class "
                         "classes artist art easel still sketch draw lesson lessons")),
    "painter": (("decorating", "wall walls house room ceiling decorator decorating "
                               "exterior interior fence"),
                ("art", "watercolour canvas oil oils acrylic portrait landscape artist "
                        "gallery exhibition")),
    "paint": (("decorating", "wall walls house room ceiling fence door doors window "
                             "hallway bedroom kitchen skirting"),
              ("art", "watercolour canvas acrylic portrait landscape easel")),
    "coach": (("sport", "football rugby cricket hockey netball tennis basketball junior "
                        "juniors team squad season club players fa under-9s under-10s "
                        "under-11s under-12s athletics swimming"),
              ("mentoring", "career leadership executive life business job manager "
                            "management confidence"),
              ("minibus", "hire trip seats seat passenger passengers travel")),
    "organ": (("music", "church play hymn hymns organist service services keyboard "
                        "wedding funeral"),),
    "polish": (("polish language", "speak speaker language lessons translate translator "
                               "native fluent learn conversation speaking"),),
    "django": (("python", "app web python developer site backend api code project"),),
    "bass": (("guitar", "guitar play player band lessons amp jazz"),),
    "bridge": (("games", "card cards club play player players partner bidding game games "
                         "rubber duplicate"),),
    "chemist": (("pharmacy", "prescription prescriptions medicine medicines collect"),),
    "garage": (("mechanic", "car repair service mot mechanic engine brake brakes "
                            "clutch"),
               ("parking", "rent let park parking")),
    "surgery": (("medical", "doctor doctors gp appointment register nurse"),),
    "cast": (("theatre", "play show audition musical production"),),
    "shelter": (("homeless", "homeless night sleep sleeping rough emergency"),),
    "hostel": (("homeless", "homeless night emergency temporary"),),
    "deposit": (("legal", "return returned refusing refuse refused dispute disputes withheld "
                          "withholding deducted unfair claiming damage back kept keeping "
                          "owed answering scheme protection"),
                ("buy home", "mortgage house buy buying first-time buyer"),
                ("housing", "landlord tenancy rent renting flat")),
    "stall": (("selling", "market craft fair sell selling stallholder"),),
    "delivery": (("delivery", "courier parcel parcels driver van ship shipping "
                              "postage"),),
    "deliver": (("delivery", "courier parcel parcels driver van ship shipping"),),
    "lengths": (("swimming", "pool swim swimming"),),
    "trim": (("hair", "hair haircut beard fringe"),
             ("garden", "hedge hedges tree bush")),
    "pm": (("software", "product roadmap saas b2b tech manager"),),
    "camp": (("hiking", "tent tents camping wild outdoors"),
             ("childcare", "kids summer holiday children")),
    "r": (("data", "statistics analysis stats rstudio data programming"),),
    "tackle": (("fishing", "fishing rod bait angling"),),
    "sail": (("sailing", "boat dinghy yacht crew learn"),),
    "boat": (("sailing", "sail sailing crew row rowing learn club"),),
    "mass": (("religion", "church catholic sunday priest parish"),),
    "falls": (("eldercare", "elderly mum dad mother father gran grandad grandma "
                            "older keeps"),),
    "draw": (("art", "learn drawing sketch paint art class lessons pencil"),),
    "tent": (("hiking", "camping camp festival wild"), ("party hire", "party wedding "
                                                                   "marquee event")),
    "stem": (("tutoring", "science maths math subjects girls school"),),
    "ap": (("tutoring", "exam exams calculus test prep"),),
    "ib": (("tutoring", "exam exams diploma school"),),
    "ev": (("car", "electric car charging charger buy"),),
    "crew": (("sailing", "boat yacht dinghy race"), ("video", "film filming shoot")),
    "speaker": (("language", "native fluent tongue spanish french german italian portuguese "
                             "mandarin chinese japanese arabic polish russian ukrainian "
                             "dutch korean hindi urdu turkish greek welsh english "
                             "language languages"),
                ("speaker", "talk talks keynote event events conference guest after-dinner "
                            "motivational panel school assembly"),
                ("audio", "bluetooth sound pa system amp amplifier music stereo")),
    "recovery": (("addiction", "alcohol drinking drugs sober addiction"),),
    # a grade before a job ("junior doctor", "junior developer") is no sport: "junior"
    # and "juniors" are a team only beside a game, a pitch or a coach
    "junior": (("sport", _JUNIOR_SPORT),),
    "juniors": (("sport", _JUNIOR_SPORT),),
}
"""Words whose meaning depends on their neighbours, beside ``lexicon.SENSES``."""

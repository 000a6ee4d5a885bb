"""Help asked for in Portuguese and Spanish: the commonest words of needs and offers
in the two languages most often mixed into English posts by people who moved ("o
notebook não liga", "o senhorio não devolveu a caução", "busco abogado").

Why a table and not a model: the sentence model kith ships (all-MiniLM-L6-v2) reads
English only, and a multilingual one would be ten times its size. These cues go into
``lexicon.CONCEPTS`` like the others (stemmed and read without accents: "caução" meets
"caucao"), so a need in Portuguese meets an offer in English through the concept both
name. Words shared with English or with another sense there ("casa", "carta", "mesa")
are left out; Brazilian and European Portuguese both are here ("encanador",
"canalizador"). One form of a word is enough: the stemmer gathers its plural and the
reading without accents its Spanish twin where they are spelt alike ("farmácia" is
"farmacia").
"""

from __future__ import annotations

CUES: dict[str, str] = {
    # home trades ----------------------------------------------------------------
    "plumbing": """encanador, canalizador, canalização, vazamento, fuga de água, torneira,
        torneira pingando, cano, esgoto entupido, descarga, autoclismo, fontanero,
        fontanería, grifo, tubería, gotera""",
    "electrical": """eletricista, electricista, curto-circuito, tomada, disjuntor,
        quadro elétrico, quadro eléctrico, sem luz, enchufe, cortocircuito""",
    "building": """pedreiro, obras, empreiteiro, remodelação, reforma, albañil, construtor""",
    "decorating": "pintor, pintura de paredes, pintar a casa, pintar paredes",
    "locksmith": "chaveiro, serralheiro, fechadura, cerrajero, cerradura",
    "cleaning": "faxina, faxineira, diarista, empregada de limpeza, limpeza, limpieza",
    "removals": """mudança, frete, carreto, mudanza, transportadora""",
    "furniture": "móveis, sofá, guarda-roupa, armário, muebles",
    # housing --------------------------------------------------------------------
    "housing": """apê, apartamento, arrendamento, arrendar, senhorio, senhoria, inquilino,
        caução, fiador, contrato de arrendamento, aluguel, aluguer, renda da
        casa, piso, alquiler, casero, arrendador, fianza, inquilina""",
    "room to rent": "quarto para alugar, quarto, habitación, cuarto para alquilar",
    "housing law": "associação de inquilinos, julgado de paz, despejo, desahucio",
    # work and money -------------------------------------------------------------
    # not "vaga": a place at a nursery or in a car park as often as a job
    "job": """trampo, emprego, trabalho, contratando, estamos contratando,
        estamos a recrutar, recrutamento, empleo, trabajo, vacante, contratamos""",
    "cv": "currículo, currículum, entrevista de emprego, entrevista de trabajo",
    "accounting": """contabilista, contador, contadora, contabilidade,
        declaração de irs, finanças, recibos verdes, gestoría, gestor""",
    "banking": "conta bancária, cuenta bancaria, nib",
    "debt": "dívida, deuda",
    "legal": """advogado, advogada, abogado, abogada, jurídico, jurídica,
        ação judicial, processo judicial""",
    "paperwork": """papelada, documentos, cartório, apostila, apostilado,
        apostilamento, procuração, certidão, certidões, despachante, reconhecimento de
        firma, trámites, poder notarial, notário, notaría""",
    "immigration": """nacionalidade, cidadania, visto, autorização de residência,
        título de residência, aima, sef, manifestação de interesse,
        ciudadanía, residencia, permiso de residencia, extranjería, antecedentes
        criminais""",
    "translation": "tradução, tradutor, tradutora, traducción, traductor, traductora",
    # people and care ------------------------------------------------------------
    "childcare": """creche, babá, guardería, niñera, canguru""",
    "babysitting": "babá, baby-sitter, niñera, cuidar das crianças, cuidar de los niños",
    "eldercare": """idoso, idosa, cuidadora, cuidador, lar de idosos, casa de
        repouso, anciano, anciana, residencia de ancianos""",
    "medical": """médico, médica, centro de saúde, posto de saúde, consulta,
        médico de família, saúde, enfermeira, enfermeiro, doctora,
        enfermera, centro de salud""",
    "dentist": "dentista, dente, muela, diente",
    "therapy": """psicólogo, psicóloga, terapia, terapeuta, ansiedade, no duerme, llora
        todo el día, não dorme, chora o dia todo""",
    # a mother who has not slept since her husband died (fresh33)
    "bereavement": """murió mi, falleció, duelo, luto, morreu o meu, faleceu""",
    "physio": "fisioterapeuta, fisioterapia, fisio",
    "pharmacy": "farmácia, remédio, receita médica",
    "pets": """cão, cães, cachorro, cachorra, cadela, gato, gata, gatinho, perro, perra,
        mascota, bicho""",
    "vet": "veterinário, veterinária",
    "pet behaviour": "comportamentalista, comportamentalista canina, ansiedade de separação",
    "dog training": "adestrador, adestramento, treino canino, adiestrador",
    # learning -------------------------------------------------------------------
    "portuguese language": """língua portuguesa, português língua estrangeira, ciple,
        deple, caple""",
    "spanish language": "castellano, español lengua extranjera, espanhol",
    "english language": "inglês",
    "french language": "francês",
    "german language": "alemão, alemán",
    "polish language": "polaco, polonês",
    "ukrainian language": "ucraniano",
    "russian language": "russo, ruso",
    "mandarin language": "chinês, mandarim",
    "arabic language": "árabe",
    "language": """língua estrangeira, lengua extranjera, aulas de português, aulas de
        inglês, curso de línguas, intercâmbio de idiomas, idiomas,
        clases de español, clases de inglés""",
    "teaching": "professora, aulas, explicador, explicadora, clases",
    "tutoring": "explicações, reforço escolar, apoio escolar, clases particulares",
    "school": "escola, faculdade, universidade, matrícula, colegio, escuela",
    "driving lessons": """carta de condução, escola de condução, instrutor de condução,
        aulas de condução, cnh, carteira de motorista, dirigir, autoescola, clases de
        conducir, carnet de conducir""",
    "car": "carro, coche, automóvel",
    "mechanic": "mecânico, oficina mecânica, taller mecánico",
    # tech -----------------------------------------------------------------------
    "laptop": "notebook, portátil, computador portátil",
    "it support": """computador, computadora, ordenador, pc não liga, não liga, tela
        preta, celular, telemóvel, informático, técnico de informática""",
    "data recovery": "recuperar fotos, recuperar arquivos, recuperar ficheiros, recuperar datos",
    "web": "loja online, tienda online, página web, sítio web",
    "marketing": "redes sociais, redes sociales",
    "garden": """paisajismo, paisajista, jardinero, jardinera, jardinería, jardineiro,
        jardinagem, paisagismo, paisagista""",
    "licensing": "permiso, permisos, licencia, licencias, licença, alvará",
    # life events ----------------------------------------------------------------
    "wedding": "casamento, noiva, noivo, boda, novia, novio",
    "funeral": "velório, enterro, funerária, falecimento, faleceu",
    "new baby": "bebê, grávida, gravidez, embarazada",
    "catering": "salgadinhos, buffet, bolo de aniversário, docinhos",
    "party": "festa, festa de aniversário, aniversário, fiesta, cumpleaños",
    "music": "músico, música ao vivo, banda",
    "photography": "fotógrafo, fotógrafa, fotografia, fotos do casamento",
}
"""Concepts of ``lexicon`` and the Portuguese and Spanish words that name them."""

WHOLE: dict[str, str] = {
    # Vietnamese (read without marks too: many type it so) ---------------------------
    "immigration": "bảo lãnh, di trú, bộ di trú, thị thực, định cư",
    "paperwork": "hồ sơ, giấy tờ, làm giấy tờ",
    "wedding": "kết hôn, đăng ký kết hôn, đám cưới, ślub, wesele, bihe",
    "pets": "mèo, bé mèo, thú cưng, giữ mèo, trông mèo, giữ chó, trông chó",
    "house sitting": "giữ mèo tại nhà, trông nhà, giữ nhà",
    "medical": "tiểu đường, chích insulin, bác sĩ, bệnh viện, lekarz, lekarza, daktar, aspatal",
    "special needs": "khó đọc, chứng khó đọc, đọc chậm, đảo chữ",
    "web": "trang web, đặt lịch, đặt lịch hẹn",
    "funeral": """tro cốt, đám tang, tang lễ, qua đời, pogrzeb, pogrzebu, antyesti, kaj
        kriya, dah sanskar, malami, bitnubhayo, bitnu bhayo""",
    "housing law": "tiền bond, tiền cọc, trả lại tiền cọc, chủ nhà giữ",
    "english lessons": "học tiếng anh, tiếng anh căn bản, lớp tiếng anh",
    "vietnamese language": "tiếng việt, nói tiếng việt",
    "dentist": """nha sĩ, đau răng, dentysta, dentystę, dentysty, ząb, zęby, boli
        ząb, ból zęba, stomatolog""",
    "legal": "luật sư, prawnik, prawnika, adwokat, adwokata",
    "accounting": "kế toán, thuế, khai thuế, księgowa, księgowy, podatek, podatki",
    "plumbing": "thợ sửa ống nước, ống nước, rò rỉ, hydraulik, hydraulika, cieknie",
    "electrical": "thợ điện, elektryk, elektryka",
    "removals": "chuyển nhà, przeprowadzka, przeprowadzki",
    "childcare": "giữ trẻ, trông trẻ, bảo mẫu, niania, nianię, opiekunka",
    "job": "việc làm, tìm việc, praca, pracy, kaam",
    "mechanic": "sửa xe, thợ sửa xe, mechanik, mechanika",
    # Polish --------------------------------------------------------------------------
    "roofing": """dach, dachu, dekarz, dekarza, kapie z sufitu, kapie mi z sufitu, przecieka
        dach, po burzy, po wczorajszej burzy""",
    "damp": "sufit, sufitu, wilgoć, pleśń",
    "insurance": "ubezpieczenia, ubezpieczenie, bez ubezpieczenia",
    "crafts": "pisanki, pisanek, woskiem, wielkanoc",
    # Nepali in Latin letters ---------------------------------------------------------
    "language": "bhasa, bhasa class",
    "room to rent": "kotha, kotha bhada",
}
"""Help asked for in languages posted whole in a community's groups (Vietnamese, Polish,
Nepali in Latin letters): a post in them is ``written.UNREAD``, so these words, and the
English ones mixed in, are all the matcher reads of it."""

FRENCH: dict[str, str] = {
    # French (France, Québec, Belgium, West Africa) -------------------------------------
    "plumbing": """plombier, plomberie, robinet qui coule, robinets qui coulent, fuite
        d'eau, chasse d'eau, évier bouché, drain bouché, drains lents, réservoir de chasse""",
    "electrical": """électricien, électricienne, maître électricien, disjoncteur,
        disjoncteurs, panneau électrique, panneaux à fusibles, fusibles, panne de courant""",
    "roofing": "toiture, couvreur, toit qui coule, infiltration d'eau",
    "heating": "chauffage, fournaise, chauffe-eau, thermopompe",
    "removals": """déménagement, déménagements, déménageur, déménageurs, camion de
        déménagement, petits déménagements""",
    "snow clearing": """déneigement, déneigeur, contrat de déneigement, pelleter, souflèz,
        retire nèj,
        traktè, souflèz, antre kay, déneigeuse, souffleuse""",
    "cleaning": "femme de ménage, entretien ménager, faire le ménage",
    "locksmith": "serrurier",
    "pest control": "exterminateur, punaises de lit, coquerelles, souris",
    "housing": """logement, locataire, locataires, propriétaire, loyer, lwaye, kay pou
        lwe""",
    "room to rent": "chambre à louer, colocation, coloc, chanm pou lwe",
    "housing law": """comité logement, avis de reprise, reprise de logement, éviction,
        tribunal administratif du logement, régie du logement""",
    "legal": """avocat, avocate, notaire, juriste, avoka, commissaire à l'assermentation,
        assermentation, déclaration solennelle, déclarations solennelles""",
    "accounting": """comptable, impôts, déclaration de revenus, rapport d'impôt, travailleur
        autonome, société par actions, kontab, enpo, rapò enpo""",
    "immigration": """résidence permanente, certificat de sélection, consultant en
        immigration, permis de travail, permis d'études, citoyenneté, imigrasyon,
        rezidans,
        peq, csq, arrima, dosye imigrasyon, programme de l'expérience québécoise""",
    "paperwork": "formulaires, dosye, fòm yo",
    "job": """emploi, offre d'emploi, on embauche, nous embauchons, djòb,
        cherche quelqu'un, on cherche, nous cherchons un, dépanneur cherche, retrouver un
        emploi, retrouver du travail, trouver un emploi, l'usine ferme, perdre mon emploi,
        perdu mon emploi, mise à pied, mis à pied""",
    "childcare": """garderie, gardienne, gardiennage, garder les enfants, service de garde,
        nounou, gadri, gade timoun,
        s'occuper de nos enfants, s'occuper des enfants, garder nos enfants, enfants,
        enfant, timoun""",
    "medical": "médecin, médecin de famille, clinique, infirmière, doktè, lopital",
    "dentist": "dentiste, mal de dents, rage de dents, dantis",
    "physio": """physiothérapeute, physiothérapie, kinésithérapeute,
        blessures de sport, épaule, genou, cheville""",
    "therapy": "psychologue, psychothérapeute, anxiété",
    "bereavement": "deuil",
    "eldercare": """aîné, aînés, personne âgée, personnes âgées, proche aidant, granmoun, èd
        lakay, préposée aux bénéficiaires, préposé aux bénéficiaires""",
    "vet": "vétérinaire",
    "pets": "chien, chiens, minou, minous, pitou, pitous",
    "sewing": """couturière, couture, ourlet, ourlets, retouches,
        ajustements, rad la twò long, ranje rad, koutiryè, koutirye""",
    "wedding": "mariage, robe de mariée, maryaj",
    "funeral": """funérailles, salon funéraire, complexe funéraire, décès, décédé, décédée,
        fineray, antèman""",
    "repatriation": "rapatriement, rapatriement du corps, rapatriman, rapatriman kò",
    "catering": "traiteur, manje pou fèt",
    "tutoring": "tuteur, tutrice, aide aux devoirs, cours privés",
    "french language": "francisation, jasette, cours de français, apprendre le français",
    "it support": """ordinateur, informatique, technicien informatique, piratée, piraté,
        compte piraté, mot de passe""",
    "mechanic": "mécanicien, pneus d'hiver, changement de pneus, mekanisyen, kawoutchou",
    "web": "site web, site internet",
    "marketing": "médias sociaux, réseaux sociaux",
    "mentoring": "mentorat",
    "skating": "patinage, patinoire, patiner, apprendre à patiner, patinage de puissance",
    "chess": "d'échecs, aux échecs, club d'échecs, jeu d'échecs",
}
"""Help asked for in French and Haitian Creole (Kreyòl), the languages of Montréal's
groups beside English: a need in English meets an offer in them through the concept
both name. Not "chat" (a cat, and English chat), "char" (a Québec car) nor "bail" (a
lease, and bailed)."""

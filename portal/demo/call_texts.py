"""The texts of the demo calls, in French and Dutch (and the applicants' own language): plausible Brussels
calls for ISSUE's housing partners, a cultural ground floor, a community garden and a school's playground."""
from __future__ import annotations

from decimal import Decimal

from occupancies.workflow import OccupantType, UseCategory

U, T = UseCategory, OccupantType

# One editor for each association that applies below (L'Ilot has the occupant accounts already).
EDITORS = [
    # organisation slug, label (for `flask demo load`), name, language
    ("communa", "Communa editor", "Jonas Claes", "nl"),
    ("diogenes", "DIOGENES editor", "Nadia Benali", "fr"),
    ("collectif-interstices", "Interstices editor", "Léa Fontaine", "fr"),
]


def _criteria(*rows):
    return [{"label_fr": fr, "label_nl": nl, "weight": weight, "guidance_fr": gfr, "guidance_nl": gnl}
            for fr, nl, weight, gfr, gnl in rows]


def _conditions(*rows):
    return [{"text_fr": fr, "text_nl": nl} for fr, nl in rows]


# Who receives an appeal against each owner's decisions, and within how many days (stated on every call sent to
# the Guichet; the Scheut draft does not say yet).
APPEAL_COMENSIA = dict(
    appeal_body_fr="le comité de direction de Comensia, par lettre recommandée adressée à son siège social",
    appeal_body_nl="het directiecomité van Comensia, met een aangetekende brief aan haar maatschappelijke zetel",
    appeal_days=15,
    standstill_days=10,
)
APPEAL_MOLENBEEK = dict(
    appeal_body_fr=("le Collège des bourgmestre et échevins de Molenbeek-Saint-Jean, par lettre recommandée, rue du "
                    "Comte de Flandre 20, 1080 Bruxelles"),
    appeal_body_nl=("het College van burgemeester en schepenen van Sint-Jans-Molenbeek, met een aangetekende brief, "
                    "Graaf van Vlaanderenstraat 20, 1080 Brussel"),
    appeal_days=30,
    standstill_days=15,
)

# Comensia: six empty dwellings of the Ribaucourt building for ISSUE's partners (published) ---------------------
RIBAUCOURT_HOUSING = dict(
    title_fr="Immeuble Ribaucourt : six logements vides pour l'hébergement temporaire de personnes sans abri",
    title_nl="Gebouw Ribaucourt: zes leegstaande woningen voor de tijdelijke huisvesting van daklozen",
    title_en="Ribaucourt building: six empty dwellings to house homeless people for a time",
    description_fr=(
        "Comensia met à disposition, sous convention d'occupation précaire, six logements de l'immeuble Ribaucourt "
        "(deux studios, deux appartements d'une chambre, un appartement de deux chambres et un de trois chambres) "
        "en attendant le début de sa rénovation lourde, prévue dans trois ans.\n\n"
        "L'appel s'adresse aux associations qui hébergent et accompagnent des personnes sans abri, dans l'esprit du "
        "projet ISSUE : insertion par le logement avec un accompagnement intensif, répit et ouverture des droits, "
        "ou transit vers le Housing First. Les logements sont raccordés à l'eau, au gaz et à l'électricité et sont "
        "chauffés ; l'occupant se charge de l'ameublement.\n\n"
        "L'occupation est gratuite ; les charges (énergie et eau) sont refacturées au coût réel sur la base des "
        "compteurs individuels. Les personnes hébergées peuvent se domicilier à l'adresse de l'immeuble."),
    description_nl=(
        "Comensia stelt met een overeenkomst van precaire bezetting zes woningen van het gebouw Ribaucourt ter "
        "beschikking (twee studio's, twee appartementen met één slaapkamer, een appartement met twee en een met "
        "drie slaapkamers), in afwachting van de zware renovatie die over drie jaar van start gaat.\n\n"
        "De oproep richt zich tot verenigingen die daklozen huisvesten en begeleiden, in de geest van het project "
        "ISSUE: woonintegratie met intensieve begeleiding, respijt en het openen van rechten, of doorstroming naar "
        "Housing First. De woningen zijn aangesloten op water, gas en elektriciteit en worden verwarmd; de bezetter "
        "zorgt voor de inrichting.\n\n"
        "De bezetting is kosteloos; de lasten (energie en water) worden tegen de werkelijke kostprijs doorgerekend "
        "op basis van de individuele meters. De gehuisveste personen mogen er hun domicilie vestigen."),
    uses=[U.emergency_housing.value, U.housing_insertion.value], scale=5, tie_rule="highest_first_criterion",
    support_fr=(
        "Avant l'entrée, Comensia remet les six logements en état (peintures, sanitaires, détecteurs de fumée) ; "
        "elle prend en charge les réparations structurelles et l'entretien des parties communes pendant toute "
        "l'occupation. Une aide forfaitaire de 6 000 € est versée à la signature pour l'ameublement et "
        "l'équipement de base."),
    support_nl=(
        "Vóór de intrek maakt Comensia de zes woningen in orde (schilderwerk, sanitair, rookmelders); zij neemt "
        "de structurele herstellingen en het onderhoud van de gemeenschappelijke delen voor haar rekening zolang "
        "de bezetting duurt. Bij de ondertekening wordt een forfaitaire tegemoetkoming van 6 000 € gestort voor de "
        "inrichting en de basisuitrusting."),
    support_amount=Decimal("6000.00"), free_use=True, monthly_fee=None, min_social_share=100, min_use_categories=2,
    **APPEAL_COMENSIA,
)
RIBAUCOURT_HOUSING_CRITERIA = _criteria(
    ("Qualité de l'accompagnement social", "Kwaliteit van de sociale begeleiding", 40,
     "Décrivez le public hébergé, l'intensité de l'accompagnement (nombre de travailleurs sociaux, fréquence des "
     "visites à domicile) et vos partenariats avec les services de santé et d'insertion.",
     "Beschrijf de doelgroep, de intensiteit van de begeleiding (aantal maatschappelijk werkers, frequentie van de "
     "huisbezoeken) en uw samenwerking met gezondheids- en inschakelingsdiensten."),
    ("Perspectives de sortie vers un logement durable", "Doorstroming naar duurzame huisvesting", 25,
     "Expliquez comment vous préparez le départ des personnes avant la fin de l'occupation et quels résultats "
     "vous avez obtenus dans des projets comparables.",
     "Leg uit hoe u het vertrek van de bewoners voorbereidt vóór het einde van de bezetting en welke resultaten "
     "u in vergelijkbare projecten hebt behaald."),
    ("Gestion du bâtiment et relations de voisinage", "Beheer van het gebouw en relaties met de buurt", 20,
     "Précisez qui assure l'entretien courant, la gestion des clés et des incidents, et comment vous informez "
     "les habitants des immeubles voisins.",
     "Vermeld wie instaat voor het gewone onderhoud, het sleutelbeheer en de afhandeling van incidenten, en hoe "
     "u de bewoners van de naburige gebouwen informeert."),
    ("Faisabilité et calendrier", "Haalbaarheid en planning", 15,
     "Présentez le budget de l'occupation, l'ameublement prévu et la date à laquelle les premières personnes "
     "peuvent être accueillies.",
     "Stel de begroting van de bezetting voor, de geplande inrichting en de datum waarop de eerste personen "
     "kunnen worden opgevangen."),
)
RIBAUCOURT_HOUSING_CONDITIONS = _conditions(
    ("Être une association sans but lucratif active dans l'aide aux personnes sans abri en Région de "
     "Bruxelles-Capitale.",
     "Een vereniging zonder winstoogmerk zijn die actief is in de hulp aan daklozen in het Brussels Hoofdstedelijk "
     "Gewest."),
    ("Souscrire une assurance responsabilité civile et une assurance incendie pour les logements occupés avant la "
     "remise des clés.",
     "Vóór de overhandiging van de sleutels een verzekering burgerlijke aansprakelijkheid en een brandverzekering "
     "voor de bewoonde woningen afsluiten."),
)
RIBAUCOURT_QUESTIONS = [
    # asker, text, answer fr, answer nl (empty: waiting for an answer)
    ("l-ilot", "Les personnes hébergées pourront-elles se domicilier à l'adresse de l'immeuble pour ouvrir leurs "
               "droits (revenu d'intégration, mutuelle) ?",
     "Oui. La convention autorise la domiciliation des personnes hébergées pendant toute la durée de l'occupation ; "
     "Comensia remet l'attestation nécessaire à la commune de Molenbeek-Saint-Jean dès la signature.",
     "Ja. De overeenkomst staat toe dat de gehuisveste personen er hun domicilie vestigen zolang de bezetting duurt; "
     "Comensia bezorgt de gemeente Sint-Jans-Molenbeek het nodige attest zodra de overeenkomst is ondertekend."),
    ("communa", "Mogen twee verenigingen samen kandidaat zijn, de ene voor het beheer van het gebouw en de andere "
                "voor de sociale begeleiding van de bewoners?", "", ""),
]
RIBAUCOURT_APPLICATIONS = [
    # applicant, units (labels), submit?, values (answers and statements in the order of the criteria/conditions)
    ("diogenes", ["Logement 1", "Logement 2"], True, dict(
        summary="DIOGENES propose d'ouvrir deux studios de répit à des personnes qui vivent en rue depuis longtemps "
                "et que notre équipe de travail de rue suit déjà dans le centre de Bruxelles et à Molenbeek. Pendant "
                "six à dix-huit mois, elles s'y reposent, ouvrent leurs droits et préparent avec nous une solution "
                "de logement durable.",
        use_category=U.emergency_housing, occupant_type=T.association,
        answers=[
            "Chaque personne est suivie par un binôme de travailleurs de rue (un assistant social et une "
            "infirmière) qui la connaît depuis plus d'un an. Visites à domicile deux fois par semaine le premier "
            "mois, puis chaque semaine ; permanence téléphonique sept jours sur sept. Nous travaillons avec la "
            "maison médicale du quartier pour les soins et avec le CPAS de Molenbeek-Saint-Jean pour l'ouverture "
            "des droits.",
            "Dès l'entrée, chaque personne construit avec son référent un projet de logement : inscription sur les "
            "listes du logement social, recherche par une agence immobilière sociale ou orientation vers le Housing "
            "First. À la Grande Haie (2020-2021), deux tiers des personnes hébergées sont parties vers un logement "
            "durable.",
            "Un coordinateur logistique passe chaque semaine pour l'entretien courant et les petites réparations. "
            "L'équipe gère les clés ; un numéro d'urgence est communiqué à Comensia et aux voisins. Nous proposons "
            "une rencontre avec les habitants des immeubles voisins avant l'arrivée des personnes, puis tous les "
            "trois mois.",
            "Budget annuel de 14 800 € (énergie, eau, assurances, petit entretien), couvert par notre convention "
            "avec la Région et l'aide à l'ameublement de Comensia. Mobilier de base fourni par une ressourcerie "
            "partenaire. Premier accueil possible deux semaines après la remise des clés.",
        ],
        statements=[
            "Oui : DIOGENES est une asbl de travail de rue auprès des personnes sans abri à Bruxelles depuis plus de "
            "vingt-cinq ans ; ses statuts sont publiés au Moniteur belge.",
            "Oui : notre assurance responsabilité civile couvre les lieux d'hébergement et l'assurance incendie sera "
            "étendue aux deux studios avant la remise des clés.",
        ])),
    ("l-ilot", ["Logement 3", "Logement 4", "Logement 5"], False, dict(
        summary="L'Ilot propose d'accueillir dans trois appartements des personnes et des familles sorties de la rue "
                "qui disposent d'un revenu stable, avec un accompagnement intensif vers un logement durable (axe 1 "
                "du projet ISSUE).",
        use_category=U.housing_insertion, occupant_type=T.association,
        answers=[
            "Un accompagnateur social pour trois ménages, avec une visite à domicile par semaine au minimum et un "
            "soutien à la gestion du budget, à la scolarité des enfants et à la recherche d'emploi.",
            "À compléter : reprendre les chiffres de sortie de Peterbos (2020) et ceux de notre service "
            "d'accompagnement en logement.",
        ],
        statements=[
            "Oui : L'Ilot est une asbl de lutte contre le sans-abrisme active à Bruxelles et en Wallonie.",
        ])),
    ("communa", ["Logement 6"], False, dict(
        summary="Communa stelt voor om de woning met drie slaapkamers in te richten voor een gezin zonder woning, "
                "samen met een erkende begeleidingsdienst; Communa neemt het beheer van het gebouw op zich.",
        use_category=U.emergency_housing, occupant_type=T.association, answers=[], statements=[])),
]

# Comensia: the ground floor of the same building, sent back by the Guichet --------------------------------------
RIBAUCOURT_GROUND_FLOOR = dict(
    title_fr="Immeuble Ribaucourt : rez-de-chaussée commercial pour un projet culturel de quartier",
    title_nl="Gebouw Ribaucourt: handelsgelijkvloers voor een cultureel buurtproject",
    description_fr=(
        "L'ancien commerce du rez-de-chaussée (120 m² sur rue, vitrine, arrière-salle et sanitaire) est proposé "
        "pour un projet culturel ou d'économie sociale ouvert aux habitants du quartier Ribaucourt, pendant "
        "l'occupation des logements aux étages. Occupation gratuite, charges au coût réel."),
    description_nl=(
        "De vroegere winkel op de benedenverdieping (120 m² aan de straatkant, etalage, achterzaal en sanitair) "
        "wordt aangeboden voor een cultureel of sociaaleconomisch project dat openstaat voor de bewoners van de "
        "Ribaucourtwijk, zolang de woningen op de verdiepingen bezet zijn. Kosteloze bezetting, lasten tegen de "
        "werkelijke kostprijs."),
    uses=[U.culture.value, U.social_economy.value], scale=5, tie_rule="highest_first_criterion",
    support_fr="Comensia met l'installation électrique aux normes et installe un extincteur et un éclairage de "
               "secours.",
    support_nl="Comensia brengt de elektrische installatie in orde en plaatst een brandblusser en noodverlichting.",
    support_amount=None, free_use=True, monthly_fee=None, min_social_share=None, min_use_categories=None,
    **APPEAL_COMENSIA,
)
RIBAUCOURT_GROUND_FLOOR_CRITERIA = _criteria(
    ("Ouverture au quartier", "Openheid naar de buurt", 50,
     "Quelles activités sont ouvertes aux habitants, à quels jours et à quel prix ?",
     "Welke activiteiten staan open voor de buurtbewoners, op welke dagen en tegen welke prijs?"),
    ("Qualité et faisabilité du projet", "Kwaliteit en haalbaarheid van het project", 30,
     "Présentez l'équipe, le budget et le calendrier d'installation.",
     "Stel het team, de begroting en de planning van de inrichting voor."),
    ("Cohabitation avec les occupants des logements", "Samenleven met de bewoners van de woningen", 20,
     "Comment limitez-vous le bruit et organisez-vous les accès partagés avec les étages ?",
     "Hoe beperkt u het lawaai en hoe regelt u de gedeelde toegang met de verdiepingen?"),
)
RIBAUCOURT_GROUND_FLOOR_CONDITIONS = _conditions(
    ("Être une association, un collectif ou une entreprise d'économie sociale sans but lucratif.",
     "Een vereniging, een collectief of een onderneming uit de sociale economie zonder winstoogmerk zijn."),
    ("Ne pas accueillir plus de cinquante personnes en même temps.",
     "Niet meer dan vijftig personen tegelijk ontvangen."),
)
RIBAUCOURT_GROUND_FLOOR_RETURN = (
    "La visite est prévue deux jours avant la date limite : fixez-la au moins deux semaines plus tôt, pour que les "
    "candidats aient le temps de préparer leur dossier. Précisez aussi, dans le soutien offert, qui prend en charge "
    "l'attestation de sécurité incendie exigée pour l'accueil du public.\n\n"
    "Het bezoek vindt twee dagen vóór de indieningstermijn plaats: plan het minstens twee weken vroeger, zodat de "
    "kandidaten tijd hebben om hun dossier voor te bereiden. Vermeld ook in de geboden ondersteuning wie het "
    "brandveiligheidsattest voor de ontvangst van publiek op zich neemt.")

# Comensia: three houses for a transit towards Housing First, waiting for the Guichet ----------------------------
BRIGADE_PIRON = dict(
    title_fr="Maisons Brigade Piron : trois maisons pour un projet de transit vers le Housing First",
    title_nl="Huizen Brigade Piron: drie huizen voor een doorstromingsproject naar Housing First",
    description_fr=(
        "Trois maisons mitoyennes (deux et trois chambres) sont vides pendant deux ans, en attendant leur "
        "démolition et la construction de logements sociaux neufs. Comensia les propose à une association qui "
        "accompagne des personnes sans abri souffrant de troubles de santé mentale ou d'assuétudes vers un "
        "logement Housing First (axe 3 du projet ISSUE). Occupation gratuite, domiciliation autorisée."),
    description_nl=(
        "Drie rijhuizen (twee en drie slaapkamers) staan twee jaar leeg, in afwachting van hun afbraak en de bouw "
        "van nieuwe sociale woningen. Comensia biedt ze aan een vereniging aan die daklozen met psychische of "
        "verslavingsproblemen naar een Housing First-woning begeleidt (as 3 van het project ISSUE). Kosteloze "
        "bezetting, domiciliëring toegestaan."),
    uses=[U.housing_insertion.value], scale=5, tie_rule="earliest_submission",
    support_fr="Comensia fait entretenir les chaudières, remplace les serrures et prend en charge l'assurance "
               "incendie du propriétaire. Une aide de 4 500 € est versée pour l'équipement des trois maisons.",
    support_nl="Comensia laat de verwarmingsketels onderhouden, vervangt de sloten en neemt de brandverzekering van "
               "de eigenaar voor haar rekening. Voor de uitrusting van de drie huizen wordt 4 500 € gestort.",
    support_amount=Decimal("4500.00"), free_use=True, monthly_fee=None, min_social_share=100,
    min_use_categories=None,
    **APPEAL_COMENSIA,
)
BRIGADE_PIRON_CRITERIA = _criteria(
    ("Expertise en santé mentale et assuétudes", "Deskundigheid in geestelijke gezondheid en verslaving", 45,
     "Décrivez la composition de l'équipe et son expérience auprès de ce public.",
     "Beschrijf de samenstelling van het team en zijn ervaring met deze doelgroep."),
    ("Modèle d'accompagnement et lien avec le Housing First", "Begeleidingsmodel en band met Housing First", 35,
     "Comment les personnes passent-elles de la maison de transit à un logement Housing First ?",
     "Hoe stromen de bewoners door van het transithuis naar een Housing First-woning?"),
    ("Gestion locative et entretien des maisons", "Huurbeheer en onderhoud van de huizen", 20,
     "Qui entretient les maisons, gère les incidents et rend les clés à la fin ?",
     "Wie onderhoudt de huizen, handelt incidenten af en geeft de sleutels terug op het einde?"),
)
BRIGADE_PIRON_CONDITIONS = _conditions(
    ("Disposer d'une équipe d'accompagnement comprenant au moins un professionnel de la santé mentale.",
     "Beschikken over een begeleidingsteam met minstens één professional uit de geestelijke gezondheidszorg."),
    ("Accepter la fin de l'occupation à la date fixée, sans droit au relogement par Comensia.",
     "Het einde van de bezetting op de vastgestelde datum aanvaarden, zonder recht op herhuisvesting door "
     "Comensia."),
)

# Comensia: a community garden on the Scheut wasteland, still a draft --------------------------------------------
SCHEUT = dict(
    title_fr="Terrain Scheut : potager collectif et atelier de réemploi",
    title_nl="Terrein Scheut: gemeenschappelijke moestuin en hergebruikatelier",
    description_fr=(
        "Le terrain de l'avenue de Scheut (3 200 m²) attend un projet de construction de logements. D'ici là, "
        "Comensia le propose pour un potager collectif, un compost de quartier et un atelier de réemploi installé "
        "dans des conteneurs démontables. Aucune construction fixe n'est possible."),
    description_nl=(
        "Het terrein aan de Scheutlaan (3 200 m²) wacht op een woningbouwproject. Tot dan biedt Comensia het aan "
        "voor een gemeenschappelijke moestuin, een buurtcompost en een hergebruikatelier in demonteerbare "
        "containers. Vaste constructies zijn niet toegestaan."),
    uses=[U.climate_transition.value, U.circular_economy.value], scale=10, tie_rule="highest_first_criterion",
    support_fr="Comensia clôture le terrain et le raccorde à l'eau avant l'entrée ; une aide de 3 000 € est prévue "
               "pour la terre végétale et les bacs de culture.",
    support_nl="Comensia plaatst een omheining en sluit het terrein aan op het waternet vóór de intrek; er is "
               "3 000 € voorzien voor teelaarde en kweekbakken.",
    support_amount=Decimal("3000.00"), free_use=True, monthly_fee=None, min_social_share=None, min_use_categories=2,
)
SCHEUT_CRITERIA = _criteria(
    ("Projet pour le quartier", "Project voor de buurt", 40,
     "Qui participera, et comment les habitants du quartier Scheut seront-ils associés ?",
     "Wie doet mee, en hoe worden de bewoners van de Scheutwijk erbij betrokken?"),
    ("Qualité environnementale", "Milieukwaliteit", 35,
     "Décrivez les pratiques de culture, la gestion de l'eau et des déchets.",
     "Beschrijf de teeltmethoden en het beheer van water en afval."),
    ("Gouvernance et participation des habitants", "Bestuur en inspraak van de bewoners", 25,
     "Comment les décisions sur le terrain sont-elles prises et partagées ?",
     "Hoe worden de beslissingen over het terrein genomen en gedeeld?"),
)
SCHEUT_CONDITIONS = _conditions(
    ("Ne construire aucun ouvrage fixe ni aucune fondation sur le terrain.",
     "Geen vaste constructies of funderingen op het terrein bouwen."),
    ("Rendre le terrain libre de tout aménagement à la fin de l'occupation.",
     "Het terrein op het einde van de bezetting vrij van elke inrichting teruggeven."),
)

# Commune of Molenbeek: the covered playground of the Ransfort school, closed a few days ago ----------------------
RANSFORT_PREAU = dict(
    title_fr="Ancienne école Ransfort : le préau pour des activités de quartier",
    title_nl="Voormalige school Ransfort: de overdekte speelplaats voor buurtactiviteiten",
    description_fr=(
        "La Commune de Molenbeek-Saint-Jean propose le préau couvert de l'ancienne école Ransfort (150 m², accès par "
        "la cour, sanitaires au rez-de-chaussée) à une association ou un collectif, pour des activités ouvertes aux "
        "habitants du quartier, en complément des projets déjà installés dans le bâtiment. Occupation gratuite "
        "pendant deux ans. La façade est classée : aucun affichage n'est permis."),
    description_nl=(
        "De gemeente Sint-Jans-Molenbeek biedt de overdekte speelplaats van de voormalige school Ransfort aan "
        "(150 m², toegang via de speelplaats, sanitair op de benedenverdieping) aan een vereniging of een collectief "
        "voor activiteiten die openstaan voor de buurtbewoners, als aanvulling op de projecten die al in het gebouw "
        "gevestigd zijn. Kosteloze bezetting gedurende twee jaar. De gevel is beschermd: affichage is niet "
        "toegestaan."),
    uses=[U.culture.value, U.social_economy.value, U.circular_economy.value], scale=5,
    tie_rule="highest_first_criterion",
    support_fr="La Commune prend en charge l'eau, l'électricité et le chauffage ainsi que le contrôle annuel des "
               "installations. Une prime d'installation de 2 500 € est versée à la signature de la convention.",
    support_nl="De gemeente neemt water, elektriciteit en verwarming voor haar rekening, evenals de jaarlijkse "
               "keuring van de installaties. Bij de ondertekening van de overeenkomst wordt een "
               "installatiepremie van 2 500 € gestort.",
    support_amount=Decimal("2500.00"), free_use=True, monthly_fee=None, min_social_share=None,
    min_use_categories=None,
    **APPEAL_MOLENBEEK,
)
RANSFORT_PREAU_CRITERIA = _criteria(
    ("Ouverture aux habitants du quartier", "Openheid naar de buurtbewoners", 40,
     "Quelles activités gratuites proposez-vous, pour qui et à quelle fréquence ?",
     "Welke gratis activiteiten stelt u voor, voor wie en hoe vaak?"),
    ("Complémentarité avec les occupants actuels", "Complementariteit met de huidige bezetters", 25,
     "Comment votre projet s'articule-t-il avec ceux du rez-de-chaussée, du premier étage et de la cour ?",
     "Hoe sluit uw project aan bij die van de benedenverdieping, de eerste verdieping en de speelplaats?"),
    ("Qualité et faisabilité du projet", "Kwaliteit en haalbaarheid van het project", 20,
     "Présentez l'équipe, le budget et ses financements.",
     "Stel het team, de begroting en de financiering voor."),
    ("Gestion partagée du préau et de la cour", "Gedeeld beheer van de overdekte speelplaats en de speelplaats", 15,
     "Comment organisez-vous le rangement, les clés et le planning avec les autres occupants ?",
     "Hoe regelt u de opberging, de sleutels en de planning met de andere bezetters?"),
)
RANSFORT_PREAU_CONDITIONS = _conditions(
    ("Être une association, un collectif ou une entreprise d'économie sociale sans but lucratif.",
     "Een vereniging, een collectief of een onderneming uit de sociale economie zonder winstoogmerk zijn."),
    ("Proposer au moins deux demi-journées d'activités gratuites par semaine, ouvertes au public.",
     "Minstens twee halve dagen per week gratis activiteiten aanbieden die openstaan voor het publiek."),
)
RANSFORT_PREAU_QUESTION = (
    "collectif-interstices", "Peut-on fermer le préau en hiver avec des bâches ou des cloisons légères ?",
    "Non. Le préau fait partie de l'ensemble classé : aucune fermeture fixe n'est autorisée. Des rideaux amovibles, "
    "retirés après chaque activité, sont acceptés.",
    "Neen. De overdekte speelplaats maakt deel uit van het beschermde geheel: vaste afsluitingen zijn niet "
    "toegestaan. Verwijderbare gordijnen die na elke activiteit worden weggenomen, zijn wel toegestaan.")
RANSFORT_PREAU_APPLICATIONS = [
    # applicant, days before the deadline it was submitted, values
    ("collectif-interstices", 6, dict(
        summary="Un préau qui joue : un lieu de répétition et de petites formes artistiques ouvert au quartier, avec "
                "des ateliers gratuits pour les enfants le mercredi après-midi et une scène ouverte chaque mois.",
        use_category=U.culture, occupant_type=T.collective,
        answers=[
            "Ateliers gratuits de théâtre et de percussions pour les 8-14 ans le mercredi après-midi, avec les écoles "
            "et la maison de quartier ; scène ouverte le premier samedi du mois ; répétitions ouvertes au public le "
            "samedi matin. Communication en français, en néerlandais et en arabe.",
            "Le collectif occupe déjà le rez-de-chaussée de l'école : le préau prolongerait nos activités vers "
            "l'extérieur et servirait d'espace commun aux autres occupants pour des fêtes de quartier partagées.",
            "Budget de 9 200 € par an, couvert par des subsides de la Commission communautaire française et une "
            "billetterie à prix libre. Le matériel scénique est déjà au rez-de-chaussée. Démarrage dès la signature.",
            "Planning partagé en ligne avec les autres occupants, réunion de gestion chaque trimestre et une "
            "personne de référence pour les clés et l'entretien. Fin des activités sonores à 22 heures.",
        ],
        statements=[
            "Oui : Collectif Interstices est une asbl ; ses statuts sont publiés au Moniteur belge.",
            "Oui : ateliers gratuits le mercredi après-midi et répétitions ouvertes le samedi matin.",
        ])),
    ("communa", 3, dict(
        summary="Een buurtrecyclerie en repair café onder de overdekte speelplaats: inzameling en herstelling van "
                "meubelen, fietsen en kleine huishoudtoestellen, met vrijwilligers uit de wijk.",
        use_category=U.circular_economy, occupant_type=T.association,
        answers=[
            "Elke woensdagnamiddag en zaterdagvoormiddag open voor alle buurtbewoners; herstellingen zijn gratis, "
            "de bezoekers betalen alleen de onderdelen. Vrijwilligers uit de wijk worden opgeleid tot hersteller.",
            "Communa bezet al de eerste verdieping van de school voor projecten van sociale economie: de recyclerie "
            "levert materiaal aan die ateliers en aan de moestuin in de speelplaats.",
            "Begroting van 11 500 € per jaar, gedekt door een gewestelijke subsidie voor circulaire economie en de "
            "verkoop van opgeknapte meubelen. Werkbanken en gereedschap hebben we al.",
            "Opslag in afsluitbare kasten, zodat de speelplaats na elke activiteit vrij is; een gedeelde agenda met "
            "de andere bezetters en een maandelijks overleg.",
        ],
        statements=[
            "Ja: Communa is een vzw; de statuten zijn bekendgemaakt in het Belgisch Staatsblad.",
            "Ja: gratis repair café op woensdagnamiddag en zaterdagvoormiddag.",
        ])),
    ("l-ilot", 1, dict(
        summary="Un atelier vélo solidaire : réparation de vélos par des personnes accompagnées par L'Ilot dans un "
                "parcours d'insertion socioprofessionnelle, et cours de mécanique gratuits pour les habitants.",
        use_category=U.social_economy, occupant_type=T.association,
        answers=[
            "Atelier ouvert au public deux après-midi par semaine : réparations à prix coûtant et cours de mécanique "
            "gratuits ; vente de vélos reconditionnés à prix solidaire aux familles du quartier.",
            "L'Ilot cultive déjà la cour de l'école : l'atelier vélo complète ce projet de transition et encourage "
            "la mobilité douce des autres occupants et de leurs publics.",
            "Trois personnes en contrat d'insertion (article 60, avec le CPAS de Molenbeek-Saint-Jean), encadrées "
            "par un mécanicien formateur à mi-temps. Budget de 38 000 € par an, couvert par nos financements "
            "d'insertion.",
            "Vélos et outillage rangés chaque soir dans un conteneur fermé dans la cour ; planning commun avec les "
            "autres occupants.",
        ],
        statements=[
            "Oui : L'Ilot est une asbl de lutte contre le sans-abrisme.",
            "Oui : cours de mécanique gratuits le mercredi et le samedi après-midi.",
        ])),
]

# Commune of Molenbeek: the Ransfort courtyard, cancelled ---------------------------------------------------------
RANSFORT_COUR = dict(
    title_fr="Ancienne école Ransfort : la cour de récréation en jardin partagé",
    title_nl="Voormalige school Ransfort: de speelplaats als gedeelde tuin",
    description_fr="La Commune propose la cour de l'ancienne école (450 m²) pour un jardin partagé et des jeux "
                   "ouverts aux enfants du quartier.",
    description_nl="De gemeente biedt de speelplaats van de voormalige school (450 m²) aan voor een gedeelde tuin "
                   "en speelactiviteiten voor de kinderen uit de buurt.",
    uses=[U.climate_transition.value, U.culture.value], scale=5, tie_rule="highest_first_criterion",
    support_fr="Raccordement de la cour à l'eau et terre végétale fournie par le service des plantations.",
    support_nl="Aansluiting van de speelplaats op het waternet en teelaarde geleverd door de groendienst.",
    support_amount=None, free_use=True, monthly_fee=None, min_social_share=None, min_use_categories=None,
    **APPEAL_MOLENBEEK,
)
RANSFORT_COUR_CRITERIA = _criteria(
    ("Projet pour les enfants et les familles du quartier", "Project voor de kinderen en gezinnen uit de buurt", 60,
     "Quelles activités, pour qui et quand ?", "Welke activiteiten, voor wie en wanneer?"),
    ("Qualité environnementale du jardin", "Milieukwaliteit van de tuin", 40,
     "Décrivez les plantations, la gestion de l'eau et le compost.",
     "Beschrijf de beplanting, het waterbeheer en de compost."),
)
RANSFORT_COUR_CONDITIONS = _conditions(
    ("Ouvrir la cour au public au moins trois demi-journées par semaine.",
     "De speelplaats minstens drie halve dagen per week voor het publiek openstellen."),
)
RANSFORT_COUR_CANCELLED = (
    "L'asbl qui cultive la cour depuis 2025 a demandé la prolongation de sa convention, et le Collège a décidé de "
    "poursuivre ce projet de transition climatique. La cour n'est donc plus disponible : l'appel est annulé et "
    "aucune candidature ne sera évaluée.\n\n"
    "De vzw die de speelplaats sinds 2025 bewerkt, heeft om de verlenging van haar overeenkomst gevraagd en het "
    "College heeft beslist dat klimaatproject voort te zetten. De speelplaats is dus niet meer beschikbaar: de "
    "oproep wordt geannuleerd en er worden geen kandidaturen beoordeeld.")

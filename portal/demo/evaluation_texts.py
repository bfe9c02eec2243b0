"""Texts of the demo evaluations: the commune of Molenbeek's second floor of the Ransfort school, decided three
months ago for emergency housing, and the scores and declarations of the preau call now under evaluation."""
from __future__ import annotations

from occupancies.workflow import OccupantType, UseCategory
from portal.demo.call_texts import APPEAL_MOLENBEEK

U, T = UseCategory, OccupantType

EVALUATORS = [
    # email local part, name, language
    ("commune.evaluator", "Youssef Haddad", "fr"),
    ("commune.beoordelaar", "Lotte Vermeulen", "nl"),
]

RANSFORT_FLOOR = dict(
    title_fr="Ancienne école Ransfort : le deuxième étage pour un hébergement d'urgence",
    title_nl="Voormalige school Ransfort: de tweede verdieping voor noodopvang",
    description_fr=(
        "La Commune de Molenbeek-Saint-Jean met à disposition le deuxième étage de l'ancienne école Ransfort "
        "(600 m², six anciennes classes, sanitaires à rénover par la Commune) pour un projet d'hébergement "
        "d'urgence de personnes sans chez-soi, avec un accompagnement social sur place, de janvier 2027 à la fin "
        "de 2028."),
    description_nl=(
        "De gemeente Sint-Jans-Molenbeek stelt de tweede verdieping van de voormalige school Ransfort ter "
        "beschikking (600 m², zes voormalige klaslokalen, sanitair te renoveren door de gemeente) voor een project "
        "van noodopvang voor dak- en thuislozen, met sociale begeleiding ter plaatse, van januari 2027 tot eind "
        "2028."),
    uses=[U.emergency_housing.value, U.housing_insertion.value], scale=5, tie_rule="earliest_submission",
    support_fr="La Commune rénove les sanitaires et installe une détection incendie avant l'entrée dans les lieux.",
    support_nl="De gemeente renoveert het sanitair en plaatst branddetectie vóór de ingebruikname.",
    support_amount=None, free_use=True, monthly_fee=None, min_social_share=100, min_use_categories=None,
    **APPEAL_MOLENBEEK,
)
RANSFORT_FLOOR_CRITERIA = [
    {"label_fr": "Qualité de l'accompagnement social", "label_nl": "Kwaliteit van de sociale begeleiding",
     "weight": 50, "guidance_fr": "Équipe, présence sur place, orientation vers un logement durable.",
     "guidance_nl": "Team, aanwezigheid ter plaatse, doorverwijzing naar duurzame huisvesting."},
    {"label_fr": "Capacité et aménagement", "label_nl": "Capaciteit en inrichting", "weight": 30,
     "guidance_fr": "Nombre de places, aménagement des classes, sécurité.",
     "guidance_nl": "Aantal plaatsen, inrichting van de lokalen, veiligheid."},
    {"label_fr": "Relations avec le quartier et les autres occupants",
     "label_nl": "Relaties met de buurt en de andere bezetters", "weight": 20,
     "guidance_fr": "Comment le projet vit-il avec l'école et la rue ?",
     "guidance_nl": "Hoe leeft het project samen met de school en de straat?"},
]
RANSFORT_FLOOR_CONDITIONS = [
    {"text_fr": "Être agréé ou subventionné comme service d'aide aux personnes sans abri en Région bruxelloise.",
     "text_nl": "Erkend of gesubsidieerd zijn als dienst voor daklozenhulp in het Brussels Hoofdstedelijk Gewest."},
]
RANSFORT_FLOOR_APPLICATIONS = [
    # applicant, days before the deadline it was submitted, values
    ("new-samusocial", 5, dict(
        summary="Un centre d'hébergement d'urgence de 40 places pour des femmes seules et des familles, ouvert "
                "jour et nuit, avec une équipe sociale présente sept jours sur sept.",
        use_category=U.emergency_housing, occupant_type=T.association,
        answers=["Équipe de six travailleurs sociaux et deux infirmiers ; un plan d'accompagnement par ménage dès "
                 "la première semaine, avec ouverture des droits et orientation vers Housing First.",
                 "Quarante places dans les six classes, cloisons légères démontables, veille de nuit, détection "
                 "incendie reliée au central.",
                 "Un comité de voisinage chaque trimestre avec l'école et les autres occupants ; un numéro joignable "
                 "jour et nuit pour les riverains."],
        statements=["Oui : centre agréé par la Commission communautaire commune."])),
    ("diogenes", 2, dict(
        summary="Des logements de transit pour des personnes accompagnées en rue par DIOGENES, vers un logement "
                "durable.",
        use_category=U.housing_insertion, occupant_type=T.association,
        answers=["Les travailleurs de rue de DIOGENES accompagnent chaque résident ; un référent pour cinq "
                 "personnes, présent en journée.",
                 "Douze chambres individuelles dans les classes, cuisine commune ; la sécurité de nuit reste à "
                 "organiser.",
                 "Participation aux fêtes de quartier de l'école ; pas encore de dispositif pour les riverains."],
        statements=["Oui : DIOGENES est subventionné par la COCOM pour le travail de rue."])),
    ("smes", 1, dict(
        summary="Un lieu de répit pour des personnes en souffrance psychique, en journée.",
        use_category=U.emergency_housing, occupant_type=T.association,
        answers=["Équipe psychosociale de quatre personnes en journée.",
                 "Accueil de jour de vingt personnes, sans hébergement de nuit.",
                 "Lien avec la maison médicale du quartier."],
        statements=["Notre agrément comme service d'aide aux sans-abri est en cours de demande."])),
]
# Scores of each evaluator (by email local part) for each applicant: (score, justification) per criterion.
RANSFORT_FLOOR_SCORES = {
    "commune.evaluator": {
        "new-samusocial": [(5, "Équipe complète et présente sept jours sur sept ; orientation vers Housing First."),
                           (4, "Quarante places bien réparties ; veille de nuit prévue."),
                           (4, "Comité de voisinage trimestriel et numéro joignable jour et nuit.")],
        "diogenes": [(4, "Accompagnement de rue solide, mais présence limitée à la journée."),
                     (2, "Douze places seulement et sécurité de nuit non organisée."),
                     (3, "Bonne volonté, aucun dispositif concret pour les riverains.")],
    },
    "commune.beoordelaar": {
        "new-samusocial": [(4, "Sterk team, duidelijke doorverwijzing naar duurzame huisvesting."),
                           (5, "Goede inrichting en brandveiligheid gekoppeld aan de centrale."),
                           (4, "Concreet overleg met de buurt en de school.")],
        "diogenes": [(4, "Ervaren straathoekwerkers, goede omkadering overdag."),
                     (3, "Beperkte capaciteit; nachtveiligheid nog te regelen."),
                     (3, "Weinig concreet voor de buurtbewoners.")],
    },
}
RANSFORT_FLOOR_INELIGIBLE = (
    "smes", "L'agrément n'est pas encore obtenu : seul un service agréé ou subventionné peut être retenu.")
# The decision's reasons, in French and in Dutch: every applicant reads them in its language.
RANSFORT_FLOOR_DECISION_FR = (
    "Le Collège retient le projet du New Samusocial, classé premier avec 88,00 points sur 100 : son équipe est "
    "présente jour et nuit et sa capacité de quarante places répond aux besoins recensés par le CPAS. Les "
    "candidatures non retenues ont obtenu un score inférieur, en particulier sur la capacité et la sécurité de "
    "nuit ; une candidature n'était pas recevable, faute d'agrément.")
RANSFORT_FLOOR_DECISION_NL = (
    "Het College kiest het project van New Samusocial, dat met 88,00 punten op 100 als eerste gerangschikt is: "
    "het team is dag en nacht aanwezig en de capaciteit van veertig plaatsen beantwoordt aan de noden die het "
    "OCMW heeft vastgesteld. De niet-gekozen kandidaturen behaalden een lagere score, vooral op de capaciteit en "
    "de veiligheid 's nachts; één kandidatuur was niet ontvankelijk, bij gebrek aan erkenning.")

# The preau call, now under evaluation: Youssef declares a conflict with Collectif Interstices; Lotte has
# submitted her scores of two applications, Youssef has a draft for one.
RANSFORT_PREAU_CONFLICT = (
    "commune.evaluator", "collectif-interstices",
    "J'ai été administrateur bénévole du Collectif Interstices jusqu'en juin 2025.")
RANSFORT_PREAU_SCORES = {
    "commune.beoordelaar": {
        "collectif-interstices": [(5, "Gratis ateliers voor kinderen elke week en een open podium: zeer open."),
                                  (4, "Sluit aan bij hun activiteiten op de benedenverdieping."),
                                  (3, "Haalbare begroting, subsidies nog niet allemaal toegekend."),
                                  (4, "Duidelijke afspraken over sleutels en planning.")],
        "communa": [(4, "Repair café twee keer per week, toegankelijk voor iedereen."),
                    (5, "Levert materiaal aan de ateliers van de eerste verdieping: sterke band."),
                    (4, "Degelijke begroting en bestaand materiaal."),
                    (4, "Afsluitbare opslag, de speelplaats blijft vrij.")],
    },
}
RANSFORT_PREAU_DRAFT = (
    "commune.evaluator", "communa",
    [(4, "Atelier ouvert deux fois par semaine, gratuit pour les habitants."), None, None, None])

"""The Brussels-Capital Region's reference data: its 19 communes, named in French and Dutch."""
from __future__ import annotations

# The 19 communes of the Brussels-Capital Region, with their Dutch names and main postcode.
COMMUNES: dict[str, tuple[str, str]] = {
    "anderlecht": ("Anderlecht", "Anderlecht"),
    "auderghem": ("Auderghem", "Oudergem"),
    "berchem-sainte-agathe": ("Berchem-Sainte-Agathe", "Sint-Agatha-Berchem"),
    "bruxelles": ("Bruxelles", "Brussel"),
    "etterbeek": ("Etterbeek", "Etterbeek"),
    "evere": ("Evere", "Evere"),
    "forest": ("Forest", "Vorst"),
    "ganshoren": ("Ganshoren", "Ganshoren"),
    "ixelles": ("Ixelles", "Elsene"),
    "jette": ("Jette", "Jette"),
    "koekelberg": ("Koekelberg", "Koekelberg"),
    "molenbeek-saint-jean": ("Molenbeek-Saint-Jean", "Sint-Jans-Molenbeek"),
    "saint-gilles": ("Saint-Gilles", "Sint-Gillis"),
    "saint-josse-ten-noode": ("Saint-Josse-ten-Noode", "Sint-Joost-ten-Node"),
    "schaerbeek": ("Schaerbeek", "Schaarbeek"),
    "uccle": ("Uccle", "Ukkel"),
    "watermael-boitsfort": ("Watermael-Boitsfort", "Watermaal-Bosvoorde"),
    "woluwe-saint-lambert": ("Woluwe-Saint-Lambert", "Sint-Lambrechts-Woluwe"),
    "woluwe-saint-pierre": ("Woluwe-Saint-Pierre", "Sint-Pieters-Woluwe"),
}


def commune_name(code: str | None, language: str = "fr") -> str:
    if not code or code not in COMMUNES:
        return ""
    fr, nl = COMMUNES[code]
    return nl if language == "nl" else fr


def commune_options(language: str) -> list[tuple[str, str]]:
    """(code, name) of every commune, in alphabetical order of the name in that language."""
    return sorted(((code, commune_name(code, language)) for code in COMMUNES), key=lambda item: item[1])

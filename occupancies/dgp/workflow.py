"""The index series of the public management right and their words."""
from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l

from occupancies.dgp.rules import DwellingKind


class Series(StrEnum):
    health = "health"      # the health index (base 2013): the capped rents are indexed by August's
    abex = "abex"          # the ABEX index of building costs: the loan's cap per m² is indexed by it


SERIES_LABELS = {Series.health: _l("Health index (base 2013)"), Series.abex: _l("ABEX index")}
SERIES_USES = {
    Series.health: _l("The maximum rents of 1 January are indexed by the health index of August of the year "
                      "before."),
    Series.abex: _l("The loan's cap per gross renovated m² is indexed on 1 January by the ABEX index (base May "
                    "2022)."),
}

KIND_LABELS = {DwellingKind.studio: _l("Studio"), DwellingKind.flat: _l("Flat"), DwellingKind.house: _l("House")}

AUDIT_LABELS = {
    "dgp.index_recorded": _l("Index value recorded"),
    "dgp.index_corrected": _l("Index value corrected"),
}

"""Needs (issue 20): associations say what they look for; owners and the Guichet (and, for a public need,
everyone) read the current ones."""
from occupancies.needs import models, permissions, workflow
from occupancies.needs.views import BLUEPRINTS
from occupancies.workflow import SITE_KIND_LABELS
from portal.features import Feature, helpers_of

FEATURE = Feature(
    name="needs",
    blueprints=BLUEPRINTS,
    models=(models,),
    audit_labels=workflow.AUDIT_LABELS,
    template_helpers=helpers_of(permissions, EQUIPMENT_LABELS=workflow.EQUIPMENT_LABELS,
                                VISIBILITY_LABELS=workflow.VISIBILITY_LABELS, SITE_KIND_LABELS=SITE_KIND_LABELS),
)

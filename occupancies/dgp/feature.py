"""The public management right (seed 001): its rules, the index series the Guichet keeps, the capped rents."""
from occupancies.dgp import models, permissions, rules, workflow
from occupancies.dgp.views import BLUEPRINTS
from portal.features import Feature, helpers_of

FEATURE = Feature(
    name="dgp",
    blueprints=BLUEPRINTS,
    models=(models,),
    audit_labels=workflow.AUDIT_LABELS,
    template_helpers=helpers_of(permissions, or_more=rules.or_more),
)

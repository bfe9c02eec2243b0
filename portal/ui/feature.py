"""The shell's public pages (the landing page, the way to one's dashboard, the health check) and its own tables:
the audit log and the jobs scheduled without Redis."""
from portal.audit import models as audit_models
from portal.features import Feature
from portal.jobs import models as job_models
from portal.ui.views import BLUEPRINTS

FEATURE = Feature(name="shell", blueprints=BLUEPRINTS, models=(audit_models, job_models))

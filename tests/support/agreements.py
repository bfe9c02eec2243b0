"""An agreement ready to sign, for the web and browser tests of signing."""
from __future__ import annotations

from datetime import date

from calls.applications.models import Application
from calls.applications.workflow import ApplicationStatus
from occupancies.agreements import operations as ops
from occupancies.agreements.queries import terms_from_application
from portal.accounts.models import User
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.evaluation import make_evaluation
from tests.support.web import Jobs


def make_sent_agreement(app, world) -> int:
    """owner-a's agreement with occupant-a for 2027, drafted and sent by owner-a's editor, its document rendered."""
    with app.test_request_context():
        ev = make_evaluation()
        application = db.session.get(Application, ev.applications["a"])
        application.status = ApplicationStatus.selected
        application.call.occupancy_start, application.call.occupancy_end = date(2027, 1, 1), date(2027, 12, 31)
        editor = db.session.get(User, world.owner_editor)
        agreement = ops.draft_agreement(db.session.get(Organisation, world.owner), application.call.site,
                                        application.applicant, terms_from_application(application), actor=editor,
                                        application=application)
        ops.send_version(agreement, actor=editor)
        db.session.commit()
        agreement_id = agreement.id
    Jobs(app).run()      # the document is rendered by a job after the commit (inline, or RQ)
    return agreement_id

"""The index series the Guichet keeps: /guichet/dgp/indices"""
from __future__ import annotations

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from occupancies.dgp import operations as ops
from occupancies.dgp import permissions as p
from occupancies.dgp import queries
from occupancies.dgp.forms import IndexForm
from occupancies.dgp.workflow import SERIES_LABELS, SERIES_USES, Series
from portal.permissions import require
from portal.tenancy import guichet_blueprint
from portal.ui.helpers import REFUSED, done, submit

bp = guichet_blueprint("guichet_dgp", __name__, url_prefix="/dgp", template_folder="../templates")


def _page(form=None, status=200):
    require(p.can_read_indices(current_user))
    return render_template("dgp/indices.html", form=form or IndexForm(formdata=None),
                           series={s: queries.series_values(s) for s in Series}, SERIES_LABELS=SERIES_LABELS,
                           SERIES_USES=SERIES_USES, may_maintain=p.can_maintain_indices(current_user)), status


@bp.route("/indices")
def indices():
    return _page()


@bp.route("/indices", methods=["POST"])
def record():
    require(p.can_maintain_indices(current_user))
    form = IndexForm()
    recorded = submit(form, lambda: ops.record_index(form.chosen_series(), form.month_day(), form.value.data,
                                                     actor=current_user))
    if recorded is REFUSED:
        return _page(form, status=422)
    return done(_("The value is recorded: the rents and caps it indexes follow it."), url_for("guichet_dgp.indices"))

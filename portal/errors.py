"""How a rule refuses a change: every operation raises these, and the one write path (portal.ui.forms.submit)
puts each message beside its field with nothing saved."""
from __future__ import annotations


class OperationError(Exception):
    """A rule refused the change; `field` says which form field the message belongs beside (None: the form)."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message, self.field = message, field

    @property
    def problems(self) -> dict:
        """{field: message}: one problem here, several in Problems."""
        return {self.field: self.message}


class Problems(OperationError):
    """Every problem of a form at once, each beside its field ({field: message})."""

    def __init__(self, problems: dict):
        field, message = next(iter(problems.items()))
        super().__init__(message, field=field)
        self._problems = dict(problems)

    @property
    def problems(self) -> dict:
        return self._problems

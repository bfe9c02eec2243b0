"""What the evaluator's buttons say (issue 17, item 13): an action, in every language, never a noun."""
import re
from types import SimpleNamespace

import pytest

from tests.support.evaluation import assign, declare, make_evaluation, mark_eligibility


@pytest.fixture
def evaluation(app, world):
    with app.app_context():
        return make_evaluation()


def _buttons(html: str) -> list[str]:
    """The labels of the dashboard's task buttons."""
    return [re.sub(r"\s+", " ", label).strip()
            for label in re.findall(r'class="btn btn-sm btn-outline-primary text-nowrap"[^>]*>(.*?)</a>', html, re.S)]


@pytest.mark.parametrize(("language", "label", "noun"), [
    ("en", "Score the applications", "Score"),
    ("fr", "Noter les candidatures", "Note"),
    ("nl", "Kandidaturen beoordelen", "Score"),
])
def test_the_evaluators_task_button_says_what_to_do(app, world, evaluation, make_client, language, label, noun):
    clients = SimpleNamespace(admin=make_client().login(world.owner_admin),
                              editor=make_client().login(world.owner_editor),
                              eva=make_client().login(world.owner_evaluator),
                              sam=make_client().login(evaluation.evaluator2))
    assign(clients.admin, evaluation, world.owner_evaluator, evaluation.evaluator2)
    declare(clients.eva, evaluation)
    for key in "abcd":
        mark_eligibility(clients.editor, evaluation, key)
    page = clients.eva.get(f"/o/owner-a/?lang={language}").get_data(as_text=True)
    buttons = _buttons(page)
    assert label in buttons, buttons
    assert noun not in buttons

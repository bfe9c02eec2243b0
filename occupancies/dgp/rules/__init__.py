"""The rules of the public management right (seed 001), as pure functions of the dates and amounts recorded on a
case: the deadlines the law sets, the capped rents and their indexation, the estimated management period, the
loan's cap and repayment, the end of the management and an owner's early takeover.

Days are Brussels days (portal.clock gives them). A month added to a day keeps its number, or falls on the last day
of a shorter month: a letter received on 31 December is answered by 28 February (29 in a leap year). Money is
Decimal, in cents rounded half up, as the guide's own table is.

The rules live in four modules, all re-exported here: `delays` (the dates and the deadline engine), `money`
(rents, loan, ledger), `steps` (phases and steps), `letters` (which letter goes with which step, and when)."""
from occupancies.dgp.rules.delays import *  # noqa: F403
from occupancies.dgp.rules.letters import *  # noqa: F403
from occupancies.dgp.rules.money import *  # noqa: F403
from occupancies.dgp.rules.steps import *  # noqa: F403

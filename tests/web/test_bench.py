"""scripts/bench seeds the schema as it is today and measures every page it lists: run small, on SQLite, so that a
change to the models cannot leave it broken until the next time someone measures (units renamed their label once)."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SMALL = {"BENCH_ORGS": "40", "BENCH_MEMBERS": "310", "BENCH_EVENTS": "100", "BENCH_NOTIFICATIONS": "10",
         "BENCH_SITES": "50", "BENCH_OCCUPANCIES": "100", "BENCH_CALLS": "20", "BENCH_APPLICATIONS": "100",
         "BENCH_EVALUATED": "10", "BENCH_EVALUATORS": "2", "BENCH_REPORTS": "200", "BENCH_SESSIONS": "10",
         "BENCH_SIGNALS": "40", "BENCH_CASES": "40", "BENCH_RUNS": "1", "BENCH_NEEDS": "20",
         "BENCH_DIGEST_PEOPLE": "30", "BENCH_DIGEST_EACH": "3"}


def test_the_bench_seeds_and_measures_every_page():
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench")], env={**env, **SMALL}, cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert lines[0].startswith("seeded 40 organisations") and "(sqlite)" in lines[0]
    measured = [line for line in lines if line.startswith("/")]
    assert len(measured) == 57 and any(line.startswith("/o/org-0/calls/3/evaluation/ranking") for line in measured)
    assert lines[-4].startswith("agreement PDF download from storage")
    assert lines[-2].startswith("matching job of the last call, with its e-mails: 20 needs met")
    assert lines[-1].startswith("weekly digests: 30 e-mails (30 in the outbox) for 30 people and 90 notifications")

#!/usr/bin/env python3
"""DOMAIN.md worked example 2, from Python: the events of examples/data/example-case.jsonl, played
by name through the binding; exits non-zero unless every date is the one DOMAIN.md works out.

    /usr/bin/python3 -m venv --system-site-packages .venv
    .venv/bin/pip install --no-build-isolation bindings/python
    .venv/bin/python examples/worked_example_2.py
"""
import datetime
import json
import sys
from pathlib import Path

import caseflow

EVENTS = Path(__file__).resolve().parent / "data" / "example-case.jsonl"
AS_OF = datetime.date(2018, 9, 1)

# What DOMAIN.md §7 example 2 says, worked out by hand.
EXPECTED = {
    "state": "job_clarification",
    "transitions": [("2018-01-08", "sick_listed"), ("2018-07-31", "reassessment_point"),
                    ("2018-08-01", "job_clarification_start")],
    "obligations": [("first_followup", "2018-03-04", "missed", None),
                    ("reassessment_decision", "2018-07-31", "met", "2018-07-10"),
                    ("rehabilitation_team_meeting", "2018-08-29", "overdue", None)],
    "timers": [("job_clarification_end", "2020-07-31")],
}


def iso(d):
    return d.isoformat() if d else None


def main():
    dk = caseflow.RuleSet.builtin("dk")
    with caseflow.Case(dk) as case:
        for line in EVENTS.read_text(encoding="utf-8").splitlines():
            event = json.loads(line)
            fields = {k: v for k, v in event.items() if k not in ("case", "date", "event")}
            case.apply(event["event"], event["date"], **fields)
        case.advance(AS_OF)

        actual = {
            "state": case.state,
            "transitions": [(iso(t.date), t.cause) for t in case.transitions()],
            "obligations": [(o.name, iso(o.due), o.status, iso(o.met_on)) for o in case.obligations(AS_OF)],
            "timers": [(t.name, iso(t.due)) for t in case.timers()],
        }
        print(f"E2 under {dk.name} as of {AS_OF}: {case.state} (caseworker {case.variable('caseworker')})")
        for t in case.transitions():
            print(f"  {t.date}  {t.from_state or '(no case)'} -> {t.to_state}  ({t.cause}; {t.legal_ref})")
        for o in case.obligations(AS_OF):
            print(f"  {o.name:<28} due {o.due}  {o.status}{' on ' + iso(o.met_on) if o.met_on else ''}")
        for t in case.timers():
            print(f"  {t.due}  {t.name}")

    wrong = [key for key in EXPECTED if actual[key] != EXPECTED[key]]
    for key in wrong:
        print(f"MISMATCH {key}: got {actual[key]}, DOMAIN.md says {EXPECTED[key]}", file=sys.stderr)
    if wrong:
        return 1
    print("all dates match DOMAIN.md worked example 2")
    return 0


if __name__ == "__main__":
    sys.exit(main())

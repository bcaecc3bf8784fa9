#!/usr/bin/python3
"""Writes examples/data/caseload.jsonl: a synthetic caseload for `caseflow screen` under `dk`.

10,000 cases sick-listed between 1 Jan 2024 and 30 Nov 2025, 12 caseworkers in 4 teams, with
visitations, follow-ups (some late, some missing), stops and resumes, caseworker changes,
external actors, and the usual endings: recovery, closure (some technical), a refused extension
followed by job clarification, an extension on a ground, or the rehabilitation team and a
resource course. The seed is fixed, so the file is the same on every run:

    /usr/bin/python3 examples/data/generate_caseload.py > examples/data/caseload.jsonl

Only the standard library is used; every event is one the `dk` rules accept in the state the
case is in, so the caseload plays without rejections.
"""
import datetime as dt
import json
import random
import sys

SEED = 20251201
CASES = 10_000
FIRST_DAY1 = dt.date(2024, 1, 1)
LAST_DAY1 = dt.date(2025, 11, 30)
CATEGORY_3_ABOLISHED = dt.date(2025, 1, 1)
HORIZON = dt.date(2026, 1, 31)

TEAMS = {
    "North": ["Anna Berg", "Bo Dahl", "Clara Eriksen"],
    "South": ["David Friis", "Eva Gram", "Frederik Holm"],
    "East": ["Gitte Iversen", "Hans Jensen", "Ida Kjær"],
    "West": ["Jonas Lund", "Karen Madsen", "Lars Nygaard"],
}
CASEWORKERS = [(name, team) for team, names in TEAMS.items() for name in names]
CLOSE_REASONS = ["technical", "employment", "employment", "education", "moved", "other_benefit", "pension_age"]


def event(case, date, name, **fields):
    return {"case": case, "date": date.isoformat(), "event": name, **fields}


def one_case(rng, number):
    case = f"C{number:05d}"
    day1 = FIRST_DAY1 + dt.timedelta(days=rng.randrange((LAST_DAY1 - FIRST_DAY1).days + 1))
    d = lambda n: day1 + dt.timedelta(days=n)  # noqa: E731 - day 1 + n
    employment = rng.choices(["employee", "unemployed", "self_employed"], [80, 12, 8])[0]
    events = [event(case, day1, "sick_listed", employment=employment)]
    worker, team = rng.choice(CASEWORKERS)
    events.append(event(case, d(rng.randrange(1, 4)), "caseworker_assigned", caseworker=worker, team=team))
    category = rng.choices([1, 2, 3], [30, 50, 20])[0]
    visited = d(rng.randrange(10, 26))
    if category == 3 and visited >= CATEGORY_3_ABOLISHED:
        category = 2  # category 3 was abolished on 1 Jan 2025 (docs/law.md#2025)
    events.append(event(case, visited, "visitation", category=category))

    # How the case ends, and when (days after day 1): nothing is dated after the end.
    ending = rng.choices(["recovered", "closed", "refused", "extended", "rehabilitation", "open"],
                         [40, 15, 15, 10, 5, 15])[0]
    end = {"recovered": rng.randrange(30, 300), "closed": rng.randrange(30, 400)}.get(ending, 10_000)
    if ending == "refused" and rng.random() < 0.3:
        end = rng.randrange(300, 500)  # job clarification, then recovery

    # Follow-ups: the first around day 30–70 (after day 56 it is late), then every 3–6 weeks;
    # one case in ten has no follow-up at all.
    if rng.random() > 0.1:
        day = rng.randrange(30, 71)
        while day < min(end, 420):
            events.append(event(case, d(day), "followup_held"))
            day += rng.randrange(21, 43)
    stopped = rng.random() < 0.05
    if stopped and end > 55:
        events.append(event(case, d(40), "benefit_stopped"))
        events.append(event(case, d(50), "benefit_resumed"))
    if rng.random() < 0.08 and end > 61:
        events.append(event(case, d(60), "external_actor_assigned", provider=rng.choice(["Jobcenter Plus", "Fokus Rehab"])))
    if rng.random() < 0.10 and end > 91:
        other, other_team = rng.choice([cw for cw in CASEWORKERS if cw[0] != worker])
        events.append(event(case, d(90), "caseworker_assigned", caseworker=other, team=other_team))
    if rng.random() < 0.2 and end > 101:
        events.append(event(case, d(rng.randrange(60, 100)), "medical_consultant_consulted"))

    if ending == "recovered":
        events.append(event(case, d(end), "recovered"))
    elif ending == "closed":
        events.append(event(case, d(end), "case_closed", reason=rng.choice(CLOSE_REASONS)))
    elif ending == "refused":
        events.append(event(case, d(rng.randrange(120, 200)), "extension_refused"))
        if end < 10_000:
            events.append(event(case, d(end), "recovered"))
    elif ending == "extended":
        ground = rng.choice(["medical_treatment", "work_capacity_clarification", "life_threatening_illness"])
        events.append(event(case, d(rng.randrange(130, 180)), "extension_granted", ground=ground))
    elif ending == "rehabilitation":
        start = rng.randrange(100, 160)
        events.append(event(case, d(start), "referred_to_rehabilitation_team"))
        events.append(event(case, d(start + 10), "preparatory_plan_completed"))
        events.append(event(case, d(start + 30), "rehabilitation_team_recommended", recommendation="resource_course"))
        decided = d(start + 45)
        events.append(event(case, decided, "decision", outcome="resource_course",
                            until=(decided + dt.timedelta(days=730)).isoformat()))
    return [e for e in events if dt.date.fromisoformat(e["date"]) <= HORIZON]


def main():
    rng = random.Random(SEED)
    events = []
    for number in range(1, CASES + 1):
        events.extend(one_case(rng, number))
    # Cases interleaved by date; within a case the order above is kept (a stable sort).
    events.sort(key=lambda e: e["date"])
    out = sys.stdout
    for e in events:
        out.write(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()

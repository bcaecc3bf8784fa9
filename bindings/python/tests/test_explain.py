"""Case.explain(): the engine's explanation of a case as a dict, with the arithmetic `caseflow
explain` prints, and the same dates through the CLI, the C ABI (which the binding calls) and Python."""
import json
import subprocess

import pytest

import caseflow
from caseflow import CaseflowError

from conftest import REPO, d

EXAMPLE = REPO / "examples" / "data" / "example-case.jsonl"
FILES = [EXAMPLE, REPO / "tests" / "cli" / "data" / "extension_2018.jsonl",
         REPO / "tests" / "cli" / "data" / "employee_2025.jsonl"]


def play(rules, path, case_id, record=True):
    """The case's events of a JSON Lines file applied in order, as `caseflow explain` does; rejected
    lines are skipped as the CLI skips them."""
    case = caseflow.Case(rules)
    if record:
        case.record_explanations()
    latest = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        event = json.loads(line)
        latest = max(latest or event["date"], event["date"])
        if event["case"] != case_id:
            continue
        fields = {k: v for k, v in event.items() if k not in ("case", "date", "event")}
        try:
            case.apply(event["event"], d(event["date"]), **fields)
        except CaseflowError:
            pass
    return case, latest


def case_ids(path):
    ids = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and json.loads(line)["case"] not in ids:
            ids.append(json.loads(line)["case"])
    return ids


def step_texts(steps):
    for s in steps:
        yield s["text"]
        yield from step_texts(s["because"])


def all_steps(explained):
    for t in explained["transitions"]:
        if "timer_run" in t:
            yield from step_texts(t["timer_run"]["date"]["steps"])
    for o in explained["obligations"]:
        yield from step_texts(o["due_date"]["steps"])
    for t in explained["timers"]:
        yield from step_texts(t["date"]["steps"])


def test_worked_example_2(dk):
    case, _ = play(dk, EXAMPLE, "E2")
    with case:
        e = case.explain(as_of=d("2018-09-01"), case_id="E2")
    assert (e["case"], e["state"], e["day1"], e["as_of"]) == ("E2", "job_clarification", "2018-01-08", "2018-09-01")
    assert [t["to"] for t in e["transitions"]] == ["sickness_benefit.ongoing", "sickness_benefit.reassessment",
                                                   "job_clarification"]
    start = e["transitions"][2]["timer_run"]
    assert start["started"] == "2018-07-10"
    assert "the later of 1 Aug 2018 and 11 Jul 2018 is 1 Aug 2018" in list(step_texts(start["date"]["steps"]))
    meeting = next(o for o in e["obligations"] if o["name"] == "rehabilitation_team_meeting")
    assert (meeting["due"], meeting["status"], meeting["due_date"]["result"]) == ("2018-08-29", "overdue", "2018-08-29")
    [step] = step_texts(meeting["due_date"]["steps"])
    assert step.startswith("1 Aug 2018 (the day it arose) + 28 days (team_meeting_days") and step.endswith("= 29 Aug 2018")
    assert [(t["name"], t["due"]) for t in e["timers"]] == [("job_clarification_end", "2020-07-31")]
    assert e["disagreements"] == []


def test_without_recording_the_dates_are_worked_out_again(dk):
    case, _ = play(dk, EXAMPLE, "E2", record=False)
    with case:
        e = case.explain(as_of=d("2018-09-01"))
        # The explanation works on a copy: the case is where it was.
        assert case.clock == d("2018-07-10")
    assert all(not o["due_date"]["recorded"] and o["due_date"]["result"] == o["due"] for o in e["obligations"])
    assert [t["timer_run"]["date"]["explained"] for t in e["transitions"][1:]] == [False, False]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_same_dates_and_steps_as_the_cli(cli, dk, path):
    for case_id in case_ids(path):
        case, latest = play(dk, path, case_id)
        with case:
            mine = case.explain(as_of=d(latest), case_id=case_id)
        run = subprocess.run([cli, "timeline", "--rules", "dk", "--events", str(path), "--json"], capture_output=True,
                             text=True)
        timeline = next(json.loads(line) for line in run.stdout.splitlines() if json.loads(line)["case"] == case_id)
        assert [(o["name"], o["due"], o["status"]) for o in mine["obligations"]] == \
            [(o["name"], o["due"], o["status"]) for o in timeline["obligations"]]
        assert [o["due_date"]["result"] for o in mine["obligations"]] == [o["due"] for o in timeline["obligations"]]
        assert [(t["name"], t["due"]) for t in mine["timers"]] == [(t["name"], t["due"]) for t in timeline["timers"]]
        assert mine["state"] == timeline["state"]
        printed = subprocess.run([cli, "explain", "--rules", "dk", "--events", str(path), "--case", case_id],
                                 capture_output=True, text=True).stdout
        at = 0
        for text in all_steps(mine):
            at = printed.find("- " + text + "\n", at)
            assert at >= 0, f"{case_id}: not printed by caseflow explain: {text}"


def test_a_view_of_a_caseload_case_explains_too(dk):
    with caseflow.Caseload(dk) as load:
        load.add_case("E2")
        load.apply("E2", "sick_listed", d("2018-01-08"), employment="employee")
        load.apply("E2", "extension_refused", d("2018-07-10"))
        e = load.case("E2").explain(as_of=d("2018-09-01"))
    assert e["state"] == "job_clarification"
    assert e["obligations"][-1]["due_date"]["result"] == "2018-08-29"

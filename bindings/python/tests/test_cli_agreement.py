"""A Python client written from the documentation plays the law scenarios' events (and the
README's example) through a Caseload and gets exactly the JSON `caseflow timeline --json` prints."""
import json
import subprocess

import pytest

import caseflow
from caseflow import CaseflowError

from conftest import REPO

SCENARIOS = sorted((REPO / "tests" / "scenarios").glob("*/*.expect.json"))


def play(rules_name, events_path, as_of):
    """What `caseflow timeline --rules R --events F --as-of D --json` does, through the binding."""
    rules = caseflow.RuleSet.builtin(rules_name)
    as_of_day = caseflow.to_days(as_of)
    order, out = [], []
    with caseflow.Caseload(rules) as load:
        for line in events_path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            try:
                event = json.loads(line)
                fields = {k: v for k, v in event.items() if k not in ("case", "date", "event")}
                case, date, name = event["case"], event["date"], event["event"]
                if not all(isinstance(x, str) for x in (case, date, name)):
                    continue
                if caseflow.to_days(date) > as_of_day:
                    # Bad input is rejected whatever its date; only well-formed late events are skipped.
                    continue
                load.add_case(case)
                load.apply(case, name, date, **fields)
            except (CaseflowError, TypeError, ValueError, KeyError, AttributeError):
                continue  # the CLI reports the line and goes on
            if case not in order:
                order.append(case)
        load.advance(as_of)
        for case in order:
            out.append(load.timeline(case, as_of=as_of))
    return out


def cli_timeline(cli, rules_name, events_path, as_of):
    run = subprocess.run([cli, "timeline", "--rules", rules_name, "--events", str(events_path), "--as-of", as_of,
                          "--json"], capture_output=True, text=True)
    return [json.loads(line) for line in run.stdout.splitlines()]


@pytest.mark.parametrize("expect", SCENARIOS, ids=[f"{p.parent.name}/{p.name[:-12]}" for p in SCENARIOS])
def test_same_json_as_the_cli(cli, expect):
    spec = json.loads(expect.read_text(encoding="utf-8"))
    events = expect.with_name(expect.name.replace(".expect.json", ".jsonl"))
    mine = play(spec["ruleset"], events, spec["as_of"])
    assert [c["case"] for c in mine] == [c["case"] for c in spec.get("cases", [])], "the cases the scenario expects"
    assert mine == cli_timeline(cli, spec["ruleset"], events, spec["as_of"])


def test_the_readme_example(cli):
    events = REPO / "examples" / "data" / "example-case.jsonl"
    mine = play("dk", events, "2018-09-01")
    assert mine == cli_timeline(cli, "dk", events, "2018-09-01")
    assert mine[0]["state"] == "job_clarification"


def test_the_example_caseload(cli):
    """10,000 cases of every kind DOMAIN.md describes (examples/data/caseload.jsonl), mid-stream."""
    events = REPO / "examples" / "data" / "caseload.jsonl"
    if not events.exists():
        pytest.skip("no example caseload")
    mine = play("dk", events, "2025-06-30")
    assert len(mine) > 5000
    assert mine == cli_timeline(cli, "dk", events, "2025-06-30")

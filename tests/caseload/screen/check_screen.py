#!/usr/bin/env python3
"""Runs `caseflow screen --format json` on the hand-worked caseload beside this file and compares
every key of expected.json (worked out by hand from DOMAIN.md, see NOTES.md) exactly."""
import json
import os
import subprocess
import sys


def main(caseflow):
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    run = subprocess.run([caseflow, "screen", "--rules", "dk", "--events", os.path.join(here, "caseload.jsonl"),
                          "--week-of", expected["week_of"], "--format", "json"], capture_output=True, text=True)
    if run.returncode != 0:
        print(f"exit status {run.returncode}\n{run.stderr}")
        return 1
    actual = json.loads(run.stdout)
    keys = list(actual)
    if keys[:6] != ["week_of", "entering_week", "points", "overdue", "supervision_sample", "closures_previous_month"]:
        print(f"keys out of order: {keys}")
        return 1
    # The report names each point by the rule-set's name (docs/reports.md): the reassessment
    # points are points.reassessment_point, with the caseworker and team beside case and date.
    actual["reassessment_points"] = [{"case": p["case"], "date": p["date"]}
                                     for p in actual["points"].get("reassessment_point", [])]
    failed = 0
    for key, value in expected.items():
        if actual.get(key) != value:
            failed += 1
            print(f"{key}:\n  expected {json.dumps(value, ensure_ascii=False)}\n  actual   {json.dumps(actual.get(key), ensure_ascii=False)}")
    sample = actual["supervision_sample"]
    if len(sample) != min(10, len({c for v in actual["overdue"].values() for c in v})) or sample != sorted(sample):
        failed += 1
        print(f"supervision_sample is not a sorted sample of the overdue cases: {sample}")
    print("ok" if not failed else f"{failed} differences")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

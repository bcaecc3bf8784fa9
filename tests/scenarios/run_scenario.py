#!/usr/bin/env python3
"""Runs one law scenario through `caseflow timeline --json` and compares it with the dates worked
out by hand in NAME.expect.json (from DOMAIN.md, never from the engine).

Every key given in an expected case is compared exactly (lists in full and in order); keys left
out (rule, legal_ref, allowed_events) are not. `rejected` lists every input line that must be
reported on stderr, and only those, with its exact message where one is given; the exit status must then be 2, else 0.
"""
import json
import re
import subprocess
import sys


def main(caseflow, expect_path):
    with open(expect_path, encoding="utf-8") as f:
        expect = json.load(f)
    events = expect_path[: -len(".expect.json")] + ".jsonl"
    cmd = [caseflow, "timeline", "--rules", expect["ruleset"], "--events", events,
           "--as-of", expect["as_of"], "--json"]
    run = subprocess.run(cmd, capture_output=True, text=True)
    problems = []
    actual = {}
    for line in run.stdout.splitlines():
        obj = json.loads(line)
        actual[obj["case"]] = obj
    expected_cases = {c["case"]: c for c in expect.get("cases", [])}
    if set(actual) != set(expected_cases):
        problems.append(f"cases: expected {sorted(expected_cases)}, got {sorted(actual)}")
    for name, exp in expected_cases.items():
        got = actual.get(name)
        if got is None:
            continue
        for key, value in exp.items():
            have = got.get(key)
            if key in ("transitions", "obligations", "timers") and isinstance(value, list) and isinstance(have, list):
                have = [{k: item.get(k) for k in (value[i] if i < len(value) else item)} for i, item in enumerate(have)]
            if have != value:
                problems.append(f"case {name}, {key}:\n  expected {json.dumps(value, ensure_ascii=False)}\n"
                                f"  actual   {json.dumps(have, ensure_ascii=False)}")
    pattern = re.compile(r"^caseflow: error: .*?:(\d+): (.*)$")
    rejected = {}
    for line in run.stderr.splitlines():
        m = pattern.match(line)
        if m:
            rejected[int(m.group(1))] = m.group(2)
    expected_rejected = {r["line"]: r.get("why", "") for r in expect.get("rejected", [])}
    for r in expect.get("rejected", []):
        if "message" in r and r["line"] in rejected and rejected[r["line"]] != r["message"]:
            problems.append(f"line {r['line']}: expected message\n  {r['message']}\n  got\n  {rejected[r['line']]}")
    if set(rejected) != set(expected_rejected):
        problems.append(f"rejected lines: expected {sorted(expected_rejected)}, got {sorted(rejected)}\n"
                        + "".join(f"  line {n}: {msg}\n" for n, msg in sorted(rejected.items())))
    want_status = 2 if expected_rejected else 0
    if run.returncode != want_status:
        problems.append(f"exit status {run.returncode}, expected {want_status}\n{run.stderr}")
    if problems:
        print(f"FAIL {expect_path}")
        for p in problems:
            print("  " + p)
        return 1
    print(f"ok {expect_path} ({len(expected_cases)} cases, {len(expected_rejected)} rejected lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))

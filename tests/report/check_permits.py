#!/usr/bin/env python3
"""A rule-set of its own with its own report block (permits.yaml) gets its own report: runs
`caseflow screen --format json` on permits.jsonl and compares it with permits_expected.json,
worked out by hand from the events and the block (each object compared on the keys it names)."""
import json
import os
import subprocess
import sys


def subset(expected, actual, path, failures):
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            failures.append(f"{path}: expected an object, found {actual!r}")
            return
        for key, value in expected.items():
            subset(value, actual.get(key), f"{path}.{key}", failures)
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            failures.append(f"{path}: expected {json.dumps(expected, ensure_ascii=False)}, found {json.dumps(actual, ensure_ascii=False)}")
            return
        for i, (e, a) in enumerate(zip(expected, actual)):
            subset(e, a, f"{path}[{i}]", failures)
    elif expected != actual:
        failures.append(f"{path}: expected {expected!r}, found {actual!r}")


def main(caseflow):
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "permits_expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    run = subprocess.run([caseflow, "screen", "--rules", os.path.join(here, "permits.yaml"), "--events",
                          os.path.join(here, "permits.jsonl"), "--week-of", "2025-03-10", "--format", "json"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        print(f"exit status {run.returncode}\n{run.stderr}")
        return 1
    failures = []
    subset(expected, json.loads(run.stdout), "report", failures)
    text = subprocess.run([caseflow, "screen", "--rules", os.path.join(here, "permits.yaml"), "--events",
                           os.path.join(here, "permits.jsonl"), "--week-of", "2025-03-10"], capture_output=True, text=True)
    if not text.stdout.startswith("Permit office weekly list\n") or "\nTo do\n  Team U1\n    Kim (1)\n" not in text.stdout:
        failures.append("the text report does not use the block's title and headings:\n" + text.stdout[:600])
    print("\n".join(failures) if failures else "ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

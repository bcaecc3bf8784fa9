#!/usr/bin/env python3
"""Input a user really gives, through `caseflow screen` (docs/reports.md, "Input"): each fatal
input prints its message, no report, and exits 2; rejected events are counted in the report and
shown at most 20 at a time with a summary line; stdin, a byte-order mark, `;` between CSV cells
and upper-case suffixes are read like any file; events after the report date are counted and said."""
import json
import os
import subprocess
import sys
import tempfile

failures = []


def run(caseflow, args, stdin=None):
    return subprocess.run([caseflow, "screen", "--rules", "dk", "--week-of", "2025-03-10"] + args,
                          input=stdin, capture_output=True, text=True)


def fatal(caseflow, name, args, message, stdin=None):
    r = run(caseflow, args, stdin)
    if r.returncode != 2 or r.stdout != "" or message not in r.stderr:
        failures.append(f"{name}: exit {r.returncode}, stdout {r.stdout[:80]!r}, stderr {r.stderr[:300]!r}; expected 2, no report, {message!r}")


def main(caseflow):
    with tempfile.TemporaryDirectory() as tmp:
        def write(name, text):
            path = os.path.join(tmp, name)
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            return path

        fatal(caseflow, "missing file", ["--events", os.path.join(tmp, "none.jsonl")], "cannot open the events")
        fatal(caseflow, "directory", ["--events", tmp], "is a directory")
        fatal(caseflow, "empty file", ["--events", write("empty.jsonl", "")], "the input is empty")
        fatal(caseflow, "empty stdin", ["--events", "-"], "the input is empty", stdin="")
        fatal(caseflow, "header without date", ["--events", write("nodate.csv", "case,event\nA,sick_listed\n")],
              "the header row must name the columns case, date and event")
        fatal(caseflow, "unknown format", ["--events", write("x.jsonl", "{}\n"), "--format-in", "xml"], "expected auto, jsonl or csv")
        r = subprocess.run([caseflow, "screen", "--rules", "dk-1999", "--events", write("y.jsonl", "{}\n"), "--week-of", "2025-03-10"],
                           capture_output=True, text=True)
        if r.returncode != 2 or r.stdout != "" or "dk, dk-2008" not in r.stderr:
            failures.append(f"unknown rule-set: exit {r.returncode}, stderr {r.stderr!r}: expected the built-ins listed")

        one = '{"case":"A","date":"2025-01-06","event":"sick_listed","employment":"employee"}\n'
        # 25 events of a case never opened are rejected: 20 shown, then a summary line.
        ghosts = "".join('{"case":"G%d","date":"2025-01-10","event":"recovered"}\n' % i for i in range(25))
        later = '{"case":"A","date":"2025-03-11","event":"recovered"}\n'
        r = run(caseflow, ["--events", write("ghosts.jsonl", one + ghosts + later), "--format", "json"])
        shown = [l for l in r.stderr.splitlines() if ": rejected: " in l]
        report = json.loads(r.stdout) if r.stdout else {}
        if r.returncode != 2 or len(shown) != 20 or "5 more" not in r.stderr or report.get("input") != {
                "events": 1, "rejected": 25, "bad": 0, "after_date": 1} or "after --week-of" not in r.stderr:
            failures.append(f"rejections: exit {r.returncode}, {len(shown)} shown, input {report.get('input')}, stderr tail {r.stderr[-300:]!r}")

        for name, args, stdin in [
                ("stdin", ["--events", "-"], one),
                ("byte-order mark", ["--events", write("bom.jsonl", "\ufeff" + one)], None),
                ("semicolons", ["--events", write("semi.CSV", "\ufeffcase;date;event;employment\nA;2025-01-06;sick_listed;employee\n")], None),
                ("csv by content", ["--events", write("events.txt", "case,date,event,employment\nA,2025-01-06,sick_listed,employee\n")], None),
                ("forced csv", ["--events", write("events.data", "case,date,event,employment\nA,2025-01-06,sick_listed,employee\n"),
                                "--format-in", "CSV"], None)]:
            r = run(caseflow, args + ["--format", "json"], stdin)
            if r.returncode != 0 or json.loads(r.stdout or "{}").get("cases") != 1:
                failures.append(f"{name}: exit {r.returncode}, stderr {r.stderr!r}, stdout {r.stdout[:100]!r}")
    print("\n".join(failures) if failures else "ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

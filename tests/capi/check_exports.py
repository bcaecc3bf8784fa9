#!/usr/bin/env python3
"""Fails unless the shared library exports exactly the C ABI: every defined dynamic symbol starts
with cf_ (no C++ of ours, of the standard library or of a dependency leaks out), and the set of
exported functions is the set of CF_API functions declared in caseflow.h.

usage: check_exports.py LIBRARY HEADER
"""
import re
import subprocess
import sys


def exported(library):
    out = subprocess.run(["nm", "-D", "--defined-only", library], check=True, capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            names.add(fields[2].split("@")[0])
    return names


def declared(header):
    with open(header, encoding="utf-8") as f:
        text = f.read()
    return set(re.findall(r"^CF_API\b[^;(]*?\b(cf_\w+)\s*\(", text, re.MULTILINE))


def main(library, header):
    symbols, functions = exported(library), declared(header)
    problems = []
    foreign = sorted(s for s in symbols if not s.startswith("cf_"))
    if foreign:
        problems.append(f"{len(foreign)} exported symbols do not start with cf_:\n  " + "\n  ".join(foreign[:50]))
    if not functions:
        problems.append(f"no CF_API declarations found in {header}")
    missing = sorted(functions - symbols)
    if missing:
        problems.append("declared in caseflow.h but not exported:\n  " + "\n  ".join(missing))
    extra = sorted(s for s in symbols - functions if s.startswith("cf_"))
    if extra:
        problems.append("exported but not declared in caseflow.h:\n  " + "\n  ".join(extra))
    if problems:
        print("\n".join(problems))
        return 1
    print(f"{library}: exports exactly the {len(functions)} cf_ functions of caseflow.h")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))

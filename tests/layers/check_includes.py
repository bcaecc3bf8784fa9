#!/usr/bin/env python3
"""Checks the arrows between layers by reading every #include: a file under src/<layer> (and its
tests under tests/<layer>) may include private headers of its own layer and of the layers below it
only; a face (src/capi, src/cli), the Python binding, the examples, the benchmarks and the C ABI's
tests include the public API (caseflow/...) and their own directory only. No include climbs out
of its directory ("../"). The build enforces the same with its include paths; this check reads the
sources, so that a file the build happens not to compile cannot hide an arrow either.

usage: check_includes.py SOURCE_DIR --layers calendar,rules,... --faces capi,cli
Prints each forbidden include as FILE:LINE: message and exits 1 if there is any."""
import argparse
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^">]+)[">]')
SOURCES = (".c", ".cc", ".cpp", ".h", ".hpp", ".inl")


def files_under(root):
    for base, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith(SOURCES):
                yield os.path.join(base, name)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source_dir")
    parser.add_argument("--layers", required=True, help="the core layers, lowest first")
    parser.add_argument("--faces", required=True, help="the faces, which see no layer's private headers")
    args = parser.parse_args()
    src = os.path.join(args.source_dir, "src")
    layers = args.layers.split(",")
    faces = args.faces.split(",")
    private_dirs = set(layers) | set(faces) | {d for d in os.listdir(src) if os.path.isdir(os.path.join(src, d))}

    # Which private directories each tree of files may include from.
    trees = []
    for i, layer in enumerate(layers):
        sees = set(layers[: i + 1])
        trees.append((os.path.join("src", layer), sees))
        trees.append((os.path.join("tests", layer), sees))
    for face in faces:
        trees.append((os.path.join("src", face), {face}))
    for public_only in ("bindings", "examples", "bench", os.path.join("tests", "capi"), os.path.join("tests", "package")):
        trees.append((public_only, set()))

    problems, checked = [], 0
    for tree, sees in trees:
        root = os.path.join(args.source_dir, tree)
        if not os.path.isdir(root):
            continue
        for path in files_under(root):
            rel = os.path.relpath(path, args.source_dir)
            checked += 1
            with open(path, encoding="utf-8", errors="replace") as f:
                for number, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    header = m.group(1)
                    top = header.split("/", 1)[0]
                    if ".." in header.split("/"):
                        problems.append(f"{rel}:{number}: #include \"{header}\" climbs out of its directory")
                    elif header.startswith("src/") or (top in private_dirs and "/" in header and top not in sees):
                        what = ", ".join(sorted(sees)) if sees else "the public API (caseflow/...) only"
                        problems.append(f"{rel}:{number}: #include \"{header}\" is a private header of "
                                        f"'{top}', which {tree} may not see (it sees {what})")
    for p in problems:
        print(p)
    print(f"checked {checked} files: {len(problems)} forbidden includes")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

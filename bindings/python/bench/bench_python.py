#!/usr/bin/env python3
"""Events per second from Python: one binding call per event (names, dates, keyword fields) versus
one numpy batch (no Python work per event), on the workload of bench/bench_capi.cpp: a year of
typical dk cases (sick-listed, caseworker, visitation, six follow-ups, sometimes a stop and a
resume, then a refusal, an extension or a recovery), cases interleaved by date.

    .venv/bin/python bindings/python/bench/bench_python.py [--cases 100000] [--repeat 3]

Both paths get exactly the same events; the per-event path's arguments are built before the clock
starts, so it measures the calls, not the building of the stream.
"""
import argparse
import datetime
import time

import numpy as np

import caseflow


def make_stream(rules, cases, seed=7):
    """The workload as a sorted RECORD_DTYPE array (the same shape as bench_capi's stream)."""
    rng = np.random.default_rng(seed)
    ev = {name: rules.id(caseflow.Kind.EVENT, name) for name in rules.events}
    day1 = caseflow.to_days(datetime.date(2019, 1, 1)) + rng.integers(0, 365, cases)
    rows = []  # (case, event, date, value or -1)
    idx = np.arange(cases)
    rows.append((idx, ev["sick_listed"], day1, rng.integers(0, 3, cases)))
    rows.append((idx, ev["caseworker_assigned"], day1 + 3, rng.integers(0, 12, cases)))
    rows.append((idx, ev["visitation"], day1 + 20, rng.integers(1, 4, cases)))
    for k in range(1, 7):
        rows.append((idx, ev["followup_held"], day1 + 28 * k + rng.integers(0, 5, cases), np.full(cases, -1)))
    stopped = idx[rng.integers(0, 4, cases) == 0]
    rows.append((stopped, ev["benefit_stopped"], day1[stopped] + 60, np.full(len(stopped), -1)))
    rows.append((stopped, ev["benefit_resumed"], day1[stopped] + 75, np.full(len(stopped), -1)))
    ending = rng.integers(0, 3, cases)
    for kind, name, offset, value in ((0, "extension_refused", 170, -1), (1, "extension_granted", 200, 0),
                                      (2, "recovered", 120, -1)):
        who = idx[ending == kind]
        rows.append((who, ev[name], day1[who] + offset, np.full(len(who), value)))
    case = np.concatenate([r[0] for r in rows])
    event = np.concatenate([np.full(len(r[0]), r[1]) for r in rows])
    date = np.concatenate([r[2] for r in rows])
    value = np.concatenate([r[3] for r in rows])
    order = np.argsort(date, kind="stable")
    records = np.zeros(len(order), dtype=caseflow.RECORD_DTYPE)
    records["case_index"] = case[order]
    records["date"] = date[order]
    records["event"] = event[order]
    records["present"] = (value[order] >= 0).astype(np.uint16)
    records["values"][:, 0] = np.maximum(value[order], 0)
    return records, int(date.max()) + 60


def per_event_arguments(rules, records, workers):
    """The same events as Python calls would carry them: names, datetime.date, keyword fields."""
    names = rules.events
    enums = {e: rules.fields(e)[0].values for e in ("sick_listed", "extension_granted")}
    calls = []
    for case, event, day, present, values in zip(records["case_index"].tolist(), records["event"].tolist(),
                                                 records["date"].tolist(), records["present"].tolist(),
                                                 records["values"][:, 0].tolist()):
        name = names[event]
        fields = {}
        if present:
            if name in enums:
                fields[rules.fields(name)[0].name] = enums[name][values]
            elif name == "caseworker_assigned":
                fields["caseworker"] = workers[values]
            else:
                fields[rules.fields(name)[0].name] = values
        calls.append((case, name, caseflow.from_days(day), fields))
    return calls


def new_caseload(rules, cases, workers):
    load = caseflow.Caseload(rules)
    load.add_cases([f"C{c:06d}" for c in range(cases)])
    for w in workers:
        load.intern(w)
    return load


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    rules = caseflow.RuleSet.builtin("dk")
    workers = [f"caseworker {w}" for w in range(12)]
    records, end = make_stream(rules, args.cases)
    calls = per_event_arguments(rules, records, workers)
    print(f"caseflow {caseflow.version()} ({caseflow.library_path}); {args.cases:,} cases, {len(records):,} events")

    best_batch, batch_applied = float("inf"), 0
    for _ in range(args.repeat):
        with new_caseload(rules, args.cases, workers) as load:
            start = time.perf_counter()
            result = load.apply_batch(records)
            load.advance(caseflow.from_days(end))
            best_batch = min(best_batch, time.perf_counter() - start)
            batch_applied = result.applied

    best_single, single_applied = float("inf"), 0
    for _ in range(args.repeat):
        with new_caseload(rules, args.cases, workers) as load:
            applied = 0
            apply = load.apply
            start = time.perf_counter()
            for case, name, day, fields in calls:
                try:
                    apply(case, name, day, **fields)
                    applied += 1
                except caseflow.CaseflowError:
                    pass
            load.advance(caseflow.from_days(end))
            best_single = min(best_single, time.perf_counter() - start)
            single_applied = applied

    assert single_applied == batch_applied, (single_applied, batch_applied)
    n = len(records)
    print(f"one numpy batch : {best_batch:8.3f} s  {n / best_batch:12,.0f} events/s  ({batch_applied:,} applied)")
    print(f"one call/event  : {best_single:8.3f} s  {n / best_single:12,.0f} events/s  ({single_applied:,} applied)")
    print(f"batch / per-event: {best_single / best_batch:.1f}x")


if __name__ == "__main__":
    main()

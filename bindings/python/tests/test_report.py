"""Caseload.report: the permit rule-set's own report block (tests/report/permits.yaml) shapes the
report of five cases applied from Python, whose figures were worked out by hand
(tests/report/permits_expected.json); DataFrames with pandas, plain rows without."""
import json

import caseflow

from conftest import REPO, d

EVENTS = [  # tests/report/permits.jsonl
    ("P1", "applied", "2025-02-24", {}), ("P1", "assigned", "2025-02-24", {"officer": "Kim", "unit": "U1"}),
    ("P2", "applied", "2025-03-03", {}), ("P2", "assigned", "2025-03-03", {"officer": "Lea", "unit": "U2"}),
    ("P3", "applied", "2025-01-06", {}), ("P3", "assigned", "2025-01-06", {"officer": "Kim", "unit": "U1"}),
    ("P3", "decided", "2025-01-10", {}),
    ("P4", "applied", "2025-01-13", {}), ("P4", "assigned", "2025-01-13", {"officer": "Lea", "unit": "U2"}),
    ("P4", "withdrawn", "2025-02-12", {"reason": "duplicate"}),
    ("P5", "applied", "2025-02-03", {}), ("P5", "assigned", "2025-02-03", {"officer": "Kim", "unit": "U1"}),
    ("P5", "withdrawn", "2025-02-05", {"reason": "applicant"}),
]


def within(want, got, path="report"):
    if isinstance(want, dict):
        for k, v in want.items():
            within(v, got[k], f"{path}.{k}")
    elif isinstance(want, list):
        assert len(got) == len(want), path
        for i, (w, g) in enumerate(zip(want, got)):
            within(w, g, f"{path}[{i}]")
    else:
        assert got == want, path


def test_report_is_the_hand_worked_one():
    rules = caseflow.RuleSet.load(str(REPO / "tests" / "report" / "permits.yaml"))
    with caseflow.Caseload(rules) as load:
        for case, event, date, fields in EVENTS:
            load.add_case(case)
            load.apply(case, event, d(date), **fields)
        load.advance(d("2025-03-10"))
        report = load.report(d("2025-03-10"))
    with open(REPO / "tests" / "report" / "permits_expected.json", encoding="utf-8") as f:
        within(json.load(f), report.data)
    worklist = report.worklist
    try:
        import pandas
    except ImportError:
        pandas = None
    if pandas is not None:
        assert isinstance(worklist, pandas.DataFrame)
        assert list(worklist["case"]) == ["P1", "P2"]
        assert list(worklist["days_overdue"]) == [4, -3]
    else:
        assert [row["case"] for row in worklist] == ["P1", "P2"]
    assert report["title"] == "Permit office weekly list"

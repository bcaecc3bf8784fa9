"""Caseloads: per-event apply by name, one numpy batch, buffers, messages, queries."""
import array
import datetime

import numpy as np
import pytest

import caseflow
from caseflow import CaseflowError, Status

from conftest import d


def _days(text):
    return caseflow.to_days(d(text))


def test_record_dtype_is_the_c_struct():
    assert caseflow.RECORD_DTYPE.itemsize == 48
    assert [caseflow.RECORD_DTYPE.fields[n][1] for n in ("case_index", "date", "event", "present", "reserved",
                                                          "values")] == [0, 4, 8, 10, 12, 16]


def test_one_numpy_batch_plays_worked_example_2_with_rejections(dk):
    with caseflow.Caseload(dk) as load:
        e2, e9 = load.add_cases(["E2", "E9"])
        rec = load.records(4)
        rec["case_index"] = [e2, e9, e2, e2]
        rec["date"] = [_days("2018-01-08"), _days("2018-01-09"), _days("2018-07-10"), _days("2018-07-11")]
        rec["event"] = [dk.id(caseflow.Kind.EVENT, e) for e in
                        ("sick_listed", "sick_listed", "extension_refused", "extension_granted")]
        rec["present"][0] = 1
        rec["values"][0, 0] = 0  # employee
        result = load.apply_batch(rec)
        assert result.applied == 2
        assert result.statuses.tolist() == [Status.OK, Status.BAD_INPUT, Status.OK, Status.BAD_INPUT]
        assert load.message(0) == ""
        assert load.message(1) == "field 'employment' of 'sick_listed' is required"
        assert load.message(3) == "field 'ground' of 'extension_granted' is required"
        load.advance(d("2018-09-01"))
        assert load.case("E2").state == "job_clarification"
        t = load.timeline("E2", as_of=d("2018-09-01"))
        assert t["case"] == "E2"
        assert [o["status"] for o in t["obligations"]] == ["missed", "met", "overdue"]
        assert load.count_by_state()["job_clarification"] == 1


def test_batch_from_an_array_buffer_and_from_bytes(dk):
    with caseflow.Caseload(dk) as load:
        c = load.add_case("B1")
        one = np.zeros(1, dtype=caseflow.RECORD_DTYPE)
        one["case_index"], one["date"], one["event"], one["present"] = c, _days("2018-01-08"), 0, 1
        raw = one.tobytes()
        assert load.apply_batch(array.array("b", raw)).applied == 1
        assert load.apply_batch(raw).statuses.tolist() == [Status.ALREADY_OPEN]  # read-only bytes are copied
        with pytest.raises(ValueError, match="48-byte records"):
            load.apply_batch(raw[:-1])
        with pytest.raises(TypeError, match="RECORD_DTYPE"):
            load.apply_batch(np.zeros(2, dtype=np.int64))
        assert load.apply_batch(load.records(0)).applied == 0


def test_per_event_apply_by_name_and_list_fields(dk):
    with caseflow.Caseload(dk) as load:
        load.add_case("P1")
        load.apply("P1", "sick_listed", d("2018-01-08"), employment="employee",
                   prior_paid_periods=[(d("2017-11-01"), d("2017-12-31"))])
        load.apply("P1", "caseworker_assigned", d("2018-01-15"), caseworker="Ann", team="North")
        assert load.case("P1").variable("caseworker") == "Ann"
        with pytest.raises(CaseflowError) as err:
            load.apply("P1", "followup_held", d("2018-01-01"))
        assert err.value.status == Status.OUT_OF_ORDER
        with pytest.raises(CaseflowError) as err:
            load.apply("nobody", "followup_held", d("2018-02-01"))
        assert err.value.status == Status.NOT_FOUND


def test_case_views_go_stale_when_the_caseload_changes(dk):
    with caseflow.Caseload(dk) as load:
        load.add_case("A")
        load.apply("A", "sick_listed", d("2018-01-08"), employment="employee")
        view = load.case("A")
        copy = view.copy()
        load.apply("A", "recovered", d("2018-02-01"))
        with pytest.raises(ValueError, match="stale"):
            view.state
        assert load.case("A").state == "closed"
        assert copy.state == "sickness_benefit.ongoing"
        copy.close()


def test_monitoring_queries_as_named_tuples(dk):
    with caseflow.Caseload(dk) as load:
        for i, day1 in enumerate(["2018-01-08", "2018-01-15", "2018-01-22", "2018-01-29"]):
            load.add_case("ABCD"[i])
            load.apply("ABCD"[i], "sick_listed", d(day1), employment="employee")
        load.apply("A", "caseworker_assigned", d("2018-02-01"), caseworker="Ann", team="North")
        load.apply("B", "caseworker_assigned", d("2018-02-01"), caseworker="Ann", team="North")
        load.apply("C", "caseworker_assigned", d("2018-02-01"), caseworker="Bo", team="South")
        load.apply("B", "caseworker_assigned", d("2018-02-05"), caseworker="Bo", team="South")
        load.apply("A", "followup_held", d("2018-02-20"))
        load.apply("D", "case_closed", d("2018-03-10"), reason="technical")
        load.apply("C", "recovered", d("2018-03-12"))
        load.apply("A", "external_actor_assigned", d("2018-03-15"), provider="Provider X")
        load.advance(d("2018-04-01"), threads=2)

        assert load.entering_week(8, d("2018-02-26"), d("2018-03-12")) == ["A", "B"]
        assert load.overdue(d("2018-04-01"), "first_followup") == ["B"]
        assert load.overdue(d("2018-04-01")) == ["A", "B"]
        assert load.due_within(d("2018-03-01"), d("2018-03-31"))[0] == caseflow.DueItem("B", "first_followup",
                                                                                         d("2018-03-11"))
        sample = load.supervision_sample(1, 7, d("2018-04-01"))
        assert len(sample) == 1 and sample == load.supervision_sample(1, 7, d("2018-04-01"))
        assert load.over_weeks_by(8, d("2018-04-01"), "team") == [caseflow.GroupCase("North", "A"),
                                                                  caseflow.GroupCase("South", "B")]
        assert load.points_within("reassessment_point", d("2018-07-01"), d("2018-08-31")) == [
            caseflow.CaseDate("A", d("2018-07-31")), caseflow.CaseDate("B", d("2018-07-31"))]
        assert load.closures() == [caseflow.Closures(None, 2018, 3, 0, 1), caseflow.Closures("Bo", 2018, 3, 1, 0)]
        assert load.variable_changes("caseworker") == {"A": 0, "B": 1, "C": 0, "D": 0}
        assert load.open_by("caseworker") == [caseflow.ValueCount("Ann", 1), caseflow.ValueCount("Bo", 1)]
        assert load.holding("provider") == ["A"]
        p = load.punctuality(["first_followup"], d("2018-04-01"))
        assert (p.on_time, p.late, p.missed, p.share) == (1, 0, 1, 0.5)
        with pytest.raises(CaseflowError, match="no variable 'closure_expected'"):
            load.flagged("closure_expected")


def test_frames_need_pandas(dk):
    rows = [caseflow.CaseDate("A", datetime.date(2018, 7, 31))]
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError):
            caseflow.frame(rows)
    else:
        frame = caseflow.frame(rows)
        assert list(frame.columns) == ["case", "date"] and len(frame) == 1

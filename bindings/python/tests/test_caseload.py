"""Caseloads: per-event apply by name, one numpy batch, buffers, messages, queries."""
import array
import ctypes
import datetime

import numpy as np
import pytest

import caseflow
from caseflow import CaseflowError, Status

from conftest import REPO, d


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


# ---------------------------------------------------------------------------- compact batches, bulk open and export

@pytest.fixture
def sdp_ref():
    """bench/sdp-ref.yaml: cases open in SICK on their start day; a timer moves them on day 154."""
    with caseflow.RuleSet.load(REPO / "bench" / "sdp-ref.yaml") as rules:
        yield rules


def _compact_of(wide):
    """The compact twin of wide records that carry no more than field 0."""
    compact = np.zeros(len(wide), dtype=caseflow.COMPACT_RECORD_DTYPE)
    for name in ("case_index", "date", "event"):
        compact[name] = wide[name]
    compact["present"] = wide["present"] & 1
    compact["value"] = wide["values"][:, 0]
    return compact


def _snapshots(load):
    return [load.case(i).snapshot() for i in range(len(load))]


def test_compact_record_dtype_is_the_c_struct():
    assert caseflow.COMPACT_RECORD_DTYPE.itemsize == 16
    assert [caseflow.COMPACT_RECORD_DTYPE.fields[n][1] for n in ("case_index", "date", "event", "present",
                                                                  "value")] == [0, 4, 8, 10, 12]


def test_compact_batch_is_the_wide_batch(dk):
    ev = {name: dk.id(caseflow.Kind.EVENT, name) for name in dk.events}
    rows = [  # case, date, event, field 0 given, its value
        (0, "2018-01-08", "sick_listed", 1, 0),
        (1, "2018-01-09", "sick_listed", 0, 0),          # employment missing
        (1, "2018-01-09", "sick_listed", 1, 7),          # not an employment
        (0, "2018-01-20", "visitation", 1, 4),           # category outside 1-3
        (0, "2018-01-21", "visitation", 1, 2),
        (0, "2018-01-15", "followup_held", 0, 0),        # before the clock
        (0, "2018-07-10", "extension_refused", 0, 0),
        (0, "2018-07-11", "extension_granted", 0, 0),    # ground missing
        (5, "2018-07-12", "followup_held", 0, 0),        # no such case
        (1, "2018-07-12", "followup_held", 0, 0),        # not open
        (1, "2018-07-13", "sick_listed", 1, 1),
    ]
    wide = np.zeros(len(rows), dtype=caseflow.RECORD_DTYPE)
    wide["case_index"] = [r[0] for r in rows]
    wide["date"] = [_days(r[1]) for r in rows]
    wide["event"] = [ev[r[2]] for r in rows]
    wide["present"] = [r[3] for r in rows]
    wide["values"][:, 0] = [r[4] for r in rows]
    with caseflow.Caseload(dk) as a, caseflow.Caseload(dk) as b:
        a.add_cases(["A", "B"])
        b.add_cases(["A", "B"])
        expected = a.apply_batch(wide)
        got = b.apply_compact(_compact_of(wide))
        assert got.applied == expected.applied == 4
        assert got.statuses.tolist() == expected.statuses.tolist() == [
            Status.OK, Status.BAD_INPUT, Status.BAD_INPUT, Status.BAD_INPUT, Status.OK, Status.OUT_OF_ORDER,
            Status.OK, Status.BAD_INPUT, Status.BAD_INPUT, Status.NOT_OPEN, Status.OK]
        assert [b.message(i) for i in range(len(rows))] == [a.message(i) for i in range(len(rows))]
        assert b.message(8) == "no case with index 5"
        assert _snapshots(b) == _snapshots(a)
        a.advance(d("2018-09-01"))
        b.advance(d("2018-09-01"))
        assert b.timeline("A", as_of=d("2018-09-01")) == a.timeline("A", as_of=d("2018-09-01"))


def test_compact_batch_from_an_array_buffer_and_from_bytes(dk):
    with caseflow.Caseload(dk) as load:
        c = load.add_case("B1")
        one = load.compact_records(1)
        one["case_index"], one["date"], one["event"], one["present"] = c, _days("2018-01-08"), 0, 1
        raw = one.tobytes()
        assert len(raw) == 16
        assert load.apply_compact(array.array("b", raw)).applied == 1
        assert load.apply_compact(raw).statuses.tolist() == [Status.ALREADY_OPEN]  # read-only bytes are copied
        assert "already open" in load.message(0)
        with pytest.raises(ValueError, match="16-byte records"):
            load.apply_compact(raw[:-1])
        with pytest.raises(TypeError, match="COMPACT_RECORD_DTYPE"):
            load.apply_compact(load.records(1))  # wide records are not compact ones
        with pytest.raises(TypeError, match="RECORD_DTYPE"):
            load.apply_batch(load.compact_records(1))
        result = load.apply_compact(load.compact_records(0))
        assert result.applied == 0 and len(result.statuses) == 0


def test_open_cases_is_start_one_by_one_and_export_states_reads_them(sdp_ref):
    sick, jobclar = (sdp_ref.id(caseflow.Kind.STATE, s) for s in ("SICK", "JOBCLAR"))
    with caseflow.Caseload(sdp_ref) as load, caseflow.Caseload(sdp_ref) as twin:
        load.add_cases(["S0", "S1", "S2", "S3"])
        twin.add_cases(["S0", "S1", "S2", "S3"])
        states, last = load.export_states()
        assert states.dtype == np.uint16 and last.dtype == np.int32
        assert states.tolist() == [caseflow.ID_NONE] * 4 and last.tolist() == [caseflow.DATE_NONE] * 4

        days = np.array([1000, 1000, 2 ** 31 - 1, 1002], dtype=np.int32)  # the third is no calendar day
        result = load.open_cases(0, days)
        assert result.opened == 3
        assert result.statuses.tolist() == [Status.OK, Status.OK, Status.BAD_INPUT, Status.OK]
        for i, day in enumerate(days.tolist()):
            if result.statuses[i] == Status.OK:  # (no datetime.date lies beyond the calendar)
                twin.start(i, caseflow.from_days(day))
        assert _snapshots(load) == _snapshots(twin)

        # From an id, with dates: the refused case opens now, the others are already open.
        again = load.open_cases("S1", [d("1972-09-28"), caseflow.from_days(1001), "1972-09-28"])
        assert again == (1, again.statuses)
        assert again.statuses.tolist() == [Status.ALREADY_OPEN, Status.OK, Status.ALREADY_OPEN]

        states, last = load.export_states()
        assert states.tolist() == [sick] * 4
        assert last.tolist() == [1000, 1000, 1001, 1002]
        load.advance(caseflow.from_days(1154))
        states, last = load.export_states(first=1, count=2)
        assert states.tolist() == [jobclar, sick]
        assert last.tolist() == [1154, 1001]
        assert [sdp_ref.states[s] for s in load.export_states("S3")[0]] == ["SICK"]
        assert load.case("S0").state == "JOBCLAR"


def test_open_cases_takes_other_integer_and_datetime64_arrays(sdp_ref):
    with caseflow.Caseload(sdp_ref) as load:
        load.add_cases(["a", "b", "c"])
        assert load.open_cases(0, np.array([1000], dtype=np.int64)).opened == 1
        assert load.open_cases(1, np.array(["1972-09-27", "1972-09-28"], dtype="datetime64[D]")).opened == 2
        assert load.export_states()[1].tolist() == [1000, 1000, 1001]
        with pytest.raises(ValueError, match="int32"):
            load.open_cases(0, np.array([2 ** 40], dtype=np.int64))
        with pytest.raises(TypeError, match="integers"):
            load.open_cases(0, np.array([1000.0]))
        with pytest.raises(TypeError):
            load.open_cases(0, [True])
        with pytest.raises(TypeError):
            load.open_cases(0, "1972-09-27")


def test_a_range_past_the_last_case_is_invalid_and_changes_nothing(sdp_ref):
    with caseflow.Caseload(sdp_ref) as load:
        load.add_cases(["a", "b", "c", "d"])
        before = _snapshots(load)
        with pytest.raises(CaseflowError) as err:
            load.open_cases(2, [1000, 1000, 1000])
        assert err.value.status == Status.INVALID_ARGUMENT
        assert err.value.message == ("cf_caseload_open_cases: cases 2 to 5 (exclusive) pass the last case "
                                     "(the caseload has 4 cases)")
        assert _snapshots(load) == before
        with pytest.raises(CaseflowError) as err:
            load.open_cases(-1, [1000])
        assert err.value.status == Status.INVALID_ARGUMENT
        with pytest.raises(CaseflowError) as err:
            load.export_states(3, 2)
        assert err.value.status == Status.INVALID_ARGUMENT
        assert "pass the last case" in err.value.message
        with pytest.raises(CaseflowError) as err:
            load.export_states(5)
        assert err.value.status == Status.INVALID_ARGUMENT
        with pytest.raises(ValueError, match="negative"):
            load.export_states(0, -1)
        assert load.open_cases(4, []).opened == 0  # an empty range at the end
        states, last = load.export_states(4)
        assert len(states) == 0 and len(last) == 0
        assert _snapshots(load) == before


def test_open_cases_makes_case_views_stale(sdp_ref):
    with caseflow.Caseload(sdp_ref) as load:
        load.add_case("a")
        view = load.case("a")
        assert view.state is None
        load.open_cases(0, [1000])
        with pytest.raises(ValueError, match="stale"):
            view.state
        assert load.case("a").state == "SICK"


# ---------------------------------------------------------------------------- caseload paths

def _sdp_wide(rules):
    """sdp-ref events for four cases opened on days 1000, 1000, 1001 and 1002: every status."""
    ev = {name: rules.id(caseflow.Kind.EVENT, name) for name in rules.events}
    rows = [  # case, date, event, field 0 given, its value
        (0, 1010, "FOLLOWUP", 0, 0),
        (0, 1020, "EXTEND", 1, 4),        # SICK -> EXTENDED for 4 weeks
        (1, 1020, "EXTEND", 0, 0),        # weeks missing
        (1, 1021, "RECOMMEND", 1, 1),     # FLEX: not in SICK
        (1, 1021, "RECOMMEND", 1, 99),    # not a value of the set
        (2, 1030, "RECOVER", 0, 0),       # SICK -> CLOSED
        (2, 1031, "FOLLOWUP", 0, 0),      # closed
        (3, 999, "FOLLOWUP", 0, 0),       # before the clock
        (9, 1040, "FOLLOWUP", 0, 0),      # no such case
        (3, 1300, "REFER", 0, 0),         # after sick_end (day 1156): JOBCLAR -> REHAB
        (3, 1301, "RECOMMEND", 1, 1),     # REHAB -> FLEX
        (0, 1200, "REFER", 0, 0),         # EXTENDED until 1048, then JOBCLAR: -> REHAB
    ]
    wide = np.zeros(len(rows), dtype=caseflow.RECORD_DTYPE)
    wide["case_index"] = [r[0] for r in rows]
    wide["date"] = [r[1] for r in rows]
    wide["event"] = [ev[r[2]] for r in rows]
    wide["present"] = [r[3] for r in rows]
    wide["values"][:, 0] = [r[4] for r in rows]
    return wide


def test_fast_if_possible_runs_sdp_ref_on_16_byte_rows(sdp_ref):
    with caseflow.Caseload(sdp_ref, path="fast_if_possible") as fast, \
            caseflow.Caseload(sdp_ref, path="general") as general, caseflow.Caseload(sdp_ref) as default:
        assert fast.is_fast is True
        assert fast.bytes_per_case == 16
        assert general.is_fast is False and default.is_fast is False
        assert general.bytes_per_case == default.bytes_per_case > 16
        assert repr(fast).endswith("under 'sdp-ref', fast path>")
        assert repr(general) == "<caseflow.Caseload of 0 cases under 'sdp-ref'>"


def test_fast_if_possible_falls_back_to_the_general_path_on_dk(dk):
    with caseflow.Caseload(dk, path="fast_if_possible") as load, caseflow.Caseload(dk) as general:
        assert load.is_fast is False
        assert load.bytes_per_case == general.bytes_per_case
        load.add_case("A")
        load.apply("A", "sick_listed", d("2018-01-08"), employment="employee")
        load.advance(d("2018-04-01"))
        assert load.case("A").state == "sickness_benefit.ongoing"
        assert load.overdue(d("2018-04-01")) == ["A"]


def test_an_unknown_path_is_a_value_error(dk):
    for path in ("fast", "GENERAL", "", None, 1, b"general"):
        with pytest.raises(ValueError, match="'general' or 'fast_if_possible'"):
            caseflow.Caseload(dk, path=path)


def test_the_library_refuses_an_unknown_path_too(dk):
    handle = caseflow._ffi.CaseloadP()
    with pytest.raises(CaseflowError) as err:
        caseflow._ffi.lib.cf_caseload_new_on_path(ctypes.byref(handle), dk.handle, 2)
    assert err.value.status == Status.INVALID_ARGUMENT
    assert err.value.message == ("cf_caseload_new_on_path: path 2 is not a cf_caseload_path (CF_PATH_GENERAL = 0, "
                                 "CF_PATH_FAST_IF_POSSIBLE = 1)")
    assert not handle


def test_fast_path_gives_the_general_paths_statuses_messages_and_states(sdp_ref):
    wide = _sdp_wide(sdp_ref)
    compact = _compact_of(wide)
    loads = [caseflow.Caseload(sdp_ref, path=p) for p in ("general", "general", "fast_if_possible",
                                                          "fast_if_possible")]
    try:
        assert [load.is_fast for load in loads] == [False, False, True, True]
        for load in loads:
            load.add_cases(["S0", "S1", "S2", "S3"])
            assert load.open_cases(0, [1000, 1000, 1001, 1002]).opened == 4
        results = [load.apply_compact(compact) if i % 2 else load.apply_batch(wide) for i, load in enumerate(loads)]
        assert [r.statuses.tolist() for r in results] == [[
            Status.OK, Status.OK, Status.BAD_INPUT, Status.NOT_ALLOWED, Status.BAD_INPUT, Status.OK,
            Status.NOT_ALLOWED, Status.OUT_OF_ORDER, Status.BAD_INPUT, Status.OK, Status.OK, Status.OK]] * 4
        assert len({r.applied for r in results}) == 1
        messages = [[load.message(i) for i in range(len(wide))] for load in loads]
        assert messages[1:] == messages[:1] * 3
        assert "not allowed" in messages[0][3] and messages[0][8] == "no case with index 9"
        exports = [tuple(a.tolist() for a in load.export_states()) for load in loads]
        assert exports[1:] == exports[:1] * 3
        assert [sdp_ref.states[s] for s in exports[2][0]] == ["REHAB", "SICK", "CLOSED", "FLEX"]
        assert exports[2][1] == [1200, 1000, 1030, 1301]
        for load in loads:
            load.advance(caseflow.from_days(1400), threads=2)
        exports = [tuple(a.tolist() for a in load.export_states()) for load in loads]
        assert exports[1:] == exports[:1] * 3
        counts = [load.count_by_state() for load in loads]
        assert counts[1:] == counts[:1] * 3
        assert counts[2]["JOBCLAR"] == 1 and counts[2]["REHAB"] == 1
        # One event at a time: the same error on both paths.
        errors = []
        for load in (loads[0], loads[2]):
            with pytest.raises(CaseflowError) as err:
                load.apply("S2", "FOLLOWUP", caseflow.from_days(1500))
            errors.append((err.value.status, err.value.message))
        assert errors[0] == errors[1] and errors[0][0] == Status.NOT_ALLOWED
    finally:
        for load in loads:
            load.close()


def test_history_queries_on_a_fast_caseload_raise_and_change_nothing(sdp_ref):
    with caseflow.Caseload(sdp_ref, path="fast_if_possible") as load:
        load.add_cases(["a", "b"])
        load.open_cases(0, [1000, 1001])
        before = [a.tolist() for a in load.export_states()]
        on = caseflow.from_days(1100)
        queries = {
            "cf_caseload_case": lambda: load.case("a"),
            "cf_caseload_entering_week": lambda: load.entering_week(8, on, on),
            "cf_caseload_overdue": lambda: load.overdue(on),
            "cf_caseload_due_within": lambda: load.due_within(on, on),
            "cf_caseload_supervision_sample": lambda: load.supervision_sample(1, 7, on),
            "cf_caseload_over_weeks_by": lambda: load.over_weeks_by(2, on, "extension_end"),
            "cf_caseload_flagged": lambda: load.flagged("extension_end"),
            "cf_caseload_points_within": lambda: load.points_within("x", on, on),
            "cf_caseload_closures": lambda: load.closures("extension_end"),
            "cf_caseload_variable_changes": lambda: load.variable_changes("extension_end"),
            "cf_caseload_open_by": lambda: load.open_by("extension_end"),
            "cf_caseload_holding": lambda: load.holding("extension_end"),
            "cf_caseload_punctuality": lambda: load.punctuality(["followup"], on),
        }
        for name, query in queries.items():
            with pytest.raises(CaseflowError) as err:
                query()
            assert err.value.status == Status.INVALID_ARGUMENT, name
            assert err.value.message == (f"{name}: the caseload runs on the fast path, which keeps no history per "
                                         "case; this call needs the general path (CF_PATH_GENERAL)")
        with pytest.raises(CaseflowError, match="needs the general path"):
            load.timeline("a")
        assert [a.tolist() for a in load.export_states()] == before
        assert load.count_by_state()["SICK"] == 2

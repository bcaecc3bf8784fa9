"""One case: DOMAIN.md worked example 2 through Python, and every kind of rejection."""
import datetime

import pytest

import caseflow
from caseflow import CaseflowError, Status

from conftest import REPO, d


def test_worked_example_2(example2):
    case = example2
    assert case.state == "job_clarification"
    assert case.day1 == d("2018-01-08")
    assert case.clock == d("2018-09-01")
    assert case.point("reassessment_point") == d("2018-07-31")
    assert [(t.date, t.from_state, t.to_state, t.cause) for t in case.transitions()] == [
        (d("2018-01-08"), None, "sickness_benefit.ongoing", "sick_listed"),
        (d("2018-07-31"), "sickness_benefit.ongoing", "sickness_benefit.reassessment", "reassessment_point"),
        (d("2018-08-01"), "sickness_benefit.reassessment", "job_clarification", "job_clarification_start"),
    ]
    assert all(t.rule and t.legal_ref for t in case.transitions())
    assert [(o.name, o.due, o.status, o.met_on) for o in case.obligations(d("2018-09-01"))] == [
        ("first_followup", d("2018-03-04"), "missed", None),
        ("reassessment_decision", d("2018-07-31"), "met", d("2018-07-10")),
        ("rehabilitation_team_meeting", d("2018-08-29"), "overdue", None),
    ]
    assert case.timers() == [caseflow.Timer("job_clarification_end", d("2020-07-31"))]
    assert "recovered" in case.allowed_events() and "extension_granted" not in case.allowed_events()


def test_refused_after_the_point_is_met_late(dk):
    with caseflow.Case(dk) as case:
        case.apply("sick_listed", d("2018-01-08"), employment="employee")
        case.apply("extension_refused", d("2018-08-15"))
        case.advance(d("2018-09-01"))
        assert case.transitions()[-1].date == d("2018-08-16")
        assert case.obligations()[1].status == "met_late"


def test_timeline_is_the_section_6_object(example2):
    t = example2.timeline(as_of=d("2018-09-01"), case_id="E2")
    assert list(t) == ["case", "ruleset", "as_of", "state", "reason", "transitions", "obligations", "timers",
                       "allowed_events"]
    assert t["case"] == "E2" and t["as_of"] == "2018-09-01" and t["reason"] is None
    assert t["timers"] == [{"name": "job_clarification_end", "due": "2020-07-31", "version": "2014"}]


def _rejected(case, status, message, *args, **fields):
    before = case.snapshot()
    with pytest.raises(CaseflowError) as err:
        case.apply(*args, **fields)
    assert err.value.status == status
    assert message in err.value.message, err.value.message
    assert case.snapshot() == before, "a rejected event leaves the case byte-identical"


def test_rejections_leave_the_case_unchanged(example2):
    _rejected(example2, Status.NOT_ALLOWED, "event 'extension_granted' is not allowed in state job_clarification",
              "extension_granted", d("2018-09-02"), ground="medical_treatment")
    _rejected(example2, Status.OUT_OF_ORDER, "dated 2018-08-31 is before the case's clock 2018-09-01",
              "followup_held", d("2018-08-31"))
    _rejected(example2, Status.ALREADY_OPEN, "a second 'sick_listed'", "sick_listed", d("2018-09-02"),
              employment="employee")
    _rejected(example2, Status.BAD_INPUT, "'category' of 'visitation': 4 is outside 1–3", "visitation",
              d("2018-09-02"), category=4)
    _rejected(example2, Status.NOT_FOUND, "no event 'sick_listd'", "sick_listd", d("2018-09-02"))
    _rejected(example2, Status.NOT_FOUND, "has no field 'colour'", "followup_held", d("2018-09-02"), colour="red")
    _rejected(example2, Status.BAD_INPUT, "invalid date '2018-02-30'", "followup_held", "2018-02-30")
    before = example2.snapshot()
    with pytest.raises(TypeError, match="field 'category' is an integer"):
        example2.apply("visitation", d("2018-09-02"), category=2.0)
    with pytest.raises(TypeError, match="field 'employment' is a str"):
        example2.apply("sick_listed", d("2018-09-02"), employment=1)
    assert example2.snapshot() == before


def test_unknown_enum_value_names_the_choices(dk):
    with caseflow.Case(dk) as case:
        with pytest.raises(CaseflowError) as err:
            case.apply("sick_listed", d("2018-01-08"), employment="retired")
        assert err.value.status == Status.NOT_FOUND
        assert "(one of: employee, unemployed, self_employed)" in err.value.message
        assert not case.is_open and case.state is None


def test_field_values_given_as_text_are_read_by_the_library():
    """A date field may be given as 'YYYY-MM-DD': the library reads it (cf_field_parse), as its JSON
    Lines and CSV readers do, and a bad one names the field."""
    rules_file = REPO / "tests" / "rules" / "good" / "appointment.yaml"
    with caseflow.RuleSet.load(rules_file) as rules, caseflow.Case(rules) as by_text, caseflow.Case(rules) as by_date:
        for case in (by_text, by_date):
            case.apply("applied", d("2020-02-03"), kind="urgent")
        before = by_text.snapshot()
        with pytest.raises(CaseflowError) as err:
            by_text.apply("withdrawn", d("2020-02-10"), until="2020-02-30")
        assert err.value.status == Status.BAD_INPUT
        assert "field 'until' of 'withdrawn'" in err.value.message and "2020-02-30" in err.value.message
        assert by_text.snapshot() == before
        by_text.apply("withdrawn", d("2020-02-10"), until="2020-03-01")
        by_date.apply("withdrawn", d("2020-02-10"), until=d("2020-03-01"))
        assert by_text.snapshot() == by_date.snapshot()
        assert by_text.state == "closed"


def test_prior_paid_periods_move_the_point(dk):
    with caseflow.Case(dk) as plain, caseflow.Case(dk) as prior:
        plain.apply("sick_listed", d("2018-01-08"), employment="employee")
        prior.apply("sick_listed", d("2018-01-08"), employment="employee",
                    prior_paid_periods=[(d("2017-11-01"), d("2017-12-31"))])
        assert prior.point("reassessment_point") < plain.point("reassessment_point") == d("2018-07-31")


def test_string_fields_and_variables(dk):
    with caseflow.Case(dk) as case:
        case.apply("sick_listed", d("2018-01-08"), employment="employee")
        case.apply("caseworker_assigned", d("2018-01-15"), caseworker="Mette Holm", team="North")
        case.apply("visitation", d("2018-01-20"), category=3)
        assert case.variable("caseworker") == "Mette Holm"
        assert case.variable("team") == "North"
        assert case.variable("category") == 3
        assert case.variable("extension_last_day") is None
        with pytest.raises(CaseflowError, match="no variable 'colour'"):
            case.variable("colour")


def test_snapshot_restore_and_copy(dk, example2):
    data = example2.snapshot()
    with caseflow.Case.from_snapshot(dk, data) as again:
        assert again.snapshot() == data
        assert again.timeline(case_id="E2") == example2.timeline(case_id="E2")
    copy = example2.copy()
    copy.apply("recovered", d("2018-09-10"))
    assert copy.state == "closed" and copy.reason == "recovered"
    assert example2.snapshot() == data
    copy.close()


def test_corrupt_snapshots_are_refused_and_change_nothing(dk, example2):
    data = bytearray(example2.snapshot())
    with caseflow.Case(dk) as target:
        target.apply("sick_listed", d("2019-03-04"), employment="unemployed")
        before = target.snapshot()
        data[len(data) // 2] ^= 1
        for bad, words in ((bytes(data), "checksum"), (example2.snapshot()[:-3], "truncated"), (b"", "truncated"),
                           (b"hello, world, this is not a snapshot", "not a caseflow snapshot")):
            with pytest.raises(CaseflowError) as err:
                target.restore(bad)
            assert err.value.status == Status.CORRUPT
            assert words in err.value.message
            assert target.snapshot() == before


def test_closed_case_refuses_calls(dk):
    case = caseflow.Case(dk)
    case.close()
    case.close()
    with pytest.raises(ValueError, match="closed"):
        case.apply("sick_listed", datetime.date(2018, 1, 8), employment="employee")


def test_cases_that_simply_start():
    from conftest import REPO
    with caseflow.RuleSet.load(REPO / "bench" / "sdp-ref.yaml") as rules, caseflow.Case(rules) as case:
        case.start(d("2020-01-01"))
        assert case.state == "SICK" and case.day1 == d("2020-01-01")
        assert case.transitions()[0].cause is None and case.transitions()[0].rule is None
        with pytest.raises(CaseflowError) as err:
            case.start(d("2020-01-02"))
        assert err.value.status == Status.ALREADY_OPEN
        case.advance(d("2020-01-01") + datetime.timedelta(days=154))
        assert case.state == "JOBCLAR"

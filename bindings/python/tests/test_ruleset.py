"""Rule-sets: names in declaration order, fields, legal references, loading, the diagram."""
import pytest

import caseflow
from caseflow import CaseflowError, FieldType, Kind, Status

from conftest import REPO


def test_names_follow_domain_md(dk):
    assert dk.states == ("sickness_benefit.ongoing", "sickness_benefit.reassessment", "sickness_benefit.extended",
                         "job_clarification", "rehabilitation_team.referred", "rehabilitation_team.recommended",
                         "resource_course", "flex_job.temporary", "flex_job.permanent", "disability_pension", "closed",
                         "awaiting_decision")
    assert dk.events[:3] == ("sick_listed", "visitation", "followup_held")
    assert dk.timers[0] == "reassessment_point"
    assert dk.obligations[:2] == ("first_followup", "followup")
    assert "reassessment_point" in dk.points
    assert dk.is_final("closed") and not dk.is_final("job_clarification")


def test_fields_and_types(dk):
    employment, prior, born = dk.fields("sick_listed")
    assert employment == caseflow.Field("employment", FieldType.ENUM, ("employee", "unemployed", "self_employed"))
    assert prior.type == FieldType.DATE_PAIRS
    assert born.type == FieldType.DATE
    assert dk.variable_type("caseworker") == FieldType.STRING
    assert dk.variable_type("extension_last_day") == FieldType.DATE


def test_unknown_names_raise_not_found_naming_them(dk):
    with pytest.raises(CaseflowError) as err:
        dk.id(Kind.EVENT, "sick_listedd")
    assert err.value.status == Status.NOT_FOUND
    assert "no event 'sick_listedd'" in err.value.message


def test_legal_references(dk):
    assert "SDL § 24" in dk.legal_ref(Kind.TIMER, "reassessment_point")
    assert all(dk.legal_ref(Kind.RULE, r) for r in dk.rules)


def test_load_from_file_and_text():
    path = REPO / "rulesets" / "dk.yaml"
    with caseflow.RuleSet.load(path) as from_file, caseflow.RuleSet.from_text(path.read_text(), "mine.yaml") as text:
        assert from_file.rules == text.rules


def test_bad_rule_files():
    with pytest.raises(CaseflowError) as err:
        caseflow.RuleSet.load("/no/such/rules.yaml")
    assert err.value.status == Status.IO
    bad = REPO / "tests" / "rules" / "bad" / "unknown_event.yaml"
    with pytest.raises(CaseflowError) as err:
        caseflow.RuleSet.load(bad)
    assert err.value.status == Status.BAD_RULESET
    assert err.value.message.startswith(f"{bad}:")


def test_dot(dk):
    dot = dk.dot()
    assert dot.startswith('digraph "dk" {')
    assert '"sickness_benefit.ongoing" -> "sickness_benefit.reassessment"' in dot


def test_close_and_context_manager():
    rules = caseflow.RuleSet.builtin("dk")
    case = caseflow.Case(rules)
    rules.close()
    rules.close()  # idempotent
    with pytest.raises(ValueError, match="closed"):
        rules.name
    # The case keeps its rule-set alive in the library.
    case.apply("sick_listed", "2018-01-08", employment="employee")
    assert case.state == "sickness_benefit.ongoing"
    case.close()

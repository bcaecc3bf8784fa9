"""Shared fixtures: the dk rule-set, the repository, and the CLI (when ctest passes its path)."""
import datetime
import os
from pathlib import Path

import pytest

import caseflow

REPO = Path(os.environ.get("CASEFLOW_SOURCE_DIR", Path(__file__).resolve().parents[3]))


def d(text):
    """'YYYY-MM-DD' -> datetime.date, for readable expectations."""
    return datetime.date.fromisoformat(text)


@pytest.fixture
def dk():
    with caseflow.RuleSet.builtin("dk") as rules:
        yield rules


@pytest.fixture
def example2(dk):
    """DOMAIN.md worked example 2, as of 2018-09-01."""
    with caseflow.Case(dk) as case:
        case.apply("sick_listed", d("2018-01-08"), employment="employee")
        case.apply("extension_refused", d("2018-07-10"))
        case.advance(d("2018-09-01"))
        yield case


@pytest.fixture
def cli():
    path = os.environ.get("CASEFLOW_CLI")
    if not path:
        pytest.skip("CASEFLOW_CLI is not set (ctest sets it to the built caseflow command)")
    return path

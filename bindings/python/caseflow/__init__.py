"""caseflow: Danish job-centre cases as date-driven state machines, from Python.

    >>> import datetime, caseflow
    >>> dk = caseflow.RuleSet.builtin("dk")
    >>> case = caseflow.Case(dk)
    >>> case.apply("sick_listed", datetime.date(2018, 1, 8), employment="employee")
    >>> case.apply("extension_refused", datetime.date(2018, 7, 10))
    >>> case.advance(datetime.date(2018, 9, 1))
    >>> case.state
    'job_clarification'

A thin binding over the C ABI (include/caseflow/caseflow.h) with ctypes: names are strings, dates
are datetime.date, failures raise CaseflowError(status, message), and a caseload takes a numpy
batch of events in one call. The library it loads is the one installed with this package (or
$CASEFLOW_LIBRARY).
"""
from ._case import Case, CaseView
from ._caseload import COMPACT_RECORD_DTYPE, RECORD_DTYPE, Caseload, Report
from ._core import (EPOCH, BatchResult, CaseDate, Closures, DueItem, Field, GroupCase, Obligation, OpenResult,
                    Punctuality, Timer, Transition, ValueCount, frame, from_days, to_days, version)
from ._ruleset import RuleSet
from ._ffi import ABI_VERSION, DATE_NONE, ID_NONE, CaseflowError, FieldType, Kind, Status, library_path

__version__ = version()

__all__ = [
    "ABI_VERSION", "BatchResult", "COMPACT_RECORD_DTYPE", "Case", "CaseDate", "CaseView", "Caseload", "CaseflowError",
    "Closures", "DATE_NONE", "DueItem", "EPOCH", "Field", "FieldType", "GroupCase", "ID_NONE", "Kind", "Obligation",
    "OpenResult", "Punctuality", "RECORD_DTYPE", "Report", "RuleSet", "Status", "Timer", "Transition", "ValueCount", "frame",
    "from_days", "library_path", "to_days", "version",
]

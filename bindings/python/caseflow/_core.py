"""What the classes share: the results as named tuples, dates, and ObjectRef, the base of every
class that owns a C handle. RuleSet (_ruleset.py), Case and CaseView (_case.py) and Caseload
(_caseload.py) are the C handles as Python objects, with names as strings and dates as
datetime.date. No rule logic lives in any of them: every answer comes from the library."""
import datetime
from collections import namedtuple
from ctypes import byref

from . import _ffi
from ._ffi import DATE_NONE, lib

try:  # numpy is optional: batches and statuses use it when it is there
    import numpy as _np
except ImportError:  # pragma: no cover - Debian's python3-numpy is a test dependency
    _np = None

EPOCH = datetime.date(1970, 1, 1)

# ---------------------------------------------------------------------------- results

#: An obligation instance: its name, due date (None while unknown), status ("pending", "overdue",
#: "met", "met_late", "lapsed", "missed"), the day it was met (or None), the day it arose.
Obligation = namedtuple("Obligation", "name due status met_on arose")
#: A pending timer: its name and the day it fires.
Timer = namedtuple("Timer", "name due")
#: A transition taken: its date, the state left (None for the opening), the state entered, the
#: event or timer that caused it, the rule's id and its legal reference.
Transition = namedtuple("Transition", "date from_state to_state cause rule legal_ref")
#: An open obligation of a case with its due date.
DueItem = namedtuple("DueItem", "case obligation due")
#: A case and a date (a point of the case).
CaseDate = namedtuple("CaseDate", "case date")
#: A case in a group (a team; None for cases without one).
GroupCase = namedtuple("GroupCase", "group case")
#: Closures of one caseworker (None: no caseworker) in one calendar month.
Closures = namedtuple("Closures", "caseworker year month real technical")
#: How many open cases hold one value of a variable.
ValueCount = namedtuple("ValueCount", "value count")
#: Punctuality: obligations met on time, met late, missed (or overdue); share = on time / all.
Punctuality = namedtuple("Punctuality", "on_time late missed share")
#: What a batch did: how many records were applied, and one Status value per record.
BatchResult = namedtuple("BatchResult", "applied statuses")
#: What Caseload.open_cases did: how many cases it started, and one Status value per case.
OpenResult = namedtuple("OpenResult", "opened statuses")
#: A field of an event: its name, FieldType, and for an enum the names of its values.
Field = namedtuple("Field", "name type values")


def frame(rows):
    """The rows of a query (a list of named tuples) as a pandas DataFrame; needs pandas."""
    import pandas  # noqa: F401 - only when asked for: pandas is optional
    return pandas.DataFrame.from_records(rows, columns=rows[0]._fields if rows else None)


def _typed(value, kind, name, what):
    """`value` when it is of `kind`; a TypeError naming the field otherwise (no silent coercion)."""
    if kind is bool and _np is not None and isinstance(value, _np.bool_):
        return bool(value)
    if not isinstance(value, kind):
        raise TypeError(f"field '{name}' is {what}, not {type(value).__name__}")
    return value


# ---------------------------------------------------------------------------- dates

def to_days(value):
    """A datetime.date (or an ISO 'YYYY-MM-DD' string) as days since 1970-01-01."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return (value - EPOCH).days
    if isinstance(value, str):
        out = _ffi.cf_date()
        lib.cf_date_parse(byref(out), _ffi.text(value))
        return out.value
    raise TypeError(f"a date is a datetime.date or 'YYYY-MM-DD', not {type(value).__name__}")


def from_days(days):
    """Days since 1970-01-01 as a datetime.date; None for CF_DATE_NONE."""
    return None if days == DATE_NONE else EPOCH + datetime.timedelta(days=days)


def version():
    """The version of the loaded library, "MAJOR.MINOR.PATCH"."""
    return lib.cf_version().decode()


# ---------------------------------------------------------------------------- handles

class ObjectRef:
    """A C handle owned by a Python object: released by close(), by `with`, or when collected."""

    _free = None  # the C function that releases the handle

    def __init__(self, handle):
        self._handle = handle

    @property
    def handle(self):
        """The C handle; raises ValueError once closed."""
        if self._handle is None:
            raise ValueError(f"this {type(self).__name__} is closed")
        return self._handle

    @property
    def closed(self):
        return self._handle is None

    def close(self):
        """Releases the C object now (idempotent)."""
        if self._handle is not None:
            handle, self._handle = self._handle, None
            getattr(lib, self._free)(handle)
            self._close_ruleset()

    def __enter__(self):
        return self

    def _close_ruleset(self):
        """Case and Caseload hold a rule-set handle of their own: released with them."""
        rules = self.__dict__.get("ruleset")
        if rules is not None:
            rules.close()

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # pragma: no cover - interpreter shutdown
            pass

"""The C ABI as ctypes sees it: the library, its structs, and one table of every prototype.

The library is found, in this order, at $CASEFLOW_LIBRARY, inside this package (where
`pip install` puts the libcaseflow.so it was built with), or where the system's linker finds
`caseflow`. It is refused unless its ABI version is the one this binding was written for.
Every function that returns a cf_status is checked: a failure raises CaseflowError with the
status and the library's message for the calling thread. Calls release the GIL (CDLL), and no
lock is taken around them.
"""
import ctypes
import ctypes.util
import enum
import os
from ctypes import (POINTER, Structure, byref, c_char, c_char_p, c_int, c_int32, c_int64, c_size_t, c_uint,
                    c_uint8, c_uint16, c_uint32, c_uint64, c_void_p)
from pathlib import Path

#: The ABI version this binding speaks (CF_ABI_VERSION in caseflow.h).
ABI_VERSION = 1


class Status(enum.IntEnum):
    """cf_status: the pinned result codes of the C ABI."""
    OK = 0
    BAD_INPUT = 1
    NOT_ALLOWED = 2
    GUARD_FAILED = 3
    OUT_OF_ORDER = 4
    NOT_OPEN = 5
    ALREADY_OPEN = 6
    ERROR = 7
    INVALID_ARGUMENT = 8
    NOT_FOUND = 9
    BUFFER_TOO_SMALL = 10
    CORRUPT = 11
    BAD_RULESET = 12
    IO = 13
    NO_MEMORY = 14


class CaseflowError(Exception):
    """A call into caseflow failed: `status` says how (a Status), `message` what and where."""

    def __init__(self, status, message):
        try:
            status = Status(status)
        except ValueError:
            pass
        self.status = status
        self.message = message
        name = status.name.lower() if isinstance(status, Status) else f"status {status}"
        super().__init__(f"{name}: {message}")


# ---------------------------------------------------------------------------- types

# Opaque handles, each its own pointer type so that ctypes refuses a case where a rule-set goes.
class _Ruleset(Structure):
    pass


class _Case(Structure):
    pass


class _Caseload(Structure):
    pass


RulesetP = POINTER(_Ruleset)
CaseP = POINTER(_Case)
CaseloadP = POINTER(_Caseload)

cf_date = c_int32
DATE_NONE = -(2 ** 31)  # CF_DATE_NONE
ID_NONE = 0xFFFF        # CF_ID_NONE
VALUE_NONE = -(2 ** 63)  # an unset variable (INT64_MIN)
RECORD_VALUES = 4       # CF_RECORD_VALUES


class Kind(enum.IntEnum):
    """cf_kind: what a name or an id refers to."""
    STATE = 0
    EVENT = 1
    TIMER = 2
    OBLIGATION = 3
    RULE = 4
    VARIABLE = 5
    POINT = 6


class CaseloadPath(enum.IntEnum):
    """cf_caseload_path: how a caseload runs its cases (Caseload(path=...) names them)."""
    GENERAL = 0
    FAST_IF_POSSIBLE = 1


class FieldType(enum.IntEnum):
    """cf_field_type: what a field's value carries."""
    ENUM = 0
    DATE = 1
    BOOL = 2
    INT = 3
    STRING = 4
    DATE_PAIRS = 5


class DatePair(Structure):
    _fields_ = [("first", cf_date), ("last", cf_date)]


class FieldValue(Structure):
    _fields_ = [("number", c_int64), ("pairs", POINTER(DatePair)), ("pair_count", c_size_t),
                ("present", c_int32), ("reserved", c_int32)]


class Obligation(Structure):
    _fields_ = [("obligation", c_uint16), ("status", c_uint8), ("reserved", c_uint8), ("due", cf_date),
                ("met_on", cf_date), ("arose", cf_date)]


class Timer(Structure):
    _fields_ = [("timer", c_uint16), ("reserved", c_uint16), ("due", cf_date)]


class Transition(Structure):
    _fields_ = [("date", cf_date), ("from_state", c_uint16), ("to_state", c_uint16), ("event", c_uint16),
                ("timer", c_uint16), ("rule", c_uint16), ("reserved", c_uint16)]


class EventRecord(Structure):
    _fields_ = [("case_index", c_uint32), ("date", cf_date), ("event", c_uint16), ("present", c_uint16),
                ("reserved", c_uint32), ("values", c_int64 * RECORD_VALUES)]


class CompactRecord(Structure):
    _fields_ = [("case_index", c_uint32), ("date", cf_date), ("event", c_uint16), ("present", c_uint16),
                ("value", c_int32)]


class DueItem(Structure):
    _fields_ = [("case_index", c_uint32), ("obligation", c_uint16), ("reserved", c_uint16), ("due", cf_date)]


class CaseDate(Structure):
    _fields_ = [("case_index", c_uint32), ("date", cf_date)]


class GroupCase(Structure):
    _fields_ = [("group", c_int64), ("case_index", c_uint32), ("reserved", c_uint32)]


class ClosureCount(Structure):
    _fields_ = [("caseworker", c_int64), ("year", c_int32), ("month", c_int32), ("real", c_int64),
                ("technical", c_int64)]


class ValueCount(Structure):
    _fields_ = [("value", c_int64), ("count", c_int64)]


class Punctuality(Structure):
    _fields_ = [("on_time", c_int64), ("late", c_int64), ("missed", c_int64)]


# The frozen sizes of caseflow.h: a mismatch means this file and the header disagree.
for _struct, _size in ((DatePair, 8), (Obligation, 16), (Timer, 8), (Transition, 16), (EventRecord, 48),
                       (CompactRecord, 16), (DueItem, 12), (CaseDate, 8), (GroupCase, 16), (ClosureCount, 32), (ValueCount, 16),
                       (Punctuality, 24)):
    assert ctypes.sizeof(_struct) == _size, f"{_struct.__name__} is {ctypes.sizeof(_struct)} bytes, not {_size}"


# ---------------------------------------------------------------------------- loading

def _find_library():
    explicit = os.environ.get("CASEFLOW_LIBRARY")
    if explicit:
        return explicit
    here = Path(__file__).resolve().parent
    for name in ("libcaseflow.so", "libcaseflow.dylib", "caseflow.dll"):
        if (here / name).is_file():
            return str(here / name)
    found = ctypes.util.find_library("caseflow")
    if found:
        return found
    raise ImportError("caseflow: the caseflow library is not installed with this package and not found on the "
                      "system; build it (cmake --preset release && cmake --build --preset release), then "
                      "pip install bindings/python, or point CASEFLOW_LIBRARY at libcaseflow.so")


library_path = _find_library()
lib = ctypes.CDLL(library_path)

try:
    lib.cf_abi_version.restype = c_int
    lib.cf_abi_version.argtypes = []
except AttributeError:
    raise ImportError(f"caseflow: {library_path} is not a caseflow library (it has no cf_abi_version)") from None
if lib.cf_abi_version() != ABI_VERSION:
    raise ImportError(f"caseflow: {library_path} speaks ABI {lib.cf_abi_version()}, this binding ABI {ABI_VERSION}")


# ---------------------------------------------------------------------------- prototypes

def _last_error():
    return lib.cf_last_error().decode("utf-8", "replace")


def _check(status, func, args):
    """errcheck of every function returning cf_status: raise on anything but CF_OK."""
    if status != 0:
        raise CaseflowError(status, _last_error())
    return status


def _check_sized(status, func, args):
    """errcheck of the (out, cap, out_count) functions: CF_BUFFER_TOO_SMALL is an answer, not an error."""
    if status != 0 and status != Status.BUFFER_TOO_SMALL:
        raise CaseflowError(status, _last_error())
    return status


STATUS = "status"  # returns cf_status, checked
SIZED = "sized"    # returns cf_status, checked, CF_BUFFER_TOO_SMALL passes

_P = POINTER
_PROTOTYPES = [
    # name, returns, argument types — in the order of caseflow.h
    ("cf_version", c_char_p, []),
    ("cf_abi_version", c_int, []),
    ("cf_status_str", c_char_p, [c_int]),
    ("cf_last_error", c_char_p, []),
    ("cf_string_free", None, [c_void_p]),
    ("cf_date_parse", STATUS, [_P(cf_date), c_char_p]),
    ("cf_date_format", STATUS, [_P(c_char), c_size_t, cf_date]),
    ("cf_date_from_ymd", STATUS, [_P(cf_date), c_int, c_int, c_int]),
    ("cf_date_to_ymd", STATUS, [_P(c_int), _P(c_int), _P(c_int), cf_date]),
    ("cf_ruleset_builtin", STATUS, [_P(RulesetP), c_char_p]),
    ("cf_ruleset_builtin_name", c_int, [_P(c_char_p), c_size_t]),  # unchecked: CF_NOT_FOUND ends the list
    ("cf_ruleset_load_file", STATUS, [_P(RulesetP), c_char_p]),
    ("cf_ruleset_load_string", STATUS, [_P(RulesetP), c_char_p, c_size_t, c_char_p]),
    ("cf_ruleset_free", None, [RulesetP]),
    ("cf_ruleset_name", STATUS, [_P(c_char_p), RulesetP]),
    ("cf_ruleset_count", STATUS, [_P(c_size_t), RulesetP, c_int]),
    ("cf_ruleset_find", STATUS, [_P(c_uint16), RulesetP, c_int, c_char_p]),
    ("cf_ruleset_name_of", STATUS, [_P(c_char_p), RulesetP, c_int, c_uint16]),
    ("cf_ruleset_legal_ref", STATUS, [_P(c_char_p), RulesetP, c_int, c_uint16]),
    ("cf_ruleset_state_is_final", STATUS, [_P(c_int), RulesetP, c_uint16]),
    ("cf_ruleset_variable_type", STATUS, [_P(c_int), RulesetP, c_uint16]),
    ("cf_ruleset_field_count", STATUS, [_P(c_size_t), RulesetP, c_uint16]),
    ("cf_ruleset_find_field", STATUS, [_P(c_uint16), RulesetP, c_uint16, c_char_p]),
    ("cf_ruleset_field_name", STATUS, [_P(c_char_p), RulesetP, c_uint16, c_uint16]),
    ("cf_ruleset_field_type", STATUS, [_P(c_int), RulesetP, c_uint16, c_uint16]),
    ("cf_ruleset_find_enum_value", STATUS, [_P(c_int64), RulesetP, c_uint16, c_uint16, c_char_p]),
    ("cf_ruleset_enum_value_name", c_int, [_P(c_char_p), RulesetP, c_uint16, c_uint16, c_int64]),  # as above
    ("cf_ruleset_dot", STATUS, [_P(c_void_p), _P(c_size_t), RulesetP]),
    ("cf_field_parse", STATUS, [_P(FieldValue), _P(DatePair), c_size_t, _P(c_size_t), RulesetP, c_uint16, c_uint16,
                                c_char_p, c_size_t]),
    ("cf_obligation_status_str", c_char_p, [c_int]),
    ("cf_case_open", STATUS, [_P(CaseP), RulesetP]),
    ("cf_case_copy", STATUS, [_P(CaseP), CaseP]),
    ("cf_case_free", None, [CaseP]),
    ("cf_case_ruleset", STATUS, [_P(RulesetP), CaseP]),
    ("cf_case_apply", STATUS, [CaseP, c_uint16, cf_date, _P(FieldValue), c_size_t]),
    ("cf_case_start", STATUS, [CaseP, cf_date]),
    ("cf_case_advance", STATUS, [CaseP, cf_date]),
    ("cf_case_is_open", STATUS, [_P(c_int), CaseP]),
    ("cf_case_state", STATUS, [_P(c_uint16), CaseP]),
    ("cf_case_is_final", STATUS, [_P(c_int), CaseP]),
    ("cf_case_clock", STATUS, [_P(cf_date), CaseP]),
    ("cf_case_day1", STATUS, [_P(cf_date), CaseP]),
    ("cf_case_reason", STATUS, [_P(c_char_p), CaseP]),
    ("cf_case_point", STATUS, [_P(cf_date), CaseP, c_char_p]),
    ("cf_case_variable", STATUS, [_P(c_int64), CaseP, c_char_p]),
    ("cf_case_obligations", SIZED, [_P(Obligation), c_size_t, _P(c_size_t), CaseP, cf_date]),
    ("cf_case_timers", SIZED, [_P(Timer), c_size_t, _P(c_size_t), CaseP]),
    ("cf_case_allowed_events", SIZED, [_P(c_uint16), c_size_t, _P(c_size_t), CaseP]),
    ("cf_case_trace", SIZED, [_P(Transition), c_size_t, _P(c_size_t), CaseP]),
    ("cf_case_json", STATUS, [_P(c_void_p), _P(c_size_t), CaseP, c_char_p, cf_date]),
    ("cf_case_snapshot", SIZED, [c_void_p, c_size_t, _P(c_size_t), CaseP]),
    ("cf_case_restore", STATUS, [CaseP, c_char_p, c_size_t]),
    ("cf_case_explain", SIZED, [c_char_p, c_size_t, _P(c_size_t), CaseP, c_char_p, cf_date]),
    ("cf_case_record_explanations", STATUS, [CaseP, c_int]),
    ("cf_caseload_new", STATUS, [_P(CaseloadP), RulesetP]),
    ("cf_caseload_new_on_path", STATUS, [_P(CaseloadP), RulesetP, c_int]),
    ("cf_caseload_free", None, [CaseloadP]),
    ("cf_caseload_ruleset", STATUS, [_P(RulesetP), CaseloadP]),
    ("cf_caseload_is_fast", STATUS, [_P(c_int), CaseloadP]),
    ("cf_caseload_bytes_per_case", STATUS, [_P(c_size_t), CaseloadP]),
    ("cf_caseload_add_case", STATUS, [_P(c_uint32), CaseloadP, c_char_p]),
    ("cf_caseload_find_case", STATUS, [_P(c_uint32), CaseloadP, c_char_p]),
    ("cf_caseload_case_id", STATUS, [_P(c_char_p), CaseloadP, c_uint32]),
    ("cf_caseload_size", STATUS, [_P(c_size_t), CaseloadP]),
    ("cf_caseload_case", STATUS, [_P(CaseP), CaseloadP, c_uint32]),
    ("cf_caseload_intern", STATUS, [_P(c_int64), CaseloadP, c_char_p]),
    ("cf_caseload_string", STATUS, [_P(c_char_p), CaseloadP, c_int64]),
    ("cf_caseload_apply", STATUS, [CaseloadP, c_uint32, c_uint16, cf_date, _P(FieldValue), c_size_t]),
    ("cf_caseload_start", STATUS, [CaseloadP, c_uint32, cf_date]),
    ("cf_caseload_open_cases", STATUS, [_P(c_size_t), c_void_p, CaseloadP, c_uint32, c_void_p, c_size_t]),
    ("cf_caseload_apply_batch", STATUS, [_P(c_size_t), c_void_p, CaseloadP, c_void_p, c_size_t]),
    ("cf_caseload_apply_compact", STATUS, [_P(c_size_t), c_void_p, CaseloadP, c_void_p, c_size_t]),
    ("cf_caseload_batch_message", STATUS, [_P(c_char_p), CaseloadP, c_size_t]),
    ("cf_caseload_advance", STATUS, [CaseloadP, cf_date, c_uint]),
    ("cf_caseload_export_states", STATUS, [c_void_p, c_void_p, CaseloadP, c_uint32, c_size_t]),
    ("cf_caseload_count_by_state", SIZED, [_P(c_int64), c_size_t, _P(c_size_t), CaseloadP]),
    ("cf_caseload_entering_week", SIZED, [_P(c_uint32), c_size_t, _P(c_size_t), CaseloadP, c_int32, cf_date,
                                          cf_date]),
    ("cf_caseload_overdue", SIZED, [_P(c_uint32), c_size_t, _P(c_size_t), CaseloadP, c_uint16, cf_date]),
    ("cf_caseload_due_within", SIZED, [_P(DueItem), c_size_t, _P(c_size_t), CaseloadP, cf_date, cf_date]),
    ("cf_caseload_supervision_sample", SIZED, [_P(c_uint32), c_size_t, _P(c_size_t), CaseloadP, c_size_t,
                                               c_uint64, cf_date]),
    ("cf_caseload_over_weeks_by", SIZED, [_P(GroupCase), c_size_t, _P(c_size_t), CaseloadP, c_int32, cf_date,
                                          c_char_p]),
    ("cf_caseload_flagged", SIZED, [_P(c_uint32), c_size_t, _P(c_size_t), CaseloadP, c_char_p]),
    ("cf_caseload_points_within", SIZED, [_P(CaseDate), c_size_t, _P(c_size_t), CaseloadP, c_char_p, cf_date,
                                          cf_date]),
    ("cf_caseload_closures", SIZED, [_P(ClosureCount), c_size_t, _P(c_size_t), CaseloadP, c_char_p, c_char_p]),
    ("cf_caseload_variable_changes", SIZED, [_P(c_int64), c_size_t, _P(c_size_t), CaseloadP, c_char_p]),
    ("cf_caseload_open_by", SIZED, [_P(ValueCount), c_size_t, _P(c_size_t), CaseloadP, c_char_p]),
    ("cf_caseload_holding", SIZED, [_P(c_uint32), c_size_t, _P(c_size_t), CaseloadP, c_char_p]),
    ("cf_caseload_punctuality", STATUS, [_P(Punctuality), CaseloadP, _P(c_char_p), c_size_t, cf_date]),
    ("cf_caseload_report", SIZED, [c_char_p, c_size_t, _P(c_size_t), CaseloadP, cf_date, cf_date, c_uint64]),
]


def _declare():
    for name, returns, argtypes in _PROTOTYPES:
        fn = getattr(lib, name)
        fn.argtypes = argtypes
        if returns in (STATUS, SIZED):
            fn.restype = c_int
            fn.errcheck = _check if returns == STATUS else _check_sized
        else:
            fn.restype = returns


_declare()


def text(value):
    """Python str -> the UTF-8 bytes a `const char *` takes."""
    if isinstance(value, bytes):
        return value
    if not isinstance(value, str):
        raise TypeError(f"expected a str, got {type(value).__name__}")
    return value.encode("utf-8")


def sized(fn, ctype, *args, guess=16):
    """Calls an (out, cap, out_count, ...) function until the array is large enough; returns it and
    the count (two calls at most: the first one reports the size needed)."""
    count = c_size_t(0)
    cap = max(int(guess), 1)
    while True:
        out = (ctype * cap)()
        if fn(out, cap, byref(count), *args) == Status.OK:
            return out, count.value
        cap = count.value


def buffered_text(fn, *args, guess=8192):
    """Calls a (buf, cap, out_len, ...) function until the caller's buffer holds the text; returns it
    (two calls at most: the first one reports the length needed)."""
    length = c_size_t(0)
    cap = max(int(guess), 1)
    while True:
        buf = ctypes.create_string_buffer(cap)
        if fn(buf, cap, byref(length), *args) == Status.OK:
            return buf.raw[:length.value].decode("utf-8")
        cap = length.value + 1


def take_string(fn, *args):
    """Calls a function returning `char **out` text, copies the text and frees the library's."""
    out = c_void_p()
    size = c_size_t(0)
    fn(byref(out), byref(size), *args)
    try:
        return ctypes.string_at(out.value, size.value).decode("utf-8")
    finally:
        lib.cf_string_free(out)

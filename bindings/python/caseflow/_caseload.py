"""Caseload: many cases of one rule-set by external id, batches of records (numpy), advance, and
the monitoring queries."""
import array
import ctypes
import json
from ctypes import byref, c_char_p, c_int, c_int64, c_size_t, c_uint32

from . import _ffi
from ._case import CaseView
from ._core import (BatchResult, CaseDate, Closures, DueItem, GroupCase, ObjectRef, OpenResult, Punctuality,
                    ValueCount, _np, from_days, to_days)
from ._ffi import DATE_NONE, ID_NONE, CaseflowError, FieldType, Kind, Status, lib
from ._ruleset import RuleSet


def _record_dtype():
    if _np is None:
        return None
    return _np.dtype([("case_index", "<u4"), ("date", "<i4"), ("event", "<u2"), ("present", "<u2"),
                      ("reserved", "<u4"), ("values", "<i8", (_ffi.RECORD_VALUES,))])


#: The numpy dtype of a batch record: exactly cf_event_record's 48 bytes.
RECORD_DTYPE = _record_dtype()


def _compact_record_dtype():
    if _np is None:
        return None
    return _np.dtype([("case_index", "<u4"), ("date", "<i4"), ("event", "<u2"), ("present", "<u2"),
                      ("value", "<i4")])


#: The numpy dtype of a compact batch record: exactly cf_compact_record's 16 bytes (an event with at
#: most its first field given: `value`, when bit 0 of `present` is set).
COMPACT_RECORD_DTYPE = _compact_record_dtype()


#: Caseload(path=...): each path's name, and the cf_caseload_path it stands for.
_PATHS = {"general": _ffi.CaseloadPath.GENERAL, "fast_if_possible": _ffi.CaseloadPath.FAST_IF_POSSIBLE}


class Caseload(ObjectRef):
    """Many cases of one rule-set, by external id; batch apply, advance, monitoring queries.

    `path` chooses how the cases are run (docs/performance.md): "general" (the default), one full
    case per case, for every call; or "fast_if_possible", a fixed-size row per case (16 or 32
    bytes) when the rule-set fits the fast path's shape, and the general path when it does not
    (is_fast tells which). A fast caseload opens, applies, advances, exports states and counts by
    state as a general one does, with the same statuses and messages, but keeps no history per
    case: case(), timeline() and the monitoring queries but count_by_state raise CaseflowError
    (INVALID_ARGUMENT). Any other path raises ValueError."""

    _free = "cf_caseload_free"

    def __init__(self, ruleset, path="general"):
        code = _PATHS.get(path) if isinstance(path, str) else None
        if code is None:
            raise ValueError(f"path is 'general' or 'fast_if_possible', not {path!r}")
        handle = _ffi.CaseloadP()
        lib.cf_caseload_new_on_path(byref(handle), ruleset.handle, code)
        super().__init__(handle)
        self.ruleset = RuleSet._of(lib.cf_caseload_ruleset, handle, ruleset)
        self._ids = []        # case index -> external id
        self._index = {}      # external id -> case index
        self._version = 0     # bumped by every change, to catch stale CaseViews

    def __len__(self):
        return len(self._ids)

    def __repr__(self):
        fast = ", fast path" if not self.closed and self.is_fast else ""
        return f"<caseflow.Caseload of {len(self)} cases under {self.ruleset.name!r}{fast}>"

    @property
    def is_fast(self):
        """Whether the caseload runs on the fast path: made with path="fast_if_possible" under a
        rule-set that fits the fast path's shape."""
        out = c_int()
        lib.cf_caseload_is_fast(byref(out), self.handle)
        return bool(out.value)

    @property
    def bytes_per_case(self):
        """The bytes of hot state kept per case: on the fast path the row (16 for a rule-set with at
        most one obligation, 32 for two to four); on the general path the case object, not counting
        the memory it owns (variables, timers, obligations, trace)."""
        out = c_size_t()
        lib.cf_caseload_bytes_per_case(byref(out), self.handle)
        return out.value

    # ---- cases and strings

    def add_case(self, case_id):
        """Adds a case by external id (it opens with its opening event); returns its index."""
        index = self._index.get(case_id)
        if index is None:
            out = c_uint32()
            lib.cf_caseload_add_case(byref(out), self.handle, _ffi.text(case_id))
            index = out.value
            self._ids.append(case_id)
            self._index[case_id] = index
            self._version += 1
        return index

    def add_cases(self, case_ids):
        """Adds many cases; returns their indices."""
        return [self.add_case(c) for c in case_ids]

    def index(self, case):
        """The index of a case given by index or external id."""
        if isinstance(case, int):
            if not 0 <= case < len(self._ids):
                raise CaseflowError(Status.INVALID_ARGUMENT, f"case index {case} is out of range")
            return case
        index = self._index.get(case)
        if index is None:
            raise CaseflowError(Status.NOT_FOUND, f"the caseload has no case '{case}'")
        return index

    def case_id(self, index):
        """The external id of a case index."""
        return self._ids[index]

    @property
    def case_ids(self):
        return list(self._ids)

    def case(self, case):
        """A case (by index or id), read in place: see CaseView. A fast caseload has no case to lend:
        CaseflowError (INVALID_ARGUMENT); export_states() reads its states."""
        index = self.index(case)
        if self.is_fast:  # the library refuses, and says why
            lib.cf_caseload_case(byref(_ffi.CaseP()), self.handle, index)
        return CaseView(self, index)

    def intern(self, text):
        """The id of a string in this caseload's string fields (caseworker, team, provider)."""
        out = c_int64()
        lib.cf_caseload_intern(byref(out), self.handle, _ffi.text(text))
        return out.value

    def string(self, number):
        """The string an id stands for."""
        out = c_char_p()
        lib.cf_caseload_string(byref(out), self.handle, number)
        return out.value.decode()

    # ---- applying

    def apply(self, case, event, date, **fields):
        """Applies one event by name to one case (any event, date-pair fields included); raises
        CaseflowError on a rejection, which leaves the case as it was."""
        rs = self.ruleset
        event_id = rs.id(Kind.EVENT, event)
        values, keep = rs.field_values(event_id, fields, self.intern)
        self._version += 1
        lib.cf_caseload_apply(self.handle, self.index(case), event_id, to_days(date), values, len(values))

    def start(self, case, day):
        """Starts a case in the initial state on `day` with no event (see Case.start)."""
        self._version += 1
        lib.cf_caseload_start(self.handle, self.index(case), to_days(day))

    def open_cases(self, first, days):
        """Starts cases first, first + 1, ... in the initial state, case first + i on days[i], as
        start() would one case at a time (rule-sets whose cases simply start), in one call.

        `first` is a case index or id. `days` is a numpy array of int32 days since 1970-01-01 (used
        in place; other integer arrays and datetime64 arrays are converted), or a sequence of days:
        ints (days since 1970-01-01), datetime.date or 'YYYY-MM-DD'. Returns OpenResult(opened,
        statuses), one Status value per case: OK, ALREADY_OPEN, or BAD_INPUT for a day outside the
        calendar (a numpy uint8 array when numpy is there). A range past the last case raises
        CaseflowError(INVALID_ARGUMENT) and starts no case."""
        first = self._first(first)
        data, count, keep = _day_buffer(days)
        statuses, status_ptr = _status_array(count)
        opened = c_size_t()
        self._version += 1
        lib.cf_caseload_open_cases(byref(opened), status_ptr, self.handle, first, data, count)
        del keep
        return OpenResult(opened.value, statuses)

    def records(self, count):
        """A zeroed numpy array of `count` batch records (RECORD_DTYPE) to fill column by column."""
        if _np is None:
            raise ImportError("caseflow: records() needs numpy")
        return _np.zeros(count, dtype=RECORD_DTYPE)

    def compact_records(self, count):
        """A zeroed numpy array of `count` compact records (COMPACT_RECORD_DTYPE) to fill column by
        column."""
        if _np is None:
            raise ImportError("caseflow: compact_records() needs numpy")
        return _np.zeros(count, dtype=COMPACT_RECORD_DTYPE)

    def apply_batch(self, records):
        """Applies a batch of records in one call: a numpy array of RECORD_DTYPE, or any buffer of
        48-byte cf_event_record (array, bytearray). Returns BatchResult(applied, statuses), one
        Status value per record (a numpy uint8 array when numpy is there); message(i) explains one."""
        return self._batch(lib.cf_caseload_apply_batch, records, RECORD_DTYPE, "RECORD_DTYPE", _ffi.EventRecord)

    def apply_compact(self, records):
        """apply_batch for compact records, a third of the bytes: a numpy array of
        COMPACT_RECORD_DTYPE, or any buffer of 16-byte cf_compact_record (array, bytearray). A
        compact record is the batch record whose values[0] is `value`, given when bit 0 of `present`
        is set, and whose other fields are not given: events that need a later field go through
        apply_batch. The same checks, statuses and messages (message(i)) as apply_batch with those
        records. Returns BatchResult(applied, statuses)."""
        return self._batch(lib.cf_caseload_apply_compact, records, COMPACT_RECORD_DTYPE, "COMPACT_RECORD_DTYPE",
                           _ffi.CompactRecord)

    def _batch(self, fn, records, dtype, dtype_name, ctype):
        data, count, keep = _record_buffer(records, dtype, dtype_name, ctypes.sizeof(ctype))
        statuses, status_ptr = _status_array(count)
        applied = c_size_t()
        self._version += 1
        fn(byref(applied), status_ptr, self.handle, data, count)
        del keep
        return BatchResult(applied.value, statuses)

    def message(self, position):
        """Why record `position` of the last batch was rejected ("" when it was applied)."""
        out = c_char_p()
        lib.cf_caseload_batch_message(byref(out), self.handle, position)
        return out.value.decode()

    def advance(self, to, threads=1):
        """Advances every case to a date (results identical whatever the number of threads)."""
        self._version += 1
        lib.cf_caseload_advance(self.handle, to_days(to), threads)

    def export_states(self, first=0, count=None):
        """The state and the day of the last state change of cases first ... first + count - 1
        (count None: through the last case), in one call: for simulations that read every case.

        `first` is a case index or id. Returns (states, last_days): a uint16 array of state ids
        (ruleset.states[s] is the name; 0xFFFF, caseflow.ID_NONE, for a case not open yet) and an
        int32 array of days since 1970-01-01 (-2**31, caseflow.DATE_NONE, for a case with no
        transition); numpy arrays, or array.array when numpy is missing. A range past the last case
        raises CaseflowError(INVALID_ARGUMENT)."""
        first = self._first(first)
        if count is None:
            size = c_size_t()
            lib.cf_caseload_size(byref(size), self.handle)
            count = max(size.value - first, 0)
        elif isinstance(count, bool) or not hasattr(count, "__index__"):
            raise TypeError(f"count is an integer, not {type(count).__name__}")
        elif count.__index__() < 0:
            raise ValueError(f"count {count} is negative")
        count = count.__index__()
        if _np is not None:
            states, last_days = _np.empty(count, dtype=_np.uint16), _np.empty(count, dtype=_np.int32)
            state_ptr, day_ptr = states.ctypes.data, last_days.ctypes.data
        else:
            states, last_days = array.array("H", bytes(2 * count)), array.array("i", bytes(4 * count))
            state_ptr, day_ptr = states.buffer_info()[0], last_days.buffer_info()[0]
        lib.cf_caseload_export_states(state_ptr, day_ptr, self.handle, first, count)
        return states, last_days

    def _first(self, first):
        """The first case of a range, by index or id, as the uint32 the library takes (the library
        checks the range itself)."""
        if isinstance(first, str):
            return self.index(first)
        if isinstance(first, bool) or not hasattr(first, "__index__"):
            raise TypeError(f"a case is an index or an id, not {type(first).__name__}")
        first = first.__index__()
        if not 0 <= first <= 0xFFFFFFFF:
            raise CaseflowError(Status.INVALID_ARGUMENT, f"case index {first} is out of range")
        return first

    # ---- queries: judged on the cases as they are; advance first

    def _cases(self, fn, *args):
        out, n = _ffi.sized(fn, c_uint32, self.handle, *args, guess=len(self._ids) or 1)
        return [self._ids[i] for i in out[:n]]

    def count_by_state(self):
        """{state: number of open cases in it}, every state listed."""
        rs = self.ruleset
        out, n = _ffi.sized(lib.cf_caseload_count_by_state, c_int64, self.handle, guess=len(rs.states))
        return {rs.states[i]: out[i] for i in range(n)}

    def entering_week(self, week, start, end):
        """Case ids whose week `week` starts within [start, end] and that are open on that day."""
        return self._cases(lib.cf_caseload_entering_week, week, to_days(start), to_days(end))

    def overdue(self, on, obligation=None):
        """Case ids with an instance of `obligation` (default: any) overdue on a date."""
        ob = ID_NONE if obligation is None else self.ruleset.id(Kind.OBLIGATION, obligation)
        return self._cases(lib.cf_caseload_overdue, ob, to_days(on))

    def due_within(self, start, end):
        """Open obligation instances due within [start, end], by due date then case."""
        rs = self.ruleset
        out, n = _ffi.sized(lib.cf_caseload_due_within, _ffi.DueItem, self.handle, to_days(start), to_days(end),
                            guess=len(self._ids) or 1)
        return [DueItem(self._ids[d.case_index], rs.obligations[d.obligation], from_days(d.due)) for d in out[:n]]

    def supervision_sample(self, k, seed, on):
        """A reproducible sample of k case ids with an overdue obligation on a date."""
        return self._cases(lib.cf_caseload_supervision_sample, k, seed, to_days(on))

    def over_weeks_by(self, weeks, on, group_variable="team"):
        """Open cases past `weeks` weeks on a date, grouped by a string variable."""
        out, n = _ffi.sized(lib.cf_caseload_over_weeks_by, _ffi.GroupCase, self.handle, weeks, to_days(on),
                            _ffi.text(group_variable), guess=len(self._ids) or 1)
        return [GroupCase(self._value(group_variable, g.group), self._ids[g.case_index]) for g in out[:n]]

    def flagged(self, bool_variable):
        """Case ids of open cases whose boolean variable is true (e.g. closure_expected)."""
        return self._cases(lib.cf_caseload_flagged, _ffi.text(bool_variable))

    def points_within(self, point, start, end):
        """Open cases whose point falls within [start, end], with the point's date."""
        out, n = _ffi.sized(lib.cf_caseload_points_within, _ffi.CaseDate, self.handle, _ffi.text(point),
                            to_days(start), to_days(end), guess=len(self._ids) or 1)
        return [CaseDate(self._ids[p.case_index], from_days(p.date)) for p in out[:n]]

    def closures(self, caseworker_variable="caseworker", technical_reason="technical"):
        """Closures per caseworker per month, real and technical."""
        out, n = _ffi.sized(lib.cf_caseload_closures, _ffi.ClosureCount, self.handle,
                            _ffi.text(caseworker_variable), _ffi.text(technical_reason), guess=16)
        return [Closures(self._value(caseworker_variable, c.caseworker), c.year, c.month, c.real, c.technical)
                for c in out[:n]]

    def variable_changes(self, variable):
        """{case id: how many times the variable changed after it was first set}."""
        out, n = _ffi.sized(lib.cf_caseload_variable_changes, c_int64, self.handle, _ffi.text(variable),
                            guess=len(self._ids) or 1)
        return {self._ids[i]: out[i] for i in range(n)}

    def open_by(self, variable):
        """Open cases per value of a variable (None: unset)."""
        out, n = _ffi.sized(lib.cf_caseload_open_by, _ffi.ValueCount, self.handle, _ffi.text(variable), guess=16)
        return [ValueCount(self._value(variable, v.value), v.count) for v in out[:n]]

    def holding(self, variable):
        """Case ids of open cases whose variable is set (e.g. provider: held by an external actor)."""
        return self._cases(lib.cf_caseload_holding, _ffi.text(variable))

    def punctuality(self, obligations, on):
        """Punctuality of the named obligations' instances judged on a date."""
        names = (c_char_p * len(obligations))(*[_ffi.text(o) for o in obligations])
        out = _ffi.Punctuality()
        lib.cf_caseload_punctuality(byref(out), self.handle, names, len(obligations), to_days(on))
        total = out.on_time + out.late + out.missed
        return Punctuality(out.on_time, out.late, out.missed, out.on_time / total if total else 0.0)

    def report(self, on, start=None, seed=1):
        """The report a team leader acts on (docs/reports.md): worklists, the watched weeks, the
        status of the last period against the one before, closures against the norm, extensions by
        ground, long-case flows, external actors, lead times, course outcomes and open cases per
        caseworker, shaped by the rule-set's `report:` block. Advance the caseload to `on` first.
        Returns a Report: its tables are pandas DataFrames when pandas is importable, else lists of
        dicts (plain rows); `report.data` is the whole JSON object."""
        day = to_days(on)
        first = DATE_NONE if start is None else to_days(start)
        text = _ffi.buffered_text(lib.cf_caseload_report, self.handle, day, first, int(seed), guess=1 << 16)
        return Report(json.loads(text))

    def timeline(self, case, as_of=None):
        """A case's §6 JSON object (a dict), with its external id."""
        index = self.index(case)
        return CaseView(self, index).timeline(as_of=as_of, case_id=self._ids[index])

    def _value(self, variable, number):
        """A group or variable value as Python: a string for string variables, None for unset (-1)."""
        if number == -1:
            return None
        if self.ruleset.variable_type(variable) == FieldType.STRING:
            return self.string(number)
        return number


class Report:
    """A caseload's report (Caseload.report): `data` is the JSON object of docs/reports.md; each
    table below is a pandas DataFrame when pandas is importable, else a list of dicts."""

    #: The tables, by attribute: where each is in the JSON object.
    TABLES = {
        "worklist": ("worklist",),
        "states": ("states",),
        "closures_by_month": ("closures", "by_month"),
        "closures_by_week": ("closures", "by_week"),
        "extensions_by_ground": ("extensions_by_ground",),
        "long_cases": ("long_cases",),
        "external_actors": ("external_actors",),
        "lead_times": ("lead_times",),
        "caseworkers": ("caseworkers",),
    }

    def __init__(self, data):
        self.data = data
        try:
            import pandas
        except ImportError:
            pandas = None
        for name, path in self.TABLES.items():
            rows = data
            for key in path:
                rows = rows[key]
            setattr(self, name, pandas.DataFrame.from_records(rows) if pandas is not None else list(rows))

    def __getitem__(self, key):
        return self.data[key]

    def __repr__(self):
        return f"<caseflow.Report {self.data['ruleset']} on {self.data['date']}: {self.data['cases']} cases>"


def _status_array(count):
    """(statuses, address) of `count` one-byte statuses for the library to fill: a numpy uint8
    array, or a bytearray without numpy (address None when empty)."""
    if _np is not None:
        statuses = _np.empty(count, dtype=_np.uint8)
        return statuses, statuses.ctypes.data
    statuses = bytearray(count)
    return statuses, (ctypes.addressof((ctypes.c_char * count).from_buffer(statuses)) if count else None)


def _day_buffer(days):
    """(address, count, keep-alive) of days since 1970-01-01 as int32: a numpy int32 array used in
    place, other integer or datetime64 arrays converted, or a sequence of ints, dates or ISO text."""
    low, high = -(2 ** 31), 2 ** 31 - 1
    if _np is not None and isinstance(days, _np.ndarray):
        if days.ndim != 1:
            raise ValueError(f"days must be one-dimensional, not of shape {days.shape}")
        if days.dtype.kind == "M":  # datetime64: whole days since the epoch (NaT is out of range)
            days = days.astype("datetime64[D]").astype(_np.int64)
        elif days.dtype.kind not in "iu":
            raise TypeError(f"days must be integers (days since 1970-01-01) or datetime64, not {days.dtype}")
        if days.dtype != _np.dtype("<i4") and len(days) and (days.min() < low or days.max() > high):
            raise ValueError(f"days must fit in int32: {days.min()} ... {days.max()}")
        days = _np.ascontiguousarray(days, dtype="<i4")
        return (days.ctypes.data if len(days) else None), len(days), days
    if isinstance(days, (str, bytes)):
        raise TypeError("days is a sequence of days, not one text")
    values = [_day(d) for d in days]
    for v in values:
        if not low <= v <= high:
            raise ValueError(f"day {v} does not fit in int32")
    if not values:
        return None, 0, None
    buf = (_ffi.cf_date * len(values))(*values)
    return ctypes.addressof(buf), len(values), buf


def _day(value):
    """One day of open_cases: an int (days since 1970-01-01), a datetime.date or 'YYYY-MM-DD'."""
    if isinstance(value, bool):
        raise TypeError("a day is an int, a datetime.date or 'YYYY-MM-DD', not bool")
    if hasattr(value, "__index__"):
        return value.__index__()
    return to_days(value)


def _record_buffer(records, dtype, dtype_name, size):
    """(address, count, keep-alive) of a batch: a numpy array of `dtype` used in place (no Python
    work per record), or any contiguous buffer of `size`-byte records."""
    if _np is not None and isinstance(records, _np.ndarray):
        if records.dtype != dtype:
            raise TypeError(f"records must have caseflow.{dtype_name}, not {records.dtype}")
        records = _np.ascontiguousarray(records)
        return (records.ctypes.data if len(records) else None), len(records), records
    view = memoryview(records).cast("B")
    if view.nbytes % size:
        raise ValueError(f"a batch is a whole number of {size}-byte records; got {view.nbytes} bytes")
    count = view.nbytes // size
    if count == 0:
        return None, 0, None
    if view.readonly:
        buf = (ctypes.c_char * view.nbytes).from_buffer_copy(view)
    else:
        buf = (ctypes.c_char * view.nbytes).from_buffer(view)
    return ctypes.addressof(buf), count, (buf, view)

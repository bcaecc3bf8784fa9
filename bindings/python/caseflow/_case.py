"""Case and CaseView: one case, owned (Case) or read in place in a caseload (CaseView)."""
import ctypes
import json
from ctypes import byref, c_char_p, c_int, c_int64, c_size_t, c_uint16

from . import _ffi
from ._core import Obligation, ObjectRef, Timer, Transition, from_days, to_days
from ._ffi import DATE_NONE, ID_NONE, VALUE_NONE, FieldType, Kind, lib
from ._ruleset import RuleSet


class _CaseReader:
    """What every case answers, whether owned (Case) or held by a caseload."""

    def _rules(self):
        raise NotImplementedError

    def _string(self, number):
        return number

    @property
    def is_open(self):
        out = c_int()
        lib.cf_case_is_open(byref(out), self.handle)
        return bool(out.value)

    @property
    def is_final(self):
        out = c_int()
        lib.cf_case_is_final(byref(out), self.handle)
        return bool(out.value)

    @property
    def state(self):
        """The current state's name; None before the case opens."""
        if not self.is_open:
            return None
        out = c_uint16()
        lib.cf_case_state(byref(out), self.handle)
        return self._rules().states[out.value]

    @property
    def clock(self):
        """The latest date the case has seen; None before it opens."""
        if not self.is_open:
            return None
        out = _ffi.cf_date()
        lib.cf_case_clock(byref(out), self.handle)
        return from_days(out.value)

    @property
    def day1(self):
        """Day 1: the date of the opening event; None before it opens."""
        if not self.is_open:
            return None
        out = _ffi.cf_date()
        lib.cf_case_day1(byref(out), self.handle)
        return from_days(out.value)

    @property
    def reason(self):
        """The closure reason in a final state reached with one, else None."""
        out = c_char_p()
        lib.cf_case_reason(byref(out), self.handle)
        return out.value.decode() if out.value is not None else None

    def point(self, name):
        """A derived date by name ("reassessment_point"); None while unknown."""
        out = _ffi.cf_date()
        lib.cf_case_point(byref(out), self.handle, _ffi.text(name))
        return from_days(out.value)

    def variable(self, name):
        """A case variable by name: an int, a date, a bool or a string; None while unset."""
        out = c_int64()
        lib.cf_case_variable(byref(out), self.handle, _ffi.text(name))
        if out.value == VALUE_NONE:
            return None
        kind = self._rules().variable_type(name)
        if kind == FieldType.DATE:
            return from_days(out.value)
        if kind == FieldType.BOOL:
            return bool(out.value)
        if kind == FieldType.STRING:
            return self._string(out.value)
        return out.value

    def obligations(self, as_of=None):
        """Every obligation instance, in the order they arose, judged on `as_of` (default: the clock)."""
        rs = self._rules()
        day = DATE_NONE if as_of is None else to_days(as_of)
        out, n = _ffi.sized(lib.cf_case_obligations, _ffi.Obligation, self.handle, day, guess=8)
        return [Obligation(rs.obligations[o.obligation], from_days(o.due),
                           lib.cf_obligation_status_str(o.status).decode(), from_days(o.met_on), from_days(o.arose))
                for o in out[:n]]

    def timers(self):
        """The pending timers with a date, by date."""
        rs = self._rules()
        out, n = _ffi.sized(lib.cf_case_timers, _ffi.Timer, self.handle, guess=4)
        return [Timer(rs.timers[t.timer], from_days(t.due)) for t in out[:n]]

    def allowed_events(self):
        """The events allowed in the current state (guards not evaluated), in declaration order."""
        rs = self._rules()
        out, n = _ffi.sized(lib.cf_case_allowed_events, c_uint16, self.handle, guess=32)
        return [rs.events[e] for e in out[:n]]

    def transitions(self):
        """Every transition taken, with its cause, rule and legal reference."""
        rs = self._rules()
        out, n = _ffi.sized(lib.cf_case_trace, _ffi.Transition, self.handle, guess=8)
        rows = []
        for t in out[:n]:
            cause = rs.events[t.event] if t.event != ID_NONE else rs.timers[t.timer] if t.timer != ID_NONE else None
            rule = rs.rules[t.rule] if t.rule != ID_NONE else None
            rows.append(Transition(from_days(t.date), rs.states[t.from_state] if t.from_state != ID_NONE else None,
                                   rs.states[t.to_state], cause, rule,
                                   rs.legal_ref(Kind.RULE, rule) if rule is not None else None))
        return rows

    def timeline(self, as_of=None, case_id=""):
        """The case as DOMAIN.md §6's JSON object (a dict), as `caseflow timeline --json` prints it.
        `as_of` judges obligations (default: the clock); advance the case first to fire timers."""
        day = DATE_NONE if as_of is None else to_days(as_of)
        return json.loads(_ffi.take_string(lib.cf_case_json, self.handle, _ffi.text(case_id), day))

    def explain(self, as_of=None, case_id=""):
        """Why the case is in its state on `as_of` (default: the clock), and where each due date and
        timer date comes from: the rule, its version, the arithmetic step by step and the legal
        reference, as a dict (docs/explain.md has the schema; the step texts are what `caseflow
        explain` prints). A later date is reached on a copy: the case does not move. The steps are the
        ones kept when each date was computed if the case records explanations
        (Case.record_explanations), else worked out again on the case as it is ("recorded": False)."""
        day = DATE_NONE if as_of is None else to_days(as_of)
        return json.loads(_ffi.buffered_text(lib.cf_case_explain, self.handle, _ffi.text(case_id), day))

    def snapshot(self):
        """The case's whole state as bytes (versioned, checksummed): Case.restore takes them back."""
        size = c_size_t()
        lib.cf_case_snapshot(None, 0, byref(size), self.handle)
        buf = ctypes.create_string_buffer(size.value)
        lib.cf_case_snapshot(buf, size.value, byref(size), self.handle)
        return buf.raw[:size.value]


class Case(ObjectRef, _CaseReader):
    """One case under one rule-set. Used by one thread at a time."""

    _free = "cf_case_free"

    def __init__(self, ruleset, _handle=None):
        if _handle is None:
            _handle = _ffi.CaseP()
            lib.cf_case_open(byref(_handle), ruleset.handle)
        super().__init__(_handle)
        self.ruleset = RuleSet._of(lib.cf_case_ruleset, _handle, ruleset)
        # A lone case has no string table: its string fields are numbered here.
        self._strings = {}

    def __repr__(self):
        return f"<caseflow.Case {self.state or '(not open)'} under {self.ruleset.name!r}>"

    def _rules(self):
        return self.ruleset

    def _intern(self, s):
        return self._strings.setdefault(s, len(self._strings))

    def _string(self, number):
        for s, n in self._strings.items():
            if n == number:
                return s
        return number

    def apply(self, event, date, **fields):
        """Applies an event by name, e.g. apply("sick_listed", date(2018, 1, 8), employment="employee").
        Raises CaseflowError (NOT_ALLOWED, OUT_OF_ORDER, BAD_INPUT, ...) and leaves the case as it was."""
        rs = self.ruleset
        event_id = rs.id(Kind.EVENT, event)
        values, keep = rs.field_values(event_id, fields, self._intern)
        lib.cf_case_apply(self.handle, event_id, to_days(date), values, len(values))

    def start(self, day):
        """Starts the case in the initial state on `day` with no event (rule-sets whose cases
        simply start; dk's cases open with sick_listed)."""
        lib.cf_case_start(self.handle, to_days(day))

    def advance(self, to):
        """Moves the clock to a date, firing the timers due by then."""
        lib.cf_case_advance(self.handle, to_days(to))

    def record_explanations(self, on=True):
        """Keeps from now on, at the moment each due date, timer date and variable is computed, how
        it was computed, so that explain() tells exactly that (call it before the first event).
        Off by default: it costs time and memory. on=False stops and forgets what was kept."""
        lib.cf_case_record_explanations(self.handle, 1 if on else 0)

    def copy(self):
        """An independent copy."""
        out = _ffi.CaseP()
        lib.cf_case_copy(byref(out), self.handle)
        c = Case(self.ruleset, _handle=out)
        c._strings = dict(self._strings)
        return c

    def restore(self, data):
        """Replaces this case's state with a snapshot's; CaseflowError(CORRUPT) leaves it unchanged."""
        data = bytes(data)
        lib.cf_case_restore(self.handle, data, len(data))

    @classmethod
    def from_snapshot(cls, ruleset, data):
        """A case restored from snapshot bytes under `ruleset`."""
        c = cls(ruleset)
        try:
            c.restore(data)
        except BaseException:
            c.close()
            raise
        return c


class CaseView(_CaseReader):
    """A case held by a caseload, read in place: valid until the caseload changes (apply, advance,
    add_case) or closes. Case.copy()-like independence: Caseload.case(...).copy()."""

    def __init__(self, caseload, index):
        self._caseload = caseload
        self._index = index
        self._version = caseload._version

    @property
    def handle(self):
        if self._caseload.closed or self._version != self._caseload._version:
            raise ValueError("this case view is stale: the caseload changed or closed since it was taken")
        out = _ffi.CaseP()
        lib.cf_caseload_case(byref(out), self._caseload.handle, self._index)
        return out

    def _rules(self):
        return self._caseload.ruleset

    def _string(self, number):
        return self._caseload.string(number)

    def copy(self):
        """The case as an independent Case."""
        out = _ffi.CaseP()
        lib.cf_case_copy(byref(out), self.handle)
        return Case(self._caseload.ruleset, _handle=out)

    def __repr__(self):
        return f"<caseflow.CaseView {self._caseload.case_id(self._index)!r}>"

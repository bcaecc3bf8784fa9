"""RuleSet, Case and Caseload: the C handles as Python objects, with names as strings and dates as
datetime.date. No rule logic lives here: every answer comes from the library."""
import array
import ctypes
import datetime
import json
from collections import namedtuple
from ctypes import byref, c_char_p, c_int, c_int64, c_size_t, c_uint16, c_uint32

from . import _ffi
from ._ffi import DATE_NONE, ID_NONE, VALUE_NONE, CaseflowError, FieldType, Kind, Status, lib

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


class RuleSet(ObjectRef):
    """A compiled rule-set; immutable and safe to share between threads."""

    _free = "cf_ruleset_free"

    def _close_ruleset(self):
        pass

    @classmethod
    def builtin(cls, name):
        """A rule-set built into the library: "dk" or "dk-2008"."""
        out = _ffi.RulesetP()
        lib.cf_ruleset_builtin(byref(out), _ffi.text(name))
        return cls(out)

    @classmethod
    def load(cls, path):
        """A rule file (YAML, docs/rulesets.md)."""
        out = _ffi.RulesetP()
        lib.cf_ruleset_load_file(byref(out), _ffi.text(str(path)))
        return cls(out)

    @classmethod
    def from_text(cls, yaml_text, origin="<string>"):
        """Rule-set text held in memory; `origin` names it in error messages."""
        data = _ffi.text(yaml_text)
        out = _ffi.RulesetP()
        lib.cf_ruleset_load_string(byref(out), data, len(data), _ffi.text(origin))
        return cls(out)

    @staticmethod
    def builtin_names():
        """The names of the built-in rule-sets."""
        names, name, i = [], c_char_p(), 0
        while lib.cf_ruleset_builtin_name(byref(name), i) == Status.OK:
            names.append(name.value.decode())
            i += 1
        return names

    def __init__(self, handle, _like=None):
        super().__init__(handle)
        # Name tables, built on first use; handles on the same compiled rule-set share them.
        self._names = _like._names if _like is not None else {}
        self._ids = _like._ids if _like is not None else {}
        self._schemas = _like._schemas if _like is not None else {}

    @classmethod
    def _of(cls, getter, handle, like):
        """The rule-set of a case or caseload as a handle of its own, so that closing the RuleSet
        the user made it from does not strand it (the library keeps the compiled rule-set alive)."""
        out = _ffi.RulesetP()
        getter(byref(out), handle)
        return cls(out, _like=like)

    def __repr__(self):
        return f"<caseflow.RuleSet {self.name!r}>" if not self.closed else "<caseflow.RuleSet (closed)>"

    @property
    def name(self):
        out = c_char_p()
        lib.cf_ruleset_name(byref(out), self.handle)
        return out.value.decode()

    def names(self, kind):
        """The names of a Kind, in declaration order (index = id)."""
        kind = Kind(kind)
        if kind not in self._names:
            count = c_size_t()
            lib.cf_ruleset_count(byref(count), self.handle, kind)
            out, names = c_char_p(), []
            for i in range(count.value):
                lib.cf_ruleset_name_of(byref(out), self.handle, kind, i)
                names.append(out.value.decode())
            self._names[kind] = tuple(names)
            self._ids[kind] = {n: i for i, n in enumerate(names)}
        return self._names[kind]

    def id(self, kind, name):
        """The id of a name of a Kind; CaseflowError(NOT_FOUND) names an unknown one."""
        self.names(kind)
        found = self._ids[Kind(kind)].get(name)
        if found is None:  # let the library say what is wrong
            out = c_uint16()
            lib.cf_ruleset_find(byref(out), self.handle, kind, _ffi.text(name))
            return out.value
        return found

    states = property(lambda self: self.names(Kind.STATE), doc="The states, in declaration order.")
    events = property(lambda self: self.names(Kind.EVENT), doc="The events, in declaration order.")
    timers = property(lambda self: self.names(Kind.TIMER), doc="The timers, in declaration order.")
    obligations = property(lambda self: self.names(Kind.OBLIGATION), doc="The obligations, in order.")
    rules = property(lambda self: self.names(Kind.RULE), doc="The rules (transition ids), in order.")
    variables = property(lambda self: self.names(Kind.VARIABLE), doc="The case variables, in order.")
    points = property(lambda self: self.names(Kind.POINT), doc="The derived dates, in order.")

    def legal_ref(self, kind, name):
        """The legal reference of a rule, timer, obligation or point ("SDL § 24, stk. 1")."""
        out = c_char_p()
        lib.cf_ruleset_legal_ref(byref(out), self.handle, kind, self.id(kind, name))
        return out.value.decode()

    def is_final(self, state):
        """Whether a state is final."""
        out = c_int()
        lib.cf_ruleset_state_is_final(byref(out), self.handle, self.id(Kind.STATE, state))
        return bool(out.value)

    def variable_type(self, variable):
        """The FieldType of a case variable."""
        out = c_int()
        lib.cf_ruleset_variable_type(byref(out), self.handle, self.id(Kind.VARIABLE, variable))
        return FieldType(out.value)

    def fields(self, event):
        """The fields of an event, in declaration order (index = field id)."""
        return self._schema(self.id(Kind.EVENT, event))[0]

    def _schema(self, event_id):
        """(fields, {name: (index, type)}) of an event, cached."""
        schema = self._schemas.get(event_id)
        if schema is None:
            count = c_size_t()
            lib.cf_ruleset_field_count(byref(count), self.handle, event_id)
            fields, by_name, name, ftype = [], {}, c_char_p(), c_int()
            for f in range(count.value):
                lib.cf_ruleset_field_name(byref(name), self.handle, event_id, f)
                lib.cf_ruleset_field_type(byref(ftype), self.handle, event_id, f)
                values = []
                if ftype.value == FieldType.ENUM:
                    v = c_char_p()
                    while lib.cf_ruleset_enum_value_name(byref(v), self.handle, event_id, f, len(values)) == 0:
                        values.append(v.value.decode())
                field = Field(name.value.decode(), FieldType(ftype.value), tuple(values))
                fields.append(field)
                by_name[field.name] = (f, field.type)
            schema = self._schemas[event_id] = (tuple(fields), by_name)
        return schema

    def field_values(self, event_id, fields, intern):
        """kwargs of an event -> a cf_field_value array (strings interned with `intern`)."""
        _, by_name = self._schema(event_id)
        values = (_ffi.FieldValue * len(by_name))()
        keep = []  # date-pair arrays, alive for the call
        for name, value in fields.items():
            spec = by_name.get(name)
            if spec is None:  # the library names the unknown field
                lib.cf_ruleset_find_field(byref(c_uint16()), self.handle, event_id, _ffi.text(name))
            index, ftype = spec
            slot = values[index]
            if value is None:
                continue
            slot.present = 1
            if ftype == FieldType.ENUM:
                self._parse(slot, event_id, index, _typed(value, str, name, "a str"))
            elif ftype == FieldType.DATE and isinstance(value, str):
                self._parse(slot, event_id, index, value)
            elif ftype == FieldType.DATE:
                slot.number = to_days(value)
            elif ftype == FieldType.STRING:
                slot.number = intern(_typed(value, str, name, "a str"))
            elif ftype == FieldType.DATE_PAIRS:
                pairs = (_ffi.DatePair * len(value))(*[(to_days(a), to_days(b)) for a, b in value])
                keep.append(pairs)
                slot.pairs = ctypes.cast(pairs, ctypes.POINTER(_ffi.DatePair))
                slot.pair_count = len(value)
            elif ftype == FieldType.BOOL:
                slot.number = int(_typed(value, bool, name, "a bool"))
            else:  # an integer, not a bool or a float that happens to be whole
                if isinstance(value, bool) or not hasattr(value, "__index__"):
                    raise TypeError(f"field '{name}' is an integer, not {type(value).__name__}")
                slot.number = value.__index__()
        return values, keep

    def _parse(self, slot, event_id, field, value):
        """A field's value from text, read by the library as its JSON Lines and CSV readers read it."""
        data = _ffi.text(value)
        lib.cf_field_parse(byref(slot), None, 0, byref(c_size_t()), self.handle, event_id, field, data, len(data))

    def dot(self):
        """The state diagram as Graphviz DOT text."""
        return _ffi.take_string(lib.cf_ruleset_dot, self.handle)

    def open_case(self):
        """A new case under this rule-set (same as Case(self))."""
        return Case(self)


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

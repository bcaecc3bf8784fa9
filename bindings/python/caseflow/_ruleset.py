"""RuleSet: a compiled rule-set as a Python object: its names, fields and legal references."""
import ctypes
from ctypes import byref, c_char_p, c_int, c_size_t, c_uint16

from . import _ffi
from ._core import Field, ObjectRef, _typed, to_days
from ._ffi import FieldType, Kind, Status, lib


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
        from ._case import Case  # a case is made of a rule-set, not the other way round
        return Case(self)

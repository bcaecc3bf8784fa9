// The rule-file loader's insides, shared by its three files: loader.cpp (the file's sections, the
// dense table), loader_expr.cpp (expressions: parsed, resolved and typed) and loader_versions.cpp
// (a file's versions, each the previous one with its changes laid over it).
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "caseflow/ruleset.hpp"
#include "rules/model.hpp"

namespace caseflow::rules::loading {

/// The type an expression yields, for checking a rule file before any case runs.
enum class VType : std::uint8_t { date, number, boolean, string, enumeration, condition };

/// An error in one item of the file; the loader records it and moves on to the next item.
struct ItemError {
  std::string text;
};

/// What an expression may refer to where it is written.
struct Ctx {
  Id event = kNone;        // the event whose fields are in reach
  bool has_timer_start = false;
  std::string where;       // "transition 'x'", for messages
  /// Inside the steps of an `adjust`: the type of `current`, the value so far.
  std::optional<VType> current;
};

/// An expression node with its type (and, for an enum value, the field whose values it names).
struct Typed {
  std::uint32_t expr;
  VType type;
  Id enum_event = kNone;  // for enum values: whose field
  Id enum_field = kNone;
};

/// Reads one version of a rule file into a Model, collecting an error per bad item.
class Loader {
 public:
  explicit Loader(std::string origin) { m_.origin = std::move(origin); }

  /// Parses rule-file text; a YAML error is reported at its line and column.
  static YAML::Node parse(std::string_view text, const std::string& origin);

  Model load(std::string_view text) { return load(parse(text, m_.origin)); }

  /// Loads one version from its (merged) document.
  Model load(const YAML::Node& root);

 private:
  // ---- messages ----
  std::string at(const YAML::Mark& mk) const;
  [[noreturn]] void fail(const YAML::Node& n, const std::string& msg) const;
  template <class F>
  void guarded(const YAML::Node&, F&& f) {
    try {
      f();
    } catch (const ItemError& e) {
      errors_.push_back(e.text);
    } catch (const YAML::Exception& e) {
      errors_.push_back(at(e.mark) + e.msg);
    }
  }
  void check_keys(const YAML::Node& map, std::initializer_list<const char*> allowed,
                  const std::string& what);
  static std::string scalar(const YAML::Node& n) { return n.IsScalar() ? n.Scalar() : std::string(); }
  std::string need_string(const YAML::Node& parent, const char* key, const std::string& what) const;
  std::int64_t need_int(const YAML::Node& n, const std::string& what) const;
  Date need_date(const YAML::Node& n, const std::string& what) const;

  // ---- lookups ----
  Id lookup(const std::unordered_map<std::string, Id>& ix, const YAML::Node& n,
            const char* kind) const;
  Id scope_of(const YAML::Node& n) const;
  Id field_of(Id event, const YAML::Node& n, const Ctx& ctx) const;

  // ---- header, parameters, states, variables, events ----
  void load_header(const YAML::Node& root);

  template <class F>
  void load_each(const YAML::Node& section, F&& f) {
    if (!section) return;
    if (!section.IsMap()) {
      errors_.push_back(at(section.Mark()) + "expected a mapping of names");
      return;
    }
    for (const auto& kv : section) {
      const std::string name = kv.first.as<std::string>();
      guarded(kv.second, [&] { f(name, kv.second); });
    }
  }

  void declare_names(const YAML::Node& section, std::unordered_map<std::string, Id>& ix,
                     const char* kind);

  void load_params(const YAML::Node& section);

  void load_states(const YAML::Node& section, const YAML::Node& root);

  static bool parse_field_type(const std::string& s, FieldType& t);

  void load_variables(const YAML::Node& section);

  void load_events(const YAML::Node& section, const YAML::Node& root);
  /// Links each enum variable to the event field named by its `of`.
  void resolve_enum_variables();

  Field load_field(const std::string& event, const std::string& name, const YAML::Node& v);

  // ---- expressions ----
  std::uint32_t add(Expr e);
  Typed want(const YAML::Node& n, const Ctx& ctx, VType t);
  std::uint32_t date_expr(const YAML::Node& n, const Ctx& ctx) { return want(n, ctx, VType::date).expr; }
  std::uint32_t int_expr(const YAML::Node& n, const Ctx& ctx) { return want(n, ctx, VType::number).expr; }
  std::uint32_t cond_expr(const YAML::Node& n, const Ctx& ctx);

  Typed leaf_scalar(const YAML::Node& n, const Ctx& ctx);

  static VType field_vtype(FieldType t);
  static VType var_vtype(FieldType t) { return field_vtype(t); }

  // A constant to compare a value with, read in the value's own type.
  std::int64_t constant_for(const Typed& v, const YAML::Node& n) const;

  std::vector<std::uint32_t> list_of(const YAML::Node& n, const Ctx& ctx, VType t, std::size_t min_len);

  // A duration {days|weeks|months|years: N} added to a date.
  std::uint32_t add_duration(std::uint32_t date, const YAML::Node& d, const Ctx& ctx, bool negate);

  Typed value(const YAML::Node& n, const Ctx& ctx);

  Typed value_ref(const YAML::Node& n, const Ctx& ctx, const char* key);
  Typed value_ref_node(const YAML::Node& name, const Ctx& ctx, const std::string& key);

  // ---- points, timers, obligations ----
  void load_point(const std::string& name, const YAML::Node& v);

  std::vector<Id> event_list(const YAML::Node& n);
  void load_met_by(Obligation& o, const YAML::Node& n, const std::string& what);

  void load_timer(const std::string& name, const YAML::Node& v);

  void load_obligation(const std::string& name, const YAML::Node& v);

  // ---- transitions ----
  std::uint64_t from_mask(const YAML::Node& n);

  void load_transitions(const YAML::Node& section, const YAML::Node& root);

  void load_transition(const YAML::Node& v);

  Id reason_id(const std::string& name);

  void load_effect(const YAML::Node& e, Transition& t, const Ctx& ctx);

  // ---- where each name is declared, for messages about it (caseflow check) ----
  void mark_declarations(const YAML::Node& root);

  // ---- the dense table and indexes ----
  /// `version_by: day1 | event_date` of a rule (day1 when absent).
  bool version_by(const YAML::Node& v, const std::string& what) const;

 public:
  /// Builds the tables from the loaded rules (again, after versions align their transitions).
  void compile(const YAML::Node&);

  Model m_;
  std::vector<std::string> errors_;
  std::vector<Id> entry_anchors_;
  std::vector<std::pair<Id, YAML::Node>> enum_variables_;  // enum variables and their `of`, until the events are read
  std::unordered_map<std::string, Id> param_ix_, scope_ix_, var_ix_, event_ix_, point_ix_,
      timer_ix_, obligation_ix_;
};

}  // namespace caseflow::rules::loading

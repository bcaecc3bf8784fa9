// The C ABI's tests share these: handles as unique_ptrs, dates and names, events given by names,
// and the fixture with the built-in dk. Through caseflow.h only, as any C caller sees the library.
#pragma once

#include <caseflow/caseflow.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace caseflow_capi_test {

// ---------------------------------------------------------------- helpers

struct RulesetFree {
  void operator()(cf_ruleset* r) const { cf_ruleset_free(r); }
};
struct CaseFree {
  void operator()(cf_case* c) const { cf_case_free(c); }
};
struct CaseloadFree {
  void operator()(cf_caseload* c) const { cf_caseload_free(c); }
};
using RulesetPtr = std::unique_ptr<cf_ruleset, RulesetFree>;
using CasePtr = std::unique_ptr<cf_case, CaseFree>;
using CaseloadPtr = std::unique_ptr<cf_caseload, CaseloadFree>;

inline cf_date D(const char* text) {
  cf_date d = 0;
  EXPECT_EQ(cf_date_parse(&d, text), CF_OK) << text << ": " << cf_last_error();
  return d;
}

inline std::string iso(cf_date d) {
  if (d == CF_DATE_NONE) return "none";
  char buf[CF_DATE_ISO_SIZE];
  EXPECT_EQ(cf_date_format(buf, sizeof buf, d), CF_OK);
  return buf;
}

inline std::string last_error() { return cf_last_error(); }

inline RulesetPtr builtin(const char* name) {
  cf_ruleset* r = nullptr;
  EXPECT_EQ(cf_ruleset_builtin(&r, name), CF_OK) << cf_last_error();
  return RulesetPtr(r);
}

inline uint16_t id_of(const cf_ruleset* rs, cf_kind kind, const char* name) {
  uint16_t id = CF_ID_NONE;
  EXPECT_EQ(cf_ruleset_find(&id, rs, kind, name), CF_OK) << name << ": " << cf_last_error();
  return id;
}

inline std::string name_of(const cf_ruleset* rs, cf_kind kind, uint16_t id) {
  const char* name = nullptr;
  EXPECT_EQ(cf_ruleset_name_of(&name, rs, kind, id), CF_OK) << cf_last_error();
  return name ? name : "";
}

inline std::vector<uint8_t> snapshot(const cf_case* c) {
  size_t size = 0;
  EXPECT_EQ(cf_case_snapshot(nullptr, 0, &size, c), CF_BUFFER_TOO_SMALL);
  std::vector<uint8_t> bytes(size);
  EXPECT_EQ(cf_case_snapshot(bytes.data(), bytes.size(), &size, c), CF_OK) << cf_last_error();
  EXPECT_EQ(size, bytes.size());
  return bytes;
}

inline std::string json_of(const cf_case* c, const char* id, cf_date as_of) {
  char* text = nullptr;
  size_t len = 0;
  EXPECT_EQ(cf_case_json(&text, &len, c, id, as_of), CF_OK) << cf_last_error();
  std::string out = text ? std::string(text, len) : "";
  cf_string_free(text);
  return out;
}

// An event given by names, for readable tests: {"employment", "employee"}, {"category", 3}, ...
struct Value {
  enum Kind { text, number, date } kind;
  std::string s;
  int64_t n = 0;
  Value(const char* v) : kind(text), s(v) {}
  Value(int v) : kind(number), n(v) {}
  static Value on(const char* iso_date) {
    Value v(0);
    v.kind = date;
    v.s = iso_date;
    return v;
  }
};

inline std::vector<cf_field_value> fields_of(const cf_ruleset* rs, uint16_t event,
                                      const std::vector<std::pair<const char*, Value>>& given) {
  size_t count = 0;
  EXPECT_EQ(cf_ruleset_field_count(&count, rs, event), CF_OK);
  std::vector<cf_field_value> values(count);
  for (const auto& [name, v] : given) {
    uint16_t f = 0;
    EXPECT_EQ(cf_ruleset_find_field(&f, rs, event, name), CF_OK) << name;
    cf_field_value& fv = values.at(f);
    fv.present = 1;
    if (v.kind == Value::text) {
      EXPECT_EQ(cf_ruleset_find_enum_value(&fv.number, rs, event, f, v.s.c_str()), CF_OK);
    } else if (v.kind == Value::number) {
      fv.number = v.n;
    } else {
      fv.number = D(v.s.c_str());
    }
  }
  return values;
}

// The DOMAIN.md names of dk, resolved once.
class DkTest : public ::testing::Test {
 protected:
  void SetUp() override { rs_ = builtin("dk"); }
  const cf_ruleset* rs() const { return rs_.get(); }
  uint16_t event(const char* name) const { return id_of(rs(), CF_KIND_EVENT, name); }
  uint16_t state(const char* name) const { return id_of(rs(), CF_KIND_STATE, name); }

  CasePtr open() const {
    cf_case* c = nullptr;
    EXPECT_EQ(cf_case_open(&c, rs()), CF_OK);
    return CasePtr(c);
  }

  cf_status apply(cf_case* c, const char* name, const char* date,
                  const std::vector<std::pair<const char*, Value>>& given = {}) const {
    const uint16_t e = event(name);
    const auto values = fields_of(rs(), e, given);
    return cf_case_apply(c, e, D(date), values.data(), values.size());
  }

  // DOMAIN.md worked example 2 as of 2018-09-01.
  CasePtr example2() const {
    CasePtr c = open();
    EXPECT_EQ(apply(c.get(), "sick_listed", "2018-01-08", {{"employment", "employee"}}), CF_OK) << cf_last_error();
    EXPECT_EQ(apply(c.get(), "extension_refused", "2018-07-10"), CF_OK) << cf_last_error();
    EXPECT_EQ(cf_case_advance(c.get(), D("2018-09-01")), CF_OK) << cf_last_error();
    return c;
  }

  RulesetPtr rs_;
};

}  // namespace caseflow_capi_test

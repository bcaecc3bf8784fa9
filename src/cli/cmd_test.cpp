// `caseflow test`: runs scenario files (docs/scenarios.md), one line per scenario, a diff per failure.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/report.hpp"
#include "cli/scenario.hpp"

namespace caseflow::cli {

namespace {

struct TestOptions {
  std::vector<std::string> paths;
  bool print_events = false;
  bool explain = false;
};

/// The scenario files named: files as given, directories searched for *.yaml (rule files skipped).
std::vector<std::string> scenario_files(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (const auto& entry : fs::recursive_directory_iterator(p, ec)) {
        const std::string ext = entry.path().extension().string();
        if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml") && looks_like_scenarios(entry.path().string()))
          found.push_back(entry.path().string());
      }
      if (ec) throw BadInput(p + ": cannot read the directory: " + ec.message());
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      out.push_back(p);
    } else {
      throw BadInput(p + ": no such scenario file or directory");
    }
  }
  return out;
}

std::string stem(const std::string& file) {
  return std::filesystem::path(file).stem().string();
}

int run_tests(const TestOptions& opts) {
  const std::vector<std::string> files = scenario_files(opts.paths);
  if (opts.print_events) {
    const std::vector<Scenario> all = [&] {
      std::vector<Scenario> v;
      for (const std::string& f : files)
        for (Scenario& s : load_scenarios(f)) v.push_back(std::move(s));
      return v;
    }();
    if (all.size() != 1) throw BadInput("--print-events takes exactly one scenario (found " + std::to_string(all.size()) + ")");
    for (const InputLine& l : all[0].events) std::cout << l.text << '\n';
    return exit_ok;
  }
  std::size_t passed = 0, failed = 0, broken = 0;
  for (const std::string& file : files) {
    std::vector<Scenario> scenarios;
    try {
      scenarios = load_scenarios(file);
    } catch (const BadInput& e) {
      std::cout << "ERROR " << e.what() << '\n';
      ++broken;
      continue;
    }
    for (const Scenario& s : scenarios) {
      const std::string label = s.name == stem(file) ? file : file + ": " + s.name;
      ScenarioResult r;
      try {
        r = run_scenario(s, opts.explain);
      } catch (const BadInput& e) {
        std::cout << "ERROR " << label << ": " << e.what() << '\n';
        ++broken;
        continue;
      }
      if (r.passed) {
        ++passed;
        std::cout << "ok    " << label << " (" << r.cases << (r.cases == 1 ? " case, " : " cases, ")
                  << s.expect.size() << (s.expect.size() == 1 ? " date)" : " dates)") << '\n';
        continue;
      }
      ++failed;
      std::cout << "FAIL  " << label << '\n';
      for (const std::string& p : r.problems) std::cout << "  " << p << '\n';
    }
  }
  std::cout << passed + failed + broken << " scenarios: " << passed << " passed, " << failed << " failed";
  if (broken) std::cout << ", " << broken << " could not run";
  std::cout << '\n';
  if (broken) return exit_bad_input;
  return failed ? exit_usage : exit_ok;  // 1: a scenario failed
}

}  // namespace

Command add_test_command(CLI::App& parent) {
  auto opts = std::make_shared<TestOptions>();
  CLI::App* app = parent.add_subcommand("test", "Run scenario tests: events, and what must hold at given dates");
  app->footer(
      "The format is in docs/scenarios.md. One line per scenario; for a failure, a diff of expected (-) against "
      "actual (+).\nExit status: 0 all passed, 1 a scenario failed, 2 a file could not be read.");
  app->add_option("PATH", opts->paths, "Scenario files, or directories searched for *.yaml")->required();
  app->add_flag("--print-events", opts->print_events,
                "Print the scenario's events as JSON Lines (for caseflow timeline or explain) instead of running it");
  app->add_flag("--explain", opts->explain,
                "Also explain every expected case (as caseflow explain does) and fail when an explanation does not "
                "lead to the engine's date");
  return {app, [opts]() { return run_tests(*opts); }};
}

}  // namespace caseflow::cli

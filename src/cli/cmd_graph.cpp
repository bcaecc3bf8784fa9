// `caseflow graph`: a rule-set's state machine as Graphviz DOT, or as SVG through Graphviz's `dot`.
#include <CLI/CLI.hpp>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/report.hpp"

extern char** environ;

namespace caseflow::cli {

namespace {

struct GraphOptions {
  std::string rules;
  std::string format = "dot";
  std::string out;
  std::string version;
};

/// Whether an executable named `name` is on PATH.
bool on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t end = std::min(dirs.find(':', start), dirs.size());
    const std::string dir = dirs.substr(start, end - start);
    if (!dir.empty() && access((dir + "/" + name).c_str(), X_OK) == 0) return true;
    start = end + 1;
  }
  return false;
}

/// Renders DOT text to SVG with `dot -Tsvg`, into `out` (a path) or onto stdout.
void render_svg(const std::string& dot, const std::string& out) {
  if (!on_path("dot"))
    throw BadInput("--format svg needs Graphviz's `dot` program, which is not on PATH: install Graphviz "
                   "(Debian: apt-get install graphviz), or write DOT with --format dot and render it elsewhere");
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw BadInput(std::string("cannot make a pipe to dot: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[0], STDIN_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
  std::vector<std::string> args = {"dot", "-Tsvg"};
  if (!out.empty()) args.insert(args.end(), {"-o", out});
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::cout.flush();
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "dot", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[0]);
  if (spawned != 0) {
    close(pipe_fds[1]);
    throw BadInput(std::string("cannot run dot: ") + std::strerror(spawned));
  }
  std::size_t written = 0;
  while (written < dot.size()) {
    const ssize_t n = write(pipe_fds[1], dot.data() + written, dot.size() - written);
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  close(pipe_fds[1]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw BadInput("dot failed to render the diagram (exit status " +
                   std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
}

int run_graph(const GraphOptions& opts) {
  const RuleSet rules = load_rules(opts.rules);
  std::size_t version = 0;
  if (!opts.version.empty()) {
    const auto v = rules.find_version(opts.version);
    if (!v) {
      std::string names;
      for (std::size_t i = 0; i < rules.version_count(); ++i) names += (names.empty() ? "" : ", ") + rules.version_name(i);
      throw BadInput("--version " + opts.version + ": " + rules.name() + " has no such version (it has: " + names + ")");
    }
    version = *v;
  }
  const std::string dot = rules.dot(version);
  if (opts.format == "svg") {
    render_svg(dot, opts.out);
    return exit_ok;
  }
  if (opts.out.empty()) {
    std::cout << dot;
    return exit_ok;
  }
  std::ofstream file(opts.out, std::ios::binary);
  if (!(file << dot)) throw BadInput(opts.out + ": cannot write the diagram");
  return exit_ok;
}

}  // namespace

Command add_graph_command(CLI::App& parent) {
  auto opts = std::make_shared<GraphOptions>();
  CLI::App* app = parent.add_subcommand("graph", "Draw a rule-set's state machine (Graphviz DOT or SVG)");
  app->footer(
      "Nested states are clusters, final states doubled, timer transitions dashed and labelled with their date rule; "
      "rules' legal references are tooltips. SVG needs Graphviz's dot on PATH (Debian: graphviz).");
  app->add_option("RULESET", opts->rules, "A built-in rule-set (dk, dk-2008) or a rule file")->required();
  app->add_option("--format", opts->format, "dot (default) or svg (needs Graphviz's dot on PATH)")
      ->check(CLI::IsMember({"dot", "svg"}));
  app->add_option("--out", opts->out, "Write to this file instead of standard output");
  app->add_option("--version", opts->version, "Draw this version of the rule-set (default: its first)");
  return {app, [opts]() { return run_graph(*opts); }};
}

}  // namespace caseflow::cli

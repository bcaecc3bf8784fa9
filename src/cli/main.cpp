// caseflow: the command-line face of the library.
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <vector>

#include "caseflow/calendar.hpp"
#include "caseflow/version.hpp"
#include "cli/commands.hpp"
#include "cli/report.hpp"

int main(int argc, char** argv) {
  using namespace caseflow::cli;
  CLI::App app{"caseflow: Danish job-centre cases as date-driven state machines", "caseflow"};
  app.set_version_flag("--version", std::string("caseflow ") + CASEFLOW_VERSION_STRING);
  app.require_subcommand(0, 1);

  std::vector<Command> commands;
  commands.push_back(add_timeline_command(app));
  commands.push_back(add_screen_command(app));
  commands.push_back(add_holidays_command(app));
  commands.push_back(add_check_command(app));
  commands.push_back(add_graph_command(app));
  commands.push_back(add_test_command(app));
  commands.push_back(add_explain_command(app));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return exit_usage;
  }

  for (const Command& c : commands) {
    if (!c.app->parsed()) continue;
    try {
      return c.run();
    } catch (const BadInput& e) {
      print_error(e.what());
      return exit_bad_input;
    } catch (const caseflow::DateError& e) {
      print_error(e.what());
      return exit_bad_input;
    } catch (const std::exception& e) {
      print_error(e.what());
      return exit_bad_input;
    }
  }
  // No command: show what there is.
  std::cout << app.help();
  return exit_ok;
}

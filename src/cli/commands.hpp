// The commands of the caseflow tool, one file each; main() only wires them together.
#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace caseflow::cli {

/// A command as main() sees it: the CLI11 subcommand it added, and what to run when chosen.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;  ///< returns an ExitStatus; may throw BadInput or DateError
};

/// `caseflow holidays`: Danish public holidays and working days of a year.
Command add_holidays_command(CLI::App& parent);

}  // namespace caseflow::cli

// How every caseflow command reports problems and ends: one format, three exit statuses.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace caseflow::cli {

/// The exit statuses shared by every command.
enum ExitStatus : int {
  exit_ok = 0,         ///< done
  exit_usage = 1,      ///< the command line was wrong (unknown option, missing argument)
  exit_bad_input = 2,  ///< an input (file, date, event) was wrong; the message says which
};

/// Thrown by a command when its input is wrong; main() prints it and exits with exit_bad_input.
class BadInput : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Prints `caseflow: error: MESSAGE` on stderr.
void print_error(std::string_view message);
/// Prints `caseflow: warning: MESSAGE` on stderr.
void print_warning(std::string_view message);

}  // namespace caseflow::cli

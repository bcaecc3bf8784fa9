#include "cli/report.hpp"

#include <iostream>

namespace caseflow::cli {

void print_error(std::string_view message) {
  std::cerr << "caseflow: error: " << message << '\n';
}

void print_warning(std::string_view message) {
  std::cerr << "caseflow: warning: " << message << '\n';
}

}  // namespace caseflow::cli

// `caseflow holidays`: the Danish public holidays of a year (and, with --closing-days, the closing
// days) and its number of working days.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "caseflow/calendar.hpp"
#include "cli/commands.hpp"
#include "cli/report.hpp"

namespace caseflow::cli {

namespace {
struct HolidaysOptions {
  int year = 0;
  bool closing_days = false;
};
}  // namespace

Command add_holidays_command(CLI::App& parent) {
  auto opts = std::make_shared<HolidaysOptions>();
  CLI::App* app = parent.add_subcommand(
      "holidays", "List Denmark's public holidays of a year and count its working days");
  app->add_option("--year", opts->year, "The year (1583-9999)")->required();
  app->add_flag("--closing-days", opts->closing_days,
                "Also close on the closing days that are not public holidays, and list them: 5 June "
                "(Constitution Day), 24 December and 31 December (forældelsesloven § 27, stk. 2; "
                "docs/domain.md#working-days)");
  return {app, [opts]() {
            if (opts->year < 1583 || opts->year > 9999)
              throw BadInput("--year " + std::to_string(opts->year) +
                             ": the Gregorian calendar covers 1583-9999");
            const WorkingDayCalendar cal =
                opts->closing_days ? WorkingDayCalendar(danish_closing_days())
                                   : WorkingDayCalendar();
            for (const Holiday& h : danish_public_holidays(opts->year))
              std::cout << h.date.iso() << "  " << h.name << '\n';
            if (opts->closing_days)
              for (const Holiday& c : closing_days_of(danish_closing_days(), opts->year))
                std::cout << c.date.iso() << "  " << c.name << " - closing day\n";
            const Date first = Date::from_ymd(opts->year, 1, 1);
            const Date last = Date::from_ymd(opts->year, 12, 31);
            std::cout << "working days: " << cal.count_working_days(first, last) << '\n';
            return int(exit_ok);
          }};
}

}  // namespace caseflow::cli

// `caseflow holidays`: the Danish public holidays of a year and its number of working days.
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
                "Also close on 1 and 5 June and 24 and 31 December");
  return {app, [opts]() {
            if (opts->year < 1583 || opts->year > 9999)
              throw BadInput("--year " + std::to_string(opts->year) +
                             ": the Gregorian calendar covers 1583-9999");
            const WorkingDayCalendar cal =
                opts->closing_days ? WorkingDayCalendar(danish_closing_days())
                                   : WorkingDayCalendar();
            for (const Holiday& h : danish_public_holidays(opts->year))
              std::cout << h.date.iso() << "  " << h.name << '\n';
            const Date first = Date::from_ymd(opts->year, 1, 1);
            const Date last = Date::from_ymd(opts->year, 12, 31);
            std::cout << "working days: " << cal.count_working_days(first, last) << '\n';
            return int(exit_ok);
          }};
}

}  // namespace caseflow::cli

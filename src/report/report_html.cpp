// The report as one self-contained HTML page: inline style, inline SVG charts and a few lines of
// script that sort the tables; nothing is fetched when it is viewed.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "caseflow/report.hpp"

namespace caseflow {

namespace {

std::string esc(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      default: o += c;
    }
  }
  return o;
}

std::string num(double v, int digits = 0) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

const char* const kColours[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
                                "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#86bcb6", "#d37295"};

// A bar chart: groups along x, each with bars (series), a legend, and an optional horizontal line.
struct Bars {
  std::string id, title;
  std::vector<std::string> groups, series;
  std::vector<std::vector<double>> values;  // [group][series]
  bool stacked = false;
  std::optional<double> line;
  std::string line_label;

  std::string svg() const {
    const double W = 760, left = 48, top = 30, right = 10;
    // The legend wraps: its rows set the space below the plot.
    int legend_rows = 1;
    {
      double x = left;
      for (const std::string& name : series) {
        const double item = 24 + 6.0 * static_cast<double>(name.size());
        if (x + item > W - right && x > left) ++legend_rows, x = left;
        x += item;
      }
    }
    const double bottom = 36 + 16.0 * legend_rows, H = 240 + bottom;
    double max = line ? *line : 0;
    for (const auto& g : values) {
      double sum = 0;
      for (double v : g) {
        max = std::max(max, v);
        sum += v;
      }
      if (stacked) max = std::max(max, sum);
    }
    if (max <= 0) max = 1;
    if (max >= 4) max = 4 * std::ceil(max / 4);  // whole ticks
    const double plot_w = W - left - right, plot_h = H - top - bottom;
    const double gw = groups.empty() ? plot_w : plot_w / static_cast<double>(groups.size());
    std::ostringstream o;
    o << "<figure class=\"chart\" id=\"" << id << "\"><figcaption>" << esc(title) << "</figcaption>"
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " << W << ' ' << H << "\" role=\"img\" aria-label=\"" << esc(title) << "\">";
    o << "<line x1=\"" << left << "\" y1=\"" << top + plot_h << "\" x2=\"" << W - right << "\" y2=\"" << top + plot_h << "\" stroke=\"#333\"/>";
    for (int k = 0; k <= 4; ++k) {
      const double v = max * k / 4, y = top + plot_h - plot_h * k / 4;
      o << "<text x=\"" << left - 4 << "\" y=\"" << y + 4 << "\" text-anchor=\"end\" font-size=\"10\">" << num(v, max < 4 ? 1 : 0) << "</text>";
      o << "<line x1=\"" << left << "\" y1=\"" << y << "\" x2=\"" << W - right << "\" y2=\"" << y << "\" stroke=\"#ddd\"/>";
    }
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const double x0 = left + gw * static_cast<double>(g);
      const double bw = stacked ? gw * 0.7 : gw * 0.8 / static_cast<double>(std::max<std::size_t>(1, series.size()));
      double base = 0;
      for (std::size_t s = 0; s < series.size(); ++s) {
        const double v = values[g][s];
        const double h = plot_h * v / max;
        const double x = stacked ? x0 + gw * 0.15 : x0 + gw * 0.1 + bw * static_cast<double>(s);
        const double y = top + plot_h - h - (stacked ? plot_h * base / max : 0);
        o << "<rect class=\"bar\" x=\"" << x << "\" y=\"" << y << "\" width=\"" << bw << "\" height=\"" << h << "\" fill=\""
          << kColours[s % 12] << "\"><title>" << esc(groups[g] + " · " + series[s] + ": " + num(v, v == static_cast<long long>(v) ? 0 : 1))
          << "</title></rect>";
        if (stacked) base += v;
      }
      o << "<text x=\"" << x0 + gw / 2 << "\" y=\"" << top + plot_h + 14 << "\" text-anchor=\"middle\" font-size=\"10\">" << esc(groups[g]) << "</text>";
    }
    if (line) {
      const double y = top + plot_h - plot_h * *line / max;
      o << "<line class=\"norm\" x1=\"" << left << "\" y1=\"" << y << "\" x2=\"" << W - right << "\" y2=\"" << y
        << "\" stroke=\"#c00\" stroke-dasharray=\"6 3\"/><text x=\"" << W - right << "\" y=\"" << y - 4
        << "\" text-anchor=\"end\" font-size=\"10\" fill=\"#c00\">" << esc(line_label) << "</text>";
    }
    double lx = left, ly = top + plot_h + 24;
    for (std::size_t s = 0; s < series.size(); ++s) {
      const double item = 24 + 6.0 * static_cast<double>(series[s].size());
      if (lx + item > W - right && lx > left) lx = left, ly += 16;
      o << "<rect x=\"" << lx << "\" y=\"" << ly << "\" width=\"10\" height=\"10\" fill=\"" << kColours[s % 12] << "\"/>"
        << "<text x=\"" << lx + 14 << "\" y=\"" << ly + 9 << "\" font-size=\"10\">" << esc(series[s]) << "</text>";
      lx += item;
    }
    o << "</svg></figure>\n";
    return o.str();
  }
};

struct Table {
  std::string id, title;
  std::vector<std::string> head;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;
  std::string html(const std::string& empty) const {
    std::ostringstream o;
    o << "<section><h2>" << esc(title) << "</h2><table class=\"sortable\" id=\"" << id << "\"><thead><tr>";
    for (std::size_t i = 0; i < head.size(); ++i)
      o << "<th" << (i < numeric.size() && numeric[i] ? " data-type=\"number\"" : "") << ">" << esc(head[i]) << "</th>";
    o << "</tr></thead><tbody>";
    for (const auto& r : rows) {
      o << "<tr>";
      for (std::size_t i = 0; i < r.size(); ++i) o << "<td" << (i < numeric.size() && numeric[i] ? " class=\"n\"" : "") << ">" << esc(r[i]) << "</td>";
      o << "</tr>";
    }
    if (rows.empty()) o << "<tr><td colspan=\"" << head.size() << "\">" << esc(empty) << "</td></tr>";
    o << "</tbody></table></section>\n";
    return o.str();
  }
};

const char* const kStyle = R"(body{font-family:system-ui,sans-serif;margin:1.5em;color:#222;max-width:1100px}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em}table{border-collapse:collapse;margin:.5em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left}td.n{text-align:right}th{background:#f0f0f0;cursor:pointer}
th.asc::after{content:" \25B2"}th.desc::after{content:" \25BC"}.overdue{color:#b00}.figures{display:flex;flex-wrap:wrap;gap:1em}
.figure{border:1px solid #ddd;padding:.5em 1em;border-radius:4px}.figure b{font-size:1.4em;display:block}figure.chart{margin:1em 0}
figure.chart svg{width:100%;max-width:760px;height:auto}figcaption{font-weight:600})";

// Sorts a table by the clicked column; numbers as numbers.
const char* const kScript = R"(document.querySelectorAll('table.sortable').forEach(function(t){
t.querySelectorAll('th').forEach(function(th,i){th.addEventListener('click',function(){
var asc=!th.classList.contains('asc');t.querySelectorAll('th').forEach(function(h){h.classList.remove('asc','desc')});
th.classList.add(asc?'asc':'desc');var num=th.dataset.type==='number';var b=t.tBodies[0];
var rows=Array.prototype.slice.call(b.rows);rows.sort(function(x,y){var a=x.cells[i]?x.cells[i].textContent:'',c=y.cells[i]?y.cells[i].textContent:'';
var r=num?(parseFloat(a)||0)-(parseFloat(c)||0):a.localeCompare(c);return asc?r:-r});rows.forEach(function(r){b.appendChild(r)})})})});)";

}  // namespace

std::string report_html(const Report& r) {
  const auto w = [&](const char* key, const char* english) { return r.word(std::string("heading.") + key, english); };
  const std::string none = w("none", "none");
  const auto who = [&](const std::string& s) { return s.empty() ? w("no_caseworker", "(no caseworker)") : s; };
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html lang=\"" << esc(r.language) << "\"><head><meta charset=\"utf-8\"><title>" << esc(r.title) << " "
    << r.on.iso() << "</title><style>" << kStyle << "</style></head><body>\n";
  o << "<h1>" << esc(r.title) << "</h1><p>" << esc(w("report_date", "Report date")) << " <b>" << r.on.iso() << "</b>; "
    << esc(w("range", "figures for")) << " " << r.from.iso() << " – " << r.on.iso() << "; " << esc(w("rules", "Rules")) << " "
    << esc(r.ruleset) << "; " << r.cases << " " << esc(w("cases", "cases")) << "; " << esc(w("seed", "sample seed")) << " " << r.seed << "</p>\n";
  if (r.input.rejected + r.input.bad + r.input.after_date > 0)
    o << "<p class=\"overdue\">" << esc(w("input", "Input")) << ": " << r.input.rejected << " " << esc(w("events_refused", "refused by the rules"))
      << ", " << r.input.bad << " " << esc(w("lines_bad", "lines not events")) << ", " << r.input.after_date << " "
      << esc(w("events_after", "dated after the report date (left out)")) << "</p>\n";

  std::int64_t overdue = 0, open = 0;
  for (const WorkItem& x : r.worklist) overdue += x.days_overdue > 0;
  for (const CaseworkerLoad& c : r.caseworkers) open += c.open;
  o << "<div class=\"figures\" id=\"key-figures\">";
  const auto figure = [&](const std::string& label, const std::string& value) {
    o << "<div class=\"figure\"><b>" << esc(value) << "</b>" << esc(label) << "</div>";
  };
  figure(w("open_cases", "open cases"), std::to_string(open));
  figure(w("overdue", "overdue deadlines"), std::to_string(overdue));
  figure(w("due_soon", "deadlines in the coming days"), std::to_string(static_cast<std::int64_t>(r.worklist.size()) - overdue));
  for (const LongCaseFlow& f : r.long_cases)
    figure(w("over", "open cases over") + " " + std::to_string(f.weeks) + " " + w("weeks", "weeks"), std::to_string(f.stock_at_end));
  if (r.caseworker_changes_per_case) figure(w("changes_per_case", "caseworker changes per case"), num(*r.caseworker_changes_per_case, 2));
  o << "</div>\n";

  // Charts.
  Bars stock{"chart-stock", w("chart_stock", "Open cases by state, at the end of each of the last weeks"), {}, {}, {}, true, std::nullopt, ""};
  for (Date d : r.stock_dates) stock.groups.push_back(d.iso().substr(5));
  for (const auto& [s, counts] : r.stock_by_state) stock.series.push_back(s.label);
  stock.values.assign(r.stock_dates.size(), std::vector<double>(r.stock_by_state.size(), 0));
  for (std::size_t s = 0; s < r.stock_by_state.size(); ++s)
    for (std::size_t d = 0; d < r.stock_dates.size(); ++d) stock.values[d][s] = static_cast<double>(r.stock_by_state[s].second[d]);
  o << stock.svg();

  Bars by_team{"chart-overdue", w("chart_overdue", "Overdue deadlines by team"), {}, {w("overdue", "overdue deadlines")}, {}, false, std::nullopt, ""};
  std::map<std::string, double> teams;
  for (const WorkItem& x : r.worklist)
    if (x.days_overdue > 0) teams[x.team.empty() ? w("no_team", "(no team)") : x.team] += 1;
  for (const auto& [team, n] : teams) {
    by_team.groups.push_back(team);
    by_team.values.push_back({n});
  }
  o << by_team.svg();

  Bars closures{"chart-closures", w("chart_closures", "Real and technical closures per caseworker and month, against the norm"), {}, {w("real", "real"), w("technical", "technical")}, {}, false, r.norm_per_month, w("norm", "norm") + " " + (r.norm_per_month ? num(*r.norm_per_month) : "")};
  for (const ClosureRow& c : r.closures_by_month) {
    closures.groups.push_back(c.period.substr(2) + " " + who(c.caseworker));
    closures.values.push_back({static_cast<double>(c.real), static_cast<double>(c.technical)});
  }
  o << closures.svg();

  Bars flows{"chart-long", w("chart_long", "Long cases: stock before, inflow, outflow and stock at the end of the range"), {}, {w("stock_before", "stock before"), w("inflow", "inflow"), w("outflow", "outflow"), w("stock_at_end", "stock at end")}, {}, false, std::nullopt, ""};
  for (const LongCaseFlow& f : r.long_cases) {
    flows.groups.push_back(std::to_string(f.weeks) + " " + w("weeks", "weeks"));
    flows.values.push_back({static_cast<double>(f.stock_before), static_cast<double>(f.inflow), static_cast<double>(f.outflow), static_cast<double>(f.stock_at_end)});
  }
  o << flows.svg();

  // Tables.
  Table work{"table-worklist", w("worklists", "Worklists: overdue and due soon, most urgent first"),
             {w("team", "Team"), w("caseworker", "caseworker"), w("case", "case"), w("what", "what is due"), w("due", "due"), w("days_overdue", "days overdue"), w("legal_ref", "legal reference")},
             {}, {false, false, false, false, false, true, false}};
  for (const WorkItem& x : r.worklist)
    work.rows.push_back({x.team, who(x.caseworker), x.case_id, x.label, x.due.iso(), std::to_string(x.days_overdue), x.legal_ref});
  o << work.html(none);

  Table status{"table-status", w("status", "Status") + " " + r.period.first.iso() + " – " + r.period.last.iso(),
               {"", w("this_period", "this"), w("previous_period", "previous")}, {}, {false, true, true}};
  const auto srow = [&](const std::string& label, std::int64_t a, std::int64_t b) { status.rows.push_back({label, std::to_string(a), std::to_string(b)}); };
  srow(w("opened", "cases opened"), r.period.opened, r.previous_period.opened);
  srow(w("closed_real", "real closures"), r.period.closed_real, r.previous_period.closed_real);
  srow(w("closed_technical", "technical closures"), r.period.closed_technical, r.previous_period.closed_technical);
  srow(w("extensions", "extensions granted"), r.period.extensions, r.previous_period.extensions);
  srow(w("open_at_end", "open at the period's end"), r.period.open_at_end, r.previous_period.open_at_end);
  for (std::size_t i = 0; i < r.long_cases.size(); ++i) {
    const std::string n = std::to_string(r.long_cases[i].weeks) + " " + w("weeks", "weeks") + ": ";
    srow(n + w("inflow", "inflow"), r.period.long_inflow[i], r.previous_period.long_inflow[i]);
    srow(n + w("outflow", "outflow"), r.period.long_outflow[i], r.previous_period.long_outflow[i]);
    srow(n + w("open_at_end", "open at the period's end"), r.period.long_at_end[i], r.previous_period.long_at_end[i]);
  }
  o << status.html(none);

  Table cl{"table-closures", w("closures", "Closures per caseworker"), {w("period", "period"), w("caseworker", "caseworker"), w("real", "real"), w("technical", "technical"), w("norm", "norm")}, {}, {false, false, true, true, true}};
  for (const auto* rows : {&r.closures_by_month, &r.closures_by_week})
    for (const ClosureRow& c : *rows) cl.rows.push_back({c.period, who(c.caseworker), std::to_string(c.real), std::to_string(c.technical), c.norm ? num(*c.norm, 1) : ""});
  o << cl.html(none);

  Table ext{"table-extensions", w("extensions_by_ground", "Extensions by ground"), {w("ground", "ground"), w("count", "count")}, {}, {false, true}};
  for (const NamedCount& g : r.extensions_by_ground) ext.rows.push_back({g.label, std::to_string(g.count)});
  o << ext.html(none);

  Table act{"table-actors", w("actors", "External actors"), {w("provider", "actor"), w("held", "held"), w("closed", "closed"), w("closed_in_range", "closed in the range"), w("open", "still open"), w("passed_on", "passed on")}, {}, {false, true, true, true, true, true}};
  for (const ActorRow& a : r.actors)
    act.rows.push_back({a.provider, std::to_string(a.held), std::to_string(a.closed), std::to_string(a.closed_in_range), std::to_string(a.open), std::to_string(a.passed_on)});
  o << act.html(none);

  Table lead{"table-lead-times", w("lead_times", "Lead times and course outcomes"), {"", w("count", "count"), w("mean", "mean"), w("median", "median"), w("max", "max"), w("waiting", "waiting")}, {}, {false, true, true, true, true, true}};
  for (const LeadTime& l : r.lead_times)
    lead.rows.push_back({l.label, std::to_string(l.ended), l.ended ? num(l.mean_days, 1) : "", l.ended ? std::to_string(l.median_days) : "", l.ended ? std::to_string(l.max_days) : "", std::to_string(l.waiting)});
  for (const CourseOutcome& c : r.courses)
    for (const NamedCount& x : c.outcomes) lead.rows.push_back({c.label + " → " + x.label, std::to_string(x.count), "", "", "", ""});
  o << lead.html(none);

  Table cw{"table-caseworkers", w("caseworkers", "Open cases per caseworker"), {w("caseworker", "caseworker"), w("team", "Team"), w("open", "open"), w("overdue", "overdue deadlines")}, {}, {false, false, true, true}};
  for (const CaseworkerLoad& c : r.caseworkers) cw.rows.push_back({who(c.caseworker), c.team, std::to_string(c.open), std::to_string(c.overdue)});
  o << cw.html(none);

  Table weeks{"table-entering", w("entering", "Cases entering a watched week during these 7 days"), {w("week", "week"), w("cases", "cases")}, {}, {true, false}};
  for (const EnteringWeek& e : r.entering) {
    std::string ids;
    for (const std::string& c : e.cases) ids += (ids.empty() ? "" : ", ") + c;
    weeks.rows.push_back({std::to_string(e.week), ids});
  }
  o << weeks.html(none);

  Table states{"table-states", w("states", "Cases by state"), {w("state", "state"), w("count", "count")}, {}, {false, true}};
  for (const NamedCount& s : r.states) states.rows.push_back({s.label, std::to_string(s.count)});
  o << states.html(none);

  o << "<script>" << kScript << "</script>\n</body></html>\n";
  return o.str();
}

}  // namespace caseflow

// The analysis tables of SPEC §3, derived from the cube. Every table says
// its formula and period; every share cell carries its n, the Wilson 95%
// interval, and a flag when n is under the minimum (shown, not hidden).
//
// Every analysis id of SPEC §3 has a table (F0-1 … F35-44); the tables of a
// filtered cube describe its city or industry alone, and say so (filter).
#ifndef JOBSIFT_REPORT_TABLES_H_
#define JOBSIFT_REPORT_TABLES_H_

#include <string>
#include <vector>

#include <array>
#include <map>

#include "aggregate/cube.h"
#include "jobsift/status.h"
#include "lexicon/category.h"

namespace jobsift {

struct Table {
  std::string id;       // "F1"
  std::string title;    // Chinese, as a report prints it
  std::string formula;  // in words
  std::string period;   // "2023Q1–2024Q2", "2024H1"
  CubeFilter filter;    // the city and/or industry the postings are of
  uint64_t n = 0;       // the AI postings of the table's period it describes
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // cells as text; "" = unknown (ColumnKind says the type)
};

// What a table column holds: its Chinese label and the kind of its cells.
enum class ColumnKind : uint8_t {
  kLabel,    // a name: a quarter, a city, a skill group …
  kCount,    // postings: an integer
  kPercent,  // a percentage, 0–100 (shares, intervals, differences)
  kWan,      // an annual salary in 万元
  kRatio,    // lift, PMI
  kFlag,     // small_n: "1" or "0"
};
struct ColumnInfo {
  std::string_view key;  // "share_of_ai_pct"
  std::string_view zh;   // "占AI岗位比例"
  ColumnKind kind = ColumnKind::kLabel;
};
// The column of that key; a key no table has is a label named as itself.
ColumnInfo ColumnInfoOf(std::string_view key);
// The key of every column a table may have.
std::vector<std::string_view> ColumnKeys();
// As tables.json names them: "string", "integer", "number", "boolean"; and
// the unit: "percent", "万元", "postings" or "" (null in tables.json).
std::string_view ColumnType(ColumnKind k);
std::string_view ColumnUnit(ColumnKind k);
// A numeric cell's text that is a plain decimal number (what Num, Pct and
// Wan write); anything else in a numeric column stays text.
bool IsPlainNumber(std::string_view v);

struct TableOptions {
  // The half-year the single-period tables describe, "2024H1"; "" = chosen
  // by ChooseFocusHalf.
  std::string current_half;
  uint64_t min_n = 30;
  size_t top_cities = 10;
  size_t top_industries = 20;
  // The definition tables (D1): the definition the AI flag uses, and those
  // shown beside the shipped ones (the config's [definitions]).
  std::string definition = "default";
  std::vector<AiDefinition> definitions;
};

// Postings by quarter, AI category and whether an AI term is anywhere, with
// their salaries: what the definition tables D1 and D2 count (every
// posting the cube counts, deduplicated and filtered alike).
struct CategoryCounts {
  CategoryCounts() = default;
  CategoryCounts(const CategoryCounts&) = delete;  // (the cache points into by_quarter)
  CategoryCounts& operator=(const CategoryCounts&) = delete;
  using Cells = std::array<std::array<CubeCell, 2>, kCategoryCount>;  // [category][AI term anywhere]
  std::map<std::string, Cells, std::less<>> by_quarter;              // "" = undated
  void Add(std::string_view quarter, AiCategory category, bool any_ai_term, bool has_salary, uint64_t annual);
  // Takes back what Add counted; then DropEmpty removes quarters left
  // without postings.
  void Subtract(std::string_view quarter, AiCategory category, bool any_ai_term, bool has_salary, uint64_t annual);
  void DropEmpty();
  // The postings of `cells` that `d` flags.
  static CubeCell Under(const Cells& cells, const AiDefinition& d);

 private:
  std::map<std::string, Cells, std::less<>>::iterator last_ = by_quarter.end();  // the last quarter added to
};

// Postings and AI postings of one period.
struct PeriodCount {
  std::string period;  // "2024H2"
  uint64_t all = 0;
  uint64_t ai = 0;
  bool operator==(const PeriodCount&) const = default;
};

// The half-year the single-period tables describe, and why it was chosen.
struct FocusHalf {
  enum class Rule : uint8_t {
    kAsked,    // --half
    kLatest,   // the latest half holding the data (see ChooseFocusHalf)
    kMostAi,   // no half holds enough: the one with the most AI postings
    kNone,     // no posting has a date
  };
  std::string half;
  Rule rule = Rule::kNone;
  std::vector<PeriodCount> halves;  // every half-year with dated postings, in order
  uint64_t busiest = 0;             // postings of the busiest half-year
  bool operator==(const FocusHalf&) const = default;
};
std::string_view FocusRuleName(FocusHalf::Rule rule);  // "asked", "latest_holding_data", ...

// Chooses the focus half-year: the one asked for; else the latest half-year
// that holds at least a quarter of the busiest half-year's postings and at
// least min_n AI postings, so that a near-empty trailing half (one posting
// dated after the crawl) cannot win; else, when none does, the half-year
// with the most AI postings (the later one on a tie).
FocusHalf ChooseFocusHalf(const Cube& cube, const TableOptions& options);

// Wilson score interval for x successes in n trials, 95%.
void WilsonInterval(uint64_t x, uint64_t n, double* low, double* high);

// Every table of the cube; with `categories`, also D1 (AI postings, share
// and mean salary per quarter under each definition) and D2 (the category
// mix of the postings with an AI term).
std::vector<Table> BuildTables(const Cube& cube, const TableOptions& options,
                               const CategoryCounts* categories = nullptr);

// "city=北京", "industry=教育", "city=北京, industry=教育"; "" for no filter.
std::string FilterLabel(const CubeFilter& f);

// CSV (UTF-8 with BOM, CRLF: the columns and rows) and JSON forms: per
// table its title, formula, period, filter, n, the columns ({key, label,
// type, unit}) and rows of typed values (numbers as numbers, small_n as a
// boolean, null for unknown).
std::string TableCsv(const Table& t);
std::string TablesJson(const std::vector<Table>& tables);

// One Excel workbook: a contents sheet (id, title, formula, period, n, a
// link to each), then a sheet per table in report order: title, formula,
// period and filter on top, Chinese column headers with the English key
// below them, frozen, filtered, sized, and numbers formatted (percent,
// thousands, 万元). Written to `path`.
Status WriteTablesXlsx(const std::vector<Table>& tables, const std::string& path);

}  // namespace jobsift

#endif  // JOBSIFT_REPORT_TABLES_H_

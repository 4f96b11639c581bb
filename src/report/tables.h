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

#include "aggregate/cube.h"
#include "jobsift/status.h"

namespace jobsift {

struct Table {
  std::string id;       // "F1"
  std::string title;    // Chinese, as a report prints it
  std::string formula;  // in words
  std::string period;   // "2023Q1–2024Q2", "2024H1"
  CubeFilter filter;    // the city and/or industry the postings are of
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

struct TableOptions {
  // The half-year the single-period tables describe, "2024H1"; "" = the
  // latest half-year with data.
  std::string current_half;
  uint64_t min_n = 30;
  size_t top_cities = 10;
  size_t top_industries = 20;
};

// Wilson score interval for x successes in n trials, 95%.
void WilsonInterval(uint64_t x, uint64_t n, double* low, double* high);

std::vector<Table> BuildTables(const Cube& cube, const TableOptions& options);

// "city=北京", "industry=教育", "city=北京, industry=教育"; "" for no filter.
std::string FilterLabel(const CubeFilter& f);

// CSV (UTF-8 with BOM, CRLF: the columns and rows) and JSON forms (with
// title, formula, period and filter).
std::string TableCsv(const Table& t);
std::string TablesJson(const std::vector<Table>& tables);

// One Excel workbook with a sheet per table (title, formula and period on
// top, then the table; numeric cells as numbers). Written to `path`.
Status WriteTablesXlsx(const std::vector<Table>& tables, const std::string& path);

}  // namespace jobsift

#endif  // JOBSIFT_REPORT_TABLES_H_

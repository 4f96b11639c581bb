// What one report run read, dropped and assumed: the facts behind
// summary.json and behind the data-quality and methodology chapters of
// report.html. Plain data, filled by pipeline/report_job (SummarizeReport);
// the tables themselves are in tables.h, the page in html.h.
#ifndef JOBSIFT_REPORT_SUMMARY_H_
#define JOBSIFT_REPORT_SUMMARY_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "fields/salary.h"
#include "report/tables.h"
#include "schema/input_notes.h"

namespace jobsift {

struct ReportSummary {
  std::string version;  // JOBSIFT_VERSION

  uint64_t rows_read = 0;
  uint64_t rows_accepted = 0;
  uint64_t rows_rejected = 0;
  // Every reject reason in declaration order, zero counts included.
  std::vector<std::pair<std::string, uint64_t>> rejected_by_reason;

  uint64_t duplicates_removed = 0;
  // By half-year label, sorted; "unknown" for postings without a date.
  std::vector<std::pair<std::string, uint64_t>> duplicates_by_half;
  uint64_t postings = 0;  // after deduplication, within the filter

  // The report's scope: one city and/or industry ("" = any), and the
  // accepted postings (duplicates included) it left out.
  std::string filter_city;
  std::string filter_industry;
  uint64_t outside_filter = 0;

  struct Quarter {
    std::string label;  // "2024Q1", or "unknown" for postings without a date
    uint64_t all = 0;
    uint64_t ai = 0;
  };
  std::vector<Quarter> by_quarter;  // sorted by label
  // Postings without a date (the "unknown" quarter), and AI postings with or
  // without one.
  uint64_t Undated() const;
  uint64_t AiPostings() const;
  // Of them, those undated for want of a reference date (a year-less or
  // relative date: the date's unknown reason "needs_reference").
  uint64_t UndatedForWantOfReference() const;

  struct Field {
    std::string name;  // DerivedFieldName: "salary", "city", …
    uint64_t parsed = 0;
    // Every unknown reason (UnknownName, "missing", …) but none, in order.
    std::vector<std::pair<std::string, uint64_t>> unknown;
  };
  std::vector<Field> fields;
  // Dated postings by the column the date came from: "published",
  // "first_seen", "updated", "after_seen" (a publish date later than the
  // day the posting was seen, replaced by that day).
  std::vector<std::pair<std::string, uint64_t>> date_sources;

  // What the inputs left out or assumed: fields without a column, columns
  // found by content, empty and skipped files.
  InputNotes inputs;
  // The half-year of the single-period tables and why (ChooseFocusHalf).
  FocusHalf focus;

  // Configuration.
  AiFlagInfo ai;        // what the AI flag means
  std::string dedup;    // "exact" | "none"
  std::string half;     // as asked: "2024H1", or "auto"
  uint64_t min_n = 0;
  size_t top_cities = 0;
  size_t top_industries = 0;
  SalaryConventions salary;

  struct LexiconDomain {
    std::string domain;  // "ai", "hard", "soft", "benefit"
    size_t terms = 0;
    size_t groups = 0;
  };
  std::vector<LexiconDomain> lexicons;
  std::string lexicon_checksum;
};

// summary.json: one JSON object, newline-terminated.
std::string ReportSummaryJson(const ReportSummary& s);

}  // namespace jobsift

#endif  // JOBSIFT_REPORT_SUMMARY_H_

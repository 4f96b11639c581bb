// What report, merge, partial reports and views (jobsift/views.h) share:
// counting recorded contributions and turning a finished job into a
// ReportResult. Internal to api/.
#ifndef JOBSIFT_API_REPORT_BUILD_H_
#define JOBSIFT_API_REPORT_BUILD_H_

#include <memory>
#include <string>
#include <vector>

#include "aggregate/cube.h"
#include "aggregate/state.h"
#include "fields/normalize.h"
#include "jobsift/console.h"
#include "jobsift/options.h"
#include "jobsift/report.h"
#include "jobsift/status.h"
#include "lexicon/category.h"
#include "lexicon/lexicon.h"
#include "pipeline/reader.h"
#include "pipeline/report_job.h"
#include "report/summary.h"
#include "report/tables.h"

namespace jobsift {

StatusOr<Dedup> ParseDedup(const std::string& name);

// The tables and summary of a finished job. With a console, it hears what
// the counts show that the user can mend (CountNotes), after the read's
// notes: every report path (a run, a merge, partial reports) says it
// alike; views pass none.
ReportResult FinishReport(const ReportJob& job, const ReadSummary& read, const Lexicon& lexicon,
                          TableOptions table_options, Dedup dedup, const AiFlagInfo& ai,
                          const SalaryConventions& salary, Console* console);

// Warnings from a report's final counts (deduplicated, within the filter):
// `needs_reference` of `postings` have a date without a year or a relative
// one (04-20, 3天前) and had no day to read it against, so are in no
// period table.
std::vector<std::string> CountNotes(uint64_t needs_reference, uint64_t postings);

// The table options of a report made from states or partial reports:
// their definition is shown beside the shipped ones when it is not one of
// them (the config need not name it).
TableOptions TablesFor(const TableChoices& choices, const AiFlagInfo& ai);

// What counting recorded contributions (merge, partial reports, views)
// needs from the options: the lexicons (whose checksum the records must
// carry), the city / industry filter, and the field normalisers it was
// read with (their data tables: a city's province and tier).
struct Counting {
  Lexicon lex;
  CubeFilter filter;
  std::unique_ptr<FieldNormalizer> normalizer;
};
StatusOr<Counting> SetUpCounting(const RunOptions& run);

// Counts recorded with lexicons of checksum `checksum` (by `what`: a state
// file, partial reports) may be counted with `lex` only if it is the same.
Status SameLexicons(const std::string& what, const std::string& checksum, const Lexicon& lex);

// The states one merge or view counts together (in input order): the first
// fixes the AI flag, dedup and salary conventions, and every state must
// agree with it and carry the lexicons' checksum, or the summed numbers
// would mean nothing.
struct StateSeries {
  AiFlagInfo ai;
  std::string dedup_name;
  Dedup dedup = Dedup::kExact;
  SalaryConventions salary;
  ReadSummary read;  // what the states' reads said, summed
  size_t states = 0;
  // Checks the state at `path` whole (CheckState) and against the series,
  // and adds its read to `read`; returns what it says of its run.
  StatusOr<StateInfo> Add(const std::string& path, const Lexicon& lex);
};

}  // namespace jobsift

#endif  // JOBSIFT_API_REPORT_BUILD_H_

// jobsift's commands as library calls: what `jobsift scan|profile|annotate|
// classify|report|merge|lexicon|eval` do, for any caller (the CLI, Python, a
// server). Each takes its options as values, hands its result and messages
// to a Console, writes its files atomically, and returns
//   - a non-ok Status when it could not run (a bad option, a missing file,
//     an output it could not write): nothing that looks whole is left, and
//     the message names the place;
//   - otherwise the exit code its inputs earn (jobsift/exit_code.h): 0 all
//     read, 1 rows rejected or an input empty, 2 an input could not be read
//     (said on the Console as errors).
// Nothing here throws.
#ifndef JOBSIFT_COMMANDS_H_
#define JOBSIFT_COMMANDS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "jobsift/console.h"
#include "jobsift/exit_code.h"
#include "jobsift/options.h"
#include "jobsift/status.h"

namespace jobsift {

// Rows read, accepted and rejected, formats, encodings and the column
// mapping of every input (docs/reading.md). JSON with stable key order.
StatusOr<int> Scan(const RunOptions& run, bool json, Console& console);

// Every field parsed: parse rates, unknowns by reason, the `top` most
// frequent unparsed values per field (docs/fields.md).
StatusOr<int> Profile(const RunOptions& run, bool json, size_t top, Console& console);

// One annotated row per posting, in input order (docs/annotate.md).
struct AnnotateRequest {
  std::string output;                // .jsonl, .csv, or "-" for JSON Lines on Out()
  std::vector<std::string> keep;     // input columns passed through, by header name
  bool keep_all = false;             // every input column passed through
  bool bom = true;                   // CSV: a UTF-8 byte-order mark (Excel reads it as UTF-8)
  bool explain = false;              // category_evidence: the model's deciding features
};
StatusOr<int> Annotate(const RunOptions& run, const AnnotateRequest& request, Console& console);

// AI postings by the rule that fired, by category and under each
// definition; with `all_domains`, the skill and benefit lexicons are matched
// too (a speed measure). No per-posting output.
StatusOr<int> Classify(const RunOptions& run, bool all_domains, Console& console);

// The analysis tables (tables/*.csv, tables.json, tables.xlsx), report.html
// and summary.json (written last: its presence says the folder is
// complete), rejects.tsv; with `state`, the run's state for Merge; with
// `pdf`, report.pdf through headless Chromium (docs/report.md).
struct ReportRequest {
  std::string output_dir;
  std::string dedup = "exact";  // exact or none
  std::string state;            // "" = none
  bool pdf = false;
  TableChoices tables;
};
StatusOr<int> Report(const RunOptions& run, const ReportRequest& request, Console& console);

// The report one run over every input gives, from the state files of runs
// over parts of them, in input order (docs/state-format.md). From `run`,
// only the lexicons, the data tables and the city / industry filter count:
// the rest was fixed when the states were made.
struct MergeRequest {
  std::vector<std::string> states;
  std::string output_dir;
  bool pdf = false;
  TableChoices tables;
};
StatusOr<int> Merge(const RunOptions& run, const MergeRequest& request, Console& console);

// The lexicons at `paths` (default: the shipped set), with `overlay` applied
// when given: each group's domain, category, terms and file, and the set's
// checksum (`check`); or every term as matched, one a line (`terms`).
StatusOr<int> LexiconCheck(const std::vector<std::string>& paths, const std::string& overlay, Console& console);
StatusOr<int> LexiconTerms(const std::vector<std::string>& paths, const std::string& overlay, Console& console);

// Accuracy on hand-labelled postings (docs/classification.md). A category
// labels file gives population precision and recall per definition and
// dataset, for the rules and the model; an AI-labels file, the rule
// variants' precision, recall and F1.
struct EvalRequest {
  std::string labels;     // "" = data/eval/ai_labels.tsv
  std::string agreement;  // a second labelling of the same postings
  std::string data_root;  // "" = DefaultDataRoot()
  std::string frame;      // category labels: the sampling frame ("" = data/eval/category_frame.tsv)
  std::string train;      // category labels: train the model on every label, write its weights here
  bool misses = false;    // AI labels: list every misclassified posting
};
StatusOr<int> Eval(const RunOptions& run, const EvalRequest& request, Console& console);
// The real datasets' folder the labels' paths are relative to:
// $JOBSIFT_REAL_DATA, else ../shared/data/real beside the source tree.
std::string DefaultDataRoot();

// Synthetic postings with planted truth (docs/gen.md). Declared here,
// built into the jobsift_gen library (src/gen/), which the CLI links and
// the product library does not.
struct GenRequest {
  uint64_t rows = 200000;
  uint64_t seed = 1;
  std::string output;  // .csv or .jsonl, or "-" for stdout (give format)
  std::string format;  // csv or jsonl; "" = from the output's extension
  std::string truth;   // "" = none
  TableChoices tables; // the truth's tables
};
StatusOr<int> Gen(const RunOptions& run, const GenRequest& request, Console& console);

}  // namespace jobsift

#endif  // JOBSIFT_COMMANDS_H_

// What a run reads and how it decides: the options every command shares, as
// plain values. The CLI fills them from flags (`jobsift <command> --help`
// names each); a config file (`config_path`, docs/config.md) is read first
// and any option set here overrides it. Empty strings and zeros mean "the
// default" throughout.
#ifndef JOBSIFT_OPTIONS_H_
#define JOBSIFT_OPTIONS_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "jobsift/progress.h"

namespace jobsift {

struct RunOptions {
  // Files, folders (read recursively, sorted) or "-" for standard input.
  std::vector<std::string> inputs;
  // The inputs are files a folder holds (ListParts, jobsift/partial.h): one
  // without postings is skipped and noted, as when the folder is read,
  // rather than an error.
  bool inputs_found_in_folder = false;
  std::string config_path;  // TOML; "" = none

  // Reading (docs/reading.md).
  int threads = 0;                 // 0 = all cores
  std::string delimiter;           // "," "tab" ";" "|"; "" = detected
  std::string encoding;            // e.g. "GB18030"; "" = detected
  size_t max_field_bytes = 0;      // 0 = 2 MiB
  size_t max_record_bytes = 0;     // 0 = 64 MiB
  std::string rejects_path;        // rejected rows as TSV; "" = counts only
  bool progress = false;           // draw progress on stderr when it is a terminal
  ProgressCallback on_progress;    // or hand it to this (jobsift/progress.h)
  // When set and it becomes true (a signal handler's flag), the run stops
  // at the next chunk and fails without leaving outputs that look whole.
  const std::atomic<bool>* cancel = nullptr;

  // Fields (docs/fields.md).
  std::string data_dir;            // the data tables; "" = the build's data/
  std::string reference_date;      // resolves 04-20, 昨天, 3天前; "" = they are unknown

  // Classification (docs/classification.md).
  std::string lexicon_set;         // a whole lexicon set; "" = data/lexicons
  std::string lexicon_overlay;     // an overlay folder; "" = none
  std::string ai_definition;       // core, default, broad, report or a [definitions] name
  std::string classifier;          // model or rules
  std::string category_model;      // the model's weights file
  std::string ai_rule;             // as before categories: default or report
  bool traditional_to_simplified = false;

  // report and merge: tables for one city and/or industry ("" = all).
  std::string city;
  std::string industry;
};

// The analysis tables' choices (report, merge, gen --truth).
struct TableChoices {
  std::string half;            // "2024H1"; "" = chosen (the focus half, docs/report.md)
  uint64_t min_n = 30;         // cells with fewer postings are marked small_n
  size_t top_cities = 10;
  size_t top_industries = 20;
};

// Installs handlers for SIGINT and SIGTERM and returns the flag they set,
// for RunOptions::cancel: the first signal stops a run cleanly at the next
// chunk; a second one (the handler resets itself) ends the process at once.
const std::atomic<bool>* StopOnInterrupt();

// The folder the shipped data tables, lexicons, model and labels live in:
// $JOBSIFT_DATA_DIR when set, else the build's data/.
std::string DataDir();

}  // namespace jobsift

#endif  // JOBSIFT_OPTIONS_H_

// One report over many processes or machines, exactly as one run over
// every input gives it (docs/distributed.md). The inputs are split into
// parts in input order; then:
//
//   1. each part is read where it lies: ReadPart writes its state file
//      (its postings' contributions, kept beside the worker) and gives
//      each posting's deduplication key;
//   2. routed by key,
//      every copy of a posting meets the others in one place, where the
//      first by position (part, record) is kept and the rest are duplicates;
//   3. PartialFromState counts the part's postings, the duplicates as
//      removed, into a PartialReport: a cube, bounded by the number of
//      cities, industries, terms …, not by the postings;
//   4. PartialReport::Add sums the parts in input order, and
//      ReportFromPartial gives the report.
//
// Only keys (16 bytes a posting) and partial reports move between
// machines; the states stay where they were written.
#ifndef JOBSIFT_PARTIAL_H_
#define JOBSIFT_PARTIAL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "jobsift/console.h"
#include "jobsift/options.h"
#include "jobsift/report.h"
#include "jobsift/status.h"

namespace jobsift {

// The parts of a distributed run over `inputs`: the files a run reads, in
// its order (folders expanded, recursively, sorted). Read a part with
// RunOptions::inputs = {path} and inputs_found_in_folder = !named.
struct InputPart {
  std::string path;
  bool named = true;   // given, else found in a folder
  uint64_t bytes = 0;  // its size
};
StatusOr<std::vector<InputPart>> ListParts(const std::vector<std::string>& inputs);

// The deduplication keys of a state's postings, in its order. A posting
// repeats another when both keys are equal and neither fingerprint is 0
// (0: never a duplicate, as under dedup "none").
struct DedupKeys {
  std::vector<uint64_t> fingerprint;  // of company, title, city and description
  std::vector<uint64_t> half;         // the half-year it is sought in: 0 undated, else year × 2 + (H2 ? 2 : 1)
};
StatusOr<DedupKeys> StateDedupKeys(const std::string& state);

// Step 1 for one part (`run.inputs`): reads it and writes its state, then
// gives its keys. Unlike BuildReport, it counts nothing and builds no
// tables, and a part without postings (an empty file, a table of
// companies) is no error: its state still says what the read noticed.
// `dedup` is "exact" or "none" (then every fingerprint is 0).
StatusOr<DedupKeys> ReadPart(const RunOptions& run, const std::string& dedup, const std::string& state,
                             Console& console);

class PartialReport {
 public:
  // As bytes, to send to another process; FromBytes checks them whole
  // (version, structure, checksum): damaged bytes are a DataError.
  std::string ToBytes() const;
  static StatusOr<PartialReport> FromBytes(std::string_view bytes);
  // Adds the part that follows this one in input order. Parts of other
  // lexicons, AI definitions, dedup, salary conventions or filters are
  // refused (DataError), and this one is left as it was.
  Status Add(const PartialReport& later);
  uint64_t postings() const;    // counted so far
  uint64_t duplicates() const;  // removed so far

  struct Impl;
  explicit PartialReport(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  const Impl& impl() const { return *impl_; }

 private:
  std::shared_ptr<Impl> impl_;
};

// The partial report of one part: the postings of `state` (from
// BuildReport's `state`), with the records listed in `duplicates` (indexes
// in the state, ascending) counted as removed re-posts. `run` gives the
// lexicons (they must be the state's) and the city / industry filter.
StatusOr<PartialReport> PartialFromState(const RunOptions& run, const std::string& state,
                                         const std::vector<uint64_t>& duplicates);

// The report of every part summed: the same tables and summary as one
// BuildReport over all the inputs with the same options. The console hears
// what the parts' reads noticed, as one read over them would say it.
StatusOr<ReportResult> ReportFromPartial(const RunOptions& run, const PartialReport& all, const TableChoices& tables,
                                         Console& console);

}  // namespace jobsift

#endif  // JOBSIFT_PARTIAL_H_

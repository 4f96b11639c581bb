// One report over many processes or machines, exactly as one run over
// every input gives it (docs/distributed.md). The inputs are split into
// parts in input order; then:
//
//   1. each part is read where it lies: ReadPart counts its postings into
//      a partial report, writes its state file (kept beside the worker)
//      and gives each posting's deduplication key;
//   2. routed by key,
//      every copy of a posting meets the others in one place, where the
//      first by position (part, record) is kept and the rest are duplicates;
//   3. RemoveDuplicates takes the part's duplicates back out of its counts
//      (reading only their records from the state) and counts them as
//      removed. A PartialReport is a cube, bounded by the number of
//      cities, industries, terms …, not by the postings;
//   4. PartialReport::Add sums the parts in input order, and
//      ReportFromPartial gives the report.
//
// Only keys (10 bytes a posting: fingerprint and half-year, SplitKeys) and
// partial reports move between machines; the states, and which records
// each bucket's keys are, stay where they were written.
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
  std::vector<uint16_t> half;         // the half-year it is sought in: 0 undated, else year × 2 + (H2 ? 2 : 1)
};
StatusOr<DedupKeys> StateDedupKeys(const std::string& state);

// Step 2 for one bucket of keys. `pieces[i]` holds read i's keys that fell
// in the bucket (reads in input order; within a read, records ascending;
// a fingerprint 0 is never a duplicate): a posting repeats an earlier one when both have the
// same fingerprint and half-year. The first by position (read, record) is
// kept. Returns, for each read, the records that repeat an earlier posting,
// ascending. Memory: 16 bytes a key, then a table for one partition of
// about 32K keys at a time. Without
// `records` (null), a piece's records are its positions: what is returned
// for it are positions in the piece (KeyBucket::records maps them back), and
// only fingerprints and half-years need to travel.
struct KeyPiece {
  const uint64_t* records = nullptr;
  const uint64_t* fingerprints = nullptr;
  const uint16_t* halves = nullptr;
  size_t size = 0;
};
std::vector<std::vector<uint64_t>> DecideDuplicates(const std::vector<KeyPiece>& pieces);

// Step 1's keys routed to `buckets` buckets by fingerprint (fingerprint %
// buckets), in one pass: each bucket's records (ascending), fingerprints
// and half-years. Postings without a fingerprint are in none (never
// duplicates).
struct KeyBucket {
  std::vector<uint64_t> records, fingerprints;
  std::vector<uint16_t> halves;
};
std::vector<KeyBucket> SplitKeys(const DedupKeys& keys, size_t buckets);

class PartialReport;

// Step 1 for one part (`run.inputs`): reads it, writes its state, and
// returns its partial report with every posting counted (none removed as a
// re-post yet: PartialReport::RemoveDuplicates does that once step 2 has
// decided). Fills `keys` with each posting's deduplication key and
// `offsets` with where its record starts in the state. Unlike BuildReport
// it builds no tables, and a part without postings (an empty file, a table
// of companies) is no error: its counts still say what the read noticed.
// `dedup` is "exact" or "none" (then every fingerprint is 0).
StatusOr<PartialReport> ReadPart(const RunOptions& run, const std::string& dedup, const std::string& state,
                                 DedupKeys* keys, std::vector<uint64_t>* offsets, Console& console);

// Step 1 on a worker that reads many parts one after another, as they are
// handed to it. What every read is made with (the config, lexicons, field
// tables, classifier and filter of `run`: about 0.07 s to load) is loaded
// once, by Create. Consecutive parts read into one open run are counted as
// one ReadPart over all of them: one partial report and one state a run,
// not one a part.
class PartReader {
 public:
  static StatusOr<std::unique_ptr<PartReader>> Create(const RunOptions& run, const std::string& dedup);
  ~PartReader();
  // Opens a run, its state written to `state` (a run still open is dropped
  // unfinished).
  Status Begin(const std::string& state);
  // Reads `run.inputs` into the open run, after what it holds. Of `run`,
  // only what is a read's own is taken: inputs, inputs_found_in_folder,
  // on_progress, cancel. After a failed read the run is failed: so is its
  // Finish.
  Status Read(const RunOptions& run, Console& console);
  // Closes the run: its partial report, with every posting counted, and
  // the keys and state offsets of all its postings, in order (ReadPart's).
  StatusOr<PartialReport> Finish(DedupKeys* keys, std::vector<uint64_t>* offsets);

 private:
  struct Impl;
  explicit PartReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

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
  // Step 3 for a part from ReadPart: its records listed in `duplicates`
  // (indexes, ascending), read back from its `state` at `offsets`, are
  // counted as removed re-posts instead of postings.
  Status RemoveDuplicates(const std::string& state, const std::vector<uint64_t>& offsets,
                          const std::vector<uint64_t>& duplicates);
  uint64_t postings() const;    // counted so far
  uint64_t duplicates() const;  // removed so far

  struct Impl;
  explicit PartialReport(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  const Impl& impl() const { return *impl_; }

 private:
  std::shared_ptr<Impl> impl_;
};

// The partial report of one part from its state alone (BuildReport's or
// ReadPart's `state`): its postings, with the records listed in
// `duplicates` (indexes in the state, ascending) counted as removed
// re-posts. Slower than ReadPart's counts and RemoveDuplicates (the whole
// state is read again), for states kept from earlier runs. `run` gives the
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

// `jobsift report`: reads postings, derives every field, classifies, and
// fills the cube in input order (deduplicating exact re-posts), then writes
// OUTDIR/tables/<id>.csv, OUTDIR/tables.json, report.html and summary.json.
#ifndef JOBSIFT_PIPELINE_REPORT_JOB_H_
#define JOBSIFT_PIPELINE_REPORT_JOB_H_

#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>
#include <utility>

#include "aggregate/contribution.h"
#include "aggregate/cube.h"
#include "aggregate/dedup_index.h"
#include "aggregate/state.h"
#include "fields/normalize.h"
#include "lexicon/annotator.h"
#include "pipeline/reader.h"
#include "report/summary.h"
#include "report/tables.h"

namespace jobsift {

enum class Dedup { kNone, kExact };

class ReportJob : public PostingJob {
 public:
  static constexpr size_t kUnknownReasons = kUnknownCount;

  // `fields` and `annotator` may be null when the job is fed from state
  // files only (jobsift merge).
  ReportJob(const FieldNormalizer* fields, const Annotator* annotator, Dedup dedup);
  ~ReportJob() override;
  // Every contribution is also written to `state` (not owned), in order.
  void set_state(StateWriter* state) { state_ = state; }
  // An annotator of the AI lexicon alone, deciding only (not owned): it
  // decides and categorizes every posting, cheaply, and the full annotator
  // then reads only the AI postings, whose skills and terms the cube keeps.
  // It must use the full annotator's AI terms (MakeDecider); its category
  // and flag are the posting's.
  void set_decider(const Annotator* decider) { decider_ = decider; }
  // Counts only the postings of one city and/or industry (Cube::set_filter);
  // the state, when written, still holds every posting.
  void set_filter(CubeFilter filter) { cube_.set_filter(std::move(filter)); }
  // A part of a distributed run (docs/distributed.md): every posting is
  // counted, none deduplicated here; those found later to repeat a posting
  // of any part are taken back out (Uncount). Notes, in input order, each
  // posting's deduplication key — its fingerprint (0: none) and half-year
  // (HalfCode) — and where its record starts in the state (set_state).
  void set_part(std::vector<uint64_t>* fingerprints, std::vector<uint16_t>* halves, std::vector<uint64_t>* offsets) {
    part_ = true;
    key_fingerprints_ = fingerprints;
    key_halves_ = halves;
    offsets_ = offsets;
  }
  // Counts `c`, counted before as a posting, as a removed re-post instead.
  // Then DropEmpty, once, leaves the counts those of a run that had
  // removed them as they came.
  void Uncount(const Contribution& c);
  void DropEmpty();
  // Forgets the run's normalisers, annotators and state, which may go
  // away: what is left are the counts.
  void Detach() {
    fields_ = nullptr;
    annotator_ = nullptr;
    decider_ = nullptr;
    state_ = nullptr;
    key_fingerprints_ = offsets_ = nullptr;
    key_halves_ = nullptr;
  }
  // Where exact deduplication keeps its scratch files (the output folder;
  // they are unlinked at once). Required before the first posting with a
  // fingerprint.
  void set_scratch_dir(std::string dir) { scratch_dir_ = std::move(dir); }
  // Threads for the end of deduplication (default 1).
  void set_threads(int threads) { threads_ = threads; }
  // Adds one posting's contribution to the cube (deduplicating); in input
  // order. Used by Finish, and by merge to replay state files.
  void AddContribution(const Contribution& c);
  // After the last posting: decides the postings deduplication kept aside
  // and counts them. The cube is complete only then.
  Status Complete();
  // For a job whose duplicates were decided elsewhere (a partial report,
  // docs/distributed.md): counts `c` as a removed re-post when
  // `duplicate`, else as a posting; nothing is kept aside.
  void AddDecided(const Contribution& c, bool duplicate);
  void AddDecided(const ContributionView& c, bool duplicate) {
    Count(duplicate ? cube_.AddDuplicate(c.record) : cube_.Add(c.record), c);
  }
  // Counts `n` postings (duplicates included) left out before they reached
  // the job, by a filter the cube does not know (jobsift/views.h).
  void CountOutside(uint64_t n) { outside_ += n; }
  // Adds the counts of a job over other postings (after this job's, in
  // input order), with the same filter.
  void MergeFrom(const ReportJob& other);
  // The counts (the cube and the totals beside it) as bytes, and back into
  // a job fed nothing; Load is false for damaged bytes.
  void Save(ByteWriter& out) const;
  bool Load(ByteReader& in);
  std::unique_ptr<PostingTask> NewTask() override;
  void Finish(std::unique_ptr<PostingTask> task) override;

  const Cube& cube() const { return cube_; }
  // Postings by quarter, category and AI term anywhere (tables D1, D2).
  const CategoryCounts& categories() const { return categories_; }
  // Per derived field: postings parsed, and unknown by reason.
  const std::array<std::array<uint64_t, kUnknownReasons>, kDerivedFieldCount>& unknown() const { return unknown_; }
  // Postings by the column their date came from (DateSource).
  const std::array<uint64_t, kDateSourceCount>& date_sources() const { return date_sources_; }
  uint64_t postings() const { return postings_; }
  uint64_t duplicates() const { return duplicates_; }
  // Postings (duplicates included) outside the filter.
  uint64_t outside_filter() const { return outside_; }

 private:
  class Task;
  struct WorkerState;
  // A finished task hands its worker state back for the next chunk.
  void ReleaseState(std::unique_ptr<WorkerState> state);
  // A quarter's label, kept by the job (the cube knows names by address).
  std::string_view QuarterLabel(const Date& date);

  const FieldNormalizer* fields_;
  const Annotator* annotator_;
  const Annotator* decider_ = nullptr;
  Dedup dedup_;
  StateWriter* state_ = nullptr;
  bool part_ = false;
  std::vector<uint64_t>* key_fingerprints_ = nullptr;
  std::vector<uint16_t>* key_halves_ = nullptr;
  std::vector<uint64_t>* offsets_ = nullptr;
  std::map<std::string, uint16_t, std::less<>> half_codes_;  // by quarter label
  // Counts one posting's fate in the cube.
  void Count(Cube::AddResult result, const ContributionView& c);
  // The half-year id of a quarter label, for deduplication.
  uint32_t HalfId(std::string_view quarter);
  // AddContribution, the half-year id known (0 when no fingerprint).
  void Add(const ContributionView& c, uint32_t half);
  // The cube names of each lexicon group and of its category, by group id.
  std::vector<std::string> group_names_, category_names_;
  // Worker states not in use, for the next chunks' tasks, and the quarter
  // labels handed out (under the same lock).
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<WorkerState>> pool_;
  std::map<int, std::string> quarter_labels_;
  int threads_ = 1;

  std::string scratch_dir_;
  // Exact deduplication: the index, the postings it could not yet decide
  // (on disk, in order), half-year ids (and each quarter's), the first error.
  std::unique_ptr<DedupIndex> dedup_index_;
  std::unique_ptr<StateWriter> deferred_;
  std::map<std::string, uint32_t, std::less<>> half_ids_;
  std::map<std::string, uint32_t, std::less<>> half_of_quarter_;
  Status error_;
  Cube cube_;
  CategoryCounts categories_;
  std::array<std::array<uint64_t, kUnknownReasons>, kDerivedFieldCount> unknown_{};
  std::array<uint64_t, kDateSourceCount> date_sources_{};
  uint64_t postings_ = 0;
  uint64_t duplicates_ = 0;
  uint64_t outside_ = 0;
};

// A half-year as a deduplication key: 0 for an unknown quarter (or one
// whose year is not four digits), else year × 2 + (H2 ? 2 : 1), at most
// 20,000: 16 bits, as keys travel (docs/distributed.md).
uint16_t HalfCode(std::string_view quarter);

// The decider for set_decider: the AI terms of `full` alone, deciding only,
// with `full`'s options, or with `categorize` (options that categorize):
// the decider's category and flag then stand, and `full`, which reads only
// the postings it flags, need not categorize again.
StatusOr<std::unique_ptr<Annotator>> MakeDecider(const Annotator& full, const AnnotateOptions* categorize = nullptr);

// What was read, rejected, deduplicated, parsed, and with which
// configuration and lexicons: the facts of summary.json (ReportSummaryJson)
// and of report.html's data-quality and methodology chapters.
ReportSummary SummarizeReport(const ReadSummary& read, const ReportJob& job, const Lexicon& lexicon,
                              const TableOptions& options, Dedup dedup, const AiFlagInfo& ai,
                              const SalaryConventions& salary);

}  // namespace jobsift

#endif  // JOBSIFT_PIPELINE_REPORT_JOB_H_

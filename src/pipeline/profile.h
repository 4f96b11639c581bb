// `jobsift profile`: what a user runs first on a new dataset. For each
// derived field: how many postings have it, how many parse, the unknowns by
// reason, the rules that fired, and the most frequent raw values that did
// not parse, with counts. Built on the reader as a PostingJob, so it is
// parallel and deterministic like every other command.
#ifndef JOBSIFT_PIPELINE_PROFILE_H_
#define JOBSIFT_PIPELINE_PROFILE_H_

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "fields/normalize.h"
#include "pipeline/reader.h"

namespace jobsift {

inline constexpr size_t kUnknownReasonCount = kUnknownCount;

struct FieldProfile {
  uint64_t non_empty = 0;  // postings whose raw value is not empty
  uint64_t parsed = 0;
  std::array<uint64_t, kUnknownReasonCount> unknown{};  // by Unknown; [kNone] unused
  std::map<std::string, uint64_t> rules;                // rule id -> postings
  std::map<std::string, std::pair<uint64_t, Unknown>> unparsed;  // raw value -> count, reason

  // Parsed over non-empty values, leaving out negotiable salaries (面议 is an
  // answer, not a parse failure) and missing markers ("-", "None"). -1 when
  // there is nothing to rate.
  double ParseRate() const;
  void Add(const FieldProfile& o);
};

class ProfileJob : public PostingJob {
 public:
  // Distinct unparsed values kept per field and chunk; beyond it they are
  // counted in `unparsed_other` only.
  static constexpr size_t kMaxDistinctUnparsed = 50000;

  explicit ProfileJob(const FieldNormalizer* normalizer) : normalizer_(normalizer) {}
  std::unique_ptr<PostingTask> NewTask() override;
  void Finish(std::unique_ptr<PostingTask> task) override;

  const std::array<FieldProfile, kDerivedFieldCount>& fields() const { return fields_; }
  uint64_t postings() const { return postings_; }
  uint64_t unparsed_other() const { return unparsed_other_; }

 private:
  const FieldNormalizer* normalizer_;
  std::array<FieldProfile, kDerivedFieldCount> fields_;
  uint64_t postings_ = 0;
  uint64_t unparsed_other_ = 0;
};

// The N most frequent unparsed values, most frequent first, ties by value.
std::vector<std::pair<std::string, std::pair<uint64_t, Unknown>>> TopUnparsed(const FieldProfile& f, size_t n);

std::string ProfileText(const ReadSummary& read, const ProfileJob& job, size_t top_n);
std::string ProfileJson(const ReadSummary& read, const ProfileJob& job, size_t top_n);

}  // namespace jobsift

#endif  // JOBSIFT_PIPELINE_PROFILE_H_

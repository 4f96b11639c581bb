// What one accepted posting adds to the cube: made by the workers, added to
// the cube by the collector in input order, and written to a state file so
// that `jobsift merge` can replay it.
#ifndef JOBSIFT_AGGREGATE_CONTRIBUTION_H_
#define JOBSIFT_AGGREGATE_CONTRIBUTION_H_

#include <array>
#include <string>
#include <vector>

#include "aggregate/cube.h"
#include "fields/normalize.h"
#include "lexicon/category.h"

namespace jobsift {

// One posting's contribution as views: what the workers make, without a
// copy per posting (the names point into the field tables, the lexicon and
// the job, which outlive the run, or into the chunk's task, which lives
// until the collector is done with it), what the cube counts and what a
// state file stores.
struct ContributionView {
  CubeRecord record;
  uint64_t fingerprint = 0;  // 0: not deduplicated
  std::array<Unknown, kDerivedFieldCount> reasons{};
  DateSource date_source = DateSource::kNone;
  // The kind of AI work, and whether an AI term is anywhere: the report's
  // definition tables (D1, D2) count every posting by them.
  AiCategory category = AiCategory::kNone;
  bool any_ai_term = false;
};

// The same with owned values: read back from state files, planted by the
// generator.
struct Contribution {
  std::array<std::string, kDimCount> dim;
  bool ai = false;
  bool has_salary = false;
  uint64_t annual = 0;
  uint64_t fingerprint = 0;
  std::array<Unknown, kDerivedFieldCount> reasons{};
  DateSource date_source = DateSource::kNone;
  AiCategory category = AiCategory::kNone;
  bool any_ai_term = false;
  std::vector<std::string> groups;    // AI postings only
  std::vector<std::string> ai_terms;  // AI postings only

  // A view, valid while this Contribution lives.
  ContributionView View() const {
    ContributionView v;
    CubeRecord& r = v.record;
    for (size_t d = 0; d < kDimCount; ++d) r.dim[d] = dim[d];
    r.ai = ai;
    r.has_salary = has_salary;
    r.annual_salary = annual;
    r.groups.assign(groups.begin(), groups.end());
    r.ai_terms.assign(ai_terms.begin(), ai_terms.end());
    v.fingerprint = fingerprint;
    v.reasons = reasons;
    v.date_source = date_source;
    v.category = category;
    v.any_ai_term = any_ai_term;
    return v;
  }
};

}  // namespace jobsift

#endif  // JOBSIFT_AGGREGATE_CONTRIBUTION_H_

// What one accepted posting adds to the cube, as owned values: made by the
// workers, added to the cube by the collector in input order, and written to
// a state file so that `jobsift merge` can replay it.
#ifndef JOBSIFT_AGGREGATE_CONTRIBUTION_H_
#define JOBSIFT_AGGREGATE_CONTRIBUTION_H_

#include <array>
#include <string>
#include <vector>

#include "aggregate/cube.h"
#include "fields/normalize.h"

namespace jobsift {

struct Contribution {
  std::array<std::string, kDimCount> dim;
  bool ai = false;
  bool has_salary = false;
  uint64_t annual = 0;
  uint64_t fingerprint = 0;
  std::array<Unknown, kDerivedFieldCount> reasons{};
  std::vector<std::string> groups;    // AI postings only
  std::vector<std::string> ai_terms;  // AI postings only

  // A view for Cube::Add, valid while this Contribution lives.
  CubeRecord View() const {
    CubeRecord r;
    for (size_t d = 0; d < kDimCount; ++d) r.dim[d] = dim[d];
    r.ai = ai;
    r.has_salary = has_salary;
    r.annual_salary = annual;
    r.groups.assign(groups.begin(), groups.end());
    r.ai_terms.assign(ai_terms.begin(), ai_terms.end());
    return r;
  }
};

}  // namespace jobsift

#endif  // JOBSIFT_AGGREGATE_CONTRIBUTION_H_

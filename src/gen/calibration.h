// The statistics `jobsift gen` plants: the published figures of SPEC §3
// (F1, F2, F4, F5, F6, F8, F13–F15, F19, F25–34, F35–44) and, where the
// report is silent, plausible values of our own, each marked as such in
// calibration.cc. Every distribution here is over canonical values (the
// normalisers' output names); generator.cc turns them into raw strings.
//
// Not for: text (generator.cc). The published figures themselves are in
// data/gen/published.tsv, which the calibration reads and gen_test checks
// reports against.
#ifndef JOBSIFT_GEN_CALIBRATION_H_
#define JOBSIFT_GEN_CALIBRATION_H_

#include <string>
#include <vector>

#include "jobsift/status.h"

namespace jobsift {

// A categorical distribution: names with probabilities summing to 1.
class Categorical {
 public:
  Categorical() = default;
  // Weights need not sum to 1; they are normalised. All must be >= 0.
  Categorical(std::vector<std::string> names, std::vector<double> weights);
  size_t size() const { return names_.size(); }
  const std::string& name(size_t i) const { return names_[i]; }
  double p(size_t i) const { return p_[i]; }
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<std::string> names_;
  std::vector<double> p_;
};

inline constexpr int kGenQuarters = 6;  // 2023Q1 … 2024Q2, as in the report

struct Calibration {
  std::vector<std::string> quarters;  // "2023Q1" …
  double ai_share = 0;                // AI postings / all postings
  Categorical ai_quarter, other_quarter;

  std::vector<std::string> industries;  // canonical names
  std::vector<std::string> cities;      // canonical names
  // AI postings: industry, then city given industry ([industry][city]).
  Categorical ai_industry;
  std::vector<std::vector<double>> ai_city_given_industry;
  Categorical ai_degree, ai_experience;
  std::vector<Categorical> ai_size_by_half;  // 3 halves: 2023H1, 2023H2, 2024H1

  // Other postings.
  Categorical other_city, other_industry, other_degree, other_experience, other_size;

  // Share of AI postings mentioning each group: "domain|group" -> p.
  std::vector<std::pair<std::string, double>> ai_groups;
  // The same for other postings (not calibrated: plausible).
  std::vector<std::pair<std::string, double>> other_groups;

  // Mean annual salary in yuan of AI postings by industry, and the AI
  // premium over other postings of that industry (not all calibrated).
  std::vector<double> ai_salary_by_industry;  // per industries[i]
  std::vector<double> ai_premium_by_industry;
};

// Builds the calibration over the canonical industries and cities the
// normalisers know (every name the calibration uses must be among them),
// with the figures SPEC §3 quotes read from `published_path`
// (data/gen/published.tsv: the one place they are written).
StatusOr<Calibration> MakeCalibration(const std::vector<std::string>& industries,
                                      const std::vector<std::string>& cities, const std::string& published_path);

}  // namespace jobsift

#endif  // JOBSIFT_GEN_CALIBRATION_H_

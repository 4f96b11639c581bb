// The 95% Wilson score interval of a share: what every table, eval figure
// and population estimate puts beside its share.
#ifndef JOBSIFT_BASE_STATS_H_
#define JOBSIFT_BASE_STATS_H_

#include <algorithm>
#include <cmath>

namespace jobsift {

// For a share `p` of `n` trials, n > 0 (an effective sample size may be
// fractional), clamped to [0, 1].
inline void Wilson95(double p, double n, double* low, double* high) {
  const double z = 1.959963984540054;
  double denom = 1 + z * z / n;
  double center = (p + z * z / (2 * n)) / denom;
  double half = z * std::sqrt(std::max(0.0, p * (1 - p) / n + z * z / (4 * n * n))) / denom;
  *low = std::max(0.0, center - half);
  *high = std::min(1.0, center + half);
}

}  // namespace jobsift

#endif  // JOBSIFT_BASE_STATS_H_

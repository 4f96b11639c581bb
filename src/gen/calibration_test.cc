// The generator's calibration takes the figures SPEC §3 quotes from
// data/gen/published.tsv, the one place they are written: the figures it
// plants are the file's, a changed figure changes the plant, and a figure
// the calibration quotes but the file lacks is an error naming both.
#include "gen/calibration.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "../../tests/test_util.h"
#include "base/data_dir.h"
#include "fields/normalize.h"

namespace jobsift {
namespace {

using testing::TempDir;
using testing::WriteFile;

struct Names {
  std::vector<std::string> industries, cities;
};

Names CanonicalNames() {
  auto fields = FieldNormalizer::Load({});
  EXPECT_TRUE(fields.ok());
  Names n;
  n.industries = (*fields)->industries().Canonical();
  for (const CityRow& row : (*fields)->cities().rows())
    if (row.level == "直辖市" || row.level == "地级") n.cities.emplace_back(row.city);
  return n;
}

std::string Shipped() {
  std::ifstream in(DefaultDataDir() + "/gen/published.tsv");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

double Share(const Categorical& c, const std::string& name) {
  for (size_t i = 0; i < c.size(); ++i)
    if (c.name(i) == name) return c.p(i);
  return -1;
}

TEST(Calibration, TheQuotedFiguresAreTheFilesFigures) {
  Names n = CanonicalNames();
  auto cal = MakeCalibration(n.industries, n.cities, DefaultDataDir() + "/gen/published.tsv");
  ASSERT_TRUE(cal.ok()) << cal.status().message();
  // F1 quotes 2023Q1 at 12.75% and 2024Q2 at 22.36% of AI postings; F5 56.86% 本科.
  EXPECT_NEAR(Share(cal->ai_quarter, "2023Q1") / Share(cal->ai_quarter, "2024Q2"), 12.75 / 22.36, 1e-12);
  EXPECT_NEAR(Share(cal->ai_degree, "本科"), 0.5686, 1e-12);

  TempDir d;
  std::string changed = Shipped();
  size_t at = changed.find("F1\t2023Q1\tshare_of_ai_pct\t12.75");
  ASSERT_NE(at, std::string::npos);
  changed.replace(at, std::string("F1\t2023Q1\tshare_of_ai_pct\t12.75").size(), "F1\t2023Q1\tshare_of_ai_pct\t25.50");
  WriteFile(d.File("published.tsv"), changed);
  auto other = MakeCalibration(n.industries, n.cities, d.File("published.tsv"));
  ASSERT_TRUE(other.ok()) << other.status().message();
  EXPECT_NEAR(Share(other->ai_quarter, "2023Q1") / Share(other->ai_quarter, "2024Q2"), 25.50 / 22.36, 1e-12);

  std::string missing = Shipped();
  at = missing.find("F5\t本科");
  ASSERT_NE(at, std::string::npos);
  missing.erase(at, missing.find('\n', at) - at + 1);
  WriteFile(d.File("missing.tsv"), missing);
  auto gap = MakeCalibration(n.industries, n.cities, d.File("missing.tsv"));
  ASSERT_FALSE(gap.ok());
  EXPECT_NE(gap.status().message().find("F5 本科 share_of_ai_pct"), std::string::npos) << gap.status().message();
  EXPECT_NE(gap.status().message().find(d.File("missing.tsv")), std::string::npos) << gap.status().message();
}

}  // namespace
}  // namespace jobsift

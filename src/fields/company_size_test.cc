#include "fields/company_size.h"

#include <gtest/gtest.h>

#include <string_view>

namespace jobsift {
namespace {

using Band = CompanySizeBand;

struct Case {
  std::string_view raw;
  Band band;
  std::string_view rule;
};

void ExpectBands(std::initializer_list<Case> cases) {
  for (const auto& c : cases) {
    const Parsed<Band> got = ParseCompanySize(c.raw);
    ASSERT_TRUE(got.ok()) << c.raw << " -> " << UnknownName(got.reason);
    EXPECT_EQ(CompanySizeBandName(got.value), CompanySizeBandName(c.band))
        << c.raw;
    EXPECT_EQ(got.rule, c.rule) << c.raw;
  }
}

// Every band string seen in 51job (2018, 2019) and BOSS (2025).
TEST(CompanySize, SiteBandsMapToReportBands) {
  ExpectBands({
      {"少于50人", Band::kUnder100, "company_size.under"},
      {"0-20人", Band::kUnder100, "company_size.range"},
      {"20-99人", Band::kUnder100, "company_size.range"},
      {"50-150人", Band::k100To500, "company_size.range"},
      {"100-499人", Band::k100To500, "company_size.range"},
      {"150-500人", Band::k100To500, "company_size.range"},
      {"500-999人", Band::k500To10000, "company_size.range"},
      {"500-1000人", Band::k500To10000, "company_size.range"},
      {"1000-5000人", Band::k500To10000, "company_size.range"},
      {"1000-9999人", Band::k500To10000, "company_size.range"},
      {"5000-10000人", Band::k500To10000, "company_size.range"},
      {"10000人以上", Band::k10000Plus, "company_size.at_least"},
  });
}

// Straddling ranges go to the band holding most head counts (integers,
// inclusive); a tie goes to the smaller band.
TEST(CompanySize, StraddlingRangesUseLargestOverlap) {
  ExpectBands({
      {"50-150人", Band::k100To500, "company_size.range"},  // 50 vs 51 counts
      {"50-149人", Band::kUnder100, "company_size.range"},  // 50 vs 50: tie
      {"60-150人", Band::k100To500, "company_size.range"},
      {"90-200人", Band::k100To500, "company_size.range"},
      {"300-600人", Band::k100To500, "company_size.range"},  // 200 vs 101
      {"400-700人", Band::k500To10000, "company_size.range"},
      {"9000-20000人", Band::k10000Plus, "company_size.range"},
      {"10000人以下", Band::k500To10000, "company_size.under"},
      {"1000人以下", Band::k500To10000, "company_size.under"},
      {"100人以下", Band::kUnder100, "company_size.under"},
  });
}

TEST(CompanySize, HeadCountsAndOpenBounds) {
  ExpectBands({
      {"123", Band::k100To500, "company_size.headcount"},
      {"123人", Band::k100To500, "company_size.headcount"},
      {"99人", Band::kUnder100, "company_size.headcount"},
      {"500", Band::k500To10000, "company_size.headcount"},
      {"10000", Band::k10000Plus, "company_size.headcount"},
      {"1万人以上", Band::k10000Plus, "company_size.at_least"},
      {"500人及以上", Band::k500To10000, "company_size.at_least"},
      {"10000+人", Band::k10000Plus, "company_size.at_least"},
      {"大于10000人", Band::k10000Plus, "company_size.at_least"},
      {"小于100人", Band::kUnder100, "company_size.under"},
      {"规模:150-500人", Band::k100To500, "company_size.range"},
  });
}

TEST(CompanySize, SeparatorsAndFullWidth) {
  ExpectBands({
      {"５０－１５０人", Band::k100To500, "company_size.range"},
      {"50~150人", Band::k100To500, "company_size.range"},
      {"50-150", Band::k100To500, "company_size.range"},
      {"50至150人", Band::k100To500, "company_size.range"},
      {"50人-150人", Band::k100To500, "company_size.range"},
      {"1000 - 9999人", Band::k500To10000, "company_size.range"},
  });
}

// Company types, funding stages and (51job 2019 slot shift) industries.
TEST(CompanySize, OtherColumnsAreNotThisField) {
  for (std::string_view raw :
       {"民营公司", "上市公司", "外资（欧美）", "A轮", "天使轮", "D轮及以上",
        "不需要融资", "未融资", "已上市", "计算机软件",
        "通信/电信运营、增值服务", "专业服务(咨询、人力资源、财会)"}) {
    const Parsed<Band> got = ParseCompanySize(raw);
    EXPECT_EQ(got.reason, Unknown::kNotThisField) << raw;
    EXPECT_EQ(got.rule, "company_size.not_this_field") << raw;
  }
}

TEST(CompanySize, MissingUnparseableAndImplausible) {
  struct Bad {
    std::string_view raw;
    Unknown reason;
    std::string_view rule;
  };
  const Bad kCases[] = {
      {"", Unknown::kMissing, "company_size.missing"},
      {"[]", Unknown::kMissing, "company_size.missing"},
      {"-", Unknown::kMissing, "company_size.missing"},
      {"若干人", Unknown::kUnparseable, "company_size.unparseable"},
      {"150-50人", Unknown::kImplausible, "company_size.implausible"},
      {"50-人", Unknown::kUnparseable, "company_size.unparseable"},
      {"约50人左右", Unknown::kUnparseable, "company_size.unparseable"},
      {"少于50人以上", Unknown::kUnparseable, "company_size.unparseable"},
      {"50-150人以上", Unknown::kUnparseable, "company_size.unparseable"},
      {"0人以下", Unknown::kImplausible, "company_size.implausible"},
      {"99999999人", Unknown::kImplausible, "company_size.implausible"},
  };
  for (const auto& c : kCases) {
    const Parsed<Band> got = ParseCompanySize(c.raw);
    EXPECT_EQ(got.reason, c.reason) << c.raw;
    EXPECT_EQ(got.rule, c.rule) << c.raw;
  }
}

TEST(CompanySize, BandNamesAreTheReportLabels) {
  EXPECT_EQ(CompanySizeBandName(Band::kUnder100), "100人以下");
  EXPECT_EQ(CompanySizeBandName(Band::k100To500), "100-500人");
  EXPECT_EQ(CompanySizeBandName(Band::k500To10000), "500-10000人");
  EXPECT_EQ(CompanySizeBandName(Band::k10000Plus), "10000人以上");
}

}  // namespace
}  // namespace jobsift

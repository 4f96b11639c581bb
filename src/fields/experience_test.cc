#include "fields/experience.h"

#include <gtest/gtest.h>

#include <string_view>

namespace jobsift {
namespace {

struct Case {
  std::string_view raw;
  ExperienceBand band;
  std::string_view rule;
};

void ExpectBands(std::initializer_list<Case> cases) {
  for (const auto& c : cases) {
    const Parsed<ExperienceBand> got = ParseExperience(c.raw);
    ASSERT_TRUE(got.ok()) << c.raw << " -> " << UnknownName(got.reason);
    EXPECT_EQ(ExperienceBandName(got.value), ExperienceBandName(c.band))
        << c.raw;
    EXPECT_EQ(got.rule, c.rule) << c.raw;
  }
}

using B = ExperienceBand;

// BOSS 3-5年, 51job 2019 3-4年工作经验, job-hunting-data skills 2-6年.
TEST(Experience, RangesTakeTheBandOfTheLowerBound) {
  ExpectBands({
      {"1-3年", B::k1To3, "experience.range"},
      {"3-5年", B::k3To5, "experience.range"},
      {"5-10年", B::k5To10, "experience.range"},
      {"3-4年工作经验", B::k3To5, "experience.range"},
      {"5-7年工作经验", B::k5To10, "experience.range"},
      {"8-9年工作经验", B::k5To10, "experience.range"},
      {"2-6年", B::k1To3, "experience.range"},
      {"3-10年", B::k3To5, "experience.range"},
      {"0-1年", B::kUnder1, "experience.range"},
      {"3~5年", B::k3To5, "experience.range"},
      {"3至5年", B::k3To5, "experience.range"},
  });
}

// 猎聘 3年以上, job-hunting-data skills 3年及以上, 51job 2年工作经验.
TEST(Experience, LowerBoundsAndPlainYears) {
  ExpectBands({
      {"3年以上", B::k3To5, "experience.at_least"},
      {"1年以上", B::k1To3, "experience.at_least"},
      {"2年以上", B::k1To3, "experience.at_least"},
      {"5年以上", B::k5To10, "experience.at_least"},
      {"10年以上", B::k10Plus, "experience.at_least"},
      {"12年以上", B::k10Plus, "experience.at_least"},
      {"3年及以上", B::k3To5, "experience.at_least"},
      {"2年工作经验", B::k1To3, "experience.at_least"},
      {"10年以上工作经验", B::k10Plus, "experience.at_least"},
      {"5年", B::k5To10, "experience.at_least"},
      {"3+年", B::k3To5, "experience.at_least"},
      {"3年+", B::k3To5, "experience.at_least"},
      {"3年经验", B::k3To5, "experience.at_least"},
      {"0年以上", B::kAny, "experience.at_least"},
  });
}

TEST(Experience, UpperBoundsTakeTheBandJustBelow) {
  ExpectBands({
      {"1年以内", B::kUnder1, "experience.at_most"},
      {"1年以下", B::kUnder1, "experience.at_most"},
      {"3年以下", B::k1To3, "experience.at_most"},
      {"5年以内", B::k3To5, "experience.at_most"},
  });
}

// job-hunting-data 所需经验 is numeric years; 0 means no requirement.
TEST(Experience, NumericYears) {
  ExpectBands({
      {"3", B::k3To5, "experience.numeric_years"},
      {"3.0", B::k3To5, "experience.numeric_years"},
      {"1.0", B::k1To3, "experience.numeric_years"},
      {"0.0", B::kAny, "experience.numeric_years"},
      {"0", B::kAny, "experience.numeric_years"},
      {"7", B::k5To10, "experience.numeric_years"},
      {"10", B::k10Plus, "experience.numeric_years"},
      {"0.5", B::kUnder1, "experience.numeric_years"},
  });
}

TEST(Experience, NoRequirementWords) {
  ExpectBands({
      {"不限", B::kAny, "experience.any"},
      {"经验不限", B::kAny, "experience.any"},
      {"无经验", B::kAny, "experience.any"},
      {"无工作经验", B::kAny, "experience.any"},
      {"无需经验", B::kAny, "experience.any"},
      {"无经验要求", B::kAny, "experience.any"},
      {"接受无经验", B::kAny, "experience.any"},
  });
}

TEST(Experience, StudentsAndGraduatesAreUnderOneYear) {
  ExpectBands({
      {"在校/应届", B::kUnder1, "experience.student"},
      {"应届", B::kUnder1, "experience.student"},
      {"应届生", B::kUnder1, "experience.student"},
      {"在校", B::kUnder1, "experience.student"},
      {"实习", B::kUnder1, "experience.student"},
      {"在校生/应届生", B::kUnder1, "experience.student"},
      {"应届毕业生", B::kUnder1, "experience.student"},
  });
}

TEST(Experience, ChineseNumeralsAndMonths) {
  ExpectBands({
      {"三年以上", B::k3To5, "experience.at_least"},
      {"一到三年", B::k1To3, "experience.range"},
      {"三至五年", B::k3To5, "experience.range"},
      {"两年以上", B::k1To3, "experience.at_least"},
      {"十年以上", B::k10Plus, "experience.at_least"},
      {"十二年以上", B::k10Plus, "experience.at_least"},
      {"6个月以上", B::kUnder1, "experience.months"},
      {"18个月", B::k1To3, "experience.months"},
  });
}

TEST(Experience, FullWidthDigits) {
  ExpectBands({
      {"３－５年", B::k3To5, "experience.range"},
      {"３年以上", B::k3To5, "experience.at_least"},
      {"５", B::k5To10, "experience.numeric_years"},
  });
}

// The 51job 2019 column shift puts the degree (or a language) here.
TEST(Experience, OtherFieldsAreNotThisField) {
  for (std::string_view raw :
       {"本科", "大专", "硕士", "博士", "高中", "中专", "初中及以下",
        "英语精通", "英语熟练&德语熟练", "英语一般", "英语"}) {
    const Parsed<ExperienceBand> got = ParseExperience(raw);
    EXPECT_EQ(got.reason, Unknown::kNotThisField) << raw;
    EXPECT_EQ(got.rule, "experience.not_this_field") << raw;
  }
}

TEST(Experience, MissingUnparseableAndImplausible) {
  struct Bad {
    std::string_view raw;
    Unknown reason;
    std::string_view rule;
  };
  const Bad kCases[] = {
      {"", Unknown::kMissing, "experience.missing"},
      {"[]", Unknown::kMissing, "experience.missing"},
      {"nan", Unknown::kMissing, "experience.missing"},
      {"-", Unknown::kMissing, "experience.missing"},
      {"Java开发经验", Unknown::kUnparseable, "experience.unparseable"},
      {"驾龄满三年", Unknown::kUnparseable, "experience.unparseable"},
      {"三", Unknown::kUnparseable, "experience.unparseable"},
      {"3-5", Unknown::kUnparseable, "experience.unparseable"},
      {"年", Unknown::kUnparseable, "experience.unparseable"},
      {"5-3年", Unknown::kImplausible, "experience.implausible"},
      {"80年以上", Unknown::kImplausible, "experience.implausible"},
      {"99", Unknown::kImplausible, "experience.implausible"},
  };
  for (const auto& c : kCases) {
    const Parsed<ExperienceBand> got = ParseExperience(c.raw);
    EXPECT_EQ(got.reason, c.reason) << c.raw;
    EXPECT_EQ(got.rule, c.rule) << c.raw;
  }
}

TEST(Experience, BandNamesAreTheSpecLabels) {
  EXPECT_EQ(ExperienceBandName(B::kUnder1), "1年以下");
  EXPECT_EQ(ExperienceBandName(B::k1To3), "1-3年");
  EXPECT_EQ(ExperienceBandName(B::k3To5), "3-5年");
  EXPECT_EQ(ExperienceBandName(B::k5To10), "5-10年");
  EXPECT_EQ(ExperienceBandName(B::k10Plus), "10年以上");
  EXPECT_EQ(ExperienceBandName(B::kAny), "不限");
}

}  // namespace
}  // namespace jobsift

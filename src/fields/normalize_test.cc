#include "fields/normalize.h"

#include <gtest/gtest.h>

namespace jobsift {
namespace {

Posting Make(std::initializer_list<std::pair<Field, std::string_view>> values) {
  Posting p;
  for (const auto& [f, v] : values) p.value[static_cast<size_t>(f)] = v;
  return p;
}

class NormalizeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto n = FieldNormalizer::Load({});
    ASSERT_TRUE(n.ok()) << n.status().message();
    normalizer_ = std::move(*n);
  }
  std::unique_ptr<FieldNormalizer> normalizer_;
};

TEST_F(NormalizeTest, EveryFieldOfATypicalPosting) {
  Posting p = Make({{Field::kSalary, "15-25K·13薪"},
                    {Field::kExperience, "3-5年"},
                    {Field::kDegree, "本科"},
                    {Field::kCompanySize, "150-500人"},
                    {Field::kDate, "2024-03-01"},
                    {Field::kCity, "深圳·南山区"},
                    {Field::kCompanyIndus, "计算机软件"}});
  DerivedFields d;
  normalizer_->Normalize(p, &d);
  ASSERT_TRUE(d.salary.ok());
  EXPECT_DOUBLE_EQ(d.salary.value.Annual(), 20000.0 * 13);
  EXPECT_EQ(d.experience.value, ExperienceBand::k3To5);
  EXPECT_EQ(d.degree.value, DegreeLevel::kBachelor);
  EXPECT_EQ(d.company_size.value, CompanySizeBand::k100To500);
  EXPECT_EQ(d.date.value.QuarterLabel(), "2024Q1");
  EXPECT_EQ(d.city.value.city, "深圳");
  EXPECT_EQ(d.city.value.tier, "一线");
  EXPECT_EQ(d.industry.value, "计算机互联网");
}

TEST_F(NormalizeTest, DegreeShiftedIntoExperienceColumnIsRepaired) {
  // 51job-2019: no experience requirement, so 本科 sits under 工作经验 and a
  // language requirement under 学历.
  Posting p = Make({{Field::kExperience, "本科"}, {Field::kDegree, "英语熟练"}});
  DerivedFields d;
  normalizer_->Normalize(p, &d);
  ASSERT_TRUE(d.degree.ok());
  EXPECT_EQ(d.degree.value, DegreeLevel::kBachelor);
  EXPECT_EQ(d.degree.rule, "degree.from_experience_column");
  ASSERT_TRUE(d.experience.ok());
  EXPECT_EQ(d.experience.value, ExperienceBand::kAny);
  EXPECT_EQ(d.experience.rule, "experience.column_shift");
}

TEST_F(NormalizeTest, LanguageInExperienceColumnStaysUnknown) {
  Posting p = Make({{Field::kExperience, "英语精通"}, {Field::kDegree, "本科"}});
  DerivedFields d;
  normalizer_->Normalize(p, &d);
  EXPECT_EQ(d.experience.reason, Unknown::kNotThisField);
  EXPECT_EQ(d.degree.value, DegreeLevel::kBachelor);
}

TEST_F(NormalizeTest, NumericSalaryColumnsUseTheFileScale) {
  Posting p = Make({{Field::kSalaryMin, "6"}, {Field::kSalaryMax, "8"}, {Field::kSalaryMonths, "14"}});
  p.salary_scale = 1000;  // liepin's 薪酬low / 薪酬high are in K
  DerivedFields d;
  normalizer_->Normalize(p, &d);
  ASSERT_TRUE(d.salary.ok());
  EXPECT_DOUBLE_EQ(d.salary.value.monthly_min, 6000);
  EXPECT_DOUBLE_EQ(d.salary.value.Annual(), 7000.0 * 14);
  std::string scratch;
  EXPECT_EQ(FieldNormalizer::RawOf(p, DerivedField::kSalary, scratch), "6 ~ 8 × 14");
}

TEST_F(NormalizeTest, UnknownIsNeverZero) {
  Posting p = Make({{Field::kSalary, "面议"}});
  DerivedFields d;
  normalizer_->Normalize(p, &d);
  EXPECT_EQ(d.salary.reason, Unknown::kNegotiable);
  EXPECT_EQ(d.city.reason, Unknown::kMissing);
  EXPECT_EQ(d.date.reason, Unknown::kMissing);
}

TEST(NormalizeLoad, MissingTableIsAnErrorNamingIt) {
  FieldOptions o;
  o.cities_path = "/nonexistent/cities.tsv";
  auto n = FieldNormalizer::Load(o);
  ASSERT_FALSE(n.ok());
  EXPECT_NE(n.status().message().find("/nonexistent/cities.tsv"), std::string::npos);
}

}  // namespace
}  // namespace jobsift

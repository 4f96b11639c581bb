#include "fields/normalize.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

// Every derived field, value, reason and rule, as one comparable string.
std::string Describe(const DerivedFields& d) {
  std::string o;
  for (size_t i = 0; i < kDerivedFieldCount; ++i) {
    DerivedField f = static_cast<DerivedField>(i);
    o += std::string(UnknownName(d.ReasonOf(f))) + "/" + std::string(d.RuleOf(f)) + " ";
  }
  o += std::to_string(d.salary.value.Annual()) + " " + std::to_string(static_cast<int>(d.experience.value)) + " " +
       std::to_string(static_cast<int>(d.degree.value)) + " " + std::to_string(static_cast<int>(d.company_size.value)) +
       " " + std::string(d.city.value.city) + std::string(d.city.value.province) + std::string(d.city.value.tier) +
       " " + std::string(d.industry.value);
  return o;
}

TEST_F(NormalizeTest, MemoGivesWhatParsingGives) {
  // Repeats (memo hits), the 51job column shift, a string longer than a
  // memo slot holds, unknowns, and one memo used by two normalizers whose
  // salary conventions differ.
  std::vector<Posting> postings = {
      Make({{Field::kSalary, "15-25K·13薪"}, {Field::kExperience, "3-5年"}, {Field::kDegree, "本科"},
            {Field::kCompanySize, "150-500人"}, {Field::kCity, "深圳·南山区"}, {Field::kCompanyIndus, "计算机软件"}}),
      Make({{Field::kSalary, "面议"}, {Field::kExperience, "本科"}, {Field::kDegree, "英语熟练"},
            {Field::kCity, "全国"}, {Field::kCompanyIndus, "互联网"}}),
      Make({{Field::kSalary, "500-600元/天"}, {Field::kExperience, "不限"}, {Field::kDegree, "本科"},
            {Field::kCity, "北京市朝阳区建国路八十八号现代城某某大厦二十三层"}, {Field::kCompanySize, "少于50人"}}),
      Make({{Field::kSalary, "8千-1.2万"}, {Field::kExperience, "本科"}, {Field::kDegree, "硕士"},
            {Field::kCity, "深圳·南山区"}, {Field::kCompanyIndus, "火星采矿"}}),
  };
  FieldOptions strict;
  strict.salary.min_monthly = 20000;  // the daily pay and 8千 become implausible
  auto other = FieldNormalizer::Load(strict);
  ASSERT_TRUE(other.ok()) << other.status().message();
  FieldMemo memo;
  for (int round = 0; round < 3; ++round) {
    for (const FieldNormalizer* n : {normalizer_.get(), other->get()}) {
      for (size_t i = 0; i < postings.size(); ++i) {
        DerivedFields parsed, memoised;
        n->Normalize(postings[i], &parsed);
        n->Normalize(postings[i], &memoised, &memo);
        EXPECT_EQ(Describe(memoised), Describe(parsed)) << "round " << round << ", posting " << i;
      }
    }
  }
  DerivedFields d;
  (*other)->Normalize(postings[2], &d, &memo);
  EXPECT_EQ(d.salary.reason, Unknown::kImplausible);
  normalizer_->Normalize(postings[2], &d, &memo);
  EXPECT_TRUE(d.salary.ok());
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

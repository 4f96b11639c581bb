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

// Issue 16: the date falls back along its columns, and says which decided.
TEST_F(NormalizeTest, DateFallsBackToTheFirstSeenThenTheUpdateDate) {
  DerivedFields d;
  // The publish date when there is one.
  normalizer_->Normalize(Make({{Field::kDate, "2024-11-13 13:22:35"}, {Field::kDateSeen, "2024-11-15"}}), &d);
  EXPECT_EQ(d.date.value.Iso(), "2024-11-13");
  EXPECT_EQ(d.date.rule, "date.datetime");
  EXPECT_EQ(DateSourceOf(d.date), DateSource::kPublished);
  // Empty, a placeholder or unparseable: the first-seen date.
  for (std::string_view published : {"", "1970-01-01T16:01:08+08:00", "不详"}) {
    normalizer_->Normalize(Make({{Field::kDate, published}, {Field::kDateSeen, "2024-11-15 17:48:20"},
                                 {Field::kDateUpdated, "2024-12-01"}}),
                           &d);
    ASSERT_TRUE(d.date.ok()) << published;
    EXPECT_EQ(d.date.value.Iso(), "2024-11-15") << published;
    EXPECT_EQ(d.date.rule, "date.from_seen") << published;
  }
  // No first-seen date either: the update date.
  normalizer_->Normalize(Make({{Field::kDateSeen, "1970-01-01"}, {Field::kDateUpdated, "2024-12-01"}}), &d);
  EXPECT_EQ(d.date.value.Iso(), "2024-12-01");
  EXPECT_EQ(d.date.rule, "date.from_updated");
  EXPECT_EQ(DateSourceOf(d.date), DateSource::kUpdated);
  // Nothing usable anywhere: the most telling reason.
  normalizer_->Normalize(Make({{Field::kDateSeen, "1970-01-01"}}), &d);
  EXPECT_EQ(d.date.reason, Unknown::kPlaceholder);
  normalizer_->Normalize(Make({}), &d);
  EXPECT_EQ(d.date.reason, Unknown::kMissing);
}

TEST_F(NormalizeTest, APublishDateAfterTheDaySeenFallsBack) {
  DerivedFields d;
  normalizer_->Normalize(Make({{Field::kDate, "2025-06-30"}, {Field::kDateSeen, "2024-12-10"}}), &d);
  EXPECT_EQ(d.date.value.Iso(), "2024-12-10");
  EXPECT_EQ(d.date.rule, "date.after_seen");
  EXPECT_EQ(DateSourceOf(d.date), DateSource::kAfterSeen);
  // The earliest day seen is the bound; the same day is fine.
  normalizer_->Normalize(Make({{Field::kDate, "2024-12-05"}, {Field::kDateSeen, "2024-12-10"},
                               {Field::kDateUpdated, "2024-12-01"}}),
                         &d);
  EXPECT_EQ(d.date.rule, "date.after_seen");
  EXPECT_EQ(d.date.value.Iso(), "2024-12-10");  // the first-seen date, as the fallback order says
  normalizer_->Normalize(Make({{Field::kDate, "2024-12-10"}, {Field::kDateSeen, "2024-12-10"}}), &d);
  EXPECT_EQ(d.date.rule, "date.ymd");
}

TEST_F(NormalizeTest, AYearlessPublishDateIsReadAgainstTheDaySeen) {
  DerivedFields d;
  normalizer_->Normalize(Make({{Field::kDate, "04-20"}, {Field::kDateSeen, "2024-11-15"}}), &d);
  EXPECT_EQ(d.date.value.Iso(), "2024-04-20");
  EXPECT_EQ(d.date.rule, "date.month_day");
  normalizer_->Normalize(Make({{Field::kDate, "3天前"}, {Field::kDateSeen, "2024-11-15"}}), &d);
  EXPECT_EQ(d.date.value.Iso(), "2024-11-12");
  // The raw text profile shows is the first date column that has one.
  std::string scratch;
  EXPECT_EQ(FieldNormalizer::RawOf(Make({{Field::kDateSeen, "2024-11-15"}}), DerivedField::kDate, scratch),
            "2024-11-15");
}

// Issue 16: small numbers re-read as hourly pay are a piece rate when the
// posting pays per order.
TEST_F(NormalizeTest, PiecePayInNumericColumnsIsUnknown) {
  DerivedFields d;
  normalizer_->Normalize(Make({{Field::kPosition, "美团骑手"}, {Field::kSalaryMin, "6"}, {Field::kSalaryMax, "10"}}), &d);
  EXPECT_EQ(d.salary.reason, Unknown::kPieceRate);
  EXPECT_EQ(d.salary.rule, "salary.numbers_piece_rate");
  normalizer_->Normalize(
      Make({{Field::kPosition, "配送专员"}, {Field::kDescription, "10块一单，多劳多得"}, {Field::kSalaryMin, "8"},
            {Field::kSalaryMax, "10"}}),
      &d);
  EXPECT_EQ(d.salary.reason, Unknown::kPieceRate);
  // Hourly pay of another job stays hourly.
  normalizer_->Normalize(Make({{Field::kPosition, "英语助教"}, {Field::kSalaryMin, "25"}, {Field::kSalaryMax, "35"}}), &d);
  ASSERT_TRUE(d.salary.ok());
  EXPECT_EQ(d.salary.rule, "salary.numbers_reread_hourly");
}

// The verdicts that map columns by content (schema/column_map.h).
TEST_F(NormalizeTest, CellsAreJudgedByTheFieldParsers) {
  const CellJudge& j = *normalizer_;
  EXPECT_TRUE(j.Reads(Field::kCity, "杭州"));
  EXPECT_TRUE(j.Reads(Field::kCity, "广东省广州市番禺区"));
  EXPECT_FALSE(j.Reads(Field::kCity, "Python"));
  EXPECT_TRUE(j.Reads(Field::kSalary, "10-15K·13薪"));
  EXPECT_TRUE(j.Reads(Field::kSalary, "面议"));
  EXPECT_FALSE(j.Reads(Field::kSalary, "本科"));
  EXPECT_TRUE(j.Reads(Field::kDate, "2019年12月15日"));
  EXPECT_TRUE(j.Reads(Field::kDate, "04-20"));
  EXPECT_TRUE(j.Reads(Field::kDegree, "统招本科"));
  EXPECT_FALSE(j.Reads(Field::kDegree, "3-5年"));
  EXPECT_TRUE(j.Reads(Field::kExperience, "3-5年"));
  EXPECT_TRUE(j.Reads(Field::kCompanySize, "100-499人"));
  EXPECT_TRUE(j.Reads(Field::kDescription, "岗位职责：负责推荐系统的算法研发与优化；任职要求：熟悉深度学习框架与分布式训练"));
  EXPECT_FALSE(j.Reads(Field::kDescription, "公司成立于二〇〇一年，总部位于上海，是一家专注于消费电子的企业，产品远销海外"));
  EXPECT_FALSE(j.Reads(Field::kPosition, "算法工程师"));  // titles are never judged
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

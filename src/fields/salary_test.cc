#include "fields/salary.h"

#include <gtest/gtest.h>

#include <string_view>

namespace jobsift {
namespace {

struct Case {
  std::string_view raw;
  double min;  // monthly yuan
  double max;
  int months;
  PayUnit unit;
  std::string_view rule;
};

void ExpectParses(const Case& c, const SalaryConventions& conv = {}) {
  const Parsed<Salary> got = ParseSalary(c.raw, conv);
  ASSERT_TRUE(got.ok()) << c.raw << " -> " << UnknownName(got.reason) << " "
                        << got.rule;
  EXPECT_NEAR(got.value.monthly_min, c.min, 1e-6) << c.raw;
  EXPECT_NEAR(got.value.monthly_max, c.max, 1e-6) << c.raw;
  EXPECT_EQ(got.value.months, c.months) << c.raw;
  EXPECT_EQ(got.value.unit, c.unit) << c.raw;
  EXPECT_EQ(got.rule, c.rule) << c.raw;
}

struct UnknownCase {
  std::string_view raw;
  Unknown reason;
  std::string_view rule;
};

void ExpectUnknown(const UnknownCase& c, const SalaryConventions& conv = {}) {
  const Parsed<Salary> got = ParseSalary(c.raw, conv);
  EXPECT_EQ(got.reason, c.reason) << c.raw << " rule " << got.rule;
  EXPECT_EQ(got.rule, c.rule) << c.raw;
  EXPECT_EQ(got.value.monthly_min, 0) << c.raw;
}

constexpr PayUnit kMonth = PayUnit::kMonth;

// 51job: N-N千/月 and N-N万/月 (2018 奉贤, 2019 大数据).
TEST(Salary, MonthlyRangeInThousandsAndTenThousands) {
  const Case kCases[] = {
      {"4-8千/月", 4000, 8000, 12, kMonth, "salary.range_month"},
      {"6-8千/月", 6000, 8000, 12, kMonth, "salary.range_month"},
      {"4.5-6千/月", 4500, 6000, 12, kMonth, "salary.range_month"},
      {"1-1.5万/月", 10000, 15000, 12, kMonth, "salary.range_month"},
      {"0.8-1万/月", 8000, 10000, 12, kMonth, "salary.range_month"},
      {"1.2-2.2万", 12000, 22000, 12, kMonth, "salary.range_month"},
      {"2-8万/月", 20000, 80000, 12, kMonth, "salary.range_month"},
  };
  for (const auto& c : kCases) ExpectParses(c);
}

// BOSS直聘: N-NK with and without ·N薪.
TEST(Salary, KiloRangeWithBonusMonths) {
  const Case kCases[] = {
      {"10-15K", 10000, 15000, 12, kMonth, "salary.range_month"},
      {"15-25K·13薪", 15000, 25000, 13, kMonth, "salary.range_month"},
      {"7-12K·13薪", 7000, 12000, 13, kMonth, "salary.range_month"},
      {"30-60K·15薪", 30000, 60000, 15, kMonth, "salary.range_month"},
      {"10-15K·20薪", 10000, 15000, 20, kMonth, "salary.range_month"},
      {"4k-6k", 4000, 6000, 12, kMonth, "salary.range_month"},
      {"15-25K*13薪", 15000, 25000, 13, kMonth, "salary.range_month"},
      {"15-25K 14薪", 15000, 25000, 14, kMonth, "salary.range_month"},
      {"15-25K13薪", 15000, 25000, 13, kMonth, "salary.range_month"},
      {"2-3w", 20000, 30000, 12, kMonth, "salary.range_month"},
  };
  for (const auto& c : kCases) ExpectParses(c);
}

TEST(Salary, EachBoundMayCarryItsOwnUnit) {
  const Case kCases[] = {
      {"8千-1.2万", 8000, 12000, 12, kMonth, "salary.range_month"},
      {"1万-1.5万", 10000, 15000, 12, kMonth, "salary.range_month"},
      {"8千-1.2万/月", 8000, 12000, 12, kMonth, "salary.range_month"},
      {"5000-8000元/月", 5000, 8000, 12, kMonth, "salary.range_month"},
      {"11000-13000元/月", 11000, 13000, 12, kMonth, "salary.range_month"},
      {"1-1.5万元/月", 10000, 15000, 12, kMonth, "salary.range_month"},
      {"5000-8000", 5000, 8000, 12, kMonth, "salary.range_month"},
      {"10,000-20,000元/月", 10000, 20000, 12, kMonth, "salary.range_month"},
  };
  for (const auto& c : kCases) ExpectParses(c);
}

// 年薪 is the annual total: divided by 12, months forced to 12.
TEST(Salary, YearlyPayIsDividedByTwelve) {
  const Case kCases[] = {
      {"10-15万/年", 100000.0 / 12, 150000.0 / 12, 12, PayUnit::kYear,
       "salary.range_year"},
      {"10-20万/年", 100000.0 / 12, 200000.0 / 12, 12, PayUnit::kYear,
       "salary.range_year"},
      {"20-30万/年·13薪", 200000.0 / 12, 300000.0 / 12, 12, PayUnit::kYear,
       "salary.range_year"},
      {"年薪20-30万", 200000.0 / 12, 300000.0 / 12, 12, PayUnit::kYear,
       "salary.range_year"},
      {"100万以上/年", 1000000.0 / 12, 1000000.0 / 12, 12, PayUnit::kYear,
       "salary.at_least_year"},
      {"2万以下/年", 20000.0 / 12, 20000.0 / 12, 12, PayUnit::kYear,
       "salary.at_most_year"},
  };
  for (const auto& c : kCases) ExpectParses(c);
  const Parsed<Salary> annual = ParseSalary("10-20万/年", SalaryConventions{});
  ASSERT_TRUE(annual.ok());
  EXPECT_NEAR(annual.value.Annual(), 150000, 1e-6);
}

TEST(Salary, DailyHourlyWeeklyConvertWithConventions) {
  const Case kCases[] = {
      {"150元/天", 150 * 21.75, 150 * 21.75, 12, PayUnit::kDay,
       "salary.single_day"},
      {"100元/天", 100 * 21.75, 100 * 21.75, 12, PayUnit::kDay,
       "salary.single_day"},
      {"150-200元/天", 150 * 21.75, 200 * 21.75, 12, PayUnit::kDay,
       "salary.range_day"},
      {"30-35元/时", 30 * 8 * 21.75, 35 * 8 * 21.75, 12, PayUnit::kHour,
       "salary.range_hour"},
      {"200元/小时", 200 * 8 * 21.75, 200 * 8 * 21.75, 12, PayUnit::kHour,
       "salary.single_hour"},
      {"1000-1200元/周", 1000 * 52.0 / 12, 1200 * 52.0 / 12, 12, PayUnit::kWeek,
       "salary.range_week"},
      {"700-800元/周", 700 * 52.0 / 12, 800 * 52.0 / 12, 12, PayUnit::kWeek,
       "salary.range_week"},
      {"日薪300", 300 * 21.75, 300 * 21.75, 12, PayUnit::kDay,
       "salary.single_day"},
      {"300元每天", 300 * 21.75, 300 * 21.75, 12, PayUnit::kDay,
       "salary.single_day"},
  };
  for (const auto& c : kCases) ExpectParses(c);
}

TEST(Salary, ConventionsAreOverridable) {
  SalaryConventions conv;
  conv.work_days_per_month = 22;
  conv.work_hours_per_day = 7.5;
  ExpectParses({"100元/天", 2200, 2200, 12, PayUnit::kDay, "salary.single_day"},
               conv);
  ExpectParses(
      {"20元/时", 3300, 3300, 12, PayUnit::kHour, "salary.single_hour"}, conv);
  conv.min_monthly = 5000;
  ExpectUnknown({"4-8千/月", Unknown::kImplausible, "salary.implausible_range"},
                conv);
}

// One printed bound is the best point estimate: min = max = that value.
TEST(Salary, SingleValuesAndOpenBounds) {
  const Case kCases[] = {
      {"8000", 8000, 8000, 12, kMonth, "salary.single_month"},
      {"1.5万/月", 15000, 15000, 12, kMonth, "salary.single_month"},
      {"4千以下/月", 4000, 4000, 12, kMonth, "salary.at_most_month"},
      {"1.5千以下/月", 1500, 1500, 12, kMonth, "salary.at_most_month"},
      {"10万以上/月", 100000, 100000, 12, kMonth, "salary.at_least_month"},
      {"5000起", 5000, 5000, 12, kMonth, "salary.at_least_month"},
      {"20K+", 20000, 20000, 12, kMonth, "salary.at_least_month"},
      {"月薪8000以上", 8000, 8000, 12, kMonth, "salary.at_least_month"},
  };
  for (const auto& c : kCases) ExpectParses(c);
}

TEST(Salary, SeparatorsAndFullWidthForms) {
  const Case kCases[] = {
      {"10~15K", 10000, 15000, 12, kMonth, "salary.range_month"},
      {"10至15K", 10000, 15000, 12, kMonth, "salary.range_month"},
      {"10到15K", 10000, 15000, 12, kMonth, "salary.range_month"},
      {"8千—1.2万", 8000, 12000, 12, kMonth, "salary.range_month"},
      {"10 - 15K", 10000, 15000, 12, kMonth, "salary.range_month"},
      {"１５－２５Ｋ·１３薪", 15000, 25000, 13, kMonth, "salary.range_month"},
      {"１．２－２．２万", 12000, 22000, 12, kMonth, "salary.range_month"},
      {"１０～１５ｋ", 10000, 15000, 12, kMonth, "salary.range_month"},
      {"4-8千／月", 4000, 8000, 12, kMonth, "salary.range_month"},
  };
  for (const auto& c : kCases) ExpectParses(c);
}

TEST(Salary, AnnualIsMidpointTimesMonths) {
  const Parsed<Salary> got = ParseSalary("15-25K·13薪", SalaryConventions{});
  ASSERT_TRUE(got.ok());
  EXPECT_DOUBLE_EQ(got.value.Annual(), 20000.0 * 13);
  const Parsed<Salary> plain = ParseSalary("1-1.5万/月", SalaryConventions{});
  ASSERT_TRUE(plain.ok());
  EXPECT_DOUBLE_EQ(plain.value.Annual(), 12500.0 * 12);
}

TEST(Salary, NegotiableIsUnknownNeverZero) {
  const UnknownCase kCases[] = {
      {"面议", Unknown::kNegotiable, "salary.negotiable"},
      {"薪资面议", Unknown::kNegotiable, "salary.negotiable"},
      {"保密", Unknown::kNegotiable, "salary.negotiable"},
      {"待定", Unknown::kNegotiable, "salary.negotiable"},
      {"薪资面谈", Unknown::kNegotiable, "salary.negotiable"},
      {"5000起可面议", Unknown::kNegotiable, "salary.negotiable"},
  };
  for (const auto& c : kCases) ExpectUnknown(c);
}

TEST(Salary, MissingMarkers) {
  for (std::string_view raw : {"", "[]", "-", "None", "nan"}) {
    ExpectUnknown({raw, Unknown::kMissing, "salary.missing"});
  }
}

TEST(Salary, UnparseableStrings) {
  for (std::string_view raw :
       {"K", "高薪", "10-", "-5000", "10-15K·13", "10-15万以上", "15-25K(税前)",
        "10-15K/年/月", "$120k–150k/yr", "１５－２５Ｋ·十三薪"}) {
    ExpectUnknown({raw, Unknown::kUnparseable, "salary.unparseable"});
  }
}

TEST(Salary, ImplausibleValues) {
  const UnknownCase kCases[] = {
      // Real 51job 2019 rows: a range wider than max_ratio.
      {"500-260000元/月", Unknown::kImplausible, "salary.implausible_ratio"},
      {"1000-20000元/月", Unknown::kImplausible, "salary.implausible_ratio"},
      {"15-10K", Unknown::kImplausible, "salary.implausible_order"},
      {"120", Unknown::kImplausible, "salary.implausible_range"},
      {"200万/月", Unknown::kImplausible, "salary.annual_as_monthly"},
      {"10-15K·11薪", Unknown::kImplausible, "salary.implausible_months"},
      {"10-15K·25薪", Unknown::kImplausible, "salary.implausible_months"},
  };
  for (const auto& c : kCases) ExpectUnknown(c);
}

// Issue 16: pay per order or piece has no period; it is never hourly.
TEST(Salary, PieceRatesAreUnknownWithTheirOwnReason) {
  for (std::string_view raw : {"7块/单", "5-8元/件", "200元/次", "10块一单", "3元每单", "1.5元/票"})
    ExpectUnknown({raw, Unknown::kPieceRate, "salary.piece_rate"});
  EXPECT_EQ(UnknownName(Unknown::kPieceRate), "piece_rate");
  // A period is still a period.
  ExpectParses({"150元/天", 150 * 21.75, 150 * 21.75, 12, PayUnit::kDay, "salary.single_day"});
}

// Issue 16: a monthly figure that can only be annual is flagged, not summed.
TEST(Salary, MonthlyValuesThatCanOnlyBeAnnualAreImplausible) {
  for (std::string_view raw : {"150000-300000元/月", "150000-300000", "15-30万/月", "500000-800000元/月"})
    ExpectUnknown({raw, Unknown::kImplausible, "salary.annual_as_monthly"});
  // The same figures as yearly pay are fine, and so is a high monthly wage.
  ExpectParses({"15-30万/年", 12500, 25000, 12, PayUnit::kYear, "salary.range_year"});
  ExpectParses({"8-12万/月", 80000, 120000, 12, kMonth, "salary.range_month"});
  EXPECT_EQ(SalaryFromNumbers("150000", "300000", "", 1, {}).rule, "salary.annual_as_monthly");
  EXPECT_TRUE(SalaryFromNumbers("50000", "80000", "", 1, {}).ok());
  // The threshold is a convention.
  SalaryConventions c;
  c.annual_as_monthly_from = 1e6;
  EXPECT_TRUE(ParseSalary("150000-300000元/月", c).ok());
}

// Issue 16: more than 24 months a year is implausible; 12 to 24 are not.
TEST(Salary, MonthsAYearRunFromTwelveToTwentyFour) {
  EXPECT_EQ(ParseSalary("10-15K·24薪", {}).value.months, 24);
  ExpectUnknown({"10-15K·25薪", Unknown::kImplausible, "salary.implausible_months"});
  ExpectUnknown({"10-15K·36薪", Unknown::kImplausible, "salary.implausible_months"});
  EXPECT_EQ(SalaryFromNumbers("10000", "15000", "24", 1, {}).value.months, 24);
  EXPECT_EQ(SalaryFromNumbers("10000", "15000", "25", 1, {}).rule, "salary.implausible_months");
}

TEST(Salary, PayUnitNames) {
  EXPECT_EQ(PayUnitName(PayUnit::kMonth), "月");
  EXPECT_EQ(PayUnitName(PayUnit::kYear), "年");
  EXPECT_EQ(PayUnitName(PayUnit::kDay), "天");
  EXPECT_EQ(PayUnitName(PayUnit::kHour), "时");
  EXPECT_EQ(PayUnitName(PayUnit::kWeek), "周");
}

struct NumbersCase {
  std::string_view min, max, months;
  double yuan_per_unit;
  double want_min, want_max;
  int want_months;
  std::string_view rule;
};

// job-hunting-data 最低薪资/最高薪资/几薪 (yuan) and liepin 薪酬low/high/几薪
// (K).
TEST(SalaryFromNumbers, NumericColumns) {
  const NumbersCase kCases[] = {
      {"9000.0", "18000.0", "13.0", 1, 9000, 18000, 13, "salary.numbers_range"},
      {"10000", "15000", "", 1, 10000, 15000, 12, "salary.numbers_range"},
      {"10000.00", "20000.00", "14", 1, 10000, 20000, 14,
       "salary.numbers_range"},
      {"6", "8", "12", 1000, 6000, 8000, 12, "salary.numbers_range"},
      {"13", "26", "16", 1000, 13000, 26000, 16, "salary.numbers_range"},
      {"1.5", "2", "", 10000, 15000, 20000, 12, "salary.numbers_range"},
      {"20", "", "12", 1000, 20000, 20000, 12, "salary.numbers_single"},
      {"", "8000", "", 1, 8000, 8000, 12, "salary.numbers_single"},
      {"９０００", "１８０００", "１３", 1, 9000, 18000, 13,
       "salary.numbers_range"},
  };
  for (const auto& c : kCases) {
    const Parsed<Salary> got =
        SalaryFromNumbers(c.min, c.max, c.months, c.yuan_per_unit, {});
    ASSERT_TRUE(got.ok()) << c.min << "/" << c.max << " "
                          << UnknownName(got.reason) << " " << got.rule;
    EXPECT_DOUBLE_EQ(got.value.monthly_min, c.want_min);
    EXPECT_DOUBLE_EQ(got.value.monthly_max, c.want_max);
    EXPECT_EQ(got.value.months, c.want_months);
    EXPECT_EQ(got.value.unit, PayUnit::kMonth);
    EXPECT_EQ(got.rule, c.rule);
  }
}

TEST(SalaryFromNumbers, UnknownCases) {
  struct Bad {
    std::string_view min, max, months;
    double yuan_per_unit;
    Unknown reason;
    std::string_view rule;
  };
  const Bad kCases[] = {
      {"面议", "", "", 1000, Unknown::kNegotiable, "salary.negotiable"},
      {"", "", "", 1, Unknown::kMissing, "salary.missing"},
      {"nan", "nan", "nan", 1, Unknown::kMissing, "salary.missing"},
      {"0", "0", "", 1, Unknown::kImplausible, "salary.implausible_range"},
      {"5000.00", "150000.00", "", 1, Unknown::kImplausible,
       "salary.implausible_ratio"},
      {"8000", "6000", "", 1, Unknown::kImplausible,
       "salary.implausible_order"},
      {"8000", "9000", "13.5", 1, Unknown::kImplausible,
       "salary.implausible_months"},
      {"8000", "9000", "30", 1, Unknown::kImplausible,
       "salary.implausible_months"},
      {"8k", "9k", "", 1, Unknown::kUnparseable, "salary.unparseable"},
  };
  for (const auto& c : kCases) {
    const Parsed<Salary> got =
        SalaryFromNumbers(c.min, c.max, c.months, c.yuan_per_unit, {});
    EXPECT_EQ(got.reason, c.reason) << c.min << "/" << c.max << "/" << c.months;
    EXPECT_EQ(got.rule, c.rule) << c.min << "/" << c.max << "/" << c.months;
  }
}

TEST(SalaryFromNumbers, SmallMonthlyYuanAreRereadAsDailyOrHourlyPay) {
  // BOSS daily/hourly figures left unconverted in job-hunting-data.
  SalaryConventions c;
  Parsed<Salary> daily = SalaryFromNumbers("120", "150", "", 1, c);
  ASSERT_TRUE(daily.ok());
  EXPECT_EQ(daily.rule, "salary.numbers_reread_daily");
  EXPECT_EQ(daily.value.unit, PayUnit::kDay);
  EXPECT_DOUBLE_EQ(daily.value.monthly_min, 120 * 21.75);
  EXPECT_DOUBLE_EQ(daily.value.monthly_max, 150 * 21.75);
  Parsed<Salary> hourly = SalaryFromNumbers("20", "25", "", 1, c);
  ASSERT_TRUE(hourly.ok());
  EXPECT_EQ(hourly.rule, "salary.numbers_reread_hourly");
  EXPECT_DOUBLE_EQ(hourly.value.monthly_max, 25 * 8 * 21.75);
  // Thousands are never re-read: 6 ~ 8 K is 6000 ~ 8000 a month.
  Parsed<Salary> k = SalaryFromNumbers("6", "8", "12", 1000, c);
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(k.rule, "salary.numbers_range");
  // Switched off, they are implausible as before.
  c.reread_small_numbers = false;
  Parsed<Salary> off = SalaryFromNumbers("120", "150", "", 1, c);
  EXPECT_EQ(off.reason, Unknown::kImplausible);
  EXPECT_EQ(off.rule, "salary.implausible_range");
  // Still checked after re-reading: a day rate of 4 is not a wage.
  c.reread_small_numbers = true;
  EXPECT_EQ(SalaryFromNumbers("4", "4", "", 1, c).reason, Unknown::kImplausible);
}

}  // namespace
}  // namespace jobsift

#include "fields/date.h"

#include <gtest/gtest.h>

#include <string_view>

namespace jobsift {
namespace {

struct Case {
  std::string_view raw;
  Date date;
  std::string_view rule;
};

void ExpectDates(std::initializer_list<Case> cases, const DateContext& ctx) {
  for (const auto& c : cases) {
    const Parsed<Date> got = ParseDate(c.raw, ctx);
    ASSERT_TRUE(got.ok()) << c.raw << " -> " << UnknownName(got.reason) << " "
                          << got.rule;
    EXPECT_EQ(got.value.Iso(), c.date.Iso()) << c.raw;
    EXPECT_EQ(got.rule, c.rule) << c.raw;
  }
}

DateContext WithReference(Date reference) {
  DateContext ctx;
  ctx.reference = reference;
  return ctx;
}

TEST(Date, CalendarDates) {
  ExpectDates(
      {
          {"2019-09-13", {2019, 9, 13}, "date.ymd"},  // 51job 2019
          {"2023/3/1", {2023, 3, 1}, "date.ymd"},
          {"2023/03/01", {2023, 3, 1}, "date.ymd"},
          {"2023.3.1", {2023, 3, 1}, "date.ymd"},
          {"20230301", {2023, 3, 1}, "date.compact"},
          {"2019年12月15日", {2019, 12, 15}, "date.chinese"},  // 猎聘 2019
          {"2019年12月5日", {2019, 12, 5}, "date.chinese"},
          {"2019年12月5号", {2019, 12, 5}, "date.chinese"},
          {"2019年12月5", {2019, 12, 5}, "date.chinese"},
          {"2024-02-29", {2024, 2, 29}, "date.ymd"},
          {"２０２３－０３－０１", {2023, 3, 1}, "date.ymd"},
          {"２０１９年１２月１５日", {2019, 12, 15}, "date.chinese"},
          {"发布于2023-03-01", {2023, 3, 1}, "date.ymd"},
          {"2023-03-01发布", {2023, 3, 1}, "date.ymd"},
      },
      DateContext{});
}

// job-hunting-data 首次发布时间 / 首次扫描日期: the date part as written.
TEST(Date, DateTimesKeepTheWrittenDate) {
  ExpectDates(
      {
          {"2024-11-13 13:22:35", {2024, 11, 13}, "date.datetime"},
          {"2025-02-19T15:34:07+08:00", {2025, 2, 19}, "date.datetime"},
          {"2025-02-19T23:30:00-05:00", {2025, 2, 19}, "date.datetime"},
          {"2025-02-19T15:34:07Z", {2025, 2, 19}, "date.datetime"},
          {"2025-02-19T15:34:07.123Z", {2025, 2, 19}, "date.datetime"},
          {"2024-11-13 13:22", {2024, 11, 13}, "date.datetime"},
          {"2024/11/13 13:22:35", {2024, 11, 13}, "date.datetime"},
          {"20241113 13:22:35", {2024, 11, 13}, "date.datetime"},
          {"2024-11-13T13:22:35+0800", {2024, 11, 13}, "date.datetime"},
      },
      DateContext{});
}

// xlsx cells that Excel stored as dates arrive as serial numbers.
TEST(Date, ExcelSerials) {
  ExpectDates(
      {
          {"45234", {2023, 11, 4}, "date.excel_serial"},
          {"45234.5", {2023, 11, 4}, "date.excel_serial"},
          {"45576.60690972222", {2024, 10, 11}, "date.excel_serial"},
          {"45681.983148148145", {2025, 1, 24}, "date.excel_serial"},
          {"36526", {2000, 1, 1}, "date.excel_serial"},
          {"61", {1900, 3, 1}, "date.excel_serial"},
          {"59", {1900, 2, 28}, "date.excel_serial"},
      },
      DateContext{
          .reference = std::nullopt, .min_year = 1900, .max_year = 2100});
}

// 51job 2018: "04-20" with no year; the most recent such day not after the
// reference.
TEST(Date, MonthDayResolvesAgainstReference) {
  const DateContext ctx = WithReference({2020, 6, 12});
  ExpectDates(
      {
          {"04-20", {2020, 4, 20}, "date.month_day"},
          {"06-12", {2020, 6, 12}, "date.month_day"},
          {"06-13", {2019, 6, 13}, "date.month_day"},
          {"12-31", {2019, 12, 31}, "date.month_day"},
          {"09-03发布", {2019, 9, 3}, "date.month_day"},
          {"4/20", {2020, 4, 20}, "date.month_day"},
          {"4月20日", {2020, 4, 20}, "date.month_day"},
          {"02-29", {2020, 2, 29}, "date.month_day"},
      },
      ctx);
  ExpectDates({{"02-29", {2016, 2, 29}, "date.month_day"}},
              WithReference({2019, 6, 1}));
}

TEST(Date, RelativeDatesResolveAgainstReference) {
  const DateContext ctx = WithReference({2024, 3, 1});
  ExpectDates(
      {
          {"今天", {2024, 3, 1}, "date.relative"},
          {"刚刚", {2024, 3, 1}, "date.relative"},
          {"昨天", {2024, 2, 29}, "date.relative"},
          {"前天", {2024, 2, 28}, "date.relative"},
          {"3天前", {2024, 2, 27}, "date.relative"},
          {"5小时前", {2024, 3, 1}, "date.relative"},
          {"30分钟前", {2024, 3, 1}, "date.relative"},
          {"2周前", {2024, 2, 16}, "date.relative"},
          {"1个月前", {2024, 2, 1}, "date.relative"},
          {"３天前", {2024, 2, 27}, "date.relative"},
          {"昨天发布", {2024, 2, 29}, "date.relative"},
      },
      ctx);
  ExpectDates({{"1个月前", {2024, 2, 29}, "date.relative"}},
              WithReference({2024, 3, 31}));
}

TEST(Date, YearlessAndRelativeNeedAReference) {
  for (std::string_view raw : {"04-20", "09-03发布", "昨天", "3天前", "刚刚"}) {
    const Parsed<Date> got = ParseDate(raw, DateContext{});
    EXPECT_EQ(got.reason, Unknown::kNeedsReference) << raw;
    EXPECT_EQ(got.rule, "date.needs_reference") << raw;
  }
}

TEST(Date, ImpossibleDatesAreUnparseable) {
  struct Bad {
    std::string_view raw;
    std::string_view rule;
  };
  const Bad kCases[] = {
      {"2023-13-45", "date.invalid"},
      {"2023-02-30", "date.invalid"},
      {"2023-02-29", "date.invalid"},
      {"2023-00-10", "date.invalid"},
      {"20231345", "date.invalid"},
      {"13-45", "date.invalid"},
      {"2023-01-01 25:00", "date.unparseable"},
      {"2023-01-01 12:61", "date.unparseable"},
      {"2023-01/01", "date.unparseable"},
      {"2023-01", "date.unparseable"},
      {"2023年1月", "date.unparseable"},
      {"2023-01-011", "date.unparseable"},
      {"1234567", "date.unparseable"},
      {"60", "date.unparseable"},
      {"上周", "date.unparseable"},
      {"2023-01-01x", "date.unparseable"},
  };
  const DateContext ctx = WithReference({2024, 1, 1});
  for (const auto& c : kCases) {
    const Parsed<Date> got = ParseDate(c.raw, ctx);
    EXPECT_EQ(got.reason, Unknown::kUnparseable) << c.raw;
    EXPECT_EQ(got.rule, c.rule) << c.raw;
  }
}

// 1970-01-01 is the epoch placeholder; other out-of-range years are
// implausible.
TEST(Date, PlaceholdersAndImplausibleYears) {
  struct Bad {
    std::string_view raw;
    Unknown reason;
    std::string_view rule;
  };
  const Bad kCases[] = {
      {"1970-01-01", Unknown::kPlaceholder, "date.placeholder"},
      {"1970-01-01T16:01:08+08:00", Unknown::kPlaceholder, "date.placeholder"},
      {"1970-01-01 08:00:00", Unknown::kPlaceholder, "date.placeholder"},
      {"25569", Unknown::kPlaceholder, "date.placeholder"},
      {"1970-01-02", Unknown::kImplausible, "date.implausible"},
      {"1900-01-01", Unknown::kImplausible, "date.implausible"},
      {"2101-01-01", Unknown::kImplausible, "date.implausible"},
      {"2019", Unknown::kImplausible, "date.implausible"},  // serial 1905
  };
  for (const auto& c : kCases) {
    const Parsed<Date> got = ParseDate(c.raw, DateContext{});
    EXPECT_EQ(got.reason, c.reason) << c.raw;
    EXPECT_EQ(got.rule, c.rule) << c.raw;
  }
  DateContext narrow;
  narrow.min_year = 2023;
  narrow.max_year = 2024;
  EXPECT_EQ(ParseDate("2022-12-31", narrow).reason, Unknown::kImplausible);
  EXPECT_TRUE(ParseDate("2023-01-01", narrow).ok());
}

TEST(Date, MissingMarkers) {
  for (std::string_view raw : {"", "[]", "-", "nan", "None", "null"}) {
    const Parsed<Date> got = ParseDate(raw, DateContext{});
    EXPECT_EQ(got.reason, Unknown::kMissing) << raw;
    EXPECT_EQ(got.rule, "date.missing") << raw;
  }
}

TEST(Date, PeriodLabels) {
  struct Label {
    Date date;
    int quarter;
    int half;
    std::string_view quarter_label;
    std::string_view half_label;
    std::string_view iso;
  };
  const Label kCases[] = {
      {{2023, 1, 1}, 1, 1, "2023Q1", "2023H1", "2023-01-01"},
      {{2023, 3, 31}, 1, 1, "2023Q1", "2023H1", "2023-03-31"},
      {{2023, 4, 1}, 2, 1, "2023Q2", "2023H1", "2023-04-01"},
      {{2023, 6, 30}, 2, 1, "2023Q2", "2023H1", "2023-06-30"},
      {{2023, 7, 1}, 3, 2, "2023Q3", "2023H2", "2023-07-01"},
      {{2024, 12, 31}, 4, 2, "2024Q4", "2024H2", "2024-12-31"},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(c.date.Quarter(), c.quarter);
    EXPECT_EQ(c.date.Half(), c.half);
    EXPECT_EQ(c.date.QuarterLabel(), c.quarter_label);
    EXPECT_EQ(c.date.HalfLabel(), c.half_label);
    EXPECT_EQ(c.date.Iso(), c.iso);
  }
}

}  // namespace
}  // namespace jobsift

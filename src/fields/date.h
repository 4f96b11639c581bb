// Date normaliser: turns the publish/refresh date a site printed
// ("2024-11-13 13:22:35", "2025-02-19T15:34:07+08:00", "2019年12月15日",
// "04-20", "3天前", Excel serials such as 45234.5) into a calendar date, from
// which the report's periods are derived (SPEC §2 "period": 2023Q1, 2023H1).
//
// Not for: times of day or time zones (dropped), nor choosing which column
// is the date (schema/). Neighbours: fields/parsed.h, fields/fold.h.
//
// Accepted forms, after full-width folding and dropping a leading
// 发布于/更新于/发布时间:/发布日期: and a trailing 发布/更新 (rule id in []):
//   YYYY-MM-DD, YYYY/M/D, YYYY.M.D (one separator kind)          [date.ymd]
//   YYYY年M月D日 (日 or 号 optional)                              [date.chinese]
//   YYYYMMDD                                                  [date.compact]
//   any of the above + ' ' or 'T' + HH:MM[:SS[.fff]] [Z | ±HH[:]MM]
//                                                             [date.datetime]
//     The date part is taken as written: zones are not converted, so
//     "2025-02-19T23:30:00-05:00" is 2025-02-19.
//   Excel serial day numbers, 1900 date system, 1 to 6 integer digits with an
//     optional fraction (45234 -> 2023-11-04; the fraction is the time of day
//     and is dropped)                                   [date.excel_serial]
//   MM-DD, M/D, M.D, M月D日, with an optional 发布 ("04-20", "09-03发布"):
//     the most recent such date not after ctx.reference   [date.month_day]
//   刚刚, 刚发布, 今天, 今日 (+0 days), 昨天/昨日 (-1), 前天 (-2),
//     N天前/N日前 (-N), N周前/N星期前 (-7N), N个月前 (same day N months earlier,
//     clamped to the month's end), N小时前/N分钟前/N秒前 (the reference day
//     itself: the reference is a date, not a time)        [date.relative]
//
// Unknowns: ""/"-"/"nan"... -> kMissing [date.missing]; relative and
// year-less forms without ctx.reference -> kNeedsReference
// [date.needs_reference]; impossible dates (2023-13-45, 2023-02-30, 25:00)
// and unknown shapes -> kUnparseable [date.invalid, date.unparseable];
// 1970-01-01 (the Unix epoch that exports write for "no date", whatever the
// time) -> kPlaceholder [date.placeholder]; other years outside
// [ctx.min_year, ctx.max_year] -> kImplausible [date.implausible].
//
// Pure, thread-safe, no allocation in ParseDate; nothing from `raw` is kept.
#ifndef JOBSIFT_FIELDS_DATE_H_
#define JOBSIFT_FIELDS_DATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fields/parsed.h"

namespace jobsift {

// A valid proleptic Gregorian calendar date.
struct Date {
  int16_t year = 0;
  int8_t month = 0;  // 1..12
  int8_t day = 0;    // 1..31

  int Quarter() const { return (month - 1) / 3 + 1; }  // 1..4
  int Half() const { return month <= 6 ? 1 : 2; }      // 1..2
  std::string Iso() const;           // "2023-03-01"
  std::string QuarterLabel() const;  // "2023Q1"
  std::string HalfLabel() const;     // "2023H1"

  bool operator==(const Date&) const = default;
  auto operator<=>(const Date&) const = default;
};

// What ParseDate needs besides the string: the date that relative and
// year-less values are resolved against (usually the crawl date), and the
// plausible year range.
struct DateContext {
  std::optional<Date> reference;
  int min_year = 2000;
  int max_year = 2100;
};

// Parses a date; see the forms above. `raw` is already trimmed and unwrapped.
Parsed<Date> ParseDate(std::string_view raw, const DateContext& ctx);

}  // namespace jobsift

#endif  // JOBSIFT_FIELDS_DATE_H_

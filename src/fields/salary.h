// Salary normaliser: turns the pay a job site printed ("15-25K·13薪",
// "1-1.5万/月", "10-20万/年", "150元/天", "面议") or the pre-split numeric
// columns some exports carry (最低薪资/最高薪资/几薪) into a monthly range in
// yuan plus the number of months paid per year (SPEC §2 "salary").
//
// Not for: currency conversion (everything is CNY), averaging across
// postings (aggregate/), or deciding which column holds the salary (schema/).
// Neighbours: fields/parsed.h (result shape), fields/fold.h (width folding).
//
// Grammar accepted by ParseSalary, after full-width folding (０-９ ． － ～ ／ Ｋ):
//   [月薪|年薪|日薪|时薪|周薪|薪资|工资|薪酬[:]]
//   NUMBER [UNIT] [SEP NUMBER [UNIT]] [BOUND] [[/|每] PERIOD] [BOUND]
//   [[·|*|x|×|,| ] N 薪]
//   UNIT   = k K 千 (x1000) | w W 万 (x10000) | 百 (x100), optionally + 元
//            or 块; or 元 / 块 alone (x1). A bound without its own unit takes the other
//            bound's unit ("10-15K", "1.2-2.2万"); no unit at all means yuan.
//   SEP    = - ~ 至 到 (— – － ～ fold to - ~)
//   BOUND  = 以上 及以上 起 + (at least) | 以下 及以下 以内 (at most)
//   PERIOD = 月 (default) | 年 | 天 日 | 时 小时 | 周 星期
//
// Decisions (each is a documented convention, see SalaryConventions):
//   * Yearly pay is the annual total: monthly = yearly / 12 and months is 12,
//     so Annual() returns the posted figure. A "·N薪" on yearly pay is ignored.
//   * Daily pay x work_days_per_month; hourly pay x work_hours_per_day x
//     work_days_per_month; weekly pay x weeks_per_month.
//   * A single value, "N以上"/"N起" and "N以下" all give min = max = N: the
//     one bound printed is the best point estimate we have.
//   * "·13薪" / "*13薪" / "13薪" sets months (12..24 accepted, else
//     kImplausible); default 12.
//   * A string the grammar rejects that prices a piece of work (7块/单,
//     5-8元/件, 200元/次, 10块一单) -> kPieceRate [salary.piece_rate]: it has
//     no period to convert, so it is unknown, never hourly.
//   * A string the grammar rejects that contains 面议 / 面谈 / 保密 / 待定 /
//     商议 / 协商 (面议, 薪资面议, 薪资面谈, 5000起可面议) -> kNegotiable; never 0.
//   * Monthly pay whose minimum is annual_as_monthly_from or more
//     (150,000-300,000 a month) can only be an annual figure in a monthly
//     column or unit: kImplausible [salary.annual_as_monthly], never summed.
//   * Plausible: min <= max, max <= max_ratio * min, both monthly figures in
//     [min_monthly, max_monthly]; otherwise kImplausible.
//
// Rule ids ("rule" of the result): "salary.<shape>_<period>" with shape in
// range | single | at_least | at_most and period in month | year | day |
// hour | week (e.g. "salary.range_month"); "salary.numbers_range" and
// "salary.numbers_single" for SalaryFromNumbers; for unknowns
// "salary.missing", "salary.negotiable", "salary.piece_rate",
// "salary.unparseable", "salary.implausible_months" (more than 24 or fewer
// than 12), "salary.implausible_order", "salary.implausible_ratio",
// "salary.annual_as_monthly", "salary.implausible_range".
//
// All functions are pure, thread-safe and do not allocate; nothing from the
// input views is kept after a call.
#ifndef JOBSIFT_FIELDS_SALARY_H_
#define JOBSIFT_FIELDS_SALARY_H_

#include <cstdint>
#include <string_view>

#include "fields/parsed.h"

namespace jobsift {

// The period the posted figure is paid per.
enum class PayUnit : uint8_t { kMonth, kYear, kDay, kHour, kWeek };

// "月", "年", "天", "时", "周".
std::string_view PayUnitName(PayUnit unit);

// How non-monthly pay converts to monthly, and what is plausible. Defaults
// are the documented conventions; configuration may override them.
struct SalaryConventions {
  // 月计薪天数: (365 - 104 weekend days) / 12, the statutory basis for
  // converting between daily and monthly pay.
  double work_days_per_month = 21.75;
  double work_hours_per_day = 8.0;
  double weeks_per_month = 52.0 / 12.0;
  // Plausible monthly pay in yuan. 800 sits under every provincial minimum
  // wage but above daily/hourly figures left unconverted as monthly (120,
  // 25); 1,000,000 a month (12M a year) is above every figure in the sample
  // datasets (the largest is 800,000).
  double min_monthly = 800.0;
  double max_monthly = 1'000'000.0;
  double max_ratio = 10.0;  // max <= max_ratio * min
  // A monthly minimum from here up (1.8M a year and more) is an annual
  // figure in a monthly column: in the sample datasets every such value
  // (150,000-300,000 for 人工智能算法工程师, 200,000-210,000 for a Java post)
  // is a plausible annual salary and an implausible monthly one.
  double annual_as_monthly_from = 150'000.0;
  // Numeric monthly columns in yuan sometimes hold unconverted daily or
  // hourly pay (job-hunting-data's BOSS rows: 120 ~ 150, 20 ~ 25). When
  // true, figures whose maximum is below min_monthly are re-read as hourly
  // pay if that maximum is under hourly_below, else as daily pay, each with
  // its own rule id (salary.numbers_reread_hourly / _daily); when false they
  // are implausible.
  bool reread_small_numbers = true;
  double hourly_below = 60.0;

  bool operator==(const SalaryConventions&) const = default;
};

// A monthly pay range in yuan.
struct Salary {
  double monthly_min = 0;
  double monthly_max = 0;
  int months = 12;  // months paid per year: 12, or 13.. from "·13薪"
  PayUnit unit = PayUnit::kMonth;  // the period as posted

  // Annual pay in yuan: midpoint x months.
  double Annual() const { return (monthly_min + monthly_max) / 2.0 * months; }

  bool operator==(const Salary&) const = default;
};

// Parses a posted salary string (see the grammar above). `raw` is already
// trimmed and unwrapped; full-width forms are folded here.
Parsed<Salary> ParseSalary(std::string_view raw, const SalaryConventions& c);

// Builds a monthly salary from pre-split numeric columns, e.g.
// job-hunting-data 最低薪资 "9000.0" / 最高薪资 "18000.0" / 几薪 "13.0" in yuan
// (yuan_per_unit = 1) or liepin 薪酬low "6" / 薪酬high "8" / 几薪 "12" in
// thousands (yuan_per_unit = 1000; 10000 for 万). Both bounds missing ->
// kMissing; a negotiable marker in either -> kNegotiable; one bound missing
// -> min = max = the other; months missing -> 12. Same plausibility checks
// as ParseSalary. The pay period is always a month.
Parsed<Salary> SalaryFromNumbers(std::string_view min, std::string_view max,
                                 std::string_view months,
                                 double yuan_per_unit,
                                 const SalaryConventions& c);

}  // namespace jobsift

#endif  // JOBSIFT_FIELDS_SALARY_H_

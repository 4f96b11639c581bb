#include "fields/salary.h"

#include <array>
#include <cmath>

#include "fields/fold.h"

namespace jobsift {
namespace {

enum class Shape : uint8_t { kRange, kSingle, kAtLeast, kAtMost };

// Rule ids indexed [shape][period]; static strings so results can keep them.
constexpr std::array<std::array<std::string_view, 5>, 4> kRuleIds = {{
    {"salary.range_month", "salary.range_year", "salary.range_day",
     "salary.range_hour", "salary.range_week"},
    {"salary.single_month", "salary.single_year", "salary.single_day",
     "salary.single_hour", "salary.single_week"},
    {"salary.at_least_month", "salary.at_least_year", "salary.at_least_day",
     "salary.at_least_hour", "salary.at_least_week"},
    {"salary.at_most_month", "salary.at_most_year", "salary.at_most_day",
     "salary.at_most_hour", "salary.at_most_week"},
}};

constexpr int kMinMonths = 12;
constexpr int kMaxMonths = 24;

bool HasNegotiableMarker(std::string_view s) {
  return Contains(s, "面议") || Contains(s, "面谈") || Contains(s, "保密") ||
         Contains(s, "待定") || Contains(s, "商议") || Contains(s, "协商");
}

// 7块/单, 5元/件, 200元/次, 10块一单, 每单3元: pay for a piece of work.
bool HasPieceMarker(std::string_view s) {
  for (std::string_view per : {"/", "每", "一"})
    for (std::string_view piece : {"单", "件", "次", "票", "份", "趟"}) {
      size_t at = s.find(per);
      while (at != std::string_view::npos) {
        if (s.substr(at + per.size(), piece.size()) == piece) return true;
        at = s.find(per, at + 1);
      }
    }
  return false;
}

// Consumes an amount unit; returns yuan per unit, or 0 if none is present.
double ConsumeUnit(std::string_view s, size_t* pos) {
  if (*pos >= s.size()) return 0;
  double mult = 0;
  const char ch = s[*pos];
  if (ch == 'k' || ch == 'K') {
    mult = 1000;
    ++*pos;
  } else if (ch == 'w' || ch == 'W') {
    mult = 10000;
    ++*pos;
  } else if (!IsNonAscii(ch)) {
    return 0;
  } else if (ConsumeLiteral(s, pos, "千")) {
    mult = 1000;
  } else if (ConsumeLiteral(s, pos, "万")) {
    mult = 10000;
  } else if (ConsumeLiteral(s, pos, "百")) {
    mult = 100;
  }
  if (*pos < s.size() && IsNonAscii(s[*pos]) &&
      (ConsumeLiteral(s, pos, "元") || ConsumeLiteral(s, pos, "块"))) {
    if (mult == 0) mult = 1;
  }
  return mult;
}

bool ConsumeSeparator(std::string_view s, size_t* pos) {
  size_t p = *pos;
  SkipSpaces(s, &p);
  if (p < s.size() && (s[p] == '-' || s[p] == '~')) {
    ++p;
  } else if (!ConsumeLiteral(s, &p, "至") && !ConsumeLiteral(s, &p, "到")) {
    return false;
  }
  SkipSpaces(s, &p);
  *pos = p;
  return true;
}

// 0 = none, 1 = at least, 2 = at most.
int ConsumeBound(std::string_view s, size_t* pos) {
  if (*pos >= s.size() || (!IsNonAscii(s[*pos]) && s[*pos] != '+')) return 0;
  if (ConsumeLiteral(s, pos, "及以上") || ConsumeLiteral(s, pos, "以上") ||
      ConsumeLiteral(s, pos, "起") || ConsumeLiteral(s, pos, "+")) {
    return 1;
  }
  if (ConsumeLiteral(s, pos, "及以下") || ConsumeLiteral(s, pos, "以下") ||
      ConsumeLiteral(s, pos, "以内")) {
    return 2;
  }
  return 0;
}

bool ConsumePeriodWord(std::string_view s, size_t* pos, PayUnit* unit) {
  if (ConsumeLiteral(s, pos, "月")) {
    *unit = PayUnit::kMonth;
  } else if (ConsumeLiteral(s, pos, "年")) {
    *unit = PayUnit::kYear;
  } else if (ConsumeLiteral(s, pos, "天") || ConsumeLiteral(s, pos, "日")) {
    *unit = PayUnit::kDay;
  } else if (ConsumeLiteral(s, pos, "小时") || ConsumeLiteral(s, pos, "时")) {
    *unit = PayUnit::kHour;
  } else if (ConsumeLiteral(s, pos, "周") || ConsumeLiteral(s, pos, "星期")) {
    *unit = PayUnit::kWeek;
  } else {
    return false;
  }
  return true;
}

// "/月", "每月", "/ 月"; returns false (pos unchanged) when absent or
// malformed.
bool ConsumePeriod(std::string_view s, size_t* pos, PayUnit* unit) {
  size_t p = *pos;
  SkipSpaces(s, &p);
  if (p >= s.size()) return false;
  if (!ConsumeLiteral(s, &p, "/") && !ConsumeLiteral(s, &p, "每")) {
    return false;
  }
  SkipSpaces(s, &p);
  if (!ConsumePeriodWord(s, &p, unit)) return false;
  *pos = p;
  return true;
}

// "·13薪", "*13薪", " 13薪", "13薪"; returns false (pos unchanged) if absent.
bool ConsumeMonths(std::string_view s, size_t* pos, int* months) {
  size_t p = *pos;
  SkipSpaces(s, &p);
  if (p >= s.size()) return false;
  if (!ConsumeLiteral(s, &p, "·") && !ConsumeLiteral(s, &p, "・") &&
      !ConsumeLiteral(s, &p, "•") && !ConsumeLiteral(s, &p, "×") &&
      !ConsumeLiteral(s, &p, "*") && !ConsumeLiteral(s, &p, "x") &&
      !ConsumeLiteral(s, &p, "X") && !ConsumeLiteral(s, &p, ",")) {
    // no separator: a bare "13薪" is fine
  }
  SkipSpaces(s, &p);
  int n = 0;
  if (!ConsumeInt(s, &p, 3, &n)) return false;
  if (!ConsumeLiteral(s, &p, "薪")) return false;
  *months = n;
  *pos = p;
  return true;
}

double ToMonthly(double amount, PayUnit unit, const SalaryConventions& c) {
  switch (unit) {
    case PayUnit::kMonth:
      return amount;
    case PayUnit::kYear:
      return amount / 12.0;
    case PayUnit::kDay:
      return amount * c.work_days_per_month;
    case PayUnit::kHour:
      return amount * c.work_hours_per_day * c.work_days_per_month;
    case PayUnit::kWeek:
      return amount * c.weeks_per_month;
  }
  return amount;
}

// Applies the plausibility rules shared by both entry points.
Parsed<Salary> Check(Salary s, std::string_view rule,
                     const SalaryConventions& c) {
  if (s.months < kMinMonths || s.months > kMaxMonths) {
    return Parsed<Salary>::Fail(Unknown::kImplausible,
                                "salary.implausible_months");
  }
  if (!(s.monthly_min <= s.monthly_max)) {
    return Parsed<Salary>::Fail(Unknown::kImplausible,
                                "salary.implausible_order");
  }
  if (s.monthly_max > c.max_ratio * s.monthly_min) {
    return Parsed<Salary>::Fail(Unknown::kImplausible,
                                "salary.implausible_ratio");
  }
  if (s.unit == PayUnit::kMonth && s.monthly_min >= c.annual_as_monthly_from) {
    return Parsed<Salary>::Fail(Unknown::kImplausible,
                                "salary.annual_as_monthly");
  }
  if (s.monthly_min < c.min_monthly || s.monthly_max > c.max_monthly) {
    return Parsed<Salary>::Fail(Unknown::kImplausible,
                                "salary.implausible_range");
  }
  return Parsed<Salary>::Of(s, rule);
}

Parsed<Salary> Unparseable() {
  return Parsed<Salary>::Fail(Unknown::kUnparseable, "salary.unparseable");
}

}  // namespace

std::string_view PayUnitName(PayUnit unit) {
  switch (unit) {
    case PayUnit::kMonth:
      return "月";
    case PayUnit::kYear:
      return "年";
    case PayUnit::kDay:
      return "天";
    case PayUnit::kHour:
      return "时";
    case PayUnit::kWeek:
      return "周";
  }
  return "?";
}

Parsed<Salary> ParseSalary(std::string_view raw, const SalaryConventions& c) {
  char buf[kFoldBufferSize];
  const std::optional<std::string_view> folded = FoldWidth(raw, buf);
  if (!folded) return Unparseable();
  const std::string_view s = *folded;
  if (IsMissingMarker(s)) {
    return Parsed<Salary>::Fail(Unknown::kMissing, "salary.missing");
  }
  // Off the hot path: only strings that fail the grammar are searched for
  // 面议 and friends ("面议", "5000-8000元/月(可面议)" both end up here).
  auto fail = [&]() {
    if (HasPieceMarker(s)) return Parsed<Salary>::Fail(Unknown::kPieceRate, "salary.piece_rate");
    return HasNegotiableMarker(s)
               ? Parsed<Salary>::Fail(Unknown::kNegotiable, "salary.negotiable")
               : Unparseable();
  };

  size_t pos = 0;
  PayUnit unit = PayUnit::kMonth;
  bool have_period = false;
  // Prefix such as 月薪 / 年薪 / 薪资: the first two also fix the period.
  if (IsNonAscii(s[0])) {
    size_t p = 0;
    PayUnit prefix_unit;
    if (ConsumePeriodWord(s, &p, &prefix_unit) && ConsumeLiteral(s, &p, "薪")) {
      unit = prefix_unit;
      have_period = true;
      pos = p;
    } else {
      p = 0;
      if (ConsumeLiteral(s, &p, "薪资") || ConsumeLiteral(s, &p, "工资") ||
          ConsumeLiteral(s, &p, "薪酬")) {
        pos = p;
      }
    }
    if (pos > 0) {
      ConsumeLiteral(s, &pos, ":");
      SkipSpaces(s, &pos);
    }
  }

  double lo = 0;
  double hi = 0;
  if (!ConsumeDecimal(s, &pos, &lo)) return fail();
  SkipSpaces(s, &pos);
  double lo_unit = ConsumeUnit(s, &pos);
  Shape shape = Shape::kSingle;
  double hi_unit = 0;
  if (ConsumeSeparator(s, &pos)) {
    if (!ConsumeDecimal(s, &pos, &hi)) return fail();
    SkipSpaces(s, &pos);
    hi_unit = ConsumeUnit(s, &pos);
    shape = Shape::kRange;
  } else {
    hi = lo;
  }
  if (lo_unit == 0) lo_unit = hi_unit;
  if (hi_unit == 0) hi_unit = lo_unit;
  if (lo_unit == 0) lo_unit = hi_unit = 1;  // bare numbers are yuan

  SkipSpaces(s, &pos);
  int bound = ConsumeBound(s, &pos);
  PayUnit period;
  if (ConsumePeriod(s, &pos, &period)) {
    if (have_period && period != unit) return fail();
    unit = period;
    have_period = true;
  }
  if (bound == 0) {
    SkipSpaces(s, &pos);
    bound = ConsumeBound(s, &pos);
  }
  if (bound != 0) {
    if (shape == Shape::kRange) return fail();
    shape = bound == 1 ? Shape::kAtLeast : Shape::kAtMost;
  }
  int months = 12;
  ConsumeMonths(s, &pos, &months);
  SkipSpaces(s, &pos);
  if (pos != s.size()) return fail();

  if (unit == PayUnit::kYear) months = 12;  // the figure is the annual total
  Salary out;
  out.monthly_min = ToMonthly(lo * lo_unit, unit, c);
  out.monthly_max = ToMonthly(hi * hi_unit, unit, c);
  out.months = months;
  out.unit = unit;
  return Check(
      out, kRuleIds[static_cast<size_t>(shape)][static_cast<size_t>(unit)], c);
}

namespace {

// Parses one numeric column; false if it is not a plain number.
bool ParseNumberCell(std::string_view s, double* value) {
  size_t pos = 0;
  if (!ConsumeDecimal(s, &pos, value)) return false;
  return pos == s.size();
}

}  // namespace

Parsed<Salary> SalaryFromNumbers(std::string_view min, std::string_view max,
                                 std::string_view months, double yuan_per_unit,
                                 const SalaryConventions& c) {
  char min_buf[kFoldBufferSize];
  char max_buf[kFoldBufferSize];
  char months_buf[kFoldBufferSize];
  const auto fmin = FoldWidth(min, min_buf);
  const auto fmax = FoldWidth(max, max_buf);
  const auto fmonths = FoldWidth(months, months_buf);
  if (!fmin || !fmax || !fmonths) return Unparseable();
  const bool min_missing = IsMissingMarker(*fmin);
  const bool max_missing = IsMissingMarker(*fmax);
  if (min_missing && max_missing) {
    return Parsed<Salary>::Fail(Unknown::kMissing, "salary.missing");
  }
  if ((!min_missing && HasNegotiableMarker(*fmin)) ||
      (!max_missing && HasNegotiableMarker(*fmax))) {
    return Parsed<Salary>::Fail(Unknown::kNegotiable, "salary.negotiable");
  }
  double lo = 0;
  double hi = 0;
  if (!min_missing && !ParseNumberCell(*fmin, &lo)) return Unparseable();
  if (!max_missing && !ParseNumberCell(*fmax, &hi)) return Unparseable();
  std::string_view rule = "salary.numbers_range";
  if (min_missing) {
    lo = hi;
    rule = "salary.numbers_single";
  } else if (max_missing) {
    hi = lo;
    rule = "salary.numbers_single";
  }
  int n_months = 12;
  if (!IsMissingMarker(*fmonths)) {
    double m = 0;
    if (!ParseNumberCell(*fmonths, &m)) return Unparseable();
    if (m != std::floor(m) || m > 1000) {
      return Parsed<Salary>::Fail(Unknown::kImplausible,
                                  "salary.implausible_months");
    }
    n_months = static_cast<int>(m);
  }
  Salary out;
  out.monthly_min = lo * yuan_per_unit;
  out.monthly_max = hi * yuan_per_unit;
  out.months = n_months;
  out.unit = PayUnit::kMonth;
  if (c.reread_small_numbers && yuan_per_unit == 1 && out.monthly_max > 0 && out.monthly_max < c.min_monthly) {
    double per_month = c.work_days_per_month;
    out.unit = PayUnit::kDay;
    rule = "salary.numbers_reread_daily";
    if (out.monthly_max < c.hourly_below) {
      per_month *= c.work_hours_per_day;
      out.unit = PayUnit::kHour;
      rule = "salary.numbers_reread_hourly";
    }
    out.monthly_min *= per_month;
    out.monthly_max *= per_month;
  }
  return Check(out, rule, c);
}

}  // namespace jobsift

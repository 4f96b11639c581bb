#include "fields/date.h"

#include <array>
#include <cstdio>

#include "fields/fold.h"

namespace jobsift {
namespace {

using Result = Parsed<Date>;
using std::string_view_literals::operator""sv;

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30,
                                                31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool IsValid(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
         d <= DaysInMonth(y, m);
}

// Days since 1970-01-01 (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2));
}

Date MakeDate(int y, int m, int d) {
  return Date{static_cast<int16_t>(y), static_cast<int8_t>(m),
              static_cast<int8_t>(d)};
}

// Final checks shared by every form: validity, placeholder, year range.
Result Finish(int y, int m, int d, std::string_view rule,
              const DateContext& ctx) {
  if (!IsValid(y, m, d)) {
    return Result::Fail(Unknown::kUnparseable, "date.invalid");
  }
  if (y == 1970 && m == 1 && d == 1) {
    return Result::Fail(Unknown::kPlaceholder, "date.placeholder");
  }
  if (y < ctx.min_year || y > ctx.max_year) {
    return Result::Fail(Unknown::kImplausible, "date.implausible");
  }
  return Result::Of(MakeDate(y, m, d), rule);
}

Result Unparseable() {
  return Result::Fail(Unknown::kUnparseable, "date.unparseable");
}

Result NeedsReference() {
  return Result::Fail(Unknown::kNeedsReference, "date.needs_reference");
}

Result ShiftDays(const DateContext& ctx, int64_t days_back) {
  if (!ctx.reference) return NeedsReference();
  const Date& r = *ctx.reference;
  int y, m, d;
  CivilFromDays(DaysFromCivil(r.year, r.month, r.day) - days_back, &y, &m, &d);
  return Finish(y, m, d, "date.relative", ctx);
}

Result ShiftMonths(const DateContext& ctx, int months_back) {
  if (!ctx.reference) return NeedsReference();
  const Date& r = *ctx.reference;
  const int total = r.year * 12 + (r.month - 1) - months_back;
  const int y = total / 12;
  const int m = total % 12 + 1;
  const int dim = DaysInMonth(y, m);
  return Finish(y, m, r.day > dim ? dim : r.day, "date.relative", ctx);
}

// "HH:MM[:SS[.fff]][Z|±HH[:]MM]" from `pos` to the end.
bool IsTimeOfDay(std::string_view s, size_t pos) {
  int hh = 0, mm = 0, ss = 0;
  if (!ConsumeInt(s, &pos, 2, &hh) || hh > 24) return false;
  if (!ConsumeLiteral(s, &pos, ":")) return false;
  if (!ConsumeInt(s, &pos, 2, &mm) || mm > 59) return false;
  if (ConsumeLiteral(s, &pos, ":")) {
    if (!ConsumeInt(s, &pos, 2, &ss) || ss > 60) return false;
    if (ConsumeLiteral(s, &pos, ".")) {
      while (pos < s.size() && IsDigit(s[pos])) ++pos;
    }
  }
  SkipSpaces(s, &pos);
  if (pos == s.size()) return true;
  if (s[pos] == 'Z' || s[pos] == 'z') return pos + 1 == s.size();
  if (s[pos] != '+' && s[pos] != '-') return false;
  ++pos;
  int zh = 0, zm = 0;
  if (!ConsumeInt(s, &pos, 2, &zh) || zh > 14) return false;
  ConsumeLiteral(s, &pos, ":");
  if (pos < s.size() && (!ConsumeInt(s, &pos, 2, &zm) || zm > 59)) return false;
  return pos == s.size();
}

// After a complete date: nothing, or a time of day. Sets *with_time.
bool IsDateTail(std::string_view s, size_t pos, bool* with_time) {
  *with_time = false;
  if (pos == s.size()) return true;
  if (s[pos] != ' ' && s[pos] != 'T') return false;
  ++pos;
  SkipSpaces(s, &pos);
  *with_time = true;
  return IsTimeOfDay(s, pos);
}

int CountDigits(std::string_view s, size_t pos) {
  int n = 0;
  while (pos + n < s.size() && IsDigit(s[pos + n])) ++n;
  return n;
}

// YYYY?M?D with one separator kind, or YYYY年M月D日.
Result ParseYearFirst(std::string_view s, const DateContext& ctx) {
  size_t pos = 0;
  int y = 0, m = 0, d = 0;
  ConsumeInt(s, &pos, 4, &y);
  bool chinese = false;
  char sep = 0;
  if (ConsumeLiteral(s, &pos, "年")) {
    chinese = true;
  } else {
    sep = s[pos++];
  }
  SkipSpaces(s, &pos);
  if (!ConsumeInt(s, &pos, 2, &m)) return Unparseable();
  SkipSpaces(s, &pos);
  if (chinese ? !ConsumeLiteral(s, &pos, "月")
              : !(pos < s.size() && s[pos++] == sep)) {
    return Unparseable();
  }
  SkipSpaces(s, &pos);
  if (!ConsumeInt(s, &pos, 2, &d)) return Unparseable();
  if (pos < s.size() && IsDigit(s[pos])) return Unparseable();
  if (chinese && !ConsumeLiteral(s, &pos, "日")) ConsumeLiteral(s, &pos, "号");
  bool with_time = false;
  if (!IsDateTail(s, pos, &with_time)) return Unparseable();
  return Finish(
      y, m, d,
      with_time ? "date.datetime" : (chinese ? "date.chinese" : "date.ymd"),
      ctx);
}

// 1900 date system: serial 1 = 1900-01-01, 60 = the non-existent 1900-02-29
// (Lotus compatibility), 61 = 1900-03-01.
Result FromExcelSerial(std::string_view s, const DateContext& ctx) {
  size_t pos = 0;
  int whole = 0;
  if (!ConsumeInt(s, &pos, 6, &whole)) return Unparseable();
  if (pos < s.size() && s[pos] == '.') {  // the time of day: any precision
    ++pos;
    if (CountDigits(s, pos) == 0) return Unparseable();
    pos += CountDigits(s, pos);
  }
  if (pos != s.size()) return Unparseable();
  if (whole < 1 || whole == 60) return Unparseable();
  const int days_1970 = whole > 60 ? whole - 25569   // 25569 = 1970-01-01
                                   : whole - 25568;  // before the fake leap day
  int y, m, d;
  CivilFromDays(days_1970, &y, &m, &d);
  return Finish(y, m, d, "date.excel_serial", ctx);
}

// M?D with the most recent year that puts it on or before the reference.
Result FromMonthDay(int m, int d, const DateContext& ctx) {
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(2000, m)) {
    return Result::Fail(Unknown::kUnparseable, "date.invalid");
  }
  if (!ctx.reference) return NeedsReference();
  const Date& r = *ctx.reference;
  int y = r.year;
  if (m > r.month || (m == r.month && d > r.day)) --y;
  while (!IsValid(y, m, d)) --y;  // 02-29: the latest leap year, <= 8 steps
  return Finish(y, m, d, "date.month_day", ctx);
}

// "N天前", "N小时前", ...; false when `s` at pos is not such a suffix.
bool ParseAgo(std::string_view s, size_t pos, int n, const DateContext& ctx,
              Result* out) {
  SkipSpaces(s, &pos);
  const std::string_view rest = s.substr(pos);
  if (rest == "天前" || rest == "日前") {
    *out = ShiftDays(ctx, n);
  } else if (rest == "周前" || rest == "星期前") {
    *out = ShiftDays(ctx, 7 * static_cast<int64_t>(n));
  } else if (rest == "个月前" || rest == "月前") {
    *out = ShiftMonths(ctx, n);
  } else if (rest == "小时前" || rest == "分钟前" || rest == "秒前") {
    *out = ShiftDays(ctx, 0);
  } else {
    return false;
  }
  return true;
}

std::string_view StripDecorations(std::string_view s) {
  if (s.empty()) return s;
  if (IsNonAscii(s.front())) {
    for (std::string_view prefix : {"发布于"sv, "更新于"sv, "发布时间:"sv,
                                    "发布日期:"sv, "更新时间:"sv}) {
      if (HasPrefix(s, prefix)) {
        s.remove_prefix(prefix.size());
        break;
      }
    }
  }
  if (!s.empty() && IsNonAscii(s.back())) {
    for (std::string_view suffix : {"发布"sv, "更新"sv}) {
      if (HasSuffix(s, suffix)) {
        s.remove_suffix(suffix.size());
        break;
      }
    }
  }
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

std::string Date::Iso() const {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string Date::QuarterLabel() const {
  return std::to_string(year) + "Q" + std::to_string(Quarter());
}

std::string Date::HalfLabel() const {
  return std::to_string(year) + "H" + std::to_string(Half());
}

Parsed<Date> ParseDate(std::string_view raw, const DateContext& ctx) {
  char buf[kFoldBufferSize];
  const std::optional<std::string_view> folded = FoldWidth(raw, buf);
  if (!folded) return Unparseable();
  if (IsMissingMarker(*folded)) {
    return Result::Fail(Unknown::kMissing, "date.missing");
  }
  const std::string_view s = StripDecorations(*folded);
  if (s.empty()) return Unparseable();

  if (!IsDigit(s[0])) {
    if (s == "刚刚"sv || s == "刚"sv || s == "今天"sv || s == "今日"sv) {
      return ShiftDays(ctx, 0);
    }
    if (s == "昨天"sv || s == "昨日"sv) return ShiftDays(ctx, 1);
    if (s == "前天"sv) return ShiftDays(ctx, 2);
    return Unparseable();
  }

  const int lead = CountDigits(s, 0);
  const size_t after = static_cast<size_t>(lead);
  const bool at_end = after == s.size();
  if (lead == 4 && !at_end &&
      (s[after] == '-' || s[after] == '/' || s[after] == '.' ||
       HasPrefix(s.substr(after), "年"sv))) {
    return ParseYearFirst(s, ctx);
  }
  if (lead == 8) {
    bool with_time = false;
    if (!IsDateTail(s, after, &with_time)) return Unparseable();
    size_t pos = 0;
    int y = 0, m = 0, d = 0;
    ConsumeInt(s, &pos, 4, &y);
    ConsumeInt(s, &pos, 2, &m);
    ConsumeInt(s, &pos, 2, &d);
    return Finish(y, m, d, with_time ? "date.datetime" : "date.compact", ctx);
  }
  if (lead <= 3 && !at_end) {
    size_t pos = 0;
    int n = 0;
    ConsumeInt(s, &pos, 3, &n);
    Result ago;
    if (ParseAgo(s, pos, n, ctx, &ago)) return ago;
    if (lead <= 2) {
      // Month and day: "04-20", "4/20", "4.20", "4月20日".
      bool chinese = false;
      if (ConsumeLiteral(s, &pos, "月")) {
        chinese = true;
      } else if (s[pos] == '-' || s[pos] == '/' || s[pos] == '.') {
        ++pos;
      } else {
        return Unparseable();
      }
      int d = 0;
      if (CountDigits(s, pos) > 2 || !ConsumeInt(s, &pos, 2, &d)) {
        return Unparseable();
      }
      if (chinese && !ConsumeLiteral(s, &pos, "日")) {
        ConsumeLiteral(s, &pos, "号");
      }
      if (pos != s.size()) return Unparseable();
      return FromMonthDay(n, d, ctx);
    }
  }
  if (lead <= 6) return FromExcelSerial(s, ctx);
  return Unparseable();
}

}  // namespace jobsift

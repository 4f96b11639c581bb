#include "fields/experience.h"

#include <array>

#include "fields/fold.h"

namespace jobsift {
namespace {

using Result = Parsed<ExperienceBand>;
using std::string_view_literals::operator""sv;

constexpr double kMaxYears = 60;

ExperienceBand BandOf(double years) {
  if (years < 1) return ExperienceBand::kUnder1;
  if (years < 3) return ExperienceBand::k1To3;
  if (years < 5) return ExperienceBand::k3To5;
  if (years < 10) return ExperienceBand::k5To10;
  return ExperienceBand::k10Plus;
}

// Value of one Chinese digit at `*pos` (零〇一二两三四五六七八九), or -1.
int ConsumeChineseDigit(std::string_view s, size_t* pos) {
  static constexpr std::array<std::string_view, 12> kDigits = {
      "零", "〇", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九"};
  static constexpr std::array<int, 12> kValues = {0, 0, 1, 2, 2, 3,
                                                  4, 5, 6, 7, 8, 9};
  for (size_t k = 0; k < kDigits.size(); ++k) {
    if (ConsumeLiteral(s, pos, kDigits[k])) return kValues[k];
  }
  return -1;
}

// Chinese numerals up to 99: 三, 十, 十二, 二十, 二十五.
bool ConsumeChineseNumber(std::string_view s, size_t* pos, double* value) {
  size_t p = *pos;
  int tens = -1;
  int first = ConsumeChineseDigit(s, &p);
  if (ConsumeLiteral(s, &p, "十")) {
    tens = first < 0 ? 1 : first;
    size_t q = p;
    int unit = ConsumeChineseDigit(s, &q);
    if (unit >= 0) p = q;
    *value = tens * 10 + (unit < 0 ? 0 : unit);
  } else if (first >= 0) {
    *value = first;
  } else {
    return false;
  }
  *pos = p;
  return true;
}

bool ConsumeNumber(std::string_view s, size_t* pos, double* value) {
  return ConsumeDecimal(s, pos, value) || ConsumeChineseNumber(s, pos, value);
}

bool ConsumeRangeSeparator(std::string_view s, size_t* pos) {
  size_t p = *pos;
  SkipSpaces(s, &p);
  if (!ConsumeLiteral(s, &p, "-") && !ConsumeLiteral(s, &p, "~") &&
      !ConsumeLiteral(s, &p, "到") && !ConsumeLiteral(s, &p, "至")) {
    return false;
  }
  SkipSpaces(s, &p);
  *pos = p;
  return true;
}

// 0 none, 1 at least, 2 at most.
int ConsumeBound(std::string_view s, size_t* pos) {
  if (ConsumeLiteral(s, pos, "及以上") || ConsumeLiteral(s, pos, "以上") ||
      ConsumeLiteral(s, pos, "或以上") || ConsumeLiteral(s, pos, "+")) {
    return 1;
  }
  if (ConsumeLiteral(s, pos, "及以下") || ConsumeLiteral(s, pos, "以下") ||
      ConsumeLiteral(s, pos, "以内")) {
    return 2;
  }
  return 0;
}

void ConsumeExperienceWord(std::string_view s, size_t* pos) {
  SkipSpaces(s, pos);
  if (!ConsumeLiteral(s, pos, "工作经验") && !ConsumeLiteral(s, pos, "经验")) {
    ConsumeLiteral(s, pos, "工作");
  }
}

// Drops the words around a "no requirement" marker: 经验不限, 无工作经验,
// 无经验要求, 接受无经验 all reduce to 不限 / 无.
std::string_view StripAffixes(std::string_view s) {
  bool changed = true;
  while (changed) {
    changed = false;
    for (std::string_view prefix : {"经验"sv, "接受"sv}) {
      if (s.size() > prefix.size() && HasPrefix(s, prefix)) {
        s.remove_prefix(prefix.size());
        changed = true;
      }
    }
    for (std::string_view suffix : {"工作经验"sv, "经验"sv, "要求"sv}) {
      if (s.size() > suffix.size() && HasSuffix(s, suffix)) {
        s.remove_suffix(suffix.size());
        changed = true;
      }
    }
  }
  return s;
}

bool IsOtherField(std::string_view s) {
  static constexpr std::array<std::string_view, 14> kWords = {
      "本科", "大专", "专科", "硕士", "博士", "研究生", "高中",
      "中专", "中技", "初中", "学历", "MBA",  "语",     "普通话"};
  for (std::string_view w : kWords) {
    if (Contains(s, w)) return true;
  }
  return false;
}

Result Band(double years, std::string_view rule) {
  if (years > kMaxYears) {
    return Result::Fail(Unknown::kImplausible, "experience.implausible");
  }
  return Result::Of(BandOf(years), rule);
}

// Rule 4: a number followed by years/months words. Returns kUnparseable
// with an empty rule when the text is not of that shape.
Result ParseNumeric(std::string_view s) {
  const Result no_match = Result::Fail(Unknown::kUnparseable);
  size_t pos = 0;
  double n = 0;
  if (!ConsumeNumber(s, &pos, &n)) return no_match;
  SkipSpaces(s, &pos);
  if (pos == s.size()) {
    if (s[0] < '0' || s[0] > '9') return no_match;  // a bare "三"
    if (n == 0) {
      return Result::Of(ExperienceBand::kAny, "experience.numeric_years");
    }
    return Band(n, "experience.numeric_years");
  }
  // Months: "6个月", "6个月以上".
  {
    size_t p = pos;
    if (ConsumeLiteral(s, &p, "个月")) {
      ConsumeBound(s, &p);
      ConsumeExperienceWord(s, &p);
      if (p != s.size()) return no_match;
      return Band(n / 12.0, "experience.months");
    }
  }
  // Range: "3-5年", "一到三年", "3-4年工作经验".
  {
    size_t p = pos;
    double m = 0;
    if (ConsumeRangeSeparator(s, &p) && ConsumeNumber(s, &p, &m)) {
      SkipSpaces(s, &p);
      if (!ConsumeLiteral(s, &p, "年")) return no_match;
      ConsumeExperienceWord(s, &p);
      if (p != s.size()) return no_match;
      if (m < n) {
        return Result::Fail(Unknown::kImplausible, "experience.implausible");
      }
      return Band(n, "experience.range");
    }
  }
  // Lower or upper bound: "3年以上", "3年及以上", "3+年", "5年", "1年以内".
  int bound = ConsumeBound(s, &pos);
  SkipSpaces(s, &pos);
  if (!ConsumeLiteral(s, &pos, "年")) return no_match;
  if (bound == 0) bound = ConsumeBound(s, &pos);
  ConsumeExperienceWord(s, &pos);
  if (bound == 0) bound = ConsumeBound(s, &pos);
  if (pos != s.size()) return no_match;
  if (bound == 2) {
    // The band of values just below n.
    if (n <= 1) {
      return Result::Of(ExperienceBand::kUnder1, "experience.at_most");
    }
    if (n <= 3) return Result::Of(ExperienceBand::k1To3, "experience.at_most");
    if (n <= 5) return Result::Of(ExperienceBand::k3To5, "experience.at_most");
    if (n <= 10) {
      return Result::Of(ExperienceBand::k5To10, "experience.at_most");
    }
    return Band(n, "experience.at_most");
  }
  if (n == 0) return Result::Of(ExperienceBand::kAny, "experience.at_least");
  return Band(n, "experience.at_least");
}

}  // namespace

std::string_view ExperienceBandName(ExperienceBand band) {
  switch (band) {
    case ExperienceBand::kUnder1:
      return "1年以下";
    case ExperienceBand::k1To3:
      return "1-3年";
    case ExperienceBand::k3To5:
      return "3-5年";
    case ExperienceBand::k5To10:
      return "5-10年";
    case ExperienceBand::k10Plus:
      return "10年以上";
    case ExperienceBand::kAny:
      return "不限";
  }
  return "?";
}

Parsed<ExperienceBand> ParseExperience(std::string_view raw) {
  char buf[kFoldBufferSize];
  const std::optional<std::string_view> folded = FoldWidth(raw, buf);
  if (!folded) {
    return Result::Fail(Unknown::kUnparseable, "experience.unparseable");
  }
  const std::string_view s = *folded;
  if (IsMissingMarker(s)) {
    return Result::Fail(Unknown::kMissing, "experience.missing");
  }
  if (IsDigit(s[0])) {  // hot path: "3", "3-5年", "3年以上"
    Result numeric = ParseNumeric(s);
    if (numeric.ok() || numeric.reason == Unknown::kImplausible) return numeric;
  }
  const std::string_view core = StripAffixes(s);
  for (std::string_view any :
       {"不限"sv, "无"sv, "无需"sv, "不要求"sv, "无要求"sv}) {
    if (core == any) return Result::Of(ExperienceBand::kAny, "experience.any");
  }
  if (Contains(s, "应届") || Contains(s, "在校") || Contains(s, "实习") ||
      Contains(s, "毕业生")) {
    return Result::Of(ExperienceBand::kUnder1, "experience.student");
  }
  Result numeric = ParseNumeric(s);
  if (numeric.ok() || numeric.reason == Unknown::kImplausible) return numeric;
  if (IsOtherField(s)) {
    return Result::Fail(Unknown::kNotThisField, "experience.not_this_field");
  }
  return Result::Fail(Unknown::kUnparseable, "experience.unparseable");
}

}  // namespace jobsift

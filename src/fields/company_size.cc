#include "fields/company_size.h"

#include <array>

#include "fields/fold.h"

namespace jobsift {
namespace {

using Result = Parsed<CompanySizeBand>;

// Lower edge of each report band; the last band is open.
constexpr std::array<double, 4> kBandStart = {0, 100, 500, 10000};
constexpr std::array<CompanySizeBand, 4> kBands = {
    CompanySizeBand::kUnder100, CompanySizeBand::k100To500,
    CompanySizeBand::k500To10000, CompanySizeBand::k10000Plus};
// Head counts beyond this are not a company size.
constexpr double kMaxHeadcount = 10'000'000;

CompanySizeBand BandContaining(double n) {
  size_t k = kBands.size() - 1;
  while (k > 0 && n < kBandStart[k]) --k;
  return kBands[k];
}

// The band holding most integers of [lo, hi]; ties go to the smaller band.
CompanySizeBand BandOfRange(double lo, double hi) {
  size_t best = 0;
  double best_count = -1;
  for (size_t k = 0; k < kBands.size(); ++k) {
    const double band_lo = kBandStart[k];
    const double band_hi =
        k + 1 < kBands.size() ? kBandStart[k + 1] - 1 : kMaxHeadcount;
    const double from = lo > band_lo ? lo : band_lo;
    const double to = hi < band_hi ? hi : band_hi;
    const double count = to >= from ? to - from + 1 : 0;
    if (count > best_count) {
      best_count = count;
      best = k;
    }
  }
  return kBands[best];
}

// 少于N人 / 大于N人: 2 = under, 1 = at least, 0 = none.
int ConsumePrefixBound(std::string_view s, size_t* pos) {
  if (ConsumeLiteral(s, pos, "少于") || ConsumeLiteral(s, pos, "小于") ||
      ConsumeLiteral(s, pos, "不足") || ConsumeLiteral(s, pos, "不到")) {
    return 2;
  }
  if (ConsumeLiteral(s, pos, "大于") || ConsumeLiteral(s, pos, "超过") ||
      ConsumeLiteral(s, pos, "多于")) {
    return 1;
  }
  return 0;
}

// A count: digits (with fraction) and an optional 千/万 multiplier.
bool ConsumeCount(std::string_view s, size_t* pos, double* n) {
  if (!ConsumeDecimal(s, pos, n)) return false;
  if (*pos >= s.size() || !IsNonAscii(s[*pos])) return true;
  if (ConsumeLiteral(s, pos, "万")) {
    *n *= 10000;
  } else if (ConsumeLiteral(s, pos, "千")) {
    *n *= 1000;
  }
  return true;
}

bool HasDigit(std::string_view s) {
  for (char ch : s) {
    if (IsDigit(ch)) return true;
  }
  return false;
}

Result Unparseable() {
  return Result::Fail(Unknown::kUnparseable, "company_size.unparseable");
}

Result Implausible() {
  return Result::Fail(Unknown::kImplausible, "company_size.implausible");
}

}  // namespace

std::string_view CompanySizeBandName(CompanySizeBand band) {
  switch (band) {
    case CompanySizeBand::kUnder100:
      return "100人以下";
    case CompanySizeBand::k100To500:
      return "100-500人";
    case CompanySizeBand::k500To10000:
      return "500-10000人";
    case CompanySizeBand::k10000Plus:
      return "10000人以上";
  }
  return "?";
}

Parsed<CompanySizeBand> ParseCompanySize(std::string_view raw) {
  char buf[kFoldBufferSize];
  const std::optional<std::string_view> folded = FoldWidth(raw, buf);
  if (!folded) return Unparseable();
  const std::string_view s = *folded;
  if (IsMissingMarker(s)) {
    return Result::Fail(Unknown::kMissing, "company_size.missing");
  }
  if (!HasDigit(s)) {
    if (s.ends_with("人") || Contains(s, "人数") || Contains(s, "规模") ||
        Contains(s, "员工")) {
      return Unparseable();
    }
    return Result::Fail(Unknown::kNotThisField, "company_size.not_this_field");
  }

  size_t pos = 0;
  int prefix_bound = 0;  // 1 at least, 2 under
  if (IsNonAscii(s[0])) {
    if (ConsumeLiteral(s, &pos, "规模")) {
      ConsumeLiteral(s, &pos, ":");
      SkipSpaces(s, &pos);
    }
    prefix_bound = ConsumePrefixBound(s, &pos);
  }
  double lo = 0;
  if (!ConsumeCount(s, &pos, &lo)) return Unparseable();
  double hi = lo;
  bool range = false;
  {
    size_t p = pos;
    ConsumeLiteral(s, &p, "人");
    SkipSpaces(s, &p);
    bool separator = false;
    if (p < s.size() && (s[p] == '-' || s[p] == '~')) {
      ++p;
      separator = true;
    } else {
      separator = ConsumeLiteral(s, &p, "至") || ConsumeLiteral(s, &p, "到");
    }
    if (separator) {
      SkipSpaces(s, &p);
      if (!ConsumeCount(s, &p, &hi)) return Unparseable();
      range = true;
      pos = p;
    }
  }
  int suffix_bound = 0;
  if (ConsumeLiteral(s, &pos, "+")) suffix_bound = 1;
  ConsumeLiteral(s, &pos, "人");
  if (ConsumeLiteral(s, &pos, "及以上") || ConsumeLiteral(s, &pos, "以上") ||
      ConsumeLiteral(s, &pos, "+")) {
    suffix_bound = 1;
  } else if (ConsumeLiteral(s, &pos, "以下") ||
             ConsumeLiteral(s, &pos, "以内")) {
    suffix_bound = 2;
  }
  ConsumeLiteral(s, &pos, "人");
  if (pos != s.size()) return Unparseable();
  if (prefix_bound != 0 && suffix_bound != 0) return Unparseable();
  const int bound = prefix_bound != 0 ? prefix_bound : suffix_bound;
  if (range && bound != 0) return Unparseable();

  if (lo > kMaxHeadcount || hi > kMaxHeadcount) return Implausible();
  if (range) {
    if (hi < lo) return Implausible();
    return Result::Of(BandOfRange(lo, hi), "company_size.range");
  }
  if (bound == 1) {
    return Result::Of(BandContaining(lo), "company_size.at_least");
  }
  if (bound == 2) {
    if (lo < 1) return Implausible();
    return Result::Of(BandOfRange(0, lo - 1), "company_size.under");
  }
  return Result::Of(BandContaining(lo), "company_size.headcount");
}

}  // namespace jobsift

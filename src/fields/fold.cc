#include "fields/fold.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace jobsift {

namespace {

// Lead bytes of every sequence FoldWidth rewrites: C2 (NBSP), E2 (dashes,
// minus), E3 (ideographic space, wave dash), EF (full-width forms).
constexpr std::array<bool, 256> MakeFoldLeads() {
  std::array<bool, 256> t{};
  t[0xC2] = t[0xE2] = t[0xE3] = t[0xEF] = true;
  return t;
}
constexpr std::array<bool, 256> kFoldLead = MakeFoldLeads();

}  // namespace

std::optional<std::string_view> FoldWidth(std::string_view raw,
                                          std::span<char> buf) {
  if (raw.size() > buf.size()) return std::nullopt;
  const auto* in = reinterpret_cast<const unsigned char*>(raw.data());
  const size_t n = raw.size();
  // Fast path: most values need no folding; copy them in one go.
  size_t first = 0;
  while (first < n && !kFoldLead[in[first]]) ++first;
  if (first == n) return raw;
  std::copy(raw.begin(), raw.begin() + first, buf.begin());
  char* out = buf.data();
  size_t o = first;
  size_t i = first;
  while (i < n) {
    const unsigned char c = in[i];
    if (c < 0x80) {
      out[o++] = static_cast<char>(c);
      ++i;
      continue;
    }
    if (c == 0xC2 && i + 1 < n && in[i + 1] == 0xA0) {  // U+00A0 NBSP
      out[o++] = ' ';
      i += 2;
      continue;
    }
    if (i + 2 < n) {
      const unsigned char c1 = in[i + 1];
      const unsigned char c2 = in[i + 2];
      // U+FF01..U+FF3F = EF BC 81..BF, U+FF40..U+FF5E = EF BD 80..9E.
      if (c == 0xEF && c1 == 0xBC && c2 >= 0x81 && c2 <= 0xBF) {
        out[o++] = static_cast<char>(c2 - 0x81 + 0x21);
        i += 3;
        continue;
      }
      if (c == 0xEF && c1 == 0xBD && c2 >= 0x80 && c2 <= 0x9E) {
        out[o++] = static_cast<char>(c2 - 0x80 + 0x60);
        i += 3;
        continue;
      }
      if (c == 0xE3 && c1 == 0x80 && c2 == 0x80) {  // U+3000
        out[o++] = ' ';
        i += 3;
        continue;
      }
      if (c == 0xE3 && c1 == 0x80 && c2 == 0x9C) {  // U+301C 〜
        out[o++] = '~';
        i += 3;
        continue;
      }
      if ((c == 0xE2 && c1 == 0x80 && c2 >= 0x90 && c2 <= 0x95) ||  // ‐..―
          (c == 0xE2 && c1 == 0x88 && c2 == 0x92) ||                // −
          (c == 0xEF && c1 == 0xB9 && c2 == 0xA3)) {                // ﹣
        out[o++] = '-';
        i += 3;
        continue;
      }
    }
    out[o++] = static_cast<char>(c);
    ++i;
  }
  size_t begin = 0;
  while (begin < o && out[begin] == ' ') ++begin;
  while (o > begin && out[o - 1] == ' ') --o;
  return std::string_view(out + begin, o - begin);
}

bool IsMissingMarker(std::string_view folded) {
  if (folded.empty()) return true;
  if (folded.size() > 9) return false;
  switch (folded[0]) {  // cheap reject: the first bytes of the markers below
    case '-':
    case '/':
    case '[':
    case 'N':
    case 'n':
    case '\xE6':
      break;
    default:
      return false;
  }
  static constexpr std::array<std::string_view, 14> kMarkers = {
      "",     "-",    "--",  "/",   "[]",  "None", "none",
      "null", "NULL", "nan", "NaN", "N/A", "n/a",  "无数据"};
  for (std::string_view m : kMarkers) {
    if (folded == m) return true;
  }
  return false;
}

bool ConsumeDecimal(std::string_view s, size_t* pos, double* value) {
  size_t i = *pos;
  uint64_t mantissa = 0;
  int digits = 0;
  int int_digits = 0;
  while (i < s.size()) {
    if (IsDigit(s[i])) {
      mantissa = mantissa * 10 + static_cast<uint64_t>(s[i] - '0');
      ++digits;
      ++int_digits;
      ++i;
    } else if (s[i] == ',' && int_digits > 0 && i + 3 < s.size() &&
               IsDigit(s[i + 1]) && IsDigit(s[i + 2]) && IsDigit(s[i + 3]) &&
               (i + 4 >= s.size() || !IsDigit(s[i + 4]))) {
      ++i;  // thousands separator: exactly three digits follow
    } else {
      break;
    }
  }
  if (int_digits == 0) return false;
  int frac_digits = 0;
  if (i + 1 < s.size() && s[i] == '.' && IsDigit(s[i + 1])) {
    ++i;
    while (i < s.size() && IsDigit(s[i])) {
      mantissa = mantissa * 10 + static_cast<uint64_t>(s[i] - '0');
      ++digits;
      ++frac_digits;
      ++i;
    }
  }
  if (digits > 15) return false;
  static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3, 1e4,  1e5,
                                      1e6,  1e7,  1e8,  1e9, 1e10, 1e11,
                                      1e12, 1e13, 1e14, 1e15};
  *value = frac_digits == 0
               ? static_cast<double>(mantissa)
               : static_cast<double>(mantissa) / kPow10[frac_digits];
  *pos = i;
  return true;
}

}  // namespace jobsift

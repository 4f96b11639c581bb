// Text helpers shared by the field normalisers (salary, experience, degree,
// company size, date): folding the full-width and look-alike forms that
// Chinese job sites print (１５－２５Ｋ, ３年以上, ２０２３／０１／０２, 8千—1.2万)
// to plain ASCII, recognising "missing" markers, and small allocation-free
// scanners for numbers and UTF-8 literals.
//
// Not for: whitespace trimming or unwrapping of Python list literals (the
// reader does that before a field parser runs), case folding of words, or
// general Unicode normalisation (see text/normalize for descriptions).
#ifndef JOBSIFT_FIELDS_FOLD_H_
#define JOBSIFT_FIELDS_FOLD_H_

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace jobsift {

// Field values longer than this are not short field strings; the parsers
// declare a stack buffer of this size and treat longer input as unparseable.
inline constexpr size_t kFoldBufferSize = 128;

// Folds `raw` into `buf`:
//   U+FF01..U+FF5E (！..～, incl. ０-９ ． － ／ ， ： ｋ Ｋ) -> ASCII 0x21..0x7E
//   U+3000 ideographic space, U+00A0 NBSP                 -> ' '
//   U+2010..U+2015 hyphens/dashes (— –), U+2212 minus,
//   U+FE63 small hyphen                                   -> '-'
//   U+301C wave dash 〜                                    -> '~'
// and drops leading/trailing ASCII spaces produced by folding. Everything
// else (Chinese text, ·, invalid UTF-8) is copied byte for byte. The output
// is never longer than the input. Returns `raw` itself when nothing needs
// folding (the common case, no copy), else a view into `buf`; nullopt when
// `raw` is longer than `buf`. Pure and thread-safe; the result is valid while
// both `raw` and `buf` are.
std::optional<std::string_view> FoldWidth(std::string_view raw,
                                          std::span<char> buf);

// True for the spellings of "no value" seen in exported datasets, compared
// on already-folded text: "", "-", "--", "/", "[]", "None", "none", "null",
// "NULL", "nan", "NaN", "N/A", "n/a", "无数据".
bool IsMissingMarker(std::string_view folded);

// True when `s` contains `needle` (byte-wise; fine for UTF-8 literals).
inline bool Contains(std::string_view s, std::string_view needle) {
  return s.find(needle) != std::string_view::npos;
}

// Byte-loop prefix/suffix tests for short literals (see ConsumeLiteral).
inline bool HasPrefix(std::string_view s, std::string_view lit) {
  if (s.size() < lit.size()) return false;
  for (size_t k = 0; k < lit.size(); ++k) {
    if (s[k] != lit[k]) return false;
  }
  return true;
}
inline bool HasSuffix(std::string_view s, std::string_view lit) {
  if (s.size() < lit.size()) return false;
  const size_t off = s.size() - lit.size();
  for (size_t k = 0; k < lit.size(); ++k) {
    if (s[off + k] != lit[k]) return false;
  }
  return true;
}

// True for a byte of a multi-byte UTF-8 sequence (any Chinese character).
inline bool IsNonAscii(char c) {
  return (static_cast<unsigned char>(c) & 0x80) != 0;
}

// If `s` at `*pos` starts with `lit`, advances `*pos` past it and returns
// true; otherwise leaves `*pos` alone.
// (A byte loop rather than starts_with: the literals are 1-9 bytes and a
// libc memcmp call per probe dominated the parsers' profile.)
inline bool ConsumeLiteral(std::string_view s, size_t* pos,
                           std::string_view lit) {
  const size_t p = *pos;
  if (p > s.size() || s.size() - p < lit.size()) return false;
  for (size_t k = 0; k < lit.size(); ++k) {
    if (s[p + k] != lit[k]) return false;
  }
  *pos = p + lit.size();
  return true;
}

// Skips ASCII spaces at `*pos`.
inline void SkipSpaces(std::string_view s, size_t* pos) {
  while (*pos < s.size() && s[*pos] == ' ') ++*pos;
}

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Parses an unsigned decimal number at `*pos`: digits, optionally grouped by
// ',' in threes ("10,000"), with an optional fraction (".5"). On success
// stores the value, advances `*pos` and returns true; a lone '.' or a number
// with more than 15 significant digits is rejected and `*pos` is unchanged.
bool ConsumeDecimal(std::string_view s, size_t* pos, double* value);

// Parses 1..`max_digits` ASCII digits at `*pos` as an int (no sign, no
// fraction). On success advances `*pos` and returns true.
inline bool ConsumeInt(std::string_view s, size_t* pos, int max_digits,
                       int* value) {
  size_t i = *pos;
  int v = 0;
  int digits = 0;
  while (i < s.size() && IsDigit(s[i]) && digits < max_digits) {
    v = v * 10 + (s[i] - '0');
    ++digits;
    ++i;
  }
  if (digits == 0) return false;
  *value = v;
  *pos = i;
  return true;
}

}  // namespace jobsift

#endif  // JOBSIFT_FIELDS_FOLD_H_

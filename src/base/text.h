// Small string utilities shared by every stage: trimming what real job sites
// pad cells with (ASCII space, NBSP U+00A0, ideographic space U+3000),
// unwrapping Python list literals (`['1-1.5万/月']`), UTF-8 validation and
// repair, and escaping for one-line TSV output, JSON and HTML.
//
// Not for: field semantics (see fields/) or HTML (see text normalisation).
#ifndef JOBSIFT_BASE_TEXT_H_
#define JOBSIFT_BASE_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jobsift {

// Removes leading and trailing ASCII whitespace, U+00A0 and U+3000.
// Returns a view into `s`.
std::string_view TrimCell(std::string_view s);

// If `s` is a Python list literal of strings, writes its items joined by ","
// to `out` and returns true: `['a']` -> "a", `['a', 'b']` -> "a,b",
// `[]` -> "". Items are trimmed as by TrimCell. Returns false (and leaves
// `out` alone) for anything else, including `[1, 2]` and `[abc]`.
bool UnwrapListLiteral(std::string_view s, std::string& out);

// True when `s` is entirely valid UTF-8.
bool IsValidUtf8(std::string_view s);

// Appends `s` to `out` with each invalid UTF-8 sequence replaced by U+FFFD.
// Returns how many bytes of `s` were invalid (the reader rejects a row when
// they are more than a quarter of it).
size_t AppendRepairedUtf8(std::string_view s, std::string& out);

// Appends `s` with \t \n \r \\ and other control bytes escaped so that it
// fits on one TSV line.
void AppendTsvEscaped(std::string_view s, std::string& out);

// Appends `s` as one CSV field: as is, or quoted with "" for each quote when
// it holds a comma, a quote, CR or LF.
void AppendCsvField(std::string_view s, std::string& out);

// Appends `s` as a JSON string literal (with quotes).
void AppendJsonString(std::string_view s, std::string& out);
// The same, or null when `s` is empty (a value that is not set).
void AppendJsonStringOrNull(std::string_view s, std::string& out);

// Appends {"name":count,...} for (name, count) pairs, in their order.
template <class Pairs>
void AppendJsonCounts(const Pairs& counts, std::string& out) {
  out += "{";
  bool first = true;
  for (const auto& [name, n] : counts) {
    if (!first) out += ",";
    first = false;
    AppendJsonString(name, out);
    out += ":" + std::to_string(n);
  }
  out += "}";
}

// Appends `s` with & < > " ' as character references: safe as HTML text
// and inside a quoted attribute value.
void AppendHtmlEscaped(std::string_view s, std::string& out);

// ASCII lower-case copy.
std::string AsciiLower(std::string_view s);

// The first `shown` of `items` joined by `sep` ("a, b, c").
std::string JoinFirst(const std::vector<std::string>& items, std::string_view sep, size_t shown = SIZE_MAX);

// Splits `s` at every `sep`; "a\t\tb" gives {"a", "", "b"}. Views into `s`.
std::vector<std::string_view> SplitOn(std::string_view s, char sep);

bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);

}  // namespace jobsift

#endif  // JOBSIFT_BASE_TEXT_H_

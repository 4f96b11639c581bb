#include "fields/industry.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <optional>
#include <span>
#include <sstream>
#include <utility>

#include "base/text.h"
#include "fields/fold.h"

namespace jobsift {
namespace {

constexpr std::string_view kRuleMissing = "industry.missing";
constexpr std::string_view kRuleLabel = "industry.label";
constexpr std::string_view kRuleFirstLabel = "industry.first_label";
constexpr std::string_view kRuleLabelRun = "industry.label_run";
constexpr std::string_view kRuleNotIndustry = "industry.not_industry";
constexpr std::string_view kRuleUnparseable = "industry.unparseable";
constexpr std::string_view kRuleTooLong = "industry.too_long";

constexpr std::string_view kNotIndustryTarget = "-";

// Rule 0 after FoldWidth, in place on `text`: ASCII lower case, '/'
// dropped, tab/CR/LF -> space, runs of spaces -> one, trimmed. Returns the
// folded prefix of `text`.
std::string_view FinishFold(std::span<char> text) {
  char* out = text.data();
  size_t o = 0;
  for (char c : text) {
    if (c == '/') continue;
    if (c == '\t' || c == '\r' || c == '\n') c = ' ';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == ' ' && (o == 0 || out[o - 1] == ' ')) continue;
    out[o++] = c;
  }
  while (o > 0 && out[o - 1] == ' ') --o;
  return std::string_view(out, o);
}

// Folds `raw` into `buf` (rule 0) and says whether it is a missing marker.
// nullopt when `raw` does not fit. FoldWidth may answer with a view of `raw`
// itself when nothing needs folding, so its result is moved into `buf`
// before the in-place pass.
std::optional<std::string_view> FoldLabel(std::string_view raw,
                                          std::span<char> buf,
                                          bool* missing_marker) {
  std::optional<std::string_view> wide = FoldWidth(raw, buf);
  if (!wide) return std::nullopt;
  std::string_view trimmed = *wide;
  while (!trimmed.empty() && trimmed.front() == ' ') trimmed.remove_prefix(1);
  while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
  // "/" and "N/A" are markers only before '/' is dropped.
  *missing_marker = IsMissingMarker(trimmed);
  if (!trimmed.empty()) std::memmove(buf.data(), trimmed.data(), trimmed.size());
  std::string_view key = FinishFold(buf.first(trimmed.size()));
  if (!*missing_marker) *missing_marker = IsMissingMarker(key);
  return key;
}

// Byte length of the separator starting at `pos` of a folded value, or 0:
// , ; | space, 、 (U+3001) and 丨 (U+4E28, 拉勾's look-alike of |).
// (，；｜ were folded to ASCII already.)
size_t SeparatorLen(std::string_view s, size_t pos) {
  const auto c = static_cast<unsigned char>(s[pos]);
  if (c == ',' || c == ';' || c == '|' || c == ' ') return 1;
  if ((c == 0xE3 || c == 0xE4) && pos + 2 < s.size()) {
    const auto c1 = static_cast<unsigned char>(s[pos + 1]);
    const auto c2 = static_cast<unsigned char>(s[pos + 2]);
    if ((c == 0xE3 && c1 == 0x80 && c2 == 0x81) ||  // 、 U+3001
        (c == 0xE4 && c1 == 0xB8 && c2 == 0xA8)) {  // 丨 U+4E28
      return 3;
    }
  }
  return 0;
}

// The separators of a folded value that lie outside (ASCII, already folded)
// parentheses, as (position, length) in ascending order, followed by a
// zero-length stop at the end of the value. A piece runs from one stop (plus
// its length) to the next; a label may only end at a stop.
struct Stops {
  std::array<uint16_t, kMaxIndustryBytes + 1> pos;
  std::array<uint8_t, kMaxIndustryBytes + 1> len;
  size_t n = 0;
};

void FindStops(std::string_view s, Stops* stops) {
  int depth = 0;
  stops->n = 0;
  for (size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (depth > 0) --depth;
    } else if (depth == 0) {
      if (const size_t sep = SeparatorLen(s, i); sep > 0) {
        stops->pos[stops->n] = static_cast<uint16_t>(i);
        stops->len[stops->n] = static_cast<uint8_t>(sep);
        ++stops->n;
        i += sep;
        continue;
      }
    }
    ++i;
  }
  stops->pos[stops->n] = static_cast<uint16_t>(s.size());
  stops->len[stops->n] = 0;
  ++stops->n;
}

bool HasAsciiDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return IsDigit(c); });
}

// 500-1000人, 少于50人, 10000人以上, 0-20人: a company head-count band.
bool IsHeadcount(std::string_view piece) {
  if (!HasAsciiDigit(piece)) return false;
  for (std::string_view suffix :
       {"人", "人以上", "人以下", "人以内", "人及以上"}) {
    if (piece.ends_with(suffix)) return true;
  }
  return false;
}

// a轮, b+轮, pre-a轮, d轮及以上, 轮 (猎聘's truncated stage), 未融资,
// 不需要融资, 战略融资: a funding stage. Exact labels that end the same way
// (齿轮, 投资/融资) are looked up before this is asked.
bool IsFundingStage(std::string_view piece) {
  return piece.ends_with("轮") || piece.ends_with("轮及以上") ||
         piece.ends_with("融资");
}

std::string Trim(std::string_view s) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

// Reads `path` and calls `on_line(line_no, line)` for every line that is not
// empty or a '#' comment; stops at the first error `on_line` returns.
template <class OnLine>
Status ForEachDataLine(const std::string& path, OnLine on_line) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return IoError(path + ": read failed");
  const std::string all = text.str();
  std::string_view rest = all;
  int line_no = 0;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest =
        nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    ++line_no;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
    if (line.empty() || line.front() == '#') continue;
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    JOBSIFT_RETURN_IF_ERROR(on_line(line_no, line));
  }
  return Status::Ok();
}

}  // namespace

Status IndustryTable::AddLabel(std::string_view raw_label, Target target,
                               const std::string& where, Origins* origins) {
  std::array<char, kMaxIndustryBytes> buf;
  bool missing = false;
  std::optional<std::string_view> key = FoldLabel(raw_label, buf, &missing);
  if (!key) {
    return InvalidArgument(where + ": label '" + std::string(raw_label) +
                           "' is longer than " +
                           std::to_string(kMaxIndustryBytes) + " bytes");
  }
  if (missing || key->empty()) {
    return InvalidArgument(where + ": label '" + std::string(raw_label) +
                           "' folds to a missing-value marker");
  }
  auto it = labels_.find(*key);
  if (it != labels_.end()) {
    if (it->second == target) return Status::Ok();
    auto name = [this](Target t) {
      return t == kNotIndustry ? std::string(kNotIndustryTarget)
                               : canonical_[static_cast<size_t>(t)];
    };
    return InvalidArgument(where + ": label '" + std::string(raw_label) +
                           "' folds to the same key as the label at " +
                           origins->find(*key)->second + ", which maps to '" +
                           name(it->second) + "', not '" + name(target) + "'");
  }
  labels_.emplace(std::string(*key), target);
  origins->emplace(std::string(*key), where);
  if (std::find(key_lengths_.begin(), key_lengths_.end(), key->size()) ==
      key_lengths_.end()) {
    key_lengths_.push_back(key->size());
  }
  max_key_bytes_ = std::max(max_key_bytes_, key->size());
  return Status::Ok();
}

StatusOr<IndustryTable> IndustryTable::Load(const std::string& industries_path,
                                            const std::string& aliases_path) {
  IndustryTable table;
  Origins origins;

  Status st = ForEachDataLine(
      industries_path, [&](int line_no, std::string_view line) -> Status {
        const std::string where =
            industries_path + ":" + std::to_string(line_no);
        std::vector<std::string_view> fields = SplitOn(line, '\t');
        if (fields.size() != 3) {
          return InvalidArgument(
              where +
              ": expected 3 TAB-separated columns (name, basis, "
              "scope), got " +
              std::to_string(fields.size()));
        }
        std::string name = Trim(fields[0]);
        if (name.empty()) return InvalidArgument(where + ": empty name");
        if (name == kNotIndustryTarget) {
          return InvalidArgument(where +
                                 ": '-' is reserved for non-industries");
        }
        if (std::find(table.canonical_.begin(), table.canonical_.end(), name) !=
            table.canonical_.end()) {
          return InvalidArgument(where + ": duplicate industry '" + name + "'");
        }
        if (table.canonical_.size() >= 0x7FFF) {
          return InvalidArgument(where + ": too many industries");
        }
        table.canonical_.push_back(name);
        return table.AddLabel(name,
                              static_cast<Target>(table.canonical_.size() - 1),
                              where, &origins);
      });
  if (!st.ok()) return st;
  if (table.canonical_.empty()) {
    return InvalidArgument(industries_path + ": no industries");
  }

  std::unordered_map<std::string, int> alias_lines;
  st = ForEachDataLine(
      aliases_path, [&](int line_no, std::string_view line) -> Status {
        const std::string where = aliases_path + ":" + std::to_string(line_no);
        std::vector<std::string_view> fields = SplitOn(line, '\t');
        if (fields.size() != 2 && fields.size() != 3) {
          return InvalidArgument(
              where +
              ": expected 2 or 3 TAB-separated columns (label, "
              "industry, source), got " +
              std::to_string(fields.size()));
        }
        std::string label = Trim(fields[0]);
        std::string industry = Trim(fields[1]);
        if (label.empty()) return InvalidArgument(where + ": empty label");
        auto [seen, inserted] = alias_lines.emplace(label, line_no);
        if (!inserted) {
          return InvalidArgument(where + ": duplicate alias '" + label +
                                 "' (first on line " +
                                 std::to_string(seen->second) + ")");
        }
        Target target = kNotIndustry;
        if (industry != kNotIndustryTarget) {
          auto it = std::find(table.canonical_.begin(), table.canonical_.end(),
                              industry);
          if (it == table.canonical_.end()) {
            return InvalidArgument(where + ": unknown industry '" + industry +
                                   "' (not in " + industries_path + ")");
          }
          target = static_cast<Target>(it - table.canonical_.begin());
        }
        return table.AddLabel(label, target, where, &origins);
      });
  if (!st.ok()) return st;

  std::sort(table.key_lengths_.begin(), table.key_lengths_.end(),
            std::greater<>());
  return table;
}

const IndustryTable::Target* IndustryTable::Find(std::string_view key) const {
  auto it = labels_.find(key);
  return it == labels_.end() ? nullptr : &it->second;
}

size_t IndustryTable::LongestLabelAt(std::string_view s, size_t pos,
                                     Target* target) const {
  const size_t left = s.size() - pos;
  for (size_t len : key_lengths_) {
    if (len > left) continue;
    if (const Target* t = Find(s.substr(pos, len))) {
      *target = *t;
      return len;
    }
  }
  return 0;
}

bool IndustryTable::LabelRun(std::string_view piece, Target* first) const {
  *first = kNotIndustry;
  size_t pos = 0;
  while (pos < piece.size()) {
    Target t = kNotIndustry;
    const size_t len = LongestLabelAt(piece, pos, &t);
    if (len == 0) return false;
    if (*first == kNotIndustry) *first = t;
    pos += len;
  }
  return pos > 0;
}

Parsed<std::string_view> IndustryTable::Resolve(std::string_view raw) const {
  using Result = Parsed<std::string_view>;
  std::array<char, kMaxIndustryBytes> buf;
  bool missing = false;
  std::optional<std::string_view> folded = FoldLabel(raw, buf, &missing);
  if (!folded) return Result::Fail(Unknown::kUnparseable, kRuleTooLong);
  if (missing) return Result::Fail(Unknown::kMissing, kRuleMissing);
  const std::string_view s = *folded;
  auto industry = [this](Target t) {
    return std::string_view(canonical_[static_cast<size_t>(t)]);
  };

  // Rule 2: the common case, one known label.
  if (const Target* t = Find(s)) {
    if (*t == kNotIndustry) {
      return Result::Fail(Unknown::kNotThisField, kRuleNotIndustry);
    }
    return Result::Of(industry(*t), kRuleLabel);
  }

  // Rule 3: a list of labels; the first industry wins. `k` is the first
  // stop at or after `pos`.
  Stops stops;
  FindStops(s, &stops);
  bool saw_unknown = false;
  bool saw_non_industry = false;
  size_t pos = 0;
  size_t k = 0;
  while (pos < s.size()) {
    if (pos == stops.pos[k] && stops.len[k] > 0) {  // at a separator
      pos += stops.len[k++];
      continue;
    }
    // 3a: the longest label ending at a stop, tried from the farthest stop
    // a label could reach.
    size_t j = k;
    while (j + 1 < stops.n && stops.pos[j + 1] - pos <= max_key_bytes_) ++j;
    bool matched = false;
    for (size_t e = j + 1; e-- > k;) {
      if (const Target* t = Find(s.substr(pos, stops.pos[e] - pos))) {
        if (*t != kNotIndustry) {
          return Result::Of(industry(*t), kRuleFirstLabel);
        }
        saw_non_industry = true;
        pos = stops.pos[e];
        k = e;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    // 3b-d: the piece up to the next stop.
    const std::string_view piece = s.substr(pos, stops.pos[k] - pos);
    pos = stops.pos[k];
    Target t = kNotIndustry;
    if (IsHeadcount(piece) || IsFundingStage(piece)) {
      saw_non_industry = true;
    } else if (LabelRun(piece, &t)) {
      if (t != kNotIndustry) return Result::Of(industry(t), kRuleLabelRun);
      saw_non_industry = true;
    } else {
      saw_unknown = true;
    }
  }
  // Rule 4. A value of separators only (",", "| |") has no piece at all.
  if (saw_unknown) return Result::Fail(Unknown::kUnparseable, kRuleUnparseable);
  if (saw_non_industry) {
    return Result::Fail(Unknown::kNotThisField, kRuleNotIndustry);
  }
  return Result::Fail(Unknown::kMissing, kRuleMissing);
}

}  // namespace jobsift

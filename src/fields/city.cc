#include "fields/city.h"

#include "base/text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "base/data_dir.h"
#include "base/data_file.h"
#include "fields/fold.h"  // IsMissingMarker

namespace jobsift {
namespace {

// The 34 province-level divisions: short name, official name. Province names
// are fixed facts, not vocabulary to tune, so they live here rather than in
// the data file; every row's province must be one of the short names.
struct ProvinceName {
  std::string_view short_name;
  std::string_view full_name;
};
constexpr std::array<ProvinceName, 34> kProvinces = {{
    {"北京", "北京市"},           {"天津", "天津市"},
    {"河北", "河北省"},           {"山西", "山西省"},
    {"内蒙古", "内蒙古自治区"},   {"辽宁", "辽宁省"},
    {"吉林", "吉林省"},           {"黑龙江", "黑龙江省"},
    {"上海", "上海市"},           {"江苏", "江苏省"},
    {"浙江", "浙江省"},           {"安徽", "安徽省"},
    {"福建", "福建省"},           {"江西", "江西省"},
    {"山东", "山东省"},           {"河南", "河南省"},
    {"湖北", "湖北省"},           {"湖南", "湖南省"},
    {"广东", "广东省"},           {"广西", "广西壮族自治区"},
    {"海南", "海南省"},           {"重庆", "重庆市"},
    {"四川", "四川省"},           {"贵州", "贵州省"},
    {"云南", "云南省"},           {"西藏", "西藏自治区"},
    {"陕西", "陕西省"},           {"甘肃", "甘肃省"},
    {"青海", "青海省"},           {"宁夏", "宁夏回族自治区"},
    {"新疆", "新疆维吾尔自治区"}, {"香港", "香港特别行政区"},
    {"澳门", "澳门特别行政区"},   {"台湾", "台湾省"},
}};

// Informal spellings of province names seen in postings.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8>
    kProvinceVariants = {{
        {"内蒙", "内蒙古"},
        {"广西省", "广西"},
        {"广西自治区", "广西"},
        {"宁夏自治区", "宁夏"},
        {"新疆自治区", "新疆"},
        {"西藏省", "西藏"},
        {"香港特区", "香港"},
        {"澳门特区", "澳门"},
    }};

constexpr std::array<std::string_view, 8> kTiers = {
    "一线", "新一线", "二线", "三线", "四线", "五线", "未评级", "港澳台"};
constexpr std::array<std::string_view, 4> kLevels = {"直辖市", "地级", "县级",
                                                     "港澳台"};

// Suffixes removed to derive stems (昆山市 -> 昆山), longest first.
constexpr std::array<std::string_view, 7> kStemSuffixes = {
    "新区", "林区", "地区", "区", "县", "市", "旗"};

constexpr std::string_view kHeader =
    "city\tfull_name\tprovince\ttier\tlevel\taliases";

constexpr std::string_view kRuleMissing = "city.missing";
constexpr std::string_view kRuleName = "city.name";
constexpr std::string_view kRuleAlias = "city.alias";
constexpr std::string_view kRuleStem = "city.stem";
constexpr std::string_view kRuleProvinceContext = "city.province_context";
constexpr std::string_view kRuleMultiCity = "city.multi_city";
constexpr std::string_view kRuleMarker = "city.non_city_marker";
constexpr std::string_view kRuleAmbiguousName = "city.ambiguous_name";
constexpr std::string_view kRuleProvinceOnly = "city.province_only";
constexpr std::string_view kRuleNoMatch = "city.no_match";

// Length in bytes of the UTF-8 sequence starting with `lead` (1 for invalid
// bytes, so that scanning always advances).
inline size_t Utf8Len(unsigned char lead) {
  if (lead < 0xC0) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

// Code point at `s[pos]`, or the byte itself for malformed input.
inline uint32_t DecodeAt(std::string_view s, size_t pos, size_t* len) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + pos;
  size_t n = Utf8Len(p[0]);
  if (pos + n > s.size()) n = 1;
  *len = n;
  switch (n) {
    case 2:
      return ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
    case 3:
      return ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    case 4:
      return ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) |
             ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
    default:
      return p[0];
  }
}

inline size_t CharCount(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();
       i += Utf8Len(static_cast<unsigned char>(s[i])))
    ++n;
  return n;
}

inline bool IsAsciiLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Punctuation: ASCII other than letters and digits (space, - , / ...), ·,
// general punctuation (U+2010..U+206F: dashes, •), CJK
// punctuation (U+3000..U+303F: 【】《》「」), ・ and half-width forms.
inline bool IsPunctuation(uint32_t cp) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    return !IsAsciiLetter(c) && !(c >= '0' && c <= '9');
  }
  return cp == 0xB7 || (cp >= 0x2010 && cp <= 0x206F) ||
         (cp >= 0x3000 && cp <= 0x303F) || cp == 0x30FB ||
         (cp >= 0xFF01 && cp <= 0xFF65);
}

// Word boundaries: punctuation and digits.
inline bool IsSeparator(uint32_t cp) {
  return IsPunctuation(cp) || (cp >= '0' && cp <= '9');
}

// True when `s` has anything but punctuation ("··", "-/-" have not).
inline bool HasContent(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t len = 0;
    if (!IsPunctuation(DecodeAt(s, i, &len))) return true;
    i += len;
  }
  return false;
}

inline bool HasAsciiUpper(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return c >= 'A' && c <= 'Z'; });
}


// Part separators of a multi-city list: , / | ; (ASCII after folding) and
// 、 (E3 80 81). kPartSeparatorLead marks their first bytes.
constexpr std::array<bool, 256> MakePartSeparatorLeads() {
  std::array<bool, 256> t{};
  t[','] = t['/'] = t['|'] = t[';'] = t[0xE3] = true;
  return t;
}
constexpr std::array<bool, 256> kPartSeparatorLead = MakePartSeparatorLeads();

// Position and length of the first part separator in `s` at or after
// `from`; {s.size(), 0} if none.
inline std::pair<size_t, size_t> FindPartSeparator(std::string_view s,
                                                   size_t from) {
  for (size_t i = from; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!kPartSeparatorLead[c]) continue;
    if (c != 0xE3) return {i, 1};
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x81) {
      return {i, 3};
    }
  }
  return {s.size(), 0};
}

// Copies `raw` (at most kMaxCityInputBytes) to `buf` with ASCII lower-cased,
// full-width forms U+FF01..U+FF5E (ＢＥＩＪＩＮＧ，－) folded to ASCII, and
// U+00A0 / U+3000 turned into spaces; returns the length. This is
// fields/fold.h's FoldWidth plus lower-casing in one pass, and without its
// byte-by-byte slow path, which every value with · (U+00B7, half of the real
// city values) would take. Sets `*maybe_multi` when the text may hold a
// part separator (a multi-city list), so that single values skip the search.
size_t FoldCityText(std::string_view raw, char* buf, bool* maybe_multi) {
  const auto* in = reinterpret_cast<const unsigned char*>(raw.data());
  const size_t n = raw.size();
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    const unsigned char c = in[i];
    if (c >= 0xE4 && c <= 0xE9 && i + 2 < n) {  // U+4000..U+9FFF: Chinese
      buf[o] = static_cast<char>(c);
      buf[o + 1] = static_cast<char>(in[i + 1]);
      buf[o + 2] = static_cast<char>(in[i + 2]);
      o += 3;
      i += 3;
      continue;
    }
    if (c < 0x80) {
      buf[o++] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      *maybe_multi |= kPartSeparatorLead[c];
      ++i;
      continue;
    }
    if (c == 0xC2 && i + 1 < n && in[i + 1] == 0xA0) {  // NBSP
      buf[o++] = ' ';
      i += 2;
      continue;
    }
    if ((c == 0xEF || c == 0xE3) && i + 2 < n) {
      const unsigned char c1 = in[i + 1];
      const unsigned char c2 = in[i + 2];
      unsigned char ascii = 0;
      if (c == 0xEF && c1 == 0xBC && c2 >= 0x81 && c2 <= 0xBF) {
        ascii = static_cast<unsigned char>(c2 - 0x81 + 0x21);  // U+FF01..FF3F
      } else if (c == 0xEF && c1 == 0xBD && c2 >= 0x80 && c2 <= 0x9E) {
        ascii = static_cast<unsigned char>(c2 - 0x80 + 0x60);  // U+FF40..FF5E
      } else if (c == 0xE3 && c1 == 0x80 && c2 == 0x80) {
        ascii = ' ';  // U+3000
      }
      *maybe_multi |= (c == 0xE3);  // 、 is E3 80 81
      if (ascii != 0) {
        if (ascii >= 'A' && ascii <= 'Z') ascii = ascii - 'A' + 'a';
        *maybe_multi |= kPartSeparatorLead[ascii];
        buf[o++] = static_cast<char>(ascii);
        i += 3;
        continue;
      }
    }
    buf[o++] = static_cast<char>(c);
    ++i;
  }
  return o;
}

// What one key of the name index means.
struct CityName {
  enum class Kind : uint8_t {
    kNone,       // a province name only (see `province`)
    kRowName,    // the row's own city or full name
    kAlias,      // an explicit alias of one row
    kStem,       // a derived stem of one row's alias
    kAmbiguous,  // a name (or stem) of several rows: `candidates`
    kMarker,     // a non-city marker (全国)
    kSkip,       // a word to skip (中国)
  };
  Kind kind = Kind::kNone;
  int16_t row = -1;        // kRowName, kAlias, kStem
  int8_t province = -1;    // >= 0 when the key is (also) a province name
  bool lookahead = false;  // both a row and a province that differ (吉林)
  uint32_t cand_begin = 0;
  uint16_t cand_count = 0;
};

// A trie over code points holding every name, so that the longest name at a
// position is found in one pass, one hash probe per character. Edges live in
// one open-addressing table keyed by (node, code point); the root is node 0.
// Why not a map of strings: a scan would hash every candidate length again.
class NameTrie {
 public:
  NameTrie() : values_(1, -1) {}

  // Adds `key` with `value` (>= 0), replacing an earlier value of `key`.
  // Build-time only; call Finish() before Longest().
  void Insert(std::string_view key, int32_t value) {
    uint32_t node = 0;
    for (size_t i = 0; i < key.size();) {
      size_t len = 0;
      const uint32_t cp = DecodeAt(key, i, &len);
      i += len;
      auto [it, added] = building_.try_emplace(EdgeKey(node, cp), 0);
      if (added) {
        it->second = static_cast<uint32_t>(values_.size());
        values_.push_back(-1);
      }
      node = it->second;
    }
    values_[node] = value;
  }

  void Finish() {
    size_t capacity = 16;
    while (capacity < building_.size() * 2) capacity *= 2;
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (const auto& [key, child] : building_) {
      size_t i = Hash(key) & mask_;
      while (slots_[i].child != 0) i = (i + 1) & mask_;
      slots_[i] = Slot{key, child};
    }
    building_ = {};
  }

  // The value of the longest key that `s` starts with at `pos`, or -1; sets
  // `*end` past it. With `whole_words`, a key must end where a word ends (the
  // next character is not an ASCII letter or '), so "beijingxx" has no key.
  int32_t Longest(std::string_view s, size_t pos, bool whole_words,
                  size_t* end) const {
    int32_t best = -1;
    uint32_t node = 0;
    while (pos < s.size()) {
      size_t len = 0;
      node = Child(node, DecodeAt(s, pos, &len));
      if (node == 0) break;
      pos += len;
      const int32_t value = values_[node];
      if (value >= 0 &&
          (!whole_words || pos == s.size() || !IsWordChar(s[pos]))) {
        best = value;
        *end = pos;
      }
    }
    return best;
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t child = 0;  // 0: empty (the root is nobody's child)
  };

  static bool IsWordChar(char c) { return IsAsciiLetter(c) || c == '\''; }
  static uint64_t EdgeKey(uint32_t node, uint32_t cp) {
    return (static_cast<uint64_t>(node) << 21) | cp;  // cp < 2^21
  }
  static size_t Hash(uint64_t key) {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 32);
  }

  uint32_t Child(uint32_t node, uint32_t cp) const {
    const uint64_t key = EdgeKey(node, cp);
    for (size_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.child == 0 || slot.key == key) return slot.child;
    }
  }

  std::vector<int32_t> values_;  // per node: index of the key ending here
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  std::unordered_map<uint64_t, uint32_t> building_;
};

// The loaded table. CityTable::Data (private) is this; the scanner below
// works on it directly.
struct CityIndex {
  std::string text;               // the file; rows and keys view into it
  std::deque<std::string> owned;  // lower-cased copies of ASCII names
  std::vector<CityRow> rows;
  std::vector<CityInfo> infos;       // per row
  std::vector<int8_t> row_province;  // per row, index into kProvinces
  std::vector<uint16_t> candidates;  // pool for CityName::kAmbiguous
  std::vector<CityName> names;       // what each trie key means
  NameTrie trie;                     // every name -> index into `names`
};

using Kind = CityName::Kind;

struct PartResult {
  enum class Kind : uint8_t {
    kNothing,
    kRow,
    kProvinceOnly,
    kAmbiguous,
    kMarker
  };
  Kind kind = Kind::kNothing;
  int row = -1;
  std::string_view rule;
  const CityName* ambiguous = nullptr;  // kAmbiguous: the first shared name
};

int ProvinceIndex(std::string_view short_name) {
  for (size_t i = 0; i < kProvinces.size(); ++i) {
    if (kProvinces[i].short_name == short_name) return static_cast<int>(i);
  }
  return -1;
}

std::string_view RowRule(Kind kind) {
  switch (kind) {
    case Kind::kRowName:
      return kRuleName;
    case Kind::kAlias:
      return kRuleAlias;
    default:
      return kRuleStem;
  }
}

// The one row of a shared name that lies in `province`, or -1 (none, several,
// or no province).
int OnlyCandidateIn(const CityIndex& d, const CityName& name, int province) {
  if (province < 0) return -1;
  int only = -1;
  for (uint32_t i = 0; i < name.cand_count; ++i) {
    const int row = d.candidates[name.cand_begin + i];
    if (d.row_province[row] != province) continue;
    if (only >= 0) return -1;
    only = row;
  }
  return only;
}

// Scans one part of the input; see the header for the rules. `province` is
// the province context (-1 if none).
PartResult ScanPart(const CityIndex& d, std::string_view s, int province) {
  PartResult out;
  size_t pos = 0;
  // Names are matched only where a word starts: at the start, after a
  // separator, or right after another name (广东省广州市). Inside unknown
  // text nothing is matched, so 珠江新城 does not yield 新城(区).
  bool at_boundary = true;
  while (pos < s.size()) {
    size_t first_len = 0;
    const uint32_t cp = DecodeAt(s, pos, &first_len);
    if (IsSeparator(cp)) {
      at_boundary = true;
      pos += first_len;
      continue;
    }
    if (!at_boundary) {
      pos += first_len;
      continue;
    }
    const bool ascii = IsAsciiLetter(s[pos]);
    size_t end = pos;
    const int32_t found = d.trie.Longest(s, pos, /*whole_words=*/ascii, &end);
    if (found < 0) {
      // Skip the unknown word: an ASCII word whole, else one character.
      at_boundary = false;
      if (ascii) {
        while (pos < s.size() && (IsAsciiLetter(s[pos]) || s[pos] == '\''))
          ++pos;
      } else {
        pos += first_len;
      }
      continue;
    }
    pos = end;
    const CityName* hit = &d.names[found];

    switch (hit->kind) {
      case Kind::kSkip:
        continue;
      case Kind::kMarker:
        out.kind = PartResult::Kind::kMarker;
        out.rule = kRuleMarker;
        return out;
      case Kind::kNone:  // a province name
        province = hit->province;
        continue;
      case Kind::kAmbiguous:
        if (const int row = OnlyCandidateIn(d, *hit, province); row >= 0) {
          out.kind = PartResult::Kind::kRow;
          out.row = row;
          out.rule = kRuleProvinceContext;
          return out;
        }
        if (out.ambiguous == nullptr) out.ambiguous = hit;
        continue;
      case Kind::kRowName:
      case Kind::kAlias:
      case Kind::kStem:
        if (hit->lookahead) {
          // 吉林长春 names the province; 吉林 alone or 吉林·昌邑区 the city.
          PartResult next = ScanPart(d, s.substr(pos), hit->province);
          if (next.kind == PartResult::Kind::kRow &&
              d.row_province[next.row] == hit->province) {
            return next;
          }
        }
        out.kind = PartResult::Kind::kRow;
        out.row = hit->row;
        out.rule = RowRule(hit->kind);
        return out;
    }
  }
  if (out.ambiguous != nullptr) {
    // A province named after the shared name still decides (鼓楼区(福建)).
    if (const int row = OnlyCandidateIn(d, *out.ambiguous, province);
        row >= 0) {
      out.kind = PartResult::Kind::kRow;
      out.row = row;
      out.rule = kRuleProvinceContext;
      return out;
    }
    out.kind = PartResult::Kind::kAmbiguous;
    out.rule = kRuleAmbiguousName;
  } else if (province >= 0) {
    out.kind = PartResult::Kind::kProvinceOnly;
    out.rule = kRuleProvinceOnly;
  }
  return out;
}

bool IsCandidate(const std::vector<uint16_t>& pool, const CityName& name,
                 int row) {
  for (uint32_t i = 0; i < name.cand_count; ++i) {
    if (pool[name.cand_begin + i] == row) return true;
  }
  return false;
}

}  // namespace

struct CityTable::Data : CityIndex {};

CityTable::CityTable(std::shared_ptr<const Data> data)
    : data_(std::move(data)) {}

size_t CityTable::size() const { return data_->rows.size(); }

const std::vector<CityRow>& CityTable::rows() const { return data_->rows; }

Parsed<CityInfo> CityTable::Resolve(std::string_view raw) const {
  const Data& d = *data_;
  if (raw.size() > kMaxCityInputBytes) {
    size_t cut = kMaxCityInputBytes;
    while (cut > 0 && (static_cast<unsigned char>(raw[cut]) & 0xC0) == 0x80)
      --cut;
    raw = raw.substr(0, cut);
  }
  char buf[kMaxCityInputBytes];
  bool maybe_multi = false;
  std::string_view s(buf, FoldCityText(raw, buf, &maybe_multi));
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (IsMissingMarker(s))
    return Parsed<CityInfo>::Fail(Unknown::kMissing, kRuleMissing);

  // Scan each part of a possibly multi-city list and combine.
  int row = -1;
  std::string_view row_rule;
  bool multi = false;
  bool marker = false;
  bool province_only = false;
  const CityName* ambiguous[4] = {};  // shared names from other parts
  int n_ambiguous = 0;
  for (size_t start = 0; start <= s.size();) {
    auto [sep, sep_len] = std::pair<size_t, size_t>(s.size(), 0);
    if (maybe_multi) std::tie(sep, sep_len) = FindPartSeparator(s, start);
    const std::string_view part = s.substr(start, sep - start);
    start = sep + (sep_len > 0 ? sep_len : 1);
    if (part.empty()) continue;
    const PartResult r = ScanPart(d, part, -1);
    switch (r.kind) {
      case PartResult::Kind::kRow:
        if (row >= 0 && row != r.row) multi = true;
        if (row < 0) {
          row = r.row;
          row_rule = r.rule;
        }
        break;
      case PartResult::Kind::kMarker:
        marker = true;
        break;
      case PartResult::Kind::kProvinceOnly:
        province_only = true;
        break;
      case PartResult::Kind::kAmbiguous:
        if (n_ambiguous < 4) ambiguous[n_ambiguous++] = r.ambiguous;
        break;
      case PartResult::Kind::kNothing:
        break;
    }
  }
  if (multi) return Parsed<CityInfo>::Fail(Unknown::kAmbiguous, kRuleMultiCity);
  if (marker) return Parsed<CityInfo>::Fail(Unknown::kAmbiguous, kRuleMarker);
  if (row >= 0) {
    for (int k = 0; k < n_ambiguous; ++k) {
      if (!IsCandidate(d.candidates, *ambiguous[k], row)) {
        return Parsed<CityInfo>::Fail(Unknown::kAmbiguous, kRuleMultiCity);
      }
    }
    return Parsed<CityInfo>::Of(d.infos[row], row_rule);
  }
  if (n_ambiguous > 0) {
    return Parsed<CityInfo>::Fail(Unknown::kAmbiguous, kRuleAmbiguousName);
  }
  if (province_only) {
    return Parsed<CityInfo>::Fail(Unknown::kAmbiguous, kRuleProvinceOnly);
  }
  if (!HasContent(s))
    return Parsed<CityInfo>::Fail(Unknown::kMissing, kRuleMissing);
  return Parsed<CityInfo>::Fail(Unknown::kUnparseable, kRuleNoMatch);
}

StatusOr<CityWords> LoadCityWords(const std::string& path) {
  CityWords w;
  w.file = path;
  Status st = ReadPairFile(path, "city words", "a list and a word",
                           [&](std::string_view list, std::string_view word, const std::string& where) {
                             std::string text(TrimCell(word));
                             if (list == "not_city") {
                               w.not_city.push_back(std::move(text));
                             } else if (list == "skip") {
                               w.skip.push_back(std::move(text));
                             } else {
                               return InvalidArgument(where + ": no list is called '" + std::string(list) +
                                                      "' (the lists: not_city, skip)");
                             }
                             return Status::Ok();
                           });
  if (!st.ok()) return st;
  return w;
}

StatusOr<CityTable> CityTable::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open city table");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return IoError(path + ": read failed");
  std::error_code ec;
  std::string beside = (std::filesystem::path(path).parent_path() / "city_words.tsv").string();
  auto words = LoadCityWords(std::filesystem::exists(beside, ec) ? beside : DefaultDataDir() + "/city_words.tsv");
  if (!words.ok()) return words.status();
  return FromText(std::move(ss).str(), path, &*words);
}

StatusOr<CityTable> CityTable::FromText(std::string text,
                                        std::string_view origin,
                                        const CityWords* words) {
  StatusOr<CityWords> shipped = CityWords{};
  if (words == nullptr) {
    shipped = LoadCityWords(DefaultDataDir() + "/city_words.tsv");
    if (!shipped.ok()) return shipped.status();
    words = &*shipped;
  }
  auto data = std::make_shared<Data>();
  Data& d = *data;
  d.text = std::move(text);
  const std::string where(origin);
  auto error = [&](size_t line, const std::string& why) {
    return InvalidArgument(where + ":" + std::to_string(line) + ": " + why);
  };

  // One explicit name of one row, before ambiguity is settled.
  struct Mention {
    int row;
    Kind kind;  // kRowName or kAlias
    bool marked;
    size_t line;
  };
  std::unordered_map<std::string_view, std::vector<Mention>> mentions;
  std::vector<std::string_view> key_order;  // first mention first
  auto mention = [&](std::string_view key) -> std::vector<Mention>& {
    auto [it, added] = mentions.try_emplace(key);
    if (added) key_order.push_back(key);
    return it->second;
  };

  auto fold_key = [&](std::string_view name) -> std::string_view {
    if (!HasAsciiUpper(name)) return name;
    std::string lower(name);
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return d.owned.emplace_back(std::move(lower));
  };

  // Every key and what it means; moved into the trie at the end.
  std::unordered_map<std::string_view, CityName> names;

  bool seen_header = false;
  size_t line_no = 0;
  for (std::string_view line : SplitOn(d.text, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (!seen_header) {
      if (line != kHeader) {
        return error(line_no,
                     "expected the header line '" + std::string(kHeader) + "'");
      }
      seen_header = true;
      continue;
    }
    std::vector<std::string_view> cols = SplitOn(line, '\t');
    if (cols.size() != 6) {
      return error(line_no, "expected 6 tab-separated columns, found " +
                                std::to_string(cols.size()));
    }
    CityRow row{cols[0], cols[1], cols[2], cols[3], cols[4]};
    if (row.city.empty() || row.full_name.empty()) {
      return error(line_no, "empty city or full_name");
    }
    const int province = ProvinceIndex(row.province);
    if (province < 0) {
      return error(line_no,
                   "unknown province '" + std::string(row.province) + "'");
    }
    if (std::find(kTiers.begin(), kTiers.end(), row.tier) == kTiers.end()) {
      return error(line_no, "unknown tier '" + std::string(row.tier) + "'");
    }
    if (std::find(kLevels.begin(), kLevels.end(), row.level) == kLevels.end()) {
      return error(line_no, "unknown level '" + std::string(row.level) + "'");
    }
    const bool whole_province = row.level == "直辖市" || row.level == "港澳台";
    if (whole_province && row.city != row.province) {
      return error(line_no, "a " + std::string(row.level) +
                                " row must have city == province");
    }
    const int row_idx = static_cast<int>(d.rows.size());
    if (row_idx >= INT16_MAX) return error(line_no, "too many rows");
    d.rows.push_back(row);
    d.infos.push_back(CityInfo{row.city, row.province, row.tier});
    d.row_province.push_back(static_cast<int8_t>(province));

    for (std::string_view name : {row.city, row.full_name}) {
      auto& list = mention(fold_key(name));
      if (!list.empty()) {
        if (list[0].row == row_idx) continue;  // city == full_name
        return error(line_no, "name '" + std::string(name) +
                                  "' is already used at line " +
                                  std::to_string(list[0].line));
      }
      list.push_back({row_idx, Kind::kRowName, false, line_no});
    }
    if (cols[5].empty()) continue;
    for (std::string_view alias : SplitOn(cols[5], '|')) {
      const bool marked = !alias.empty() && alias.front() == '?';
      if (marked) alias.remove_prefix(1);
      if (alias.empty()) return error(line_no, "empty alias");
      auto& list = mention(fold_key(alias));
      bool duplicate = false;
      for (const Mention& m : list) duplicate |= (m.row == row_idx);
      if (duplicate) continue;
      list.push_back({row_idx, Kind::kAlias, marked, line_no});
    }
  }
  if (!seen_header) return error(line_no, "no header line");

  // Fixed names: provinces, variants, markers, skip words.
  auto add_fixed = [&](std::string_view key, CityName name) {
    names[key] = name;
  };
  for (size_t p = 0; p < kProvinces.size(); ++p) {
    CityName n;
    n.province = static_cast<int8_t>(p);
    add_fixed(kProvinces[p].short_name, n);
    add_fixed(kProvinces[p].full_name, n);
  }
  for (const auto& [variant, short_name] : kProvinceVariants) {
    CityName n;
    n.province = static_cast<int8_t>(ProvinceIndex(short_name));
    add_fixed(variant, n);
  }
  for (const std::string& m : words->not_city) add_fixed(fold_key(d.owned.emplace_back(m)), CityName{Kind::kMarker});
  for (const std::string& m : words->skip) add_fixed(fold_key(d.owned.emplace_back(m)), CityName{Kind::kSkip});

  // Explicit names, in file order: settle ambiguity, check the '?' marks.
  for (std::string_view key : key_order) {
    const std::vector<Mention>& list = mentions[key];
    const Mention& first = list[0];
    auto fixed = names.find(key);
    if (fixed != names.end()) {
      const CityName& f = fixed->second;
      // A row may carry its own province's name (北京, 吉林); nothing else may
      // reuse a province, marker or skip word.
      const bool own_province = f.kind == Kind::kNone && list.size() == 1 &&
                                first.kind == Kind::kRowName &&
                                d.row_province[first.row] == f.province;
      if (!own_province) {
        return error(first.line,
                     "name '" + std::string(key) +
                         "' is a province name or a non-city marker");
      }
    }
    bool has_row_name = false;
    for (const Mention& m : list) has_row_name |= (m.kind == Kind::kRowName);
    if (list.size() > 1 && has_row_name) {
      const Mention& alias = list[0].kind == Kind::kAlias ? list[0] : list[1];
      return error(alias.line, "alias '" + std::string(key) +
                                   "' is the name of another row");
    }
    for (const Mention& m : list) {
      if (list.size() > 1 && !m.marked) {
        const Mention& other = (&m == &list[0]) ? list[1] : list[0];
        return error(m.line, "alias '" + std::string(key) + "' is also in '" +
                                 std::string(d.rows[other.row].city) +
                                 "' (line " + std::to_string(other.line) +
                                 "); mark it '?' in every row");
      }
      if (list.size() == 1 && m.marked) {
        return error(m.line,
                     "alias '?" + std::string(key) +
                         "' is marked ambiguous but no other row has it");
      }
    }
    CityName n;
    if (fixed != names.end()) n = fixed->second;  // keeps `province`
    if (list.size() == 1) {
      n.kind = first.kind;
      n.row = static_cast<int16_t>(first.row);
      const CityRow& r = d.rows[first.row];
      n.lookahead =
          n.province >= 0 && !(r.level == "直辖市" || r.level == "港澳台");
    } else {
      n.kind = Kind::kAmbiguous;
      n.cand_begin = static_cast<uint32_t>(d.candidates.size());
      n.cand_count = static_cast<uint16_t>(list.size());
      for (const Mention& m : list)
        d.candidates.push_back(static_cast<uint16_t>(m.row));
    }
    names[key] = n;
  }

  // Derived stems of every explicit name: 昆山市 -> 昆山. A stem never
  // replaces an explicit name; a stem of several rows is ambiguous.
  std::unordered_map<std::string_view, std::vector<uint16_t>> stems;
  for (std::string_view key : key_order) {
    const std::vector<Mention>& list = mentions[key];
    for (std::string_view suffix : kStemSuffixes) {
      if (key.size() <= suffix.size() || !key.ends_with(suffix)) continue;
      const std::string_view stem = key.substr(0, key.size() - suffix.size());
      if (CharCount(stem) < 2 || names.count(stem) != 0) break;
      auto& rows = stems[stem];
      for (const Mention& m : list) {
        if (std::find(rows.begin(), rows.end(), m.row) == rows.end()) {
          rows.push_back(static_cast<uint16_t>(m.row));
        }
      }
      break;
    }
  }
  for (auto& [stem, rows] : stems) {
    CityName n;
    if (rows.size() == 1) {
      n.kind = Kind::kStem;
      n.row = static_cast<int16_t>(rows[0]);
    } else {
      std::sort(rows.begin(), rows.end());
      n.kind = Kind::kAmbiguous;
      n.cand_begin = static_cast<uint32_t>(d.candidates.size());
      n.cand_count = static_cast<uint16_t>(rows.size());
      d.candidates.insert(d.candidates.end(), rows.begin(), rows.end());
    }
    names[stem] = n;
  }

  d.names.reserve(names.size());
  for (const auto& [key, name] : names) {
    d.trie.Insert(key, static_cast<int32_t>(d.names.size()));
    d.names.push_back(name);
  }
  d.trie.Finish();
  return CityTable(std::move(data));
}

}  // namespace jobsift

#include "fields/degree.h"

#include <array>
#include <fstream>

#include "fields/fold.h"

namespace jobsift {
namespace {

using Result = Parsed<DegreeLevel>;

constexpr size_t kMaxEntries = 30000;  // slot indices are uint16_t

// FNV-1a: short keys, no allocation.
uint32_t Hash(std::string_view s) {
  uint32_t h = 2166136261u;
  for (char ch : s) {
    h ^= static_cast<unsigned char>(ch);
    h *= 16777619u;
  }
  return h;
}

constexpr std::array<DegreeLevel, 5> kLevels = {
    DegreeLevel::kDoctor, DegreeLevel::kMaster, DegreeLevel::kBachelor,
    DegreeLevel::kCollegeOrBelow, DegreeLevel::kAny};

bool LevelFromName(std::string_view name, DegreeLevel* level) {
  for (DegreeLevel l : kLevels) {
    if (DegreeLevelName(l) == name) {
      *level = l;
      return true;
    }
  }
  return false;
}

// Removes one known affix; false when none applies.
bool StripOneAffix(std::string_view* s) {
  static constexpr std::array<std::string_view, 6> kSuffixes = {
      "及同等学历", "及以上", "或以上", "以上", "学历", "毕业"};
  static constexpr std::array<std::string_view, 4> kPrefixes = {
      "国家统招", "全日制", "第一学历", "统招"};
  for (std::string_view suffix : kSuffixes) {
    if (s->size() > suffix.size() && s->ends_with(suffix)) {
      s->remove_suffix(suffix.size());
      return true;
    }
  }
  for (std::string_view prefix : kPrefixes) {
    if (s->size() > prefix.size() && s->starts_with(prefix)) {
      s->remove_prefix(prefix.size());
      return true;
    }
  }
  return false;
}

bool IsOtherField(std::string_view s) {
  if (Contains(s, "语") || Contains(s, "普通话")) return true;  // languages
  if (Contains(s, "年") || Contains(s, "经验")) return true;    // experience
  if (s.ends_with("人")) return true;                           // head count
  return false;
}

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::string_view DegreeLevelName(DegreeLevel level) {
  switch (level) {
    case DegreeLevel::kDoctor:
      return "博士";
    case DegreeLevel::kMaster:
      return "硕士";
    case DegreeLevel::kBachelor:
      return "本科";
    case DegreeLevel::kCollegeOrBelow:
      return "大专及以下";
    case DegreeLevel::kAny:
      return "不限";
  }
  return "?";
}

StatusOr<DegreeTable> DegreeTable::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open degree table");
  DegreeTable table;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    const std::string where = path + ":" + std::to_string(line_no) + ": ";
    std::string_view view = line;
    if (line_no == 1 && view.starts_with("\xEF\xBB\xBF")) view.remove_prefix(3);
    view = TrimAscii(view);
    if (view.empty() || view.front() == '#') continue;
    const size_t tab = view.find('\t');
    if (tab == std::string_view::npos) {
      return InvalidArgument(where + "expected 'variant<TAB>level'");
    }
    const std::string_view level_name = TrimAscii(view.substr(tab + 1));
    DegreeLevel level;
    if (!LevelFromName(level_name, &level)) {
      return InvalidArgument(where + "unknown level '" +
                             std::string(level_name) +
                             "' (want 博士, 硕士, 本科, 大专及以下 or 不限)");
    }
    char buf[kFoldBufferSize];
    const auto variant = FoldWidth(TrimAscii(view.substr(0, tab)), buf);
    if (!variant) return InvalidArgument(where + "variant too long");
    if (variant->empty()) return InvalidArgument(where + "empty variant");
    // A linear scan keeps the line number for the message; tables are small.
    for (const auto& entry : table.entries_) {
      if (entry.first == *variant) {
        return InvalidArgument(where + "duplicate variant '" +
                               std::string(*variant) + "'");
      }
    }
    table.entries_.emplace_back(std::string(*variant), level);
  }
  if (in.bad()) return IoError(path + ": read error");
  if (table.entries_.size() >= kMaxEntries) {
    return InvalidArgument(path + ": more than " + std::to_string(kMaxEntries) +
                           " variants");
  }
  size_t n_slots = 16;
  while (n_slots < 2 * table.entries_.size()) n_slots *= 2;
  table.slots_.assign(n_slots, 0);
  for (size_t k = 0; k < table.entries_.size(); ++k) {
    size_t slot = Hash(table.entries_[k].first) & (n_slots - 1);
    while (table.slots_[slot] != 0) slot = (slot + 1) & (n_slots - 1);
    table.slots_[slot] = static_cast<uint16_t>(k + 1);
  }
  return table;
}

bool DegreeTable::Find(std::string_view variant, DegreeLevel* level) const {
  const size_t mask = slots_.size() - 1;
  for (size_t slot = Hash(variant) & mask; slots_[slot] != 0;
       slot = (slot + 1) & mask) {
    const auto& entry = entries_[slots_[slot] - 1];
    if (entry.first.size() == variant.size() &&
        HasPrefix(entry.first, variant)) {
      *level = entry.second;
      return true;
    }
  }
  return false;
}

Parsed<DegreeLevel> DegreeTable::Parse(std::string_view raw) const {
  char buf[kFoldBufferSize];
  const std::optional<std::string_view> folded = FoldWidth(raw, buf);
  if (!folded) return Result::Fail(Unknown::kUnparseable, "degree.unparseable");
  std::string_view s = *folded;
  if (IsMissingMarker(s)) {
    return Result::Fail(Unknown::kMissing, "degree.missing");
  }
  DegreeLevel level;
  if (Find(s, &level)) return Result::Of(level, "degree.table");
  std::string_view core = s;
  while (StripOneAffix(&core)) {
    if (Find(core, &level)) return Result::Of(level, "degree.table_stripped");
  }
  for (std::string_view sep : {"/", "或", "、"}) {
    const size_t cut = core.find(sep);
    if (cut != std::string_view::npos && cut > 0) {
      std::string_view first = core.substr(0, cut);
      if (Find(first, &level)) {
        return Result::Of(level, "degree.table_stripped");
      }
      while (StripOneAffix(&first)) {
        if (Find(first, &level)) {
          return Result::Of(level, "degree.table_stripped");
        }
      }
    }
  }
  if (IsOtherField(s)) {
    return Result::Fail(Unknown::kNotThisField, "degree.not_this_field");
  }
  return Result::Fail(Unknown::kUnparseable, "degree.unparseable");
}

}  // namespace jobsift

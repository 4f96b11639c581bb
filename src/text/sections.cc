#include "text/sections.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <vector>


namespace jobsift {
namespace {

bool StartsWithCaseless(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (size_t i = 0; i < p.size(); ++i) {
    char a = s[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != p[i]) return false;
  }
  return true;
}

// The first three bytes of `s` as one number (0 past its end).
constexpr uint32_t Key3(std::string_view s) {
  uint32_t k = 0;
  for (size_t i = 0; i < 3; ++i)
    k = k << 8 | (i < s.size() ? static_cast<uint32_t>(static_cast<unsigned char>(s[i])) : 0u);
  return k;
}

// Skips list markers before a heading: "一、", "1.", "【", "[", "#", "*", "■".
// The multi-byte ones are three-byte characters, looked up by their bytes.
size_t SkipMarkers(std::string_view line) {
  size_t i = 0;
  for (int guard = 0; guard < 8 && i < line.size(); ++guard) {
    char c = line[i];
    if (c == ' ' || c == '#' || c == '*' || c == '[' || c == '(' || c == '-' || (c >= '0' && c <= '9') || c == '.' ||
        c == ',') {
      ++i;
      continue;
    }
    if (static_cast<unsigned char>(c) < 0xE2 || line.size() - i < 3) break;
    switch (Key3(line.substr(i))) {
      case Key3("【"): case Key3("〖"): case Key3("■"): case Key3("●"): case Key3("◆"): case Key3("、"):
        i += 3;
        continue;
      case Key3("一"): case Key3("二"): case Key3("三"): case Key3("四"): case Key3("五"):
        // A numeral is a marker only with 、 after it.
        if (line.size() - i >= 6 && Key3(line.substr(i + 3)) == Key3("、")) {
          i += 6;
          continue;
        }
        break;
      default:
        break;
    }
    break;
  }
  return i;
}

}  // namespace

// The headings by their first character (after list markers): a small hash
// table keyed by the first three bytes, or by a lower-cased ASCII letter.
// Most lines of a description start with no heading's character, and are
// turned away by one probe (a binary search here mispredicted on almost
// every line); the rest try only the headings that start with theirs.
uint32_t SectionHeadings::KeyOf(std::string_view s) {
  unsigned char c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c | 0x20u : c;
  return Key3(s);
}

size_t SectionHeadings::Hash(uint32_t key) { return (key * 0x9E3779B1u) >> 24; }

StatusOr<SectionHeadings> SectionHeadings::Make(const std::vector<std::pair<std::string, Section>>& headings) {
  SectionHeadings h;
  if (headings.size() > kMaxHeadings)
    return InvalidArgument(std::to_string(headings.size()) + " section headings: at most " +
                           std::to_string(kMaxHeadings));
  for (const auto& [text, section] : headings) {
    if (text.empty()) return InvalidArgument("an empty section heading");
    if (static_cast<unsigned char>(text[0]) >= 0x80 && text.size() < 3)
      return InvalidArgument("section heading '" + text + "' is not UTF-8 text");
    std::string lower = text;
    for (char& c : lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    uint16_t index = static_cast<uint16_t>(h.headings_.size());
    h.headings_.push_back({std::move(lower), section});
    uint32_t key = KeyOf(h.headings_.back().text);
    size_t i = Hash(key);
    while (h.slots_[i].key != 0 && h.slots_[i].key != key) i = (i + 1) & (kSlots - 1);
    Slot& slot = h.slots_[i];
    slot.key = key;
    if (slot.count == slot.headings.size())
      return InvalidArgument("more than " + std::to_string(slot.headings.size()) +
                             " section headings start with the character of '" + text + "'");
    slot.headings[slot.count++] = index;  // in the given order
  }
  return h;
}

std::span<const uint16_t> SectionHeadings::Candidates(std::string_view rest) const {
  if (rest.empty()) return {};
  unsigned char c = static_cast<unsigned char>(rest[0]);
  if (c >= 0x80 && rest.size() < 3) return {};
  uint32_t key = KeyOf(rest);
  for (size_t i = Hash(key);; i = (i + 1) & (kSlots - 1)) {
    if (slots_[i].key == key) return {slots_[i].headings.data(), slots_[i].count};
    if (slots_[i].key == 0) return {};
  }
}

// If `line` starts with a heading, returns its section and sets `*after` to
// the offset where the heading (and its ':' or '】') ends.
bool SectionHeadings::At(std::string_view line, Section* section, size_t* after) const {
  size_t i = SkipMarkers(line);
  std::string_view rest = line.substr(i);
  for (uint16_t index : Candidates(rest)) {
    const Heading& h = headings_[index];
    if (!StartsWithCaseless(rest, h.text)) continue;
    size_t k = i + h.text.size();
    std::string_view tail = line.substr(k);
    // A heading ends the line, or is followed by ':' / '】' / ']' / ')'.
    size_t j = 0;
    while (j < tail.size() && tail[j] == ' ') ++j;
    tail = tail.substr(j);
    bool ends = tail.empty();
    for (std::string_view t : {":", "】", "〗", "]", ")", "）"}) {
      if (tail.substr(0, t.size()) == t) {
        k += j + t.size();
        ends = true;
        break;
      }
    }
    if (!ends) continue;  // a heading ends its line or is closed by a colon or bracket
    *section = h.section;
    *after = k;
    return true;
  }
  return false;
}

std::string_view SectionName(Section s) {
  switch (s) {
    case Section::kTitle: return "title";
    case Section::kBody: return "body";
    case Section::kDuties: return "duties";
    case Section::kRequirements: return "requirements";
    case Section::kBenefits: return "benefits";
    case Section::kCompany: return "company";
    case Section::kCount: break;
  }
  return "";
}

void SplitSections(std::string_view text, size_t base, const SectionHeadings& headings,
                   std::vector<SectionSpan>& out) {
  Section current = Section::kBody;
  size_t current_begin = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    Section s;
    size_t after;
    if (line.size() <= 600 && headings.At(line, &s, &after)) {
      if (pos > current_begin) out.push_back({current, base + current_begin, base + pos});
      current = s;
      current_begin = pos;
    }
    pos = end + 1;
  }
  if (text.size() > current_begin || out.empty()) out.push_back({current, base + current_begin, base + text.size()});
}

}  // namespace jobsift

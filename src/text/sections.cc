#include "text/sections.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <vector>

#include "jobsift/check.h"

namespace jobsift {
namespace {

struct Heading {
  std::string_view text;
  Section section;
};

// Longer headings first where one is a prefix of another (职位描述 before 职位).
constexpr Heading kHeadings[] = {
    {"岗位职责", Section::kDuties},       {"工作职责", Section::kDuties},       {"职位职责", Section::kDuties},
    {"职责描述", Section::kDuties},       {"主要职责", Section::kDuties},       {"工作内容", Section::kDuties},
    {"岗位描述", Section::kDuties},       {"职位描述", Section::kDuties},       {"工作描述", Section::kDuties},
    {"岗位内容", Section::kDuties},       {"你将负责", Section::kDuties},       {"职责", Section::kDuties},
    {"responsibilities", Section::kDuties}, {"job description", Section::kDuties},
    {"任职要求", Section::kRequirements}, {"岗位要求", Section::kRequirements}, {"任职资格", Section::kRequirements},
    {"职位要求", Section::kRequirements}, {"技能要求", Section::kRequirements}, {"招聘要求", Section::kRequirements},
    {"应聘要求", Section::kRequirements}, {"资格要求", Section::kRequirements}, {"任职条件", Section::kRequirements},
    {"我们希望你", Section::kRequirements}, {"岗位任职要求", Section::kRequirements},
    {"要求", Section::kRequirements},     {"requirements", Section::kRequirements},
    {"qualifications", Section::kRequirements},
    {"福利待遇", Section::kBenefits},     {"薪资福利", Section::kBenefits},     {"薪酬福利", Section::kBenefits},
    {"公司福利", Section::kBenefits},     {"员工福利", Section::kBenefits},     {"我们提供", Section::kBenefits},
    {"福利", Section::kBenefits},         {"待遇", Section::kBenefits},         {"benefits", Section::kBenefits},
    {"公司介绍", Section::kCompany},      {"公司简介", Section::kCompany},      {"企业介绍", Section::kCompany},
    {"企业简介", Section::kCompany},      {"关于我们", Section::kCompany},      {"公司概况", Section::kCompany},
    {"公司背景", Section::kCompany},      {"about us", Section::kCompany},
};

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

// The headings by their first character (after list markers): a small hash
// table keyed by the first three bytes, or by a lower-cased ASCII letter.
// Most lines of a description start with no heading's character, and are
// turned away by one probe (a binary search here mispredicted on almost
// every line); the rest try only the headings that start with theirs.
class HeadingIndex {
 public:
  HeadingIndex() {
    for (size_t h = 0; h < std::size(kHeadings); ++h) {
      uint32_t key = KeyOf(kHeadings[h].text);
      size_t i = Hash(key);
      while (slot_[i].key != 0 && slot_[i].key != key) i = (i + 1) & (kSlots - 1);
      slot_[i].key = key;
      JOBSIFT_CHECK(slot_[i].count < slot_[i].headings.size(), "more headings share a first character than a slot holds");
      slot_[i].headings[slot_[i].count++] = static_cast<uint8_t>(h);  // in kHeadings' order
    }
  }
  // The headings that may start `rest`; empty when none.
  std::span<const uint8_t> Candidates(std::string_view rest) const {
    if (rest.empty()) return {};
    unsigned char c = static_cast<unsigned char>(rest[0]);
    if (c >= 0x80 && rest.size() < 3) return {};
    uint32_t key = KeyOf(rest);
    for (size_t i = Hash(key);; i = (i + 1) & (kSlots - 1)) {
      if (slot_[i].key == key) return {slot_[i].headings.data(), slot_[i].count};
      if (slot_[i].key == 0) return {};
    }
  }

 private:
  static constexpr size_t kSlots = 256;
  static uint32_t KeyOf(std::string_view s) {
    unsigned char c = static_cast<unsigned char>(s[0]);
    if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c | 0x20u : c;
    return Key3(s);
  }
  static size_t Hash(uint32_t key) { return (key * 0x9E3779B1u) >> 24; }
  struct Slot {
    uint32_t key = 0;  // 0 = empty
    uint8_t count = 0;
    std::array<uint8_t, 16> headings{};
  };
  std::array<Slot, kSlots> slot_{};
};

// If `line` starts with a heading, returns its section and sets `*after` to
// the offset where the heading (and its ':' or '】') ends.
bool HeadingAt(std::string_view line, Section* section, size_t* after) {
  size_t i = SkipMarkers(line);
  std::string_view rest = line.substr(i);
  static const HeadingIndex kIndex;
  for (uint8_t index : kIndex.Candidates(rest)) {
    const Heading& h = kHeadings[index];
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

}  // namespace

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

void SplitSections(std::string_view text, size_t base, std::vector<SectionSpan>& out) {
  Section current = Section::kBody;
  size_t current_begin = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    Section s;
    size_t after;
    if (line.size() <= 600 && HeadingAt(line, &s, &after)) {
      if (pos > current_begin) out.push_back({current, base + current_begin, base + pos});
      current = s;
      current_begin = pos;
    }
    pos = end + 1;
  }
  if (text.size() > current_begin || out.empty()) out.push_back({current, base + current_begin, base + text.size()});
}

}  // namespace jobsift

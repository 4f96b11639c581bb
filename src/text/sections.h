// Sections of a posting's text. Descriptions often carry headings (岗位职责,
// 任职要求, 福利待遇, 公司介绍 …); SplitSections finds them so that a match can
// say where it was, and the company blurb can be left out of skills and AI
// terms. Text before any heading is kBody.
//
// Not for: normalisation (normalize.h); call it on normalised text.
#ifndef JOBSIFT_TEXT_SECTIONS_H_
#define JOBSIFT_TEXT_SECTIONS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jobsift/status.h"

namespace jobsift {

enum class Section : uint8_t {
  kTitle,         // the job title field
  kBody,          // description text before any heading
  kDuties,        // 岗位职责 / 工作内容 …
  kRequirements,  // 任职要求 / 岗位要求 …
  kBenefits,      // 福利待遇 in the description, and the benefits field
  kCompany,       // 公司介绍 / 公司简介 / 关于我们 …
  kCount
};
inline constexpr size_t kSectionCount = static_cast<size_t>(Section::kCount);
std::string_view SectionName(Section s);  // "title", "duties", …

struct SectionSpan {
  Section section;
  size_t begin;
  size_t end;
};

// The headings that start a section (岗位职责 → duties), looked up at the
// start of a line after list markers (一、 1. 【 ■ …), ASCII letters in any
// case; a heading ends its line or is closed by a colon or bracket. The
// lexicon set gives them (data/lexicons/rules.tsv, heading.* lists): where
// one heading starts another (职责 and 职责描述), the longer must come first.
class SectionHeadings {
 public:
  static constexpr size_t kMaxHeadings = 200;  // fewer first characters than slots, so a probe ends
  // An empty or malformed heading, or more than 32 headings starting with
  // one character, is an InvalidArgument.
  static StatusOr<SectionHeadings> Make(const std::vector<std::pair<std::string, Section>>& headings);
  SectionHeadings() = default;  // none: all text is kBody
  // If `line` starts with a heading: its section, and in `*after` the
  // offset where the heading (and its ':' or '】') ends.
  bool At(std::string_view line, Section* section, size_t* after) const;
  size_t size() const { return headings_.size(); }

 private:
  struct Heading {
    std::string text;  // ASCII lower-cased
    Section section;
  };
  static constexpr size_t kSlots = 256;
  struct Slot {
    uint32_t key = 0;  // 0 = empty
    uint8_t count = 0;
    std::array<uint16_t, 32> headings{};
  };
  static uint32_t KeyOf(std::string_view s);
  static size_t Hash(uint32_t key);
  // The headings that may start `rest`, in the given order; empty when none.
  std::span<const uint16_t> Candidates(std::string_view rest) const;
  std::vector<Heading> headings_;
  std::array<Slot, kSlots> slots_{};
};

// Appends the sections of normalised description text `text` (offsets are
// relative to `text` plus `base`), in order and covering it without gaps.
void SplitSections(std::string_view text, size_t base, const SectionHeadings& headings,
                   std::vector<SectionSpan>& out);

}  // namespace jobsift

#endif  // JOBSIFT_TEXT_SECTIONS_H_

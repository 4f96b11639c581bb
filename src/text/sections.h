// Sections of a posting's text. Descriptions often carry headings (岗位职责,
// 任职要求, 福利待遇, 公司介绍 …); SplitSections finds them so that a match can
// say where it was, and the company blurb can be left out of skills and AI
// terms. Text before any heading is kBody.
//
// Not for: normalisation (normalize.h); call it on normalised text.
#ifndef JOBSIFT_TEXT_SECTIONS_H_
#define JOBSIFT_TEXT_SECTIONS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

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

// Appends the sections of normalised description text `text` (offsets are
// relative to `text` plus `base`), in order and covering it without gaps.
void SplitSections(std::string_view text, size_t base, std::vector<SectionSpan>& out);

}  // namespace jobsift

#endif  // JOBSIFT_TEXT_SECTIONS_H_

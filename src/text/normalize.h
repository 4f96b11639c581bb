// Text normalisation before matching: HTML to text, full-width to half-width,
// whitespace folded, optionally ASCII lower-case and traditional to
// simplified Chinese. The output is what lexicon terms are matched against,
// so nothing inside a tag or an attribute can ever match.
//
// Not for: field values (fields/ fold their own), or sections (sections.h).
#ifndef JOBSIFT_TEXT_NORMALIZE_H_
#define JOBSIFT_TEXT_NORMALIZE_H_

#include <memory>
#include <string>
#include <string_view>

#include "jobsift/status.h"

namespace jobsift {

// Appends the normalised form of `raw` to `out`:
// - tags are removed; <br>, <p>, <li>, <div>, <tr>, <h1>..<h6>, <ol>, <ul>
//   and their closing tags become a line break; <script> and <style>
//   elements are dropped whole; a '<' that does not start a tag ("<5年") is
//   text;
// - entities are decoded (&amp; &lt; &gt; &quot; &apos; &nbsp; &#NN; &#xHH;);
// - full-width ASCII (U+FF01..U+FF5E) becomes ASCII, U+3000 and U+00A0
//   become spaces;
// - runs of spaces and tabs become one space, "\r\n" and "\r" become "\n",
//   spaces around line breaks and runs of blank lines are dropped;
// - with `fold_case`, ASCII letters are lower-cased.
// Invalid UTF-8 is copied as is (the reader has already repaired it).
void AppendNormalizedText(std::string_view raw, std::string& out, bool fold_case = false);

// Traditional to simplified Chinese with OpenCC (Debian's libopencc). One
// converter per thread: OpenCC handles are not shared across threads.
class SimplifiedChinese {
 public:
  // `config` is an OpenCC config such as "t2s.json".
  static StatusOr<std::unique_ptr<SimplifiedChinese>> Open(const std::string& config = "t2s.json");
  ~SimplifiedChinese();
  // Converts `text` in place.
  void Convert(std::string& text) const;

 private:
  explicit SimplifiedChinese(void* handle) : handle_(handle) {}
  void* handle_;
};

}  // namespace jobsift

#endif  // JOBSIFT_TEXT_NORMALIZE_H_

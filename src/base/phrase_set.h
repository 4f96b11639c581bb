// A small fixed set of phrases (list markers, role words, heading words)
// and fast questions about a short text: does any phrase occur in it, does
// one start at a position. A 256-entry table of first bytes turns most
// positions away before any comparison; much faster than one find() per
// phrase on the hot path.
#ifndef JOBSIFT_BASE_PHRASE_SET_H_
#define JOBSIFT_BASE_PHRASE_SET_H_

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace jobsift {

class PhraseSet {
 public:
  PhraseSet(std::initializer_list<std::string_view> phrases);
  explicit PhraseSet(const std::vector<std::string>& phrases);

  // True when some phrase occurs in `text`.
  bool AnyIn(std::string_view text) const;
  // Length of the longest phrase starting at text[pos], or 0.
  size_t LongestAt(std::string_view text, size_t pos) const;

 private:
  std::vector<std::string> phrases_;
  // For each first byte, the phrases starting with it (indexes, longest first).
  std::array<std::vector<uint16_t>, 256> by_first_;
};

}  // namespace jobsift

#endif  // JOBSIFT_BASE_PHRASE_SET_H_

#include "base/phrase_set.h"

#include <algorithm>
#include <cstring>

namespace jobsift {

PhraseSet::PhraseSet(std::initializer_list<std::string_view> phrases)
    : PhraseSet(std::vector<std::string>(phrases.begin(), phrases.end())) {}

PhraseSet::PhraseSet(const std::vector<std::string>& phrases) {
  for (const std::string& p : phrases)
    if (!p.empty()) phrases_.push_back(p);
  std::stable_sort(phrases_.begin(), phrases_.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (size_t i = 0; i < phrases_.size(); ++i)
    by_first_[static_cast<unsigned char>(phrases_[i][0])].push_back(static_cast<uint16_t>(i));
}

size_t PhraseSet::LongestAt(std::string_view text, size_t pos) const {
  const auto& candidates = by_first_[static_cast<unsigned char>(text[pos])];
  for (uint16_t i : candidates) {
    const std::string& p = phrases_[i];
    if (pos + p.size() <= text.size() && std::memcmp(text.data() + pos, p.data(), p.size()) == 0) return p.size();
  }
  return 0;
}

bool PhraseSet::AnyIn(std::string_view text) const {
  for (size_t pos = 0; pos < text.size(); ++pos)
    if (!by_first_[static_cast<unsigned char>(text[pos])].empty() && LongestAt(text, pos) > 0) return true;
  return false;
}

}  // namespace jobsift

#include "io/csv.h"

#include "base/scan_bytes.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace jobsift {
namespace {

using Stretch = std::pair<size_t, size_t>;

// One past the last newline inside the unquoted stretches, searched backwards.
size_t LastEnd(const std::vector<Stretch>& unquoted, const char* base) {
  for (auto it = unquoted.rbegin(); it != unquoted.rend(); ++it) {
    if (it->second <= it->first) continue;
    const void* nl = memrchr(base + it->first, '\n', it->second - it->first);
    if (nl != nullptr) return static_cast<const char*>(nl) - base + 1;
  }
  return 0;
}

}  // namespace

CsvBoundary FindLastRecordEnd(std::string_view buf, char delim) {
  // Jump from quote to quote with memchr: job postings carry few ASCII
  // quotes, so this runs at memory speed. Unquoted stretches are remembered
  // and only the last ones are searched (backwards) for a newline.
  const char* base = buf.data();
  const size_t n = buf.size();
  size_t pos = 0;
  bool quoted = false;
  std::vector<Stretch> unquoted;
  size_t unquoted_begin = 0;
  while (pos < n) {
    const void* hit = std::memchr(base + pos, '"', n - pos);
    if (hit == nullptr) break;
    size_t q = static_cast<const char*>(hit) - base;
    if (!quoted) {
      char prev = q == 0 ? '\n' : base[q - 1];
      if (prev == delim || prev == '\n') {  // a quote opens only a field
        unquoted.emplace_back(unquoted_begin, q);
        quoted = true;
      }
      pos = q + 1;
    } else if (q + 1 == n) {
      // Can't tell `""` from a closing quote without the next byte.
      return {LastEnd(unquoted, base), true};
    } else if (base[q + 1] == '"') {
      pos = q + 2;
    } else {
      quoted = false;
      unquoted_begin = q + 1;
      pos = q + 1;
    }
  }
  if (quoted) return {LastEnd(unquoted, base), true};
  unquoted.emplace_back(unquoted_begin, n);
  return {LastEnd(unquoted, base), false};
}

bool CsvRecordSplitter::Next(std::vector<std::string_view>& fields) {
  fields.clear();
  unescaped_used_ = 0;
  const char* base = buf_.data();
  const size_t n = buf_.size();
  // Skip blank lines (a lone "\n" or "\r\n").
  while (pos_ < n && (base[pos_] == '\n' || (base[pos_] == '\r' && pos_ + 1 < n && base[pos_ + 1] == '\n'))) {
    if (base[pos_] == '\r') ++pos_;
    ++pos_;
  }
  if (pos_ >= n) return false;
  record_begin_ = pos_;
  open_quote_ = false;
  const char delim = delim_;
  for (;;) {
    // At the start of a field.
    if (pos_ < n && base[pos_] == '"') {
      // Quoted field: copy only if it holds `""` or text after the close.
      size_t start = ++pos_;
      std::string* own = nullptr;
      size_t seg = start;
      bool closed = false;
      while (pos_ < n) {
        const void* hit = std::memchr(base + pos_, '"', n - pos_);
        if (hit == nullptr) {
          pos_ = n;
          break;
        }
        size_t q = static_cast<const char*>(hit) - base;
        if (q + 1 < n && base[q + 1] == '"') {
          if (own == nullptr) {
            if (unescaped_used_ == unescaped_.size()) unescaped_.emplace_back();
            own = &unescaped_[unescaped_used_++];
            own->clear();
          }
          own->append(base + seg, q + 1 - seg);  // keep one quote
          pos_ = q + 2;
          seg = pos_;
          continue;
        }
        closed = true;
        pos_ = q + 1;
        std::string_view head(base + seg, q - seg);
        // Text after the closing quote, up to the delimiter, is literal.
        size_t tail = pos_;
        pos_ = FindEither(base + pos_, base + n, delim, '\n') - base;
        std::string_view rest(base + tail, pos_ - tail);
        if (!rest.empty() && rest.back() == '\r' && (pos_ == n || base[pos_] == '\n')) rest.remove_suffix(1);
        if (own == nullptr && rest.empty()) {
          fields.emplace_back(base + start, q - start);
        } else {
          if (own == nullptr) {
            if (unescaped_used_ == unescaped_.size()) unescaped_.emplace_back();
            own = &unescaped_[unescaped_used_++];
            own->clear();
          }
          own->append(head);
          own->append(rest);
          fields.emplace_back(*own);
        }
        break;
      }
      if (!closed) {
        open_quote_ = true;
        fields.emplace_back(base + start, n - start);
        return true;
      }
    } else {
      size_t start = pos_;
      pos_ = FindEither(base + pos_, base + n, delim, '\n') - base;
      size_t end = pos_;
      if (end > start && base[end - 1] == '\r' && (pos_ == n || base[pos_] == '\n')) --end;
      fields.emplace_back(base + start, end - start);
    }
    if (pos_ >= n) return true;
    if (base[pos_] == '\n') {
      ++pos_;
      return true;
    }
    ++pos_;  // the delimiter; another field follows
  }
}

char DetectDelimiter(std::string_view sample) {
  static constexpr char kCandidates[] = {',', '\t', ';', '|'};
  char best = ',';
  double best_score = 0;
  for (char d : kCandidates) {
    CsvRecordSplitter split(sample, d);
    std::vector<std::string_view> fields;
    std::vector<size_t> counts;
    while (counts.size() < 30 && split.Next(fields)) {
      if (split.open_quote()) break;  // the sample cut a record
      counts.push_back(fields.size());
    }
    if (counts.empty() || counts[0] < 2) continue;
    // Share of later lines whose field count equals the header's.
    size_t same = 0;
    for (size_t i = 1; i < counts.size(); ++i) same += counts[i] == counts[0];
    double consistency = counts.size() > 1 ? double(same) / double(counts.size() - 1) : 1.0;
    double score = consistency * 1000 + static_cast<double>(counts[0]);
    if (score > best_score) {
      best_score = score;
      best = d;
    }
  }
  return best;
}

}  // namespace jobsift

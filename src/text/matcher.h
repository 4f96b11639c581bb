// Finds every occurrence of a set of literal patterns in text: all lexicons
// compiled once into one immutable Vectorscan database; each worker thread
// owns a Scratch (Vectorscan's per-thread scan state, reused so a scan never
// allocates). Scan reports (pattern id, begin, end) through a plain callback.
// Compiled databases are kept in a cache folder and read back when the
// patterns are the same byte for byte ($JOBSIFT_CACHE_DIR, "off" for none;
// else $XDG_CACHE_HOME/jobsift or ~/.cache/jobsift; docs/report.md).
//
// Not for: word boundaries, exclusions or what a term means — the annotator
// decides that from the raw occurrences.
#ifndef JOBSIFT_TEXT_MATCHER_H_
#define JOBSIFT_TEXT_MATCHER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "jobsift/status.h"

struct hs_database;
struct hs_scratch;

namespace jobsift {

class Matcher {
 public:
  struct Pattern {
    std::string text;  // a literal, matched byte for byte
    bool caseless;     // ASCII letters match either case
  };

  // Compiles the patterns; pattern i is reported with id i.
  static StatusOr<std::unique_ptr<Matcher>> Compile(const std::vector<Pattern>& patterns);
  ~Matcher();

  class Scratch {
   public:
    ~Scratch();

   private:
    friend class Matcher;
    hs_scratch* scratch_ = nullptr;
  };
  // One per thread; valid as long as this Matcher.
  std::unique_ptr<Scratch> NewScratch() const;

  // Called for every occurrence, in order of `end`, until it returns false.
  using Sink = bool (*)(void* ctx, uint32_t id, size_t begin, size_t end);
  void Scan(std::string_view text, Scratch& scratch, Sink sink, void* ctx) const;

  // Every occurrence, appended to `out` in order of `end`: the same as Scan
  // with a sink that appends, without a call through a pointer per match.
  struct Hit {
    uint32_t id;
    size_t begin, end;
  };
  void ScanAll(std::string_view text, Scratch& scratch, std::vector<Hit>* out) const;

  size_t size() const { return lengths_.size(); }

 private:
  Matcher() = default;
  // Vectorscan's match_event_handler.
  using MatchHandler = int (*)(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void* ctx);
  // hs_scan of `text` (empty: nothing) with `on_match`.
  void Run(std::string_view text, Scratch& scratch, MatchHandler on_match, void* ctx) const;
  hs_database* db_ = nullptr;
  std::vector<uint32_t> lengths_;
};

}  // namespace jobsift

#endif  // JOBSIFT_TEXT_MATCHER_H_

// Views of finished runs: their state files (`report --state`) loaded once
// into memory, and the report of any slice of their postings — a period,
// a city, province or tier, an industry, a degree, a company size, an
// experience band, another AI definition — computed from what was loaded,
// without reading the inputs again (`jobsift serve`, docs/serve.md).
//
// A view counts exactly what `jobsift merge` over the same states counts
// for the same postings: duplicates are decided once, over all postings
// (so a re-post in another city is still a re-post), then the view keeps
// its slice. With only a city and/or an industry, a view's tables are
// byte for byte `merge --city/--industry`'s.
//
// Memory: some 60 bytes a loaded posting, plus the names of its dimensions,
// skill groups and AI terms, once each.
#ifndef JOBSIFT_VIEWS_H_
#define JOBSIFT_VIEWS_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "jobsift/console.h"
#include "jobsift/options.h"
#include "jobsift/report.h"
#include "jobsift/status.h"

namespace jobsift {

// Which postings a view keeps ("" = any) and how its tables are made.
struct ViewFilter {
  std::string from, to;  // quarters, "2023Q1": postings dated from … to (undated ones fall outside)
  std::string city, province, tier, industry, degree, size, experience;  // canonical names
  std::string definition;  // the AI flag under this definition ("" = the states')
  TableChoices tables;     // the focus half-year (tables.half), min_n, top cities and industries
  // The postings are counted on this many threads: the same result for any.
  int threads = 1;
  // When set and it becomes true, the view stops and is an Interrupted error.
  const std::atomic<bool>* cancel = nullptr;
};

// The dimensions a filter may name, as ViewFilter spells them.
inline constexpr std::string_view kViewFacets[] = {"quarter", "half",     "city", "province",  "tier",
                                                   "industry", "degree", "size", "experience"};

class LoadedRun {
 public:
  // Loads `states` (in input order, as `jobsift merge` takes them): checks
  // each whole, decides duplicates over all of them and keeps every
  // posting. From `run`, the lexicons (the states' own) and the data
  // tables (cities' provinces and tiers) count.
  static StatusOr<LoadedRun> Load(const RunOptions& run, const std::vector<std::string>& states, Console& console);

  // The report of the postings `filter` keeps. A value that no posting has
  // (a city never seen, a quarter out of range) is an InvalidArgument naming
  // the filter, as is a definition the states cannot serve. Thread-safe.
  StatusOr<ReportResult> View(const ViewFilter& filter) const;

  // The values a filter may give `facet` (kViewFacets), most postings
  // first; quarters and halves in time order. Unknown is not among them.
  const std::vector<std::string>& Values(std::string_view facet) const;

  // The AI definitions a view may ask for. One flags postings the states did
  // not record as AI (their skills and terms were not kept) is listed but
  // not available, with why.
  struct Definition {
    std::string name, codes;
    bool available = false;
    std::string why;
  };
  const std::vector<Definition>& definitions() const;
  const std::string& definition() const;  // the states' own

  uint64_t postings() const;    // loaded, duplicates included
  uint64_t duplicates() const;  // of them, re-posts
  const std::vector<std::string>& states() const;

  struct Impl;
  explicit LoadedRun(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

 private:
  std::shared_ptr<const Impl> impl_;
};

}  // namespace jobsift

#endif  // JOBSIFT_VIEWS_H_

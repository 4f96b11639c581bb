// Postings annotated as values: every derived field (value, rule, unknown
// reason), the AI flag and category with their evidence, the skill, soft
// skill and benefit groups: the columns of `jobsift annotate`
// (docs/annotate.md), typed, for a program to hold rather than parse.
#ifndef JOBSIFT_ANNOTATE_H_
#define JOBSIFT_ANNOTATE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "jobsift/commands.h"
#include "jobsift/console.h"
#include "jobsift/options.h"
#include "jobsift/status.h"

namespace jobsift {

// A cell: unknown, text, an integer (line, term counts), a number (salary
// in yuan), a flag (ai), or a list (terms, groups).
using AnnotationCell = std::variant<std::monostate, std::string, int64_t, double, bool, std::vector<std::string>>;

struct AnnotatedPosting {
  std::vector<AnnotationCell> cells;  // one per AnnotationColumns() entry
  // The input columns asked for (AnnotateRequest::keep / keep_all), in
  // order; nullopt where the posting's file has no such column.
  std::vector<std::pair<std::string, std::optional<std::string>>> input;
};

// The column names, in order: "id", "source", "line", …, "category_evidence".
const std::vector<std::string>& AnnotationColumns();

// Annotates every posting of `run.inputs`, handing each to `sink` in input
// order (from one thread at a time). Of the request, keep, keep_all and
// explain count. Returns what Annotate returns.
StatusOr<int> AnnotateEach(const RunOptions& run, const AnnotateRequest& request,
                           const std::function<void(AnnotatedPosting&&)>& sink, Console& console);

// Annotates postings given one at a time, as field name → text ("position",
// "description", "salary", "city", "degree", "experience", "company_size",
// "company_indus", "date", "company_name", … as docs/fields.md names them):
// the way to parse a single salary or classify a single title.
// Safe to share between threads (calls are serialised).
class PostingAnnotator {
 public:
  static StatusOr<PostingAnnotator> Create(const RunOptions& run, bool explain = false);
  // An unknown field name is an InvalidArgument naming the valid ones.
  StatusOr<AnnotatedPosting> Annotate(const std::vector<std::pair<std::string, std::string>>& fields) const;

  struct Impl;

 private:
  explicit PostingAnnotator(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

}  // namespace jobsift

#endif  // JOBSIFT_ANNOTATE_H_

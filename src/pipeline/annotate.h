// `jobsift annotate`: one output row per accepted posting, in input order,
// with every derived field (value, rule, unknown reason), the AI flag with
// its rule and matched terms, and the hard/soft/benefit groups. Columns and
// their order are documented in docs/annotate.md and stable; JSON Lines and
// CSV carry the same columns. Rows are formatted by the workers and written
// in order by the collector, so output is identical for any --threads.
#ifndef JOBSIFT_PIPELINE_ANNOTATE_H_
#define JOBSIFT_PIPELINE_ANNOTATE_H_

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "fields/normalize.h"
#include "lexicon/annotator.h"
#include "pipeline/reader.h"

namespace jobsift {

enum class AnnotateFormat { kJsonl, kCsv };

// Input columns passed through beside the annotation, and the CSV's BOM.
struct AnnotateOutput {
  // These input columns, by header name (or #N), after the annotation:
  // JSON Lines as an object "input" ({name: value or null}), CSV as columns
  // "input.<name>" (empty where a file lacks the column).
  std::vector<std::string> keep;
  // JSON Lines only: every column of each posting's file into "input". (For
  // CSV the caller lists every file's columns in `keep`: CSV needs its
  // columns before the first row.)
  bool keep_all = false;
  // CSV: start with a UTF-8 byte-order mark, so that Excel on a Chinese
  // Windows PC reads UTF-8 rather than GBK.
  bool bom = true;
};

// The column names, in output order.
const std::vector<std::string>& AnnotateColumns();

// One annotated posting as values rather than text, for callers that want
// data (the public API, jobsift/annotate.h, declares the same variant):
// a cell per AnnotateColumns() entry, unknown as monostate; then the input
// columns asked for, a missing one as nullopt.
using AnnotationCell = std::variant<std::monostate, std::string, int64_t, double, bool, std::vector<std::string>>;
struct AnnotatedValues {
  std::vector<AnnotationCell> cells;
  std::vector<std::pair<std::string, std::optional<std::string>>> input;
};

class AnnotateJob : public PostingJob {
 public:
  // Writes to `out` (not owned), which must stay open for the run.
  AnnotateJob(const FieldNormalizer* fields, const Annotator* annotator, AnnotateFormat format, std::FILE* out,
              AnnotateOutput options = {});
  // Hands each posting's values to `sink`, in input order, from one thread
  // at a time (options.bom does not apply).
  using Sink = std::function<void(AnnotatedValues&&)>;
  AnnotateJob(const FieldNormalizer* fields, const Annotator* annotator, Sink sink, AnnotateOutput options = {});
  std::unique_ptr<PostingTask> NewTask() override;
  void Finish(std::unique_ptr<PostingTask> task) override;
  bool WantsLineNumbers() const override { return true; }

  uint64_t rows() const { return rows_; }
  uint64_t ai_rows() const { return ai_rows_; }
  bool write_failed() const { return write_failed_; }

 private:
  const FieldNormalizer* fields_;
  const Annotator* annotator_;
  AnnotateFormat format_;
  AnnotateOutput options_;
  std::FILE* out_ = nullptr;
  Sink sink_;
  uint64_t rows_ = 0;
  uint64_t ai_rows_ = 0;
  bool write_failed_ = false;
};

// Formats one annotated posting as a row (exposed for tests), with the input
// columns `options` asks for.
void AppendAnnotationRow(const Posting& p, const DerivedFields& d, const Annotation& a, const Lexicon& lex,
                         AnnotateFormat format, std::string& out, const AnnotateOutput& options = {});
// The same as values.
AnnotatedValues AnnotationValues(const Posting& p, const DerivedFields& d, const Annotation& a, const Lexicon& lex,
                                 const AnnotateOutput& options = {});

}  // namespace jobsift

#endif  // JOBSIFT_PIPELINE_ANNOTATE_H_

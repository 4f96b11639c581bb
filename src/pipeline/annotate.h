// `jobsift annotate`: one output row per accepted posting, in input order,
// with every derived field (value, rule, unknown reason), the AI flag with
// its rule and matched terms, and the hard/soft/benefit groups. Columns and
// their order are documented in docs/annotate.md and stable; JSON Lines and
// CSV carry the same columns. Rows are formatted by the workers and written
// in order by the collector, so output is identical for any --threads.
#ifndef JOBSIFT_PIPELINE_ANNOTATE_H_
#define JOBSIFT_PIPELINE_ANNOTATE_H_

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "fields/normalize.h"
#include "lexicon/annotator.h"
#include "pipeline/reader.h"

namespace jobsift {

enum class AnnotateFormat { kJsonl, kCsv };

// The column names, in output order.
const std::vector<std::string>& AnnotateColumns();

class AnnotateJob : public PostingJob {
 public:
  // Writes to `out` (not owned), which must stay open for the run.
  AnnotateJob(const FieldNormalizer* fields, const Annotator* annotator, AnnotateFormat format, std::FILE* out);
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
  std::FILE* out_;
  uint64_t rows_ = 0;
  uint64_t ai_rows_ = 0;
  bool write_failed_ = false;
};

// Formats one annotated posting as a row (exposed for tests).
void AppendAnnotationRow(const Posting& p, const DerivedFields& d, const Annotation& a, const Lexicon& lex,
                         AnnotateFormat format, std::string& out);

}  // namespace jobsift

#endif  // JOBSIFT_PIPELINE_ANNOTATE_H_

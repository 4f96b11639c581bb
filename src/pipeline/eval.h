// `jobsift eval`: precision, recall and F1 of AI classification rules on
// hand-labelled real postings (data/eval/ai_labels.tsv: source, key, label,
// stratum, title, reason). Each labelled source file is read with the normal
// reader; a posting is matched to its label by its Id, or by "line:N" when
// the file has no id column. Every variant (a rule plus whether the company
// blurb counts) is scored on the same postings.
#ifndef JOBSIFT_PIPELINE_EVAL_H_
#define JOBSIFT_PIPELINE_EVAL_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lexicon/annotator.h"
#include "jobsift/status.h"
#include "pipeline/reader.h"

namespace jobsift {

struct Label {
  std::string source;  // relative to the data root, "a/job.zip!job.xlsx"
  std::string key;     // posting id, or "line:N"
  bool ai = false;
  std::string stratum;
  std::string title;
  std::string reason;
};

// How a labels file names a posting: its source below `prefix` (the data
// root and a slash), and its id, or "line:N" in a file without ids.
using LabelKey = std::pair<std::string, std::string>;
LabelKey LabelKeyOf(const Posting& p, const std::string& prefix);

// What reading the postings a labels file names needs: the label index of
// each key, the data root with its slash, and the files to read.
struct LabelledInputs {
  std::map<LabelKey, size_t> index;
  std::string prefix;
  std::vector<std::string> files;
};
// NotFound, naming the datasets and how to point at them, when `data_root`
// is not there.
StatusOr<LabelledInputs> PrepareLabelled(const std::vector<LabelKey>& keys, const std::string& data_root);
// Reads `in.files` with `job`; an input that cannot be read is an error.
Status ReadLabelledFiles(const LabelledInputs& in, PostingJob* job);

// Reads from the real datasets under `data_root` the postings `keys` name
// (each key's first posting) and returns, by the index of its key, what
// `new_reader()`'s function makes of each; `new_reader` runs once per
// worker, so the function it returns may keep scratch of its own.
template <class Result>
StatusOr<std::map<size_t, Result>> ReadLabelled(
    const std::vector<LabelKey>& keys, const std::string& data_root,
    const std::function<std::function<Result(const Posting&)>()>& new_reader) {
  class Job : public PostingJob {
   public:
    Job(const LabelledInputs* in, const std::function<std::function<Result(const Posting&)>()>* new_reader)
        : in_(in), new_reader_(new_reader) {}
    class Task : public PostingTask {
     public:
      Task(const LabelledInputs* in, std::function<Result(const Posting&)> read) : in_(in), read_(std::move(read)) {}
      void Add(const Posting& p) override {
        auto it = in_->index.find(LabelKeyOf(p, in_->prefix));
        if (it != in_->index.end()) found.emplace_back(it->second, read_(p));
      }
      std::vector<std::pair<size_t, Result>> found;

     private:
      const LabelledInputs* in_;
      std::function<Result(const Posting&)> read_;
    };
    std::unique_ptr<PostingTask> NewTask() override { return std::make_unique<Task>(in_, (*new_reader_)()); }
    void Finish(std::unique_ptr<PostingTask> t) override {
      for (auto& [i, r] : static_cast<Task*>(t.get())->found) results.emplace(i, std::move(r));  // a key's first
    }
    bool WantsLineNumbers() const override { return true; }
    std::map<size_t, Result> results;

   private:
    const LabelledInputs* in_;
    const std::function<std::function<Result(const Posting&)>()>* new_reader_;
  };
  auto in = PrepareLabelled(keys, data_root);
  if (!in.ok()) return in.status();
  Job job(&*in, &new_reader);
  if (Status st = ReadLabelledFiles(*in, &job); !st.ok()) return st;
  return std::move(job.results);
}

// Reads a tab-separated labels file: skips "#" comment lines and blank
// lines, checks the header row with `header`, and passes each other row's
// columns to `row` with "path:line" to name it in errors.
Status ReadLabelRows(const std::string& path,
                     const std::function<Status(const std::vector<std::string_view>& cols)>& header,
                     const std::function<Status(const std::vector<std::string_view>& cols, const std::string& where)>& row);

StatusOr<std::vector<Label>> LoadLabels(const std::string& path);

struct Variant {
  std::string name;  // "default", "default+company", "report"
  AnnotateOptions options;
};

// The variants jobsift ships and measures.
std::vector<Variant> StandardVariants();

struct Score {
  uint64_t tp = 0, fp = 0, fn = 0, tn = 0;
  void Add(bool predicted, bool truth) {
    if (predicted && truth) ++tp;
    else if (predicted) ++fp;
    else if (truth) ++fn;
    else ++tn;
  }
  double Precision() const { return tp + fp == 0 ? 0 : static_cast<double>(tp) / static_cast<double>(tp + fp); }
  double Recall() const { return tp + fn == 0 ? 0 : static_cast<double>(tp) / static_cast<double>(tp + fn); }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
};

// The 95% Wilson score interval of a proportion of `hits` in `n` ({0, 1}
// when n is 0): how far a precision or recall measured on n postings can
// be from the one on all postings like them.
struct Interval {
  double low = 0, high = 1;
};
Interval Wilson95(uint64_t hits, uint64_t n);
// Of a share of an effective sample size (weighted samples); {0, 1} for n = 0.
Interval Wilson95OfShare(double share, double n);

struct Miss {
  std::string source, key, title, stratum, reason, terms;
  std::string rule;  // the rule that made a false positive
  bool label = false;
};

struct EvalResult {
  std::vector<Variant> variants;
  std::vector<Score> scores;                         // per variant
  std::vector<std::map<std::string, Score>> by_stratum;  // per variant
  std::vector<std::vector<Miss>> misses;             // per variant
  size_t labels = 0;
  std::vector<std::string> not_found;  // labels whose posting was not in the data
};

// Where the real datasets the labels point into are read from when no
// --data-root is given: $JOBSIFT_REAL_DATA, else ../shared/data/real beside
// the source tree (where the project's CI has them; a clone alone has not).
std::string DefaultRealDataRoot();

// Scores `variants` (built on `lexicon`) on `labels`, reading postings
// under `data_root`. A `data_root` that is not there is a NotFound error
// saying what it needs and where it looked.
StatusOr<EvalResult> Evaluate(const std::vector<Label>& labels, const std::string& data_root, const Lexicon& lexicon,
                              const std::vector<Variant>& variants);

std::string EvalText(const EvalResult& r, bool list_misses);

// Two labellings of the same postings (`jobsift eval --agreement`): how often
// they agree, Cohen's kappa, the second scored as a classifier against the
// first, and the postings both label alike, to score the rules on.
struct Agreement {
  size_t both = 0;                               // postings in both files
  std::vector<std::string> only_first, only_second;  // "source key" in one file only
  Score second_vs_first;
  double observed = 0;  // share of `both` labelled alike
  double kappa = 0;     // NaN when chance agreement is 1 (one label throughout)
  std::vector<std::pair<Label, Label>> disagreements;  // first's and second's, in first's order
  std::vector<Label> consensus;                        // first's labels where both agree
};

// Fails on a posting listed twice in one file.
StatusOr<Agreement> CompareLabels(const std::vector<Label>& first, const std::vector<Label>& second);

std::string AgreementText(const Agreement& a);

}  // namespace jobsift

#endif  // JOBSIFT_PIPELINE_EVAL_H_

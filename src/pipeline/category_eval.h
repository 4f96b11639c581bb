// `jobsift eval` on category labels (data/eval/category_labels.tsv): how
// often each definition of "AI job" (lexicon/category.h) is right over a whole
// dataset, measured as AI_TAXONOMY.md says: population precision and recall,
// each posting of the stratified random sample weighted by its stratum's
// frame size over the labels drawn from it, with a 95% Wilson interval on
// the effective sample size; per dataset and definition, for the rules and
// for the model under cross-validation (folds by posting, and leaving one
// dataset out), the confusion between categories, and category accuracy.
// Also trains the model on every label (--train).
//
// Not for: the binary AI labels of issue 4 (pipeline/eval.h).
#ifndef JOBSIFT_PIPELINE_CATEGORY_EVAL_H_
#define JOBSIFT_PIPELINE_CATEGORY_EVAL_H_

#include <array>
#include <map>
#include <string>
#include <vector>

#include "jobsift/status.h"
#include "lexicon/annotator.h"
#include "lexicon/category.h"
#include "pipeline/eval.h"

namespace jobsift {

struct CategoryLabel {
  std::string source, key;
  AiCategory category = AiCategory::kNone;
  std::string dataset, stratum, labeller, title, reason;
};

// Reads a category labels file (the header `source key category dataset
// stratum labeller title reason`). A posting listed twice is an error.
StatusOr<std::vector<CategoryLabel>> LoadCategoryLabels(const std::string& path);
// Whether `path`'s header is that of category labels.
bool IsCategoryLabelsFile(const std::string& path);

// A stratum's frame: how many postings of the dataset it holds
// (data/eval/category_frame.tsv: dataset, stratum, frame).
StatusOr<std::map<std::pair<std::string, std::string>, uint64_t>> LoadFrame(const std::string& path);

// One labelled posting as jobsift reads it: the model's features, the
// rules' category, and whether it has an AI term anywhere.
struct ReadPosting {
  size_t label = 0;  // index into the labels
  std::vector<std::string> features;
  AiCategory rules = AiCategory::kNone;
  bool any_term = false;
};
// Reads the labelled postings from `data_root` (NotFound, saying what it
// needs, when it is not there) and annotates each with `lexicon`.
StatusOr<std::vector<ReadPosting>> ReadLabelledPostings(const std::vector<CategoryLabel>& labels,
                                                        const std::string& data_root, const Lexicon& lexicon,
                                                        std::vector<std::string>* not_found);

// A population estimate from the weighted sample.
struct Estimate {
  double value = 0;     // weighted share
  double n_eff = 0;     // Kish's effective sample size
  size_t n = 0;         // labelled postings behind it
  Interval ci;          // Wilson 95% on n_eff
};
struct DefinitionScore {
  Estimate precision, recall;
  double positives = 0;  // estimated postings of the definition's categories in the dataset
};

struct CategoryEvalResult {
  std::vector<std::string> datasets;  // sorted, "all" last
  // [method][definition][dataset]; methods: rules, model (10-fold CV),
  // model (leave one dataset out).
  std::vector<std::string> methods;
  std::vector<std::vector<std::vector<DefinitionScore>>> scores;
  // The model's cross-validated confusion (rows: labels, columns: predicted),
  // over the labelled postings, and the category accuracy over the
  // population (weighted) and over the labels.
  std::array<std::array<size_t, kCategoryCount>, kCategoryCount> confusion{};
  std::vector<double> accuracy_population, accuracy_sample;  // per method
  size_t labels = 0;
  std::vector<std::string> not_found;
};

// Scores the rules and the model (trained fold by fold) on the labels.
StatusOr<CategoryEvalResult> EvaluateCategories(const std::vector<CategoryLabel>& labels,
                                                const std::vector<ReadPosting>& postings,
                                                const std::map<std::pair<std::string, std::string>, uint64_t>& frame,
                                                const CategoryModel::TrainOptions& train);

std::string CategoryEvalText(const CategoryEvalResult& r);

// The model trained on every labelled posting.
CategoryModel TrainOnLabels(const std::vector<CategoryLabel>& labels, const std::vector<ReadPosting>& postings,
                            const CategoryModel::TrainOptions& train);

// How two category labellings of the same postings agree: share alike and
// Cohen's kappa over the seven categories and per shipped definition.
std::string CategoryAgreementText(const std::vector<CategoryLabel>& first, const std::vector<CategoryLabel>& second);

}  // namespace jobsift

#endif  // JOBSIFT_PIPELINE_CATEGORY_EVAL_H_

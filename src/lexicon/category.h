// What kind of AI work a posting is (AI_TAXONOMY.md): one category per
// posting, judged by the work the hired person does (B builder, A application
// engineer, D data work, E education, S business, U tool user, N not AI), and
// the definitions of "AI job" as sets of categories (core = B, default = B+A,
// broad = B+A+D, report = any AI term anywhere).
//
// A category comes from one of two classifiers, both explainable:
// - the rules (the transparent baseline): the default AI rule's verdict
//   (annotator.h) makes B or A, title patterns D, E, S, U;
// - the model: a multinomial logistic regression over features of the title,
//   the duties and the AI terms by section (CategoryFeatures), with weights
//   shipped as reviewed data (data/model/category_weights.tsv) and trained by
//   `jobsift eval --train` on data/eval/category_labels.tsv.
// Both run only on postings with an AI term: any other posting is N.
//
// Not for: finding the terms (annotator.h) or counting (aggregate/).
#ifndef JOBSIFT_LEXICON_CATEGORY_H_
#define JOBSIFT_LEXICON_CATEGORY_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/phrase_set.h"
#include "jobsift/status.h"
#include "lexicon/lexicon.h"
#include "text/sections.h"

namespace jobsift {

enum class AiCategory : uint8_t { kBuilder, kApplication, kData, kEducation, kBusiness, kToolUser, kNone };
inline constexpr size_t kCategoryCount = 7;
inline constexpr AiCategory kAllCategories[kCategoryCount] = {
    AiCategory::kBuilder,  AiCategory::kApplication, AiCategory::kData, AiCategory::kEducation,
    AiCategory::kBusiness, AiCategory::kToolUser,    AiCategory::kNone};
char CategoryCode(AiCategory c);               // 'B'
std::string_view CategoryCodeText(AiCategory c);  // "B"
std::string_view CategoryName(AiCategory c);   // "builder"
std::string_view CategoryLabelZh(AiCategory c);  // "AI构建者"
bool CategoryFromCode(std::string_view code, AiCategory* out);

// A definition of "AI job": a set of categories, or any AI term anywhere.
struct AiDefinition {
  std::string name;          // "core", "default", "broad", "report", or a config's
  uint8_t categories = 0;    // bit (1 << category)
  bool any_term = false;     // report: an AI term anywhere, whatever the category
  bool Contains(AiCategory c) const { return categories & (1u << static_cast<unsigned>(c)); }
  // Whether a posting of category `c` (with an AI term anywhere or not) is
  // an AI job under this definition.
  bool Flags(AiCategory c, bool any_ai_term) const { return any_term ? any_ai_term : Contains(c); }
  std::string Codes() const;  // "B+A", or "any term"
  bool operator==(const AiDefinition&) const = default;
};
// core, default, broad, report, in that order.
const std::vector<AiDefinition>& ShippedDefinitions();
// The shipped definitions, then `extra` (the config's): what D1 and
// classify show side by side.
std::vector<AiDefinition> AllDefinitions(const std::vector<AiDefinition>& extra);
// A shipped definition by name, or one of `extra` (the config's).
StatusOr<AiDefinition> FindDefinition(std::string_view name, const std::vector<AiDefinition>& extra = {});
// A definition from codes such as "B+A+D" (config: [definitions] mine = "B+A+D").
StatusOr<AiDefinition> ParseDefinition(std::string name, std::string_view codes);

enum class CategoryMethod : uint8_t { kRules, kModel };
std::string_view CategoryMethodName(CategoryMethod m);  // "rules", "model"
StatusOr<CategoryMethod> CategoryMethodFromName(std::string_view name);

// What a run's AI flag means, as states, summary.json and report.html say
// it: a merge cannot mix two.
struct AiFlagInfo {
  std::string definition;      // "default"
  std::string categories;      // "B+A", or "any term"
  std::string classifier;      // "model", "rules"
  std::string model_checksum;  // the model's (CategoryModel::Checksum), "" for the rules
  bool operator==(const AiFlagInfo&) const = default;
  // "default (B+A), model 0379bae8ae69f8bf"
  std::string Label() const;
};

// What the classifiers read of an annotated posting. Views into the
// annotator's scratch text, valid during the call.
struct CategoryInput {
  std::string_view title;         // normalised
  std::string_view duties;        // the duties section, else the text before any heading
  std::string_view requirements;  // the requirements section
  bool has_description = false;
  struct Hit {
    std::string_view term;   // as written in the lexicon
    std::string_view group;  // its group
    Section section;
    bool weak = false;
  };
  std::vector<Hit> ai_hits;      // AI terms outside the company blurb, first occurrences
  std::string_view rule;         // the default AI rule's verdict ("" when it does not fire)
  bool non_technical_title = false;
  bool general_software_title = false;
};

// The rules' category: the default rule firing makes B, or A for software
// titles and LLM-application duties; otherwise title patterns make D (标注,
// 训练师), E (老师, 讲师), S (sales, product, consulting roles) or U (AI tools
// in the duties of another job); else N. `rule` names what decided
// ("category.rules_builder", …).
// The patterns come from the lexicon's rule words (category.*).
class CategoryRules {
 public:
  explicit CategoryRules(const RuleWords& w)
      : app_title(w.app_title), app_work(w.app_work), build_work(w.build_work), data_title(w.data_title),
        teach_title(w.teach_title), tools(w.tools) {}
  PhraseSet app_title, app_work, build_work, data_title, teach_title, tools;
};
AiCategory RulesCategory(const CategoryInput& in, const CategoryRules& rules, std::string_view* rule);

// The model's features of a posting, each a string (explainable): title
// character 1–3-grams ("t:算法"), duties character bigrams ("d:训练"), AI terms
// and groups by section ("a:深度学习@duties", "g:自然语言处理@title"), counts
// of strong terms in the duties and requirements, the default rule's verdict
// ("r:default.title_term"), role words of the title, "bias".
void CategoryFeatures(const CategoryInput& in, std::vector<std::string>* out);

// A multinomial logistic regression: a weight per (feature, category).
// Weights are held as integers (units of 1e-7) so that a posting's scores
// are exact sums, whatever the order its features come in. Features are
// looked up by a 64-bit hash of their names (two names of one hash are an
// error when the model is made; a posting's feature not in the model that
// shares a model feature's hash, about 1 in 10^14 per feature, would count
// as that feature).
class CategoryModel {
 public:
  // Per thread: what Classify(const CategoryInput&) reuses.
  class Scratch;

  CategoryModel();
  CategoryModel(CategoryModel&&) noexcept;
  CategoryModel& operator=(CategoryModel&&) noexcept;
  ~CategoryModel();

  // Reads a weights file: "# ..." comment lines, then `feature<TAB>w_B<TAB>…<TAB>w_N`.
  static StatusOr<CategoryModel> Load(const std::string& path);

  struct Example {
    std::vector<std::string> features;
    AiCategory category = AiCategory::kNone;
  };
  struct TrainOptions {
    int epochs = 40;
    double learning_rate = 0.3;  // AdaGrad's base rate
    double l2 = 1e-4;
    uint64_t seed = 20261205;    // the order examples are visited in
  };
  // Trains on `examples` (deterministic: the same examples and options give
  // the same weights), rounded as the weights file writes them.
  static CategoryModel Train(const std::vector<Example>& examples, const TrainOptions& options);

  // The category with the highest score (the first of equals), and each
  // category's score.
  AiCategory Classify(const std::vector<std::string>& features, std::array<double, kCategoryCount>* scores) const;
  // The same as Classify of CategoryFeatures(in), without making the
  // features' names: what annotate and report run on every posting with an
  // AI term.
  AiCategory Classify(const CategoryInput& in, Scratch& scratch) const;
  std::unique_ptr<Scratch> NewScratch() const;
  // The features that pushed `features` most towards `c` against the
  // runner-up: "t:算法 +1.23", largest first.
  std::vector<std::string> Explain(const std::vector<std::string>& features, AiCategory c, size_t k) const;

  // The weights file (Load reads it back), with `header` lines as comments.
  std::string Tsv(const std::string& header) const;
  // FNV-1a of the weights, 16 hex digits: states and reports name it.
  std::string Checksum() const;
  size_t size() const { return names_.size(); }
  bool empty() const { return names_.empty(); }

 private:
  // The feature's index, or -1.
  int64_t Find(uint64_t key) const;
  Status Add(std::string name, const std::array<int32_t, kCategoryCount>& weights);
  static AiCategory Decide(const std::array<int64_t, kCategoryCount>& sums,
                           std::array<double, kCategoryCount>* scores);
  // Feature indexes in order of name.
  std::vector<size_t> ByName() const;

  std::vector<std::string> names_;
  std::vector<uint64_t> keys_;
  std::vector<std::array<int32_t, kCategoryCount>> weights_;
  std::vector<uint32_t> slots_;  // open addressing: feature index + 1, 0 empty
  size_t mask_ = 0;
};

class CategoryModel::Scratch {
 public:
  std::vector<uint32_t> stamp;  // per feature: the posting that last counted it
  uint32_t posting = 0;
  std::vector<std::string_view> chars;
};

}  // namespace jobsift

#endif  // JOBSIFT_LEXICON_CATEGORY_H_

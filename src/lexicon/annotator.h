// The heart of the product: what a posting's text says. The annotator
// normalises the title, description and benefits field of a Posting, splits
// the description into sections, runs every lexicon over it in one scan, and
// decides:
// - the AI flag, by a configurable rule, with the rule that fired and the
//   AI terms that matched and where (title, duties, requirements, …);
// - the hard-skill, soft-skill and benefit groups the posting mentions
//   (a posting counts once per group), and term counts.
// An Annotator is immutable and thread-safe; each thread owns a Scratch.
//
// Not for: field values (fields/) or counting across postings (aggregate).
#ifndef JOBSIFT_LEXICON_ANNOTATOR_H_
#define JOBSIFT_LEXICON_ANNOTATOR_H_

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/phrase_set.h"
#include "base/string_memo.h"
#include "jobsift/status.h"
#include "lexicon/category.h"
#include "lexicon/lexicon.h"
#include "schema/posting.h"
#include "text/matcher.h"
#include "text/normalize.h"
#include "text/sections.h"

namespace jobsift {

enum class AiRule : uint8_t {
  // The reference report's rule: any AI term anywhere (title, description,
  // company blurb; weak terms too) makes an AI posting.
  kReport,
  // jobsift's default, tuned on hand-labelled postings (data/eval), outside
  // the company blurb: a strong AI term in the title of a technical role
  // (default.title_term); a weak one (AI, 算法 …) there confirmed by a strong
  // term in the description (default.title_weak_confirmed); or at least
  // min_description_terms distinct strong terms in the description
  // (default.description_terms). Mentions offered as a plus (…优先, 加分),
  // listed among accepted majors (…专业) or asking only to use AI tools do
  // not count in the description. See docs/classification.md.
  kDefault,
};
std::string_view AiRuleName(AiRule r);  // "report", "default"
StatusOr<AiRule> AiRuleFromName(std::string_view name);

struct AnnotateOptions {
  AiRule ai_rule = AiRule::kDefault;
  // Leave the company blurb (公司介绍 …) out of the AI decision under the
  // default rule, and out of skills and benefits. Measured on the labelled
  // postings: see docs/classification.md.
  bool skip_company_for_ai = true;
  bool skip_company_for_skills = true;
  bool traditional_to_simplified = false;
  // Default rule: distinct strong AI terms the description needs when the
  // title has none.
  size_t min_description_terms = 2;
  // Only `ai` and `ai_rule` (and, categorizing, the category) are wanted
  // (jobsift classify, and report's first look at a posting): the other
  // fields may come back incomplete — without weak AI terms where no AI job
  // can be, empty where the title alone decides.
  bool decide_only = false;

  // What kind of AI work each posting is (category.h), by `category_method`
  // (the model needs `category_model`). The AI flag is then whether the
  // category is in `definition` (or, for `report`, any AI term anywhere);
  // `ai_rule` still names the default rule's verdict, the rules' evidence.
  bool categorize = false;
  CategoryMethod category_method = CategoryMethod::kModel;
  std::shared_ptr<const CategoryModel> category_model;
  AiDefinition definition = ShippedDefinitions()[1];  // default: B + A
  // Categorizing: also the model's features (eval trains on them) and the
  // features that decided (annotate's category_evidence).
  bool keep_features = false;
  bool explain = false;
};

struct TermHit {
  uint32_t term;    // index into Lexicon::terms()
  Section section;  // where it first matched
  uint32_t count;   // occurrences in the posting (all sections)
};

struct Annotation {
  bool ai = false;
  std::string_view ai_rule;    // which rule fired: "default.strong_term", … ("" when not AI)
  bool any_ai_term = false;    // categorizing: an AI term anywhere (the `report` definition)
  // Categorizing (AnnotateOptions::categorize): the kind of AI work, what
  // decided it ("model", "category.rules_builder", "category.no_ai_term" …),
  // the model's features (keep_features) and the strongest of them (explain).
  AiCategory category = AiCategory::kNone;
  std::string_view category_rule;
  std::vector<std::string> category_features;
  std::vector<std::string> category_evidence;
  std::vector<TermHit> ai_terms;  // in order of first occurrence
  // Groups (indexes into Lexicon::groups()) each domain's terms hit, sorted.
  std::array<std::vector<uint32_t>, kDomainCount> groups;
  std::array<uint32_t, kDomainCount> term_count{};  // occurrences that counted
  std::vector<TermHit> terms;  // every counted term, in order of first occurrence
  bool has_company_section = false;
};

class Annotator {
 public:
  static StatusOr<std::unique_ptr<Annotator>> Create(Lexicon lexicon, AnnotateOptions options);

  class Scratch;
  std::unique_ptr<Scratch> NewScratch() const;

  // Annotates one posting. `out` is overwritten (its storage reused).
  void Annotate(const Posting& p, Scratch& scratch, Annotation* out) const;
  // The same on text already assembled (tests, eval): title and description.
  void AnnotateText(std::string_view title, std::string_view description, std::string_view benefits,
                    Scratch& scratch, Annotation* out) const;

  const Lexicon& lexicon() const { return lexicon_; }
  const AnnotateOptions& options() const { return options_; }

 private:
  Annotator(Lexicon lexicon, AnnotateOptions options);
  bool Counts(uint32_t id, std::string_view text, size_t begin, size_t end) const;
  // With only AI terms loaded: could `raw` hold a term once normalised? A
  // posting for which no part can is not an AI posting, and is decided
  // without normalising it (most postings are not AI postings).
  bool MayMatch(std::string_view raw, Scratch& s, bool strong_only) const;
  // The normalised part appended to s.text (converted to simplified
  // Chinese when asked); returns where it begins.
  size_t AppendPart(std::string_view part, Scratch& s) const;
  // The title, on one line, as s.text's title section, and a line break.
  void AppendTitle(std::string_view title, Scratch& s) const;
  // With AI terms alone (MayMatch's case), what the raw title says on its
  // own, memoised per thread (titles repeat): kTitleMayMatch, and, when only
  // the decision is wanted under the default rule, kTitleDecides: a strong
  // AI term in a technical title makes an AI job (default.title_term)
  // whatever the description says, which is then never read.
  enum : uint8_t { kTitleMayMatch = 1, kTitleDecides = 2 };
  uint8_t TitleVerdict(std::string_view title, Scratch& s) const;
  // With the title alone in s.text (AppendTitle): does it decide?
  bool TitleDecides(Scratch& s) const;
  // The category of the annotated posting in `s` (AnnotateOptions::
  // categorize), and the AI flag under the definition.
  void Categorize(std::string_view title_text, bool has_description, std::string_view verdict, bool any_ai,
                  Scratch& s, Annotation* out) const;

  struct Exclusion {
    const std::string* text;  // folded, owned by the lexicon
    size_t offset;            // where the term sits inside it
    bool before;              // keyed by the byte before the term (else after it)
    uint8_t after_offset;     // after: the key is this many bytes past the term's end
    char key;
  };
  // What the per-match work reads of a term, 12 bytes (a Term, with its
  // strings, spans a few cache lines).
  struct TermInfo {
    uint32_t group;
    Domain domain;
    bool ascii_start, ascii_end, weak, title_only, case_sensitive, has_exclusions;
  };
  // The word boundaries an ASCII-edged term needs, around [begin, end).
  static bool BoundariesHold(const TermInfo& t, std::string_view text, size_t begin, size_t end);
  // Roles whose AI words name the product or the client (and titles that
  // offer AI as a plus); general software roles (the lexicon's rule words).
  bool NonTechnicalTitle(std::string_view title) const;
  bool GeneralSoftwareTitle(std::string_view title) const;
  Lexicon lexicon_;
  // From the lexicon's rule words: the clause markers (matched with the
  // terms: pattern terms().size() + i is markers_[i]), the title lists and
  // the rules classifier's patterns.
  struct Marker {
    std::string text;
    uint8_t kind;  // annotator.cc's MarkerKind
  };
  std::vector<Marker> markers_;
  PhraseSet non_technical_, title_plus_, general_software_;
  CategoryRules category_rules_;
  std::vector<TermInfo> info_;                      // per term
  std::vector<std::vector<Exclusion>> exclusions_;  // per term
  AnnotateOptions options_;
  std::unique_ptr<Matcher> matcher_;
  bool ai_only_ = false;                  // the lexicon holds AI terms only
  // ai_only_: matcher_'s patterns from here on are the forms that
  // normalisation can turn into part of a term (MayMatch).
  uint32_t forms_begin_ = 0;
  // ai_only_: the strong terms alone, then those forms.
  std::unique_ptr<Matcher> strong_matcher_;
  std::vector<uint32_t> strong_term_ids_;  // strong_matcher_'s pattern -> term id, for the terms
};

class Annotator::Scratch {
 public:
  ~Scratch();

 private:
  friend class Annotator;
  std::unique_ptr<Matcher::Scratch> matcher;
  std::unique_ptr<Matcher::Scratch> strong;
  std::unique_ptr<SimplifiedChinese> t2s;
  StringMemo<uint8_t, 1024, 64> titles;  // raw title -> TitleVerdict
  std::string text;
  std::vector<SectionSpan> sections;
  using Raw = Matcher::Hit;  // id: a term, terms().size() + a marker, or a form (forms_begin_ on)
  std::vector<Raw> raw;
  std::vector<Raw> candidates;
  std::vector<Raw> markers;  // incidental-clause words: id = MarkerKind
  std::vector<size_t> clause_of;
  std::vector<uint32_t> desc_strong;
  std::vector<uint32_t> touched;
  std::vector<int32_t> slot;  // term -> index in the hit list, -1
  CategoryInput category_input;
  std::vector<std::string> features;
  std::unique_ptr<CategoryModel::Scratch> model;
};

}  // namespace jobsift

#endif  // JOBSIFT_LEXICON_ANNOTATOR_H_

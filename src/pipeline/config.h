// The run configuration, from a TOML file (--config) and then flags. One
// place defines every key; docs/config.md lists them.
//
//   [input]
//   encoding = "GB18030"        # default: detected
//   delimiter = "\t"            # default: detected among , \t ; |
//   max_field_bytes = 2097152
//   max_record_bytes = 67108864
//   header = false              # the files have no header row
//
//   [columns]                   # logical field = header name, or "#N" (1-based)
//   position = "岗位名称"
//   salary_min = "薪酬low"
//   salary_unit = "k"           # numeric salary columns: yuan | k | wan
//   benefits = ""               # "" = ignore a detected column
//
//   [data]                      # tables; default: the data/ directory
//   dir = "/path/to/data"
//   cities = "my_cities.tsv"    # also degrees, industries, industry_aliases, header_aliases
//   lexicons = "my_lexicons"    # an overlay over the lexicon set: ai/ hard/ soft/ benefit/
//   lexicon_set = "full_set"    # a whole set instead of data/lexicons
//
//   [classify]
//   definition = "default"      # core | default | broad | report | one of [definitions]
//   classifier = "model"        # or "rules": what gives each posting its category
//   model = "weights.tsv"       # default: <data dir>/model/category_weights.tsv
//   rule = "default"            # before categories: "default" = the rules with definition
//                               # default, "report" = definition report
//   skip_company_for_ai = true  # the company blurb does not make an AI job
//   skip_company_for_skills = true
//   traditional_to_simplified = false
//
//   [definitions]               # definitions of "AI job" of one's own: category codes
//   with_data = "B+A+D+S"
//
//   [salary]                    # conventions of the salary parser
//   work_days_per_month = 21.75
//   work_hours_per_day = 8
//   weeks_per_month = 4.333
//   min_monthly = 800           # plausible monthly range in yuan
//   max_monthly = 1000000
//   max_ratio = 10              # max <= max_ratio * min
//   reread_small_numbers = true # numeric monthly yuan below min_monthly: daily/hourly pay
//   hourly_below = 60
//
//   [date]
//   reference = "2024-06-30"    # resolves 04-20, 昨天, 3天前; none: unknown
//   min_year = 2000
//   max_year = 2100
#ifndef JOBSIFT_PIPELINE_CONFIG_H_
#define JOBSIFT_PIPELINE_CONFIG_H_

#include <string>
#include <vector>

#include "jobsift/status.h"
#include "fields/normalize.h"
#include "lexicon/annotator.h"
#include "pipeline/reader.h"

namespace jobsift {

struct Config {
  ReadOptions read;
  FieldOptions fields;
  AnnotateOptions annotate;
  std::string lexicon_dir;      // the lexicon set; "" = <data dir>/lexicons
  std::string lexicon_overlay;  // applied over the set ("" = none): docs/lexicon-format.md, "Overlays"
  // The AI flag: a definition (shipped, or one of `definitions`) over the
  // categories the classifier (annotate.category_method) gives.
  std::string ai_definition = "default";
  std::vector<AiDefinition> definitions;  // [definitions]
  std::string category_model;             // the model's weights; "" = CategoryModelPath()'s default
  std::string header_aliases;             // [data] header_aliases; "" = <data dir>/header_aliases.tsv

  std::string LexiconDir() const;
  std::string CategoryModelPath() const;
};

// --ai-rule and classify.rule, as they were before categories: "default" is
// the rules classifier with the default definition, "report" the report
// definition.
Status ApplyAiRule(const std::string& rule, Config* config);

// Before annotating: resolves the definition, loads the model when the
// classifier is the model, and turns categorizing on.
Status PrepareClassifier(Config* config);

// The lexicons a run uses: the set, with the overlay applied when there is
// one.
StatusOr<Lexicon> LoadLexicons(const Config& config);

// Reads `path` into `config` (keys not present keep their values). Unknown
// keys are errors that name the file and key, so typos do not pass silently.
Status LoadConfig(const std::string& path, Config* config);

// Sets ctx->reference from "YYYY-MM-DD" (any form ParseDate reads).
Status ParseReferenceDate(const std::string& text, DateContext* ctx);

}  // namespace jobsift

#endif  // JOBSIFT_PIPELINE_CONFIG_H_

#include "pipeline/config.h"

// Header-only and without exceptions: the library does not throw.
#define TOML_HEADER_ONLY 1
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

namespace jobsift {
namespace {

Status UnknownKey(const std::string& path, const std::string& table, const std::string& key) {
  return InvalidArgument(path + ": unknown key '" + table + "." + key + "'");
}

Status ReadInput(const std::string& path, const toml::table& t, ReadOptions* o) {
  for (const auto& [k, v] : t) {
    std::string key(k.str());
    if (key == "encoding") {
      auto s = v.value<std::string>();
      if (!s) return InvalidArgument(path + ": input.encoding must be a string");
      o->encoding = *s;
    } else if (key == "delimiter") {
      auto s = v.value<std::string>();
      if (!s || s->size() != 1) return InvalidArgument(path + ": input.delimiter must be one character");
      o->delimiter = (*s)[0];
    } else if (key == "max_field_bytes" || key == "max_record_bytes") {
      auto n = v.value<int64_t>();
      if (!n || *n < 1024) return InvalidArgument(path + ": input." + key + " must be an integer >= 1024");
      (key == "max_field_bytes" ? o->max_field_bytes : o->max_record_bytes) = static_cast<size_t>(*n);
    } else if (key == "header") {
      auto b = v.value<bool>();
      if (!b) return InvalidArgument(path + ": input.header must be true or false");
      o->columns.no_header = !*b;
    } else {
      return UnknownKey(path, "input", key);
    }
  }
  return Status::Ok();
}

Status ReadColumns(const std::string& path, const toml::table& t, ColumnOverrides* c) {
  for (const auto& [k, v] : t) {
    std::string key(k.str());
    // A key that names nothing is said so, whatever its value's type.
    if (key != "salary_unit" && !FieldFromName(key).ok()) return UnknownKey(path, "columns", key);
    auto s = v.value<std::string>();
    if (!s) return InvalidArgument(path + ": columns." + key + " must be a string");
    if (key == "salary_unit") {
      if (*s != "yuan" && *s != "k" && *s != "wan")
        return InvalidArgument(path + ": columns.salary_unit must be yuan, k or wan");
      c->salary_numeric_unit = *s;
      continue;
    }
    c->by_field[*FieldFromName(key)] = *s;
  }
  return Status::Ok();
}

Status ReadData(const std::string& path, const toml::table& t, FieldOptions* o, std::string* lexicon_set,
                std::string* lexicons, std::string* header_aliases) {
  const std::pair<std::string_view, std::string*> kPaths[] = {
      {"dir", &o->data_dir},       {"degrees", &o->degrees_path},
      {"cities", &o->cities_path}, {"industries", &o->industries_path},
      {"industry_aliases", &o->industry_aliases_path}, {"lexicons", lexicons},
      {"lexicon_set", lexicon_set},                    {"header_aliases", header_aliases}};
  for (const auto& [k, v] : t) {
    std::string key(k.str());
    std::string* target = nullptr;
    for (const auto& [name, field] : kPaths)
      if (name == key) target = field;
    if (target == nullptr) return UnknownKey(path, "data", key);
    auto s = v.value<std::string>();
    if (!s) return InvalidArgument(path + ": data." + key + " must be a string");
    *target = *s;
  }
  return Status::Ok();
}

Status ReadSalary(const std::string& path, const toml::table& t, SalaryConventions* c) {
  for (const auto& [k, v] : t) {
    std::string key(k.str());
    if (key == "reread_small_numbers") {
      auto b = v.value<bool>();
      if (!b) return InvalidArgument(path + ": salary.reread_small_numbers must be true or false");
      c->reread_small_numbers = *b;
      continue;
    }
    const std::pair<std::string_view, double*> kNumbers[] = {
        {"hourly_below", &c->hourly_below},     {"work_days_per_month", &c->work_days_per_month},
        {"work_hours_per_day", &c->work_hours_per_day}, {"weeks_per_month", &c->weeks_per_month},
        {"min_monthly", &c->min_monthly},       {"max_monthly", &c->max_monthly},
        {"max_ratio", &c->max_ratio},           {"annual_as_monthly_from", &c->annual_as_monthly_from}};
    double* target = nullptr;
    for (const auto& [name, field] : kNumbers)
      if (name == key) target = field;
    if (target == nullptr) return UnknownKey(path, "salary", key);
    auto d = v.value<double>();
    if (!d || *d <= 0) return InvalidArgument(path + ": salary." + key + " must be a positive number");
    *target = *d;
  }
  if (c->min_monthly >= c->max_monthly) return InvalidArgument(path + ": salary.min_monthly must be below max_monthly");
  return Status::Ok();
}

}  // namespace

Status ParseReferenceDate(const std::string& text, DateContext* ctx) {
  // Within the years the context allows ([date] min_year, max_year), and
  // not relative to an earlier reference.
  DateContext bounds = *ctx;
  bounds.reference.reset();
  Parsed<Date> d = ParseDate(text, bounds);
  if (!d.ok()) return InvalidArgument("reference date '" + text + "' is not a date (use YYYY-MM-DD)");
  ctx->reference = d.value;
  return Status::Ok();
}

static Status ReadClassify(const std::string& path, const toml::table& t, Config* config) {
  AnnotateOptions* o = &config->annotate;
  for (const auto& [k, v] : t) {
    std::string key(k.str());
    if (key == "rule" || key == "definition" || key == "classifier" || key == "model") {
      auto s = v.value<std::string>();
      if (!s) return InvalidArgument(path + ": classify." + key + " must be a string");
      if (key == "rule") {
        Status st = ApplyAiRule(*s, config);
        if (!st.ok()) return InvalidArgument(path + ": classify." + st.message());
      } else if (key == "definition") {
        config->ai_definition = *s;
      } else if (key == "classifier") {
        auto method = CategoryMethodFromName(*s);
        if (!method.ok()) return InvalidArgument(path + ": classify.classifier must be \"model\" or \"rules\"");
        o->category_method = *method;
      } else {
        config->category_model = *s;
      }
      continue;
    }
    bool* target = key == "skip_company_for_ai"         ? &o->skip_company_for_ai
                   : key == "skip_company_for_skills"   ? &o->skip_company_for_skills
                   : key == "traditional_to_simplified" ? &o->traditional_to_simplified
                                                        : nullptr;
    if (target == nullptr) return UnknownKey(path, "classify", key);
    auto b = v.value<bool>();
    if (!b) return InvalidArgument(path + ": classify." + key + " must be true or false");
    *target = *b;
  }
  return Status::Ok();
}

// [definitions]: name = "B+A+D".
static Status ReadDefinitions(const std::string& path, const toml::table& t, Config* config) {
  for (const auto& [k, v] : t) {
    std::string name(k.str());
    auto codes = v.value<std::string>();
    if (!codes) return InvalidArgument(path + ": definitions." + name + " must be a string of categories, e.g. \"B+A+D\"");
    if (FindDefinition(name).ok())
      return InvalidArgument(path + ": definitions." + name + ": a shipped definition has that name");
    auto d = ParseDefinition(name, *codes);
    if (!d.ok()) return InvalidArgument(path + ": " + d.status().message());
    config->definitions.push_back(std::move(*d));
  }
  return Status::Ok();
}

Status ApplyAiRule(const std::string& rule, Config* config) {
  auto r = AiRuleFromName(rule);
  if (!r.ok()) return r.status();
  if (*r == AiRule::kDefault) {
    config->annotate.category_method = CategoryMethod::kRules;
    config->ai_definition = "default";
  } else {
    config->ai_definition = "report";
  }
  config->annotate.ai_rule = *r;
  return Status::Ok();
}

std::string Config::CategoryModelPath() const {
  if (!category_model.empty()) return category_model;
  return (fields.data_dir.empty() ? DefaultDataDir() : fields.data_dir) + "/model/category_weights.tsv";
}

Status PrepareClassifier(Config* config) {
  auto d = FindDefinition(config->ai_definition, config->definitions);
  if (!d.ok()) return d.status();
  AnnotateOptions& o = config->annotate;
  o.categorize = true;
  o.definition = *d;
  if (o.category_method == CategoryMethod::kModel) {
    auto m = CategoryModel::Load(config->CategoryModelPath());
    if (!m.ok())
      return Status(m.status().code(), m.status().message() +
                                           " (the model classifier needs it: give --category-model FILE, or use "
                                           "--classifier rules)");
    o.category_model = std::make_shared<const CategoryModel>(std::move(*m));
  }
  return Status::Ok();
}

StatusOr<Lexicon> LoadLexicons(const Config& config) {
  if (config.lexicon_overlay.empty()) return Lexicon::LoadDir(config.LexiconDir());
  return Lexicon::LoadOverlaid(config.LexiconDir(), config.lexicon_overlay);
}

std::string Config::LexiconDir() const {
  if (!lexicon_dir.empty()) return lexicon_dir;
  return (fields.data_dir.empty() ? DefaultDataDir() : fields.data_dir) + "/lexicons";
}

static Status ReadDate(const std::string& path, const toml::table& t, DateContext* c) {
  for (const auto& [k, v] : t) {
    std::string key(k.str());
    if (key == "reference") {
      auto s = v.value<std::string>();
      if (!s) return InvalidArgument(path + ": date.reference must be a string like \"2024-06-30\"");
      Status st = ParseReferenceDate(*s, c);
      if (!st.ok()) return InvalidArgument(path + ": date." + st.message());
    } else if (key == "min_year" || key == "max_year") {
      auto n = v.value<int64_t>();
      if (!n || *n < 1900 || *n > 9999) return InvalidArgument(path + ": date." + key + " must be a year");
      (key == "min_year" ? c->min_year : c->max_year) = static_cast<int>(*n);
    } else {
      return UnknownKey(path, "date", key);
    }
  }
  return Status::Ok();
}

Status LoadConfig(const std::string& path, Config* config) {
  toml::parse_result parsed = toml::parse_file(path);
  if (!parsed) {
    const auto& e = parsed.error();
    return InvalidArgument(path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
  const toml::table& root = parsed.table();
  for (const auto& [k, v] : root) {
    std::string key(k.str());
    const toml::table* t = v.as_table();
    if (t == nullptr) return InvalidArgument(path + ": '" + key + "' must be a table");
    if (key == "input") {
      JOBSIFT_RETURN_IF_ERROR(ReadInput(path, *t, &config->read));
    } else if (key == "columns") {
      JOBSIFT_RETURN_IF_ERROR(ReadColumns(path, *t, &config->read.columns));
    } else if (key == "data") {
      JOBSIFT_RETURN_IF_ERROR(ReadData(path, *t, &config->fields, &config->lexicon_dir, &config->lexicon_overlay,
                                       &config->header_aliases));
    } else if (key == "classify") {
      JOBSIFT_RETURN_IF_ERROR(ReadClassify(path, *t, config));
    } else if (key == "definitions") {
      JOBSIFT_RETURN_IF_ERROR(ReadDefinitions(path, *t, config));
    } else if (key == "salary") {
      JOBSIFT_RETURN_IF_ERROR(ReadSalary(path, *t, &config->fields.salary));
    } else if (key == "date") {
      JOBSIFT_RETURN_IF_ERROR(ReadDate(path, *t, &config->fields.date));
    } else {
      return InvalidArgument(path + ": unknown table [" + key + "]");
    }
  }
  return Status::Ok();
}

}  // namespace jobsift

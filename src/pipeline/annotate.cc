#include "pipeline/annotate.h"

#include <cmath>

#include "base/text.h"

namespace jobsift {
namespace {

// A row under construction: cells in column order, written as JSON or CSV,
// or kept as values.
class Row {
 public:
  Row(AnnotateFormat f, std::string& out) : f_(f), out_(out) { out_ += f_ == AnnotateFormat::kJsonl ? "{" : ""; }
  explicit Row(AnnotatedValues* values) : f_(AnnotateFormat::kJsonl), out_(unused_), values_(values) {}
  void Text(std::string_view v) {
    if (values_) return Value(std::string(v));
    Key();
    if (f_ == AnnotateFormat::kJsonl) {
      AppendJsonString(v, out_);
    } else {
      Csv(v);
    }
  }
  // A value that may be unknown: null in JSON, empty in CSV.
  void MaybeText(bool known, std::string_view v) {
    if (known) return Text(v);
    if (values_) return Value(std::monostate{});
    Key();
    if (f_ == AnnotateFormat::kJsonl) out_ += "null";
  }
  void Number(bool known, double v) {
    if (values_) return known ? Value(std::round(v)) : Value(std::monostate{});
    Key();
    if (!known) {
      if (f_ == AnnotateFormat::kJsonl) out_ += "null";
      return;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", std::round(v));
    out_ += buf;
  }
  void Int(uint64_t v) {
    if (values_) return Value(static_cast<int64_t>(v));
    Key();
    out_ += std::to_string(v);
  }
  void Bool(bool v) {
    if (values_) return Value(v);
    Key();
    out_ += f_ == AnnotateFormat::kJsonl ? (v ? "true" : "false") : (v ? "1" : "0");
  }
  // A list: a JSON array of strings, or items joined by ';' in CSV.
  void List(const std::vector<std::string>& items) {
    if (values_) return Value(items);
    Key();
    if (f_ == AnnotateFormat::kJsonl) {
      out_ += "[";
      for (size_t i = 0; i < items.size(); ++i) {
        if (i) out_ += ",";
        AppendJsonString(items[i], out_);
      }
      out_ += "]";
    } else {
      std::string joined;
      for (size_t i = 0; i < items.size(); ++i) {
        if (i) joined += ";";
        joined += items[i];
      }
      Csv(joined);
    }
  }
  // The input columns asked for: an "input" object in JSON, one cell each
  // in CSV (after the annotation's columns).
  void Input(const Posting& p, const AnnotateOutput& o) {
    if (o.keep.empty() && !o.keep_all) return;
    auto cell = [&](const std::string& name) -> const std::string_view* {
      if (p.columns == nullptr || p.cells == nullptr) return nullptr;
      for (size_t i = 0; i < p.columns->size() && i < p.cells->size(); ++i)
        if ((*p.columns)[i] == name) return &(*p.cells)[i];
      return nullptr;
    };
    if (values_) {
      auto keep = [&](const std::string& name, const std::string_view* v) {
        values_->input.emplace_back(name, v ? std::optional<std::string>(*v) : std::nullopt);
      };
      if (o.keep_all && p.columns != nullptr && p.cells != nullptr) {
        for (size_t i = 0; i < p.columns->size() && i < p.cells->size(); ++i) keep((*p.columns)[i], &(*p.cells)[i]);
      } else {
        for (const std::string& name : o.keep) keep(name, cell(name));
      }
      return;
    }
    if (f_ == AnnotateFormat::kCsv) {
      for (const std::string& name : o.keep) {
        out_ += ",";
        if (const std::string_view* v = cell(name)) Csv(*v);
      }
      return;
    }
    out_ += ",\"input\":{";
    bool first = true;
    auto add = [&](const std::string& name, const std::string_view* v) {
      if (!first) out_ += ",";
      first = false;
      AppendJsonString(name, out_);
      out_ += ":";
      if (v == nullptr) {
        out_ += "null";
      } else {
        AppendJsonString(*v, out_);
      }
    };
    if (o.keep_all && p.columns != nullptr && p.cells != nullptr) {
      for (size_t i = 0; i < p.columns->size() && i < p.cells->size(); ++i) add((*p.columns)[i], &(*p.cells)[i]);
    } else {
      for (const std::string& name : o.keep) add(name, cell(name));
    }
    out_ += "}";
  }
  void End() {
    if (!values_) out_ += f_ == AnnotateFormat::kJsonl ? "}\n" : "\r\n";
  }

 private:
  void Value(AnnotationCell v) { values_->cells.push_back(std::move(v)); }
  void Key() {
    const std::string& name = AnnotateColumns()[col_++];
    if (f_ == AnnotateFormat::kJsonl) {
      if (col_ > 1) out_ += ",";
      AppendJsonString(name, out_);
      out_ += ":";
    } else if (col_ > 1) {
      out_ += ",";
    }
  }
  void Csv(std::string_view v) { AppendCsvField(v, out_); }
  AnnotateFormat f_;
  std::string unused_;
  std::string& out_;
  size_t col_ = 0;
  AnnotatedValues* values_ = nullptr;
};

template <class T>
void Derived(Row& row, const Parsed<T>& p, std::string_view value) {
  row.MaybeText(p.ok(), value);
  row.Text(p.rule);
  row.MaybeText(!p.ok(), UnknownName(p.reason));
}

class AnnotateTask : public PostingTask {
 public:
  AnnotateTask(const FieldNormalizer* f, const Annotator* a, AnnotateFormat format, const AnnotateOutput& options)
      : fields_(f), annotator_(a), format_(format), options_(options), scratch_(a->NewScratch()) {}
  void Add(const Posting& p) override {
    DerivedFields d;
    fields_->Normalize(p, &d);
    Annotation an;
    annotator_->Annotate(p, *scratch_, &an);
    if (keep_values) {
      values.push_back(AnnotationValues(p, d, an, annotator_->lexicon(), options_));
    } else {
      AppendAnnotationRow(p, d, an, annotator_->lexicon(), format_, text, options_);
    }
    ++rows;
    ai_rows += an.ai;
  }
  std::string text;
  bool keep_values = false;
  std::vector<AnnotatedValues> values;
  uint64_t rows = 0;
  uint64_t ai_rows = 0;

 private:
  const FieldNormalizer* fields_;
  const Annotator* annotator_;
  AnnotateFormat format_;
  const AnnotateOutput& options_;
  std::unique_ptr<Annotator::Scratch> scratch_;
};

}  // namespace

const std::vector<std::string>& AnnotateColumns() {
  static const std::vector<std::string> kColumns = {
      "id", "source", "line", "position", "company_name",
      "date", "date_rule", "date_unknown", "quarter", "half",
      "city", "city_rule", "city_unknown", "province", "city_tier",
      "industry", "industry_rule", "industry_unknown",
      "salary_month_min", "salary_month_max", "salary_months", "salary_annual", "salary_unit", "salary_rule",
      "salary_unknown",
      "experience", "experience_rule", "experience_unknown",
      "degree", "degree_rule", "degree_unknown",
      "company_size", "company_size_rule", "company_size_unknown",
      "ai", "ai_rule", "ai_terms",
      "hard_groups", "soft_groups", "benefit_groups", "hard_terms", "soft_terms", "benefit_terms",
      "category", "category_name", "category_rule", "category_evidence"};
  return kColumns;
}

namespace {

void FillRow(Row& row, const Posting& p, const DerivedFields& d, const Annotation& a, const Lexicon& lex,
             const AnnotateOutput& options) {
  row.Text(p[Field::kId]);
  row.Text(p.source);
  row.Int(p.line);
  row.Text(p[Field::kPosition]);
  row.Text(p[Field::kCompanyName]);
  Derived(row, d.date, d.date.ok() ? d.date.value.Iso() : std::string());
  row.MaybeText(d.date.ok(), d.date.ok() ? d.date.value.QuarterLabel() : std::string());
  row.MaybeText(d.date.ok(), d.date.ok() ? d.date.value.HalfLabel() : std::string());
  Derived(row, d.city, d.city.value.city);
  row.MaybeText(d.city.ok(), d.city.value.province);
  row.MaybeText(d.city.ok(), d.city.value.tier);
  Derived(row, d.industry, d.industry.value);
  const Salary& s = d.salary.value;
  row.Number(d.salary.ok(), s.monthly_min);
  row.Number(d.salary.ok(), s.monthly_max);
  row.Number(d.salary.ok(), s.months);
  row.Number(d.salary.ok(), s.Annual());
  row.MaybeText(d.salary.ok(), PayUnitName(s.unit));
  row.Text(d.salary.rule);
  row.MaybeText(!d.salary.ok(), UnknownName(d.salary.reason));
  Derived(row, d.experience, ExperienceBandName(d.experience.value));
  Derived(row, d.degree, DegreeLevelName(d.degree.value));
  Derived(row, d.company_size, CompanySizeBandName(d.company_size.value));
  row.Bool(a.ai);
  row.Text(a.ai_rule);
  std::vector<std::string> ai_terms;
  for (const TermHit& h : a.ai_terms)
    ai_terms.push_back(lex.terms()[h.term].text + "@" + std::string(SectionName(h.section)));
  row.List(ai_terms);
  for (Domain dom : {Domain::kHard, Domain::kSoft, Domain::kBenefit}) {
    std::vector<std::string> names;
    for (uint32_t g : a.groups[static_cast<size_t>(dom)]) names.push_back(lex.groups()[g].name);
    row.List(names);
  }
  for (Domain dom : {Domain::kHard, Domain::kSoft, Domain::kBenefit}) row.Int(a.term_count[static_cast<size_t>(dom)]);
  const bool categorized = !a.category_rule.empty();
  row.MaybeText(categorized, CategoryCodeText(a.category));
  row.MaybeText(categorized, CategoryName(a.category));
  row.Text(a.category_rule);
  row.List(a.category_evidence);
  row.Input(p, options);
  row.End();
}

}  // namespace

void AppendAnnotationRow(const Posting& p, const DerivedFields& d, const Annotation& a, const Lexicon& lex,
                         AnnotateFormat format, std::string& out, const AnnotateOutput& options) {
  Row row(format, out);
  FillRow(row, p, d, a, lex, options);
}

AnnotatedValues AnnotationValues(const Posting& p, const DerivedFields& d, const Annotation& a, const Lexicon& lex,
                                 const AnnotateOutput& options) {
  AnnotatedValues values;
  values.cells.reserve(AnnotateColumns().size());
  Row row(&values);
  FillRow(row, p, d, a, lex, options);
  return values;
}

AnnotateJob::AnnotateJob(const FieldNormalizer* fields, const Annotator* annotator, AnnotateFormat format,
                         std::FILE* out, AnnotateOutput options)
    : fields_(fields), annotator_(annotator), format_(format), options_(std::move(options)), out_(out) {
  if (format_ == AnnotateFormat::kCsv) {
    std::string header = options_.bom ? "\xEF\xBB\xBF" : "";
    for (size_t i = 0; i < AnnotateColumns().size(); ++i) {
      if (i) header += ",";
      header += AnnotateColumns()[i];
    }
    for (const std::string& name : options_.keep) {
      header += ",";
      AppendCsvField("input." + name, header);
    }
    header += "\r\n";
    write_failed_ |= std::fwrite(header.data(), 1, header.size(), out_) != header.size();
  }
}

AnnotateJob::AnnotateJob(const FieldNormalizer* fields, const Annotator* annotator, Sink sink, AnnotateOutput options)
    : fields_(fields), annotator_(annotator), format_(AnnotateFormat::kJsonl), options_(std::move(options)),
      sink_(std::move(sink)) {}

std::unique_ptr<PostingTask> AnnotateJob::NewTask() {
  auto task = std::make_unique<AnnotateTask>(fields_, annotator_, format_, options_);
  task->keep_values = static_cast<bool>(sink_);
  return task;
}

void AnnotateJob::Finish(std::unique_ptr<PostingTask> task) {
  auto* t = static_cast<AnnotateTask*>(task.get());
  rows_ += t->rows;
  ai_rows_ += t->ai_rows;
  for (AnnotatedValues& v : t->values) sink_(std::move(v));
  if (!t->text.empty()) write_failed_ |= std::fwrite(t->text.data(), 1, t->text.size(), out_) != t->text.size();
}

}  // namespace jobsift

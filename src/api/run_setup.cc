#include "api/run_setup.h"

#include <signal.h>
#include <unistd.h>

#include "base/data_dir.h"
#include "fields/normalize.h"
#include "lexicon/category.h"

namespace jobsift {

std::string DataDir() { return DefaultDataDir(); }

namespace {
std::atomic<bool> g_interrupted{false};
extern "C" void OnInterrupt(int) { g_interrupted.store(true); }
}  // namespace

const std::atomic<bool>* StopOnInterrupt() {
  // No SA_RESTART: a read blocked on stdin returns, and the reader sees the flag.
  struct sigaction sa {};
  sa.sa_handler = OnInterrupt;
  sa.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  return &g_interrupted;
}

StatusOr<Config> MakeConfig(const RunOptions& run) {
  Config config;
  if (!run.config_path.empty()) JOBSIFT_RETURN_IF_ERROR(LoadConfig(run.config_path, &config));
  ReadOptions& o = config.read;
  if (run.threads > 0) o.threads = run.threads;
  if (!run.delimiter.empty()) {
    std::string d = run.delimiter;
    if (d == "tab" || d == "\\t") d = "\t";
    if (d == "comma") d = ",";
    if (d == "semicolon") d = ";";
    if (d == "pipe") d = "|";
    if (d.size() != 1) return InvalidArgument("--delimiter must be one character (or tab)");
    o.delimiter = d[0];
  }
  if (!run.encoding.empty()) o.encoding = run.encoding;
  if (run.max_field_bytes > 0) o.max_field_bytes = run.max_field_bytes;
  if (run.max_record_bytes > 0) o.max_record_bytes = run.max_record_bytes;
  if (!run.rejects_path.empty()) o.rejects_path = run.rejects_path;
  o.progress = run.progress && isatty(2);
  o.on_progress = run.on_progress;
  o.inputs_found_in_folder = run.inputs_found_in_folder;
  o.cancel = run.cancel;
  if (!run.data_dir.empty()) config.fields.data_dir = run.data_dir;
  if (!run.lexicon_set.empty()) config.lexicon_dir = run.lexicon_set;
  if (!run.lexicon_overlay.empty()) config.lexicon_overlay = run.lexicon_overlay;
  if (!run.ai_rule.empty()) {
    Status st = ApplyAiRule(run.ai_rule, &config);
    if (!st.ok()) return Status(st.code(), "--ai-" + st.message());
  }
  if (!run.ai_definition.empty()) config.ai_definition = run.ai_definition;
  if (!run.classifier.empty()) {
    auto method = CategoryMethodFromName(run.classifier);
    if (!method.ok()) return Status(method.status().code(), "--" + method.status().message());
    config.annotate.category_method = *method;
  }
  if (!run.category_model.empty()) config.category_model = run.category_model;
  if (run.traditional_to_simplified) config.annotate.traditional_to_simplified = true;
  // Header aliases from the run's data folder or the config; else the
  // mapping uses the shipped ones.
  std::string aliases = !config.header_aliases.empty() ? config.header_aliases
                        : !config.fields.data_dir.empty() ? config.fields.data_dir + "/header_aliases.tsv"
                                                          : "";
  if (!aliases.empty()) {
    auto a = LoadHeaderAliases(aliases);
    if (!a.ok()) return a.status();
    config.read.columns.aliases = std::make_shared<const HeaderAliases>(std::move(*a));
  }
  if (!run.reference_date.empty()) {
    Status st = ParseReferenceDate(run.reference_date, &config.fields.date);
    if (!st.ok()) return Status(st.code(), "--reference-date: " + st.message());
  }
  return config;
}

StatusOr<CubeFilter> ResolveFilter(const FieldNormalizer& fields, const RunOptions& run) {
  CubeFilter filter;
  if (!run.city.empty()) {
    Parsed<CityInfo> c = fields.cities().Resolve(run.city);
    if (!c.ok())
      return InvalidArgument("--city " + run.city + ": not one city the city field knows (" +
                             std::string(UnknownName(c.reason)) + "; see data/cities.tsv)");
    filter.city = std::string(c.value.city);
  }
  if (!run.industry.empty()) {
    Parsed<std::string_view> i = fields.industries().Resolve(run.industry);
    if (!i.ok())
      return InvalidArgument("--industry " + run.industry + ": not an industry the industry field knows (" +
                             std::string(UnknownName(i.reason)) + "; see data/industries.tsv)");
    filter.industry = std::string(i.value);
  }
  return filter;
}

TableOptions ToTableOptions(const TableChoices& choices) {
  TableOptions o;
  o.current_half = choices.half;
  o.min_n = choices.min_n;
  o.top_cities = choices.top_cities;
  o.top_industries = choices.top_industries;
  return o;
}

StatusOr<std::unique_ptr<Annotator>> MakeAnnotator(const Config& config) {
  auto lex = LoadLexicons(config);
  if (!lex.ok()) return lex.status();
  return Annotator::Create(std::move(*lex), config.annotate);
}

StatusOr<std::unique_ptr<Annotator>> MakeCategorizingAnnotator(Config* config) {
  JOBSIFT_RETURN_IF_ERROR(PrepareClassifier(config));
  return MakeAnnotator(*config);
}

AiFlagInfo FlagInfo(const Config& config) {
  const AnnotateOptions& o = config.annotate;
  AiFlagInfo ai;
  ai.definition = o.definition.name;
  ai.categories = o.definition.Codes();
  ai.classifier = std::string(CategoryMethodName(o.category_method));
  if (o.category_model) ai.model_checksum = o.category_model->Checksum();
  return ai;
}

void SayReadNotes(const ReadSummary& s, Console& console) {
  for (const std::string& line : s.notes.Lines()) console.Say(Severity::kWarning, line);
  for (const Status& e : s.errors) console.Say(Severity::kError, e.message());
}

std::string NoPostingsLine(const ReadSummary& s, const char* what) {
  if (s.total.rows_accepted > 0 || !s.errors.empty()) return "";
  return "no postings in the inputs (" + std::to_string(s.total.rows_read) + " rows read, " +
         std::to_string(s.total.RowsRejected()) + " rejected; empty: " + std::to_string(s.notes.empty.size()) +
         " files): no " + what + " written";
}

}  // namespace jobsift

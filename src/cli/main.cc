// jobsift command line: a thin shell over the library. Flags are defined
// here once (CLI11 generates --help); every command's logic lives in src/.
#include <signal.h>
#include <unistd.h>

#include <atomic>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "base/text.h"
#include "gen/generator.h"
#include "jobsift/version.h"
#include "pipeline/config.h"
#include "pipeline/annotate.h"
#include "pipeline/category_eval.h"
#include "pipeline/eval.h"
#include "pipeline/profile.h"
#include "pipeline/report_job.h"
#include "pipeline/reader.h"
#include "pipeline/scan_report.h"
#include "report/html.h"
#include "report/pdf.h"

namespace jobsift {
namespace {

// Set by SIGINT / SIGTERM: the reader stops at the next chunk and the
// command fails without leaving outputs that look complete.
std::atomic<bool> g_interrupted{false};

extern "C" void OnSignal(int) { g_interrupted.store(true); }

struct CommonFlags {
  std::vector<std::string> inputs;
  std::string config_path;
  int threads = 0;
  std::string delimiter;
  std::string encoding;
  size_t max_field_bytes = 0;
  size_t max_record_bytes = 0;
  std::string rejects_path;
  bool quiet = false;
  std::string data_dir;
  std::string reference_date;
  std::string lexicon_dir;      // --lexicon-set
  std::string lexicon_overlay;  // --lexicons
  std::string ai_rule;
  std::string ai_definition;
  std::string classifier;
  std::string category_model;
  bool t2s = false;
  // report and merge: tables for one city and/or industry.
  std::string city;
  std::string industry;
};

void AddFilterFlags(CLI::App* cmd, CommonFlags& f) {
  cmd->add_option("--city", f.city, "Tables for this city only, e.g. 北京 (as the city field reads it: 北京市 is 北京)");
  cmd->add_option("--industry", f.industry, "Tables for this industry only, e.g. 教育 (a canonical name or an alias)");
}

// Reads --city and --industry as the field normalisers read those fields, so
// 北京市 and 北京-朝阳区 mean 北京; a value they cannot place is an error,
// not an empty report.
StatusOr<CubeFilter> ResolveFilter(const FieldNormalizer& fields, const CommonFlags& f) {
  CubeFilter filter;
  if (!f.city.empty()) {
    Parsed<CityInfo> c = fields.cities().Resolve(f.city);
    if (!c.ok())
      return InvalidArgument("--city " + f.city + ": not one city the city field knows (" +
                             std::string(UnknownName(c.reason)) + "; see data/cities.tsv)");
    filter.city = std::string(c.value.city);
  }
  if (!f.industry.empty()) {
    Parsed<std::string_view> i = fields.industries().Resolve(f.industry);
    if (!i.ok())
      return InvalidArgument("--industry " + f.industry + ": not an industry the industry field knows (" +
                             std::string(UnknownName(i.reason)) + "; see data/industries.tsv)");
    filter.industry = std::string(i.value);
  }
  return filter;
}

// --min-n, --top-cities, --top-industries of report and merge.
void AddTableFlags(CLI::App* cmd, TableOptions& o) {
  cmd->add_option("--min-n", o.min_n, "Cells with fewer postings are flagged small_n (default 30)")
      ->check(CLI::Range(int64_t{0}, int64_t{1000000000}));
  cmd->add_option("--top-cities", o.top_cities, "Cities in city tables (default 10)")->check(CLI::Range(1, 1000));
  cmd->add_option("--top-industries", o.top_industries, "Industries in industry tables (default 20)")
      ->check(CLI::Range(1, 1000));
}

void AddReadFlags(CLI::App* cmd, CommonFlags& f) {
  cmd->add_option("inputs", f.inputs, "Files, directories (read recursively, sorted) or - for stdin")->required();
  cmd->add_option("--config", f.config_path, "TOML config (see docs/config.md)");
  cmd->add_option("--threads,-j", f.threads, "Threads, the reader included (default: all cores)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--delimiter", f.delimiter, "CSV delimiter: , tab ; | (default: detected)");
  cmd->add_option("--encoding", f.encoding, "Input encoding, e.g. GB18030 (default: detected)");
  cmd->add_option("--max-field-bytes", f.max_field_bytes, "Reject rows with a larger field (default 2 MiB)")
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 32));
  cmd->add_option("--max-record-bytes", f.max_record_bytes, "Reject larger records (default 64 MiB)")
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 32));
  cmd->add_option("--rejects", f.rejects_path, "Write rejected rows here (TSV)");
  cmd->add_flag("--quiet,-q", f.quiet, "Print only errors on stderr: no progress, warnings or closing line");
}

void AddLexiconFolderFlags(CLI::App* cmd, CommonFlags& f) {
  cmd->add_option("--lexicons", f.lexicon_overlay,
                  "Overlay folder (ai/ hard/ soft/ benefit/) that adds to or overrides the lexicons term by term and "
                  "group by group (docs/lexicon-format.md)");
  cmd->add_option("--lexicon-set", f.lexicon_dir,
                  "A whole lexicon set used instead of the shipped one (default: data/lexicons)");
}

void AddLexiconFlags(CLI::App* cmd, CommonFlags& f) {
  AddLexiconFolderFlags(cmd, f);
  cmd->add_option("--ai-definition", f.ai_definition,
                  "What counts as an AI job: core (B builders), default (B+A, and application engineers), broad "
                  "(B+A+D, and data work), report (any AI term anywhere), or a [definitions] name of the config "
                  "(docs/classification.md)");
  cmd->add_option("--classifier", f.classifier,
                  "What gives each posting its category: model (default; data/model/category_weights.tsv) or rules "
                  "(the transparent baseline)");
  cmd->add_option("--category-model", f.category_model,
                  "The model's weights file (default: data/model/category_weights.tsv)");
  cmd->add_option("--ai-rule", f.ai_rule,
                  "As before categories: default (= --classifier rules --ai-definition default) or report "
                  "(= --ai-definition report)");
  cmd->add_flag("--t2s", f.t2s, "Convert traditional to simplified Chinese before matching (OpenCC)");
}

void AddFieldFlags(CLI::App* cmd, CommonFlags& f) {
  cmd->add_option("--data-dir", f.data_dir, "Directory of the data tables (default: the build's data/)");
  cmd->add_option("--reference-date", f.reference_date,
                  "Date that resolves year-less and relative dates (04-20, 昨天, 3天前); default: none, they are unknown");
}

// Builds the read options: config file first, flags over it.
bool MakeConfig(const CommonFlags& f, Config* config) {
  if (!f.config_path.empty()) {
    Status st = LoadConfig(f.config_path, config);
    if (!st.ok()) {
      std::fprintf(stderr, "jobsift: %s\n", st.message().c_str());
      return false;
    }
  }
  ReadOptions& o = config->read;
  if (f.threads > 0) o.threads = f.threads;
  if (!f.delimiter.empty()) {
    std::string d = f.delimiter;
    if (d == "tab" || d == "\\t") d = "\t";
    if (d == "comma") d = ",";
    if (d == "semicolon") d = ";";
    if (d == "pipe") d = "|";
    if (d.size() != 1) {
      std::fprintf(stderr, "jobsift: --delimiter must be one character (or tab)\n");
      return false;
    }
    o.delimiter = d[0];
  }
  if (!f.encoding.empty()) o.encoding = f.encoding;
  if (f.max_field_bytes > 0) o.max_field_bytes = f.max_field_bytes;
  if (f.max_record_bytes > 0) o.max_record_bytes = f.max_record_bytes;
  if (!f.rejects_path.empty()) o.rejects_path = f.rejects_path;
  o.progress = !f.quiet && isatty(2);
  o.cancel = &g_interrupted;
  if (!f.data_dir.empty()) config->fields.data_dir = f.data_dir;
  if (!f.lexicon_dir.empty()) config->lexicon_dir = f.lexicon_dir;
  if (!f.lexicon_overlay.empty()) config->lexicon_overlay = f.lexicon_overlay;
  if (!f.ai_rule.empty()) {
    Status st = ApplyAiRule(f.ai_rule, config);
    if (!st.ok()) {
      std::fprintf(stderr, "jobsift: --ai-%s\n", st.message().c_str());
      return false;
    }
  }
  if (!f.ai_definition.empty()) config->ai_definition = f.ai_definition;
  if (!f.classifier.empty() && !CategoryMethodFromName(f.classifier, &config->annotate.category_method)) {
    std::fprintf(stderr, "jobsift: --classifier must be model or rules\n");
    return false;
  }
  if (!f.category_model.empty()) config->category_model = f.category_model;
  if (f.t2s) config->annotate.traditional_to_simplified = true;
  if (!f.reference_date.empty()) {
    Status st = ParseReferenceDate(f.reference_date, &config->fields.date);
    if (!st.ok()) {
      std::fprintf(stderr, "jobsift: --reference-date: %s\n", st.message().c_str());
      return false;
    }
  }
  return true;
}

bool WriteStdout(const std::string& out) {
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    std::fprintf(stderr, "jobsift: cannot write output: %s\n", std::strerror(errno));
    return false;
  }
  return true;
}

// Says on stderr, once each, what the read left out or assumed (warnings:
// fields without a column, columns found by content, empty and skipped
// files) and the inputs it could not read (errors). -q silences warnings.
void PrintReadNotes(const ReadSummary& s, bool quiet) {
  if (!quiet)
    for (const std::string& line : s.notes.Lines()) std::fprintf(stderr, "jobsift: warning: %s\n", line.c_str());
  for (const auto& e : s.errors) std::fprintf(stderr, "jobsift: %s\n", e.c_str());
}

// A run that accepted no posting at all has nothing to write: an error
// saying why, rather than an empty output that looks complete.
bool NoPostings(const ReadSummary& s, const char* what) {
  if (s.total.rows_accepted > 0 || !s.errors.empty()) return false;
  std::fprintf(stderr, "jobsift: no postings in the inputs (%llu rows read, %llu rejected; empty: %zu files): no %s written\n",
               static_cast<unsigned long long>(s.total.rows_read),
               static_cast<unsigned long long>(s.total.RowsRejected()), s.notes.empty.size(), what);
  return true;
}

int RunScan(const CommonFlags& f, bool json) {
  Config config;
  if (!MakeConfig(f, &config)) return kExitFailure;
  auto summary = ReadPostings(f.inputs, config.read, nullptr);
  if (!summary.ok()) {
    std::fprintf(stderr, "jobsift: %s\n", summary.status().message().c_str());
    return kExitFailure;
  }
  if (!WriteStdout(json ? ScanJson(*summary) : ScanText(*summary))) return kExitFailure;
  PrintReadNotes(*summary, f.quiet);
  return ExitCodeFor(*summary);
}

int RunProfile(const CommonFlags& f, bool json, size_t top_n) {
  Config config;
  if (!MakeConfig(f, &config)) return kExitFailure;
  auto normalizer = FieldNormalizer::Load(config.fields);
  if (!normalizer.ok()) {
    std::fprintf(stderr, "jobsift: %s\n", normalizer.status().message().c_str());
    return kExitFailure;
  }
  config.read.judge = normalizer->get();
  ProfileJob job(normalizer->get());
  auto summary = ReadPostings(f.inputs, config.read, &job);
  if (!summary.ok()) {
    std::fprintf(stderr, "jobsift: %s\n", summary.status().message().c_str());
    return kExitFailure;
  }
  if (!WriteStdout(json ? ProfileJson(*summary, job, top_n) : ProfileText(*summary, job, top_n))) return kExitFailure;
  PrintReadNotes(*summary, f.quiet);
  return ExitCodeFor(*summary);
}

int Fail(const Status& st) {
  std::fprintf(stderr, "jobsift: %s\n", st.message().c_str());
  return kExitFailure;
}

StatusOr<std::unique_ptr<Annotator>> MakeAnnotator(const Config& config) {
  auto lex = LoadLexicons(config);
  if (!lex.ok()) return lex.status();
  return Annotator::Create(std::move(*lex), config.annotate);
}

// What the run's AI flag means (after PrepareClassifier).
AiFlagInfo FlagInfo(const Config& config) {
  const AnnotateOptions& o = config.annotate;
  AiFlagInfo ai;
  ai.definition = o.definition.name;
  ai.categories = o.definition.Codes();
  ai.classifier = std::string(CategoryMethodName(o.category_method));
  if (o.category_model) ai.model_checksum = o.category_model->Checksum();
  return ai;
}

// An annotator that gives each posting its category and flags it under the
// run's definition (annotate, report).
StatusOr<std::unique_ptr<Annotator>> MakeCategorizingAnnotator(Config* config) {
  Status st = PrepareClassifier(config);
  if (!st.ok()) return st;
  return MakeAnnotator(*config);
}

// The annotate output's pass-through columns: --keep's list; with
// --keep-all, every file's columns for JSON Lines, or, for CSV (whose
// columns come before its first row), the union of every input's columns,
// read from their headers first.
StatusOr<AnnotateOutput> MakeAnnotateOutput(const CommonFlags& f, const Config& config, const std::string& keep,
                                            bool keep_all, bool bom, AnnotateFormat format) {
  AnnotateOutput out;
  out.bom = bom;
  for (std::string_view name : SplitOn(keep, ','))
    if (!TrimCell(name).empty()) out.keep.emplace_back(TrimCell(name));
  if (!keep_all) return out;
  if (!out.keep.empty()) return InvalidArgument("--keep and --keep-all: give one of them");
  if (format == AnnotateFormat::kJsonl) {
    out.keep_all = true;
    return out;
  }
  for (const std::string& in : f.inputs)
    if (in == "-")
      return InvalidArgument("--keep-all with a .csv output reads the inputs' headers first, which stdin cannot give "
                             "twice: write .jsonl, or name the columns with --keep");
  ReadOptions headers = config.read;
  headers.headers_only = true;
  headers.progress = false;
  headers.rejects_path.clear();
  auto read = ReadPostings(f.inputs, headers, nullptr);
  if (!read.ok()) return read.status();
  for (const FileReport& file : read->files)
    for (const std::string& name : file.columns)
      if (std::find(out.keep.begin(), out.keep.end(), name) == out.keep.end()) out.keep.push_back(name);
  return out;
}

int RunAnnotate(const CommonFlags& f, const std::string& out_path, const std::string& keep, bool keep_all, bool bom,
                bool explain) {
  Config config;
  if (!MakeConfig(f, &config)) return kExitFailure;
  config.annotate.explain = explain;
  AnnotateFormat format = AnnotateFormat::kJsonl;
  if (out_path.size() >= 4 && out_path.compare(out_path.size() - 4, 4, ".csv") == 0) {
    format = AnnotateFormat::kCsv;
  } else if (out_path != "-" && !(out_path.size() >= 6 && out_path.compare(out_path.size() - 6, 6, ".jsonl") == 0)) {
    std::fprintf(stderr, "jobsift: -o must end in .jsonl or .csv (or be - for JSON Lines on stdout)\n");
    return kExitFailure;
  }
  auto normalizer = FieldNormalizer::Load(config.fields);
  if (!normalizer.ok()) return Fail(normalizer.status());
  auto annotator = MakeCategorizingAnnotator(&config);
  if (!annotator.ok()) return Fail(annotator.status());
  config.read.judge = normalizer->get();
  auto output = MakeAnnotateOutput(f, config, keep, keep_all, bom, format);
  if (!output.ok()) return Fail(output.status());
  // Written under a temporary name and renamed when complete, so a failed
  // run never leaves an output that looks whole.
  std::string tmp = out_path == "-" ? "" : out_path + ".tmp";
  std::FILE* out = out_path == "-" ? stdout : std::fopen(tmp.c_str(), "wb");
  if (out == nullptr) return Fail(IoError(tmp + ": cannot write: " + std::strerror(errno)));
  AnnotateJob job(normalizer->get(), annotator->get(), format, out, std::move(*output));
  auto summary = ReadPostings(f.inputs, config.read, &job);
  bool write_failed = job.write_failed() || std::fflush(out) != 0 || std::ferror(out);
  if (out != stdout) write_failed |= std::fclose(out) != 0;
  if (!summary.ok() || write_failed) {
    if (!tmp.empty()) std::remove(tmp.c_str());
    return Fail(!summary.ok() ? summary.status() : IoError(out_path + ": write failed: " + std::strerror(errno)));
  }
  if (!summary->errors.empty() || NoPostings(*summary, "annotations")) {
    // An input that could not be read: the output would look whole but not be.
    if (!tmp.empty()) std::remove(tmp.c_str());
    PrintReadNotes(*summary, f.quiet);
    if (!summary->errors.empty()) std::fprintf(stderr, "jobsift: no output written\n");
    return kExitFailure;
  }
  if (!tmp.empty() && std::rename(tmp.c_str(), out_path.c_str()) != 0)
    return Fail(IoError(out_path + ": cannot rename into place: " + std::strerror(errno)));
  if (!f.quiet)
    std::fprintf(stderr, "jobsift: %llu postings annotated (%llu AI) -> %s; rows read %llu, rejected %llu\n",
               static_cast<unsigned long long>(job.rows()), static_cast<unsigned long long>(job.ai_rows()),
               out_path.c_str(), static_cast<unsigned long long>(summary->total.rows_read),
               static_cast<unsigned long long>(summary->total.RowsRejected()));
  PrintReadNotes(*summary, f.quiet);
  return ExitCodeFor(*summary);
}

// Counts AI postings (and, with every domain loaded, skill groups) without
// writing per-posting rows: the AI flag at full speed, and the postings of
// each category and under each shipped definition.
class ClassifyJob : public PostingJob {
 public:
  explicit ClassifyJob(const Annotator* a) : annotator_(a) {}
  struct Counts {
    uint64_t postings = 0;
    std::map<std::string_view, uint64_t> by_rule;  // AI postings; rule names are static strings
    CategoryCounts::Cells cells{};                   // by category and AI term anywhere
  };
  class Task : public PostingTask {
   public:
    explicit Task(const Annotator* a) : a_(a), scratch_(a->NewScratch()) {}
    void Add(const Posting& p) override {
      a_->Annotate(p, *scratch_, &an_);
      ++counts.postings;
      if (an_.ai) ++counts.by_rule[an_.ai_rule];
      ++counts.cells[static_cast<size_t>(an_.category)][an_.any_ai_term ? 1 : 0].postings;
    }
    Counts counts;

   private:
    const Annotator* a_;
    std::unique_ptr<Annotator::Scratch> scratch_;
    Annotation an_;
  };
  std::unique_ptr<PostingTask> NewTask() override { return std::make_unique<Task>(annotator_); }
  void Finish(std::unique_ptr<PostingTask> t) override {
    const Counts& c = static_cast<Task*>(t.get())->counts;
    counts.postings += c.postings;
    for (const auto& [rule, n] : c.by_rule) counts.by_rule[rule] += n;
    for (size_t i = 0; i < kCategoryCount; ++i)
      for (size_t t = 0; t < 2; ++t) counts.cells[i][t].Add(c.cells[i][t]);
  }
  Counts counts;

 private:
  const Annotator* annotator_;
};

int RunClassify(const CommonFlags& f, bool all_domains) {
  Config config;
  if (!MakeConfig(f, &config)) return kExitFailure;
  if (Status st = PrepareClassifier(&config); !st.ok()) return Fail(st);
  auto lex = LoadLexicons(config);
  if (!lex.ok()) return Fail(lex.status());
  if (!all_domains) *lex = lex->Only(Domain::kAi);
  config.annotate.decide_only = true;
  auto annotator = Annotator::Create(std::move(*lex), config.annotate);
  if (!annotator.ok()) return Fail(annotator.status());
  ClassifyJob job(annotator->get());
  auto summary = ReadPostings(f.inputs, config.read, &job);
  if (!summary.ok()) return Fail(summary.status());
  const ClassifyJob::Counts& c = job.counts;
  uint64_t ai = 0;
  for (const auto& [rule, n] : c.by_rule) ai += n;
  const AnnotateOptions& o = config.annotate;
  std::string o_text = "postings " + std::to_string(c.postings) + ", AI " + std::to_string(ai) + " (definition " +
                       o.definition.name + " = " + o.definition.Codes() + ", classifier " +
                       std::string(CategoryMethodName(o.category_method)) + ")\n";
  for (const auto& [rule, n] : c.by_rule) o_text += "  " + std::string(rule) + " " + std::to_string(n) + "\n";
  uint64_t any_term = 0;
  for (const auto& by_term : c.cells) any_term += by_term[1].postings;
  o_text += "categories (" + std::to_string(any_term) + " postings with an AI term):\n";
  for (AiCategory cat : kAllCategories) {
    const auto& by_term = c.cells[static_cast<size_t>(cat)];
    o_text += "  " + std::string(CategoryCodeText(cat)) + " " + std::string(CategoryName(cat)) + " " +
              std::to_string(by_term[0].postings + by_term[1].postings) + "\n";
  }
  o_text += "AI postings under each definition:";
  for (const AiDefinition& d : AllDefinitions(config.definitions))
    o_text += " " + d.name + " " + std::to_string(CategoryCounts::Under(c.cells, d).postings) + ";";
  o_text.back() = '\n';
  if (!WriteStdout(o_text)) return kExitFailure;
  PrintReadNotes(*summary, f.quiet);
  return ExitCodeFor(*summary);
}

// Writes `bytes` to `path` through a temporary name, so a failed run never
// leaves a file that looks complete.
Status WriteFileAtomic(const std::string& path, const std::string& bytes) {
  std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) return IoError(tmp + ": cannot write: " + std::strerror(errno));
  bool bad = std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size();
  bad |= std::fflush(f) != 0;
  bad |= std::fclose(f) != 0;
  if (bad) {
    std::remove(tmp.c_str());
    return IoError(path + ": write failed: " + std::strerror(errno));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return IoError(path + ": cannot rename into place: " + std::strerror(errno));
  }
  return Status::Ok();
}

// summary.json is written last and says that the folder holds a complete
// report; a run over a folder removes the one an earlier run left before it
// writes anything, so a run that fails half-way never leaves the earlier
// summary beside a mix of old and new tables.
bool RemoveSummary(const std::string& out_dir) {
  std::string path = out_dir + "/summary.json";
  if (std::remove(path.c_str()) == 0 || errno == ENOENT) return true;
  std::fprintf(stderr, "jobsift: %s: cannot remove the previous run's summary: %s\n", path.c_str(),
               std::strerror(errno));
  return false;
}

// Writes the tables, the workbook, report.html and summary.json (last) of a
// finished job; with `pdf`, then prints report.html to report.pdf (a failure
// there fails the command, the other outputs stay).
int WriteReport(const std::string& out_dir, const ReportJob& job, const ReadSummary& read, const Lexicon& lexicon,
                TableOptions table_options, Dedup dedup, const AiFlagInfo& ai, const SalaryConventions& salary,
                bool pdf, bool quiet) {
  table_options.definition = ai.definition;
  std::vector<Table> tables = BuildTables(job.cube(), table_options, &job.categories());
  for (const Table& t : tables) {
    Status st = WriteFileAtomic(out_dir + "/tables/" + t.id + ".csv", TableCsv(t));
    if (!st.ok()) return Fail(st);
  }
  Status st = WriteFileAtomic(out_dir + "/tables.json", TablesJson(tables));
  if (!st.ok()) return Fail(st);
  std::string xlsx = out_dir + "/tables.xlsx";
  st = WriteTablesXlsx(tables, xlsx + ".tmp");
  if (!st.ok()) {
    std::remove((xlsx + ".tmp").c_str());
    return Fail(st);
  }
  if (std::rename((xlsx + ".tmp").c_str(), xlsx.c_str()) != 0) return Fail(IoError(xlsx + ": cannot rename into place"));
  ReportSummary summary = SummarizeReport(read, job, lexicon, table_options, dedup, ai, salary);
  st = WriteFileAtomic(out_dir + "/report.html", ReportHtml(tables, summary));
  if (!st.ok()) return Fail(st);
  // summary.json last: its presence says the report is complete.
  st = WriteFileAtomic(out_dir + "/summary.json", ReportSummaryJson(summary));
  if (!st.ok()) return Fail(st);
  std::string scope;
  if (!job.cube().filter().empty()) {
    scope = " with " + FilterLabel(job.cube().filter()) + " (" + std::to_string(job.outside_filter()) + " outside)";
    if (job.postings() == 0) std::fprintf(stderr, "jobsift: warning: no posting has %s\n", FilterLabel(job.cube().filter()).c_str());
  }
  if (!quiet)
    std::fprintf(stderr,
               "jobsift: %llu postings%s (%llu duplicates removed) -> %s/tables, tables.json, tables.xlsx, report.html, "
               "summary.json\n",
               static_cast<unsigned long long>(job.postings()), scope.c_str(),
               static_cast<unsigned long long>(job.duplicates()), out_dir.c_str());
  if (pdf) {
    st = PrintToPdf(out_dir + "/report.html", out_dir + "/report.pdf");
    if (!st.ok()) {
      std::fprintf(stderr, "jobsift: report.pdf not written: %s\n", st.message().c_str());
      return kExitFailure;
    }
    if (!quiet) std::fprintf(stderr, "jobsift: -> %s/report.pdf\n", out_dir.c_str());
  }
  return ExitCodeFor(read);
}

bool ParseDedup(const std::string& name, Dedup* out) {
  if (name == "exact") {
    *out = Dedup::kExact;
  } else if (name == "none") {
    *out = Dedup::kNone;
  } else {
    return false;
  }
  return true;
}

int RunReport(const CommonFlags& f, const std::string& out_dir, const std::string& dedup_name,
              const TableOptions& table_options, const std::string& state_path, bool pdf) {
  Config config;
  if (!MakeConfig(f, &config)) return kExitFailure;
  Dedup dedup;
  if (!ParseDedup(dedup_name, &dedup)) return Fail(InvalidArgument("--dedup must be none or exact"));
  auto normalizer = FieldNormalizer::Load(config.fields);
  if (!normalizer.ok()) return Fail(normalizer.status());
  // The decider categorizes every posting; the full annotator reads only
  // those it flags, for their terms and skills.
  if (Status st = PrepareClassifier(&config); !st.ok()) return Fail(st);
  const AnnotateOptions categorize = config.annotate;
  config.annotate.categorize = false;
  auto annotator = MakeAnnotator(config);
  if (!annotator.ok()) return Fail(annotator.status());
  std::error_code ec;
  std::filesystem::create_directories(out_dir + "/tables", ec);
  if (ec) return Fail(IoError(out_dir + ": cannot create: " + ec.message()));
  if (!RemoveSummary(out_dir)) return kExitFailure;
  config.read.rejects_path = out_dir + "/rejects.tsv";
  auto filter = ResolveFilter(**normalizer, f);
  if (!filter.ok()) return Fail(filter.status());
  config.read.judge = normalizer->get();
  ReportJob job(normalizer->get(), annotator->get(), dedup);
  job.set_filter(*filter);
  job.set_scratch_dir(out_dir);
  job.set_threads(config.read.threads > 0 ? config.read.threads : static_cast<int>(std::thread::hardware_concurrency()));
  auto decider = MakeDecider(**annotator, &categorize);
  if (!decider.ok()) return Fail(decider.status());
  job.set_decider(decider->get());
  std::unique_ptr<StateWriter> state;
  if (!state_path.empty()) {
    auto w = StateWriter::Open(state_path);
    if (!w.ok()) return Fail(w.status());
    state = std::move(*w);
    job.set_state(state.get());
  }
  auto summary = ReadPostings(f.inputs, config.read, &job);
  if (!summary.ok()) return Fail(summary.status());
  if (!summary->errors.empty() || NoPostings(*summary, "report")) {
    PrintReadNotes(*summary, f.quiet);
    if (!summary->errors.empty()) std::fprintf(stderr, "jobsift: no report written\n");
    return kExitFailure;
  }
  PrintReadNotes(*summary, f.quiet);
  if (Status st = job.Complete(); !st.ok()) return Fail(st);
  const AiFlagInfo ai = FlagInfo(config);
  if (state) {
    StateInfo info;
    info.read = summary->total;
    info.lexicon_checksum = (*annotator)->lexicon().Checksum();
    info.ai = ai;
    info.dedup = dedup_name;
    info.salary = config.fields.salary;
    info.notes = summary->notes;
    Status st = state->Finish(info);
    if (!st.ok()) return Fail(st);
  }
  TableOptions tables = table_options;
  tables.definitions = config.definitions;
  return WriteReport(out_dir, job, *summary, (*annotator)->lexicon(), tables, dedup, ai, config.fields.salary, pdf,
                     f.quiet);
}

int RunMerge(const std::vector<std::string>& states, const std::string& out_dir, const CommonFlags& f,
             const TableOptions& table_options, bool pdf) {
  Config config;
  if (!MakeConfig(f, &config)) return kExitFailure;
  auto lex = LoadLexicons(config);
  if (!lex.ok()) return Fail(lex.status());
  auto normalizer = FieldNormalizer::Load(config.fields);
  if (!normalizer.ok()) return Fail(normalizer.status());
  auto filter = ResolveFilter(**normalizer, f);
  if (!filter.ok()) return Fail(filter.status());
  std::error_code ec;
  std::filesystem::create_directories(out_dir + "/tables", ec);
  if (ec) return Fail(IoError(out_dir + ": cannot create: " + ec.message()));
  if (!RemoveSummary(out_dir)) return kExitFailure;
  ReadSummary read;
  std::unique_ptr<ReportJob> job;
  AiFlagInfo ai;
  std::string dedup_name;
  SalaryConventions salary;
  for (const std::string& path : states) {
    auto info = CheckState(path);
    if (!info.ok()) return Fail(info.status());
    // The first state fixes the rule and dedup; every state must agree on
    // them and on the lexicon, or the merged numbers would mean nothing.
    if (!job) {
      ai = info->ai;
      dedup_name = info->dedup;
      salary = info->salary;
      Dedup dedup;
      if (!ParseDedup(dedup_name, &dedup)) return Fail(DataError(path + ": unknown dedup '" + dedup_name + "'"));
      job = std::make_unique<ReportJob>(nullptr, nullptr, dedup);
      job->set_filter(*filter);
      job->set_scratch_dir(out_dir);
      job->set_threads(static_cast<int>(std::thread::hardware_concurrency()));
    }
    if (info->lexicon_checksum != lex->Checksum())
      return Fail(DataError(path + ": made with other lexicons (checksum " + info->lexicon_checksum + ", these are " +
                            lex->Checksum() + ")"));
    if (info->salary != salary)
      return Fail(DataError(path + ": made with other salary conventions ([salary] in the config) than the first state"));
    if (info->ai != ai || info->dedup != dedup_name)
      return Fail(DataError(path + ": made with AI definition " + info->ai.Label() + " and dedup '" + info->dedup +
                            "', unlike the first state (" + ai.Label() + ", '" + dedup_name + "')"));
    Status st = ReplayState(path, [&](const Contribution& c) { job->AddContribution(c); });
    if (!st.ok()) return Fail(st);
    read.total.Add(info->read);
    read.notes.Add(info->notes);
  }
  if (Status st = job->Complete(); !st.ok()) return Fail(st);
  PrintReadNotes(read, f.quiet);
  Dedup dedup;
  ParseDedup(dedup_name, &dedup);
  // The states' definition is shown beside the shipped ones when it is
  // not one of them (the config need not name it).
  TableOptions tables = table_options;
  if (!FindDefinition(ai.definition).ok()) {
    auto d = ParseDefinition(ai.definition, ai.categories);
    if (d.ok()) tables.definitions.push_back(*d);
  }
  return WriteReport(out_dir, *job, read, *lex, tables, dedup, ai, salary, pdf, f.quiet);
}

// The lexicons `lexicon check` and `lexicon terms` show: the paths given
// (default: the shipped set), with an overlay applied when one is given.
StatusOr<Lexicon> LexiconOf(const std::vector<std::string>& paths, const std::string& overlay) {
  Config config;
  std::vector<std::string> set = paths.empty() ? std::vector<std::string>{config.LexiconDir()} : paths;
  if (overlay.empty()) return Lexicon::LoadPaths(set);
  if (set.size() != 1) return InvalidArgument("lexicon --lexicons: give one lexicon folder to overlay (or none)");
  return Lexicon::LoadOverlaid(set[0], overlay);
}

int RunLexiconTerms(const std::vector<std::string>& paths, const std::string& overlay) {
  auto lex = LexiconOf(paths, overlay);
  if (!lex.ok()) return Fail(lex.status());
  std::string o;
  for (const Term& t : lex->terms()) o += t.folded + "\n";
  return WriteStdout(o) ? kExitOk : kExitFailure;
}

int RunLexiconCheck(const std::vector<std::string>& paths, const std::string& overlay) {
  auto lex = LexiconOf(paths, overlay);
  if (!lex.ok()) return Fail(lex.status());
  std::string o;
  for (size_t d = 0; d < kDomainCount; ++d) {
    Domain dom = static_cast<Domain>(d);
    if (lex->TermCount(dom) == 0) continue;
    o += std::string(DomainName(dom)) + ": " + std::to_string(lex->TermCount(dom)) + " terms in " +
         std::to_string(lex->GroupCount(dom)) + " groups\n";
    for (const Group& g : lex->groups()) {
      if (g.domain != dom) continue;
      char buf[256];
      std::snprintf(buf, sizeof buf, "  %-24s %-10s %5u  %s", g.name.c_str(), g.category.c_str(), g.terms,
                    g.file.c_str());
      o += buf;
      if (!g.overlay.empty()) o += g.overlay == g.file ? "  (added by the overlay)" : "  (changed by " + g.overlay + ")";
      o += "\n";
    }
  }
  // Compile too: a pattern Vectorscan rejects is a lexicon error.
  auto a = Annotator::Create(std::move(*lex), {});
  if (!a.ok()) return Fail(a.status());
  o += "checksum " + (*a)->lexicon().Checksum() + "\n";
  return WriteStdout(o) ? kExitOk : kExitFailure;
}

// Category labels: the rules and the model per definition and dataset
// (population figures), and, with `train_out`, the model trained on every
// label written there.
int RunCategoryEval(const std::string& labels_path, const std::string& second_path, const std::string& data_root,
                    const CommonFlags& f, const std::string& frame_path, const std::string& train_out) {
  auto labels = LoadCategoryLabels(labels_path);
  if (!labels.ok()) return Fail(labels.status());
  std::string o;
  if (!second_path.empty()) {
    auto second = LoadCategoryLabels(second_path);
    if (!second.ok()) return Fail(second.status());
    o += "agreement with " + second_path + ":\n" + CategoryAgreementText(*labels, *second) + "\n";
  }
  Config config;
  if (!MakeConfig(f, &config)) return kExitFailure;
  auto lex = LoadLexicons(config);
  if (!lex.ok()) return Fail(lex.status());
  auto frame = LoadFrame(frame_path);
  if (!frame.ok()) return Fail(frame.status());
  std::vector<std::string> not_found;
  auto postings = ReadLabelledPostings(*labels, data_root, *lex, &not_found);
  if (!postings.ok()) return Fail(postings.status());
  CategoryModel::TrainOptions train;
  if (!train_out.empty()) {
    CategoryModel m = TrainOnLabels(*labels, *postings, train);
    size_t with_term = 0;
    for (const ReadPosting& p : *postings) with_term += p.any_term;
    auto g = [](double v) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", v);
      return std::string(buf);
    };
    std::string header = "jobsift category model: multinomial logistic regression over the features of\n"
                         "lexicon/category.h (CategoryFeatures), trained by `jobsift eval " + labels_path +
                         " --train`\non the " + std::to_string(with_term) + " of " + std::to_string(postings->size()) +
                         " labelled postings that have an AI term, " + std::to_string(train.epochs) +
                         " AdaGrad epochs, rate " + g(train.learning_rate) + ", L2 " + g(train.l2) +
                         ", seed " + std::to_string(train.seed) +
                         "; lexicon checksum " + lex->Checksum() + ".\nColumns: feature, then its weight for B A D E S U N.";
    Status st = WriteFileAtomic(train_out, m.Tsv(header));
    if (!st.ok()) return Fail(st);
    o += "model: " + std::to_string(m.size()) + " features -> " + train_out + " (checksum " + m.Checksum() + ")\n\n";
  }
  auto r = EvaluateCategories(*labels, *postings, *frame, train);
  if (!r.ok()) return Fail(r.status());
  r->not_found = not_found;
  return WriteStdout(o + CategoryEvalText(*r)) ? kExitOk : kExitFailure;
}

// With `second_path`, first how two labellings agree, then the rules scored
// on the postings both label alike.
int RunEval(const std::string& labels_path, const std::string& second_path, const std::string& data_root,
            const CommonFlags& f, bool list_misses) {
  auto labels = LoadLabels(labels_path);
  if (!labels.ok()) return Fail(labels.status());
  std::string o;
  if (!second_path.empty()) {
    auto second = LoadLabels(second_path);
    if (!second.ok()) return Fail(second.status());
    auto a = CompareLabels(*labels, *second);
    if (!a.ok()) return Fail(a.status());
    o += AgreementText(*a) + "\nthe rules on the " + std::to_string(a->consensus.size()) +
         " postings both label alike:\n";
    *labels = std::move(a->consensus);
  }
  Config config;
  if (!MakeConfig(f, &config)) return kExitFailure;
  auto lex = LoadLexicons(config);
  if (!lex.ok()) return Fail(lex.status());
  auto r = Evaluate(*labels, data_root, *lex, StandardVariants());
  if (!r.ok()) return Fail(r.status());
  return WriteStdout(o + EvalText(*r, list_misses)) ? kExitOk : kExitFailure;
}

struct GenFlags {
  uint64_t rows = 200000;
  uint64_t seed = 1;
  std::string output, format, truth;
};

// jobsift gen: synthetic postings with planted truth (src/gen/generator.h).
// The generator is built on the lexicons and tables the report will use,
// always with the default AI rule (its traps are traps for that rule).
int RunGen(const CommonFlags& f, const GenFlags& g, const TableOptions& table_options) {
  Config config;
  if (!MakeConfig(f, &config)) return kExitFailure;
  config.annotate.ai_rule = AiRule::kDefault;
  config.annotate.skip_company_for_ai = true;
  GenOptions options;
  options.rows = g.rows;
  options.threads = f.threads;
  std::string format = g.format;
  // The format follows the file's extension; a name that says another
  // format is refused rather than filled with CSV.
  std::string lower = AsciiLower(g.output);
  std::string from_name = EndsWith(lower, ".jsonl") || EndsWith(lower, ".ndjson") ? "jsonl"
                          : EndsWith(lower, ".csv")                            ? "csv"
                                                                                : "";
  // A name without an extension (/dev/null, a pipe) is CSV, as before.
  std::string base = std::filesystem::path(g.output).filename().string();
  if (from_name.empty() && base.find('.') == std::string::npos) from_name = g.output == "-" ? "" : "csv";
  if (format.empty()) format = g.output == "-" ? "csv" : from_name;
  if (format.empty())
    return Fail(InvalidArgument("gen -o " + g.output +
                                ": jobsift gen writes CSV (.csv) or JSON Lines (.jsonl); name the file so, or give "
                                "--format for stdout"));
  if (!from_name.empty() && format != from_name)
    return Fail(InvalidArgument("gen -o " + g.output + " --format " + format + ": the name says " + from_name));
  if (format == "jsonl") {
    options.format = GenFormat::kJsonl;
  } else if (format != "csv") {
    return Fail(InvalidArgument("--format must be csv or jsonl"));
  }
  auto normalizer = FieldNormalizer::Load(config.fields);
  if (!normalizer.ok()) return Fail(normalizer.status());
  auto annotator = MakeAnnotator(config);
  if (!annotator.ok()) return Fail(annotator.status());
  auto gen = Generator::Create(annotator->get(), normalizer->get(), g.seed, g.rows);
  if (!gen.ok()) return Fail(gen.status());
  GenTruth truth;
  Status st = GenerateFile(**gen, options, g.output, g.truth.empty() ? nullptr : &truth, &g_interrupted);
  if (!st.ok()) return Fail(st);
  if (!g.truth.empty()) {
    st = WriteFileAtomic(g.truth, GenTruthJson(truth, table_options, g.seed));
    if (!st.ok()) return Fail(st);
  }
  if (!f.quiet)
    std::fprintf(stderr, "jobsift: %llu rows -> %s%s%s\n", static_cast<unsigned long long>(g.rows), g.output.c_str(),
                 g.truth.empty() ? "" : ", truth -> ", g.truth.c_str());
  return kExitOk;
}

// Levenshtein distance, for suggesting the name a typo meant.
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// "; did you mean 'report'?" for the nearest of `names` within a third of
// the word's length (at least 2 edits), else "".
std::string DidYouMean(std::string_view word, const std::vector<std::string>& names) {
  std::string best;
  size_t best_d = std::max<size_t>(2, word.size() / 3) + 1;
  for (const std::string& n : names) {
    size_t d = EditDistance(word, n);
    if (d < best_d || (d == best_d && !best.empty() && n < best)) {
      if (d < best_d) best_d = d;
      best = n;
    }
  }
  return best.empty() ? "" : ": did you mean '" + best + "'?";
}

// A flag or value CLI11 refused: one "jobsift:" line, with the nearest
// option name for a flag it does not know, and exit 2.
int ParseFailure(const CLI::App& app, const CLI::ParseError& e, int argc, char** argv) {
  const CLI::App* sub = nullptr;
  for (const CLI::App* s : app.get_subcommands({}))
    if (argc >= 2 && s->get_name() == argv[1]) sub = s;
  std::string name = sub != nullptr ? sub->get_name() : "";
  std::string help = sub != nullptr ? "jobsift " + name + " --help" : "jobsift --help";
  if (sub != nullptr && dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    std::vector<std::string> flags;
    for (const CLI::Option* o : sub->get_options()) {
      for (const std::string& l : o->get_lnames()) flags.push_back("--" + l);
      for (const std::string& s : o->get_snames()) flags.push_back("-" + s);
    }
    for (int i = 2; i < argc; ++i) {
      std::string arg = argv[i];
      if (arg.size() < 2 || arg[0] != '-' || arg == "-") continue;
      std::string option = arg.substr(0, arg.find('='));
      if (std::find(flags.begin(), flags.end(), option) != flags.end()) continue;
      std::fprintf(stderr, "jobsift: %s: unknown option '%s'%s (see %s)\n", name.c_str(), option.c_str(),
                   DidYouMean(option, flags).c_str(), help.c_str());
      return kExitFailure;
    }
  }
  std::fprintf(stderr, "jobsift: %s%s%s (see %s)\n", name.c_str(), name.empty() ? "" : ": ", e.what(), help.c_str());
  return kExitFailure;
}

}  // namespace
}  // namespace jobsift

int main(int argc, char** argv) {
  using namespace jobsift;
  // The first SIGINT or SIGTERM stops the run cleanly at the next chunk; a
  // second one (the handler is reset) ends the process at once.
  struct sigaction sa {};
  sa.sa_handler = OnSignal;
  sa.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  CLI::App app{"jobsift: labour-market intelligence from job postings"};
  app.set_version_flag("--version", std::string("jobsift ") + JOBSIFT_VERSION);
  app.require_subcommand(1);

  CommonFlags scan_flags;
  bool scan_json = false;
  CLI::App* scan = app.add_subcommand("scan", "Read inputs and summarise rows, rejects, formats and column mapping");
  AddReadFlags(scan, scan_flags);
  scan->add_flag("--json", scan_json, "Print the summary as JSON");

  CommonFlags profile_flags;
  bool profile_json = false;
  size_t profile_top = 20;
  CLI::App* profile =
      app.add_subcommand("profile", "Parse every field and show parse rates, unknowns by reason and unparsed values");
  AddReadFlags(profile, profile_flags);
  AddFieldFlags(profile, profile_flags);
  profile->add_flag("--json", profile_json, "Print the profile as JSON");
  profile->add_option("--top", profile_top, "How many unparsed values to list per field")->check(CLI::Range(0, 100000));

  CommonFlags annotate_flags;
  std::string annotate_out;
  CLI::App* annotate = app.add_subcommand("annotate", "Write one annotated row per posting (.jsonl or .csv)");
  AddReadFlags(annotate, annotate_flags);
  AddFieldFlags(annotate, annotate_flags);
  AddLexiconFlags(annotate, annotate_flags);
  annotate->add_option("-o,--output", annotate_out, "Output file: .jsonl or .csv, or - for JSON Lines on stdout")
      ->required();
  std::string annotate_keep;
  bool annotate_keep_all = false, annotate_no_bom = false, annotate_explain = false;
  annotate->add_option("--keep", annotate_keep,
                       "Pass these input columns through, by header name, comma-separated (JSON: \"input\" object; "
                       "CSV: input.<name> columns)");
  annotate->add_flag("--keep-all", annotate_keep_all, "Pass every input column through");
  annotate->add_flag("--explain", annotate_explain,
                     "category_evidence: the model's features that decided each category, with how far each "
                     "pushed it past the runner-up (slower)");
  annotate->add_flag("--no-bom", annotate_no_bom,
                     "CSV without the UTF-8 byte-order mark (by default it has one, so Excel reads it as UTF-8)");

  CLI::App* lexicon = app.add_subcommand("lexicon", "Lexicon tools");
  lexicon->require_subcommand(1);
  std::vector<std::string> check_paths;
  CLI::App* check = lexicon->add_subcommand("check", "Validate lexicon files or folders and count their terms");
  std::string lexicon_overlay;
  check->add_option("paths", check_paths, "Group files or folders (ai/ hard/ soft/ benefit/; default: data/lexicons)");
  check->add_option("--lexicons", lexicon_overlay, "An overlay to apply: shows the merged lexicons");

  std::vector<std::string> terms_paths;
  CLI::App* terms = lexicon->add_subcommand("terms", "Print every term as matched (folded), one a line");
  terms->add_option("paths", terms_paths, "Group files or folders (default: data/lexicons)");
  terms->add_option("--lexicons", lexicon_overlay, "An overlay to apply first");

  CommonFlags report_flags;
  std::string report_out, report_dedup = "exact";
  TableOptions table_options;
  CLI::App* report = app.add_subcommand("report", "Aggregate postings into the analysis tables (CSV, JSON, Excel), report.html and summary.json");
  AddReadFlags(report, report_flags);
  AddFieldFlags(report, report_flags);
  AddLexiconFlags(report, report_flags);
  report->add_option("-o,--output", report_out, "Output folder")->required();
  report->add_option("--dedup", report_dedup, "Duplicates: exact (same company, title, city, description in a half-year) or none");
  std::string report_state;
  report->add_option("--state", report_state, "Also save the run's state here, for jobsift merge (docs/state-format.md)");
  report->add_option("--half", table_options.current_half,
                     "Half-year of the single-period tables, e.g. 2024H1 (default: the latest holding a quarter of the busiest half-year's postings and --min-n AI postings)")
      ->check([](const std::string& v) {
        return v.size() == 6 && v[4] == 'H' && (v[5] == '1' || v[5] == '2') ? std::string() : "use the form 2024H1";
      });
  AddTableFlags(report, table_options);
  AddFilterFlags(report, report_flags);
  bool report_pdf = false;
  report->add_flag("--pdf", report_pdf, "Also print report.html to report.pdf with headless Chromium");

  std::vector<std::string> merge_states;
  std::string merge_out;
  CommonFlags merge_flags;
  TableOptions merge_options;
  CLI::App* merge = app.add_subcommand("merge", "Merge report state files into the report one run over all inputs gives");
  merge->add_option("states", merge_states, "State files from jobsift report --state, in input order")->required();
  merge->add_option("-o,--output", merge_out, "Output folder")->required();
  AddLexiconFolderFlags(merge, merge_flags);  // the lexicons the states were made with
  merge->add_flag("--quiet,-q", merge_flags.quiet, "Print only errors on stderr: no warnings or closing line");
  merge->add_option("--half", merge_options.current_half, "Half-year of the single-period tables");
  AddTableFlags(merge, merge_options);
  AddFilterFlags(merge, merge_flags);
  bool merge_pdf = false;
  merge->add_flag("--pdf", merge_pdf, "Also print report.html to report.pdf with headless Chromium");

  CommonFlags classify_flags;
  bool classify_all = false;
  CLI::App* classify = app.add_subcommand("classify", "Count AI postings by the rule that fired (no per-posting output)");
  AddReadFlags(classify, classify_flags);
  AddLexiconFlags(classify, classify_flags);
  classify->add_flag("--all-domains", classify_all, "Match the skill and benefit lexicons too");

  std::string eval_labels = std::string(JOBSIFT_DATA_DIR) + "/eval/ai_labels.tsv";
  std::string eval_root = DefaultRealDataRoot();
  CommonFlags eval_flags;
  std::string eval_agreement;
  bool eval_misses = false;
  CLI::App* eval = app.add_subcommand("eval", "Precision, recall and F1 of the AI rules on hand-labelled postings");
  eval->add_option("labels", eval_labels, "Labels TSV (default: data/eval/ai_labels.tsv)");
  eval->add_option("--data-root", eval_root,
                   "Folder of the real datasets the labels' source paths are relative to (default: $JOBSIFT_REAL_DATA, "
                   "else ../shared/data/real beside the source tree)");
  AddLexiconFolderFlags(eval, eval_flags);
  std::string eval_frame = std::string(JOBSIFT_DATA_DIR) + "/eval/category_frame.tsv", eval_train;
  eval->add_option("--frame", eval_frame,
                   "Category labels: the sampling frame (postings per stratum; default data/eval/category_frame.tsv)");
  eval->add_option("--train", eval_train,
                   "Category labels: train the model on every label and write its weights here");
  eval->add_flag("--misses", eval_misses, "List every misclassified posting with its terms");
  eval->add_option("--agreement", eval_agreement,
                   "A second labelling of the same postings: report agreement and Cohen's kappa, then score "
                   "the rules on the postings both label alike");

  CommonFlags gen_flags;
  GenFlags gen;
  TableOptions gen_table_options;
  CLI::App* gen_cmd = app.add_subcommand("gen", "Generate synthetic postings with planted truth (docs/gen.md)");
  gen_cmd->add_option("--rows,-n", gen.rows, "Rows to write (default 200000)")->check(CLI::Range(int64_t{1}, int64_t{10000000000}));
  gen_cmd->add_option("--seed", gen.seed, "Seed: the same seed gives the same bytes (default 1)")
      ->check(CLI::Range(int64_t{0}, std::numeric_limits<int64_t>::max()));
  gen_cmd->add_option("-o,--output", gen.output, "Output file (.csv or .jsonl), or - for stdout")->required();
  gen_cmd->add_option("--format", gen.format, "csv or jsonl (default: from the output's extension, else csv)");
  gen_cmd->add_option("--truth", gen.truth, "Also write the planted truth here: counts and every table (JSON)");
  gen_cmd->add_option("--threads,-j", gen_flags.threads, "Worker threads (default: all cores)")->check(CLI::Range(1, 256));
  gen_cmd->add_option("--config", gen_flags.config_path, "TOML config (lexicons and data tables, see docs/config.md)");
  gen_cmd->add_option("--half", gen_table_options.current_half, "Half-year of the truth's single-period tables");
  gen_cmd->add_option("--min-n", gen_table_options.min_n, "small_n threshold of the truth's tables (default 30)")
      ->check(CLI::Range(int64_t{0}, int64_t{1000000000}));
  gen_cmd->add_flag("--quiet,-q", gen_flags.quiet, "No message on stderr");
  AddFieldFlags(gen_cmd, gen_flags);
  AddLexiconFolderFlags(gen_cmd, gen_flags);

  if (argc >= 2 && argv[1][0] != '-') {
    std::vector<std::string> commands;
    for (const CLI::App* sub : app.get_subcommands({})) commands.push_back(sub->get_name());
    if (std::find(commands.begin(), commands.end(), argv[1]) == commands.end()) {
      std::fprintf(stderr, "jobsift: unknown command '%s'%s (the commands: %s; see jobsift --help)\n", argv[1],
                   DidYouMean(argv[1], commands).c_str(), JoinFirst(commands, ", ").c_str());
      return kExitFailure;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    return ParseFailure(app, e, argc, argv);
  }
  if (*scan) return RunScan(scan_flags, scan_json);
  if (*profile) return RunProfile(profile_flags, profile_json, profile_top);
  if (*annotate)
    return RunAnnotate(annotate_flags, annotate_out, annotate_keep, annotate_keep_all, !annotate_no_bom,
                       annotate_explain);
  if (*report) return RunReport(report_flags, report_out, report_dedup, table_options, report_state, report_pdf);
  if (*merge) return RunMerge(merge_states, merge_out, merge_flags, merge_options, merge_pdf);
  if (*check) return RunLexiconCheck(check_paths, lexicon_overlay);
  if (*terms) return RunLexiconTerms(terms_paths, lexicon_overlay);
  if (*classify) return RunClassify(classify_flags, classify_all);
  if (*gen_cmd) return RunGen(gen_flags, gen, gen_table_options);
  if (*eval) {
    if (IsCategoryLabelsFile(eval_labels))
      return RunCategoryEval(eval_labels, eval_agreement, eval_root, eval_flags, eval_frame, eval_train);
    return RunEval(eval_labels, eval_agreement, eval_root, eval_flags, eval_misses);
  }
  return kExitFailure;
}

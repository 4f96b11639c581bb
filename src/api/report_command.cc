// report and merge: a cube filled from postings or from state files, and
// the output folder written from it.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <filesystem>

#include "aggregate/state.h"
#include "base/parallel.h"
#include "api/run_setup.h"
#include "io/atomic_file.h"
#include "jobsift/commands.h"
#include "jobsift/report.h"
#include "lexicon/category.h"
#include "pipeline/report_job.h"
#include "pipeline/scan_report.h"
#include "report/catalogue.h"
#include "report/html.h"
#include "report/pdf.h"
#include "report/summary.h"
#include "report/tables.h"

namespace jobsift {

struct ReportResult::Impl {
  std::vector<Table> tables;
  std::vector<AnalysisTable> typed;
  ReportSummary summary;
  uint64_t postings = 0, duplicates = 0, outside_filter = 0;
  CubeFilter filter;
  int exit_code = kExitOk;
};

namespace {

StatusOr<Dedup> ParseDedup(const std::string& name) {
  if (name == "exact") return Dedup::kExact;
  if (name == "none") return Dedup::kNone;
  return InvalidArgument("--dedup must be none or exact");
}

// The output folder, made ready: summary.json says that the folder holds a
// complete report, so the one an earlier run left is removed before
// anything is written; a run that fails half-way never leaves the earlier
// summary beside a mix of old and new tables.
Status PrepareOutputDir(const std::string& out_dir) {
  std::error_code ec;
  std::filesystem::create_directories(out_dir + "/tables", ec);
  if (ec) return IoError(out_dir + ": cannot create: " + ec.message());
  std::string path = out_dir + "/summary.json";
  if (std::remove(path.c_str()) != 0 && errno != ENOENT)
    return IoError(path + ": cannot remove the previous run's summary: " + std::strerror(errno));
  return Status::Ok();
}

AnalysisCell Typed(const std::string& v, ColumnKind kind) {
  if (kind == ColumnKind::kLabel) return v;
  if (kind == ColumnKind::kFlag) return v == "1";
  if (v.empty()) return std::monostate{};
  if (!IsPlainNumber(v)) return v;
  if (kind == ColumnKind::kCount && v.find('.') == std::string::npos)
    return static_cast<int64_t>(std::strtoll(v.c_str(), nullptr, 10));  // no exception: counts fit
  return std::strtod(v.c_str(), nullptr);
}

AnalysisTable TypedTable(const Table& t) {
  AnalysisTable a{t.id, t.title, t.formula, t.period, t.filter.city, t.filter.industry, t.n, {}, {}};
  std::vector<ColumnKind> kinds;
  for (const std::string& key : t.columns) {
    ColumnInfo c = ColumnInfoOf(key);
    kinds.push_back(c.kind);
    a.columns.push_back({key, std::string(c.zh), std::string(ColumnType(c.kind)), std::string(ColumnUnit(c.kind))});
  }
  for (const auto& row : t.rows) {
    std::vector<AnalysisCell>& cells = a.rows.emplace_back();
    for (size_t i = 0; i < row.size(); ++i) cells.push_back(Typed(row[i], i < kinds.size() ? kinds[i] : ColumnKind::kLabel));
  }
  return a;
}

// The tables and summary of a finished job.
ReportResult Finish(const ReportJob& job, const ReadSummary& read, const Lexicon& lexicon,
                    TableOptions table_options, Dedup dedup, const AiFlagInfo& ai, const SalaryConventions& salary) {
  table_options.definition = ai.definition;
  auto impl = std::make_shared<ReportResult::Impl>();
  impl->tables = BuildTables(job.cube(), table_options, &job.categories());
  for (const Table& t : impl->tables) impl->typed.push_back(TypedTable(t));
  impl->summary = SummarizeReport(read, job, lexicon, table_options, dedup, ai, salary);
  impl->postings = job.postings();
  impl->duplicates = job.duplicates();
  impl->outside_filter = job.outside_filter();
  impl->filter = job.cube().filter();
  impl->exit_code = ExitCodeFor(read);
  return ReportResult(std::move(impl));
}

// The closing line, then, with `pdf`, report.html printed to report.pdf (a
// failure there fails the command; the other outputs stay).
StatusOr<int> WriteAndSay(const ReportResult& report, const std::string& out_dir, bool pdf, Console& console) {
  JOBSIFT_RETURN_IF_ERROR(report.Write(out_dir));
  std::string scope;
  if (!report.filter().empty()) {
    scope = " with " + report.filter() + " (" + std::to_string(report.outside_filter()) + " outside)";
    if (report.postings() == 0) console.Say(Severity::kWarning, "no posting has " + report.filter());
  }
  console.Say(Severity::kInfo, std::to_string(report.postings()) + " postings" + scope + " (" +
                                   std::to_string(report.duplicates()) + " duplicates removed) -> " + out_dir +
                                   "/tables, tables.json, tables.xlsx, report.html, summary.json");
  if (pdf) {
    Status st = PrintToPdf(out_dir + "/report.html", out_dir + "/report.pdf");
    if (!st.ok()) {
      console.Say(Severity::kError, "report.pdf not written: " + st.message());
      return kExitFailure;
    }
    console.Say(Severity::kInfo, "-> " + out_dir + "/report.pdf");
  }
  return report.exit_code();
}

// Where deduplication keeps postings aside: the output folder, else the
// system's temporary folder.
std::string ScratchDir(const std::string& out_dir) {
  if (!out_dir.empty()) return out_dir;
  std::error_code ec;
  std::string tmp = std::filesystem::temp_directory_path(ec).string();
  return ec ? "." : tmp;
}

}  // namespace

StatusOr<ReportResult> BuildReport(const RunOptions& run, const ReportRequest& request, Console& console) {
  auto config = MakeConfig(run);
  if (!config.ok()) return config.status();
  auto dedup = ParseDedup(request.dedup);
  if (!dedup.ok()) return dedup.status();
  auto normalizer = FieldNormalizer::Load(config->fields);
  if (!normalizer.ok()) return normalizer.status();
  // The decider categorizes every posting; the full annotator reads only
  // those it flags, for their terms and skills.
  JOBSIFT_RETURN_IF_ERROR(PrepareClassifier(&*config));
  const AnnotateOptions categorize = config->annotate;
  config->annotate.categorize = false;
  auto annotator = MakeAnnotator(*config);
  if (!annotator.ok()) return annotator.status();
  const std::string& out_dir = request.output_dir;
  if (!out_dir.empty()) {
    JOBSIFT_RETURN_IF_ERROR(PrepareOutputDir(out_dir));
    config->read.rejects_path = out_dir + "/rejects.tsv";
  }
  auto filter = ResolveFilter(**normalizer, run);
  if (!filter.ok()) return filter.status();
  config->read.judge = normalizer->get();
  ReportJob job(normalizer->get(), annotator->get(), *dedup);
  job.set_filter(*filter);
  job.set_scratch_dir(ScratchDir(out_dir));
  job.set_threads(ThreadsFor(config->read.threads));
  auto decider = MakeDecider(**annotator, &categorize);
  if (!decider.ok()) return decider.status();
  job.set_decider(decider->get());
  std::unique_ptr<StateWriter> state;
  if (!request.state.empty()) {
    auto w = StateWriter::Open(request.state);
    if (!w.ok()) return w.status();
    state = std::move(*w);
    job.set_state(state.get());
  }
  auto summary = ReadPostings(run.inputs, config->read, &job);
  if (!summary.ok()) return summary.status();
  if (std::string none = NoPostingsLine(*summary, "report"); !none.empty()) {
    console.Say(Severity::kError, none);  // first, then what the read noticed
    SayReadNotes(*summary, console);
    return DataError(none);
  }
  if (!summary->errors.empty()) {
    SayReadNotes(*summary, console);
    return Status(summary->errors.front().code(), "no report written");
  }
  SayReadNotes(*summary, console);
  JOBSIFT_RETURN_IF_ERROR(job.Complete());
  const AiFlagInfo ai = FlagInfo(*config);
  if (state) {
    StateInfo info;
    info.read = summary->total;
    info.lexicon_checksum = (*annotator)->lexicon().Checksum();
    info.ai = ai;
    info.dedup = request.dedup;
    info.salary = config->fields.salary;
    info.notes = summary->notes;
    JOBSIFT_RETURN_IF_ERROR(state->Finish(info));
  }
  TableOptions tables = ToTableOptions(request.tables);
  tables.definitions = config->definitions;
  return Finish(job, *summary, (*annotator)->lexicon(), tables, *dedup, ai, config->fields.salary);
}

StatusOr<int> Report(const RunOptions& run, const ReportRequest& request, Console& console) {
  auto report = BuildReport(run, request, console);
  if (!report.ok()) return report.status();
  return WriteAndSay(*report, request.output_dir, request.pdf, console);
}

StatusOr<ReportResult> MergeReports(const RunOptions& run, const MergeRequest& request, Console& console) {
  auto config = MakeConfig(run);
  if (!config.ok()) return config.status();
  auto lex = LoadLexicons(*config);
  if (!lex.ok()) return lex.status();
  auto normalizer = FieldNormalizer::Load(config->fields);
  if (!normalizer.ok()) return normalizer.status();
  auto filter = ResolveFilter(**normalizer, run);
  if (!filter.ok()) return filter.status();
  const std::string& out_dir = request.output_dir;
  if (!out_dir.empty()) JOBSIFT_RETURN_IF_ERROR(PrepareOutputDir(out_dir));
  ReadSummary read;
  std::unique_ptr<ReportJob> job;
  AiFlagInfo ai;
  std::string dedup_name;
  Dedup dedup = Dedup::kExact;
  SalaryConventions salary;
  for (const std::string& path : request.states) {
    auto info = CheckState(path);
    if (!info.ok()) return info.status();
    // The first state fixes the rule and dedup; every state must agree on
    // them and on the lexicon, or the merged numbers would mean nothing.
    if (!job) {
      ai = info->ai;
      dedup_name = info->dedup;
      salary = info->salary;
      auto d = ParseDedup(dedup_name);
      if (!d.ok()) return DataError(path + ": unknown dedup '" + dedup_name + "'");
      dedup = *d;
      job = std::make_unique<ReportJob>(nullptr, nullptr, dedup);
      job->set_filter(*filter);
      job->set_scratch_dir(ScratchDir(out_dir));
      job->set_threads(ThreadsFor(0));
    }
    if (info->lexicon_checksum != lex->Checksum())
      return DataError(path + ": made with other lexicons (checksum " + info->lexicon_checksum + ", these are " +
                       lex->Checksum() + ")");
    if (info->salary != salary)
      return DataError(path + ": made with other salary conventions ([salary] in the config) than the first state");
    if (info->ai != ai || info->dedup != dedup_name)
      return DataError(path + ": made with AI definition " + info->ai.Label() + " and dedup '" + info->dedup +
                       "', unlike the first state (" + ai.Label() + ", '" + dedup_name + "')");
    JOBSIFT_RETURN_IF_ERROR(ReplayState(path, [&](const Contribution& c) { job->AddContribution(c); }));
    read.total.Add(info->read);
    read.notes.Add(info->notes);
  }
  if (!job) return InvalidArgument("merge: give at least one state file");
  JOBSIFT_RETURN_IF_ERROR(job->Complete());
  SayReadNotes(read, console);
  // The states' definition is shown beside the shipped ones when it is not
  // one of them (the config need not name it).
  TableOptions tables = ToTableOptions(request.tables);
  if (!FindDefinition(ai.definition).ok()) {
    auto d = ParseDefinition(ai.definition, ai.categories);
    if (d.ok()) tables.definitions.push_back(*d);
  }
  return Finish(*job, read, *lex, tables, dedup, ai, salary);
}

StatusOr<int> Merge(const RunOptions& run, const MergeRequest& request, Console& console) {
  auto report = MergeReports(run, request, console);
  if (!report.ok()) return report.status();
  return WriteAndSay(*report, request.output_dir, request.pdf, console);
}

const std::vector<AnalysisInfo>& Analyses() {
  static const std::vector<AnalysisInfo> kList = [] {
    std::vector<AnalysisInfo> list;
    for (const AnalysisSpec& a : Catalogue())
      list.push_back({std::string(a.id), std::string(a.title), std::string(a.section), std::string(a.chart),
                      std::string(a.rows), std::string(a.measure)});
    return list;
  }();
  return kList;
}

const std::vector<AnalysisTable>& ReportResult::tables() const { return impl_->typed; }
const AnalysisTable* ReportResult::Find(std::string_view id) const {
  for (const AnalysisTable& t : impl_->typed)
    if (t.id == id) return &t;
  return nullptr;
}
std::string ReportResult::SummaryJson() const { return ReportSummaryJson(impl_->summary); }
uint64_t ReportResult::postings() const { return impl_->postings; }
uint64_t ReportResult::duplicates() const { return impl_->duplicates; }
uint64_t ReportResult::outside_filter() const { return impl_->outside_filter; }
std::string ReportResult::filter() const { return FilterLabel(impl_->filter); }
int ReportResult::exit_code() const { return impl_->exit_code; }

Status ReportResult::Write(const std::string& dir) const {
  JOBSIFT_RETURN_IF_ERROR(PrepareOutputDir(dir));
  const std::vector<Table>& tables = impl_->tables;
  for (const Table& t : tables) JOBSIFT_RETURN_IF_ERROR(WriteFileAtomic(dir + "/tables/" + t.id + ".csv", TableCsv(t)));
  JOBSIFT_RETURN_IF_ERROR(WriteFileAtomic(dir + "/tables.json", TablesJson(tables)));
  JOBSIFT_RETURN_IF_ERROR(
      WriteThroughTemp(dir + "/tables.xlsx", [&](const std::string& tmp) { return WriteTablesXlsx(tables, tmp); }));
  JOBSIFT_RETURN_IF_ERROR(WriteFileAtomic(dir + "/report.html", ReportHtml(tables, impl_->summary)));
  // summary.json last: its presence says the report is complete.
  return WriteFileAtomic(dir + "/summary.json", ReportSummaryJson(impl_->summary));
}

}  // namespace jobsift

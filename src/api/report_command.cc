// report and merge: a cube filled from postings or from state files, and
// the output folder written from it.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <thread>

#include "aggregate/state.h"
#include "api/run_setup.h"
#include "io/atomic_file.h"
#include "jobsift/commands.h"
#include "lexicon/category.h"
#include "pipeline/report_job.h"
#include "pipeline/scan_report.h"
#include "report/html.h"
#include "report/pdf.h"
#include "report/summary.h"
#include "report/tables.h"

namespace jobsift {
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

int Threads(int asked) {
  return asked > 0 ? asked : static_cast<int>(std::thread::hardware_concurrency());
}

// Writes the tables, the workbook, report.html and summary.json (last) of a
// finished job; with `pdf`, then prints report.html to report.pdf (a
// failure there fails the command, the other outputs stay).
StatusOr<int> WriteReport(const std::string& out_dir, const ReportJob& job, const ReadSummary& read,
                          const Lexicon& lexicon, TableOptions table_options, Dedup dedup, const AiFlagInfo& ai,
                          const SalaryConventions& salary, bool pdf, Console& console) {
  table_options.definition = ai.definition;
  std::vector<Table> tables = BuildTables(job.cube(), table_options, &job.categories());
  for (const Table& t : tables) JOBSIFT_RETURN_IF_ERROR(WriteFileAtomic(out_dir + "/tables/" + t.id + ".csv", TableCsv(t)));
  JOBSIFT_RETURN_IF_ERROR(WriteFileAtomic(out_dir + "/tables.json", TablesJson(tables)));
  JOBSIFT_RETURN_IF_ERROR(WriteThroughTemp(out_dir + "/tables.xlsx",
                                           [&](const std::string& tmp) { return WriteTablesXlsx(tables, tmp); }));
  ReportSummary summary = SummarizeReport(read, job, lexicon, table_options, dedup, ai, salary);
  JOBSIFT_RETURN_IF_ERROR(WriteFileAtomic(out_dir + "/report.html", ReportHtml(tables, summary)));
  // summary.json last: its presence says the report is complete.
  JOBSIFT_RETURN_IF_ERROR(WriteFileAtomic(out_dir + "/summary.json", ReportSummaryJson(summary)));
  std::string scope;
  if (!job.cube().filter().empty()) {
    scope = " with " + FilterLabel(job.cube().filter()) + " (" + std::to_string(job.outside_filter()) + " outside)";
    if (job.postings() == 0) console.Say(Severity::kWarning, "no posting has " + FilterLabel(job.cube().filter()));
  }
  console.Say(Severity::kInfo, std::to_string(job.postings()) + " postings" + scope + " (" +
                                   std::to_string(job.duplicates()) + " duplicates removed) -> " + out_dir +
                                   "/tables, tables.json, tables.xlsx, report.html, summary.json");
  if (pdf) {
    Status st = PrintToPdf(out_dir + "/report.html", out_dir + "/report.pdf");
    if (!st.ok()) {
      console.Say(Severity::kError, "report.pdf not written: " + st.message());
      return kExitFailure;
    }
    console.Say(Severity::kInfo, "-> " + out_dir + "/report.pdf");
  }
  return ExitCodeFor(read);
}

}  // namespace

StatusOr<int> Report(const RunOptions& run, const ReportRequest& request, Console& console) {
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
  JOBSIFT_RETURN_IF_ERROR(PrepareOutputDir(out_dir));
  config->read.rejects_path = out_dir + "/rejects.tsv";
  auto filter = ResolveFilter(**normalizer, run);
  if (!filter.ok()) return filter.status();
  config->read.judge = normalizer->get();
  ReportJob job(normalizer->get(), annotator->get(), *dedup);
  job.set_filter(*filter);
  job.set_scratch_dir(out_dir);
  job.set_threads(Threads(config->read.threads));
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
  if (!summary->errors.empty() || SayNoPostings(*summary, "report", console)) {
    SayReadNotes(*summary, console);
    if (!summary->errors.empty()) console.Say(Severity::kError, "no report written");
    return kExitFailure;
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
  return WriteReport(out_dir, job, *summary, (*annotator)->lexicon(), tables, *dedup, ai, config->fields.salary,
                     request.pdf, console);
}

StatusOr<int> Merge(const RunOptions& run, const MergeRequest& request, Console& console) {
  auto config = MakeConfig(run);
  if (!config.ok()) return config.status();
  auto lex = LoadLexicons(*config);
  if (!lex.ok()) return lex.status();
  auto normalizer = FieldNormalizer::Load(config->fields);
  if (!normalizer.ok()) return normalizer.status();
  auto filter = ResolveFilter(**normalizer, run);
  if (!filter.ok()) return filter.status();
  const std::string& out_dir = request.output_dir;
  JOBSIFT_RETURN_IF_ERROR(PrepareOutputDir(out_dir));
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
      job->set_scratch_dir(out_dir);
      job->set_threads(Threads(0));
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
  return WriteReport(out_dir, *job, read, *lex, tables, dedup, ai, salary, request.pdf, console);
}

}  // namespace jobsift

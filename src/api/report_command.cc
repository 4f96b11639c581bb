// report and merge: a cube filled from postings or from state files, and
// the output folder written from it.
#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <utility>
#include <unistd.h>

#include "aggregate/state.h"
#include "base/hash.h"
#include "base/parallel.h"
#include "api/report_build.h"
#include "api/run_setup.h"
#include "io/atomic_file.h"
#include "jobsift/check.h"
#include "jobsift/commands.h"
#include "jobsift/partial.h"
#include "jobsift/report.h"
#include "lexicon/category.h"
#include "pipeline/partial_report.h"
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

StatusOr<Dedup> ParseDedup(const std::string& name) {
  if (name == "exact") return Dedup::kExact;
  if (name == "none") return Dedup::kNone;
  return InvalidArgument("--dedup must be none or exact");
}

std::vector<std::string> CountNotes(uint64_t needs_reference, uint64_t postings) {
  std::vector<std::string> out;
  if (needs_reference > 0)
    out.push_back(std::to_string(needs_reference) + " of " + std::to_string(postings) +
                  " postings have a date without a year or a relative one (like 04-20 or 3天前) and no day to read "
                  "it against: they are undated, counted in the totals but in no period table. If you know when "
                  "the data were collected, give that day as --reference-date YYYY-MM-DD (reference_date in "
                  "Python); `jobsift profile` over the inputs lists such dates.");
  return out;
}

ReportResult FinishReport(const ReportJob& job, const ReadSummary& read, const Lexicon& lexicon,
                          TableOptions table_options, Dedup dedup, const AiFlagInfo& ai, const SalaryConventions& salary,
                          Console* console) {
  table_options.definition = ai.definition;
  auto impl = std::make_shared<ReportResult::Impl>();
  impl->tables = BuildTables(job.cube(), table_options, &job.categories());
  for (const Table& t : impl->tables) impl->typed.push_back(TypedTable(t));
  impl->summary = SummarizeReport(read, job, lexicon, table_options, dedup, ai, salary);
  if (console != nullptr)
    for (const std::string& line : CountNotes(impl->summary.UndatedForWantOfReference(), impl->summary.postings))
      console->Say(Severity::kWarning, line);
  impl->postings = job.postings();
  impl->duplicates = job.duplicates();
  impl->outside_filter = job.outside_filter();
  impl->filter = job.cube().filter();
  impl->exit_code = ExitCodeFor(read);
  return ReportResult(std::move(impl));
}

TableOptions TablesFor(const TableChoices& choices, const AiFlagInfo& ai) {
  TableOptions tables = ToTableOptions(choices);
  if (!FindDefinition(ai.definition).ok()) {
    auto d = ParseDefinition(ai.definition, ai.categories);
    if (d.ok()) tables.definitions.push_back(*d);
  }
  return tables;
}

StatusOr<Counting> SetUpCounting(const RunOptions& run) {
  auto config = MakeConfig(run);
  if (!config.ok()) return config.status();
  auto lex = LoadLexicons(*config);
  if (!lex.ok()) return lex.status();
  auto normalizer = FieldNormalizer::Load(config->fields);
  if (!normalizer.ok()) return normalizer.status();
  auto filter = ResolveFilter(**normalizer, run);
  if (!filter.ok()) return filter.status();
  return Counting{std::move(*lex), std::move(*filter), std::move(*normalizer)};
}

Status SameLexicons(const std::string& what, const std::string& checksum, const Lexicon& lex) {
  if (checksum == lex.Checksum()) return Status::Ok();
  return DataError(what + ": made with other lexicons (checksum " + checksum + ", these are " + lex.Checksum() + ")");
}


namespace {

// What a report's read is made with: the config, the field tables, the
// annotators and the filter, loaded once. BuildReport loads it for its one
// read; a PartReader keeps it for every part it reads.
struct JobSetup {
  Config config;
  AnnotateOptions categorize;  // the decider's: it categorizes every posting
  std::unique_ptr<FieldNormalizer> normalizer;
  std::unique_ptr<Annotator> annotator, decider;
  CubeFilter filter;
  AiFlagInfo ai;
  std::string dedup_name;
  Dedup dedup = Dedup::kExact;
};

Status SetUpJob(const RunOptions& run, const std::string& dedup_name, JobSetup* s) {
  auto config = MakeConfig(run);
  if (!config.ok()) return config.status();
  s->config = std::move(*config);
  auto dedup = ParseDedup(dedup_name);
  if (!dedup.ok()) return dedup.status();
  s->dedup = *dedup;
  s->dedup_name = dedup_name;
  auto normalizer = FieldNormalizer::Load(s->config.fields);
  if (!normalizer.ok()) return normalizer.status();
  s->normalizer = std::move(*normalizer);
  // The decider categorizes every posting; the full annotator reads only
  // those it flags, for their terms and skills.
  JOBSIFT_RETURN_IF_ERROR(PrepareClassifier(&s->config));
  s->categorize = s->config.annotate;
  s->config.annotate.categorize = false;
  auto annotator = MakeAnnotator(s->config);
  if (!annotator.ok()) return annotator.status();
  s->annotator = std::move(*annotator);
  auto filter = ResolveFilter(*s->normalizer, run);
  if (!filter.ok()) return filter.status();
  s->filter = *filter;
  auto decider = MakeDecider(*s->annotator, &s->categorize);
  if (!decider.ok()) return decider.status();
  s->decider = std::move(*decider);
  s->config.read.judge = s->normalizer.get();
  s->ai = FlagInfo(s->config);
  return Status::Ok();
}

// A job made with `s`, its scratch files in `out_dir` ("" = the temporary
// folder).
std::unique_ptr<ReportJob> MakeJob(const JobSetup& s, const std::string& out_dir) {
  auto job = std::make_unique<ReportJob>(s.normalizer.get(), s.annotator.get(), s.dedup);
  job->set_filter(s.filter);
  job->set_scratch_dir(ScratchDir(out_dir));
  job->set_threads(ThreadsFor(s.config.read.threads));
  job->set_decider(s.decider.get());
  return job;
}

// The read options of `s` for one read of `run.inputs`: of `run`, only what
// is a read's own is taken (inputs_found_in_folder, on_progress, cancel).
ReadOptions ReadFor(const JobSetup& s, const RunOptions& run) {
  ReadOptions read = s.config.read;
  read.inputs_found_in_folder = run.inputs_found_in_folder;
  read.on_progress = run.on_progress;
  read.cancel = run.cancel;
  return read;
}

// What the state of a run says of it.
StateInfo InfoOf(const JobSetup& s, const ReadStats& read, const InputNotes& notes) {
  StateInfo info;
  info.read = read;
  info.lexicon_checksum = s.annotator->lexicon().Checksum();
  info.ai = s.ai;
  info.dedup = s.dedup_name;
  info.salary = s.config.fields.salary;
  info.notes = notes;
  return info;
}

// A report job filled from `run.inputs` (with `state`, its state written
// there).
struct FilledJob {
  std::unique_ptr<ReportJob> job;
  ReadSummary summary;
};

StatusOr<FilledJob> FillJob(const JobSetup& s, const RunOptions& run, const std::string& out_dir,
                            const std::string& state_path, Console& console) {
  FilledJob f;
  ReadOptions read = ReadFor(s, run);
  if (!out_dir.empty()) {
    JOBSIFT_RETURN_IF_ERROR(PrepareOutputDir(out_dir));
    read.rejects_path = out_dir + "/rejects.tsv";
  }
  f.job = MakeJob(s, out_dir);
  std::unique_ptr<StateWriter> state;
  if (!state_path.empty()) {
    auto w = StateWriter::Open(state_path);
    if (!w.ok()) return w.status();
    state = std::move(*w);
    f.job->set_state(state.get());
  }
  auto summary = ReadPostings(run.inputs, read, f.job.get());
  if (!summary.ok()) return summary.status();
  f.summary = std::move(*summary);
  if (std::string none = NoPostingsLine(f.summary, "report"); !none.empty()) {
    console.Say(Severity::kError, none);  // first, then what the read noticed
    SayReadNotes(f.summary, console);
    return DataError(none);
  }
  if (!f.summary.errors.empty()) {
    SayReadNotes(f.summary, console);
    return Status(f.summary.errors.front().code(), "no report written");
  }
  SayReadNotes(f.summary, console);
  JOBSIFT_RETURN_IF_ERROR(f.job->Complete());
  if (state) JOBSIFT_RETURN_IF_ERROR(state->Finish(InfoOf(s, f.summary.total, f.summary.notes)));
  return f;
}

}  // namespace

StatusOr<ReportResult> BuildReport(const RunOptions& run, const ReportRequest& request, Console& console) {
  JobSetup s;
  JOBSIFT_RETURN_IF_ERROR(SetUpJob(run, request.dedup, &s));
  auto f = FillJob(s, run, request.output_dir, request.state, console);
  if (!f.ok()) return f.status();
  TableOptions tables = ToTableOptions(request.tables);
  tables.definitions = s.config.definitions;
  return FinishReport(*f->job, f->summary, s.annotator->lexicon(), tables, s.dedup, s.ai, s.config.fields.salary,
                      &console);
}

StatusOr<int> Report(const RunOptions& run, const ReportRequest& request, Console& console) {
  auto report = BuildReport(run, request, console);
  if (!report.ok()) return report.status();
  return WriteAndSay(*report, request.output_dir, request.pdf, console);
}

StatusOr<StateInfo> StateSeries::Add(const std::string& path, const Lexicon& lex) {
  auto info = CheckState(path);
  if (!info.ok()) return info.status();
  if (states++ == 0) {
    ai = info->ai;
    dedup_name = info->dedup;
    salary = info->salary;
    auto d = ParseDedup(dedup_name);
    if (!d.ok()) return DataError(path + ": unknown dedup '" + dedup_name + "'");
    dedup = *d;
  }
  JOBSIFT_RETURN_IF_ERROR(SameLexicons(path, info->lexicon_checksum, lex));
  if (info->salary != salary)
    return DataError(path + ": made with other salary conventions ([salary] in the config) than the first state");
  if (info->ai != ai || info->dedup != dedup_name)
    return DataError(path + ": made with AI definition " + info->ai.Label() + " and dedup '" + info->dedup +
                     "', unlike the first state (" + ai.Label() + ", '" + dedup_name + "')");
  read.total.Add(info->read);
  read.notes.Add(info->notes);
  return info;
}

StatusOr<ReportResult> MergeReports(const RunOptions& run, const MergeRequest& request, Console& console) {
  auto setup = SetUpCounting(run);
  if (!setup.ok()) return setup.status();
  auto& [lex, filter, normalizer] = *setup;
  const std::string& out_dir = request.output_dir;
  if (!out_dir.empty()) JOBSIFT_RETURN_IF_ERROR(PrepareOutputDir(out_dir));
  StateSeries series;
  std::unique_ptr<ReportJob> job;
  for (const std::string& path : request.states) {
    auto info = series.Add(path, lex);
    if (!info.ok()) return info.status();
    if (!job) {
      job = std::make_unique<ReportJob>(nullptr, nullptr, series.dedup);
      job->set_filter(filter);
      job->set_scratch_dir(ScratchDir(out_dir));
      job->set_threads(ThreadsFor(0));
    }
    JOBSIFT_RETURN_IF_ERROR(ReplayState(path, [&](const Contribution& c) { job->AddContribution(c); }));
  }
  if (!job) return InvalidArgument("merge: give at least one state file");
  JOBSIFT_RETURN_IF_ERROR(job->Complete());
  SayReadNotes(series.read, console);
  return FinishReport(*job, series.read, lex, TablesFor(request.tables, series.ai), series.dedup, series.ai,
                      series.salary, &console);
}

StatusOr<int> Merge(const RunOptions& run, const MergeRequest& request, Console& console) {
  auto report = MergeReports(run, request, console);
  if (!report.ok()) return report.status();
  return WriteAndSay(*report, request.output_dir, request.pdf, console);
}

// ---------------------------------------------------------------------------
// Partial reports (jobsift/partial.h)

struct PartialReport::Impl {
  PartialCounts counts;
};

StatusOr<DedupKeys> StateDedupKeys(const std::string& state) {
  DedupKeys keys;
  JOBSIFT_RETURN_IF_ERROR(ReplayState(state, [&](const Contribution& c) {
    keys.fingerprint.push_back(c.fingerprint);
    keys.half.push_back(HalfCode(c.dim[static_cast<size_t>(Dim::kQuarter)]));
  }));
  return keys;
}

StatusOr<std::vector<InputPart>> ListParts(const std::vector<std::string>& inputs) {
  for (const std::string& in : inputs)
    if (in == "-") return InvalidArgument("standard input cannot be split into parts: name files or folders");
  auto files = ListInputs(inputs);
  if (!files.ok()) return files.status();
  std::vector<InputPart> parts;
  for (InputListing& f : *files) parts.push_back({std::move(f.path), f.named, f.bytes});
  return parts;
}

// A PartReader's setup and its open run: one job and one state for the
// consecutive parts read into it.
struct PartReader::Impl {
  struct Run {
    std::unique_ptr<StateWriter> state;
    std::unique_ptr<ReportJob> job;  // after the state, which it writes to: destroyed first
    Status failed;                   // a read into the run failed: so does its Finish
    ReadStats read;
    InputNotes notes;
    DedupKeys keys;
    std::vector<uint64_t> offsets;
  };
  JobSetup setup;
  // The open run. On the heap: its job points at its keys and offsets,
  // which must stay where they are when Finish takes the run out.
  std::unique_ptr<Run> run;
};

StatusOr<std::unique_ptr<PartReader>> PartReader::Create(const RunOptions& run, const std::string& dedup) {
  auto impl = std::make_unique<Impl>();
  JOBSIFT_RETURN_IF_ERROR(SetUpJob(run, dedup, &impl->setup));
  return std::unique_ptr<PartReader>(new PartReader(std::move(impl)));
}

PartReader::PartReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PartReader::~PartReader() = default;

Status PartReader::Begin(const std::string& state) {
  impl_->run.reset();
  if (state.empty()) return InvalidArgument("a part's state file must be named");
  auto w = StateWriter::Open(state);
  if (!w.ok()) return w.status();
  impl_->run = std::make_unique<Impl::Run>();
  Impl::Run& r = *impl_->run;
  r.state = std::move(*w);
  r.job = MakeJob(impl_->setup, "");
  r.job->set_state(r.state.get());
  r.job->set_part(&r.keys.fingerprint, &r.keys.half, &r.offsets);
  return Status::Ok();
}

Status PartReader::Read(const RunOptions& run, Console& console) {
  if (!impl_->run) return InvalidArgument("no run is open: Begin one first");
  Impl::Run& r = *impl_->run;
  if (!r.failed.ok()) return r.failed;
  r.failed = [&]() -> Status {
    auto summary = ReadPostings(run.inputs, ReadFor(impl_->setup, run), r.job.get());
    if (!summary.ok()) return summary.status();
    SayReadNotes(*summary, console);
    // A part holding no posting (an empty file, a table of companies) is no
    // error: what its read noticed is kept, for the sum.
    if (!summary->errors.empty()) return Status(summary->errors.front().code(), "no report written");
    r.read.Add(summary->total);
    r.notes.Add(summary->notes);
    return Status::Ok();
  }();
  return r.failed;
}

StatusOr<PartialReport> PartReader::Finish(DedupKeys* keys, std::vector<uint64_t>* offsets) {
  if (!impl_->run) return InvalidArgument("no run is open: Begin one first");
  // Taken out first: the run is closed however this ends.
  std::unique_ptr<Impl::Run> r = std::move(impl_->run);
  JOBSIFT_RETURN_IF_ERROR(r->failed);
  JOBSIFT_RETURN_IF_ERROR(r->job->Complete());
  StateInfo info = InfoOf(impl_->setup, r->read, r->notes);
  JOBSIFT_RETURN_IF_ERROR(r->state->Finish(info));
  auto impl = std::make_shared<PartialReport::Impl>();
  impl->counts.info = std::move(info);
  impl->counts.info.records = 0;
  r->job->Detach();
  impl->counts.job = std::move(r->job);
  *keys = std::move(r->keys);
  *offsets = std::move(r->offsets);
  return PartialReport(std::move(impl));
}

StatusOr<PartialReport> ReadPart(const RunOptions& run, const std::string& dedup, const std::string& state,
                                 DedupKeys* keys, std::vector<uint64_t>* offsets, Console& console) {
  *keys = {};
  offsets->clear();
  auto reader = PartReader::Create(run, dedup);
  if (!reader.ok()) return reader.status();
  JOBSIFT_RETURN_IF_ERROR((*reader)->Begin(state));
  JOBSIFT_RETURN_IF_ERROR((*reader)->Read(run, console));
  return (*reader)->Finish(keys, offsets);
}

std::string PartialReport::ToBytes() const { return SavePartial(impl_->counts); }

StatusOr<PartialReport> PartialReport::FromBytes(std::string_view bytes) {
  auto counts = LoadPartial(bytes);
  if (!counts.ok()) return counts.status();
  auto impl = std::make_shared<Impl>();
  impl->counts = std::move(*counts);
  return PartialReport(std::move(impl));
}

Status PartialReport::Add(const PartialReport& later) {
  // A copy first when another PartialReport shares these counts (copies
  // of a PartialReport share them until one is added to).
  if (impl_.use_count() > 1) {
    auto copy = LoadPartial(SavePartial(impl_->counts));
    if (!copy.ok()) return copy.status();
    impl_ = std::make_shared<Impl>(Impl{std::move(*copy)});
  }
  return AddPartial(impl_->counts, later.impl_->counts);  // checks everything before it adds
}

Status PartialReport::RemoveDuplicates(const std::string& state, const std::vector<uint64_t>& offsets,
                                       const std::vector<uint64_t>& duplicates) {
  for (size_t i = 0; i < duplicates.size(); ++i)
    if (duplicates[i] >= offsets.size() || (i > 0 && duplicates[i] <= duplicates[i - 1]))
      return InvalidArgument(state + ": the duplicates must be record indexes below " + std::to_string(offsets.size()) +
                             ", ascending");
  if (duplicates.empty()) return Status::Ok();
  auto reader = StateRecordReader::Open(state);
  if (!reader.ok()) return reader.status();
  if (impl_.use_count() > 1) {  // shared with a copy: this one changes alone
    auto copy = LoadPartial(SavePartial(impl_->counts));
    if (!copy.ok()) return copy.status();
    impl_ = std::make_shared<Impl>(Impl{std::move(*copy)});
  }
  // Read first, then taken out: a damaged record leaves the counts as they were.
  std::vector<Contribution> repeats(duplicates.size());
  for (size_t i = 0; i < duplicates.size(); ++i)
    JOBSIFT_RETURN_IF_ERROR((*reader)->ReadAt(offsets[duplicates[i]], &repeats[i]));
  for (const Contribution& c : repeats) impl_->counts.job->Uncount(c);
  impl_->counts.job->DropEmpty();
  return Status::Ok();
}

std::vector<std::vector<uint64_t>> DecideDuplicates(const std::vector<KeyPiece>& pieces) {
  // The keys are first spread, in order, over partitions by a hash of
  // (fingerprint, half-year): every copy of a key lands in one partition,
  // in the order of its positions. Each partition is then decided in a
  // table that stays in the cache. (One table a half-year for the whole
  // bucket took a cache miss a key: 0.74 s for 5M keys.) Memory: 16 bytes
  // a key, then one partition's table at a time.
  size_t total = 0;
  for (const KeyPiece& p : pieces) total += p.size;
  // A half-year as a small number (0, 1, ...): few distinct ones.
  std::vector<uint32_t> half_ids(size_t{1} << 16, UINT32_MAX);
  uint32_t halves_seen = 0;
  auto half_id = [&](uint16_t half) -> uint64_t {
    uint32_t& id = half_ids[half];
    if (id == UINT32_MAX) id = halves_seen++;
    return id;
  };
  auto mix = [](uint64_t fingerprint, uint64_t half) { return Mix64(fingerprint ^ (half << 40) ^ half); };
  constexpr size_t kPerPartition = 1 << 15;
  int bits = 0;
  while ((total >> bits) > kPerPartition && bits < 16) ++bits;
  auto partition_of = [bits](uint64_t hash) { return bits == 0 ? 0 : static_cast<size_t>(hash >> (64 - bits)); };
  // An entry: the fingerprint, then the half-year's id above the position
  // in the bucket (pieces in order).
  const int position_bits = std::max(1, static_cast<int>(std::bit_width(total)));  // at least one: 1 marks a full slot
  struct Entry {
    uint64_t fingerprint, half_and_position;
  };
  std::vector<size_t> start((size_t{1} << bits) + 1, 0);
  for (const KeyPiece& p : pieces)
    for (size_t k = 0; k < p.size; ++k)
      if (p.fingerprints[k] != 0) ++start[partition_of(mix(p.fingerprints[k], half_id(p.halves[k]))) + 1];
  for (size_t p = 1; p < start.size(); ++p) start[p] += start[p - 1];
  JOBSIFT_CHECK(std::bit_width(halves_seen) + position_bits <= 64, "half-years and positions fit in 64 bits");
  std::vector<Entry> entries(start.back());
  {
    std::vector<size_t> next(start.begin(), start.end() - 1);
    uint64_t g = 0;
    for (const KeyPiece& p : pieces)
      for (size_t k = 0; k < p.size; ++k, ++g) {
        uint64_t fp = p.fingerprints[k];
        if (fp == 0) continue;  // never a duplicate (dedup "none")
        uint64_t half = half_id(p.halves[k]);
        entries[next[partition_of(mix(fp, half))]++] = {fp, half << position_bits | g};
      }
  }
  std::vector<uint64_t> repeats;  // positions in the bucket
  std::vector<Entry> table;       // a slot: an entry's key and 1 (position 0 holds it), or all 0 when empty
  for (size_t p = 0; p + 1 < start.size(); ++p) {
    size_t n = start[p + 1] - start[p];
    size_t size = 16;
    while (size < 2 * n) size *= 2;
    table.assign(size, Entry{0, 0});
    for (size_t e = start[p]; e < start[p + 1]; ++e) {
      const uint64_t fp = entries[e].fingerprint, half = entries[e].half_and_position >> position_bits;
      const Entry key{fp, half << position_bits | 1};
      for (size_t s = mix(fp, half) & (size - 1);; s = (s + 1) & (size - 1)) {
        Entry& slot = table[s];
        if (slot.half_and_position == 0) {
          slot = key;
          break;
        }
        if (slot.fingerprint == key.fingerprint && slot.half_and_position == key.half_and_position) {
          repeats.push_back(entries[e].half_and_position & ((uint64_t{1} << position_bits) - 1));
          break;
        }
      }
    }
  }
  std::sort(repeats.begin(), repeats.end());
  std::vector<std::vector<uint64_t>> out(pieces.size());
  size_t piece = 0, piece_start = 0;
  for (uint64_t g : repeats) {
    while (g >= piece_start + pieces[piece].size) piece_start += pieces[piece++].size;
    uint64_t k = g - piece_start;
    out[piece].push_back(pieces[piece].records != nullptr ? pieces[piece].records[k] : k);
  }
  return out;
}

std::vector<KeyBucket> SplitKeys(const DedupKeys& keys, size_t buckets) {
  buckets = std::max<size_t>(buckets, 1);
  const std::vector<uint64_t>& fp = keys.fingerprint;
  std::vector<size_t> sizes(buckets);
  for (uint64_t f : fp)
    if (f != 0) ++sizes[f % buckets];
  std::vector<KeyBucket> out(buckets);
  for (size_t b = 0; b < buckets; ++b) {
    out[b].records.reserve(sizes[b]);
    out[b].fingerprints.reserve(sizes[b]);
    out[b].halves.reserve(sizes[b]);
  }
  for (size_t r = 0; r < fp.size(); ++r) {
    if (fp[r] == 0) continue;
    KeyBucket& b = out[fp[r] % buckets];
    b.records.push_back(r);
    b.fingerprints.push_back(fp[r]);
    b.halves.push_back(keys.half[r]);
  }
  return out;
}

uint64_t PartialReport::postings() const { return impl_->counts.job->postings(); }
uint64_t PartialReport::duplicates() const { return impl_->counts.job->duplicates(); }

StatusOr<PartialReport> PartialFromState(const RunOptions& run, const std::string& state,
                                         const std::vector<uint64_t>& duplicates) {
  auto setup = SetUpCounting(run);
  if (!setup.ok()) return setup.status();
  auto& [lex, filter, normalizer] = *setup;
  auto info = CheckState(state);
  if (!info.ok()) return info.status();
  JOBSIFT_RETURN_IF_ERROR(SameLexicons(state, info->lexicon_checksum, lex));
  for (size_t i = 0; i < duplicates.size(); ++i)
    if (duplicates[i] >= info->records || (i > 0 && duplicates[i] <= duplicates[i - 1]))
      return InvalidArgument(state + ": the duplicates must be record indexes below " + std::to_string(info->records) +
                             ", ascending");
  auto impl = std::make_shared<PartialReport::Impl>();
  PartialCounts& p = impl->counts;
  p.info = *info;
  p.info.records = 0;
  p.job = std::make_unique<ReportJob>(nullptr, nullptr, Dedup::kNone);
  p.job->set_filter(filter);
  uint64_t record = 0;
  size_t next = 0;
  JOBSIFT_RETURN_IF_ERROR(ReplayState(state, [&](const Contribution& c) {
    bool duplicate = next < duplicates.size() && duplicates[next] == record;
    if (duplicate) ++next;
    p.job->AddDecided(c, duplicate);
    ++record;
  }));
  return PartialReport(std::move(impl));
}

StatusOr<ReportResult> ReportFromPartial(const RunOptions& run, const PartialReport& all, const TableChoices& choices,
                                         Console& console) {
  auto config = MakeConfig(run);
  if (!config.ok()) return config.status();
  auto lex = LoadLexicons(*config);
  if (!lex.ok()) return lex.status();
  const PartialCounts& p = all.impl().counts;
  JOBSIFT_RETURN_IF_ERROR(SameLexicons("the partial reports", p.info.lexicon_checksum, *lex));
  auto dedup = ParseDedup(p.info.dedup);
  if (!dedup.ok()) return DataError("the partial reports name an unknown dedup '" + p.info.dedup + "'");
  ReadSummary read;
  read.total = p.info.read;
  read.notes = p.info.notes;
  SayReadNotes(read, console);
  return FinishReport(*p.job, read, *lex, TablesFor(choices, p.info.ai), *dedup, p.info.ai, p.info.salary, &console);
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
std::string ReportResult::TablesJson() const { return jobsift::TablesJson(impl_->tables); }

namespace {
const Table* FindTable(const std::vector<Table>& tables, std::string_view id) {
  for (const Table& t : tables)
    if (t.id == id) return &t;
  return nullptr;
}
Status NoSuchTable(std::string_view id) { return InvalidArgument("no table '" + std::string(id) + "' in the report"); }
}  // namespace

StatusOr<std::string> ReportResult::TableCsv(std::string_view id) const {
  const Table* t = FindTable(impl_->tables, id);
  if (t == nullptr) return NoSuchTable(id);
  return jobsift::TableCsv(*t);
}

StatusOr<std::string> ReportResult::TableXlsx(std::string_view id) const {
  const Table* t = FindTable(impl_->tables, id);
  if (t == nullptr) return NoSuchTable(id);
  // libxlsxwriter writes to a path only: a private scratch file, removed at once.
  std::error_code ec;
  std::string dir = std::filesystem::temp_directory_path(ec).string();
  if (ec) dir = ".";
  std::string path = dir + "/jobsift-xlsx-XXXXXX";
  int fd = mkstemp(path.data());
  if (fd < 0) return IoError(path + ": cannot create: " + std::strerror(errno));
  close(fd);
  Status st = WriteTablesXlsx({*t}, path);
  std::string bytes;
  if (st.ok()) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
      st = IoError(path + ": cannot read back: " + std::strerror(errno));
    } else {
      char buf[1 << 16];
      for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) bytes.append(buf, n);
      if (std::ferror(f)) st = IoError(path + ": cannot read back");
      std::fclose(f);
    }
  }
  std::remove(path.c_str());
  if (!st.ok()) return st;
  return bytes;
}
uint64_t ReportResult::postings() const { return impl_->postings; }
uint64_t ReportResult::duplicates() const { return impl_->duplicates; }
uint64_t ReportResult::outside_filter() const { return impl_->outside_filter; }
std::string ReportResult::filter() const { return FilterLabel(impl_->filter); }
int ReportResult::exit_code() const { return impl_->exit_code; }

Status ReportResult::Write(const std::string& dir) const {
  JOBSIFT_RETURN_IF_ERROR(PrepareOutputDir(dir));
  const std::vector<Table>& tables = impl_->tables;
  for (const Table& t : tables) JOBSIFT_RETURN_IF_ERROR(WriteFileAtomic(dir + "/tables/" + t.id + ".csv", jobsift::TableCsv(t)));
  JOBSIFT_RETURN_IF_ERROR(WriteFileAtomic(dir + "/tables.json", jobsift::TablesJson(tables)));
  JOBSIFT_RETURN_IF_ERROR(
      WriteThroughTemp(dir + "/tables.xlsx", [&](const std::string& tmp) { return WriteTablesXlsx(tables, tmp); }));
  JOBSIFT_RETURN_IF_ERROR(WriteFileAtomic(dir + "/report.html", ReportHtml(tables, impl_->summary)));
  // summary.json last: its presence says the report is complete.
  return WriteFileAtomic(dir + "/summary.json", ReportSummaryJson(impl_->summary));
}

}  // namespace jobsift

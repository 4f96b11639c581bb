#include "pipeline/report_job.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "jobsift/version.h"

namespace jobsift {
namespace {

// A quarter as one number, for the quarter labels' lookups.
int QuarterKey(const Date& date) { return date.year * 4 + date.Quarter() - 1; }

}  // namespace

// What a worker keeps from chunk to chunk: the matchers' scratch, the
// field memo (warm after the first chunks) and the annotation's buffers.
struct ReportJob::WorkerState {
  std::unique_ptr<Annotator::Scratch> scratch, decider_scratch;
  FieldMemo memo;
  Annotation an;
  // A finished task's contributions, cleared, for the next task to fill:
  // a chunk's views take about a megabyte, and allocating it afresh for
  // every chunk faults in new pages each time where malloc hands large
  // blocks back to the system at once (as under Dask's workers, whose
  // MALLOC_TRIM_THRESHOLD_ also turns off glibc's adaptive mmap threshold).
  std::vector<ContributionView> out;
};

// One chunk's postings, as views (ContributionView), in input order.
class ReportJob::Task : public PostingTask {
 public:
  Task(ReportJob* job, std::unique_ptr<WorkerState> state)
      : out(std::move(state->out)), job_(job), state_(std::move(state)) {
    out.clear();
    out.reserve(4096);
  }
  ~Task() override {
    state_->out = std::move(out);
    job_->ReleaseState(std::move(state_));
  }

  void Add(const Posting& p) override {
    const Annotator& annotator = *job_->annotator_;
    const Annotator* decider = job_->decider_;
    Annotation& an = state_->an;
    DerivedFields d;
    job_->fields_->Normalize(p, &d, &state_->memo);
    if (decider != nullptr) decider->Annotate(p, *state_->decider_scratch, &an);
    // The decider's category and flag stand (the full annotator finds the
    // same AI terms and decides alike).
    const AiCategory category = an.category;
    const bool any_ai_term = an.any_ai_term, ai = an.ai;
    if (decider == nullptr || an.ai) annotator.Annotate(p, *state_->scratch, &an);
    ContributionView& c = out.emplace_back();
    c.category = decider != nullptr ? category : an.category;
    c.any_ai_term = decider != nullptr ? any_ai_term : an.any_ai_term;
    CubeRecord& r = c.record;
    r.stable_names = true;  // the tables', the lexicon's and the job's
    if (d.date.ok()) r.dim[static_cast<size_t>(Dim::kQuarter)] = QuarterName(d.date.value);
    if (d.city.ok()) r.dim[static_cast<size_t>(Dim::kCity)] = d.city.value.city;
    if (d.industry.ok()) r.dim[static_cast<size_t>(Dim::kIndustry)] = d.industry.value;
    if (d.degree.ok()) r.dim[static_cast<size_t>(Dim::kDegree)] = DegreeLevelName(d.degree.value);
    if (d.company_size.ok()) r.dim[static_cast<size_t>(Dim::kSize)] = CompanySizeBandName(d.company_size.value);
    if (d.experience.ok()) r.dim[static_cast<size_t>(Dim::kExperience)] = ExperienceBandName(d.experience.value);
    r.ai = decider != nullptr ? ai : an.ai;
    if (d.salary.ok()) {
      r.has_salary = true;
      r.annual_salary = static_cast<uint64_t>(std::llround(d.salary.value.Annual()));
    }
    if (job_->dedup_ == Dedup::kExact)
      c.fingerprint = Fingerprint({p[Field::kCompanyName], p[Field::kPosition],
                                   d.city.ok() ? d.city.value.city : p[Field::kCity], p[Field::kDescription]});
    for (size_t i = 0; i < kDerivedFieldCount; ++i) c.reasons[i] = d.ReasonOf(static_cast<DerivedField>(i));
    c.date_source = DateSourceOf(d.date);
    if (an.ai) {
      const Lexicon& lex = annotator.lexicon();
      for (size_t dom = 0; dom < kDomainCount; ++dom) {
        if (static_cast<Domain>(dom) == Domain::kAi) continue;
        for (uint32_t g : an.groups[dom]) {
          r.groups.push_back(job_->group_names_[g]);
          if (static_cast<Domain>(dom) == Domain::kHard) {
            std::string_view category = job_->category_names_[g];
            if (std::find(r.groups.begin(), r.groups.end(), category) == r.groups.end()) r.groups.push_back(category);
          }
        }
      }
      for (const TermHit& h : an.ai_terms)
        if (h.section != Section::kCompany) r.ai_terms.push_back(lex.terms()[h.term].text);
    }
  }
  std::vector<ContributionView> out;

 private:
  // The quarter's label ("2024Q3"): the job's, found here first.
  std::string_view QuarterName(const Date& date) {
    int key = QuarterKey(date);
    for (const auto& [k, label] : quarters_)
      if (k == key) return label;
    return quarters_.emplace_back(key, job_->QuarterLabel(date)).second;
  }

  ReportJob* job_;
  std::unique_ptr<WorkerState> state_;
  std::vector<std::pair<int, std::string_view>> quarters_;
};

ReportJob::ReportJob(const FieldNormalizer* fields, const Annotator* annotator, Dedup dedup)
    : fields_(fields), annotator_(annotator), dedup_(dedup) {
  if (annotator_ == nullptr) return;
  // Each group's cube name, "domain|category|group", and its category's,
  // "domain|category|", made once rather than per posting.
  for (const Group& g : annotator_->lexicon().groups()) {
    std::string domain(DomainName(g.domain));
    group_names_.push_back(domain + "|" + g.category + "|" + g.name);
    category_names_.push_back(domain + "|" + g.category + "|");
  }
}

ReportJob::~ReportJob() = default;

std::unique_ptr<PostingTask> ReportJob::NewTask() {
  std::unique_ptr<WorkerState> state;
  {
    std::lock_guard<std::mutex> lock(pool_mu_);
    if (!pool_.empty()) {
      state = std::move(pool_.back());
      pool_.pop_back();
    }
  }
  if (!state) {
    state = std::make_unique<WorkerState>();
    state->scratch = annotator_->NewScratch();
    if (decider_ != nullptr) state->decider_scratch = decider_->NewScratch();
  }
  return std::make_unique<Task>(this, std::move(state));
}

std::string_view ReportJob::QuarterLabel(const Date& date) {
  std::lock_guard<std::mutex> lock(pool_mu_);
  auto [it, added] = quarter_labels_.try_emplace(QuarterKey(date));
  if (added) it->second = date.QuarterLabel();
  return it->second;
}

void ReportJob::ReleaseState(std::unique_ptr<WorkerState> state) {
  std::lock_guard<std::mutex> lock(pool_mu_);
  pool_.push_back(std::move(state));
}

StatusOr<std::unique_ptr<Annotator>> MakeDecider(const Annotator& full, const AnnotateOptions* categorize) {
  AnnotateOptions options = categorize != nullptr ? *categorize : full.options();
  options.decide_only = true;
  return Annotator::Create(full.lexicon().Only(Domain::kAi), options);
}

void ReportJob::Finish(std::unique_ptr<PostingTask> task) {
  const std::vector<ContributionView>& out = static_cast<Task*>(task.get())->out;
  bool dedup = dedup_index_ && error_.ok();
  // The duplicate filter's and the cube's reads are random: each is started
  // a few postings before it is needed.
  constexpr size_t kAhead = 8;
  std::vector<uint32_t> halves(out.size());
  for (size_t i = 0; i < out.size(); ++i) {
    halves[i] = out[i].fingerprint != 0 ? HalfId(out[i].record.dim[static_cast<size_t>(Dim::kQuarter)]) : 0;
    if (i >= kAhead) continue;
    if (dedup && out[i].fingerprint != 0) dedup_index_->Prefetch(halves[i], out[i].fingerprint);
    cube_.Prefetch(out[i].record);
  }
  for (size_t i = 0; i < out.size(); ++i) {
    if (i + kAhead < out.size()) {
      const ContributionView& next = out[i + kAhead];
      if (dedup && next.fingerprint != 0) dedup_index_->Prefetch(halves[i + kAhead], next.fingerprint);
      cube_.Prefetch(next.record);
    }
    Add(out[i], halves[i]);
  }
}

uint32_t ReportJob::HalfId(std::string_view quarter) {
  auto it = half_of_quarter_.find(quarter);
  if (it == half_of_quarter_.end()) {
    uint32_t half = half_ids_.emplace(HalfOfQuarter(quarter), half_ids_.size()).first->second;
    it = half_of_quarter_.emplace(std::string(quarter), half).first;
  }
  return it->second;
}

void ReportJob::AddContribution(const Contribution& c) {
  Add(c.View(), c.fingerprint != 0 ? HalfId(c.dim[static_cast<size_t>(Dim::kQuarter)]) : 0);
}

void ReportJob::Add(const ContributionView& c, uint32_t half) {
  if (state_ != nullptr) {
    if (offsets_ != nullptr) offsets_->push_back(state_->offset());
    state_->Add(c);
  }
  if (part_) {
    std::string_view quarter = c.record.dim[static_cast<size_t>(Dim::kQuarter)];
    auto code = half_codes_.find(quarter);
    if (code == half_codes_.end()) code = half_codes_.emplace(std::string(quarter), HalfCode(quarter)).first;
    key_fingerprints_->push_back(c.fingerprint);
    key_halves_->push_back(code->second);
    Count(cube_.Add(c.record), c);
    return;
  }
  if (c.fingerprint != 0) {
    if (!error_.ok()) return;  // the run fails at Complete
    if (!dedup_index_) {
      auto index = DedupIndex::Create(scratch_dir_);
      auto deferred = StateWriter::OpenScratch(scratch_dir_);
      if (!index.ok() || !deferred.ok()) {
        error_ = !index.ok() ? index.status() : deferred.status();
        return;
      }
      dedup_index_ = std::move(*index);
      deferred_ = std::move(*deferred);
    }
    // Duplicates are sought within a half-year.
    if (!dedup_index_->Admit(half, c.fingerprint)) {
      deferred_->Add(c);  // decided by Complete
      return;
    }
  }
  Count(cube_.Add(c.record), c);
}

uint16_t HalfCode(std::string_view quarter) {
  std::string half = HalfOfQuarter(quarter);
  if (half.size() != 6) return 0;
  unsigned year = 0;
  for (size_t i = 0; i < 4; ++i) {
    if (half[i] < '0' || half[i] > '9') return 0;
    year = year * 10 + static_cast<unsigned>(half[i] - '0');
  }
  return static_cast<uint16_t>(year * 2 + (half[5] == '2' ? 2 : 1));
}

void ReportJob::Count(Cube::AddResult result, const ContributionView& c) {
  switch (result) {
    case Cube::AddResult::kDuplicate:
      ++duplicates_;
      return;
    case Cube::AddResult::kOutside:
      ++outside_;
      return;
    case Cube::AddResult::kAdded:
      break;
  }
  ++postings_;
  categories_.Add(c.record.dim[static_cast<size_t>(Dim::kQuarter)], c.category, c.any_ai_term, c.record.has_salary,
                  c.record.annual_salary);
  for (size_t i = 0; i < kDerivedFieldCount; ++i) ++unknown_[i][static_cast<size_t>(c.reasons[i])];
  ++date_sources_[static_cast<size_t>(c.date_source)];
}

Status ReportJob::Complete() {
  if (!error_.ok()) return error_;
  if (!dedup_index_) return Status::Ok();
  auto repeats = dedup_index_->Resolve(threads_);
  if (!repeats.ok()) return repeats.status();
  Status st = deferred_->Finish(StateInfo{});
  if (!st.ok()) return st;
  uint64_t i = 0;
  st = deferred_->Replay([&](const Contribution& c) {
    ContributionView v = c.View();
    Count(i < repeats->size() && (*repeats)[i] != 0 ? cube_.AddDuplicate(v.record) : cube_.Add(v.record), v);
    ++i;
  });
  if (!st.ok()) return st;
  if (i != repeats->size()) return DataError("duplicate check: kept-aside postings lost on disk");
  dedup_index_.reset();
  deferred_.reset();
  return Status::Ok();
}

void ReportJob::AddDecided(const Contribution& c, bool duplicate) { AddDecided(c.View(), duplicate); }

void ReportJob::Uncount(const Contribution& c) {
  ContributionView v = c.View();
  if (!cube_.Subtract(v.record)) return;  // outside the filter: counted as outside either way
  --postings_;
  categories_.Subtract(v.record.dim[static_cast<size_t>(Dim::kQuarter)], v.category, v.any_ai_term,
                       v.record.has_salary, v.record.annual_salary);
  for (size_t i = 0; i < kDerivedFieldCount; ++i) --unknown_[i][static_cast<size_t>(v.reasons[i])];
  --date_sources_[static_cast<size_t>(v.date_source)];
  Count(cube_.AddDuplicate(v.record), v);
}

void ReportJob::DropEmpty() {
  cube_.DropEmpty();
  categories_.DropEmpty();
}

void ReportJob::MergeFrom(const ReportJob& o) {
  cube_.MergeFrom(o.cube_);
  for (const auto& [quarter, cells] : o.categories_.by_quarter) {
    auto& to = categories_.by_quarter[quarter];
    for (size_t c = 0; c < cells.size(); ++c)
      for (size_t any = 0; any < 2; ++any) to[c][any].Add(cells[c][any]);
  }
  for (size_t f = 0; f < unknown_.size(); ++f)
    for (size_t r = 0; r < unknown_[f].size(); ++r) unknown_[f][r] += o.unknown_[f][r];
  for (size_t i = 0; i < date_sources_.size(); ++i) date_sources_[i] += o.date_sources_[i];
  postings_ += o.postings_;
  duplicates_ += o.duplicates_;
  outside_ += o.outside_;
}

void ReportJob::Save(ByteWriter& out) const {
  out.V64(postings_);
  out.V64(duplicates_);
  out.V64(outside_);
  out.V64(unknown_.size());
  out.V64(kUnknownReasons);
  for (const auto& field : unknown_)
    for (uint64_t n : field) out.V64(n);
  out.V64(date_sources_.size());
  for (uint64_t n : date_sources_) out.V64(n);
  out.V64(categories_.by_quarter.size());
  out.V64(kCategoryCount);
  for (const auto& [quarter, cells] : categories_.by_quarter) {
    out.Str(quarter);
    for (const auto& by_any : cells)
      for (const CubeCell& c : by_any) {
        out.V64(c.postings);
        out.V64(c.salary_n);
        out.V64(c.salary_sum);
      }
  }
  cube_.Save(out);
}

bool ReportJob::Load(ByteReader& in) {
  uint64_t fields, reasons, sources, quarters, categories;
  if (!in.V64(&postings_) || !in.V64(&duplicates_) || !in.V64(&outside_) || !in.V64(&fields) ||
      fields != unknown_.size() || !in.V64(&reasons) || reasons != kUnknownReasons)
    return false;
  for (auto& field : unknown_)
    for (uint64_t& n : field)
      if (!in.V64(&n)) return false;
  if (!in.V64(&sources) || sources != date_sources_.size()) return false;
  for (uint64_t& n : date_sources_)
    if (!in.V64(&n)) return false;
  if (!in.Count(&quarters, 8) || !in.V64(&categories) || categories != kCategoryCount) return false;
  for (uint64_t i = 0; i < quarters; ++i) {
    std::string quarter;
    if (!in.Str(&quarter, 64)) return false;
    auto& cells = categories_.by_quarter[quarter];
    for (auto& by_any : cells)
      for (CubeCell& c : by_any)
        if (!in.V64(&c.postings) || !in.V64(&c.salary_n) || !in.V64(&c.salary_sum)) return false;
  }
  return cube_.Load(in);
}

ReportSummary SummarizeReport(const ReadSummary& read, const ReportJob& job, const Lexicon& lexicon,
                              const TableOptions& options, Dedup dedup, const AiFlagInfo& ai,
                              const SalaryConventions& salary) {
  ReportSummary s;
  s.version = JOBSIFT_VERSION;
  s.rows_read = read.total.rows_read;
  s.rows_accepted = read.total.rows_accepted;
  s.rows_rejected = read.total.RowsRejected();
  for (size_t i = 0; i < kRejectReasonCount; ++i)
    s.rejected_by_reason.emplace_back(RejectReasonName(static_cast<RejectReason>(i)), read.total.rejected[i]);
  s.duplicates_removed = job.duplicates();
  for (const auto& [half, n] : job.cube().duplicates_removed())
    s.duplicates_by_half.emplace_back(half.empty() ? "unknown" : half, n);
  s.postings = job.postings();
  s.filter_city = job.cube().filter().city;
  s.filter_industry = job.cube().filter().industry;
  s.outside_filter = job.outside_filter();
  std::map<std::string, std::pair<uint64_t, uint64_t>> by_q;  // all, ai
  for (const auto& m : job.cube().Collapse({Dim::kQuarter})) {
    auto& v = by_q[m.names[0].empty() ? "unknown" : m.names[0]];
    v.first += m.cell.postings;
    if (m.ai) v.second += m.cell.postings;
  }
  for (const auto& [q, v] : by_q) s.by_quarter.push_back({q, v.first, v.second});
  for (size_t i = 0; i < kDerivedFieldCount; ++i) {
    const auto& u = job.unknown()[i];
    ReportSummary::Field f;
    f.name = DerivedFieldName(static_cast<DerivedField>(i));
    f.parsed = u[static_cast<size_t>(Unknown::kNone)];
    for (size_t r = 1; r < ReportJob::kUnknownReasons; ++r) f.unknown.emplace_back(UnknownName(static_cast<Unknown>(r)), u[r]);
    s.fields.push_back(std::move(f));
  }
  s.ai = ai;
  s.dedup = dedup == Dedup::kExact ? "exact" : "none";
  for (size_t i = 1; i < kDateSourceCount; ++i)
    s.date_sources.emplace_back(DateSourceName(static_cast<DateSource>(i)), job.date_sources()[i]);
  s.half = options.current_half.empty() ? "auto" : options.current_half;
  s.inputs = read.notes;
  s.focus = ChooseFocusHalf(job.cube(), options);
  s.min_n = options.min_n;
  s.top_cities = options.top_cities;
  s.top_industries = options.top_industries;
  s.salary = salary;
  for (size_t d = 0; d < kDomainCount; ++d)
    s.lexicons.push_back({std::string(DomainName(static_cast<Domain>(d))), lexicon.TermCount(static_cast<Domain>(d)),
                          lexicon.GroupCount(static_cast<Domain>(d))});
  s.lexicon_checksum = lexicon.Checksum();
  return s;
}

}  // namespace jobsift

#include "pipeline/report_job.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "jobsift/version.h"

namespace jobsift {
namespace {

class ReportTask : public PostingTask {
 public:
  ReportTask(const FieldNormalizer* f, const Annotator* a, const Annotator* decider, Dedup dedup)
      : fields_(f),
        annotator_(a),
        decider_(decider),
        dedup_(dedup),
        scratch_(a->NewScratch()),
        decider_scratch_(decider != nullptr ? decider->NewScratch() : nullptr) {}
  void Add(const Posting& p) override {
    DerivedFields d;
    fields_->Normalize(p, &d);
    if (decider_ != nullptr) decider_->Annotate(p, *decider_scratch_, &an_);
    if (decider_ == nullptr || an_.ai) annotator_->Annotate(p, *scratch_, &an_);
    Contribution c;
    if (d.date.ok()) c.dim[static_cast<size_t>(Dim::kQuarter)] = d.date.value.QuarterLabel();
    if (d.city.ok()) c.dim[static_cast<size_t>(Dim::kCity)] = std::string(d.city.value.city);
    if (d.industry.ok()) c.dim[static_cast<size_t>(Dim::kIndustry)] = std::string(d.industry.value);
    if (d.degree.ok()) c.dim[static_cast<size_t>(Dim::kDegree)] = std::string(DegreeLevelName(d.degree.value));
    if (d.company_size.ok())
      c.dim[static_cast<size_t>(Dim::kSize)] = std::string(CompanySizeBandName(d.company_size.value));
    if (d.experience.ok())
      c.dim[static_cast<size_t>(Dim::kExperience)] = std::string(ExperienceBandName(d.experience.value));
    c.ai = an_.ai;
    if (d.salary.ok()) {
      c.has_salary = true;
      c.annual = static_cast<uint64_t>(std::llround(d.salary.value.Annual()));
    }
    if (dedup_ == Dedup::kExact)
      c.fingerprint = Fingerprint({p[Field::kCompanyName], p[Field::kPosition],
                                   d.city.ok() ? d.city.value.city : p[Field::kCity], p[Field::kDescription]});
    for (size_t i = 0; i < kDerivedFieldCount; ++i) c.reasons[i] = d.ReasonOf(static_cast<DerivedField>(i));
    if (an_.ai) {
      const Lexicon& lex = annotator_->lexicon();
      for (size_t dom = 0; dom < kDomainCount; ++dom) {
        if (static_cast<Domain>(dom) == Domain::kAi) continue;
        std::string_view domain = DomainName(static_cast<Domain>(dom));
        for (uint32_t g : an_.groups[dom]) {
          const Group& group = lex.groups()[g];
          c.groups.push_back(std::string(domain) + "|" + group.category + "|" + group.name);
          if (static_cast<Domain>(dom) == Domain::kHard) {
            std::string category = std::string(domain) + "|" + group.category + "|";
            if (std::find(c.groups.begin(), c.groups.end(), category) == c.groups.end()) c.groups.push_back(category);
          }
        }
      }
      for (const TermHit& h : an_.ai_terms)
        if (h.section != Section::kCompany) c.ai_terms.push_back(lex.terms()[h.term].text);
    }
    out.push_back(std::move(c));
  }
  std::vector<Contribution> out;

 private:
  const FieldNormalizer* fields_;
  const Annotator* annotator_;
  const Annotator* decider_;
  Dedup dedup_;
  std::unique_ptr<Annotator::Scratch> scratch_, decider_scratch_;
  Annotation an_;
};

}  // namespace

std::unique_ptr<PostingTask> ReportJob::NewTask() {
  return std::make_unique<ReportTask>(fields_, annotator_, decider_, dedup_);
}

StatusOr<std::unique_ptr<Annotator>> MakeDecider(const Annotator& full) {
  AnnotateOptions options = full.options();
  options.decide_only = true;
  return Annotator::Create(full.lexicon().Only(Domain::kAi), options);
}

void ReportJob::Finish(std::unique_ptr<PostingTask> task) {
  const std::vector<Contribution>& out = static_cast<ReportTask*>(task.get())->out;
  if (!dedup_index_ || !error_.ok()) {
    for (const Contribution& c : out) AddContribution(c);
    return;
  }
  // The duplicate filter's reads are random: each is started a few postings
  // before it is needed.
  constexpr size_t kAhead = 8;
  std::vector<uint32_t> halves(out.size());
  for (size_t i = 0; i < out.size(); ++i) {
    halves[i] = out[i].fingerprint != 0 ? HalfId(out[i].dim[static_cast<size_t>(Dim::kQuarter)]) : 0;
    if (i < kAhead && out[i].fingerprint != 0) dedup_index_->Prefetch(halves[i], out[i].fingerprint);
  }
  for (size_t i = 0; i < out.size(); ++i) {
    if (i + kAhead < out.size() && out[i + kAhead].fingerprint != 0)
      dedup_index_->Prefetch(halves[i + kAhead], out[i + kAhead].fingerprint);
    Add(out[i], halves[i]);
  }
}

uint32_t ReportJob::HalfId(const std::string& quarter) {
  auto it = half_of_quarter_.find(quarter);
  if (it == half_of_quarter_.end()) {
    uint32_t half = half_ids_.emplace(HalfOfQuarter(quarter), half_ids_.size()).first->second;
    it = half_of_quarter_.emplace(quarter, half).first;
  }
  return it->second;
}

void ReportJob::AddContribution(const Contribution& c) {
  Add(c, c.fingerprint != 0 ? HalfId(c.dim[static_cast<size_t>(Dim::kQuarter)]) : 0);
}

void ReportJob::Add(const Contribution& c, uint32_t half) {
  if (state_ != nullptr) state_->Add(c);
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
  Count(cube_.Add(c.View()), c);
}

void ReportJob::Count(Cube::AddResult result, const Contribution& c) {
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
  for (size_t i = 0; i < kDerivedFieldCount; ++i) ++unknown_[i][static_cast<size_t>(c.reasons[i])];
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
    CubeRecord r = c.View();
    Count(i < repeats->size() && (*repeats)[i] != 0 ? cube_.AddDuplicate(r) : cube_.Add(r), c);
    ++i;
  });
  if (!st.ok()) return st;
  if (i != repeats->size()) return DataError("duplicate check: kept-aside postings lost on disk");
  dedup_index_.reset();
  deferred_.reset();
  return Status::Ok();
}

ReportSummary SummarizeReport(const ReadSummary& read, const ReportJob& job, const Lexicon& lexicon,
                              const TableOptions& options, Dedup dedup, AiRule rule,
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
  s.ai_rule = AiRuleName(rule);
  s.dedup = dedup == Dedup::kExact ? "exact" : "none";
  s.half = options.current_half.empty() ? "latest" : options.current_half;
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

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
  for (const Contribution& c : static_cast<ReportTask*>(task.get())->out) AddContribution(c);
}

void ReportJob::AddContribution(const Contribution& c) {
  if (state_ != nullptr) state_->Add(c);
  switch (cube_.Add(c.View())) {
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

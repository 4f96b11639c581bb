#include "pipeline/report_job.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "base/text.h"
#include "jobsift/version.h"

namespace jobsift {
namespace {

class ReportTask : public PostingTask {
 public:
  ReportTask(const FieldNormalizer* f, const Annotator* a, Dedup dedup)
      : fields_(f), annotator_(a), dedup_(dedup), scratch_(a->NewScratch()) {}
  void Add(const Posting& p) override {
    DerivedFields d;
    fields_->Normalize(p, &d);
    annotator_->Annotate(p, *scratch_, &an_);
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
  Dedup dedup_;
  std::unique_ptr<Annotator::Scratch> scratch_;
  Annotation an_;
};

}  // namespace

std::unique_ptr<PostingTask> ReportJob::NewTask() { return std::make_unique<ReportTask>(fields_, annotator_, dedup_); }

void ReportJob::Finish(std::unique_ptr<PostingTask> task) {
  for (const Contribution& c : static_cast<ReportTask*>(task.get())->out) AddContribution(c);
}

void ReportJob::AddContribution(const Contribution& c) {
  if (state_ != nullptr) state_->Add(c);
  if (!cube_.Add(c.View())) {
    ++duplicates_;
    return;
  }
  ++postings_;
  for (size_t i = 0; i < kDerivedFieldCount; ++i) ++unknown_[i][static_cast<size_t>(c.reasons[i])];
}

std::string ReportSummaryJson(const ReadSummary& read, const ReportJob& job, const Lexicon& lexicon,
                              const TableOptions& options, Dedup dedup, AiRule rule) {
  std::string o = "{\"jobsift_version\":";
  AppendJsonString(JOBSIFT_VERSION, o);
  o += ",\"rows_read\":" + std::to_string(read.total.rows_read);
  o += ",\"rows_accepted\":" + std::to_string(read.total.rows_accepted);
  o += ",\"rows_rejected\":" + std::to_string(read.total.RowsRejected());
  o += ",\"rejected_by_reason\":{";
  for (size_t i = 0; i < kRejectReasonCount; ++i) {
    if (i) o += ",";
    AppendJsonString(RejectReasonName(static_cast<RejectReason>(i)), o);
    o += ":" + std::to_string(read.total.rejected[i]);
  }
  o += "},\"duplicates_removed\":" + std::to_string(job.duplicates());
  o += ",\"duplicates_removed_by_half\":{";
  bool first = true;
  for (const auto& [half, n] : job.cube().duplicates_removed()) {
    if (!first) o += ",";
    first = false;
    AppendJsonString(half.empty() ? "unknown" : half, o);
    o += ":" + std::to_string(n);
  }
  o += "},\"postings\":" + std::to_string(job.postings());
  o += ",\"postings_by_quarter\":{";
  first = true;
  std::map<std::string, std::pair<uint64_t, uint64_t>> by_q;  // all, ai
  for (const auto& m : job.cube().Collapse({Dim::kQuarter})) {
    auto& v = by_q[m.names[0].empty() ? "unknown" : m.names[0]];
    v.first += m.cell.postings;
    if (m.ai) v.second += m.cell.postings;
  }
  for (const auto& [q, v] : by_q) {
    if (!first) o += ",";
    first = false;
    AppendJsonString(q, o);
    o += ":{\"all\":" + std::to_string(v.first) + ",\"ai\":" + std::to_string(v.second) + "}";
  }
  o += "},\"fields\":{";
  for (size_t i = 0; i < kDerivedFieldCount; ++i) {
    if (i) o += ",";
    AppendJsonString(DerivedFieldName(static_cast<DerivedField>(i)), o);
    const auto& u = job.unknown()[i];
    uint64_t parsed = u[static_cast<size_t>(Unknown::kNone)];
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.6f",
                  job.postings() ? static_cast<double>(parsed) / static_cast<double>(job.postings()) : 0.0);
    o += ":{\"parsed\":" + std::to_string(parsed) + ",\"parsed_share\":" + rate + ",\"unknown\":{";
    for (size_t r = 1; r < ReportJob::kUnknownReasons; ++r) {
      if (r > 1) o += ",";
      AppendJsonString(UnknownName(static_cast<Unknown>(r)), o);
      o += ":" + std::to_string(u[r]);
    }
    o += "}}";
  }
  o += "},\"config\":{\"ai_rule\":";
  AppendJsonString(AiRuleName(rule), o);
  o += ",\"dedup\":";
  AppendJsonString(dedup == Dedup::kExact ? "exact" : "none", o);
  o += ",\"half\":";
  AppendJsonString(options.current_half.empty() ? "latest" : options.current_half, o);
  o += ",\"min_n\":" + std::to_string(options.min_n);
  o += ",\"top_cities\":" + std::to_string(options.top_cities);
  o += ",\"top_industries\":" + std::to_string(options.top_industries);
  o += "},\"lexicons\":{";
  for (size_t d = 0; d < kDomainCount; ++d) {
    if (d) o += ",";
    AppendJsonString(DomainName(static_cast<Domain>(d)), o);
    o += ":{\"terms\":" + std::to_string(lexicon.TermCount(static_cast<Domain>(d))) +
         ",\"groups\":" + std::to_string(lexicon.GroupCount(static_cast<Domain>(d))) + "}";
  }
  o += ",\"checksum\":";
  AppendJsonString(lexicon.Checksum(), o);
  o += "}}\n";
  return o;
}

}  // namespace jobsift

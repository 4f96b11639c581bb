#include "pipeline/profile.h"

#include <algorithm>
#include <cstdio>

#include "base/text.h"

namespace jobsift {
namespace {

class ProfileTask : public PostingTask {
 public:
  explicit ProfileTask(const FieldNormalizer* n) : normalizer_(n) {}
  void Add(const Posting& p) override {
    ++postings;
    DerivedFields d;
    normalizer_->Normalize(p, &d);
    for (size_t i = 0; i < kDerivedFieldCount; ++i) {
      DerivedField f = static_cast<DerivedField>(i);
      std::string_view raw = FieldNormalizer::RawOf(p, f, scratch_);
      if (raw.empty()) continue;  // missing: nothing to parse
      FieldProfile& fp = fields[i];
      ++fp.non_empty;
      Unknown why = d.ReasonOf(f);
      std::string_view rule = d.RuleOf(f);
      if (!rule.empty()) ++fp.rules[std::string(rule)];
      if (why == Unknown::kNone) {
        ++fp.parsed;
        continue;
      }
      ++fp.unknown[static_cast<size_t>(why)];
      if (why == Unknown::kNegotiable) continue;
      auto it = fp.unparsed.find(std::string(raw));
      if (it != fp.unparsed.end()) {
        ++it->second.first;
      } else if (fp.unparsed.size() < ProfileJob::kMaxDistinctUnparsed) {
        fp.unparsed.emplace(std::string(raw), std::make_pair(uint64_t{1}, why));
      } else {
        ++unparsed_other;
      }
    }
  }

  std::array<FieldProfile, kDerivedFieldCount> fields;
  uint64_t postings = 0;
  uint64_t unparsed_other = 0;

 private:
  const FieldNormalizer* normalizer_;
  std::string scratch_;
};

std::string Rate(double r) {
  if (r < 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", 100 * r);
  return buf;
}

}  // namespace

double FieldProfile::ParseRate() const {
  // 面议 and a piece rate are answers, not values the parser failed on.
  uint64_t base = non_empty - unknown[static_cast<size_t>(Unknown::kNegotiable)] -
                  unknown[static_cast<size_t>(Unknown::kPieceRate)] - unknown[static_cast<size_t>(Unknown::kMissing)];
  return base == 0 ? -1 : static_cast<double>(parsed) / static_cast<double>(base);
}

void FieldProfile::Add(const FieldProfile& o) {
  non_empty += o.non_empty;
  parsed += o.parsed;
  for (size_t i = 0; i < kUnknownReasonCount; ++i) unknown[i] += o.unknown[i];
  for (const auto& [rule, n] : o.rules) rules[rule] += n;
  for (const auto& [value, cr] : o.unparsed) {
    auto [it, inserted] = unparsed.emplace(value, cr);
    if (!inserted) it->second.first += cr.first;
  }
}

std::unique_ptr<PostingTask> ProfileJob::NewTask() { return std::make_unique<ProfileTask>(normalizer_); }

void ProfileJob::Finish(std::unique_ptr<PostingTask> task) {
  auto* t = static_cast<ProfileTask*>(task.get());
  postings_ += t->postings;
  unparsed_other_ += t->unparsed_other;
  for (size_t i = 0; i < kDerivedFieldCount; ++i) {
    fields_[i].Add(t->fields[i]);
    // Keep memory bounded: trim the rarest values past the cap, counting them.
    auto& un = fields_[i].unparsed;
    if (un.size() > kMaxDistinctUnparsed * 2) {
      std::vector<std::pair<uint64_t, std::string>> by_count;
      for (const auto& [v, cr] : un) by_count.emplace_back(cr.first, v);
      std::sort(by_count.begin(), by_count.end(),
                [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
      for (size_t k = kMaxDistinctUnparsed; k < by_count.size(); ++k) {
        unparsed_other_ += by_count[k].first;
        un.erase(by_count[k].second);
      }
    }
  }
}

std::vector<std::pair<std::string, std::pair<uint64_t, Unknown>>> TopUnparsed(const FieldProfile& f, size_t n) {
  std::vector<std::pair<std::string, std::pair<uint64_t, Unknown>>> v(f.unparsed.begin(), f.unparsed.end());
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    return a.second.first != b.second.first ? a.second.first > b.second.first : a.first < b.first;
  });
  if (v.size() > n) v.resize(n);
  return v;
}

std::string ProfileText(const ReadSummary& read, const ProfileJob& job, size_t top_n) {
  std::string o;
  char buf[512];
  std::snprintf(buf, sizeof buf, "postings %llu (rows read %llu, rejected %llu)\n\n",
                static_cast<unsigned long long>(job.postings()), static_cast<unsigned long long>(read.total.rows_read),
                static_cast<unsigned long long>(read.total.RowsRejected()));
  o += buf;
  std::snprintf(buf, sizeof buf, "%-13s %10s %10s %9s  %s\n", "field", "non-empty", "parsed", "rate", "unknown by reason");
  o += buf;
  for (size_t i = 0; i < kDerivedFieldCount; ++i) {
    const FieldProfile& f = job.fields()[i];
    std::string reasons;
    for (size_t r = 2; r < kUnknownReasonCount; ++r) {
      if (f.unknown[r] == 0) continue;
      if (!reasons.empty()) reasons += ", ";
      reasons += std::string(UnknownName(static_cast<Unknown>(r))) + " " + std::to_string(f.unknown[r]);
    }
    uint64_t missing = job.postings() - f.non_empty + f.unknown[static_cast<size_t>(Unknown::kMissing)];
    if (missing > 0) reasons = "missing " + std::to_string(missing) + (reasons.empty() ? "" : ", ") + reasons;
    std::snprintf(buf, sizeof buf, "%-13s %10llu %10llu %9s  ", std::string(DerivedFieldName(static_cast<DerivedField>(i))).c_str(),
                  static_cast<unsigned long long>(f.non_empty), static_cast<unsigned long long>(f.parsed),
                  Rate(f.ParseRate()).c_str());
    o += buf + reasons + "\n";
  }
  for (size_t i = 0; i < kDerivedFieldCount; ++i) {
    const FieldProfile& f = job.fields()[i];
    auto top = TopUnparsed(f, top_n);
    if (top.empty()) continue;
    o += "\n" + std::string(DerivedFieldName(static_cast<DerivedField>(i))) + ": most frequent values not parsed\n";
    for (const auto& [value, cr] : top) {
      std::string v;
      AppendTsvEscaped(value.substr(0, 80), v);
      std::snprintf(buf, sizeof buf, "  %8llu  %-15s ", static_cast<unsigned long long>(cr.first),
                    std::string(UnknownName(cr.second)).c_str());
      o += buf + v + "\n";
    }
  }
  if (job.unparsed_other() > 0)
    o += "\n(" + std::to_string(job.unparsed_other()) + " further unparsed values not kept: too many distinct)\n";
  const InputNotes& notes = read.notes;
  if (!notes.by_content.empty()) {
    o += "\ncolumns found by what their cells hold (no alias knows their names):\n";
    for (const auto& b : notes.by_content)
      o += "  " + b.file + ": " + std::string(FieldName(b.field)) + " <- '" + b.header + "': " + b.evidence + "\n";
  }
  if (!notes.no_column.empty()) {
    o += "\nfields without a column (unknown for every row of those files):\n";
    for (const auto& n : notes.no_column)
      o += "  " + std::string(FieldName(n.field)) + ": " + std::to_string(n.files.size()) + " of " +
           std::to_string(notes.files) + " files, " + std::to_string(n.rows) + " rows\n";
  }
  return o;
}

std::string ProfileJson(const ReadSummary& read, const ProfileJob& job, size_t top_n) {
  std::string o = "{\"postings\":" + std::to_string(job.postings());
  o += ",\"rows_read\":" + std::to_string(read.total.rows_read);
  o += ",\"rows_rejected\":" + std::to_string(read.total.RowsRejected());
  o += ",\"fields\":{";
  for (size_t i = 0; i < kDerivedFieldCount; ++i) {
    const FieldProfile& f = job.fields()[i];
    if (i) o += ",";
    AppendJsonString(DerivedFieldName(static_cast<DerivedField>(i)), o);
    o += ":{\"non_empty\":" + std::to_string(f.non_empty) + ",\"parsed\":" + std::to_string(f.parsed);
    double rate = f.ParseRate();
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f", rate);
    o += ",\"parse_rate\":" + (rate < 0 ? std::string("null") : std::string(buf));
    o += ",\"unknown\":{\"missing\":" +
         std::to_string(job.postings() - f.non_empty + f.unknown[static_cast<size_t>(Unknown::kMissing)]);
    for (size_t r = 2; r < kUnknownReasonCount; ++r) {
      o += ",";
      AppendJsonString(UnknownName(static_cast<Unknown>(r)), o);
      o += ":" + std::to_string(f.unknown[r]);
    }
    o += "},\"rules\":";
    AppendJsonCounts(f.rules, o);
    o += ",\"top_unparsed\":[";
    bool first = true;
    for (const auto& [value, cr] : TopUnparsed(f, top_n)) {
      if (!first) o += ",";
      first = false;
      o += "{\"value\":";
      AppendJsonString(value, o);
      o += ",\"count\":" + std::to_string(cr.first) + ",\"reason\":";
      AppendJsonString(UnknownName(cr.second), o);
      o += "}";
    }
    o += "]}";
  }
  o += "},\"unparsed_not_kept\":" + std::to_string(job.unparsed_other());
  o += ",\"inputs\":";
  AppendInputNotesJson(read.notes, o);
  o += "}\n";
  return o;
}

}  // namespace jobsift

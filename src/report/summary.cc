#include "report/summary.h"

#include <cstdio>

#include "base/text.h"
#include "fields/normalize.h"
#include "fields/parsed.h"

namespace jobsift {

uint64_t ReportSummary::Undated() const {
  for (const Quarter& q : by_quarter)
    if (q.label == "unknown") return q.all;
  return 0;
}

uint64_t ReportSummary::UndatedForWantOfReference() const {
  for (const Field& f : fields)
    if (f.name == DerivedFieldName(DerivedField::kDate))
      for (const auto& [reason, n] : f.unknown)
        if (reason == UnknownName(Unknown::kNeedsReference)) return n;
  return 0;
}

uint64_t ReportSummary::AiPostings() const {
  uint64_t ai = 0;
  for (const Quarter& q : by_quarter) ai += q.ai;
  return ai;
}

std::string ReportSummaryJson(const ReportSummary& s) {
  std::string o = "{\"jobsift_version\":";
  AppendJsonString(s.version, o);
  o += ",\"rows_read\":" + std::to_string(s.rows_read);
  o += ",\"rows_accepted\":" + std::to_string(s.rows_accepted);
  o += ",\"rows_rejected\":" + std::to_string(s.rows_rejected);
  o += ",\"rejected_by_reason\":";
  AppendJsonCounts(s.rejected_by_reason, o);
  o += ",\"duplicates_removed\":" + std::to_string(s.duplicates_removed);
  o += ",\"duplicates_removed_by_half\":";
  AppendJsonCounts(s.duplicates_by_half, o);
  o += ",\"postings\":" + std::to_string(s.postings);
  o += ",\"postings_outside_filter\":" + std::to_string(s.outside_filter);
  o += ",\"postings_by_quarter\":{";
  for (size_t i = 0; i < s.by_quarter.size(); ++i) {
    if (i) o += ",";
    AppendJsonString(s.by_quarter[i].label, o);
    o += ":{\"all\":" + std::to_string(s.by_quarter[i].all) + ",\"ai\":" + std::to_string(s.by_quarter[i].ai) + "}";
  }
  o += "},\"postings_undated\":" + std::to_string(s.Undated());
  o += ",\"ai_postings\":" + std::to_string(s.AiPostings());
  o += ",\"dates_by_source\":";
  AppendJsonCounts(s.date_sources, o);
  o += ",\"focus_half\":{\"half\":";
  AppendJsonStringOrNull(s.focus.half, o);
  o += ",\"rule\":";
  AppendJsonString(FocusRuleName(s.focus.rule), o);
  o += ",\"busiest_half_postings\":" + std::to_string(s.focus.busiest) + ",\"halves\":{";
  for (size_t i = 0; i < s.focus.halves.size(); ++i) {
    if (i) o += ",";
    AppendJsonString(s.focus.halves[i].period, o);
    o += ":{\"all\":" + std::to_string(s.focus.halves[i].all) + ",\"ai\":" + std::to_string(s.focus.halves[i].ai) + "}";
  }
  o += "}},\"inputs\":";
  AppendInputNotesJson(s.inputs, o);
  o += ",\"fields\":{";
  for (size_t i = 0; i < s.fields.size(); ++i) {
    const ReportSummary::Field& f = s.fields[i];
    if (i) o += ",";
    AppendJsonString(f.name, o);
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.6f",
                  s.postings ? static_cast<double>(f.parsed) / static_cast<double>(s.postings) : 0.0);
    o += ":{\"parsed\":" + std::to_string(f.parsed) + ",\"parsed_share\":" + rate + ",\"unknown\":";
    AppendJsonCounts(f.unknown, o);
    o += "}";
  }
  o += "},\"config\":{\"ai_definition\":";
  AppendJsonString(s.ai.definition, o);
  o += ",\"ai_categories\":";
  AppendJsonString(s.ai.categories, o);
  o += ",\"classifier\":";
  AppendJsonString(s.ai.classifier, o);
  o += ",\"category_model\":";
  AppendJsonStringOrNull(s.ai.model_checksum, o);
  o += ",\"dedup\":";
  AppendJsonString(s.dedup, o);
  o += ",\"half\":";
  AppendJsonString(s.half, o);
  o += ",\"min_n\":" + std::to_string(s.min_n);
  o += ",\"top_cities\":" + std::to_string(s.top_cities);
  o += ",\"top_industries\":" + std::to_string(s.top_industries);
  // The filter: a canonical name, or null for every city / industry.
  o += ",\"city\":";
  AppendJsonStringOrNull(s.filter_city, o);
  o += ",\"industry\":";
  AppendJsonStringOrNull(s.filter_industry, o);
  o += "},\"lexicons\":{";
  for (size_t d = 0; d < s.lexicons.size(); ++d) {
    if (d) o += ",";
    AppendJsonString(s.lexicons[d].domain, o);
    o += ":{\"terms\":" + std::to_string(s.lexicons[d].terms) + ",\"groups\":" + std::to_string(s.lexicons[d].groups) +
         "}";
  }
  o += ",\"checksum\":";
  AppendJsonString(s.lexicon_checksum, o);
  o += "}}\n";
  return o;
}

}  // namespace jobsift

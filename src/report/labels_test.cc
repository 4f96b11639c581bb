// The Chinese labels are data (data/report/labels_zh.tsv): every name
// jobsift prints in a report has one, and the file holds no label for a
// name jobsift does not have.
#include "report/labels.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "fields/normalize.h"
#include "fields/parsed.h"
#include "lexicon/lexicon.h"
#include "report/tables.h"
#include "schema/column_map.h"
#include "schema/diagnostics.h"
#include "schema/input_notes.h"

namespace jobsift {
namespace {

// Every (kind, name) a report may have to label.
std::set<std::pair<std::string, std::string>> NamesJobsiftHas() {
  std::set<std::pair<std::string, std::string>> out;
  for (std::string_view key : ColumnKeys()) out.emplace("column", key);
  for (size_t i = 1; i < kUnknownCount; ++i) out.emplace("unknown", UnknownName(static_cast<Unknown>(i)));
  for (size_t i = 0; i < kRejectReasonCount; ++i) out.emplace("reject", RejectReasonName(static_cast<RejectReason>(i)));
  for (size_t i = 0; i < kFieldCount; ++i)
    if (IsNotedField(static_cast<Field>(i))) out.emplace("field", FieldName(static_cast<Field>(i)));
  for (size_t i = 0; i < kDerivedFieldCount; ++i) out.emplace("field", DerivedFieldName(static_cast<DerivedField>(i)));
  for (size_t i = 0; i < kDomainCount; ++i) out.emplace("domain", DomainName(static_cast<Domain>(i)));
  for (size_t i = 1; i < kDateSourceCount; ++i) out.emplace("date_source", DateSourceName(static_cast<DateSource>(i)));
  return out;
}

TEST(ReportLabels, EveryNameHasALabelAndEveryLabelAName) {
  std::set<std::pair<std::string, std::string>> has = NamesJobsiftHas();
  for (const auto& [kind, name] : has)
    EXPECT_TRUE(HasLabelZh(kind, name)) << kind << " '" << name << "' has no label in data/report/labels_zh.tsv";
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& [kind, name] : LabelledNames()) {
    EXPECT_TRUE(has.count({std::string(kind), std::string(name)}))
        << "data/report/labels_zh.tsv labels " << kind << " '" << name << "', which jobsift does not have";
    EXPECT_TRUE(seen.emplace(kind, name).second) << kind << " '" << name << "' is labelled twice";
  }
}

TEST(ReportLabels, ANameWithoutALabelIsShownAsItIs) {
  EXPECT_EQ(LabelZh("column", "share_of_ai_pct"), "占AI岗位比例");
  EXPECT_EQ(LabelZh("unknown", "negotiable"), "面议");
  EXPECT_EQ(LabelZh("unknown", "from_a_newer_version"), "from_a_newer_version");
  EXPECT_EQ(ColumnInfoOf("ai_intensity_pct").zh, "AI强度");
  EXPECT_EQ(ColumnInfoOf("ai_intensity_pct").kind, ColumnKind::kPercent);
}

}  // namespace
}  // namespace jobsift

// The table helpers of report/tables.h on tables and cubes built by hand:
// WilsonInterval against known 95% intervals (and n = 0); TableCsv's bytes
// (UTF-8 BOM, CRLF, quoting of commas, quotes and newlines); TablesJson's
// typed values (numbers as numbers, an empty numeric cell as null, small_n
// as true/false, labels and non-numbers as strings) and its columns' key,
// Chinese label, type and unit; IsPlainNumber; ColumnInfoOf for known and
// unknown keys; FilterLabel; and ChooseFocusHalf's rule (the asked half
// wins; else the latest half holding a quarter of the busiest half's
// postings and min_n AI postings, so a near-empty trailing half cannot;
// else the half with the most AI postings). tests/report_test.cc runs them
// through the binary.
#include "report/tables.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <vector>

namespace jobsift {
namespace {

TEST(TablesWilson, KnownIntervals) {
  double lo = -1, hi = -1;
  WilsonInterval(5, 10, &lo, &hi);
  EXPECT_NEAR(lo, 0.2366, 1e-4);
  EXPECT_NEAR(hi, 0.7634, 1e-4);
  WilsonInterval(0, 10, &lo, &hi);
  EXPECT_NEAR(lo, 0.0, 1e-12);
  EXPECT_NEAR(hi, 0.2775, 1e-4);
  WilsonInterval(10, 10, &lo, &hi);
  EXPECT_NEAR(lo, 0.7225, 1e-4);
  EXPECT_NEAR(hi, 1.0, 1e-12);
  WilsonInterval(1, 3, &lo, &hi);
  EXPECT_NEAR(lo, 0.0615, 1e-4);
  EXPECT_NEAR(hi, 0.7923, 1e-4);
  WilsonInterval(0, 0, &lo, &hi);  // no trials: no interval, not NaN
  EXPECT_EQ(lo, 0.0);
  EXPECT_EQ(hi, 0.0);
}

TEST(TablesCsv, BomCrlfAndQuotedCells) {
  Table t;
  t.columns = {"city", "ai_postings"};
  t.rows = {{"北京, 朝阳", "12"}, {"say \"hi\"", "3"}, {"line1\nline2", ""}, {"plain", "0"}};
  EXPECT_EQ(TableCsv(t),
            "\xEF\xBB\xBF"
            "city,ai_postings\r\n"
            "\"北京, 朝阳\",12\r\n"
            "\"say \"\"hi\"\"\",3\r\n"
            "\"line1\nline2\",\r\n"
            "plain,0\r\n");
}

TEST(TablesJson, ValuesAreTypedByTheirColumn) {
  Table t;
  t.id = "F2";
  t.title = "人工智能岗位城市分布";
  t.formula = "share = a / b";
  t.period = "2024H1";
  t.filter.city = "北京";
  t.n = 42;
  t.columns = {"city", "ai_postings", "share_of_ai_pct", "small_n", "ai_mean_annual_wan", "lift", "mystery"};
  t.rows = {{"北京", "12", "28.57", "1", "35.2", "1.500", "x"}, {"上海", "", "", "0", "", "n/a", "7"}};
  std::string json = TablesJson({t});
  simdjson::dom::parser parser;
  simdjson::dom::element f2 = parser.parse(json);
  f2 = f2["F2"];
  EXPECT_EQ(std::string_view(f2["title"]), "人工智能岗位城市分布");
  EXPECT_EQ(std::string_view(f2["period"]), "2024H1");
  EXPECT_EQ(uint64_t(f2["n"]), 42u);
  EXPECT_EQ(std::string_view(f2["filter"]["city"]), "北京");
  EXPECT_TRUE(f2["filter"]["industry"].is_null());

  struct Col {
    const char *key, *label, *type, *unit;  // unit nullptr: JSON null
  };
  const Col kCols[] = {{"city", "城市", "string", nullptr},
                       {"ai_postings", "AI岗位数", "integer", "postings"},
                       {"share_of_ai_pct", "占AI岗位比例", "number", "percent"},
                       {"small_n", "样本不足", "boolean", nullptr},
                       {"ai_mean_annual_wan", "AI平均年薪", "number", "万元"},
                       {"lift", "提升度", "number", nullptr},
                       {"mystery", "mystery", "string", nullptr}};
  simdjson::dom::array cols = f2["columns"];
  ASSERT_EQ(cols.size(), std::size(kCols));
  for (size_t i = 0; i < std::size(kCols); ++i) {
    simdjson::dom::element c = cols.at(i);
    EXPECT_EQ(std::string_view(c["key"]), kCols[i].key);
    EXPECT_EQ(std::string_view(c["label"]), kCols[i].label);
    EXPECT_EQ(std::string_view(c["type"]), kCols[i].type);
    if (kCols[i].unit == nullptr) {
      EXPECT_TRUE(c["unit"].is_null()) << kCols[i].key;
    } else {
      EXPECT_EQ(std::string_view(c["unit"]), kCols[i].unit);
    }
  }

  simdjson::dom::element r0 = f2["rows"].at(0);
  EXPECT_EQ(std::string_view(r0.at(0)), "北京");
  EXPECT_TRUE(r0.at(1).is_int64() || r0.at(1).is_uint64());
  EXPECT_EQ(int64_t(r0.at(1)), 12);
  EXPECT_DOUBLE_EQ(double(r0.at(2)), 28.57);
  EXPECT_TRUE(r0.at(3).is_bool());
  EXPECT_TRUE(bool(r0.at(3)));
  EXPECT_DOUBLE_EQ(double(r0.at(4)), 35.2);
  EXPECT_DOUBLE_EQ(double(r0.at(5)), 1.5);
  EXPECT_EQ(std::string_view(r0.at(6)), "x");

  simdjson::dom::element r1 = f2["rows"].at(1);
  EXPECT_TRUE(r1.at(1).is_null());  // unknown: null, never 0 or ""
  EXPECT_TRUE(r1.at(2).is_null());
  EXPECT_FALSE(bool(r1.at(3)));
  EXPECT_TRUE(r1.at(4).is_null());
  EXPECT_EQ(std::string_view(r1.at(5)), "n/a");  // not a number: stays text
  EXPECT_EQ(std::string_view(r1.at(6)), "7");    // an unknown column is a label
}

TEST(TablesJson, IsPlainNumberTakesOnlyDecimalNumbers) {
  for (const char* v : {"0", "12", "-3", "28.57", "0.5", "-0.25", "100.00"}) EXPECT_TRUE(IsPlainNumber(v)) << v;
  for (const char* v : {"", "-", "01", ".5", "1.", "1.2.3", "1e5", "+1", " 1", "1 ", "NaN", "inf", "12%", "1,000"})
    EXPECT_FALSE(IsPlainNumber(v)) << v;
}

TEST(TablesColumns, KnownKeysHaveTheirLabelAndKindUnknownKeysAreLabels) {
  ColumnInfo share = ColumnInfoOf("share_of_ai_pct");
  EXPECT_EQ(share.zh, "占AI岗位比例");
  EXPECT_EQ(share.kind, ColumnKind::kPercent);
  EXPECT_EQ(ColumnInfoOf("quarter").zh, "季度");
  EXPECT_EQ(ColumnInfoOf("quarter").kind, ColumnKind::kLabel);
  EXPECT_EQ(ColumnInfoOf("all_postings").kind, ColumnKind::kCount);
  EXPECT_EQ(ColumnInfoOf("small_n").kind, ColumnKind::kFlag);
  EXPECT_EQ(ColumnInfoOf("all_median_annual_wan").kind, ColumnKind::kWan);
  EXPECT_EQ(ColumnInfoOf("pmi").kind, ColumnKind::kRatio);
  ColumnInfo other = ColumnInfoOf("not_a_column");
  EXPECT_EQ(other.key, "not_a_column");
  EXPECT_EQ(other.zh, "not_a_column");
  EXPECT_EQ(other.kind, ColumnKind::kLabel);
}

TEST(TablesFilter, LabelNamesCityThenIndustry) {
  EXPECT_EQ(FilterLabel({}), "");
  EXPECT_EQ(FilterLabel({"北京", ""}), "city=北京");
  EXPECT_EQ(FilterLabel({"", "教育"}), "industry=教育");
  EXPECT_EQ(FilterLabel({"北京", "教育"}), "city=北京, industry=教育");
}

// `n` postings in `quarter`, the first `ai` of them AI postings.
void AddPostings(Cube& cube, const char* quarter, int n, int ai) {
  for (int i = 0; i < n; ++i) {
    CubeRecord r;
    r.dim[static_cast<size_t>(Dim::kQuarter)] = quarter;
    r.dim[static_cast<size_t>(Dim::kCity)] = "北京";
    r.ai = i < ai;
    ASSERT_EQ(cube.Add(r), Cube::AddResult::kAdded);
  }
}

TEST(TablesFocusHalf, ANearEmptyTrailingHalfDoesNotWin) {
  Cube cube;
  AddPostings(cube, "2023Q3", 60, 20);
  AddPostings(cube, "2023Q4", 40, 20);  // 2023H2: 100 postings, 40 AI
  AddPostings(cube, "2024Q1", 2, 2);    // 2024H1: two postings dated after the crawl
  AddPostings(cube, "", 5, 5);          // undated: no half
  TableOptions o;  // min_n 30
  FocusHalf f = ChooseFocusHalf(cube, o);
  EXPECT_EQ(f.half, "2023H2");
  EXPECT_EQ(f.rule, FocusHalf::Rule::kLatest);
  EXPECT_EQ(f.busiest, 100u);
  EXPECT_EQ(f.halves, (std::vector<PeriodCount>{{"2023H2", 100, 40}, {"2024H1", 2, 2}}));
  // Asked for, the trailing half wins all the same.
  o.current_half = "2024H1";
  f = ChooseFocusHalf(cube, o);
  EXPECT_EQ(f.half, "2024H1");
  EXPECT_EQ(f.rule, FocusHalf::Rule::kAsked);
  // Once it holds a quarter of the busiest half's postings and min_n AI
  // postings, the latest half is the focus.
  AddPostings(cube, "2024Q2", 28, 28);  // 2024H1: 30 postings, 30 AI
  o.current_half.clear();
  f = ChooseFocusHalf(cube, o);
  EXPECT_EQ(f.half, "2024H1");
  EXPECT_EQ(f.rule, FocusHalf::Rule::kLatest);
}

TEST(TablesFocusHalf, WithoutAHalfHoldingEnoughTheMostAiPostingsWin) {
  Cube cube;
  AddPostings(cube, "2023Q1", 50, 10);
  AddPostings(cube, "2023Q3", 50, 10);
  AddPostings(cube, "2024Q1", 50, 4);
  TableOptions o;
  o.min_n = 100;
  FocusHalf f = ChooseFocusHalf(cube, o);
  EXPECT_EQ(f.half, "2023H2");  // a tie with 2023H1: the later one
  EXPECT_EQ(f.rule, FocusHalf::Rule::kMostAi);
  EXPECT_EQ(FocusRuleName(f.rule), "most_ai_postings");

  Cube undated;
  AddPostings(undated, "", 10, 10);
  f = ChooseFocusHalf(undated, o);
  EXPECT_EQ(f.half, "");
  EXPECT_EQ(f.rule, FocusHalf::Rule::kNone);
  EXPECT_TRUE(f.halves.empty());
}

}  // namespace
}  // namespace jobsift

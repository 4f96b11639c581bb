// jobsift gen: the report on generated postings reproduces the planted
// truth exactly, the output is deterministic, and the planted shares are the
// published figures of SPEC §3 (data/gen/published.tsv).
#include <gtest/gtest.h>

#include <simdjson.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "test_util.h"

namespace jobsift {
namespace {

using testing::ReadFile;
using testing::RunCommand;
using testing::TempDir;

const std::string kBin = JOBSIFT_BINARY;

void RunJobsift(const std::string& args) {
  std::string out;
  ASSERT_EQ(RunCommand(kBin + " " + args + " 2>&1", &out), 0) << args << "\n" << out;
}

// Sum of a column over a table's rows in tables.json.
uint64_t ColumnSum(simdjson::dom::element tables, const char* id, size_t column) {
  uint64_t sum = 0;
  for (simdjson::dom::element row : tables[id]["rows"].get_array()) {
    sum += uint64_t(row.at(column));  // tables.json holds counts as numbers
  }
  return sum;
}

TEST(Gen, ReportReproducesThePlantedTruthInEveryTable) {
  TempDir d;
  RunJobsift("gen -q -n 40000 --seed 7 -o " + d.File("g.csv") + " --truth " + d.File("truth.json"));
  // The generator plants AI postings by the rules (the transparent
  // classifier): the report reproduces them under the rules.
  RunJobsift("report -q --classifier rules " + d.File("g.csv") + " -o " + d.File("out"));
  simdjson::dom::parser p1, p2, p3;
  simdjson::dom::element truth = p1.load(d.File("truth.json"));
  simdjson::dom::element tables = p2.load(d.File("out/tables.json"));
  simdjson::dom::element summary = p3.load(d.File("out/summary.json"));
  size_t n = 0;
  for (auto [id, table] : truth["tables"].get_object()) {
    simdjson::dom::element got;
    ASSERT_EQ(tables[id].get(got), simdjson::SUCCESS) << "report has no table " << id;
    EXPECT_EQ(simdjson::minify(table), simdjson::minify(got)) << "table " << id;
    ++n;
  }
  // Every table but the definition tables D1 and D2, which the generator
  // does not plant (it knows no categories).
  EXPECT_EQ(n + 2, tables.get_object().size());
  EXPECT_GE(n, 22u);
  // D1's whole-run row of the definition in use counts the planted AI postings.
  uint64_t d1_default = 0;
  for (simdjson::dom::element row : tables["D1"]["rows"].get_array())
    if (std::string_view(row.at(0)) == "all" && std::string_view(row.at(1)) == "default") d1_default = uint64_t(row.at(4));
  EXPECT_EQ(d1_default, uint64_t(truth["ai_postings"]));
  EXPECT_EQ(uint64_t(summary["postings"]), uint64_t(truth["postings"]));
  EXPECT_EQ(uint64_t(summary["duplicates_removed"]), uint64_t(truth["duplicates_removed"]));
  EXPECT_EQ(uint64_t(summary["rows_read"]), 40000u);
  EXPECT_EQ(uint64_t(summary["rows_rejected"]), 0u);
  // The planted postings are real work for the pipeline: AI postings,
  // re-posts, unknown pay and cities, and traps of every kind.
  EXPECT_EQ(ColumnSum(tables, "F1", 1), uint64_t(truth["ai_postings"]));
  EXPECT_GT(uint64_t(truth["ai_postings"]), 1000u);
  EXPECT_GT(uint64_t(truth["duplicates_removed"]), 500u);
  EXPECT_GT(uint64_t(truth["salary_unknown"]), 500u);
  EXPECT_GT(uint64_t(truth["city_unknown"]), 10u);
  EXPECT_GE(truth["traps"].get_object().size(), 8u);
  for (auto [kind, count] : truth["traps"].get_object()) EXPECT_GT(uint64_t(count), 100u) << kind;
}

TEST(Gen, ReportRuleCountsEveryPostingWithAnAiTerm) {
  TempDir d;
  RunJobsift("gen -q -n 20000 --seed 3 -o " + d.File("g.csv") + " --truth " + d.File("truth.json"));
  RunJobsift("report -q --ai-rule report " + d.File("g.csv") + " -o " + d.File("out"));
  simdjson::dom::parser p1, p2;
  simdjson::dom::element truth = p1.load(d.File("truth.json"));
  simdjson::dom::element tables = p2.load(d.File("out/tables.json"));
  uint64_t report_rule = ColumnSum(tables, "F1", 1);
  EXPECT_EQ(report_rule, uint64_t(truth["report_rule_ai_postings"]));
  // The traps are what separates the two rules.
  EXPECT_GT(report_rule, 2 * uint64_t(truth["ai_postings"]));
}

TEST(Gen, JsonLinesAndCsvGiveTheSameReport) {
  TempDir d;
  RunJobsift("gen -q -n 5000 --seed 5 -o " + d.File("g.csv"));
  RunJobsift("gen -q -n 5000 --seed 5 -o " + d.File("g.jsonl"));
  RunJobsift("report -q " + d.File("g.csv") + " -o " + d.File("a"));
  RunJobsift("report -q " + d.File("g.jsonl") + " -o " + d.File("b"));
  EXPECT_EQ(ReadFile(d.File("a/tables.json")), ReadFile(d.File("b/tables.json")));
  std::string first_line = ReadFile(d.File("g.jsonl")).substr(0, 200);
  EXPECT_EQ(first_line.rfind("{\"id\":\"J0\",\"Date\":", 0), 0u) << first_line;
}

TEST(Gen, SameBytesForAnyThreadCountOtherBytesForAnotherSeed) {
  TempDir d;
  RunJobsift("gen -q -n 30000 -j 1 -o " + d.File("a.csv") + " --truth " + d.File("a.json"));
  RunJobsift("gen -q -n 30000 -j 2 -o " + d.File("b.csv") + " --truth " + d.File("b.json"));
  RunJobsift("gen -q -n 30000 -j 2 --seed 2 -o " + d.File("c.csv"));
  std::string a = ReadFile(d.File("a.csv"));
  EXPECT_GT(a.size(), 10'000'000u);
  EXPECT_EQ(a, ReadFile(d.File("b.csv")));
  EXPECT_EQ(ReadFile(d.File("a.json")), ReadFile(d.File("b.json")));
  EXPECT_NE(a, ReadFile(d.File("c.csv")));
  // Every row is distinct but for the planted re-posts.
  std::string out;
  ASSERT_EQ(RunCommand(kBin + " scan --json " + d.File("a.csv") + " 2>/dev/null", &out), 0);
  EXPECT_NE(out.find("\"rows_read\":30000"), std::string::npos) << out;
}

// Rows of a table as (first column, second column) -> third column (a
// count), for the rows whose `key_column` cell is `key`.
std::map<std::pair<std::string, std::string>, uint64_t> Cells(simdjson::dom::element tables, const char* id,
                                                              size_t key_column, std::string_view key) {
  std::map<std::pair<std::string, std::string>, uint64_t> out;
  for (simdjson::dom::element row : tables[id]["rows"].get_array()) {
    if (std::string_view(row.at(key_column).get_string()) != key) continue;
    std::string_view a = row.at(0).get_string(), b = row.at(1).get_string();
    out[{std::string(a), std::string(b)}] = uint64_t(row.at(2));
  }
  return out;
}

// A report for one city (or industry) holds exactly that city's slice of the
// whole report: F35–44's row of the city (industries within it) is the
// city report's F25–34 (each industry's share in that one city), and the
// other way round for an industry; F2's row of the city is unchanged.
TEST(Gen, CityAndIndustryReportsAreSlicesOfTheWholeReport) {
  TempDir d;
  RunJobsift("gen -q -n 30000 --seed 11 -o " + d.File("g.csv"));
  RunJobsift("report -q " + d.File("g.csv") + " --state " + d.File("s") + " -o " + d.File("all"));
  simdjson::dom::parser p1, p2, p3, p4, p5;
  simdjson::dom::element all = p1.load(d.File("all/tables.json"));
  std::string city(all["F2"]["rows"].at(0).at(0).get_string().value());
  std::string industry(all["F25-34"]["rows"].at(0).at(0).get_string().value());
  RunJobsift("merge " + d.File("s") + " --city " + city + " -o " + d.File("c"));
  RunJobsift("merge " + d.File("s") + " --industry " + industry + " -o " + d.File("i"));
  simdjson::dom::element c = p2.load(d.File("c/tables.json"));
  simdjson::dom::element i = p3.load(d.File("i/tables.json"));

  // F35–44 (city, industry, AI postings with) vs the city report's F25–34
  // (industry, city, …), both the city's top 10 industries.
  auto whole_city = Cells(all, "F35-44", 0, city);
  auto sliced_city = Cells(c, "F25-34", 1, city);
  ASSERT_EQ(whole_city.size(), 10u);
  ASSERT_EQ(sliced_city.size(), whole_city.size());
  for (const auto& [k, v] : whole_city) EXPECT_EQ(sliced_city[std::make_pair(k.second, k.first)], v) << k.second;
  auto whole_industry = Cells(all, "F25-34", 0, industry);
  auto sliced_industry = Cells(i, "F35-44", 1, industry);
  ASSERT_EQ(whole_industry.size(), 10u);
  ASSERT_EQ(sliced_industry.size(), whole_industry.size());
  for (const auto& [k, v] : whole_industry)
    EXPECT_EQ(sliced_industry[std::make_pair(k.second, k.first)], v) << k.second;

  // F2: the city's AI postings (column 1) and all postings (column 5).
  simdjson::dom::element whole_row = all["F2"]["rows"].at(0), city_row = c["F2"]["rows"].at(0);
  EXPECT_EQ(std::string_view(city_row.at(0).get_string()), city);
  EXPECT_EQ(c["F2"]["rows"].get_array().size(), 1u);
  for (size_t col : {1, 5})
    EXPECT_EQ(uint64_t(whole_row.at(col)), uint64_t(city_row.at(col)));
  EXPECT_EQ(std::string_view(c["F1"]["filter"]["city"].get_string()), city);

  // Every accepted posting is in the slice, a duplicate, or outside it.
  simdjson::dom::element whole_summary = p4.load(d.File("all/summary.json"));
  simdjson::dom::element city_summary = p5.load(d.File("c/summary.json"));
  EXPECT_EQ(uint64_t(city_summary["postings"]) + uint64_t(city_summary["duplicates_removed"]) +
                uint64_t(city_summary["postings_outside_filter"]),
            uint64_t(whole_summary["rows_accepted"]));
  EXPECT_GT(uint64_t(city_summary["postings_outside_filter"]), uint64_t(city_summary["postings"]));
}

TEST(Gen, UnwritableOutputIsAnErrorAndLeavesNothing) {
  TempDir d;
  std::string out;
  EXPECT_EQ(RunCommand(kBin + " gen -q -n 10 -o " + d.File("no/such/dir/g.csv") + " 2>&1", &out), 2);
  EXPECT_NE(out.find("cannot write"), std::string::npos) << out;
  EXPECT_EQ(RunCommand(kBin + " gen -q -n 100000 -o /dev/full 2>&1", &out), 2);
  EXPECT_NE(out.find("write failed"), std::string::npos) << out;
  // A disk that fills up (a 1 MiB file size limit): neither the file nor its
  // temporary is left.
  EXPECT_EQ(RunCommand("sh -c 'trap \"\" XFSZ; ulimit -f 1024; exec " + kBin + " gen -q -n 100000 -o " +
                           d.File("g.csv") + "' 2>&1",
                       &out),
            2);
  EXPECT_NE(out.find("write failed"), std::string::npos) << out;
  EXPECT_TRUE(std::filesystem::is_empty(d.path())) << "a failed gen left files behind";
}

// The calibration: at 1M rows the planted shares are SPEC §3's published
// figures within half a percentage point (the truth's tables are what the
// report shows, by the first test).
TEST(Gen, PlantedSharesArePublishedFiguresAtOneMillionRows) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "1M rows: run in the Release suite";
#endif
  TempDir d;
  RunJobsift("gen -q -n 1000000 -o /dev/null --truth " + d.File("truth.json"));
  // Written to as it is, never replaced by a renamed temporary file.
  EXPECT_TRUE(std::filesystem::is_character_file("/dev/null"));
  simdjson::dom::parser parser;
  simdjson::dom::element tables = parser.load(d.File("truth.json"))["tables"];
  std::ifstream in(std::string(JOBSIFT_SOURCE_DIR) + "/data/gen/published.tsv");
  std::string line;
  size_t checked = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, '\t');) f.push_back(x);
    ASSERT_GE(f.size(), 4u) << line;
    std::vector<std::string> key;
    std::stringstream ks(f[1]);
    for (std::string x; std::getline(ks, x, '|');) key.push_back(x);
    simdjson::dom::element table = tables[f[0]];
    size_t column = 0;
    bool found_column = false;
    for (simdjson::dom::element c : table["columns"].get_array()) {
      if (std::string_view(c["key"]) == f[2]) {
        found_column = true;
        break;
      }
      ++column;
    }
    ASSERT_TRUE(found_column) << line;
    bool found = false;
    for (simdjson::dom::element row : table["rows"].get_array()) {
      bool match = true;
      for (size_t k = 0; k < key.size(); ++k) match &= std::string_view(row.at(k)) == key[k];
      if (!match) continue;
      found = true;
      double got = double(row.at(column));
      EXPECT_NEAR(got, std::stod(f[3]), 0.5) << line;
      break;
    }
    EXPECT_TRUE(found) << "no row for " << line;
    ++checked;
  }
  EXPECT_GE(checked, 90u);
}

}  // namespace
}  // namespace jobsift

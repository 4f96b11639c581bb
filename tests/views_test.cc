// Views of loaded states (jobsift/views.h): each must count what `jobsift
// merge` counts for the same postings. With a city or an industry, a view's
// tables are merge --city/--industry's byte for byte; the other filters are
// checked against what the full report says of the same postings.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "jobsift/report.h"
#include "jobsift/views.h"
#include "test_util.h"

namespace jobsift {
namespace {

using testing::QuietConsole;
using testing::ReadFile;
using testing::RunCommand;
using testing::TempDir;
using testing::WriteFile;

// Two states over generated postings, the second repeating some of the
// first's: re-posts only a deduplication over both finds.
class ViewsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    std::string all = dir_->File("all.jsonl");
    std::string out;
    ASSERT_EQ(RunCommand(std::string(JOBSIFT_BINARY) + " gen --rows 8000 --seed 5 -q -o " + all, &out), 0);
    std::string text = ReadFile(all);
    std::vector<std::string> lines;
    for (size_t at = 0; at < text.size();) {
      size_t nl = text.find('\n', at);
      lines.push_back(text.substr(at, nl - at + 1));
      at = nl + 1;
    }
    std::string a, b;
    for (size_t i = 0; i < lines.size(); ++i) (i < lines.size() / 2 ? a : b) += lines[i];
    for (size_t i = 0; i < lines.size() / 2; i += 9) b += lines[i];
    states_ = new std::vector<std::string>();
    for (const auto& [name, body] : {std::pair{"a", a}, std::pair{"b", b}}) {
      std::string in = dir_->File(std::string(name) + ".jsonl"), state = dir_->File(std::string(name) + ".state");
      WriteFile(in, body);
      ASSERT_EQ(RunCommand(std::string(JOBSIFT_BINARY) + " report -q " + in + " -o " + dir_->File(name) +
                               " --state " + state, &out), 0) << out;
      states_->push_back(state);
    }
    QuietConsole console;
    auto run = LoadedRun::Load(RunOptions{}, *states_, console);
    ASSERT_TRUE(run.ok()) << run.status().message();
    run_ = new LoadedRun(*run);
  }
  static void TearDownTestSuite() {
    delete run_;
    delete states_;
    delete dir_;
  }

  // merge's report of the states, with `run`'s city / industry filter.
  static ReportResult Merged(const RunOptions& run) {
    QuietConsole console;
    MergeRequest m;
    m.states = *states_;
    auto r = MergeReports(run, m, console);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return *r;
  }
  static ReportResult View(const ViewFilter& f) {
    auto r = run_->View(f);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return *r;
  }

  static TempDir* dir_;
  static std::vector<std::string>* states_;
  static LoadedRun* run_;
};
TempDir* ViewsTest::dir_ = nullptr;
std::vector<std::string>* ViewsTest::states_ = nullptr;
LoadedRun* ViewsTest::run_ = nullptr;

TEST_F(ViewsTest, TheWholeViewIsTheMerge) {
  ReportResult merged = Merged(RunOptions{});
  ReportResult view = View({});
  EXPECT_EQ(view.TablesJson(), merged.TablesJson());
  EXPECT_EQ(view.SummaryJson(), merged.SummaryJson());
  EXPECT_GT(run_->duplicates(), 400u) << "the second state repeats a ninth of the first's postings";
  EXPECT_EQ(view.duplicates(), merged.duplicates());
  EXPECT_EQ(run_->postings(), view.postings() + view.duplicates());
}

// Counted on several threads, a view is the same, byte for byte.
TEST_F(ViewsTest, TheSameForAnyThreadCount) {
  ViewFilter one, three;
  three.threads = 3;
  EXPECT_EQ(View(one).TablesJson(), View(three).TablesJson());
  EXPECT_EQ(View(one).SummaryJson(), View(three).SummaryJson());
  one.city = three.city = run_->Values("city")[0];
  one.definition = three.definition = "core";
  one.from = three.from = run_->Values("quarter")[1];
  EXPECT_EQ(View(one).TablesJson(), View(three).TablesJson());
  EXPECT_EQ(View(one).outside_filter(), View(three).outside_filter());
}

TEST_F(ViewsTest, ACityOrIndustryViewIsMergeWithThatFilter) {
  const auto& cities = run_->Values("city");
  const auto& industries = run_->Values("industry");
  ASSERT_GE(cities.size(), 3u);
  ASSERT_GE(industries.size(), 3u);
  for (const std::string& city : {cities[0], cities[2]}) {
    RunOptions r;
    r.city = city;
    ViewFilter f;
    f.city = city;
    ReportResult view = View(f), merged = Merged(r);
    EXPECT_EQ(view.TablesJson(), merged.TablesJson()) << city;
    EXPECT_EQ(view.postings(), merged.postings()) << city;
    EXPECT_EQ(view.duplicates(), merged.duplicates()) << city;
    EXPECT_EQ(view.outside_filter(), merged.outside_filter()) << city;
  }
  RunOptions r;
  r.city = cities[1];
  r.industry = industries[0];
  ViewFilter f;
  f.city = cities[1];
  f.industry = industries[0];
  EXPECT_EQ(View(f).TablesJson(), Merged(r).TablesJson());
}

// Each value of a dimension keeps its own postings: the views of all values
// add up to the whole, less the postings whose value is unknown.
TEST_F(ViewsTest, ViewsOfEveryValuePartitionThePostings) {
  const uint64_t all = View({}).postings();
  for (const char* facet : {"degree", "size", "experience", "province", "tier"}) {
    uint64_t sum = 0;
    for (const std::string& v : run_->Values(facet)) {
      ViewFilter f;
      std::map<std::string, std::string*> field = {{"degree", &f.degree},
                                                   {"size", &f.size},
                                                   {"experience", &f.experience},
                                                   {"province", &f.province},
                                                   {"tier", &f.tier}};
      *field[facet] = v;
      ReportResult r = View(f);
      EXPECT_GT(r.postings(), 0u) << facet << "=" << v << ": listed, so some posting has it";
      sum += r.postings();
    }
    EXPECT_LE(sum, all) << facet;
    EXPECT_GT(sum, all / 2) << facet << ": most generated postings have a known " << facet;
  }
}

// A one-quarter view holds the postings the full report's F1 counts for
// that quarter.
TEST_F(ViewsTest, AQuarterViewHoldsThatQuartersPostings) {
  ReportResult whole = View({});
  const AnalysisTable* f1 = whole.Find("F1");
  ASSERT_NE(f1, nullptr);
  size_t quarter_col = 0, all_col = 0;
  for (size_t i = 0; i < f1->columns.size(); ++i) {
    if (f1->columns[i].key == "quarter") quarter_col = i;
    if (f1->columns[i].key == "all_postings") all_col = i;
  }
  ASSERT_GT(all_col, 0u);
  ASSERT_GE(f1->rows.size(), 4u);
  for (const auto& row : {f1->rows.front(), f1->rows.back()}) {
    ViewFilter f;
    f.from = f.to = std::get<std::string>(row[quarter_col]);
    EXPECT_EQ(static_cast<int64_t>(View(f).postings()), std::get<int64_t>(row[all_col])) << f.from;
  }
}

// Another definition re-flags the postings: core (builders) is narrower
// than the states' default, so it has fewer AI postings.
TEST_F(ViewsTest, ANarrowerDefinitionFlagsFewerPostings) {
  ViewFilter core;
  core.definition = "core";
  ReportResult narrow = View(core), own = View({});  // Find's tables live as long as these
  ASSERT_NE(narrow.Find("F1"), nullptr);
  EXPECT_LT(narrow.Find("F1")->n, own.Find("F1")->n);
  EXPECT_GT(narrow.Find("F1")->n, 0u);
  EXPECT_EQ(narrow.postings(), own.postings()) << "a definition changes the flag, not the postings";
  bool broad_refused = false;
  for (const LoadedRun::Definition& d : run_->definitions())
    if (d.name == "broad") {
      broad_refused = !d.available;
      if (!d.available) EXPECT_NE(d.why.find("--ai-definition broad"), std::string::npos) << d.why;
    }
  EXPECT_TRUE(broad_refused) << "broad flags data work the default states hold no skills for";
}

TEST_F(ViewsTest, BadFiltersAreNamedErrors) {
  auto expect_error = [](ViewFilter f, const std::string& says) {
    auto r = run_->View(f);
    ASSERT_FALSE(r.ok()) << says;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find(says), std::string::npos) << r.status().message();
  };
  ViewFilter f;
  f.city = "亚特兰蒂斯";
  expect_error(f, "city: no posting has '亚特兰蒂斯'");
  f = {};
  f.from = "2024-1";
  expect_error(f, "from: a quarter such as 2024Q1");
  f = {};
  f.from = "2024Q2";
  f.to = "2023Q1";
  expect_error(f, "is after");
  f = {};
  f.definition = "nonsense";
  expect_error(f, "definition: no definition 'nonsense'");
  f = {};
  f.tables.half = "1999H1";
  expect_error(f, "half: no posting is dated in '1999H1'");
  EXPECT_TRUE(run_->Values("nonsense").empty());
}

TEST_F(ViewsTest, TablesAsFiles) {
  ReportResult r = View({});
  auto csv = r.TableCsv("F1");
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(csv->rfind("\xEF\xBB\xBF", 0), 0u) << "CSV starts with the BOM";
  auto xlsx = r.TableXlsx("F2");
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().message();
  EXPECT_EQ(xlsx->rfind("PK", 0), 0u);
  EXPECT_FALSE(r.TableCsv("F99").ok());
  EXPECT_FALSE(r.TableXlsx("../etc").ok());
}

}  // namespace
}  // namespace jobsift

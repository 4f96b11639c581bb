// Runs the real binary: exit codes, JSON output, messages.
#include <gtest/gtest.h>

#include "test_util.h"

namespace jobsift {
namespace {

using testing::RunCommand;
using testing::TempDir;
using testing::WriteFile;

const std::string kBin = JOBSIFT_BINARY;

TEST(Cli, ExitCodesTellSuccessRejectsAndFailure) {
  TempDir d;
  WriteFile(d.File("good.csv"), "职位,城市\n工程师,北京\n");
  WriteFile(d.File("bad.csv"), "职位,城市\n工程师,北京\n多,了,一列\n");
  std::string out;
  EXPECT_EQ(RunCommand(kBin + " scan -q " + d.File("good.csv"), &out), 0);
  EXPECT_NE(out.find("rows read 1 = accepted 1 + rejected 0"), std::string::npos) << out;
  EXPECT_EQ(RunCommand(kBin + " scan -q " + d.File("bad.csv"), &out), 1);
  EXPECT_NE(out.find("rejected field_count"), std::string::npos) << out;
  EXPECT_EQ(RunCommand(kBin + " scan -q " + d.File("missing.csv") + " 2>&1", &out), 2);
  EXPECT_NE(out.find("missing.csv"), std::string::npos) << out;
  EXPECT_EQ(RunCommand(kBin + " scan --no-such-flag x 2>/dev/null", &out), 2);
}

TEST(Cli, JsonSummaryIsStableAcrossThreadCounts) {
  TempDir d;
  std::string csv = "职位名称,城市,薪资\n";
  for (int i = 0; i < 5000; ++i) csv += "工程师" + std::to_string(i) + ",北京," + std::to_string(i % 30) + "K\n";
  WriteFile(d.File("a.csv"), csv);
  std::string one, two;
  EXPECT_EQ(RunCommand(kBin + " scan -q --json --threads 1 " + d.File("a.csv"), &one), 0);
  EXPECT_EQ(RunCommand(kBin + " scan -q --json --threads 2 " + d.File("a.csv"), &two), 0);
  EXPECT_EQ(one, two);
  EXPECT_NE(one.find("\"rows_read\":5000"), std::string::npos);
  EXPECT_NE(one.find("\"position\":{\"column\":1,\"header\":\"职位名称\""), std::string::npos) << one;
}

TEST(Cli, StdinIsReadWithDash) {
  std::string out;
  EXPECT_EQ(RunCommand("printf '职位,城市\\n工程师,北京\\n' | " + kBin + " scan -q --json -", &out), 0);
  EXPECT_NE(out.find("\"rows_accepted\":1"), std::string::npos) << out;
}

TEST(Cli, ConfigMapsColumnsAndRejectsUnknownKeys) {
  TempDir d;
  WriteFile(d.File("x.csv"), "标题,待遇\n工程师,1万\n");
  WriteFile(d.File("c.toml"), "[columns]\nposition = \"标题\"\nsalary = \"待遇\"\n");
  WriteFile(d.File("bad.toml"), "[columns]\npositon = \"标题\"\n");
  std::string out;
  EXPECT_EQ(RunCommand(kBin + " scan -q --json --config " + d.File("c.toml") + " " + d.File("x.csv"), &out), 0);
  EXPECT_NE(out.find("\"salary\":{\"column\":2"), std::string::npos) << out;
  EXPECT_EQ(RunCommand(kBin + " scan -q --config " + d.File("bad.toml") + " " + d.File("x.csv") + " 2>&1", &out), 2);
  EXPECT_NE(out.find("unknown key 'columns.positon'"), std::string::npos) << out;
}

}  // namespace
}  // namespace jobsift

namespace jobsift {
namespace {

TEST(Cli, ProfileListsUnparsedValuesWithCounts) {
  testing::TempDir d;
  testing::WriteFile(d.File("p.csv"),
                     "职位,薪资,城市,发布日期\n"
                     "a,1.2-2.2万,北京,2024-01-05\n"
                     "b,面议,上海市,04-20\n"
                     "c,看能力,深圳·南山区,2024/3/1\n"
                     "d,看能力,火星,2024年3月1日\n");
  std::string out;
  EXPECT_EQ(testing::RunCommand(kBin + " profile -q --json " + d.File("p.csv"), &out), 0);
  EXPECT_NE(out.find("\"salary\":{\"non_empty\":4,\"parsed\":1,\"parse_rate\":0.333333"), std::string::npos) << out;
  EXPECT_NE(out.find("{\"value\":\"看能力\",\"count\":2,\"reason\":\"unparseable\"}"), std::string::npos) << out;
  EXPECT_NE(out.find("{\"value\":\"04-20\",\"count\":1,\"reason\":\"needs_reference\"}"), std::string::npos) << out;
  EXPECT_NE(out.find("{\"value\":\"火星\",\"count\":1,\"reason\":\"unparseable\"}"), std::string::npos) << out;
  // With a reference date the year-less date resolves.
  EXPECT_EQ(testing::RunCommand(kBin + " profile -q --json --reference-date 2024-06-30 " + d.File("p.csv"), &out), 0);
  EXPECT_NE(out.find("\"date\":{\"non_empty\":4,\"parsed\":4"), std::string::npos) << out;
  EXPECT_EQ(testing::RunCommand(kBin + " profile -q --reference-date someday " + d.File("p.csv") + " 2>&1", &out), 2);
}

}  // namespace
}  // namespace jobsift

// Clean failure through the real binary: a run that is interrupted or
// cannot write its output says so, exits 2 and leaves nothing that looks
// like a complete result; a state file that is not one jobsift wrote is an
// error naming it, never numbers.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "aggregate/state.h"
#include "test_util.h"

namespace jobsift {
namespace {

using testing::ReadFile;
using testing::RunCommand;
using testing::TempDir;
using testing::WriteFile;

const std::string kBin = JOBSIFT_BINARY;
const std::string kLexicon = "# group: 深度学习\n# category: ai\n# belongs: x\n# left out: y\n深度学习\n";

std::string Postings(int n) {
  std::string csv = "职位名称,公司名称,城市,薪资,发布日期,职位描述\n";
  for (int i = 0; i < n; ++i)
    csv += "深度学习工程师" + std::to_string(i) + ",甲,北京,20-30K,2024-01-10,负责深度学习\n";
  return csv;
}

// Every file under `dir` whose name ends in .tmp.
std::vector<std::string> TempFiles(const std::string& dir) {
  std::vector<std::string> found;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.path().extension() == ".tmp") found.push_back(e.path().string());
  return found;
}

// Starts jobsift with `args`, its stdin a pipe fed with `input` and then
// kept open (a slow producer), sends `sig` after `delay`, and returns the
// exit code and how long it took to stop after the signal.
struct Stopped {
  int code = -1;
  double seconds = 0;
  std::string err;
};
Stopped InterruptWhileReading(const TempDir& d, const std::vector<std::string>& args, const std::string& input,
                              int sig) {
  int in[2];
  EXPECT_EQ(pipe(in), 0);
  std::string err_path = d.File("stderr");
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], 0);
    close(in[1]);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(err, 2);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    std::vector<char*> argv{const_cast<char*>(kBin.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(kBin.c_str(), argv.data());
    _exit(127);
  }
  close(in[0]);
  EXPECT_EQ(write(in[1], input.data(), input.size()), static_cast<ssize_t>(input.size()));
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  auto start = std::chrono::steady_clock::now();
  kill(pid, sig);
  Stopped s;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() - start > std::chrono::seconds(20)) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      ADD_FAILURE() << "still running 20 s after the signal";
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  close(in[1]);
  s.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  s.err = ReadFile(err_path);
  return s;
}

TEST(CleanFailure, SigtermStopsAReportPromptlyAndLeavesNoCompleteLookingOutput) {
  TempDir d;
  WriteFile(d.File("lex/ai/core.tsv"), kLexicon);
  WriteFile(d.File("p.csv"), Postings(20));
  std::string out = d.File("out");
  // A complete report from an earlier run sits in the folder.
  ASSERT_EQ(RunCommand(kBin + " report -q --lexicon-set " + d.File("lex") + " -o " + out + " " + d.File("p.csv"), nullptr),
            0);
  ASSERT_TRUE(std::filesystem::exists(out + "/summary.json"));
  Stopped s = InterruptWhileReading(d, {"report", "-q", "--lexicon-set", d.File("lex"), "-o", out, "-"}, Postings(20),
                                    SIGTERM);
  EXPECT_EQ(s.code, 2) << s.err;
  EXPECT_LT(s.seconds, 5.0);
  EXPECT_NE(s.err.find("interrupted"), std::string::npos) << s.err;
  EXPECT_NE(s.err.find("no report written"), std::string::npos) << s.err;
  // Without summary.json the folder does not claim to hold a report.
  EXPECT_FALSE(std::filesystem::exists(out + "/summary.json"));
  EXPECT_TRUE(TempFiles(out).empty());
}

TEST(CleanFailure, SigintStopsAScanAndAnAnnotateWaitingOnAPipe) {
  TempDir d;
  Stopped s = InterruptWhileReading(d, {"scan", "-q", "-"}, Postings(5), SIGINT);
  EXPECT_EQ(s.code, 2) << s.err;
  EXPECT_LT(s.seconds, 5.0);
  EXPECT_NE(s.err.find("interrupted"), std::string::npos) << s.err;
  s = InterruptWhileReading(d, {"annotate", "-q", "-o", d.File("a.jsonl"), "-"}, Postings(5), SIGINT);
  EXPECT_EQ(s.code, 2) << s.err;
  EXPECT_FALSE(std::filesystem::exists(d.File("a.jsonl")));
  EXPECT_TRUE(TempFiles(d.path()).empty());
}

TEST(CleanFailure, WriteErrorsAreReportedWithExitTwo) {
  TempDir d;
  WriteFile(d.File("lex/ai/core.tsv"), kLexicon);
  WriteFile(d.File("p.csv"), Postings(3));
  WriteFile(d.File("bad.csv"), Postings(3) + "a,b\n");
  std::string out;
  EXPECT_EQ(RunCommand(kBin + " scan -q " + d.File("p.csv") + " 2>&1 >/dev/full", &out), 2);
  EXPECT_NE(out.find("cannot write output"), std::string::npos) << out;
  EXPECT_EQ(RunCommand(kBin + " annotate -q --lexicon-set " + d.File("lex") + " -o - " + d.File("p.csv") +
                           " 2>&1 >/dev/full",
                       &out),
            2);
  EXPECT_NE(out.find("write failed"), std::string::npos) << out;
  EXPECT_EQ(RunCommand(kBin + " scan -q --rejects /dev/full " + d.File("bad.csv") + " 2>&1 >/dev/null", &out), 2);
  EXPECT_NE(out.find("/dev/full: write failed"), std::string::npos) << out;
  // A disk that fills up under report (a 1 KiB file size limit): the error
  // names the file, and neither a summary nor a temporary file is left.
  std::string report = kBin + " report -q --lexicon-set " + d.File("lex") + " -o " + d.File("out") + " " + d.File("p.csv");
  EXPECT_EQ(RunCommand("sh -c 'trap \"\" XFSZ; ulimit -f 1; exec " + report + "' 2>&1", &out), 2);
  EXPECT_NE(out.find("write failed"), std::string::npos) << out;
  EXPECT_FALSE(std::filesystem::exists(d.File("out/summary.json")));
  EXPECT_TRUE(TempFiles(d.File("out")).empty());
  // The same run with room to write succeeds.
  EXPECT_EQ(RunCommand(report, nullptr), 0);
  EXPECT_TRUE(std::filesystem::exists(d.File("out/summary.json")));
}

TEST(CleanFailure, ForeignTruncatedOrCorruptStateIsAnErrorNeverNumbers) {
  TempDir d;
  WriteFile(d.File("lex/ai/core.tsv"), kLexicon);
  WriteFile(d.File("p.csv"), Postings(30));
  ASSERT_EQ(RunCommand(kBin + " report -q --lexicon-set " + d.File("lex") + " --state " + d.File("s") + " -o " +
                           d.File("out") + " " + d.File("p.csv"),
                       nullptr),
            0);
  std::string good = ReadFile(d.File("s"));
  ASSERT_GT(good.size(), 200u);
  std::string other_version = good;
  other_version[14] = 2;  // a file from an older version (this jobsift writes kStateVersion)
  std::string flipped = good;
  flipped[good.size() / 3] ^= 0x20;
  std::string checksum = good;
  checksum.back() ^= 0x01;
  const std::pair<std::string, std::string> cases[] = {
      {"", "no jobsift state header"},
      {Postings(2), "no jobsift state header"},
      {other_version, "state file version 2, this jobsift reads version " + std::to_string(kStateVersion)},
      {good.substr(0, 20), "truncated"},
      {good.substr(0, good.size() - 3), "truncated"},
      {flipped, "not a usable state file"},
      {checksum, "checksum mismatch"},
      {good + "x", "trailing bytes"},
  };
  int i = 0;
  for (const auto& [bytes, message] : cases) {
    std::string path = d.File("state" + std::to_string(i++));
    WriteFile(path, bytes);
    std::string out;
    EXPECT_EQ(RunCommand(kBin + " merge --lexicon-set " + d.File("lex") + " -o " + d.File("m") + " " + d.File("s") + " " +
                             path + " 2>&1",
                         &out),
              2)
        << message;
    EXPECT_NE(out.find(path + ": "), std::string::npos) << out;
    EXPECT_NE(out.find(message), std::string::npos) << out;
    EXPECT_FALSE(std::filesystem::exists(d.File("m/summary.json"))) << message;
    EXPECT_FALSE(std::filesystem::exists(d.File("m/tables.json"))) << message;
  }
  // The good state alone merges.
  EXPECT_EQ(RunCommand(kBin + " merge --lexicon-set " + d.File("lex") + " -o " + d.File("m") + " " + d.File("s"), nullptr), 0);
}

}  // namespace
}  // namespace jobsift

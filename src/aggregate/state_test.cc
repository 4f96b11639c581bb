// State files (aggregate/state.h): what StateWriter writes, CheckState reads
// back with the same StateInfo and record count, and ReplayState gives the
// same contributions in input order; a scratch state replays from its writer.
// A state that is damaged (a byte flipped, cut short), of another version or
// not a state at all is an error that names the file, never numbers; a
// writer dropped before Finish leaves neither the file nor its temporary.
#include "aggregate/state.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../../tests/test_util.h"

namespace jobsift {
namespace {

using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

std::vector<Contribution> SomeContributions() {
  std::vector<Contribution> v(3);
  v[0].dim = {"2024Q1", "北京", "互联网", "本科", "100-499人", "3-5年"};
  v[0].ai = true;
  v[0].has_salary = true;
  v[0].annual = 360000;
  v[0].fingerprint = 0x1234567890abcdefULL;
  v[0].category = AiCategory::kBuilder;
  v[0].any_ai_term = true;
  v[0].date_source = DateSource::kPublished;
  v[0].groups = {"hard|技术技能|编程语言", "hard|技术技能|"};
  v[0].ai_terms = {"大模型", "PyTorch"};
  v[1].dim = {"2024Q2", "杭州", "", "", "", ""};
  v[1].reasons[static_cast<size_t>(DerivedField::kSalary)] = Unknown::kNegotiable;
  v[1].date_source = DateSource::kFirstSeen;
  v[2].dim = {"", "上海", "教育", "硕士", "", "不限"};
  v[2].category = AiCategory::kEducation;
  v[2].any_ai_term = true;
  return v;
}

StateInfo SomeInfo() {
  StateInfo info;
  info.read.rows_read = 5;
  info.read.rows_accepted = 3;
  info.read.rejected[1] = 2;
  info.read.rows_utf8_repaired = 1;
  info.read.non_empty[static_cast<size_t>(Field::kCity)] = 3;
  info.lexicon_checksum = "abc123";
  info.ai = {"default", "B+A", "rules", ""};
  info.dedup = "exact";
  info.salary.work_days_per_month = 22;
  info.salary.reread_small_numbers = false;
  info.notes.files = 1;
  info.notes.rows = 5;
  info.notes.no_column.push_back({Field::kBenefits, {"a.csv"}, 5, {{"备注", "无"}}});
  info.notes.skipped_columns.push_back({"companies.csv", Field::kCompanyIndus, "所属行业"});
  info.notes.by_content.push_back({"a.csv", Field::kCity, "#3", "5 of 5 sampled cells read as a city"});
  info.notes.skipped = {"companies.csv: no postings"};
  return info;
}

// Every field of a contribution, as text.
std::string Describe(const Contribution& c) {
  std::string s;
  for (const std::string& d : c.dim) s += d + "|";
  s += std::to_string(c.ai) + std::to_string(c.has_salary) + std::to_string(c.any_ai_term) + "|" +
       std::to_string(c.annual) + "|" + std::to_string(c.fingerprint) + "|" +
       std::to_string(static_cast<int>(c.category)) + "|" + std::to_string(static_cast<int>(c.date_source)) + "|";
  for (Unknown u : c.reasons) s += std::to_string(static_cast<int>(u));
  for (const std::string& g : c.groups) s += "|g:" + g;
  for (const std::string& t : c.ai_terms) s += "|t:" + t;
  return s;
}

std::vector<std::string> DescribeAll(const std::vector<Contribution>& v) {
  std::vector<std::string> out;
  for (const Contribution& c : v) out.push_back(Describe(c));
  return out;
}

// Writes SomeContributions() and SomeInfo() to `path`.
void WriteState(const std::string& path) {
  auto w = StateWriter::Open(path);
  ASSERT_TRUE(w.ok()) << w.status().message();
  for (const Contribution& c : SomeContributions()) (*w)->Add(c.View());
  EXPECT_FALSE(std::filesystem::exists(path));  // not before Finish
  Status st = (*w)->Finish(SomeInfo());
  ASSERT_TRUE(st.ok()) << st.message();
}

TEST(StateFile, WrittenStateReadsBackTheSameInfoAndContributionsInOrder) {
  TempDir d;
  std::string path = d.File("run.state");
  WriteState(path);
  auto info = CheckState(path);
  ASSERT_TRUE(info.ok()) << info.status().message();
  StateInfo want = SomeInfo();
  EXPECT_EQ(info->records, 3u);
  EXPECT_EQ(info->read.rows_read, 5u);
  EXPECT_EQ(info->read.rows_accepted, 3u);
  EXPECT_EQ(info->read.rejected, want.read.rejected);
  EXPECT_EQ(info->read.rows_utf8_repaired, 1u);
  EXPECT_EQ(info->read.non_empty, want.read.non_empty);
  EXPECT_EQ(info->lexicon_checksum, "abc123");
  EXPECT_EQ(info->ai, want.ai);
  EXPECT_EQ(info->dedup, "exact");
  EXPECT_EQ(info->salary.work_days_per_month, 22.0);
  EXPECT_EQ(info->salary.max_monthly, want.salary.max_monthly);
  EXPECT_FALSE(info->salary.reread_small_numbers);
  EXPECT_EQ(info->notes, want.notes);

  std::vector<Contribution> got;
  Status st = ReplayState(path, [&](const Contribution& c) { got.push_back(c); });
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(DescribeAll(got), DescribeAll(SomeContributions()));
}

TEST(StateFile, RecordsReadByOffsetInAnyOrderAreTheRecordsWritten) {
  // Enough records to span several of the reader's windows, and one record
  // (a posting with 40,000 groups, ~1.5 MB) longer than a window. Read
  // one by one, a record meets the end of a window grown for an earlier
  // one (4 MB, after the long record) before the file ends.
  std::vector<Contribution> all;
  for (int i = 0; i < 60000; ++i) {
    Contribution c = SomeContributions()[static_cast<size_t>(i % 3)];
    c.fingerprint = static_cast<uint64_t>(i) + 1;
    c.annual = static_cast<uint64_t>(i) * 1000;
    all.push_back(c);
  }
  for (int g = 0; g < 40000; ++g) all[3000].groups.push_back("hard|技术技能|组" + std::to_string(g));
  TempDir d;
  std::string path = d.File("run.state");
  std::vector<uint64_t> offsets;
  {
    auto w = StateWriter::Open(path);
    ASSERT_TRUE(w.ok()) << w.status().message();
    for (const Contribution& c : all) {
      offsets.push_back((*w)->offset());
      (*w)->Add(c.View());
    }
    ASSERT_TRUE((*w)->Finish(SomeInfo()).ok());
  }
  std::vector<size_t> every, ascending, descending, scattered;
  for (size_t i = 0; i < all.size(); ++i) every.push_back(i);
  for (size_t i = 0; i < all.size(); i += 7) ascending.push_back(i);
  ascending.push_back(3000);
  for (size_t i = all.size(); i-- > 0;)
    if (i % 11 == 0 || i == 2999 || i == 3000 || i == 3001) descending.push_back(i);
  for (size_t i = 0; i < all.size(); ++i) scattered.push_back((i * 2654435761u) % all.size());
  for (const auto& order : {every, ascending, descending, scattered}) {
    auto reader = StateRecordReader::Open(path);
    ASSERT_TRUE(reader.ok()) << reader.status().message();
    for (size_t i : order) {
      Contribution c;
      Status st = (*reader)->ReadAt(offsets[i], &c);
      ASSERT_TRUE(st.ok()) << "record " << i << ": " << st.message();
      ASSERT_EQ(Describe(c), Describe(all[i])) << "record " << i;
    }
  }
  // An offset inside a record, and a file cut inside the long record, are
  // errors naming the file; the records before the cut still read.
  auto reader = StateRecordReader::Open(path);
  ASSERT_TRUE(reader.ok());
  Contribution c;
  Status inside = (*reader)->ReadAt(offsets[5] + 3, &c);
  ASSERT_FALSE(inside.ok());
  EXPECT_NE(inside.message().find(path), std::string::npos) << inside.message();
  WriteFile(path, ReadFile(path).substr(0, offsets[3000] + 700000));
  reader = StateRecordReader::Open(path);
  ASSERT_TRUE(reader.ok());
  ASSERT_TRUE((*reader)->ReadAt(offsets[2999], &c).ok());
  Status cut = (*reader)->ReadAt(offsets[3000], &c);
  ASSERT_FALSE(cut.ok());
  EXPECT_NE(cut.message().find("truncated record"), std::string::npos) << cut.message();
}

TEST(StateFile, ScratchStateReplaysFromItsWriter) {
  TempDir d;
  auto w = StateWriter::OpenScratch(d.path());
  ASSERT_TRUE(w.ok()) << w.status().message();
  for (const Contribution& c : SomeContributions()) (*w)->Add(c.View());
  ASSERT_TRUE((*w)->Finish(SomeInfo()).ok());
  std::vector<Contribution> got;
  Status st = (*w)->Replay([&](const Contribution& c) { got.push_back(c); });
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(DescribeAll(got), DescribeAll(SomeContributions()));
  // A state file (not scratch) is not replayed from its writer.
  auto file = StateWriter::Open(d.File("x.state"));
  ASSERT_TRUE(file.ok());
  EXPECT_FALSE((*file)->Replay([](const Contribution&) {}).ok());
}

TEST(StateFile, AFlippedByteIsRefusedNamingTheFile) {
  TempDir d;
  std::string path = d.File("run.state");
  WriteState(path);
  std::string bytes = ReadFile(path);
  size_t at = bytes.find("杭州");  // the middle record's city
  ASSERT_NE(at, std::string::npos);
  bytes[at + 1] ^= 0x01;
  WriteFile(path, bytes);
  auto info = CheckState(path);
  ASSERT_FALSE(info.ok());
  EXPECT_NE(info.status().message().find(path), std::string::npos) << info.status().message();
  EXPECT_NE(info.status().message().find("checksum"), std::string::npos) << info.status().message();
  // Replaying it fails too, if only at its end.
  EXPECT_FALSE(ReplayState(path, [](const Contribution&) {}).ok());
}

TEST(StateFile, ATruncatedFileIsRefused) {
  TempDir d;
  std::string path = d.File("run.state");
  WriteState(path);
  std::string bytes = ReadFile(path);
  for (size_t keep : {bytes.size() - 1, bytes.size() / 2, size_t{20}}) {
    WriteFile(path, bytes.substr(0, keep));
    auto info = CheckState(path);
    ASSERT_FALSE(info.ok()) << "kept " << keep << " bytes";
    EXPECT_NE(info.status().message().find(path), std::string::npos) << info.status().message();
  }
  // Bytes after the end are refused as well.
  WriteFile(path, bytes + "x");
  EXPECT_FALSE(CheckState(path).ok());
}

TEST(StateFile, AFileThatIsNotAStateIsRefused) {
  TempDir d;
  std::string csv = d.File("postings.csv");
  WriteFile(csv, "职位名称,城市\n算法工程师,北京\n");
  auto info = CheckState(csv);
  ASSERT_FALSE(info.ok());
  EXPECT_NE(info.status().message().find(csv), std::string::npos) << info.status().message();
  WriteFile(d.File("empty.state"), "");
  EXPECT_FALSE(CheckState(d.File("empty.state")).ok());
  EXPECT_FALSE(CheckState(d.File("missing.state")).ok());
}

TEST(StateFile, AnotherVersionIsRefusedSayingWhichVersions) {
  TempDir d;
  std::string path = d.File("run.state");
  WriteState(path);
  std::string bytes = ReadFile(path);
  const size_t version_at = std::string("JOBSIFT-STATE\n").size();  // little-endian u64 after the magic
  ASSERT_EQ(static_cast<uint32_t>(static_cast<unsigned char>(bytes[version_at])), kStateVersion);
  bytes[version_at] = static_cast<char>(kStateVersion - 1);
  WriteFile(path, bytes);
  auto info = CheckState(path);
  ASSERT_FALSE(info.ok());
  const std::string& m = info.status().message();
  EXPECT_NE(m.find(path), std::string::npos) << m;
  EXPECT_NE(m.find("version " + std::to_string(kStateVersion - 1)), std::string::npos) << m;
}

TEST(StateFile, AWriterDroppedBeforeFinishLeavesNoFile) {
  TempDir d;
  std::string path = d.File("run.state");
  {
    auto w = StateWriter::Open(path);
    ASSERT_TRUE(w.ok()) << w.status().message();
    for (const Contribution& c : SomeContributions()) (*w)->Add(c.View());
  }
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_TRUE(std::filesystem::is_empty(d.path())) << "no temporary file is left either";
}

}  // namespace
}  // namespace jobsift

// A report from partial reports (jobsift/partial.h), as a distributed run
// makes it: parts read on their own, duplicates decided by key across
// parts, partial reports sent as bytes and summed in input order. The
// result must be the report of one run over every input, byte for byte.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "jobsift/partial.h"
#include "jobsift/report.h"
#include "test_util.h"

namespace jobsift {
namespace {

using testing::QuietConsole;
using testing::ReadFile;
using testing::RunCommand;
using testing::TempDir;
using testing::WriteFile;

// Generated postings (JSON Lines: one posting a line) split into three
// parts, the third also repeating some of the first's postings: re-posts
// that only a cross-part deduplication finds.
std::vector<std::string> Parts(TempDir& d) {
  std::string all = d.File("all.jsonl");
  std::string out;
  EXPECT_EQ(RunCommand(std::string(JOBSIFT_BINARY) + " gen --rows 6000 --seed 11 -q -o " + all, &out), 0);
  std::vector<std::string> lines;
  std::string text = ReadFile(all);
  for (size_t at = 0; at < text.size();) {
    size_t nl = text.find('\n', at);
    lines.push_back(text.substr(at, nl - at + 1));
    at = nl + 1;
  }
  std::vector<std::string> parts(3);
  for (size_t i = 0; i < lines.size(); ++i) parts[i * 3 / lines.size()] += lines[i];
  for (size_t i = 0; i < lines.size() / 3; i += 7) parts[2] += lines[i];
  std::vector<std::string> paths;
  for (size_t p = 0; p < parts.size(); ++p) {
    paths.push_back(d.File("part" + std::to_string(p) + ".jsonl"));
    WriteFile(paths.back(), parts[p]);
  }
  // A part without postings: one run notes it, and so must the sum.
  paths.push_back(d.File("part3.csv"));
  WriteFile(paths.back(), "职位名称,城市\n");
  return paths;
}

// The distributed run, in one process: each part read (its state and
// counts), the duplicates by key (the first by position is kept), and the
// parts' partial reports through bytes: taken out of each part's counts,
// or with `replay`, counted again from its state (PartialFromState).
StatusOr<ReportResult> Distributed(RunOptions run, const std::vector<std::string>& parts, TempDir& d,
                                   const TableChoices& tables, uint64_t* duplicates_found, bool replay = false) {
  QuietConsole console;
  std::vector<std::string> states;
  std::vector<DedupKeys> keys(parts.size());
  std::vector<std::vector<uint64_t>> offsets(parts.size());
  std::vector<PartialReport> counted;
  for (size_t p = 0; p < parts.size(); ++p) {
    RunOptions one = run;
    one.inputs = {parts[p]};
    states.push_back(d.File("part" + std::to_string(p) + ".state"));
    auto part = ReadPart(one, "exact", states.back(), &keys[p], &offsets[p], console);
    if (!part.ok()) return part.status();
    counted.push_back(std::move(*part));
    // The keys a read gives are those of its state's records, in order.
    auto again = StateDedupKeys(states.back());
    if (!again.ok()) return again.status();
    EXPECT_EQ(keys[p].fingerprint, again->fingerprint) << parts[p];
    EXPECT_EQ(keys[p].half, again->half) << parts[p];
    EXPECT_EQ(offsets[p].size(), keys[p].fingerprint.size());
  }
  std::map<std::pair<uint64_t, uint64_t>, std::pair<size_t, uint64_t>> first;  // key -> (part, record)
  std::vector<std::vector<uint64_t>> duplicates(parts.size());
  *duplicates_found = 0;
  for (size_t p = 0; p < parts.size(); ++p)
    for (uint64_t i = 0; i < keys[p].fingerprint.size(); ++i) {
      if (keys[p].fingerprint[i] == 0) continue;
      if (!first.emplace(std::make_pair(keys[p].fingerprint[i], keys[p].half[i]), std::make_pair(p, i)).second) {
        duplicates[p].push_back(i);
        ++*duplicates_found;
      }
    }
  // DecideDuplicates, given every key as one bucket, names the same records
  // as this reference (an ordered map of first positions).
  std::vector<std::vector<uint64_t>> records(parts.size());
  std::vector<KeyPiece> pieces;
  for (size_t p = 0; p < parts.size(); ++p) {
    for (uint64_t i = 0; i < keys[p].fingerprint.size(); ++i) records[p].push_back(i);
    pieces.push_back({records[p].data(), keys[p].fingerprint.data(), keys[p].half.data(), records[p].size()});
  }
  EXPECT_EQ(DecideDuplicates(pieces), duplicates);
  std::optional<PartialReport> sum;
  for (size_t p = 0; p < parts.size(); ++p) {
    StatusOr<PartialReport> partial = counted[p];
    if (replay) {
      partial = PartialFromState(run, states[p], duplicates[p]);
    } else {
      JOBSIFT_RETURN_IF_ERROR(partial->RemoveDuplicates(states[p], offsets[p], duplicates[p]));
    }
    if (!partial.ok()) return partial.status();
    auto sent = PartialReport::FromBytes(partial->ToBytes());
    if (!sent.ok()) return sent.status();
    if (!sum) {
      sum = std::move(*sent);
    } else {
      JOBSIFT_RETURN_IF_ERROR(sum->Add(*sent));
    }
  }
  return ReportFromPartial(run, *sum, tables, console);
}

void ExpectSameReport(const ReportResult& a, const ReportResult& b, TempDir& d) {
  EXPECT_EQ(a.postings(), b.postings());
  EXPECT_EQ(a.duplicates(), b.duplicates());
  EXPECT_EQ(a.SummaryJson(), b.SummaryJson());
  ASSERT_TRUE(a.Write(d.File("a")).ok());
  ASSERT_TRUE(b.Write(d.File("b")).ok());
  for (const char* file : {"tables.json", "report.html", "summary.json"})
    EXPECT_EQ(ReadFile(d.File(std::string("a/") + file)), ReadFile(d.File(std::string("b/") + file))) << file;
}

TEST(Partial, SummedPartsGiveTheReportOfOneRunByteForByte) {
  TempDir d;
  std::vector<std::string> parts = Parts(d);
  RunOptions run;
  run.threads = 2;
  uint64_t found = 0;
  auto distributed = Distributed(run, parts, d, {}, &found);
  ASSERT_TRUE(distributed.ok()) << distributed.status().message();
  QuietConsole console;
  run.inputs = parts;
  auto whole = BuildReport(run, {}, console);
  ASSERT_TRUE(whole.ok());
  EXPECT_GT(whole->duplicates(), 300u) << "the fixture repeats postings across parts";
  EXPECT_EQ(found, whole->duplicates());
  EXPECT_NE(whole->SummaryJson().find("part3.csv"), std::string::npos) << "the empty part is noted";
  ExpectSameReport(*distributed, *whole, d);
  auto replayed = Distributed(run, parts, d, {}, &found, /*replay=*/true);
  ASSERT_TRUE(replayed.ok()) << replayed.status().message();
  ExpectSameReport(*replayed, *whole, d);
}

// A worker reads the parts handed to it into open runs: consecutive parts
// read one at a time into a run give what one ReadPart over them gives,
// the state byte for byte, with the setup loaded once for every run.
TEST(Partial, APartReaderReadsConsecutivePartsIntoOneRunAsOneReadWould) {
  TempDir d;
  std::vector<std::string> parts = Parts(d);
  RunOptions run;
  run.threads = 2;
  QuietConsole console;
  auto reader = PartReader::Create(run, "exact");
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  for (size_t r = 0; r < 2; ++r) {
    std::string state = d.File("run" + std::to_string(r) + ".state");
    ASSERT_TRUE((*reader)->Begin(state).ok());
    for (size_t p = 2 * r; p < 2 * r + 2; ++p) {
      RunOptions one = run;
      one.inputs = {parts[p]};
      one.inputs_found_in_folder = true;  // part3.csv holds no posting: noted, no error
      Status st = (*reader)->Read(one, console);
      ASSERT_TRUE(st.ok()) << st.message();
    }
    DedupKeys keys;
    std::vector<uint64_t> offsets;
    auto counted = (*reader)->Finish(&keys, &offsets);
    ASSERT_TRUE(counted.ok()) << counted.status().message();

    RunOptions both = run;
    both.inputs = {parts[2 * r], parts[2 * r + 1]};
    both.inputs_found_in_folder = true;
    DedupKeys one_keys;
    std::vector<uint64_t> one_offsets;
    std::string one_state = d.File("one" + std::to_string(r) + ".state");
    auto one = ReadPart(both, "exact", one_state, &one_keys, &one_offsets, console);
    ASSERT_TRUE(one.ok()) << one.status().message();
    EXPECT_EQ(keys.fingerprint, one_keys.fingerprint) << r;
    EXPECT_EQ(keys.half, one_keys.half) << r;
    EXPECT_EQ(offsets, one_offsets) << r;
    EXPECT_EQ(counted->postings(), one->postings()) << r;
    EXPECT_EQ(ReadFile(state), ReadFile(one_state)) << "run " << r << ": the state of one read over its parts";
  }
  // Out of turn: no run open, a read that fails, and the run after it.
  DedupKeys keys;
  std::vector<uint64_t> offsets;
  EXPECT_EQ((*reader)->Finish(&keys, &offsets).status().code(), StatusCode::kInvalidArgument);
  RunOptions missing = run;
  missing.inputs = {d.File("nope.jsonl")};
  EXPECT_EQ((*reader)->Read(missing, console).code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE((*reader)->Begin(d.File("bad.state")).ok());
  EXPECT_FALSE((*reader)->Read(missing, console).ok());
  RunOptions good = run;
  good.inputs = {parts[0]};
  EXPECT_FALSE((*reader)->Read(good, console).ok()) << "a failed run stays failed";
  EXPECT_FALSE((*reader)->Finish(&keys, &offsets).ok());
  EXPECT_EQ((*reader)->Finish(&keys, &offsets).status().code(), StatusCode::kInvalidArgument)
      << "a failed Finish closes the run all the same";
  ASSERT_TRUE((*reader)->Begin(d.File("after.state")).ok());
  ASSERT_TRUE((*reader)->Read(good, console).ok());
  auto after = (*reader)->Finish(&keys, &offsets);
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_GT(after->postings(), 0u);
  EXPECT_EQ(keys.fingerprint.size(), offsets.size());
  // The reader goes with a run open, its state half written.
  ASSERT_TRUE((*reader)->Begin(d.File("open.state")).ok());
  ASSERT_TRUE((*reader)->Read(good, console).ok());
}

TEST(Partial, AFilterAppliesWhenCountingNotWhenDeduplicating) {
  TempDir d;
  std::vector<std::string> parts = Parts(d);
  RunOptions run;
  run.city = "北京";
  TableChoices tables;
  tables.min_n = 5;
  uint64_t found = 0;
  auto distributed = Distributed(run, parts, d, tables, &found);
  ASSERT_TRUE(distributed.ok()) << distributed.status().message();
  QuietConsole console;
  run.inputs = parts;
  ReportRequest request;
  request.tables = tables;
  auto whole = BuildReport(run, request, console);
  ASSERT_TRUE(whole.ok());
  EXPECT_GT(whole->outside_filter(), whole->postings());
  ExpectSameReport(*distributed, *whole, d);
  auto replayed = Distributed(run, parts, d, tables, &found, /*replay=*/true);
  ASSERT_TRUE(replayed.ok()) << replayed.status().message();
  ExpectSameReport(*replayed, *whole, d);
}

TEST(Partial, DecidingKeepsTheFirstByPositionOfEachKey) {
  // Two reads; keys (fingerprint, half). 7 in half 1 repeats across reads,
  // 7 in half 2 is another key, 0 is never a duplicate.
  std::vector<uint64_t> r0 = {0, 1, 2, 3}, f0 = {7, 9, 0, 7};
  std::vector<uint64_t> r1 = {0, 5, 6}, f1 = {7, 0, 9};
  std::vector<uint16_t> h0 = {1, 1, 1, 2}, h1 = {1, 1, 3};
  auto repeats = DecideDuplicates({{r0.data(), f0.data(), h0.data(), 4}, {r1.data(), f1.data(), h1.data(), 3}});
  ASSERT_EQ(repeats.size(), 2u);
  EXPECT_TRUE(repeats[0].empty());
  EXPECT_EQ(repeats[1], std::vector<uint64_t>{0});
  EXPECT_TRUE(DecideDuplicates({}).empty());
}

TEST(Partial, DecidingManyKeysSpreadOverPartitionsKeepsTheFirstOfEach) {
  // 300,000 keys in three reads (enough for the keys to be spread over
  // several partitions before they are decided): repeats within a read and
  // across reads, the same fingerprint in other half-years (other keys),
  // fingerprints 0 (never repeats), half-years up to the largest. The answer is
  // a reference's: an ordered map of each key's first position.
  std::mt19937_64 rng(5);
  std::vector<std::vector<uint64_t>> records(3), fingerprints(3);
  std::vector<std::vector<uint16_t>> halves(3);
  for (size_t r = 0; r < 3; ++r)
    for (uint64_t i = 0; i < 100000; ++i) {
      uint64_t fp = rng() % 150000 + 1;  // about a third repeat an earlier key
      if (rng() % 50 == 0) fp = 0;
      records[r].push_back(i * 3 + r);
      fingerprints[r].push_back(fp);
      halves[r].push_back(static_cast<uint16_t>(rng() % 4 == 0 ? UINT16_MAX : 4048 + rng() % 3));
    }
  std::map<std::pair<uint64_t, uint16_t>, bool> seen;
  std::vector<std::vector<uint64_t>> expected(3);
  size_t repeats = 0;
  for (size_t r = 0; r < 3; ++r)
    for (size_t i = 0; i < records[r].size(); ++i)
      if (fingerprints[r][i] != 0 && !seen.emplace(std::make_pair(fingerprints[r][i], halves[r][i]), true).second) {
        expected[r].push_back(records[r][i]);
        ++repeats;
      }
  ASSERT_GT(repeats, 50000u);
  std::vector<KeyPiece> pieces;
  for (size_t r = 0; r < 3; ++r)
    pieces.push_back({records[r].data(), fingerprints[r].data(), halves[r].data(), records[r].size()});
  EXPECT_EQ(DecideDuplicates(pieces), expected);
  // Without records, positions in each piece.
  for (KeyPiece& p : pieces) p.records = nullptr;
  auto positions = DecideDuplicates(pieces);
  for (size_t r = 0; r < 3; ++r) {
    ASSERT_EQ(positions[r].size(), expected[r].size());
    for (size_t i = 0; i < positions[r].size(); ++i) ASSERT_EQ(records[r][positions[r][i]], expected[r][i]);
  }
}

TEST(Partial, DamagedBytesAndOtherRunsAreRefused) {
  TempDir d;
  WriteFile(d.File("a.csv"), "职位名称,城市,发布日期,职位描述\n算法工程师,北京,2024-03-01,负责深度学习模型训练\n会计,上海,2024-03-02,负责账务\n");
  QuietConsole console;
  RunOptions run;
  run.inputs = {d.File("a.csv")};
  ReportRequest request;
  request.state = d.File("a.state");
  ASSERT_TRUE(BuildReport(run, request, console).ok());
  auto keys = StateDedupKeys(request.state);
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->fingerprint.size(), 2u);
  EXPECT_EQ(keys->half[0], 2024u * 2 + 1);

  auto partial = PartialFromState(run, request.state, {});
  ASSERT_TRUE(partial.ok()) << partial.status().message();
  EXPECT_EQ(partial->postings(), 2u);
  std::string bytes = partial->ToBytes();
  for (size_t cut : {size_t{0}, size_t{5}, bytes.size() / 2, bytes.size() - 1}) {
    auto damaged = PartialReport::FromBytes(bytes.substr(0, cut));
    ASSERT_FALSE(damaged.ok()) << cut;
    EXPECT_EQ(damaged.status().code(), StatusCode::kDataError);
  }
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x20;
  EXPECT_FALSE(PartialReport::FromBytes(flipped).ok());
  EXPECT_FALSE(PartialReport::FromBytes(bytes + "x").ok());

  DedupKeys part_keys;
  std::vector<uint64_t> offsets;
  auto read = ReadPart(run, "exact", d.File("b.state"), &part_keys, &offsets, console);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->postings(), 2u);
  PartialReport kept = *read;  // a copy: taking duplicates out of one leaves the other
  EXPECT_FALSE(read->RemoveDuplicates(d.File("b.state"), offsets, {2}).ok());
  ASSERT_TRUE(read->RemoveDuplicates(d.File("b.state"), offsets, {1}).ok());
  EXPECT_EQ(read->postings(), 1u);
  EXPECT_EQ(read->duplicates(), 1u);
  EXPECT_EQ(kept.postings(), 2u);

  auto bad = PartialFromState(run, request.state, {5});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("record indexes below 2"), std::string::npos) << bad.status().message();

  RunOptions beijing = run;
  beijing.city = "北京";
  auto other = PartialFromState(beijing, request.state, {});
  ASSERT_TRUE(other.ok());
  PartialReport sum = *partial;
  Status st = sum.Add(*other);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("filters"), std::string::npos) << st.message();
  EXPECT_EQ(sum.postings(), 2u) << "a refused part leaves the sum as it was";
  ASSERT_TRUE(sum.Add(*partial).ok());
  EXPECT_EQ(sum.postings(), 4u);
}

}  // namespace
}  // namespace jobsift

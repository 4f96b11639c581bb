#include "base/spill_streams.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace jobsift {
namespace {

TEST(SpillStreams, EachStreamReadsBackItsRecordsInOrder) {
  // Small blocks, so most records go through the file; streams interleaved.
  auto spill = SpillStreams::Create("test", ::testing::TempDir(), 5, 12, 100);
  ASSERT_TRUE(spill.ok()) << spill.status().message();
  std::vector<std::vector<uint64_t>> written(5);
  for (uint64_t i = 0; i < 5000; ++i) {
    size_t stream = (i * 7919) % 5 == 4 ? 4 : i % 4;  // stream 4 gets fewer
    unsigned char rec[12] = {};
    std::memcpy(rec, &i, 8);
    uint32_t tag = static_cast<uint32_t>(stream) * 1000;
    std::memcpy(rec + 8, &tag, 4);
    (*spill)->Append(stream, rec);
    written[stream].push_back(i);
  }
  for (size_t stream : {3, 0, 4, 1, 2}) {
    std::vector<uint64_t> read;
    Status st = (*spill)->Read(stream, [&](const unsigned char* rec, size_t n) {
      for (size_t k = 0; k < n; ++k, rec += 12) {
        uint64_t i;
        uint32_t tag;
        std::memcpy(&i, rec, 8);
        std::memcpy(&tag, rec + 8, 4);
        if (tag != stream * 1000) return DataError("record of another stream");
        read.push_back(i);
      }
      return Status::Ok();
    });
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_EQ(read, written[stream]) << "stream " << stream;
  }
}

TEST(SpillStreams, AnErrorOfTheReaderStopsTheRead) {
  auto spill = SpillStreams::Create("test", ::testing::TempDir(), 1, 4, 8);
  ASSERT_TRUE(spill.ok());
  for (uint32_t i = 0; i < 10; ++i) (*spill)->Append(0, &i);
  int blocks = 0;  // 8-byte blocks: two records each
  Status st = (*spill)->Read(0, [&](const unsigned char*, size_t n) {
    EXPECT_EQ(n, 2u);
    return ++blocks == 3 ? DataError("stop") : Status::Ok();
  });
  EXPECT_EQ(st.message(), "stop");
  EXPECT_EQ(blocks, 3);
}

TEST(SpillStreams, AFolderThatCannotHoldFilesIsAnErrorNamingTheUser) {
  auto spill = SpillStreams::Create("duplicate check", "/nonexistent-folder/x", 2, 8);
  ASSERT_FALSE(spill.ok());
  EXPECT_NE(spill.status().message().find("duplicate check: "), std::string::npos) << spill.status().message();
  EXPECT_NE(spill.status().message().find("/nonexistent-folder/x"), std::string::npos);
}

}  // namespace
}  // namespace jobsift

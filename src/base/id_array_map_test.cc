// IdArrayMap: the cube's counters. Reserve keeps what is there and makes
// room, and a table filled from another's slot order (as a partial report
// is loaded or summed) holds every entry once.
#include "base/id_array_map.h"

#include <gtest/gtest.h>

#include <map>

namespace jobsift {
namespace {

TEST(IdArrayMap, CountsEachKeyOnceThroughGrowthAndReserve) {
  IdArrayMap<3, uint64_t> m;
  std::map<std::array<uint32_t, 3>, uint64_t> want;
  for (uint32_t i = 0; i < 5000; ++i) {
    std::array<uint32_t, 3> key{i % 7, i % 101, i};
    m[key] += i;
    want[key] += i;
  }
  m.Reserve(100000);  // a rehash with entries in it
  m.Reserve(10);      // never shrinks, never loses
  for (uint32_t i = 0; i < 5000; i += 2) {
    std::array<uint32_t, 3> key{i % 7, i % 101, i};
    m[key] += 1;
    want[key] += 1;
  }
  EXPECT_EQ(m.size(), want.size());
  std::map<std::array<uint32_t, 3>, uint64_t> got;
  for (const auto& [key, value] : m) EXPECT_TRUE(got.emplace(key, value).second);
  EXPECT_EQ(got, want);
}

TEST(IdArrayMap, FilledInAnotherTablesSlotOrder) {
  IdArrayMap<2, uint64_t> big;
  for (uint32_t i = 0; i < 200000; ++i) big[{i % 13, i}] = i + 1;
  for (bool reserve : {false, true}) {
    IdArrayMap<2, uint64_t> copy;
    if (reserve) copy.Reserve(big.size());
    for (const auto& [key, value] : big) copy[key] = value;
    ASSERT_EQ(copy.size(), big.size());
    uint64_t sum = 0;
    for (const auto& [key, value] : copy) {
      EXPECT_EQ(value, key[1] + 1u);
      sum += value;
    }
    EXPECT_EQ(sum, 200000ull * 200001ull / 2);
  }
}

}  // namespace
}  // namespace jobsift

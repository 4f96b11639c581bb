// StreamHash (base/hash.h), the checksum of state files: the same bytes
// give the same value however a writer splits them into calls, and a
// damaged file (a bit flipped anywhere, a byte dropped or added at the end)
// gives another value.
#include "base/hash.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace jobsift {
namespace {

uint64_t HashOf(std::string_view s) {
  StreamHash h;
  h.Add(s.data(), s.size());
  return h.value();
}

std::string SomeBytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng());
  return s;
}

TEST(StreamHash, TheSameBytesGiveTheSameValueHoweverTheyAreSplit) {
  std::mt19937 rng(7);
  for (size_t size : {0, 1, 7, 31, 32, 33, 64, 100, 1000, 4099}) {
    const std::string bytes = SomeBytes(size, static_cast<uint32_t>(size));
    const uint64_t whole = HashOf(bytes);
    for (int trial = 0; trial < 20; ++trial) {
      StreamHash pieces;
      for (size_t at = 0; at < size;) {
        size_t n = std::min<size_t>(size - at, rng() % 70);  // pieces of 0 to 69 bytes
        pieces.Add(bytes.data() + at, n);
        at += n;
      }
      ASSERT_EQ(pieces.value(), whole) << size << " bytes, trial " << trial;
    }
  }
}

TEST(StreamHash, EveryBitFlippedAndEveryLengthChangedGivesAnotherValue) {
  const std::string bytes = SomeBytes(200, 1);
  const uint64_t whole = HashOf(bytes);
  for (size_t i = 0; i < bytes.size(); ++i)
    for (int bit = 0; bit < 8; ++bit) {
      std::string damaged = bytes;
      damaged[i] ^= static_cast<char>(1 << bit);
      ASSERT_NE(HashOf(damaged), whole) << "byte " << i << " bit " << bit;
    }
  // Cut short or grown by zeros: the tail is padded with zeros inside, so
  // only the length tells these apart.
  for (size_t keep = 0; keep < bytes.size(); ++keep) ASSERT_NE(HashOf(bytes.substr(0, keep)), whole) << keep;
  EXPECT_NE(HashOf(bytes + std::string(1, '\0')), whole);
  EXPECT_NE(HashOf(std::string(8, '\0')), HashOf(std::string(16, '\0')));
  EXPECT_NE(HashOf(std::string(32, '\0')), HashOf(std::string(64, '\0')));
}

TEST(StreamHash, AnEmptyStreamHasAValueToo) {
  StreamHash none;
  EXPECT_EQ(none.value(), HashOf(""));
  EXPECT_NE(none.value(), HashOf(std::string(1, '\0')));
}

}  // namespace
}  // namespace jobsift

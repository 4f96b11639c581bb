// Byte sources: what the reader pulls its bytes through. Each case is one a
// real file brings: a peek before reading, gzip (one member or several,
// cut short), zstd, GB18030 split anywhere by small reads, a size limit.
#include "io/byte_source.h"

#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <string>

namespace jobsift {
namespace {

// Everything `source` yields, read `step` bytes at a time.
StatusOr<std::string> Drain(ByteSource& source, size_t step) {
  std::string out, buf(step, '\0');
  for (;;) {
    StatusOr<size_t> n = source.Read(buf.data(), step);
    if (!n.ok()) return n.status();
    if (*n == 0) return out;
    out.append(buf.data(), *n);
  }
}

std::string Gzip(const std::string& text) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);  // +16: gzip
  std::string out(deflateBound(&z, text.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Zstd(const std::string& text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

// A CSV of many lines, so that compressed streams span several reads.
std::string Lines(int n) {
  std::string s = "职位名称,城市\n";
  for (int i = 0; i < n; ++i) s += "算法工程师" + std::to_string(i) + ",北京\n";
  return s;
}

TEST(ByteSource, APeekDoesNotConsumeWhatItShows) {
  PeekableSource p(MemorySource("abcdef"));
  EXPECT_EQ(p.Peek(3).value(), "abc");
  EXPECT_EQ(p.Peek(100).value(), "abcdef") << "fewer at end of stream";
  EXPECT_EQ(Drain(p, 4).value(), "abcdef");
}

TEST(ByteSource, CompressionIsToldByMagicBytesOnly) {
  EXPECT_EQ(DetectCompression(Gzip("x")), Compression::kGzip);
  EXPECT_EQ(DetectCompression(Zstd("x")), Compression::kZstd);
  EXPECT_EQ(DetectCompression("职位名称,城市\n"), Compression::kNone);
  EXPECT_EQ(DetectCompression(""), Compression::kNone);
  EXPECT_EQ(DetectCompression("\x1f"), Compression::kNone) << "half a magic number is not one";
}

TEST(ByteSource, GzipMembersReadAsOneStreamWhateverTheReadSize) {
  std::string a = Lines(3000), b = Lines(10);
  for (size_t step : {1, 7, 4096, 1 << 20}) {
    auto s = Decompress(OwnedMemorySource(Gzip(a) + Gzip(b)), Compression::kGzip, "x.csv.gz");
    EXPECT_EQ(Drain(*s, step).value(), a + b) << "step " << step;
  }
}

TEST(ByteSource, ATruncatedStreamIsAnErrorNotAShortFile) {
  std::string gz = Gzip(Lines(3000));
  auto s = Decompress(OwnedMemorySource(gz.substr(0, gz.size() / 2)), Compression::kGzip, "cut.csv.gz");
  StatusOr<std::string> got = Drain(*s, 4096);
  ASSERT_FALSE(got.ok()) << "half a gzip file read as " << got->size() << " bytes without complaint";
  EXPECT_NE(got.status().message().find("cut.csv.gz"), std::string::npos) << got.status().message();

  std::string zs = Zstd(Lines(3000));
  s = Decompress(OwnedMemorySource(zs.substr(0, zs.size() - 5)), Compression::kZstd, "cut.csv.zst");
  got = Drain(*s, 4096);
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("cut.csv.zst"), std::string::npos) << got.status().message();
}

TEST(ByteSource, ZstdRoundTrips) {
  std::string text = Lines(5000);
  auto s = Decompress(OwnedMemorySource(Zstd(text)), Compression::kZstd, "x.csv.zst");
  EXPECT_EQ(Drain(*s, 333).value(), text);
}

TEST(ByteSource, Gb18030BecomesUtf8EvenSplitByOneByteReads) {
  const std::string gb = "\xB1\xB1\xBE\xA9,\xC9\xCF\xBA\xA3\n";  // 北京,上海 in GB18030
  for (size_t step : {1, 2, 3, 64}) {
    uint64_t invalid = 0;
    auto s = ConvertToUtf8(MemorySource(gb), "GB18030", &invalid);
    ASSERT_TRUE(s.ok()) << s.status().message();
    EXPECT_EQ(Drain(**s, step).value(), "北京,上海\n") << "step " << step;
    EXPECT_EQ(invalid, 0u);
  }
  // A byte GB18030 has no character for becomes U+FFFD, counted, and the
  // text after it still reads.
  uint64_t invalid = 0;
  auto s = ConvertToUtf8(MemorySource("\xB1\xB1\xFF,\xBE\xA9"), "GB18030", &invalid);
  ASSERT_TRUE(s.ok());
  std::string out = Drain(**s, 1).value();
  EXPECT_EQ(out.substr(0, 3), "北");
  EXPECT_NE(out.find("\xEF\xBF\xBD"), std::string::npos) << out;
  EXPECT_EQ(out.substr(out.size() - 4), ",京");
  EXPECT_GE(invalid, 1u);
  // An encoding nobody knows is said so.
  EXPECT_FALSE(ConvertToUtf8(MemorySource("x"), "NO-SUCH-ENCODING", &invalid).ok());
}

TEST(ByteSource, ReadAllStopsAtItsLimit) {
  auto s = MemorySource("0123456789");
  EXPECT_EQ(ReadAll(*s, 10, "ten").value(), "0123456789");
  s = MemorySource("0123456789");
  StatusOr<std::string> got = ReadAll(*s, 9, "ten");
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("ten"), std::string::npos) << got.status().message();
}

// A source that gives a few bytes a read (as an inflating zip member does)
// and claims a size of its choosing.
class Dribble : public ByteSource {
 public:
  Dribble(std::string bytes, uint64_t claimed) : bytes_(std::move(bytes)), claimed_(claimed) {}
  StatusOr<size_t> Read(char* buf, size_t n) override {
    size_t k = std::min({n, size_t{7}, bytes_.size() - at_});
    std::memcpy(buf, bytes_.data() + at_, k);
    at_ += k;
    return k;
  }
  uint64_t RawBytesConsumed() const override { return at_; }
  uint64_t SizeHint() const override { return claimed_; }

 private:
  std::string bytes_;
  uint64_t claimed_;
  size_t at_ = 0;
};

TEST(ByteSource, ReadAllTakesTheSizeHintAsAHintOnly) {
  std::string bytes;
  for (int i = 0; i < 100000; ++i) bytes += static_cast<char>('a' + i % 26);
  // Short reads, and a size that is right, too small, too large, absurd or unknown.
  for (uint64_t claimed : {uint64_t{100000}, uint64_t{10}, uint64_t{1} << 20, uint64_t{1} << 62, uint64_t{0}}) {
    Dribble s(bytes, claimed);
    auto got = ReadAll(s, 200000, "m");
    ASSERT_TRUE(got.ok()) << claimed;
    EXPECT_EQ(*got, bytes) << claimed;
    EXPECT_LE(got->capacity(), size_t{64} << 20) << "a claimed size is never reserved past 64 MiB";
  }
  Dribble over(bytes, 100);  // the limit holds whatever the hint says
  EXPECT_FALSE(ReadAll(over, 99999, "m").ok());
}

TEST(ByteSource, AMissingFileIsNamed) {
  auto s = OpenFileSource("/no/such/dir/postings.csv");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("/no/such/dir/postings.csv"), std::string::npos) << s.status().message();
}

}  // namespace
}  // namespace jobsift

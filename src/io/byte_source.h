// Byte streams: where the reader's bytes come from. A file, stdin or memory,
// optionally unwrapped from gzip or zstd and converted from GB18030 to UTF-8.
// Everything is pull-based and bounded: no source holds more than its own
// buffer, so memory does not grow with the input size.
//
// Not for: splitting records (see csv.h, jsonl.h) or zip archives (xlsx.h).
#ifndef JOBSIFT_IO_BYTE_SOURCE_H_
#define JOBSIFT_IO_BYTE_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <atomic>

#include "jobsift/status.h"

namespace jobsift {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `n` bytes into `buf`. Returns 0 at end of stream.
  virtual StatusOr<size_t> Read(char* buf, size_t n) = 0;
  // Bytes consumed from the underlying file so far (compressed bytes for a
  // decompressing source); used for progress only.
  virtual uint64_t RawBytesConsumed() const = 0;
  // The bytes the source yields in all, when known beforehand (a zip
  // member's size); 0 when not. A hint for sizing buffers, never trusted.
  virtual uint64_t SizeHint() const { return 0; }
};

enum class Compression { kNone, kGzip, kZstd };
std::string_view CompressionName(Compression c);

// Opens `path` for reading; "-" is stdin. With `cancel`, a read that waits
// (a pipe, a terminal) gives up with an "interrupted" error soon after
// *cancel becomes true (a signal handler's flag), whichever thread caught
// the signal.
StatusOr<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path,
                                                     const std::atomic<bool>* cancel = nullptr);

// A source over bytes the caller keeps alive.
std::unique_ptr<ByteSource> MemorySource(std::string_view bytes);
// A source that owns its bytes.
std::unique_ptr<ByteSource> OwnedMemorySource(std::string bytes);

// Wraps `inner` so that the first bytes can be looked at before reading.
class PeekableSource : public ByteSource {
 public:
  explicit PeekableSource(std::unique_ptr<ByteSource> inner) : inner_(std::move(inner)) {}
  // Makes at least `n` bytes available (fewer at end of stream) and returns
  // a view of them, valid until the next Read or Peek.
  StatusOr<std::string_view> Peek(size_t n);
  StatusOr<size_t> Read(char* buf, size_t n) override;
  uint64_t RawBytesConsumed() const override { return inner_->RawBytesConsumed(); }
  uint64_t SizeHint() const override { return inner_->SizeHint(); }

 private:
  std::unique_ptr<ByteSource> inner_;
  std::string head_;
  size_t head_pos_ = 0;
};

// Detects compression from magic bytes (never from the file name).
Compression DetectCompression(std::string_view head);

// Returns a source yielding the decompressed bytes of `inner`. Concatenated
// gzip members are read as one stream; a truncated stream is an IoError at the
// point it ends.
std::unique_ptr<ByteSource> Decompress(std::unique_ptr<ByteSource> inner, Compression c,
                                       std::string name);

// Converts `inner` from `encoding` (any name iconv knows, e.g. "GB18030") to
// UTF-8. Bytes that cannot be converted become U+FFFD and are counted in
// `*invalid_bytes` (which must outlive the source).
StatusOr<std::unique_ptr<ByteSource>> ConvertToUtf8(std::unique_ptr<ByteSource> inner,
                                                    const std::string& encoding,
                                                    uint64_t* invalid_bytes);

// Reads everything left in `source` into a string, failing past `limit` bytes.
StatusOr<std::string> ReadAll(ByteSource& source, size_t limit, const std::string& name);

}  // namespace jobsift

#endif  // JOBSIFT_IO_BYTE_SOURCE_H_

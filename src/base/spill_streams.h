// Many append-only streams of fixed-size records in one scratch file
// (base/temp_file.h): each stream fills a block in memory and appends it to
// the shared file when full; a stream is read back in order, block by
// block. One file, where a file per stream cost a file creation each
// (ext4 took ~0.1 s a run for the duplicate check's 128), with memory of
// one block per stream. Appends come from one thread; streams may be read
// by several threads at once (positioned reads).
#ifndef JOBSIFT_BASE_SPILL_STREAMS_H_
#define JOBSIFT_BASE_SPILL_STREAMS_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/temp_file.h"
#include "jobsift/status.h"

namespace jobsift {

class SpillStreams {
 public:
  // `streams` streams of `record_bytes` records, in a scratch file in `dir`;
  // errors start with `what` ("duplicate check").
  static StatusOr<std::unique_ptr<SpillStreams>> Create(const std::string& what, const std::string& dir,
                                                        size_t streams, size_t record_bytes,
                                                        size_t block_bytes = 16 * 1024);

  // Appends one record (record_bytes) to `stream`. A write error is kept
  // and returned by Read.
  void Append(size_t stream, const void* record) {
    Stream& s = streams_[stream];
    std::memcpy(s.buffer.data() + s.used, record, record_bytes_);
    s.used += record_bytes_;
    if (s.used == s.buffer.size()) Flush(s);
  }
  // Calls `on_records(records, n)` for the records of `stream`, in order, a
  // block at a time (n records of record_bytes each), then frees the
  // stream's block. An error from `on_records` stops the read.
  Status Read(size_t stream, const std::function<Status(const unsigned char* records, size_t n)>& on_records);

 private:
  struct Stream {
    std::vector<unsigned char> buffer;  // a block: records_per_block records
    size_t used = 0;
    std::vector<uint64_t> blocks;  // offsets of the full blocks in the file
  };
  SpillStreams(std::string what, UniqueFile file, size_t streams, size_t record_bytes, size_t block_bytes);
  void Flush(Stream& s);

  std::string what_;
  UniqueFile file_;
  int fd_;
  size_t record_bytes_;
  size_t block_bytes_;
  uint64_t end_ = 0;  // the file's length
  int write_errno_ = 0;
  std::vector<Stream> streams_;
};

}  // namespace jobsift

#endif  // JOBSIFT_BASE_SPILL_STREAMS_H_

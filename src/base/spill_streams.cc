#include "base/spill_streams.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace jobsift {

StatusOr<std::unique_ptr<SpillStreams>> SpillStreams::Create(const std::string& what, const std::string& dir,
                                                             size_t streams, size_t record_bytes, size_t block_bytes) {
  if (record_bytes == 0 || block_bytes < record_bytes) return InvalidArgument(what + ": bad scratch record size");
  auto file = OpenScratchFile(dir, 0);
  if (!file.ok()) return Status(file.status().code(), what + ": " + file.status().message());
  return std::unique_ptr<SpillStreams>(
      new SpillStreams(what, std::move(*file), streams, record_bytes, block_bytes));
}

SpillStreams::SpillStreams(std::string what, UniqueFile file, size_t streams, size_t record_bytes,
                           size_t block_bytes)
    : what_(std::move(what)),
      file_(std::move(file)),
      fd_(fileno(file_.get())),
      record_bytes_(record_bytes),
      // Whole records to a block: a record never straddles two.
      block_bytes_(block_bytes / record_bytes * record_bytes),
      streams_(streams) {
  for (Stream& s : streams_) s.buffer.resize(block_bytes_);
}

void SpillStreams::Flush(Stream& s) {
  const unsigned char* p = s.buffer.data();
  size_t left = s.used;
  uint64_t at = end_;
  while (left > 0 && write_errno_ == 0) {
    ssize_t n = pwrite(fd_, p, left, static_cast<off_t>(at));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      write_errno_ = n < 0 ? errno : EIO;
      break;
    }
    p += n;
    at += static_cast<uint64_t>(n);
    left -= static_cast<size_t>(n);
  }
  s.blocks.push_back(end_);
  end_ += s.used;
  s.used = 0;
}

Status SpillStreams::Read(size_t stream,
                          const std::function<Status(const unsigned char* records, size_t n)>& on_records) {
  if (write_errno_ != 0)
    return IoError(what_ + ": scratch file write failed: " + std::strerror(write_errno_));
  Stream& s = streams_[stream];
  std::vector<unsigned char> block(block_bytes_);
  for (uint64_t offset : s.blocks) {
    size_t got = 0;
    while (got < block_bytes_) {
      ssize_t n = pread(fd_, block.data() + got, block_bytes_ - got, static_cast<off_t>(offset + got));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return IoError(what_ + ": scratch file read failed: " + std::strerror(errno));
      if (n == 0) return IoError(what_ + ": scratch file read failed: shorter than written");
      got += static_cast<size_t>(n);
    }
    Status st = on_records(block.data(), block_bytes_ / record_bytes_);
    if (!st.ok()) return st;
  }
  if (s.used > 0) {
    Status st = on_records(s.buffer.data(), s.used / record_bytes_);
    if (!st.ok()) return st;
  }
  s = Stream{};  // frees the block buffer
  return Status::Ok();
}

}  // namespace jobsift

#include "io/byte_source.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <iconv.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

namespace jobsift {

std::string_view CompressionName(Compression c) {
  switch (c) {
    case Compression::kNone: return "none";
    case Compression::kGzip: return "gzip";
    case Compression::kZstd: return "zstd";
  }
  return "none";
}

namespace {

class FdSource : public ByteSource {
 public:
  FdSource(int fd, std::string name, bool owned, const std::atomic<bool>* cancel)
      : fd_(fd), name_(std::move(name)), owned_(owned), cancel_(cancel) {}
  ~FdSource() override {
    if (owned_) close(fd_);
  }
  StatusOr<size_t> Read(char* buf, size_t n) override {
    for (;;) {
      // Wait in short slices so that an interrupted run stops promptly even
      // when no data comes and the signal went to another thread.
      if (cancel_ != nullptr) {
        pollfd p{fd_, POLLIN, 0};
        int ready = poll(&p, 1, 100);
        if (cancel_->load(std::memory_order_relaxed)) return IoError(name_ + ": interrupted");
        if (ready == 0 || (ready < 0 && errno == EINTR)) continue;
      }
      ssize_t r = read(fd_, buf, n);
      if (r >= 0) {
        consumed_ += static_cast<uint64_t>(r);
        return static_cast<size_t>(r);
      }
      if (errno == EINTR) continue;
      return IoError(name_ + ": read failed: " + std::strerror(errno));
    }
  }
  uint64_t RawBytesConsumed() const override { return consumed_; }

 private:
  int fd_;
  std::string name_;
  bool owned_;
  const std::atomic<bool>* cancel_;
  uint64_t consumed_ = 0;
};

class ViewSource : public ByteSource {
 public:
  explicit ViewSource(std::string_view bytes) : bytes_(bytes) {}
  StatusOr<size_t> Read(char* buf, size_t n) override {
    size_t k = std::min(n, bytes_.size() - pos_);
    std::memcpy(buf, bytes_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  uint64_t RawBytesConsumed() const override { return pos_; }

 protected:
  std::string_view bytes_;
  size_t pos_ = 0;
};

class OwningSource : public ViewSource {
 public:
  explicit OwningSource(std::string bytes) : ViewSource({}), owned_(std::move(bytes)) {
    bytes_ = owned_;
  }

 private:
  std::string owned_;
};

constexpr size_t kInBufBytes = 1 << 18;

class GzipSource : public ByteSource {
 public:
  GzipSource(std::unique_ptr<ByteSource> inner, std::string name)
      : inner_(std::move(inner)), name_(std::move(name)), in_(kInBufBytes) {
    std::memset(&z_, 0, sizeof z_);
    inflateInit2(&z_, 15 + 32);  // zlib or gzip header, detected
  }
  ~GzipSource() override { inflateEnd(&z_); }

  StatusOr<size_t> Read(char* buf, size_t n) override {
    if (done_) return size_t{0};
    z_.next_out = reinterpret_cast<Bytef*>(buf);
    z_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    while (z_.avail_out > 0) {
      if (z_.avail_in == 0) {
        auto got = inner_->Read(in_.data(), in_.size());
        if (!got.ok()) return got.status();
        if (*got == 0) {
          if (!member_done_) return IoError(name_ + ": gzip stream is truncated");
          done_ = true;
          break;
        }
        z_.next_in = reinterpret_cast<Bytef*>(in_.data());
        z_.avail_in = static_cast<uInt>(*got);
      }
      if (member_done_) {
        // Another gzip member follows (concatenated .gz files).
        inflateReset(&z_);
        member_done_ = false;
      }
      int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        member_done_ = true;
        continue;
      }
      if (rc == Z_BUF_ERROR) continue;
      if (rc != Z_OK)
        return IoError(name_ + ": gzip data is corrupt (" + (z_.msg ? z_.msg : "inflate failed") + ")");
    }
    return static_cast<size_t>(z_.next_out - reinterpret_cast<Bytef*>(buf));
  }
  uint64_t RawBytesConsumed() const override { return inner_->RawBytesConsumed(); }

 private:
  std::unique_ptr<ByteSource> inner_;
  std::string name_;
  std::vector<char> in_;
  z_stream z_;
  bool member_done_ = false;
  bool done_ = false;
};

class ZstdSource : public ByteSource {
 public:
  ZstdSource(std::unique_ptr<ByteSource> inner, std::string name)
      : inner_(std::move(inner)), name_(std::move(name)), in_(ZSTD_DStreamInSize()) {
    ds_ = ZSTD_createDStream();
    ZSTD_initDStream(ds_);
  }
  ~ZstdSource() override { ZSTD_freeDStream(ds_); }

  StatusOr<size_t> Read(char* buf, size_t n) override {
    ZSTD_outBuffer out{buf, n, 0};
    while (out.pos < out.size) {
      if (inb_.pos == inb_.size) {
        if (eof_) break;
        auto got = inner_->Read(in_.data(), in_.size());
        if (!got.ok()) return got.status();
        if (*got == 0) {
          eof_ = true;
          if (frame_open_) return IoError(name_ + ": zstd stream is truncated");
          break;
        }
        inb_ = ZSTD_inBuffer{in_.data(), *got, 0};
      }
      size_t rc = ZSTD_decompressStream(ds_, &out, &inb_);
      if (ZSTD_isError(rc))
        return IoError(name_ + ": zstd data is corrupt (" + ZSTD_getErrorName(rc) + ")");
      frame_open_ = rc != 0;
    }
    return out.pos;
  }
  uint64_t RawBytesConsumed() const override { return inner_->RawBytesConsumed(); }

 private:
  std::unique_ptr<ByteSource> inner_;
  std::string name_;
  std::vector<char> in_;
  ZSTD_inBuffer inb_{nullptr, 0, 0};
  ZSTD_DStream* ds_;
  bool eof_ = false;
  bool frame_open_ = false;
};

class IconvSource : public ByteSource {
 public:
  IconvSource(std::unique_ptr<ByteSource> inner, iconv_t cd, uint64_t* invalid)
      : inner_(std::move(inner)), cd_(cd), invalid_(invalid), in_(kInBufBytes), staged_(kInBufBytes * 2) {}
  ~IconvSource() override { iconv_close(cd_); }
  static void Replacement(char*& out, size_t& out_left) {
    std::memcpy(out, "\xEF\xBF\xBD", 3);
    out += 3;
    out_left -= 3;
  }

  StatusOr<size_t> Read(char* buf, size_t n) override {
    // Convert into a staging buffer so that a small `n` never looks like
    // the end of the stream (one character may need up to 4 bytes).
    if (staged_pos_ == staged_len_) {
      auto got = Convert(staged_.data(), staged_.size());
      if (!got.ok()) return got.status();
      staged_pos_ = 0;
      staged_len_ = *got;
    }
    size_t k = std::min(n, staged_len_ - staged_pos_);
    std::memcpy(buf, staged_.data() + staged_pos_, k);
    staged_pos_ += k;
    return k;
  }
  uint64_t RawBytesConsumed() const override { return inner_->RawBytesConsumed(); }

 private:
  StatusOr<size_t> Convert(char* buf, size_t n) {
    char* out = buf;
    size_t out_left = n;
    while (out_left >= 8) {
      if (in_len_ == 0 || need_more_) {
        if (eof_) {
          if (in_len_ > 0) {  // a truncated multi-byte sequence at the very end
            *invalid_ += in_len_;
            in_len_ = 0;
            Replacement(out, out_left);
          }
          break;
        }
        std::memmove(in_.data(), in_.data() + in_pos_, in_len_);
        in_pos_ = 0;
        auto got = inner_->Read(in_.data() + in_len_, in_.size() - in_len_);
        if (!got.ok()) return got.status();
        if (*got == 0) eof_ = true;
        in_len_ += *got;
        need_more_ = false;
        continue;
      }
      char* ip = in_.data() + in_pos_;
      size_t il = in_len_;
      size_t rc = iconv(cd_, &ip, &il, &out, &out_left);
      in_pos_ += in_len_ - il;
      in_len_ = il;
      if (rc != static_cast<size_t>(-1)) continue;
      if (errno == E2BIG) break;
      if (errno == EINVAL) {  // incomplete sequence at the end of the buffer
        need_more_ = true;
      } else if (errno == EILSEQ) {  // an invalid byte: replace it and go on
        ++*invalid_;
        ++in_pos_;
        --in_len_;
        Replacement(out, out_left);
      } else {
        return IoError("encoding conversion failed");
      }
    }
    return static_cast<size_t>(out - buf);
  }

  std::unique_ptr<ByteSource> inner_;
  iconv_t cd_;
  uint64_t* invalid_;
  std::vector<char> in_;
  size_t in_pos_ = 0;
  size_t in_len_ = 0;
  bool eof_ = false;
  bool need_more_ = false;
  std::vector<char> staged_;
  size_t staged_pos_ = 0;
  size_t staged_len_ = 0;
};

}  // namespace

StatusOr<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path, const std::atomic<bool>* cancel) {
  if (path == "-") return std::unique_ptr<ByteSource>(new FdSource(0, "<stdin>", false, cancel));
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return NotFound(path + ": no such file");
    return IoError(path + ": cannot open: " + std::strerror(errno));
  }
  posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::unique_ptr<ByteSource>(new FdSource(fd, path, true, cancel));
}

std::unique_ptr<ByteSource> MemorySource(std::string_view bytes) {
  return std::make_unique<ViewSource>(bytes);
}
std::unique_ptr<ByteSource> OwnedMemorySource(std::string bytes) {
  return std::make_unique<OwningSource>(std::move(bytes));
}

StatusOr<std::string_view> PeekableSource::Peek(size_t n) {
  if (head_pos_ > 0) {
    head_.erase(0, head_pos_);
    head_pos_ = 0;
  }
  while (head_.size() < n) {
    size_t old = head_.size();
    head_.resize(n);
    auto got = inner_->Read(head_.data() + old, n - old);
    if (!got.ok()) {
      head_.resize(old);
      return got.status();
    }
    head_.resize(old + *got);
    if (*got == 0) break;
  }
  return std::string_view(head_);
}

StatusOr<size_t> PeekableSource::Read(char* buf, size_t n) {
  if (head_pos_ < head_.size()) {
    size_t k = std::min(n, head_.size() - head_pos_);
    std::memcpy(buf, head_.data() + head_pos_, k);
    head_pos_ += k;
    if (head_pos_ == head_.size()) {
      head_.clear();
      head_pos_ = 0;
    }
    return k;
  }
  return inner_->Read(buf, n);
}

Compression DetectCompression(std::string_view head) {
  if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
      static_cast<unsigned char>(head[1]) == 0x8b)
    return Compression::kGzip;
  if (head.size() >= 4 && head.substr(0, 4) == std::string_view("\x28\xb5\x2f\xfd", 4))
    return Compression::kZstd;
  return Compression::kNone;
}

std::unique_ptr<ByteSource> Decompress(std::unique_ptr<ByteSource> inner, Compression c,
                                       std::string name) {
  switch (c) {
    case Compression::kGzip: return std::make_unique<GzipSource>(std::move(inner), std::move(name));
    case Compression::kZstd: return std::make_unique<ZstdSource>(std::move(inner), std::move(name));
    case Compression::kNone: break;
  }
  return inner;
}

StatusOr<std::unique_ptr<ByteSource>> ConvertToUtf8(std::unique_ptr<ByteSource> inner,
                                                    const std::string& encoding,
                                                    uint64_t* invalid_bytes) {
  iconv_t cd = iconv_open("UTF-8", encoding.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1))
    return InvalidArgument("unknown encoding '" + encoding + "'");
  return std::unique_ptr<ByteSource>(new IconvSource(std::move(inner), cd, invalid_bytes));
}

StatusOr<std::string> ReadAll(ByteSource& source, size_t limit, const std::string& name) {
  // Appended from one small buffer, so the string grows geometrically and
  // nothing is zero-filled ahead of a read. (A megabyte resized in, zeroed,
  // for each read of an inflating source, which returns far less, was a
  // quarter of reading a folder of zipped xlsx files, and made it 2.5 times
  // slower under the malloc settings Dask gives its workers.)
  // A source that knows its size (a zip member) gets it reserved: one
  // allocation, faulted in once. The hint is the archive's word, so at
  // most kMostReserved: a directory that lies costs no memory.
  constexpr size_t kBuffer = 64 << 10;
  constexpr uint64_t kMostReserved = uint64_t{64} << 20;
  std::string out;
  if (uint64_t hint = source.SizeHint(); hint > 0)
    out.reserve(static_cast<size_t>(std::min({hint, uint64_t{limit}, kMostReserved})));
  std::unique_ptr<char[]> buffer(new char[kBuffer]);
  for (;;) {
    auto got = source.Read(buffer.get(), kBuffer);
    if (!got.ok()) return got.status();
    if (*got == 0) break;
    out.append(buffer.get(), *got);
    if (out.size() > limit)
      return DataError(name + ": larger than " + std::to_string(limit >> 20) + " MiB limit for in-memory formats");
  }
  return out;
}

}  // namespace jobsift

#include "pipeline/progress.h"

#include <cstdio>
#include <utility>

namespace jobsift {

std::string ProgressLine(uint64_t bytes, uint64_t total, bool total_known, uint64_t rows, double secs, bool final) {
  if (secs <= 0) secs = 1e-9;
  double mb = static_cast<double>(bytes) / 1e6;
  char buf[160];
  if (!total_known || total == 0) {
    std::snprintf(buf, sizeof buf, "%.0f MB  %llu rows  %.0f rows/s  %.0f MB/s", mb,
                  static_cast<unsigned long long>(rows), static_cast<double>(rows) / secs, mb / secs);
    return buf;
  }
  double pct = 100.0 * static_cast<double>(bytes) / static_cast<double>(total);
  double rate = static_cast<double>(bytes) / secs;
  double eta = (total > bytes && rate > 0) ? static_cast<double>(total - bytes) / rate : 0;
  std::snprintf(buf, sizeof buf, "%.0f MB (%.0f%%)  %llu rows  %.0f rows/s  %.0f MB/s  ETA %.0fs", mb, pct,
                static_cast<unsigned long long>(rows), static_cast<double>(rows) / secs, mb / secs, final ? 0.0 : eta);
  return buf;
}

void Progress::Start(bool enabled, uint64_t total_bytes, bool total_known, ProgressCallback callback) {
  callback_ = std::move(callback);
  enabled_ = enabled || callback_ != nullptr;
  total_known_ = total_known;
  total_ = total_bytes;
  start_ = last_ = std::chrono::steady_clock::now();
}

void Progress::SetBytes(uint64_t bytes_done) {
  bytes_ = bytes_done;
  Draw(false);
}

void Progress::AddRows(uint64_t rows) {
  rows_ += rows;
  Draw(false);
}

void Progress::Draw(bool final) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (!final && now - last_ < std::chrono::milliseconds(250)) return;
  last_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  if (callback_) {
    callback_(ProgressUpdate{bytes_, total_known_ ? total_ : 0, rows_, secs, final});
    return;
  }
  std::fprintf(stderr, "\r\033[K%s", ProgressLine(bytes_, total_, total_known_, rows_, secs, final).c_str());
  if (final) std::fputc('\n', stderr);
  std::fflush(stderr);
}

void Progress::Finish() {
  if (enabled_) {
    if (total_known_ && total_ > bytes_) bytes_ = total_;
    Draw(true);
  }
}

}  // namespace jobsift

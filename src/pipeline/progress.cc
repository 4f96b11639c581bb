#include "pipeline/progress.h"

#include <cstdio>

namespace jobsift {

void Progress::Start(bool enabled, uint64_t total_bytes) {
  enabled_ = enabled;
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
  if (secs <= 0) secs = 1e-9;
  double mb = static_cast<double>(bytes_) / 1e6;
  double pct = total_ > 0 ? 100.0 * static_cast<double>(bytes_) / static_cast<double>(total_) : 0;
  double rate = static_cast<double>(bytes_) / secs;
  double eta = (total_ > bytes_ && rate > 0) ? static_cast<double>(total_ - bytes_) / rate : 0;
  std::fprintf(stderr, "\r\033[K%.0f MB (%.0f%%)  %llu rows  %.0f rows/s  %.0f MB/s  ETA %.0fs", mb, pct,
               static_cast<unsigned long long>(rows_), static_cast<double>(rows_) / secs, mb / secs,
               final ? 0.0 : eta);
  if (final) std::fputc('\n', stderr);
  std::fflush(stderr);
}

void Progress::Finish() {
  if (enabled_) {
    if (total_ > bytes_) bytes_ = total_;
    Draw(true);
  }
}

}  // namespace jobsift

// Outputs that appear whole or not at all. Every file jobsift writes for a
// user (annotations, tables, the workbook, report.html, summary.json, state
// files, generated postings, model weights, the PDF) goes through here:
// written under a temporary name beside it and renamed into place when
// complete, so a run that fails or is interrupted half-way never leaves a
// file that looks done. The temporary name is the writer's own
// (`<path>.<pid>-<serial>.tmp`): two processes or threads writing the same
// output each rename a whole file of their own, and the last one wins,
// never a mix of both (a shared `<path>.tmp` let their bytes interleave).
//
// Not for: scratch files (base/temp_file.h) or caches a reader may ignore
// (the matcher's compiled databases).
#ifndef JOBSIFT_IO_ATOMIC_FILE_H_
#define JOBSIFT_IO_ATOMIC_FILE_H_

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "jobsift/status.h"

namespace jobsift {

class AtomicFile {
 public:
  // "-" is standard output; a path that exists and is not a regular file
  // (/dev/null, a pipe) is written as it goes. Both have no temporary name.
  static StatusOr<std::unique_ptr<AtomicFile>> Open(const std::string& path);
  ~AtomicFile();  // removes the temporary file unless Commit() succeeded
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::FILE* stream() const { return f_; }
  const std::string& path() const { return path_; }
  bool to_stdout() const { return path_ == "-"; }

  // Flushes, closes and renames into place; `failed` says a writer already
  // saw an error (nothing is renamed then). On any failure the temporary
  // file is removed and the Status names the path.
  Status Commit(bool failed = false);

 private:
  AtomicFile(std::string path, std::string tmp, std::FILE* f) : path_(std::move(path)), tmp_(std::move(tmp)), f_(f) {}
  std::string path_;
  std::string tmp_;  // "" when written directly
  std::FILE* f_;
  bool done_ = false;
};

// The temporary name a writer of `path` uses: unique to this process and call.
std::string TemporaryNameFor(const std::string& path);
// The whole of `bytes` to `path`, atomically.
Status WriteFileAtomic(const std::string& path, std::string_view bytes);

// For writers that take a path of their own (the workbook, Chromium's PDF):
// `write` writes the temporary path it is given; it is renamed into place
// when `write` succeeds and removed when it fails.
Status WriteThroughTemp(const std::string& path, const std::function<Status(const std::string& tmp)>& write);

}  // namespace jobsift

#endif  // JOBSIFT_IO_ATOMIC_FILE_H_

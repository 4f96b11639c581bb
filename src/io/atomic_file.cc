#include "io/atomic_file.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace jobsift {

std::string TemporaryNameFor(const std::string& path) {
  static std::atomic<uint64_t> serial{0};
  return path + "." + std::to_string(getpid()) + "-" + std::to_string(serial++) + ".tmp";
}

StatusOr<std::unique_ptr<AtomicFile>> AtomicFile::Open(const std::string& path) {
  if (path == "-") return std::unique_ptr<AtomicFile>(new AtomicFile(path, "", stdout));
  std::error_code ec;
  auto kind = std::filesystem::status(path, ec).type();
  bool direct = kind != std::filesystem::file_type::not_found && kind != std::filesystem::file_type::regular;
  std::string tmp = direct ? "" : TemporaryNameFor(path);
  std::FILE* f = std::fopen(direct ? path.c_str() : tmp.c_str(), direct ? "wb" : "wbx");
  if (f == nullptr) return IoError((direct ? path : tmp) + ": cannot write: " + std::strerror(errno));
  return std::unique_ptr<AtomicFile>(new AtomicFile(path, std::move(tmp), f));
}

AtomicFile::~AtomicFile() {
  if (done_) return;
  if (!to_stdout()) std::fclose(f_);
  if (!tmp_.empty()) std::remove(tmp_.c_str());
}

Status AtomicFile::Commit(bool failed) {
  done_ = true;
  bool bad = failed || std::fflush(f_) != 0 || std::ferror(f_);
  int err = errno;
  if (to_stdout()) return bad ? IoError("stdout: write failed: " + std::string(std::strerror(err))) : Status::Ok();
  bad |= std::fclose(f_) != 0;
  if (bad) {
    std::string why = std::strerror(errno != 0 ? errno : err);
    if (!tmp_.empty()) std::remove(tmp_.c_str());
    return IoError(path_ + ": write failed: " + why);
  }
  if (tmp_.empty()) return Status::Ok();
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
    std::string why = std::strerror(errno);
    std::remove(tmp_.c_str());
    return IoError(path_ + ": cannot rename into place: " + why);
  }
  return Status::Ok();
}

Status WriteFileAtomic(const std::string& path, std::string_view bytes) {
  auto f = AtomicFile::Open(path);
  if (!f.ok()) return f.status();
  bool bad = std::fwrite(bytes.data(), 1, bytes.size(), (*f)->stream()) != bytes.size();
  return (*f)->Commit(bad);
}

Status WriteThroughTemp(const std::string& path, const std::function<Status(const std::string& tmp)>& write) {
  std::string tmp = TemporaryNameFor(path);
  Status st = write(tmp);
  if (!st.ok()) {
    std::remove(tmp.c_str());
    return st;
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string why = std::strerror(errno);
    std::remove(tmp.c_str());
    return IoError(path + ": cannot rename into place: " + why);
  }
  return Status::Ok();
}

}  // namespace jobsift

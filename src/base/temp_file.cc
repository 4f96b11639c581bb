#include "base/temp_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace jobsift {

StatusOr<UniqueFile> OpenScratchFile(const std::string& dir, size_t buffer_bytes) {
  std::string pattern = (dir.empty() ? std::string(".") : dir) + "/.jobsift-scratch-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = mkstemp(name.data());
  if (fd < 0) return IoError(pattern + ": cannot create a scratch file: " + std::strerror(errno));
  unlink(name.data());
  UniqueFile f(fdopen(fd, "w+b"));
  if (!f) {
    close(fd);
    return IoError(pattern + ": cannot open a scratch file: " + std::strerror(errno));
  }
  // Fully buffered, stdio owning the buffer (nullptr, freed at fclose); or
  // unbuffered.
  if (buffer_bytes == 0) {
    std::setvbuf(f.get(), nullptr, _IONBF, 0);
  } else {
    std::setvbuf(f.get(), nullptr, _IOFBF, buffer_bytes);
  }
  return f;
}

}  // namespace jobsift

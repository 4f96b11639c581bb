#include "base/data_dir.h"

#include <cstdlib>

namespace jobsift {

std::string DefaultDataDir() {
  const char* env = std::getenv("JOBSIFT_DATA_DIR");
  if (env != nullptr && *env != '\0') return env;
  return JOBSIFT_DATA_DIR;
}

}  // namespace jobsift

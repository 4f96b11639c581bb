#include "jobsift/check.h"

#include <cstdio>
#include <cstdlib>

namespace jobsift::internal {

void CheckFailed(const char* file, int line, const char* condition, const char* what) {
  std::fprintf(stderr, "jobsift: internal error at %s:%d: %s (%s). Please report it with the command that led here.\n",
               file, line, what, condition);
  std::abort();
}

}  // namespace jobsift::internal

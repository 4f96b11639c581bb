// Invariant checks. A broken invariant is a bug in jobsift, never bad input
// (bad input is a Status or a counted reject): the process says where and
// stops, rather than go on and present a wrong number as right.
//
//   JOBSIFT_CHECK(cond, "what broke")   always on: where a wrong result would
//                                       follow (a scan that silently failed)
//   JOBSIFT_DCHECK(cond)                debug and sanitizer builds only: cheap
//                                       to state, too hot to test in release
#ifndef JOBSIFT_CHECK_H_
#define JOBSIFT_CHECK_H_

namespace jobsift::internal {
[[noreturn]] void CheckFailed(const char* file, int line, const char* condition, const char* what);
}  // namespace jobsift::internal

#define JOBSIFT_CHECK(cond, what)                                                    \
  do {                                                                               \
    if (!(cond)) ::jobsift::internal::CheckFailed(__FILE__, __LINE__, #cond, what);  \
  } while (0)

#ifdef NDEBUG
// Not evaluated, but still compiled: a check cannot rot in release builds.
#define JOBSIFT_DCHECK(cond) \
  do {                       \
    (void)sizeof(!(cond));   \
  } while (0)
#else
#define JOBSIFT_DCHECK(cond) JOBSIFT_CHECK(cond, "debug check")
#endif

#endif  // JOBSIFT_CHECK_H_

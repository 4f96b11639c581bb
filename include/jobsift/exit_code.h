// Exit codes shared by every command (docs/reading.md, "Exit codes").
#ifndef JOBSIFT_EXIT_CODE_H_
#define JOBSIFT_EXIT_CODE_H_

namespace jobsift {

inline constexpr int kExitOk = 0;       // everything read
inline constexpr int kExitRejects = 1;  // finished, but rows were rejected or an input held no rows
inline constexpr int kExitFailure = 2;  // bad usage, or an input could not be read

}  // namespace jobsift

#endif  // JOBSIFT_EXIT_CODE_H_

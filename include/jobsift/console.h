// Where a command's words go. The library never prints: a command hands its
// result (what `jobsift scan` prints on stdout) and its messages (warnings
// about the inputs, the closing line) to a Console, and the caller decides
// where they land: the CLI's stdout and stderr, a Python logger, a server's
// response.
#ifndef JOBSIFT_CONSOLE_H_
#define JOBSIFT_CONSOLE_H_

#include <string>
#include <string_view>

#include "jobsift/status.h"

namespace jobsift {

enum class Severity {
  kInfo,     // what was written where: the closing line
  kWarning,  // the result stands, but the user should know (a field without a column)
  kError,    // an input that could not be read; the command's exit code says how bad
};

class Console {
 public:
  virtual ~Console() = default;
  // The command's result, in order; a failed write is an IoError and ends
  // the command.
  virtual Status Out(std::string_view text) = 0;
  // One line, without a trailing newline. A command that fails may have
  // said its Status's message already, as the first of several lines: a
  // console shows an error line once.
  virtual void Say(Severity severity, const std::string& line) = 0;
};

}  // namespace jobsift

#endif  // JOBSIFT_CONSOLE_H_

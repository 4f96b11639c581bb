// Status and StatusOr: how jobsift reports setup failures (a missing file, a
// bad config line, an unreadable archive). Bad *data* is not an error: parsers
// return value types with a reason (see src/fields/parsed.h) and the run keeps
// a tally (src/pipeline/diagnostics.h). The library never throws.
#ifndef JOBSIFT_STATUS_H_
#define JOBSIFT_STATUS_H_

#include <optional>
#include <string>
#include <utility>

#include "jobsift/check.h"

namespace jobsift {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // a bad flag, config value or lexicon line
  kNotFound,         // a missing file
  kIoError,          // a read or write that failed
  kDataError,        // an input that cannot be read at all (no columns, bad archive)
  kInterrupted,      // stopped by a signal (RunOptions::cancel) before the end
  kInternal,
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // One line that names the place, e.g. "data/x.csv: no recognisable columns".
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) {
  return Status(StatusCode::kInvalidArgument, std::move(m));
}
inline Status NotFound(std::string m) {
  return Status(StatusCode::kNotFound, std::move(m));
}
inline Status IoError(std::string m) {
  return Status(StatusCode::kIoError, std::move(m));
}
inline Status DataError(std::string m) {
  return Status(StatusCode::kDataError, std::move(m));
}
inline Status Interrupted(std::string m) {
  return Status(StatusCode::kInterrupted, std::move(m));
}

// Either a value or a non-ok Status. Accessing value() of a failed StatusOr
// is a programmer error (a JOBSIFT_DCHECK in debug builds).
template <class T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) {  // NOLINT
    JOBSIFT_DCHECK(!status_.ok());  // an ok StatusOr holds a value
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() & { return Checked(), *value_; }
  const T& value() const& { return Checked(), *value_; }
  T&& value() && { return Checked(), std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }

 private:
  void Checked() const { JOBSIFT_DCHECK(value_.has_value()); }
  Status status_;
  std::optional<T> value_;
};

}  // namespace jobsift

#define JOBSIFT_RETURN_IF_ERROR(expr)          \
  do {                                         \
    ::jobsift::Status _st = (expr);            \
    if (!_st.ok()) return _st;                 \
  } while (0)

#endif  // JOBSIFT_STATUS_H_

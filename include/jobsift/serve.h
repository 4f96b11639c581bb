// `jobsift serve`: a read-only dashboard and JSON API over loaded states
// (jobsift/views.h), on loopback unless told otherwise (docs/serve.md).
// Declared here, built into the jobsift_serve library (src/serve/), which
// the CLI links and the product library does not.
#ifndef JOBSIFT_SERVE_H_
#define JOBSIFT_SERVE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "jobsift/console.h"
#include "jobsift/options.h"
#include "jobsift/status.h"
#include "jobsift/views.h"

namespace jobsift {

struct ServeOptions {
  std::string host = "127.0.0.1";  // loopback: only this machine reaches it
  int port = 8080;                 // 0: any free port (DashboardServer::port says which)
  size_t threads = 8;              // connections served at once
  size_t queue = 32;               // connections waiting beyond those; more get 503
  size_t computing = 0;            // views computed at once (0: the cores); the rest wait
  size_t cached_views = 64;        // views kept beyond the single filters', most recently used first
  // After the start, compute the view of every single filter (each city,
  // province, tier, industry, degree, size, experience, half-year, quarter
  // and other definition) in the background and keep them: bounded by the
  // number of values, not of postings.
  bool warm = true;
  int timeout_seconds = 5;         // to read a request, to write an answer
  TableChoices tables;             // min_n, top cities and industries of every view
};

class DashboardServer {
 public:
  // Binds and starts serving `run` on threads of its own. An address that
  // cannot be bound is an IoError naming it.
  static StatusOr<std::unique_ptr<DashboardServer>> Start(const LoadedRun& run, const ServeOptions& options);
  ~DashboardServer();  // Stop()
  int port() const;
  // Stops listening, lets the requests in flight finish, and returns.
  void Stop();

  struct Impl;

 private:
  explicit DashboardServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The states of `paths`: state files as they are, and for a folder (a
// report's output folder) the *.state files in it, sorted.
StatusOr<std::vector<std::string>> StatesOf(const std::vector<std::string>& paths);

// The command: loads the states, serves until SIGINT or SIGTERM, then stops
// cleanly (returns kExitOk). Says the address on the Console's Out first.
struct ServeRequest {
  std::vector<std::string> paths;
  ServeOptions options;
};
StatusOr<int> Serve(const RunOptions& run, const ServeRequest& request, Console& console);

}  // namespace jobsift

#endif  // JOBSIFT_SERVE_H_

#include "report/pdf.h"

#include <signal.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "io/atomic_file.h"

extern char** environ;

namespace jobsift {
namespace {

bool IsExecutable(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(path.c_str(), X_OK) == 0;
}

// The last lines of Chromium's log, without its harmless D-Bus complaints.
std::string LogTail(const std::string& path) {
  std::ifstream in(path);
  std::string line, out;
  std::vector<std::string> lines;
  while (std::getline(in, line))
    if (line.find("dbus") == std::string::npos && !line.empty()) lines.push_back(line);
  for (size_t i = lines.size() > 5 ? lines.size() - 5 : 0; i < lines.size(); ++i) out += "\n  " + lines[i];
  return out;
}

}  // namespace

StatusOr<std::string> FindChromium() {
  if (const char* env = std::getenv("JOBSIFT_CHROMIUM"); env != nullptr && *env != '\0') {
    if (IsExecutable(env)) return std::string(env);
    return NotFound(std::string("JOBSIFT_CHROMIUM=") + env + " is not an executable file");
  }
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  std::vector<std::string> folders;
  for (std::string dir; std::getline(dirs, dir, ':');)
    if (!dir.empty()) folders.push_back(dir);
  for (const char* name : {"chromium", "chromium-browser", "google-chrome-stable", "google-chrome"})
    for (const auto& dir : folders)
      if (IsExecutable(dir + "/" + name)) return dir + "/" + name;
  return NotFound(
      "--pdf needs headless Chromium, and none was found on PATH (chromium, chromium-browser, google-chrome) or in "
      "$JOBSIFT_CHROMIUM; on Debian: apt install chromium (scripts/setup.sh installs it)");
}

Status PrintToPdf(const std::string& html_path, const std::string& pdf_path, int timeout_seconds) {
  auto chromium = FindChromium();
  if (!chromium.ok()) return chromium.status();
  std::error_code ec;
  std::filesystem::path html = std::filesystem::absolute(html_path, ec);
  if (ec || !std::filesystem::exists(html)) return NotFound(html_path + ": no such page to print");
  char tmpl[] = "/tmp/jobsift_pdf_XXXXXX";
  if (mkdtemp(tmpl) == nullptr) return IoError(std::string("cannot make a temporary folder: ") + std::strerror(errno));
  const std::string profile = tmpl;
  const std::string log = profile + "/chromium.log";
  const std::string tmp = TemporaryNameFor(pdf_path);
  auto cleanup = [&] { std::filesystem::remove_all(profile, ec); };

  // Virtual time lets the page's timers run (the word cloud lays out on
  // one) before printing, without waiting for them in real time.
  std::vector<std::string> args = {*chromium,
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--no-first-run",
                                   "--disable-background-networking",
                                   "--disable-component-update",
                                   "--disable-sync",
                                   "--disable-extensions",
                                   "--user-data-dir=" + profile,
                                   "--no-pdf-header-footer",
                                   "--virtual-time-budget=15000",
                                   "--print-to-pdf=" + tmp,
                                   "file://" + html.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid;
  int err = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (err != 0) {
    cleanup();
    return IoError(*chromium + ": cannot start: " + std::strerror(err));
  }
  int status = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  while (true) {
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) {
      cleanup();
      return IoError(std::string("waiting for Chromium: ") + std::strerror(errno));
    }
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      std::string tail = LogTail(log);
      cleanup();
      std::remove(tmp.c_str());
      return IoError(pdf_path + ": Chromium did not finish printing within " + std::to_string(timeout_seconds) + " s" +
                     tail);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::string tail = LogTail(log);
  cleanup();
  bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  std::ifstream pdf(tmp, std::ios::binary);
  char magic[5] = {};
  pdf.read(magic, 5);
  if (!ok || std::string(magic, 5) != "%PDF-") {
    std::remove(tmp.c_str());
    return IoError(pdf_path + ": Chromium did not print the report (" +
                   (WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status)) : std::string("killed")) +
                   ")" + tail);
  }
  if (std::rename(tmp.c_str(), pdf_path.c_str()) != 0) return IoError(pdf_path + ": cannot rename into place");
  return Status::Ok();
}

}  // namespace jobsift

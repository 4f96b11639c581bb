// jobsift command line: a thin shell over the library. Flags are defined
// here once (CLI11 generates --help); every command's logic lives in src/.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "jobsift/version.h"
#include "pipeline/config.h"
#include "pipeline/reader.h"
#include "pipeline/scan_report.h"

namespace jobsift {
namespace {

struct CommonFlags {
  std::vector<std::string> inputs;
  std::string config_path;
  int threads = 0;
  std::string delimiter;
  std::string encoding;
  size_t max_field_bytes = 0;
  size_t max_record_bytes = 0;
  std::string rejects_path;
  bool quiet = false;
};

void AddReadFlags(CLI::App* cmd, CommonFlags& f) {
  cmd->add_option("inputs", f.inputs, "Files, directories (read recursively, sorted) or - for stdin")->required();
  cmd->add_option("--config", f.config_path, "TOML config (see docs/config.md)");
  cmd->add_option("--threads,-j", f.threads, "Worker threads (default: all cores)")->check(CLI::Range(1, 256));
  cmd->add_option("--delimiter", f.delimiter, "CSV delimiter: , tab ; | (default: detected)");
  cmd->add_option("--encoding", f.encoding, "Input encoding, e.g. GB18030 (default: detected)");
  cmd->add_option("--max-field-bytes", f.max_field_bytes, "Reject rows with a larger field (default 2 MiB)");
  cmd->add_option("--max-record-bytes", f.max_record_bytes, "Reject larger records (default 64 MiB)");
  cmd->add_option("--rejects", f.rejects_path, "Write rejected rows here (TSV)");
  cmd->add_flag("--quiet,-q", f.quiet, "No progress on stderr");
}

// Builds the read options: config file first, flags over it.
bool MakeConfig(const CommonFlags& f, Config* config) {
  if (!f.config_path.empty()) {
    Status st = LoadConfig(f.config_path, config);
    if (!st.ok()) {
      std::fprintf(stderr, "jobsift: %s\n", st.message().c_str());
      return false;
    }
  }
  ReadOptions& o = config->read;
  if (f.threads > 0) o.threads = f.threads;
  if (!f.delimiter.empty()) {
    std::string d = f.delimiter;
    if (d == "tab" || d == "\\t") d = "\t";
    if (d == "comma") d = ",";
    if (d == "semicolon") d = ";";
    if (d == "pipe") d = "|";
    if (d.size() != 1) {
      std::fprintf(stderr, "jobsift: --delimiter must be one character (or tab)\n");
      return false;
    }
    o.delimiter = d[0];
  }
  if (!f.encoding.empty()) o.encoding = f.encoding;
  if (f.max_field_bytes > 0) o.max_field_bytes = f.max_field_bytes;
  if (f.max_record_bytes > 0) o.max_record_bytes = f.max_record_bytes;
  if (!f.rejects_path.empty()) o.rejects_path = f.rejects_path;
  o.progress = !f.quiet && isatty(2);
  return true;
}

int RunScan(const CommonFlags& f, bool json) {
  Config config;
  if (!MakeConfig(f, &config)) return kExitFailure;
  auto summary = ReadPostings(f.inputs, config.read, nullptr);
  if (!summary.ok()) {
    std::fprintf(stderr, "jobsift: %s\n", summary.status().message().c_str());
    return kExitFailure;
  }
  std::string out = json ? ScanJson(*summary) : ScanText(*summary);
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    std::fprintf(stderr, "jobsift: cannot write output\n");
    return kExitFailure;
  }
  for (const auto& e : summary->errors) std::fprintf(stderr, "jobsift: %s\n", e.c_str());
  return ExitCodeFor(*summary);
}

}  // namespace
}  // namespace jobsift

int main(int argc, char** argv) {
  using namespace jobsift;
  CLI::App app{"jobsift: labour-market intelligence from job postings"};
  app.set_version_flag("--version", std::string("jobsift ") + JOBSIFT_VERSION);
  app.require_subcommand(1);

  CommonFlags scan_flags;
  bool scan_json = false;
  CLI::App* scan = app.add_subcommand("scan", "Read inputs and summarise rows, rejects, formats and column mapping");
  AddReadFlags(scan, scan_flags);
  scan->add_flag("--json", scan_json, "Print the summary as JSON");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : kExitFailure;
  }
  if (*scan) return RunScan(scan_flags, scan_json);
  return kExitFailure;
}

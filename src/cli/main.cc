// jobsift command line: a thin shell over the library. Flags are defined
// here once (CLI11 generates --help); every command's logic lives in src/.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "jobsift/version.h"
#include "pipeline/config.h"
#include "pipeline/profile.h"
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
  std::string data_dir;
  std::string reference_date;
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

void AddFieldFlags(CLI::App* cmd, CommonFlags& f) {
  cmd->add_option("--data-dir", f.data_dir, "Directory of the data tables (default: the build's data/)");
  cmd->add_option("--reference-date", f.reference_date,
                  "Date that resolves year-less and relative dates (04-20, 昨天, 3天前); default: none, they are unknown");
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
  if (!f.data_dir.empty()) config->fields.data_dir = f.data_dir;
  if (!f.reference_date.empty()) {
    Status st = ParseReferenceDate(f.reference_date, &config->fields.date);
    if (!st.ok()) {
      std::fprintf(stderr, "jobsift: --reference-date: %s\n", st.message().c_str());
      return false;
    }
  }
  return true;
}

bool WriteStdout(const std::string& out) {
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    std::fprintf(stderr, "jobsift: cannot write output: %s\n", std::strerror(errno));
    return false;
  }
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
  if (!WriteStdout(json ? ScanJson(*summary) : ScanText(*summary))) return kExitFailure;
  for (const auto& e : summary->errors) std::fprintf(stderr, "jobsift: %s\n", e.c_str());
  return ExitCodeFor(*summary);
}

int RunProfile(const CommonFlags& f, bool json, size_t top_n) {
  Config config;
  if (!MakeConfig(f, &config)) return kExitFailure;
  auto normalizer = FieldNormalizer::Load(config.fields);
  if (!normalizer.ok()) {
    std::fprintf(stderr, "jobsift: %s\n", normalizer.status().message().c_str());
    return kExitFailure;
  }
  ProfileJob job(normalizer->get());
  auto summary = ReadPostings(f.inputs, config.read, &job);
  if (!summary.ok()) {
    std::fprintf(stderr, "jobsift: %s\n", summary.status().message().c_str());
    return kExitFailure;
  }
  if (!WriteStdout(json ? ProfileJson(*summary, job, top_n) : ProfileText(*summary, job, top_n))) return kExitFailure;
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

  CommonFlags profile_flags;
  bool profile_json = false;
  size_t profile_top = 20;
  CLI::App* profile =
      app.add_subcommand("profile", "Parse every field and show parse rates, unknowns by reason and unparsed values");
  AddReadFlags(profile, profile_flags);
  AddFieldFlags(profile, profile_flags);
  profile->add_flag("--json", profile_json, "Print the profile as JSON");
  profile->add_option("--top", profile_top, "How many unparsed values to list per field")->check(CLI::Range(0, 100000));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : kExitFailure;
  }
  if (*scan) return RunScan(scan_flags, scan_json);
  if (*profile) return RunProfile(profile_flags, profile_json, profile_top);
  return kExitFailure;
}

// jobsift: the command line over the library (include/jobsift/commands.h).
// Flags become RunOptions and a request; the library does the work; this
// file prints what it returns.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "jobsift/commands.h"
#include "jobsift/flags.h"
#include "jobsift/serve.h"
#include "jobsift/version.h"

namespace jobsift {
namespace {

// Results to stdout; messages to stderr as "jobsift: …" lines, an error
// once. Quiet keeps errors only.
class StdConsole : public Console {
 public:
  explicit StdConsole(bool quiet) : quiet_(quiet) {}
  Status Out(std::string_view text) override {
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (std::fflush(stdout) != 0 || std::ferror(stdout))
      return IoError(std::string("cannot write output: ") + std::strerror(errno));
    return Status::Ok();
  }
  void Say(Severity s, const std::string& line) override {
    if (quiet_ && s != Severity::kError) return;
    if (s == Severity::kError && !errors_.insert(line).second) return;  // said already
    std::fprintf(stderr, s == Severity::kWarning ? "jobsift: warning: %s\n" : "jobsift: %s\n", line.c_str());
  }

 private:
  bool quiet_;
  std::set<std::string> errors_;
};

// Flags shared by several commands, bound to one RunOptions: only one
// command runs.
void AddReadFlags(CommandLine& cmd, RunOptions& r, bool& quiet) {
  cmd.Words("inputs", &r.inputs, "Files, directories (read recursively, sorted) or - for stdin").Required();
  cmd.Text("--config", &r.config_path, "TOML config (see docs/config.md)");
  cmd.Number("--threads,-j", &r.threads, 1, 256, "Threads, the reader included (default: all cores)");
  cmd.Text("--delimiter", &r.delimiter, "CSV delimiter: , tab ; | (default: detected)");
  cmd.Text("--encoding", &r.encoding, "Input encoding, e.g. GB18030 (default: detected)");
  cmd.Number("--max-field-bytes", &r.max_field_bytes, 1, int64_t{1} << 32, "Reject rows with a larger field (default 2 MiB)");
  cmd.Number("--max-record-bytes", &r.max_record_bytes, 1, int64_t{1} << 32, "Reject larger records (default 64 MiB)");
  cmd.Text("--rejects", &r.rejects_path, "Write rejected rows here (TSV)");
  cmd.Switch("--quiet,-q", &quiet, "Print only errors on stderr: no progress, warnings or closing line");
}

void AddLexiconFolderFlags(CommandLine& cmd, RunOptions& r) {
  cmd.Text("--lexicons", &r.lexicon_overlay,
           "Overlay folder (ai/ hard/ soft/ benefit/) that adds to or overrides the lexicons term by term and "
           "group by group (docs/lexicon-format.md)");
  cmd.Text("--lexicon-set", &r.lexicon_set, "A whole lexicon set used instead of the shipped one (default: data/lexicons)");
}

void AddLexiconFlags(CommandLine& cmd, RunOptions& r) {
  AddLexiconFolderFlags(cmd, r);
  cmd.Text("--ai-definition", &r.ai_definition,
           "What counts as an AI job: core (B builders), default (B+A, and application engineers), broad "
           "(B+A+D, and data work), report (any AI term anywhere), or a [definitions] name of the config "
           "(docs/classification.md)");
  cmd.Text("--classifier", &r.classifier,
           "What gives each posting its category: model (default; data/model/category_weights.tsv) or rules "
           "(the transparent baseline)");
  cmd.Text("--category-model", &r.category_model, "The model's weights file (default: data/model/category_weights.tsv)");
  cmd.Text("--ai-rule", &r.ai_rule,
           "As before categories: default (= --classifier rules --ai-definition default) or report "
           "(= --ai-definition report)");
  cmd.Switch("--t2s", &r.traditional_to_simplified, "Convert traditional to simplified Chinese before matching (OpenCC)");
}

void AddFieldFlags(CommandLine& cmd, RunOptions& r) {
  cmd.Text("--data-dir", &r.data_dir, "Directory of the data tables (default: the build's data/)");
  cmd.Text("--reference-date", &r.reference_date,
           "Date that resolves year-less and relative dates (04-20, 昨天, 3天前); default: none, they are unknown");
}

// --half, --min-n, --top-cities, --top-industries, --city, --industry of
// report and merge.
void AddTableFlags(CommandLine& cmd, TableChoices& t, RunOptions* filter) {
  cmd.Text("--half", &t.half,
           "Half-year of the single-period tables, e.g. 2024H1 (default: the latest holding a quarter of the "
           "busiest half-year's postings and --min-n AI postings)")
      .Check([](const std::string& v) {
        return v.size() == 6 && v[4] == 'H' && (v[5] == '1' || v[5] == '2') ? std::string() : "use the form 2024H1";
      });
  cmd.Number("--min-n", &t.min_n, 0, 1000000000, "Cells with fewer postings are flagged small_n (default 30)");
  if (filter == nullptr) return;
  cmd.Number("--top-cities", &t.top_cities, 1, 1000, "Cities in city tables (default 10)");
  cmd.Number("--top-industries", &t.top_industries, 1, 1000, "Industries in industry tables (default 20)");
  cmd.Text("--city", &filter->city, "Tables for this city only, e.g. 北京 (as the city field reads it: 北京市 is 北京)");
  cmd.Text("--industry", &filter->industry, "Tables for this industry only, e.g. 教育 (a canonical name or an alias)");
}

}  // namespace
}  // namespace jobsift

int main(int argc, char** argv) {
  using namespace jobsift;
  CommandLine cli("jobsift", "labour-market intelligence from job postings");
  cli.Version(std::string("jobsift ") + JOBSIFT_VERSION);
  cli.NeedsCommand();
  RunOptions run;
  TableChoices tables;
  bool quiet = false, json = false;

  CommandLine& scan = cli.Command("scan", "Read inputs and summarise rows, rejects, formats and column mapping");
  AddReadFlags(scan, run, quiet);
  scan.Switch("--json", &json, "Print the summary as JSON");

  size_t top = 20;
  CommandLine& profile = cli.Command("profile", "Parse every field and show parse rates, unknowns by reason and unparsed values");
  AddReadFlags(profile, run, quiet);
  AddFieldFlags(profile, run);
  profile.Switch("--json", &json, "Print the profile as JSON");
  profile.Number("--top", &top, 0, 100000, "How many unparsed values to list per field");

  AnnotateRequest an;
  std::string keep;
  bool no_bom = false;
  CommandLine& annotate = cli.Command("annotate", "Write one annotated row per posting (.jsonl or .csv)");
  AddReadFlags(annotate, run, quiet);
  AddFieldFlags(annotate, run);
  AddLexiconFlags(annotate, run);
  annotate.Text("--output,-o", &an.output, "Output file: .jsonl or .csv, or - for JSON Lines on stdout").Required();
  annotate.Text("--keep", &keep, "Pass these input columns through, by header name, comma-separated (JSON: \"input\" object; CSV: input.<name> columns)");
  annotate.Switch("--keep-all", &an.keep_all, "Pass every input column through");
  annotate.Switch("--explain", &an.explain,
                  "category_evidence: the model's features that decided each category, with how far each "
                  "pushed it past the runner-up (slower)");
  annotate.Switch("--no-bom", &no_bom, "CSV without the UTF-8 byte-order mark (by default it has one, so Excel reads it as UTF-8)");

  CommandLine& lexicon = cli.Command("lexicon", "Lexicon tools");
  lexicon.NeedsCommand();
  std::vector<std::string> lexicon_paths;
  CommandLine& check = lexicon.Command("check", "Validate lexicon files or folders and count their terms");
  check.Words("paths", &lexicon_paths, "Group files or folders (ai/ hard/ soft/ benefit/; default: data/lexicons)");
  check.Text("--lexicons", &run.lexicon_overlay, "An overlay to apply: shows the merged lexicons");
  CommandLine& terms = lexicon.Command("terms", "Print every term as matched (folded), one a line");
  terms.Words("paths", &lexicon_paths, "Group files or folders (default: data/lexicons)");
  terms.Text("--lexicons", &run.lexicon_overlay, "An overlay to apply first");

  ReportRequest rep;
  CommandLine& report = cli.Command("report", "Aggregate postings into the analysis tables (CSV, JSON, Excel), report.html and summary.json");
  AddReadFlags(report, run, quiet);
  AddFieldFlags(report, run);
  AddLexiconFlags(report, run);
  report.Text("--output,-o", &rep.output_dir, "Output folder").Required();
  report.Text("--dedup", &rep.dedup, "Duplicates: exact (same company, title, city, description in a half-year) or none");
  report.Text("--state", &rep.state, "Also save the run's state here, for jobsift merge (docs/state-format.md)");
  AddTableFlags(report, tables, &run);
  report.Switch("--pdf", &rep.pdf, "Also print report.html to report.pdf with headless Chromium");

  MergeRequest mer;
  CommandLine& merge = cli.Command("merge", "Merge report state files into the report one run over all inputs gives");
  merge.Words("states", &mer.states, "State files from jobsift report --state, in input order").Required();
  merge.Text("--output,-o", &mer.output_dir, "Output folder").Required();
  AddLexiconFolderFlags(merge, run);  // the lexicons the states were made with
  merge.Switch("--quiet,-q", &quiet, "Print only errors on stderr: no warnings or closing line");
  AddTableFlags(merge, tables, &run);
  merge.Switch("--pdf", &mer.pdf, "Also print report.html to report.pdf with headless Chromium");

  ServeRequest srv;
  CommandLine& serve = cli.Command("serve", "Serve a live dashboard and JSON API over finished runs (docs/serve.md)");
  serve.Words("paths", &srv.paths, "State files (report --state), or report folders holding one, in input order").Required();
  serve.Text("--host", &srv.options.host, "Address to listen on (default 127.0.0.1: this machine only)");
  serve.Number("--port", &srv.options.port, 0, 65535, "Port (default 8080; 0: any free port, printed)");
  AddLexiconFolderFlags(serve, run);  // the lexicons the states were made with
  serve.Text("--data-dir", &run.data_dir, "Directory of the data tables: cities' provinces and tiers (default: the build's data/)");
  serve.Number("--min-n", &srv.options.tables.min_n, 0, 1000000000, "Cells with fewer postings are flagged small_n (default 30)");
  bool no_warm = false;
  serve.Switch("--no-warm", &no_warm, "Compute views only when asked (default: every single filter's in the background after the start)");
  serve.Switch("--quiet,-q", &quiet, "Print only errors on stderr");

  bool all_domains = false;
  CommandLine& classify = cli.Command("classify", "Count AI postings by the rule that fired (no per-posting output)");
  AddReadFlags(classify, run, quiet);
  AddLexiconFlags(classify, run);
  classify.Switch("--all-domains", &all_domains, "Match the skill and benefit lexicons too");

  EvalRequest ev;
  CommandLine& eval = cli.Command("eval", "Precision, recall and F1 of the AI rules on hand-labelled postings");
  eval.Word("labels", &ev.labels, "Labels TSV (default: data/eval/ai_labels.tsv)");
  eval.Text("--data-root", &ev.data_root,
            "Folder of the real datasets the labels' source paths are relative to (default: $JOBSIFT_REAL_DATA, "
            "else ../shared/data/real beside the source tree)");
  AddLexiconFolderFlags(eval, run);
  eval.Text("--frame", &ev.frame, "Category labels: the sampling frame (postings per stratum; default data/eval/category_frame.tsv)");
  eval.Text("--train", &ev.train, "Category labels: train the model on every label and write its weights here");
  eval.Switch("--misses", &ev.misses, "List every misclassified posting with its terms");
  eval.Text("--agreement", &ev.agreement,
            "A second labelling of the same postings: report agreement and Cohen's kappa, then score "
            "the rules on the postings both label alike");

  GenRequest gen;
  CommandLine& gen_cmd = cli.Command("gen", "Generate synthetic postings with planted truth (docs/gen.md)");
  gen_cmd.Number("--rows,-n", &gen.rows, 1, 10000000000, "Rows to write (default 200000)");
  gen_cmd.Number("--seed", &gen.seed, 0, std::numeric_limits<int64_t>::max(), "Seed: the same seed gives the same bytes (default 1)");
  gen_cmd.Text("--output,-o", &gen.output, "Output file (.csv or .jsonl), or - for stdout").Required();
  gen_cmd.Text("--format", &gen.format, "csv or jsonl (default: from the output's extension, else csv)");
  gen_cmd.Text("--truth", &gen.truth, "Also write the planted truth here: counts and every table (JSON)");
  gen_cmd.Number("--threads,-j", &run.threads, 1, 256, "Worker threads (default: all cores)");
  gen_cmd.Text("--config", &run.config_path, "TOML config (lexicons and data tables, see docs/config.md)");
  AddTableFlags(gen_cmd, gen.tables, nullptr);
  gen_cmd.Switch("--quiet,-q", &quiet, "No message on stderr");
  AddFieldFlags(gen_cmd, run);
  AddLexiconFolderFlags(gen_cmd, run);

  std::string answer;
  Status parsed = cli.Parse(argc, argv, &answer);
  if (!parsed.ok()) {
    std::fprintf(stderr, "jobsift: %s\n", parsed.message().c_str());
    return kExitFailure;
  }
  if (!answer.empty()) return std::fputs(answer.c_str(), stdout) < 0 ? kExitFailure : kExitOk;  // --help, --version
  run.progress = !quiet;  // drawn only when stderr is a terminal
  run.cancel = StopOnInterrupt();
  for (size_t at = 0; at < keep.size();) {
    size_t comma = std::min(keep.find(',', at), keep.size());
    an.keep.push_back(keep.substr(at, comma - at));
    at = comma + 1;
  }
  an.bom = !no_bom;
  rep.tables = mer.tables = tables;
  srv.options.warm = !no_warm;
  StdConsole console(quiet);
  StatusOr<int> done = InvalidArgument("no command");
  if (scan.Chosen()) done = Scan(run, json, console);
  if (profile.Chosen()) done = Profile(run, json, top, console);
  if (annotate.Chosen()) done = Annotate(run, an, console);
  if (report.Chosen()) done = Report(run, rep, console);
  if (merge.Chosen()) done = Merge(run, mer, console);
  if (check.Chosen()) done = LexiconCheck(lexicon_paths, run.lexicon_overlay, console);
  if (terms.Chosen()) done = LexiconTerms(lexicon_paths, run.lexicon_overlay, console);
  if (classify.Chosen()) done = Classify(run, all_domains, console);
  if (eval.Chosen()) done = Eval(run, ev, console);
  if (gen_cmd.Chosen()) done = Gen(run, gen, console);
  if (serve.Chosen()) done = Serve(run, srv, console);
  if (done.ok()) return *done;
  console.Say(Severity::kError, done.status().message());
  return kExitFailure;
}

// jobsift: the command line over the library (include/jobsift/commands.h).
// Flags become RunOptions and a request; the library does the work; this
// file prints what it returns.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "jobsift/commands.h"
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
void AddReadFlags(CLI::App* cmd, RunOptions& r, bool& quiet) {
  cmd->add_option("inputs", r.inputs, "Files, directories (read recursively, sorted) or - for stdin")->required();
  cmd->add_option("--config", r.config_path, "TOML config (see docs/config.md)");
  cmd->add_option("--threads,-j", r.threads, "Threads, the reader included (default: all cores)")->check(CLI::Range(1, 256));
  cmd->add_option("--delimiter", r.delimiter, "CSV delimiter: , tab ; | (default: detected)");
  cmd->add_option("--encoding", r.encoding, "Input encoding, e.g. GB18030 (default: detected)");
  cmd->add_option("--max-field-bytes", r.max_field_bytes, "Reject rows with a larger field (default 2 MiB)")
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 32));
  cmd->add_option("--max-record-bytes", r.max_record_bytes, "Reject larger records (default 64 MiB)")
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 32));
  cmd->add_option("--rejects", r.rejects_path, "Write rejected rows here (TSV)");
  cmd->add_flag("--quiet,-q", quiet, "Print only errors on stderr: no progress, warnings or closing line");
}

void AddLexiconFolderFlags(CLI::App* cmd, RunOptions& r) {
  cmd->add_option("--lexicons", r.lexicon_overlay,
                  "Overlay folder (ai/ hard/ soft/ benefit/) that adds to or overrides the lexicons term by term and "
                  "group by group (docs/lexicon-format.md)");
  cmd->add_option("--lexicon-set", r.lexicon_set, "A whole lexicon set used instead of the shipped one (default: data/lexicons)");
}

void AddLexiconFlags(CLI::App* cmd, RunOptions& r) {
  AddLexiconFolderFlags(cmd, r);
  cmd->add_option("--ai-definition", r.ai_definition,
                  "What counts as an AI job: core (B builders), default (B+A, and application engineers), broad "
                  "(B+A+D, and data work), report (any AI term anywhere), or a [definitions] name of the config "
                  "(docs/classification.md)");
  cmd->add_option("--classifier", r.classifier,
                  "What gives each posting its category: model (default; data/model/category_weights.tsv) or rules "
                  "(the transparent baseline)");
  cmd->add_option("--category-model", r.category_model, "The model's weights file (default: data/model/category_weights.tsv)");
  cmd->add_option("--ai-rule", r.ai_rule,
                  "As before categories: default (= --classifier rules --ai-definition default) or report "
                  "(= --ai-definition report)");
  cmd->add_flag("--t2s", r.traditional_to_simplified, "Convert traditional to simplified Chinese before matching (OpenCC)");
}

void AddFieldFlags(CLI::App* cmd, RunOptions& r) {
  cmd->add_option("--data-dir", r.data_dir, "Directory of the data tables (default: the build's data/)");
  cmd->add_option("--reference-date", r.reference_date,
                  "Date that resolves year-less and relative dates (04-20, 昨天, 3天前); default: none, they are unknown");
}

// --half, --min-n, --top-cities, --top-industries, --city, --industry of
// report and merge.
void AddTableFlags(CLI::App* cmd, TableChoices& t, RunOptions* filter) {
  cmd->add_option("--half", t.half,
                  "Half-year of the single-period tables, e.g. 2024H1 (default: the latest holding a quarter of the "
                  "busiest half-year's postings and --min-n AI postings)")
      ->check([](const std::string& v) {
        return v.size() == 6 && v[4] == 'H' && (v[5] == '1' || v[5] == '2') ? std::string() : "use the form 2024H1";
      });
  cmd->add_option("--min-n", t.min_n, "Cells with fewer postings are flagged small_n (default 30)")
      ->check(CLI::Range(int64_t{0}, int64_t{1000000000}));
  if (filter == nullptr) return;
  cmd->add_option("--top-cities", t.top_cities, "Cities in city tables (default 10)")->check(CLI::Range(1, 1000));
  cmd->add_option("--top-industries", t.top_industries, "Industries in industry tables (default 20)")->check(CLI::Range(1, 1000));
  cmd->add_option("--city", filter->city, "Tables for this city only, e.g. 北京 (as the city field reads it: 北京市 is 北京)");
  cmd->add_option("--industry", filter->industry, "Tables for this industry only, e.g. 教育 (a canonical name or an alias)");
}

// ": did you mean 'report'?" for the nearest of `names` by edit distance,
// within a third of the word's length (at least 2 edits), else "".
std::string DidYouMean(std::string_view word, const std::vector<std::string>& names) {
  std::string best;
  size_t best_d = std::max<size_t>(2, word.size() / 3) + 1;
  for (const std::string& n : names) {
    std::vector<size_t> row(n.size() + 1);  // Levenshtein, one row at a time
    for (size_t j = 0; j <= n.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= word.size(); ++i) {
      size_t diagonal = row[0]++;
      for (size_t j = 1; j <= n.size(); ++j)
        diagonal = std::exchange(row[j], std::min({row[j] + 1, row[j - 1] + 1, diagonal + (word[i - 1] != n[j - 1])}));
    }
    if (row.back() < best_d || (row.back() == best_d && !best.empty() && n < best)) best_d = row.back(), best = n;
  }
  return best.empty() ? "" : ": did you mean '" + best + "'?";
}

// A command, flag or value the parser refused: one "jobsift:" line, with
// the nearest valid name for one it does not know, and exit 2.
int ParseFailure(const CLI::App& app, const CLI::ParseError& e, int argc, char** argv) {
  const CLI::App* sub = nullptr;
  for (const CLI::App* s : app.get_subcommands({}))
    if (argc >= 2 && s->get_name() == argv[1]) sub = s;
  std::string name = sub != nullptr ? sub->get_name() : "";
  std::string help = sub != nullptr ? "jobsift " + name + " --help" : "jobsift --help";
  if (sub != nullptr && dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    std::vector<std::string> flags;
    for (const CLI::Option* o : sub->get_options()) {
      for (const std::string& l : o->get_lnames()) flags.push_back("--" + l);
      for (const std::string& s : o->get_snames()) flags.push_back("-" + s);
    }
    for (int i = 2; i < argc; ++i) {
      std::string arg = argv[i];
      if (arg.size() < 2 || arg[0] != '-' || arg == "-") continue;
      std::string option = arg.substr(0, arg.find('='));
      if (std::find(flags.begin(), flags.end(), option) != flags.end()) continue;
      std::fprintf(stderr, "jobsift: %s: unknown option '%s'%s (see %s)\n", name.c_str(), option.c_str(),
                   DidYouMean(option, flags).c_str(), help.c_str());
      return kExitFailure;
    }
  }
  std::fprintf(stderr, "jobsift: %s%s%s (see %s)\n", name.c_str(), name.empty() ? "" : ": ", e.what(), help.c_str());
  return kExitFailure;
}

}  // namespace
}  // namespace jobsift

int main(int argc, char** argv) {
  using namespace jobsift;
  CLI::App app{"jobsift: labour-market intelligence from job postings"};
  app.set_version_flag("--version", std::string("jobsift ") + JOBSIFT_VERSION);
  app.require_subcommand(1);
  RunOptions run;
  TableChoices tables;
  bool quiet = false, json = false;

  CLI::App* scan = app.add_subcommand("scan", "Read inputs and summarise rows, rejects, formats and column mapping");
  AddReadFlags(scan, run, quiet);
  scan->add_flag("--json", json, "Print the summary as JSON");

  size_t top = 20;
  CLI::App* profile = app.add_subcommand("profile", "Parse every field and show parse rates, unknowns by reason and unparsed values");
  AddReadFlags(profile, run, quiet);
  AddFieldFlags(profile, run);
  profile->add_flag("--json", json, "Print the profile as JSON");
  profile->add_option("--top", top, "How many unparsed values to list per field")->check(CLI::Range(0, 100000));

  AnnotateRequest an;
  std::string keep;
  bool no_bom = false;
  CLI::App* annotate = app.add_subcommand("annotate", "Write one annotated row per posting (.jsonl or .csv)");
  AddReadFlags(annotate, run, quiet);
  AddFieldFlags(annotate, run);
  AddLexiconFlags(annotate, run);
  annotate->add_option("-o,--output", an.output, "Output file: .jsonl or .csv, or - for JSON Lines on stdout")->required();
  annotate->add_option("--keep", keep, "Pass these input columns through, by header name, comma-separated (JSON: \"input\" object; CSV: input.<name> columns)");
  annotate->add_flag("--keep-all", an.keep_all, "Pass every input column through");
  annotate->add_flag("--explain", an.explain,
                     "category_evidence: the model's features that decided each category, with how far each "
                     "pushed it past the runner-up (slower)");
  annotate->add_flag("--no-bom", no_bom, "CSV without the UTF-8 byte-order mark (by default it has one, so Excel reads it as UTF-8)");

  CLI::App* lexicon = app.add_subcommand("lexicon", "Lexicon tools");
  lexicon->require_subcommand(1);
  std::vector<std::string> lexicon_paths;
  CLI::App* check = lexicon->add_subcommand("check", "Validate lexicon files or folders and count their terms");
  check->add_option("paths", lexicon_paths, "Group files or folders (ai/ hard/ soft/ benefit/; default: data/lexicons)");
  check->add_option("--lexicons", run.lexicon_overlay, "An overlay to apply: shows the merged lexicons");
  CLI::App* terms = lexicon->add_subcommand("terms", "Print every term as matched (folded), one a line");
  terms->add_option("paths", lexicon_paths, "Group files or folders (default: data/lexicons)");
  terms->add_option("--lexicons", run.lexicon_overlay, "An overlay to apply first");

  ReportRequest rep;
  CLI::App* report = app.add_subcommand("report", "Aggregate postings into the analysis tables (CSV, JSON, Excel), report.html and summary.json");
  AddReadFlags(report, run, quiet);
  AddFieldFlags(report, run);
  AddLexiconFlags(report, run);
  report->add_option("-o,--output", rep.output_dir, "Output folder")->required();
  report->add_option("--dedup", rep.dedup, "Duplicates: exact (same company, title, city, description in a half-year) or none");
  report->add_option("--state", rep.state, "Also save the run's state here, for jobsift merge (docs/state-format.md)");
  AddTableFlags(report, tables, &run);
  report->add_flag("--pdf", rep.pdf, "Also print report.html to report.pdf with headless Chromium");

  MergeRequest mer;
  CLI::App* merge = app.add_subcommand("merge", "Merge report state files into the report one run over all inputs gives");
  merge->add_option("states", mer.states, "State files from jobsift report --state, in input order")->required();
  merge->add_option("-o,--output", mer.output_dir, "Output folder")->required();
  AddLexiconFolderFlags(merge, run);  // the lexicons the states were made with
  merge->add_flag("--quiet,-q", quiet, "Print only errors on stderr: no warnings or closing line");
  AddTableFlags(merge, tables, &run);
  merge->add_flag("--pdf", mer.pdf, "Also print report.html to report.pdf with headless Chromium");

  bool all_domains = false;
  CLI::App* classify = app.add_subcommand("classify", "Count AI postings by the rule that fired (no per-posting output)");
  AddReadFlags(classify, run, quiet);
  AddLexiconFlags(classify, run);
  classify->add_flag("--all-domains", all_domains, "Match the skill and benefit lexicons too");

  EvalRequest ev;
  CLI::App* eval = app.add_subcommand("eval", "Precision, recall and F1 of the AI rules on hand-labelled postings");
  eval->add_option("labels", ev.labels, "Labels TSV (default: data/eval/ai_labels.tsv)");
  eval->add_option("--data-root", ev.data_root,
                   "Folder of the real datasets the labels' source paths are relative to (default: $JOBSIFT_REAL_DATA, "
                   "else ../shared/data/real beside the source tree)");
  AddLexiconFolderFlags(eval, run);
  eval->add_option("--frame", ev.frame, "Category labels: the sampling frame (postings per stratum; default data/eval/category_frame.tsv)");
  eval->add_option("--train", ev.train, "Category labels: train the model on every label and write its weights here");
  eval->add_flag("--misses", ev.misses, "List every misclassified posting with its terms");
  eval->add_option("--agreement", ev.agreement,
                   "A second labelling of the same postings: report agreement and Cohen's kappa, then score "
                   "the rules on the postings both label alike");

  GenRequest gen;
  CLI::App* gen_cmd = app.add_subcommand("gen", "Generate synthetic postings with planted truth (docs/gen.md)");
  gen_cmd->add_option("--rows,-n", gen.rows, "Rows to write (default 200000)")->check(CLI::Range(int64_t{1}, int64_t{10000000000}));
  gen_cmd->add_option("--seed", gen.seed, "Seed: the same seed gives the same bytes (default 1)")
      ->check(CLI::Range(int64_t{0}, std::numeric_limits<int64_t>::max()));
  gen_cmd->add_option("-o,--output", gen.output, "Output file (.csv or .jsonl), or - for stdout")->required();
  gen_cmd->add_option("--format", gen.format, "csv or jsonl (default: from the output's extension, else csv)");
  gen_cmd->add_option("--truth", gen.truth, "Also write the planted truth here: counts and every table (JSON)");
  gen_cmd->add_option("--threads,-j", run.threads, "Worker threads (default: all cores)")->check(CLI::Range(1, 256));
  gen_cmd->add_option("--config", run.config_path, "TOML config (lexicons and data tables, see docs/config.md)");
  AddTableFlags(gen_cmd, gen.tables, nullptr);
  gen_cmd->add_flag("--quiet,-q", quiet, "No message on stderr");
  AddFieldFlags(gen_cmd, run);
  AddLexiconFolderFlags(gen_cmd, run);

  if (argc >= 2 && argv[1][0] != '-') {
    std::vector<std::string> commands;
    for (const CLI::App* sub : app.get_subcommands({})) commands.push_back(sub->get_name());
    if (std::find(commands.begin(), commands.end(), argv[1]) == commands.end()) {
      std::string list;
      for (const std::string& c : commands) list += (list.empty() ? "" : ", ") + c;
      std::fprintf(stderr, "jobsift: unknown command '%s'%s (the commands: %s; see jobsift --help)\n", argv[1],
                   DidYouMean(argv[1], commands).c_str(), list.c_str());
      return kExitFailure;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    return ParseFailure(app, e, argc, argv);
  }
  run.progress = !quiet;  // drawn only when stderr is a terminal
  run.cancel = StopOnInterrupt();
  for (size_t at = 0; at < keep.size();) {
    size_t comma = std::min(keep.find(',', at), keep.size());
    an.keep.push_back(keep.substr(at, comma - at));
    at = comma + 1;
  }
  an.bom = !no_bom;
  rep.tables = mer.tables = tables;
  StdConsole console(quiet);
  StatusOr<int> done = InvalidArgument("no command");
  if (*scan) done = Scan(run, json, console);
  if (*profile) done = Profile(run, json, top, console);
  if (*annotate) done = Annotate(run, an, console);
  if (*report) done = Report(run, rep, console);
  if (*merge) done = Merge(run, mer, console);
  if (*check) done = LexiconCheck(lexicon_paths, run.lexicon_overlay, console);
  if (*terms) done = LexiconTerms(lexicon_paths, run.lexicon_overlay, console);
  if (*classify) done = Classify(run, all_domains, console);
  if (*eval) done = Eval(run, ev, console);
  if (*gen_cmd) done = Gen(run, gen, console);
  if (done.ok()) return *done;
  console.Say(Severity::kError, done.status().message());
  return kExitFailure;
}

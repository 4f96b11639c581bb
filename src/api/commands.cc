// The commands that read postings and print what they found (scan, profile,
// classify), annotate, the lexicon tools and eval. report and merge are in
// report_command.cc; gen in src/gen/gen_command.cc.
#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>

#include "api/run_setup.h"
#include "base/text.h"
#include "io/atomic_file.h"
#include "jobsift/annotate.h"
#include "jobsift/commands.h"
#include "lexicon/category.h"
#include "pipeline/annotate.h"
#include "pipeline/category_eval.h"
#include "pipeline/eval.h"
#include "pipeline/profile.h"
#include "pipeline/scan_report.h"

namespace jobsift {

StatusOr<int> Scan(const RunOptions& run, bool json, Console& console) {
  auto config = MakeConfig(run);
  if (!config.ok()) return config.status();
  auto summary = ReadPostings(run.inputs, config->read, nullptr);
  if (!summary.ok()) return summary.status();
  JOBSIFT_RETURN_IF_ERROR(console.Out(json ? ScanJson(*summary) : ScanText(*summary)));
  SayReadNotes(*summary, console);
  return ExitCodeFor(*summary);
}

StatusOr<int> Profile(const RunOptions& run, bool json, size_t top, Console& console) {
  auto config = MakeConfig(run);
  if (!config.ok()) return config.status();
  auto normalizer = FieldNormalizer::Load(config->fields);
  if (!normalizer.ok()) return normalizer.status();
  config->read.judge = normalizer->get();
  ProfileJob job(normalizer->get());
  auto summary = ReadPostings(run.inputs, config->read, &job);
  if (!summary.ok()) return summary.status();
  JOBSIFT_RETURN_IF_ERROR(console.Out(json ? ProfileJson(*summary, job, top) : ProfileText(*summary, job, top)));
  SayReadNotes(*summary, console);
  return ExitCodeFor(*summary);
}

namespace {

// The annotate output's pass-through columns: the request's list; with
// keep_all, every file's columns for JSON Lines, or, for CSV (whose columns
// come before its first row), the union of every input's columns, read from
// their headers first.
StatusOr<AnnotateOutput> MakeAnnotateOutput(const RunOptions& run, const Config& config,
                                            const AnnotateRequest& request, AnnotateFormat format) {
  AnnotateOutput out;
  out.bom = request.bom;
  for (const std::string& name : request.keep)
    if (!TrimCell(name).empty()) out.keep.emplace_back(TrimCell(name));
  if (!request.keep_all) return out;
  if (!out.keep.empty()) return InvalidArgument("--keep and --keep-all: give one of them");
  if (format == AnnotateFormat::kJsonl) {
    out.keep_all = true;
    return out;
  }
  for (const std::string& in : run.inputs)
    if (in == "-")
      return InvalidArgument("--keep-all with a .csv output reads the inputs' headers first, which stdin cannot give "
                             "twice: write .jsonl, or name the columns with --keep");
  ReadOptions headers = config.read;
  headers.headers_only = true;
  headers.progress = false;
  headers.on_progress = nullptr;
  headers.rejects_path.clear();
  auto read = ReadPostings(run.inputs, headers, nullptr);
  if (!read.ok()) return read.status();
  for (const FileReport& file : read->files)
    for (const std::string& name : file.columns)
      if (std::find(out.keep.begin(), out.keep.end(), name) == out.keep.end()) out.keep.push_back(name);
  return out;
}

}  // namespace

namespace {

// What annotating needs, built from the options: the field normalisers,
// the categorizing annotator and the pass-through columns.
struct AnnotateSetup {
  Config config;
  std::unique_ptr<FieldNormalizer> normalizer;
  std::unique_ptr<Annotator> annotator;
  AnnotateOutput output;
};

StatusOr<AnnotateSetup> SetUpAnnotate(const RunOptions& run, const AnnotateRequest& request, AnnotateFormat format) {
  auto config = MakeConfig(run);
  if (!config.ok()) return config.status();
  AnnotateSetup s{std::move(*config), nullptr, nullptr, {}};
  s.config.annotate.explain = request.explain;
  auto normalizer = FieldNormalizer::Load(s.config.fields);
  if (!normalizer.ok()) return normalizer.status();
  s.normalizer = std::move(*normalizer);
  auto annotator = MakeCategorizingAnnotator(&s.config);
  if (!annotator.ok()) return annotator.status();
  s.annotator = std::move(*annotator);
  s.config.read.judge = s.normalizer.get();
  auto output = MakeAnnotateOutput(run, s.config, request, format);
  if (!output.ok()) return output.status();
  s.output = std::move(*output);
  return s;
}

// Reads with `job`; an input that could not be read, or none with a
// posting, fails the run (whatever was written would look whole but not
// be); else the closing line.
StatusOr<int> RunAnnotateJob(const RunOptions& run, AnnotateSetup& s, AnnotateJob& job, const std::string& to,
                             const std::function<Status()>& commit, Console& console) {
  auto summary = ReadPostings(run.inputs, s.config.read, &job);
  if (!summary.ok()) return summary.status();
  if (std::string none = NoPostingsLine(*summary, "annotations"); !none.empty()) {
    console.Say(Severity::kError, none);
    SayReadNotes(*summary, console);
    return DataError(none);
  }
  if (!summary->errors.empty()) {
    SayReadNotes(*summary, console);
    return Status(summary->errors.front().code(), "no output written");
  }
  JOBSIFT_RETURN_IF_ERROR(commit());
  console.Say(Severity::kInfo, std::to_string(job.rows()) + " postings annotated (" + std::to_string(job.ai_rows()) +
                                   " AI)" + (to.empty() ? "" : " -> " + to) + "; rows read " +
                                   std::to_string(summary->total.rows_read) +
                                   ", rejected " + std::to_string(summary->total.RowsRejected()));
  SayReadNotes(*summary, console);
  if (!s.output.keep_all) {
    for (const std::string& name : s.output.keep) {
      bool found = false;
      for (const FileReport& file : summary->files)
        found |= std::find(file.columns.begin(), file.columns.end(), name) != file.columns.end();
      if (!found)
        console.Say(Severity::kWarning, "--keep " + name + ": no input has a column of that name, so its values are "
                                        "all empty (the columns are named as in the header, e.g. by jobsift scan)");
    }
  }
  return ExitCodeFor(*summary);
}

}  // namespace

StatusOr<int> Annotate(const RunOptions& run, const AnnotateRequest& request, Console& console) {
  const std::string& path = request.output;
  AnnotateFormat format = AnnotateFormat::kJsonl;
  if (EndsWith(path, ".csv")) {
    format = AnnotateFormat::kCsv;
  } else if (path != "-" && !EndsWith(path, ".jsonl")) {
    return InvalidArgument("-o must end in .jsonl or .csv (or be - for JSON Lines on stdout)");
  }
  auto setup = SetUpAnnotate(run, request, format);
  if (!setup.ok()) return setup.status();
  auto out = AtomicFile::Open(path);
  if (!out.ok()) return out.status();
  AnnotateJob job(setup->normalizer.get(), setup->annotator.get(), format, (*out)->stream(), setup->output);
  // The AtomicFile, unless committed, removes what was written.
  return RunAnnotateJob(run, *setup, job, path, [&] { return (*out)->Commit(job.write_failed()); }, console);
}

const std::vector<std::string>& AnnotationColumns() { return AnnotateColumns(); }

StatusOr<int> AnnotateEach(const RunOptions& run, const AnnotateRequest& request,
                           const std::function<void(AnnotatedPosting&&)>& sink, Console& console) {
  auto setup = SetUpAnnotate(run, request, AnnotateFormat::kJsonl);
  if (!setup.ok()) return setup.status();
  AnnotateJob job(setup->normalizer.get(), setup->annotator.get(),
                  [&](AnnotatedValues&& v) { sink(AnnotatedPosting{std::move(v.cells), std::move(v.input)}); },
                  setup->output);
  return RunAnnotateJob(run, *setup, job, "", [] { return Status::Ok(); }, console);
}

struct PostingAnnotator::Impl {
  AnnotateSetup setup;
  std::unique_ptr<Annotator::Scratch> scratch;
  std::mutex mu;
};

StatusOr<PostingAnnotator> PostingAnnotator::Create(const RunOptions& run, bool explain) {
  AnnotateRequest request;
  request.explain = explain;
  RunOptions no_inputs = run;
  no_inputs.inputs.clear();
  auto setup = SetUpAnnotate(no_inputs, request, AnnotateFormat::kJsonl);
  if (!setup.ok()) return setup.status();
  auto impl = std::make_shared<Impl>();
  impl->setup = std::move(*setup);
  impl->scratch = impl->setup.annotator->NewScratch();
  return PostingAnnotator(std::move(impl));
}

StatusOr<AnnotatedPosting> PostingAnnotator::Annotate(
    const std::vector<std::pair<std::string, std::string>>& fields) const {
  Posting p;
  p.source = "(given)";
  for (const auto& [name, text] : fields) {
    auto f = FieldFromName(name);
    if (!f.ok()) return f.status();
    p.value[static_cast<size_t>(*f)] = text;
  }
  std::lock_guard<std::mutex> lock(impl_->mu);
  DerivedFields d;
  impl_->setup.normalizer->Normalize(p, &d);
  Annotation an;
  impl_->setup.annotator->Annotate(p, *impl_->scratch, &an);
  AnnotatedValues v = AnnotationValues(p, d, an, impl_->setup.annotator->lexicon());
  return AnnotatedPosting{std::move(v.cells), std::move(v.input)};
}

namespace {

// Counts AI postings (and, with every domain loaded, skill groups) without
// writing per-posting rows: the AI flag at full speed, and the postings of
// each category and under each shipped definition.
class ClassifyJob : public PostingJob {
 public:
  explicit ClassifyJob(const Annotator* a) : annotator_(a) {}
  struct Counts {
    uint64_t postings = 0;
    std::map<std::string_view, uint64_t> by_rule;  // AI postings; rule names are static strings
    CategoryCounts::Cells cells{};                   // by category and AI term anywhere
  };
  class Task : public PostingTask {
   public:
    explicit Task(const Annotator* a) : a_(a), scratch_(a->NewScratch()) {}
    void Add(const Posting& p) override {
      a_->Annotate(p, *scratch_, &an_);
      ++counts.postings;
      if (an_.ai) ++counts.by_rule[an_.ai_rule];
      ++counts.cells[static_cast<size_t>(an_.category)][an_.any_ai_term ? 1 : 0].postings;
    }
    Counts counts;

   private:
    const Annotator* a_;
    std::unique_ptr<Annotator::Scratch> scratch_;
    Annotation an_;
  };
  std::unique_ptr<PostingTask> NewTask() override { return std::make_unique<Task>(annotator_); }
  void Finish(std::unique_ptr<PostingTask> t) override {
    const Counts& c = static_cast<Task*>(t.get())->counts;
    counts.postings += c.postings;
    for (const auto& [rule, n] : c.by_rule) counts.by_rule[rule] += n;
    for (size_t i = 0; i < kCategoryCount; ++i)
      for (size_t t = 0; t < 2; ++t) counts.cells[i][t].Add(c.cells[i][t]);
  }
  Counts counts;

 private:
  const Annotator* annotator_;
};

}  // namespace

StatusOr<int> Classify(const RunOptions& run, bool all_domains, Console& console) {
  auto config = MakeConfig(run);
  if (!config.ok()) return config.status();
  JOBSIFT_RETURN_IF_ERROR(PrepareClassifier(&*config));
  auto lex = LoadLexicons(*config);
  if (!lex.ok()) return lex.status();
  if (!all_domains) *lex = lex->Only(Domain::kAi);
  config->annotate.decide_only = true;
  auto annotator = Annotator::Create(std::move(*lex), config->annotate);
  if (!annotator.ok()) return annotator.status();
  ClassifyJob job(annotator->get());
  auto summary = ReadPostings(run.inputs, config->read, &job);
  if (!summary.ok()) return summary.status();
  const ClassifyJob::Counts& c = job.counts;
  uint64_t ai = 0;
  for (const auto& [rule, n] : c.by_rule) ai += n;
  const AnnotateOptions& o = config->annotate;
  std::string text = "postings " + std::to_string(c.postings) + ", AI " + std::to_string(ai) + " (definition " +
                     o.definition.name + " = " + o.definition.Codes() + ", classifier " +
                     std::string(CategoryMethodName(o.category_method)) + ")\n";
  for (const auto& [rule, n] : c.by_rule) text += "  " + std::string(rule) + " " + std::to_string(n) + "\n";
  uint64_t any_term = 0;
  for (const auto& by_term : c.cells) any_term += by_term[1].postings;
  text += "categories (" + std::to_string(any_term) + " postings with an AI term):\n";
  for (AiCategory cat : kAllCategories) {
    const auto& by_term = c.cells[static_cast<size_t>(cat)];
    text += "  " + std::string(CategoryCodeText(cat)) + " " + std::string(CategoryName(cat)) + " " +
            std::to_string(by_term[0].postings + by_term[1].postings) + "\n";
  }
  text += "AI postings under each definition:";
  for (const AiDefinition& d : AllDefinitions(config->definitions))
    text += " " + d.name + " " + std::to_string(CategoryCounts::Under(c.cells, d).postings) + ";";
  text.back() = '\n';
  JOBSIFT_RETURN_IF_ERROR(console.Out(text));
  SayReadNotes(*summary, console);
  return ExitCodeFor(*summary);
}

namespace {

// The lexicons `lexicon check` and `lexicon terms` show: the paths given
// (default: the shipped set), with an overlay applied when one is given.
StatusOr<Lexicon> LexiconOf(const std::vector<std::string>& paths, const std::string& overlay) {
  Config config;
  std::vector<std::string> set = paths.empty() ? std::vector<std::string>{config.LexiconDir()} : paths;
  if (overlay.empty()) return Lexicon::LoadPaths(set);
  if (set.size() != 1) return InvalidArgument("lexicon --lexicons: give one lexicon folder to overlay (or none)");
  return Lexicon::LoadOverlaid(set[0], overlay);
}

}  // namespace

StatusOr<int> LexiconTerms(const std::vector<std::string>& paths, const std::string& overlay, Console& console) {
  auto lex = LexiconOf(paths, overlay);
  if (!lex.ok()) return lex.status();
  std::string text;
  for (const Term& t : lex->terms()) text += t.folded + "\n";
  JOBSIFT_RETURN_IF_ERROR(console.Out(text));
  return kExitOk;
}

StatusOr<int> LexiconCheck(const std::vector<std::string>& paths, const std::string& overlay, Console& console) {
  auto lex = LexiconOf(paths, overlay);
  if (!lex.ok()) return lex.status();
  std::string text;
  for (size_t d = 0; d < kDomainCount; ++d) {
    Domain dom = static_cast<Domain>(d);
    if (lex->TermCount(dom) == 0) continue;
    text += std::string(DomainName(dom)) + ": " + std::to_string(lex->TermCount(dom)) + " terms in " +
            std::to_string(lex->GroupCount(dom)) + " groups\n";
    for (const Group& g : lex->groups()) {
      if (g.domain != dom) continue;
      char buf[256];
      std::snprintf(buf, sizeof buf, "  %-24s %-10s %5u  %s", g.name.c_str(), g.category.c_str(), g.terms,
                    g.file.c_str());
      text += buf;
      if (!g.overlay.empty()) text += g.overlay == g.file ? "  (added by the overlay)" : "  (changed by " + g.overlay + ")";
      text += "\n";
    }
  }
  const RuleWords& rules = lex->rules();
  text += "rules: " + std::to_string(rules.WordCount()) + " words in " + std::to_string(RuleWords::Lists().size()) +
          " lists  " + rules.file + (rules.overlay.empty() ? "" : "  (lists replaced by " + rules.overlay + ")") + "\n";
  for (const auto& [name, list] : RuleWords::Lists()) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "  %-24s %5zu\n", std::string(name).c_str(), (rules.*list).size());
    text += buf;
  }
  // Compile too: a pattern Vectorscan rejects is a lexicon error.
  auto a = Annotator::Create(std::move(*lex), {});
  if (!a.ok()) return a.status();
  text += "checksum " + (*a)->lexicon().Checksum() + "\n";
  JOBSIFT_RETURN_IF_ERROR(console.Out(text));
  return kExitOk;
}

std::string DefaultDataRoot() { return DefaultRealDataRoot(); }

namespace {

std::string Shortest(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// Category labels: the rules and the model per definition and dataset
// (population figures), and, with `train`, the model trained on every label
// written there.
StatusOr<int> CategoryEval(const RunOptions& run, const EvalRequest& request, const std::string& labels_path,
                           const std::string& data_root, Console& console) {
  auto labels = LoadCategoryLabels(labels_path);
  if (!labels.ok()) return labels.status();
  std::string text;
  if (!request.agreement.empty()) {
    auto second = LoadCategoryLabels(request.agreement);
    if (!second.ok()) return second.status();
    text += "agreement with " + request.agreement + ":\n" + CategoryAgreementText(*labels, *second) + "\n";
  }
  auto config = MakeConfig(run);
  if (!config.ok()) return config.status();
  auto lex = LoadLexicons(*config);
  if (!lex.ok()) return lex.status();
  auto frame = LoadFrame(request.frame.empty() ? DataDir() + "/eval/category_frame.tsv" : request.frame);
  if (!frame.ok()) return frame.status();
  std::vector<std::string> not_found;
  auto postings = ReadLabelledPostings(*labels, data_root, *lex, &not_found);
  if (!postings.ok()) return postings.status();
  CategoryModel::TrainOptions train;
  if (!request.train.empty()) {
    CategoryModel m = TrainOnLabels(*labels, *postings, train);
    size_t with_term = 0;
    for (const ReadPosting& p : *postings) with_term += p.any_term;
    std::string header = "jobsift category model: multinomial logistic regression over the features of\n"
                         "lexicon/category.h (CategoryFeatures), trained by `jobsift eval " + labels_path +
                         " --train`\non the " + std::to_string(with_term) + " of " + std::to_string(postings->size()) +
                         " labelled postings that have an AI term, " + std::to_string(train.epochs) +
                         " AdaGrad epochs, rate " + Shortest(train.learning_rate) + ", L2 " + Shortest(train.l2) +
                         ", seed " + std::to_string(train.seed) + "; lexicon checksum " + lex->Checksum() +
                         ".\nColumns: feature, then its weight for B A D E S U N.";
    JOBSIFT_RETURN_IF_ERROR(WriteFileAtomic(request.train, m.Tsv(header)));
    text += "model: " + std::to_string(m.size()) + " features -> " + request.train + " (checksum " + m.Checksum() +
            ")\n\n";
  }
  auto r = EvaluateCategories(*labels, *postings, *frame, train);
  if (!r.ok()) return r.status();
  r->not_found = not_found;
  JOBSIFT_RETURN_IF_ERROR(console.Out(text + CategoryEvalText(*r)));
  return kExitOk;
}

}  // namespace

StatusOr<int> Eval(const RunOptions& run, const EvalRequest& request, Console& console) {
  const std::string labels_path = request.labels.empty() ? DataDir() + "/eval/ai_labels.tsv" : request.labels;
  const std::string data_root = request.data_root.empty() ? DefaultDataRoot() : request.data_root;
  if (IsCategoryLabelsFile(labels_path)) return CategoryEval(run, request, labels_path, data_root, console);
  // With a second labelling, first how the two agree, then the rules scored
  // on the postings both label alike.
  auto labels = LoadLabels(labels_path);
  if (!labels.ok()) return labels.status();
  std::string text;
  if (!request.agreement.empty()) {
    auto second = LoadLabels(request.agreement);
    if (!second.ok()) return second.status();
    auto a = CompareLabels(*labels, *second);
    if (!a.ok()) return a.status();
    text += AgreementText(*a) + "\nthe rules on the " + std::to_string(a->consensus.size()) +
            " postings both label alike:\n";
    *labels = std::move(a->consensus);
  }
  auto config = MakeConfig(run);
  if (!config.ok()) return config.status();
  auto lex = LoadLexicons(*config);
  if (!lex.ok()) return lex.status();
  auto r = Evaluate(*labels, data_root, *lex, StandardVariants());
  if (!r.ok()) return r.status();
  JOBSIFT_RETURN_IF_ERROR(console.Out(text + EvalText(*r, request.misses)));
  return kExitOk;
}

}  // namespace jobsift

#include "pipeline/eval.h"

#include <cstdlib>
#include <filesystem>

#include <algorithm>
#include <cstdio>
#include <set>

#include "base/data_file.h"
#include "base/stats.h"
#include "base/text.h"
#include "pipeline/reader.h"

namespace jobsift {
namespace {

struct Prediction {
  std::vector<bool> ai;  // per variant
  std::vector<std::string> terms;
  std::vector<std::string_view> rules;  // the rule that fired, empty when none
};

}  // namespace

LabelKey LabelKeyOf(const Posting& p, const std::string& prefix) {
  std::string source(p.source);
  if (StartsWith(source, prefix)) source.erase(0, prefix.size());
  std::string key = p[Field::kId].empty() ? "line:" + std::to_string(p.line) : std::string(p[Field::kId]);
  return {std::move(source), std::move(key)};
}

Status ReadLabelRows(const std::string& path,
                     const std::function<Status(const std::vector<std::string_view>& cols)>& header,
                     const std::function<Status(const std::vector<std::string_view>& cols, const std::string& where)>& row) {
  bool seen_header = false;
  JOBSIFT_RETURN_IF_ERROR(ForEachDataLine(path, "labels", [&](std::string_view line, const std::string& where) {
    std::vector<std::string_view> cols = SplitOn(line, '\t');
    Status st = seen_header ? row(cols, where) : header(cols);
    if (!st.ok()) return seen_header ? st : InvalidArgument(where + ": " + st.message());
    seen_header = true;
    return Status::Ok();
  }));
  if (!seen_header) return InvalidArgument(path + ": no header row (an empty file?)");
  return Status::Ok();
}

StatusOr<std::vector<Label>> LoadLabels(const std::string& path) {
  std::vector<Label> labels;
  Status st = ReadLabelRows(
      path,
      [](const std::vector<std::string_view>& cols) {
        if (cols.size() < 3 || cols[0] != "source" || cols[1] != "key" || cols[2] != "label")
          return InvalidArgument("expected the header source, key, label, …");
        return Status::Ok();
      },
      [&](const std::vector<std::string_view>& cols, const std::string& where) {
        if (cols.size() < 3) return InvalidArgument(where + ": too few columns");
        if (cols[2] != "0" && cols[2] != "1") return InvalidArgument(where + ": label must be 0 or 1");
        Label l;
        l.source = cols[0];
        l.key = cols[1];
        l.ai = cols[2] == "1";
        if (cols.size() > 3) l.stratum = cols[3];
        if (cols.size() > 4) l.title = cols[4];
        if (cols.size() > 5) l.reason = cols[5];
        labels.push_back(std::move(l));
        return Status::Ok();
      });
  if (!st.ok()) return st;
  return labels;
}

std::vector<Variant> StandardVariants() {
  std::vector<Variant> v;
  AnnotateOptions d;
  v.push_back({"default", d});
  AnnotateOptions dc = d;
  dc.skip_company_for_ai = false;
  v.push_back({"default+company", dc});
  AnnotateOptions r;
  r.ai_rule = AiRule::kReport;
  r.skip_company_for_ai = false;
  v.push_back({"report", r});
  return v;
}

std::string DefaultRealDataRoot() {
  const char* env = std::getenv("JOBSIFT_REAL_DATA");
  if (env != nullptr && *env != '\0') return env;
  return std::filesystem::weakly_canonical(std::filesystem::path(JOBSIFT_DATA_DIR) / "../../shared/data/real").string();
}

StatusOr<LabelledInputs> PrepareLabelled(const std::vector<LabelKey>& keys, const std::string& data_root) {
  std::error_code ec;
  if (!std::filesystem::is_directory(data_root, ec)) {
    std::set<std::string> datasets;
    for (const auto& [source, key] : keys) datasets.insert(source.substr(0, source.find('/')));
    return NotFound("eval reads the labelled postings from the real datasets (" +
                    JoinFirst({datasets.begin(), datasets.end()}, ", ") + ") under " + data_root +
                    ", which is not there: give their folder with --data-root DIR or the environment variable "
                    "JOBSIFT_REAL_DATA (each dataset's SOURCE.md says where it comes from; docs/classification.md)");
  }
  LabelledInputs in;
  in.prefix = data_root + "/";
  std::set<std::string> files;
  for (size_t i = 0; i < keys.size(); ++i) {
    in.index.emplace(keys[i], i);
    files.insert(keys[i].first.substr(0, keys[i].first.find('!')));
  }
  for (const std::string& f : files) in.files.push_back(in.prefix + f);
  return in;
}

Status ReadLabelledFiles(const LabelledInputs& in, PostingJob* job) {
  auto read = ReadPostings(in.files, ReadOptions{}, job);
  if (!read.ok()) return read.status();
  if (!read->errors.empty()) return read->errors.front();
  return Status::Ok();
}

StatusOr<EvalResult> Evaluate(const std::vector<Label>& labels, const std::string& data_root, const Lexicon& lexicon,
                              const std::vector<Variant>& variants) {
  std::vector<std::shared_ptr<const Annotator>> annotators;
  for (const Variant& v : variants) {
    auto a = Annotator::Create(lexicon, v.options);
    if (!a.ok()) return a.status();
    annotators.push_back(std::move(*a));
  }
  std::vector<LabelKey> keys;
  for (const Label& l : labels) keys.emplace_back(l.source, l.key);
  // Each worker: a scratch per variant; each posting: every variant's verdict.
  std::function<std::function<Prediction(const Posting&)>()> new_reader = [&annotators]() {
    auto scratch = std::make_shared<std::vector<std::unique_ptr<Annotator::Scratch>>>();
    for (const auto& a : annotators) scratch->push_back(a->NewScratch());
    return std::function<Prediction(const Posting&)>([&annotators, scratch](const Posting& p) {
      Prediction pred;
      for (size_t v = 0; v < annotators.size(); ++v) {
        const Annotator& a = *annotators[v];
        Annotation an;
        a.Annotate(p, *(*scratch)[v], &an);
        pred.ai.push_back(an.ai);
        pred.rules.push_back(an.ai_rule);
        std::string terms;
        for (const TermHit& h : an.ai_terms) {
          if (!terms.empty()) terms += " ";
          terms += a.lexicon().terms()[h.term].text + "@" + std::string(SectionName(h.section));
        }
        pred.terms.push_back(std::move(terms));
      }
      return pred;
    });
  };
  auto predictions = ReadLabelled(keys, data_root, new_reader);
  if (!predictions.ok()) return predictions.status();

  EvalResult r;
  r.variants = variants;
  r.labels = labels.size();
  r.scores.resize(variants.size());
  r.by_stratum.resize(variants.size());
  r.misses.resize(variants.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    auto it = predictions->find(i);
    if (it == predictions->end()) {
      r.not_found.push_back(labels[i].source + " " + labels[i].key);
      continue;
    }
    for (size_t v = 0; v < variants.size(); ++v) {
      bool pred = it->second.ai[v];
      bool truth = labels[i].ai;
      r.scores[v].Add(pred, truth);
      r.by_stratum[v][labels[i].stratum].Add(pred, truth);
      if (pred != truth)
        r.misses[v].push_back({labels[i].source, labels[i].key, labels[i].title, labels[i].stratum, labels[i].reason,
                               it->second.terms[v], std::string(it->second.rules[v]), truth});
    }
  }
  return r;
}

Interval Wilson95OfShare(double share, double n) {
  Interval ci;
  if (n > 0) Wilson95(share, n, &ci.low, &ci.high);
  return ci;
}

Interval Wilson95(uint64_t hits, uint64_t n) {
  return n == 0 ? Interval{}
                : Wilson95OfShare(static_cast<double>(hits) / static_cast<double>(n), static_cast<double>(n));
}

std::string EvalText(const EvalResult& r, bool list_misses) {
  std::string o;
  char buf[256];
  std::snprintf(buf, sizeof buf, "%zu labelled postings, %zu found in the data\n\n", r.labels,
                r.labels - r.not_found.size());
  o += buf;
  std::snprintf(buf, sizeof buf, "%-18s %9s %7s %7s %5s %5s %5s %5s   %-13s %s\n", "rule", "precision", "recall",
                "F1", "TP", "FP", "FN", "TN", "precision 95%", "recall 95%");
  o += buf;
  for (size_t v = 0; v < r.variants.size(); ++v) {
    const Score& s = r.scores[v];
    Interval p = Wilson95(s.tp, s.tp + s.fp), rc = Wilson95(s.tp, s.tp + s.fn);
    std::snprintf(buf, sizeof buf, "%-18s %9.3f %7.3f %7.3f %5llu %5llu %5llu %5llu   %.3f-%.3f   %.3f-%.3f\n",
                  r.variants[v].name.c_str(), s.Precision(), s.Recall(), s.F1(), static_cast<unsigned long long>(s.tp),
                  static_cast<unsigned long long>(s.fp), static_cast<unsigned long long>(s.fn),
                  static_cast<unsigned long long>(s.tn), p.low, p.high, rc.low, rc.high);
    o += buf;
  }
  o += "(95%: Wilson score intervals, for postings drawn as these were)\n";
  o += "\nby stratum (precision / recall)\n";
  for (size_t v = 0; v < r.variants.size(); ++v) {
    o += "  " + r.variants[v].name + ":";
    for (const auto& [stratum, s] : r.by_stratum[v]) {
      std::snprintf(buf, sizeof buf, "  %s %.3f / %.3f (n=%llu)", stratum.c_str(), s.Precision(), s.Recall(),
                    static_cast<unsigned long long>(s.tp + s.fp + s.fn + s.tn));
      o += buf;
    }
    o += "\n";
  }
  if (list_misses) {
    for (size_t v = 0; v < r.variants.size(); ++v) {
      o += "\n" + r.variants[v].name + ": misclassified\n";
      for (const Miss& m : r.misses[v]) {
        o += std::string(m.label ? "  FN " : "  FP ") + m.source + " " + m.key + " 「" + m.title + "」 terms: [" +
             m.terms + "]" + (m.rule.empty() ? "" : " rule: " + m.rule) + " label reason: " + m.reason + "\n";
      }
    }
  }
  for (const auto& nf : r.not_found) o += "not found: " + nf + "\n";
  return o;
}

StatusOr<Agreement> CompareLabels(const std::vector<Label>& first, const std::vector<Label>& second) {
  auto index = [](const std::vector<Label>& labels, const char* which,
                  std::map<std::pair<std::string, std::string>, size_t>* out) -> Status {
    for (size_t i = 0; i < labels.size(); ++i) {
      if (!out->emplace(std::make_pair(labels[i].source, labels[i].key), i).second)
        return InvalidArgument(std::string(which) + " labels list " + labels[i].source + " " + labels[i].key +
                               " twice");
    }
    return Status::Ok();
  };
  std::map<std::pair<std::string, std::string>, size_t> in_first, in_second;
  if (Status st = index(first, "the first", &in_first); !st.ok()) return st;
  if (Status st = index(second, "the second", &in_second); !st.ok()) return st;
  Agreement a;
  size_t first_ai = 0, second_ai = 0;
  for (const Label& f : first) {
    auto it = in_second.find({f.source, f.key});
    if (it == in_second.end()) {
      a.only_first.push_back(f.source + " " + f.key);
      continue;
    }
    const Label& s = second[it->second];
    ++a.both;
    first_ai += f.ai;
    second_ai += s.ai;
    a.second_vs_first.Add(s.ai, f.ai);
    if (f.ai == s.ai) {
      a.consensus.push_back(f);
    } else {
      a.disagreements.emplace_back(f, s);
    }
  }
  for (const Label& s : second)
    if (!in_first.count({s.source, s.key})) a.only_second.push_back(s.source + " " + s.key);
  if (a.both > 0) {
    double n = static_cast<double>(a.both);
    double p1 = static_cast<double>(first_ai) / n, p2 = static_cast<double>(second_ai) / n;
    double chance = p1 * p2 + (1 - p1) * (1 - p2);
    a.observed = static_cast<double>(a.consensus.size()) / n;
    a.kappa = chance >= 1 ? std::nan("") : (a.observed - chance) / (1 - chance);
  }
  return a;
}

std::string AgreementText(const Agreement& a) {
  std::string o;
  char buf[256];
  const Score& s = a.second_vs_first;
  std::snprintf(buf, sizeof buf, "%zu postings in both labellings; first: %llu AI, second: %llu AI\n", a.both,
                static_cast<unsigned long long>(s.tp + s.fn), static_cast<unsigned long long>(s.tp + s.fp));
  o += buf;
  std::snprintf(buf, sizeof buf, "agreement %.3f (%zu of %zu), Cohen's kappa ", a.observed,
                a.both - a.disagreements.size(), a.both);
  o += buf;
  if (std::isnan(a.kappa)) {
    o += "undefined (one label throughout)\n";
  } else {
    std::snprintf(buf, sizeof buf, "%.3f\n", a.kappa);
    o += buf;
  }
  std::snprintf(buf, sizeof buf, "second against first: precision %.3f recall %.3f (TP %llu FP %llu FN %llu TN %llu)\n",
                s.Precision(), s.Recall(), static_cast<unsigned long long>(s.tp), static_cast<unsigned long long>(s.fp),
                static_cast<unsigned long long>(s.fn), static_cast<unsigned long long>(s.tn));
  o += buf;
  if (!a.disagreements.empty()) o += "\ndisagreements (first / second)\n";
  for (const auto& [f, sec] : a.disagreements) {
    o += "  " + f.source + " " + f.key + " 「" + f.title + "」 " + (f.ai ? "1" : "0") + " / " + (sec.ai ? "1" : "0") +
         "\n    first:  " + f.reason + "\n    second: " + sec.reason + "\n";
  }
  for (const auto& k : a.only_first) o += "only in the first: " + k + "\n";
  for (const auto& k : a.only_second) o += "only in the second: " + k + "\n";
  return o;
}

}  // namespace jobsift

#include "pipeline/category_eval.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <set>

#include "base/hash.h"
#include "base/text.h"
#include "pipeline/reader.h"

namespace jobsift {
namespace {

const char* kHeader[] = {"source", "key", "category", "dataset", "stratum", "labeller", "title", "reason"};

// A weighted share: sum of w over the hits / sum of w over the base.
struct Share {
  double hit = 0, base = 0, base_w2 = 0;
  size_t n = 0;
  void Add(double w, bool in_base, bool hit_too) {
    if (!in_base) return;
    base += w;
    base_w2 += w * w;
    ++n;
    if (hit_too) hit += w;
  }
  Estimate Get() const {
    Estimate e;
    e.n = n;
    if (base <= 0) return e;
    e.value = hit / base;
    e.n_eff = base * base / base_w2;
    e.ci = Wilson95OfShare(e.value, e.n_eff);
    return e;
  }
};

// Stable fold of a posting: FNV-1a of its source and key.
size_t FoldOf(const CategoryLabel& l, size_t folds) {
  Fnv1a h;
  h.Add(l.source);
  h.Add(l.key);
  return static_cast<size_t>(h.value % folds);
}

// The truth under a definition: its categories, or, for `report` (any term),
// any kind of AI work.
bool Truth(const AiDefinition& d, AiCategory c) { return d.any_term ? c != AiCategory::kNone : d.Contains(c); }

std::string Num(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace

bool IsCategoryLabelsFile(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    return StartsWith(line, "source\tkey\tcategory");
  }
  return false;
}

StatusOr<std::vector<CategoryLabel>> LoadCategoryLabels(const std::string& path) {
  std::vector<CategoryLabel> labels;
  std::set<std::pair<std::string, std::string>> seen;
  Status st = ReadLabelRows(
      path,
      [](const std::vector<std::string_view>& cols) {
        for (size_t i = 0; i < std::size(kHeader); ++i)
          if (i >= cols.size() || cols[i] != kHeader[i])
            return InvalidArgument("expected the header source, key, category, dataset, stratum, labeller, title, "
                                   "reason");
        return Status::Ok();
      },
      [&](const std::vector<std::string_view>& cols, const std::string& where) {
        if (cols.size() < 5) return InvalidArgument(where + ": too few columns");
        CategoryLabel l;
        l.source = cols[0];
        l.key = cols[1];
        if (!CategoryFromCode(cols[2], &l.category))
          return InvalidArgument(where + ": category '" + std::string(cols[2]) + "' is not one of B A D E S U N");
        l.dataset = cols[3];
        l.stratum = cols[4];
        if (cols.size() > 5) l.labeller = cols[5];
        if (cols.size() > 6) l.title = cols[6];
        if (cols.size() > 7) l.reason = cols[7];
        if (!seen.insert({l.source, l.key}).second)
          return InvalidArgument(where + ": " + l.source + " " + l.key + " twice");
        labels.push_back(std::move(l));
        return Status::Ok();
      });
  if (!st.ok()) return st;
  return labels;
}

StatusOr<std::map<std::pair<std::string, std::string>, uint64_t>> LoadFrame(const std::string& path) {
  std::map<std::pair<std::string, std::string>, uint64_t> frame;
  Status st = ReadLabelRows(
      path,
      [](const std::vector<std::string_view>& cols) {
        if (cols.size() < 3 || cols[0] != "dataset" || cols[1] != "stratum" || cols[2] != "frame")
          return InvalidArgument("expected the header dataset, stratum, frame");
        return Status::Ok();
      },
      [&](const std::vector<std::string_view>& cols, const std::string& where) {
        uint64_t n = 0;
        std::string_view v = cols.size() >= 3 ? cols[2] : std::string_view();
        auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (cols.size() < 3 || v.empty() || ec != std::errc() || end != v.data() + v.size() || n == 0)
          return InvalidArgument(where + ": want a dataset, a stratum and its postings (a positive count)");
        if (!frame.emplace(std::make_pair(std::string(cols[0]), std::string(cols[1])), n).second)
          return InvalidArgument(where + ": " + std::string(cols[0]) + " " + std::string(cols[1]) + " twice");
        return Status::Ok();
      });
  if (!st.ok()) return st;
  return frame;
}

StatusOr<std::vector<ReadPosting>> ReadLabelledPostings(const std::vector<CategoryLabel>& labels,
                                                        const std::string& data_root, const Lexicon& lexicon,
                                                        std::vector<std::string>* not_found) {
  // What eval needs of each labelled posting: the rules' category and the
  // model's features, whatever model ships.
  AnnotateOptions o;
  o.categorize = true;
  o.category_method = CategoryMethod::kRules;
  o.keep_features = true;
  auto made = Annotator::Create(lexicon, o);
  if (!made.ok()) return made.status();
  std::shared_ptr<const Annotator> annotator = std::move(*made);
  std::vector<LabelKey> keys;
  for (const CategoryLabel& l : labels) keys.emplace_back(l.source, l.key);
  std::function<std::function<ReadPosting(const Posting&)>()> new_reader = [annotator]() {
    std::shared_ptr<Annotator::Scratch> scratch = annotator->NewScratch();
    return std::function<ReadPosting(const Posting&)>([annotator, scratch](const Posting& p) {
      Annotation an;
      annotator->Annotate(p, *scratch, &an);
      ReadPosting r;
      r.features = std::move(an.category_features);
      r.rules = an.category;
      r.any_term = an.any_ai_term;
      return r;
    });
  };
  auto read = ReadLabelled(keys, data_root, new_reader);
  if (!read.ok()) return read.status();
  std::vector<ReadPosting> postings;
  for (auto& [label, r] : *read) {
    r.label = label;
    postings.push_back(std::move(r));
  }
  for (size_t i = 0; i < labels.size(); ++i)
    if (!read->count(i)) not_found->push_back(labels[i].source + " " + labels[i].key);
  return postings;
}

CategoryModel TrainOnLabels(const std::vector<CategoryLabel>& labels, const std::vector<ReadPosting>& postings,
                            const CategoryModel::TrainOptions& train) {
  std::vector<CategoryModel::Example> examples;
  for (const ReadPosting& p : postings) {
    if (!p.any_term) continue;  // the model never sees a posting without an AI term
    examples.push_back({p.features, labels[p.label].category});
  }
  return CategoryModel::Train(examples, train);
}

StatusOr<CategoryEvalResult> EvaluateCategories(const std::vector<CategoryLabel>& labels,
                                                const std::vector<ReadPosting>& postings,
                                                const std::map<std::pair<std::string, std::string>, uint64_t>& frame,
                                                const CategoryModel::TrainOptions& train) {
  CategoryEvalResult r;
  r.labels = labels.size();
  // Stratum weights: frame size over the postings labelled in the stratum.
  std::map<std::pair<std::string, std::string>, size_t> labelled;
  for (const ReadPosting& p : postings) ++labelled[{labels[p.label].dataset, labels[p.label].stratum}];
  std::vector<double> weight(postings.size());
  std::set<std::string> datasets;
  for (size_t i = 0; i < postings.size(); ++i) {
    const CategoryLabel& l = labels[postings[i].label];
    auto f = frame.find({l.dataset, l.stratum});
    if (f == frame.end())
      return InvalidArgument("the sampling frame has no stratum " + l.stratum + " of " + l.dataset + " (" + l.source +
                             " " + l.key + ")");
    weight[i] = static_cast<double>(f->second) / static_cast<double>(labelled[{l.dataset, l.stratum}]);
    datasets.insert(l.dataset);
  }
  r.datasets.assign(datasets.begin(), datasets.end());
  r.datasets.push_back("all");

  // Predictions: the rules; the model, each fold trained without it.
  r.methods = {"rules", "model (10-fold CV)", "model (one dataset out)"};
  std::vector<std::vector<AiCategory>> predicted(r.methods.size(), std::vector<AiCategory>(postings.size()));
  for (size_t i = 0; i < postings.size(); ++i) predicted[0][i] = postings[i].rules;
  // `fold[i]`: the fold of posting i; each fold scored by a model trained on the others.
  auto cross = [&](size_t method, const std::vector<std::string>& fold) {
    for (const std::string& f : std::set<std::string>(fold.begin(), fold.end())) {
      std::vector<CategoryModel::Example> examples;
      for (size_t i = 0; i < postings.size(); ++i)
        if (fold[i] != f && postings[i].any_term)
          examples.push_back({postings[i].features, labels[postings[i].label].category});
      CategoryModel m = CategoryModel::Train(examples, train);
      for (size_t i = 0; i < postings.size(); ++i)
        if (fold[i] == f)
          predicted[method][i] = postings[i].any_term ? m.Classify(postings[i].features, nullptr) : AiCategory::kNone;
    }
  };
  std::vector<std::string> by_id, by_dataset;
  for (const ReadPosting& p : postings) {
    by_id.push_back(std::to_string(FoldOf(labels[p.label], 10)));
    by_dataset.push_back(labels[p.label].dataset);
  }
  cross(1, by_id);
  cross(2, by_dataset);

  const std::vector<AiDefinition>& defs = ShippedDefinitions();
  r.scores.assign(r.methods.size(), std::vector<std::vector<DefinitionScore>>(
                                        defs.size(), std::vector<DefinitionScore>(r.datasets.size())));
  for (size_t m = 0; m < r.methods.size(); ++m) {
    double right_w = 0, all_w = 0;
    size_t right = 0;
    for (size_t d = 0; d < defs.size(); ++d) {
      for (size_t k = 0; k < r.datasets.size(); ++k) {
        Share precision, recall;
        double positives = 0;
        for (size_t i = 0; i < postings.size(); ++i) {
          const CategoryLabel& l = labels[postings[i].label];
          if (r.datasets[k] != "all" && l.dataset != r.datasets[k]) continue;
          bool flagged = defs[d].Flags(predicted[m][i], postings[i].any_term);
          bool truth = Truth(defs[d], l.category);
          precision.Add(weight[i], flagged, truth);
          recall.Add(weight[i], truth, flagged);
          if (truth) positives += weight[i];
        }
        r.scores[m][d][k] = {precision.Get(), recall.Get(), positives};
      }
    }
    for (size_t i = 0; i < postings.size(); ++i) {
      bool ok = predicted[m][i] == labels[postings[i].label].category;
      right += ok;
      right_w += ok ? weight[i] : 0;
      all_w += weight[i];
      if (m == 1)
        ++r.confusion[static_cast<size_t>(labels[postings[i].label].category)][static_cast<size_t>(predicted[m][i])];
    }
    r.accuracy_population.push_back(all_w > 0 ? right_w / all_w : 0);
    r.accuracy_sample.push_back(postings.empty() ? 0 : static_cast<double>(right) / static_cast<double>(postings.size()));
  }
  return r;
}

std::string CategoryEvalText(const CategoryEvalResult& r) {
  std::string o = std::to_string(r.labels) + " labelled postings, " + std::to_string(r.labels - r.not_found.size()) +
                  " found in the data. Population figures: each posting weighted by its stratum's frame / labelled;\n"
                  "95% Wilson intervals on the effective sample size (n_eff); est. = postings of the definition's "
                  "categories in the dataset.\nDefinitions:";
  for (const AiDefinition& d : ShippedDefinitions()) o += " " + d.name + " = " + d.Codes() + ";";
  o.back() = '\n';
  const std::vector<AiDefinition>& defs = ShippedDefinitions();
  char buf[512];
  for (size_t m = 0; m < r.methods.size(); ++m) {
    o += "\n== " + r.methods[m] + "\n";
    std::snprintf(buf, sizeof buf, "%-9s %-26s %9s %-15s %6s %8s %-15s %6s %8s\n", "def", "dataset", "precision",
                  "95%", "n_eff", "recall", "95%", "n_eff", "est.");
    o += buf;
    for (size_t d = 0; d < defs.size(); ++d) {
      for (size_t k = 0; k < r.datasets.size(); ++k) {
        const DefinitionScore& s = r.scores[m][d][k];
        auto cell = [](const Estimate& e) {
          return e.n == 0 ? std::string("—") : Num(e.value, 3);
        };
        auto ci = [](const Estimate& e) {
          return e.n == 0 ? std::string("") : Num(e.ci.low, 3) + "–" + Num(e.ci.high, 3);
        };
        std::snprintf(buf, sizeof buf, "%-9s %-26s %9s %-15s %6.0f %8s %-15s %6.0f %8.0f\n",
                      defs[d].name.c_str(), r.datasets[k].c_str(),
                      cell(s.precision).c_str(), ci(s.precision).c_str(), s.precision.n_eff, cell(s.recall).c_str(),
                      ci(s.recall).c_str(), s.recall.n_eff, s.positives);
        o += buf;
      }
    }
    o += "category accuracy: population " + Num(r.accuracy_population[m], 3) + ", labelled postings " +
         Num(r.accuracy_sample[m], 3) + "\n";
  }
  o += "\nconfusion of the model (10-fold CV): rows = labels, columns = predicted\n     ";
  for (AiCategory c : kAllCategories) o += std::string("     ") + CategoryCode(c);
  o += "\n";
  for (AiCategory row : kAllCategories) {
    o += std::string("  ") + CategoryCode(row) + "  ";
    for (AiCategory col : kAllCategories) {
      std::snprintf(buf, sizeof buf, "%6zu", r.confusion[static_cast<size_t>(row)][static_cast<size_t>(col)]);
      o += buf;
    }
    o += "\n";
  }
  if (!r.not_found.empty()) {
    o += "\nnot found in the data (" + std::to_string(r.not_found.size()) + "):";
    for (size_t i = 0; i < r.not_found.size() && i < 10; ++i) o += " " + r.not_found[i];
    o += "\n";
  }
  return o;
}

std::string CategoryAgreementText(const std::vector<CategoryLabel>& first, const std::vector<CategoryLabel>& second) {
  std::map<std::pair<std::string, std::string>, AiCategory> a;
  for (const CategoryLabel& l : first) a[{l.source, l.key}] = l.category;
  std::vector<std::pair<AiCategory, AiCategory>> pairs;
  for (const CategoryLabel& l : second) {
    auto it = a.find({l.source, l.key});
    if (it != a.end()) pairs.emplace_back(it->second, l.category);
  }
  auto kappa = [&](auto same_class, size_t classes, auto class_of) {
    double n = static_cast<double>(pairs.size()), alike = 0;
    std::vector<double> ca(classes), cb(classes);
    for (const auto& [x, y] : pairs) {
      alike += same_class(x, y);
      ++ca[class_of(x)];
      ++cb[class_of(y)];
    }
    double pe = 0;
    for (size_t c = 0; c < classes; ++c) pe += ca[c] * cb[c] / n / n;
    double po = n > 0 ? alike / n : 0;
    return std::make_pair(po, pe < 1 ? (po - pe) / (1 - pe) : 1.0);
  };
  std::string o = std::to_string(pairs.size()) + " postings in both labellings\n";
  auto [po, k] = kappa([](AiCategory x, AiCategory y) { return x == y; }, kCategoryCount,
                       [](AiCategory c) { return static_cast<size_t>(c); });
  o += "seven categories: " + Num(po, 3) + " alike, Cohen's kappa " + Num(k, 3) + "\n";
  for (const AiDefinition& d : ShippedDefinitions()) {
    if (d.any_term) continue;
    auto [po2, k2] = kappa([&](AiCategory x, AiCategory y) { return d.Contains(x) == d.Contains(y); }, 2,
                           [&](AiCategory c) { return d.Contains(c) ? size_t{1} : size_t{0}; });
    size_t tp = 0, fp = 0, fn = 0;
    for (const auto& [x, y] : pairs) {
      tp += d.Contains(x) && d.Contains(y);
      fp += !d.Contains(x) && d.Contains(y);
      fn += d.Contains(x) && !d.Contains(y);
    }
    o += d.name + " (" + d.Codes() + "): " + Num(po2, 3) + " alike, kappa " + Num(k2, 3) +
         "; the second scored against the first: precision " + Num(tp + fp ? double(tp) / double(tp + fp) : 0, 3) +
         ", recall " + Num(tp + fn ? double(tp) / double(tp + fn) : 0, 3) + " (" + std::to_string(tp + fn) +
         " positives)\n";
  }
  std::map<std::pair<char, char>, size_t> diff;
  for (const auto& [x, y] : pairs)
    if (x != y) ++diff[{CategoryCode(x), CategoryCode(y)}];
  o += "disagreements (first -> second):";
  for (const auto& [xy, n] : diff) o += std::string(" ") + xy.first + "->" + xy.second + " " + std::to_string(n);
  o += "\n";
  return o;
}

}  // namespace jobsift

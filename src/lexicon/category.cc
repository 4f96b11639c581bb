#include "lexicon/category.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <unordered_map>

#include "base/hash.h"
#include "base/phrase_set.h"
#include "base/text.h"

namespace jobsift {
namespace {

struct CategoryInfo {
  char code;
  std::string_view name;
  std::string_view label;
};
constexpr CategoryInfo kInfo[kCategoryCount] = {
    {'B', "builder", "AI构建者"},         {'A', "application", "AI应用工程师"}, {'D', "data", "AI数据工作"},
    {'E', "education", "AI教育"},         {'S', "business", "AI商务"},          {'U', "tool_user", "AI工具使用者"},
    {'N', "none", "非AI岗位"},
};

// The byte length of the UTF-8 character starting with `c`.
size_t CharLength(unsigned char c) {
  if (c < 0x80) return 1;
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;  // a stray continuation byte: one at a time
}

// Each ASCII letter (lower-cased) or digit as a one-character string.
constexpr std::string_view kAsciiChars = "abcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::string_view kBreak = " ";

// The characters of `text` as views, ASCII letters lower-cased, whitespace
// and ASCII punctuation a break (they carry no meaning in a character
// n-gram), at most `max_chars` of them, between the markers "^" and "$"
// when `markers`.
void Characters(std::string_view text, size_t max_chars, bool markers, std::vector<std::string_view>* out) {
  out->clear();
  if (markers) out->push_back("^");
  for (size_t i = 0, n = 0; i < text.size() && n < max_chars; ++n) {
    size_t len = std::min(CharLength(static_cast<unsigned char>(text[i])), text.size() - i);
    char c = text[i];
    if (len > 1) {
      out->push_back(text.substr(i, len));
    } else if (c >= 'A' && c <= 'Z') {
      out->push_back(kAsciiChars.substr(static_cast<size_t>(c - 'A'), 1));
    } else if (c >= 'a' && c <= 'z') {
      out->push_back(kAsciiChars.substr(static_cast<size_t>(c - 'a'), 1));
    } else if (c >= '0' && c <= '9') {
      out->push_back(kAsciiChars.substr(26 + static_cast<size_t>(c - '0'), 1));
    } else {
      out->push_back(kBreak);
    }
    i += len;
  }
  if (markers) out->push_back("$");
}

// Character n-grams (min_n..max_n) of `text` as `prefix`+gram, passed to
// `emit` as pieces; grams that span a break are left out.
template <class Emit>
void EmitGrams(std::string_view text, std::string_view prefix, size_t min_n, size_t max_n, size_t max_chars,
               bool markers, std::vector<std::string_view>* chars, Emit& emit) {
  Characters(text, max_chars, markers, chars);
  const std::vector<std::string_view>& c = *chars;
  for (size_t n = min_n; n <= max_n; ++n)
    for (size_t i = 0; i + n <= c.size(); ++i) {
      bool whole = true;
      for (size_t k = 0; k < n && whole; ++k) whole = c[i + k].data() != kBreak.data();
      if (!whole) continue;
      if (n == 1) {
        emit(prefix, c[i]);
      } else if (n == 2) {
        emit(prefix, c[i], c[i + 1]);
      } else {
        emit(prefix, c[i], c[i + 1], c[i + 2]);
      }
    }
}

std::string_view SectionClass(Section s) {
  switch (s) {
    case Section::kTitle: return "title";
    case Section::kDuties:
    case Section::kBody: return "duties";
    case Section::kRequirements: return "requirements";
    default: return "other";
  }
}

const char* Bucket(size_t n) {
  static const char* kBuckets[] = {"0", "1", "2", "3+"};
  return kBuckets[std::min<size_t>(n, 3)];
}

}  // namespace

char CategoryCode(AiCategory c) { return kInfo[static_cast<size_t>(c)].code; }
std::string_view CategoryCodeText(AiCategory c) { return {&kInfo[static_cast<size_t>(c)].code, 1}; }
std::string_view CategoryName(AiCategory c) { return kInfo[static_cast<size_t>(c)].name; }
std::string_view CategoryLabelZh(AiCategory c) { return kInfo[static_cast<size_t>(c)].label; }

bool CategoryFromCode(std::string_view code, AiCategory* out) {
  for (AiCategory c : kAllCategories)
    if (code.size() == 1 && code[0] == CategoryCode(c)) {
      *out = c;
      return true;
    }
  return false;
}

std::string AiDefinition::Codes() const {
  if (any_term) return "any term";
  std::string out;
  for (AiCategory c : kAllCategories)
    if (Contains(c)) out += (out.empty() ? "" : "+") + std::string(1, CategoryCode(c));
  return out;
}

const std::vector<AiDefinition>& ShippedDefinitions() {
  auto bits = [](std::initializer_list<AiCategory> cs) {
    uint8_t b = 0;
    for (AiCategory c : cs) b |= static_cast<uint8_t>(1u << static_cast<unsigned>(c));
    return b;
  };
  static const std::vector<AiDefinition> kShipped = {
      {"core", bits({AiCategory::kBuilder}), false},
      {"default", bits({AiCategory::kBuilder, AiCategory::kApplication}), false},
      {"broad", bits({AiCategory::kBuilder, AiCategory::kApplication, AiCategory::kData}), false},
      {"report", 0, true},
  };
  return kShipped;
}

std::vector<AiDefinition> AllDefinitions(const std::vector<AiDefinition>& extra) {
  std::vector<AiDefinition> all = ShippedDefinitions();
  all.insert(all.end(), extra.begin(), extra.end());
  return all;
}

StatusOr<AiDefinition> FindDefinition(std::string_view name, const std::vector<AiDefinition>& extra) {
  std::string known;
  for (const AiDefinition& d : AllDefinitions(extra)) {
    if (d.name == name) return d;
    known += (known.empty() ? "" : ", ") + d.name;
  }
  return InvalidArgument("unknown AI definition '" + std::string(name) + "' (" + known + ")");
}

StatusOr<AiDefinition> ParseDefinition(std::string name, std::string_view codes) {
  AiDefinition d;
  d.name = std::move(name);
  for (std::string_view code : SplitOn(codes, '+')) {
    code = TrimCell(code);
    AiCategory c;
    if (!CategoryFromCode(code, &c))
      return InvalidArgument("definition '" + d.name + "': '" + std::string(code) +
                             "' is not a category code (B, A, D, E, S, U, N)");
    d.categories |= static_cast<uint8_t>(1u << static_cast<unsigned>(c));
  }
  if (d.categories == 0) return InvalidArgument("definition '" + d.name + "' names no category");
  return d;
}

std::string AiFlagInfo::Label() const {
  return definition + " (" + categories + "), " + classifier + (model_checksum.empty() ? "" : " " + model_checksum);
}

std::string_view CategoryMethodName(CategoryMethod m) { return m == CategoryMethod::kRules ? "rules" : "model"; }

StatusOr<CategoryMethod> CategoryMethodFromName(std::string_view name) {
  if (name == "rules") return CategoryMethod::kRules;
  if (name == "model") return CategoryMethod::kModel;
  return InvalidArgument("classifier must be model or rules");
}

AiCategory RulesCategory(const CategoryInput& in, const CategoryRules& r, std::string_view* rule) {
  // The default rule's AI jobs build AI, or build on it: software titles and
  // duties naming LLM applications make A unless the work trains models.
  if (!in.rule.empty()) {
    bool app = (r.app_title.AnyIn(in.title) || r.app_work.AnyIn(in.duties)) && !r.build_work.AnyIn(in.title) &&
               !(r.build_work.AnyIn(in.duties) && !r.app_work.AnyIn(in.duties));
    *rule = app ? "category.rules_application" : "category.rules_builder";
    return app ? AiCategory::kApplication : AiCategory::kBuilder;
  }
  if (!in.ai_hits.empty()) {
    if (r.data_title.AnyIn(in.title)) {
      *rule = "category.rules_data_title";
      return AiCategory::kData;
    }
    if (r.teach_title.AnyIn(in.title)) {
      *rule = "category.rules_teaching_title";
      return AiCategory::kEducation;
    }
    bool named = std::any_of(in.ai_hits.begin(), in.ai_hits.end(), [](const CategoryInput::Hit& h) {
      return h.section == Section::kTitle || h.section == Section::kDuties || h.section == Section::kBody;
    });
    if (in.non_technical_title && named) {
      *rule = "category.rules_business_title";
      return AiCategory::kBusiness;
    }
    if (r.tools.AnyIn(in.duties)) {
      *rule = "category.rules_tool_use";
      return AiCategory::kToolUser;
    }
  }
  *rule = in.ai_hits.empty() ? "category.no_ai_term" : "category.rules_none";
  return AiCategory::kNone;
}

namespace {

// Every feature of `in` (CategoryFeatures), passed to `emit` as up to five
// pieces that make its name; a feature may come more than once.
template <class Emit>
void EmitFeatures(const CategoryInput& in, std::vector<std::string_view>* chars, Emit& emit) {
  emit("bias");
  EmitGrams(in.title, "t:", 1, 3, 60, /*markers=*/true, chars, emit);
  EmitGrams(in.duties, "d:", 2, 2, 800, /*markers=*/false, chars, emit);
  size_t strong_duties = 0, strong_requirements = 0;
  for (const CategoryInput::Hit& h : in.ai_hits) {
    std::string_view where = SectionClass(h.section);
    emit("a:", h.term, "@", where);
    emit("g:", h.group, "@", where);
    if (!h.weak && where == "duties") ++strong_duties;
    if (!h.weak && where == "requirements") ++strong_requirements;
  }
  emit("sd:", Bucket(strong_duties));
  emit("sq:", Bucket(strong_requirements));
  emit("r:", in.rule.empty() ? std::string_view("none") : in.rule);
  if (in.non_technical_title) emit("role:non_technical");
  if (in.general_software_title) emit("role:general_software");
  if (!in.has_description) emit("no_description");
}

// A feature's key: FNV-1a of its name (fed piece by piece when scoring).
uint64_t HashOf(std::string_view name) {
  Fnv1a f;
  f.Add(name);
  return f.value;
}

}  // namespace

void CategoryFeatures(const CategoryInput& in, std::vector<std::string>* out) {
  out->clear();
  std::vector<std::string_view> chars;
  auto emit = [out](std::string_view a, std::string_view b = {}, std::string_view c = {}, std::string_view d = {}) {
    std::string& f = out->emplace_back();
    f.reserve(a.size() + b.size() + c.size() + d.size());
    f.append(a).append(b).append(c).append(d);
  };
  EmitFeatures(in, &chars, emit);
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

// The model's weights are integers in units of 1e-7 (kUnit): a posting's
// scores are then exact sums, the same in any order of its features.
namespace {
constexpr double kUnit = 1e7;
constexpr double kMaxWeight = 200;  // |weight| the integers hold (2^31 / kUnit = 214)

// A weight as the weights file writes it (4 significant digits, in units of
// 1e-7), so that the model trained and the model loaded from its file are
// the same model. Weights under 5e-4 change no decision and are 0.
int32_t Quantize(double w) {
  if (std::fabs(w) < 5e-4) return 0;
  w = std::clamp(w, -kMaxWeight, kMaxWeight);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", w);
  return static_cast<int32_t>(std::llround(std::strtod(buf, nullptr) * kUnit));
}
}  // namespace

CategoryModel::CategoryModel() = default;
CategoryModel::CategoryModel(CategoryModel&&) noexcept = default;
CategoryModel& CategoryModel::operator=(CategoryModel&&) noexcept = default;
CategoryModel::~CategoryModel() = default;

int64_t CategoryModel::Find(uint64_t key) const {
  if (slots_.empty()) return -1;
  for (size_t i = key & mask_;; i = (i + 1) & mask_) {
    uint32_t slot = slots_[i];
    if (slot == 0) return -1;
    if (keys_[slot - 1] == key) return slot - 1;
  }
}

Status CategoryModel::Add(std::string name, const std::array<int32_t, kCategoryCount>& w) {
  uint64_t key = HashOf(name);
  if (Find(key) >= 0)
    return InvalidArgument(names_[static_cast<size_t>(Find(key))] == name
                               ? "feature '" + name + "' given twice"
                               : "features '" + name + "' and '" + names_[static_cast<size_t>(Find(key))] +
                                     "' have the same hash");
  // The table stays at most half full.
  if ((names_.size() + 1) * 2 > slots_.size()) {
    size_t size = std::max<size_t>(1024, slots_.size() * 2);
    slots_.assign(size, 0);
    mask_ = size - 1;
    for (size_t i = 0; i < keys_.size(); ++i) {
      size_t at = keys_[i] & mask_;
      while (slots_[at] != 0) at = (at + 1) & mask_;
      slots_[at] = static_cast<uint32_t>(i + 1);
    }
  }
  size_t at = key & mask_;
  while (slots_[at] != 0) at = (at + 1) & mask_;
  names_.push_back(std::move(name));
  keys_.push_back(key);
  weights_.push_back(w);
  slots_[at] = static_cast<uint32_t>(names_.size());
  return Status::Ok();
}

StatusOr<CategoryModel> CategoryModel::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open the category model's weights");
  CategoryModel m;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::string where = path + ":" + std::to_string(line_no) + ": ";
    auto cols = SplitOn(line, '\t');
    if (cols.size() != kCategoryCount + 1)
      return InvalidArgument(where + "want a feature and " + std::to_string(kCategoryCount) + " weights");
    std::array<int32_t, kCategoryCount> w{};
    for (size_t c = 0; c < kCategoryCount; ++c) {
      std::string v(cols[c + 1]);
      char* end = nullptr;
      double x = std::strtod(v.c_str(), &end);
      if (end == v.c_str() || *end != '\0' || !std::isfinite(x) || std::fabs(x) > kMaxWeight)
        return InvalidArgument(where + "'" + v + "' is not a weight (a number within ±200)");
      w[c] = static_cast<int32_t>(std::llround(x * kUnit));
    }
    Status st = m.Add(std::string(cols[0]), w);
    if (!st.ok()) return InvalidArgument(where + st.message());
  }
  if (m.empty()) return InvalidArgument(path + ": no weights");
  return m;
}

CategoryModel CategoryModel::Train(const std::vector<Example>& examples, const TrainOptions& o) {
  // Features to dense indexes, in order of first appearance (deterministic).
  std::unordered_map<std::string, uint32_t> index;
  std::vector<std::string> names;
  std::vector<std::vector<uint32_t>> x(examples.size());
  for (size_t i = 0; i < examples.size(); ++i)
    for (const std::string& f : examples[i].features) {
      auto [it, fresh] = index.emplace(f, static_cast<uint32_t>(names.size()));
      if (fresh) names.push_back(f);
      x[i].push_back(it->second);
    }
  std::vector<std::array<double, kCategoryCount>> w(names.size()), g2(names.size());
  for (auto& a : g2) a.fill(1e-8);
  // Visiting order: a Fisher-Yates shuffle per epoch from a fixed seed (the
  // standard library's shuffle may differ between implementations).
  std::mt19937_64 rng(o.seed);
  std::vector<size_t> order(examples.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::array<double, kCategoryCount> p{};
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    for (size_t e : order) {
      const auto& feats = x[e];
      if (feats.empty()) continue;
      double max = -1e300;
      for (size_t c = 0; c < kCategoryCount; ++c) {
        double s = 0;
        for (uint32_t f : feats) s += w[f][c];
        p[c] = s;
        max = std::max(max, s);
      }
      double z = 0;
      for (double& v : p) z += (v = std::exp(v - max));
      size_t truth = static_cast<size_t>(examples[e].category);
      for (size_t c = 0; c < kCategoryCount; ++c) {
        double grad = p[c] / z - (c == truth ? 1.0 : 0.0);
        for (uint32_t f : feats) {
          double gr = grad + o.l2 * w[f][c];
          g2[f][c] += gr * gr;
          w[f][c] -= o.learning_rate * gr / std::sqrt(g2[f][c]);
        }
      }
    }
  }
  CategoryModel m;
  for (size_t f = 0; f < names.size(); ++f) {
    std::array<int32_t, kCategoryCount> v{};
    bool any = false;
    for (size_t c = 0; c < kCategoryCount; ++c) any |= (v[c] = Quantize(w[f][c])) != 0;
    // (a feature whose weights are all 0 changes no decision; two names of
    // one hash cannot both be kept, and the first is)
    if (any) (void)m.Add(names[f], v);
  }
  return m;
}

AiCategory CategoryModel::Decide(const std::array<int64_t, kCategoryCount>& s,
                                 std::array<double, kCategoryCount>* scores) {
  size_t best = 0;
  for (size_t c = 1; c < kCategoryCount; ++c)
    if (s[c] > s[best]) best = c;
  if (scores != nullptr)
    for (size_t c = 0; c < kCategoryCount; ++c) (*scores)[c] = static_cast<double>(s[c]) / kUnit;
  return static_cast<AiCategory>(best);
}

AiCategory CategoryModel::Classify(const std::vector<std::string>& features,
                                   std::array<double, kCategoryCount>* scores) const {
  std::array<int64_t, kCategoryCount> s{};
  for (const std::string& f : features) {
    int64_t i = Find(HashOf(f));
    if (i < 0) continue;
    for (size_t c = 0; c < kCategoryCount; ++c) s[c] += weights_[static_cast<size_t>(i)][c];
  }
  return Decide(s, scores);
}

std::unique_ptr<CategoryModel::Scratch> CategoryModel::NewScratch() const {
  auto scratch = std::make_unique<Scratch>();
  scratch->stamp.assign(names_.size(), 0);
  return scratch;
}

AiCategory CategoryModel::Classify(const CategoryInput& in, Scratch& scratch) const {
  // Each feature counts once: a feature found is stamped with the posting.
  if (++scratch.posting == 0) {
    std::fill(scratch.stamp.begin(), scratch.stamp.end(), 0);
    scratch.posting = 1;
  }
  const uint32_t posting = scratch.posting;
  std::array<int64_t, kCategoryCount> s{};
  auto emit = [&](std::string_view a, std::string_view b = {}, std::string_view c = {}, std::string_view d = {}) {
    Fnv1a h;
    h.Add(a);
    h.Add(b);
    h.Add(c);
    h.Add(d);
    int64_t i = Find(h.value);
    if (i < 0 || scratch.stamp[static_cast<size_t>(i)] == posting) return;
    scratch.stamp[static_cast<size_t>(i)] = posting;
    const auto& w = weights_[static_cast<size_t>(i)];
    for (size_t k = 0; k < kCategoryCount; ++k) s[k] += w[k];
  };
  EmitFeatures(in, &scratch.chars, emit);
  return Decide(s, nullptr);
}

std::vector<std::string> CategoryModel::Explain(const std::vector<std::string>& features, AiCategory c,
                                                size_t k) const {
  std::array<double, kCategoryCount> s{};
  Classify(features, &s);
  size_t chosen = static_cast<size_t>(c), runner = chosen == 0 ? 1 : 0;
  for (size_t i = 0; i < kCategoryCount; ++i)
    if (i != chosen && s[i] > s[runner]) runner = i;
  std::vector<std::pair<int64_t, std::string>> pushes;
  for (const std::string& f : features) {
    int64_t i = Find(HashOf(f));
    if (i < 0) continue;
    const auto& w = weights_[static_cast<size_t>(i)];
    int64_t d = static_cast<int64_t>(w[chosen]) - w[runner];
    if (d > 0) pushes.emplace_back(d, f);
  }
  std::sort(pushes.begin(), pushes.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  std::vector<std::string> out;
  for (size_t i = 0; i < pushes.size() && i < k; ++i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, " +%.2f", static_cast<double>(pushes[i].first) / kUnit);
    out.push_back(pushes[i].second + buf);
  }
  return out;
}

std::vector<size_t> CategoryModel::ByName() const {
  std::vector<size_t> order(names_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [this](size_t a, size_t b) { return names_[a] < names_[b]; });
  return order;
}

std::string CategoryModel::Tsv(const std::string& header) const {
  std::string out;
  for (std::string_view line : SplitOn(header, '\n'))
    if (!line.empty()) out += "# " + std::string(line) + "\n";
  out += "# feature";
  for (AiCategory c : kAllCategories) out += std::string("\t") + CategoryCode(c);
  out += "\n";
  char buf[32];
  for (size_t i : ByName()) {
    out += names_[i];
    for (int32_t v : weights_[i]) {
      std::snprintf(buf, sizeof buf, "\t%.4g", static_cast<double>(v) / kUnit);
      out += buf;
    }
    out += "\n";
  }
  return out;
}

std::string CategoryModel::Checksum() const {
  Fnv1a h;
  for (size_t i : ByName()) {
    h.Add(names_[i]);
    h.Add("\t");
    for (int32_t v : weights_[i]) h.Add(std::to_string(v) + "\t");
  }
  return h.Hex();
}

}  // namespace jobsift

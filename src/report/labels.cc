#include "report/labels.h"

#include <map>

#include "jobsift/check.h"
#include "report/assets.h"

namespace jobsift {
namespace {

struct Label {
  std::string_view kind, name, label;
};

// The embedded file's lines, parsed once. Views of static storage.
const std::vector<Label>& Labels() {
  static const std::vector<Label> labels = [] {
    std::vector<Label> out;
    std::string_view text = EmbeddedLabelsZh();
    while (!text.empty()) {
      size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
      if (line.empty() || line[0] == '#') continue;
      size_t tab1 = line.find('\t'), tab2 = line.find('\t', tab1 + 1);
      JOBSIFT_CHECK(tab1 != std::string_view::npos && tab2 != std::string_view::npos &&
                        line.find('\t', tab2 + 1) == std::string_view::npos,
                    "data/report/labels_zh.tsv: a line that is not kind<TAB>name<TAB>label");
      out.push_back({line.substr(0, tab1), line.substr(tab1 + 1, tab2 - tab1 - 1), line.substr(tab2 + 1)});
    }
    return out;
  }();
  return labels;
}

const std::map<std::pair<std::string_view, std::string_view>, std::string_view>& Index() {
  static const auto index = [] {
    std::map<std::pair<std::string_view, std::string_view>, std::string_view> out;
    for (const Label& l : Labels()) out.emplace(std::make_pair(l.kind, l.name), l.label);
    return out;
  }();
  return index;
}

}  // namespace

std::string_view LabelZh(std::string_view kind, std::string_view name) {
  auto it = Index().find({kind, name});
  return it == Index().end() ? name : it->second;
}

bool HasLabelZh(std::string_view kind, std::string_view name) { return Index().count({kind, name}) > 0; }

std::vector<std::pair<std::string_view, std::string_view>> LabelledNames() {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  for (const Label& l : Labels()) out.emplace_back(l.kind, l.name);
  return out;
}

}  // namespace jobsift

#include "io/jsonl.h"

namespace jobsift {

void JsonCell(simdjson::dom::element v, std::string& out) {
  out.clear();
  switch (v.type()) {
    case simdjson::dom::element_type::STRING: {
      std::string_view text;
      if (!v.get_string().get(text)) out.assign(text);
      break;
    }
    case simdjson::dom::element_type::NULL_VALUE: break;
    case simdjson::dom::element_type::ARRAY: {
      simdjson::dom::array items;
      if (v.get_array().get(items)) break;
      bool all_strings = true;
      for (simdjson::dom::element item : items) all_strings &= item.is_string();
      if (!all_strings) {
        out = simdjson::minify(v);
        break;
      }
      bool first = true;
      for (simdjson::dom::element item : items) {
        std::string_view text;
        if (item.get_string().get(text)) continue;
        if (!first) out.push_back(',');
        out.append(text);
        first = false;
      }
      break;
    }
    default: out = simdjson::minify(v);
  }
}

int SampleJsonlColumns(std::string_view head, bool head_is_whole, int max_lines, JsonlColumns* out) {
  simdjson::dom::parser parser;
  size_t pos = 0;
  int lines = 0;
  while (pos < head.size() && lines < max_lines) {
    size_t nl = head.find('\n', pos);
    if (nl == std::string_view::npos) {
      if (!head_is_whole) break;  // a cut line; enough sampled
      nl = head.size();
    }
    std::string line(head.substr(pos, nl - pos));
    pos = nl + 1;
    ++lines;
    simdjson::dom::element doc;
    if (parser.parse(line).get(doc)) continue;
    simdjson::dom::object obj;
    if (doc.get_object().get(obj)) continue;
    std::vector<std::string> row(out->header.size());
    for (auto [key, value] : obj) {
      std::string k(key);
      auto it = out->keys.find(k);
      int col;
      if (it == out->keys.end()) {
        col = static_cast<int>(out->header.size());
        out->keys.emplace(k, col);
        out->header.push_back(k);
        row.resize(out->header.size());
      } else {
        col = it->second;
      }
      JsonCell(value, row[col]);
    }
    out->sample.push_back(std::move(row));
  }
  return lines;
}

JsonlRowParser::Outcome JsonlRowParser::Parse(std::string_view line, const char* readable_end,
                                              const std::unordered_map<std::string, int>& keys, size_t columns,
                                              std::vector<std::string_view>* cells) {
  simdjson::dom::element doc;
  simdjson::error_code err;
  if (line.data() + line.size() + simdjson::SIMDJSON_PADDING <= readable_end) {
    err = json_.parse(line.data(), line.size(), false).get(doc);
  } else {
    err = json_.parse(simdjson::padded_string(line)).get(doc);
  }
  if (err) return Outcome::kMalformed;
  simdjson::dom::object obj;
  if (doc.get_object().get(obj)) return Outcome::kNotObject;
  if (text_.size() < columns) text_.resize(columns);
  cells->assign(columns, std::string_view());
  seen_.assign(columns, 0);
  for (auto [key, value] : obj) {
    auto it = keys.find(std::string(key));
    if (it == keys.end()) continue;
    // Only keys that feed a column count as repeated.
    if (seen_[it->second]++ != 0) return Outcome::kDuplicateKey;
    std::string& cell = text_[it->second];
    JsonCell(value, cell);
    (*cells)[it->second] = cell;
  }
  return Outcome::kRow;
}

}  // namespace jobsift

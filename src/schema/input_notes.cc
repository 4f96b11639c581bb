#include "schema/input_notes.h"

#include <algorithm>

#include "base/text.h"

namespace jobsift {
namespace {

// "a, b, c and 4 more".
std::string FirstNames(const std::vector<std::string>& names, size_t shown = 3) {
  return JoinFirst(names, ", ", shown) +
         (names.size() > shown ? " and " + std::to_string(names.size() - shown) + " more" : "");
}

}  // namespace

std::string NoteFile(const std::string& note) {
  size_t colon = note.find(": ");
  return colon == std::string::npos ? note : note.substr(0, colon);
}

bool IsNotedField(Field f) {
  switch (f) {
    case Field::kId:
    case Field::kDateSeen:
    case Field::kDateUpdated:
    case Field::kSalaryMin:
    case Field::kSalaryMax:
    case Field::kSalaryMonths:
    case Field::kBenefits:
    case Field::kCount: return false;
    default: return true;
  }
}

void InputNotes::Add(const InputNotes& o) {
  files += o.files;
  rows += o.rows;
  for (const NoColumn& n : o.no_column) {
    auto it = std::find_if(no_column.begin(), no_column.end(), [&](const NoColumn& m) { return m.field == n.field; });
    if (it == no_column.end()) {
      it = no_column.insert(std::upper_bound(no_column.begin(), no_column.end(), n,
                                             [](const NoColumn& a, const NoColumn& b) { return a.field < b.field; }),
                            NoColumn{n.field, {}, 0});
    }
    it->files.insert(it->files.end(), n.files.begin(), n.files.end());
    it->rows += n.rows;
  }
  by_content.insert(by_content.end(), o.by_content.begin(), o.by_content.end());
  empty.insert(empty.end(), o.empty.begin(), o.empty.end());
  skipped.insert(skipped.end(), o.skipped.begin(), o.skipped.end());
  other.insert(other.end(), o.other.begin(), o.other.end());
}

std::vector<std::string> InputNotes::Lines() const {
  std::vector<std::string> out;
  for (const NoColumn& n : no_column) {
    out.push_back("no column for " + std::string(FieldName(n.field)) + " in " + std::to_string(n.files.size()) +
                  " of " + std::to_string(files) + (files == 1 ? " file" : " files") + " (" + std::to_string(n.rows) +
                  " of " + std::to_string(rows) + " rows; unknown there): " + FirstNames(n.files));
  }
  // Columns found by content: one line a file, and files mapped alike
  // (daily exports) share it.
  std::vector<std::pair<std::string, std::vector<std::string>>> alike;  // mapping -> files
  for (size_t i = 0; i < by_content.size();) {
    const std::string& file = by_content[i].file;
    std::string mapping;
    for (; i < by_content.size() && by_content[i].file == file; ++i) {
      const ByContent& b = by_content[i];
      mapping += (mapping.empty() ? "" : "; ") + std::string(FieldName(b.field)) + " <- '" + b.header + "' (" +
                 b.evidence + ")";
    }
    auto it = std::find_if(alike.begin(), alike.end(), [&](const auto& a) { return a.first == mapping; });
    if (it == alike.end()) {
      alike.emplace_back(mapping, std::vector<std::string>{file});
    } else {
      it->second.push_back(file);
    }
  }
  for (const auto& [mapping, files] : alike) {
    std::string where = files.size() == 1 ? files.front() : FirstNames(files);
    out.push_back(where + ": columns whose names no alias knows, read by what their cells hold: " + mapping +
                  "; name them in a [columns] table of --config to be sure");
  }
  if (empty.size() <= 3) {
    out.insert(out.end(), empty.begin(), empty.end());
  } else {
    std::vector<std::string> names;
    for (const std::string& e : empty) names.push_back(NoteFile(e));
    out.push_back(std::to_string(empty.size()) + " files hold no rows: " + FirstNames(names));
  }
  if (skipped.size() <= 3) {
    for (const std::string& s : skipped) out.push_back("skipped " + s);
  } else {
    std::vector<std::string> names;
    for (const std::string& s : skipped) names.push_back(NoteFile(s));
    out.push_back("skipped " + std::to_string(skipped.size()) +
                  " files without posting columns (a title or a description): " + FirstNames(names) +
                  "; jobsift scan lists each with its headers");
  }
  out.insert(out.end(), other.begin(), other.end());
  return out;
}

void AppendInputNotesJson(const InputNotes& n, std::string& out) {
  auto strings = [&](const std::vector<std::string>& v) {
    out += "[";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out += ",";
      AppendJsonString(v[i], out);
    }
    out += "]";
  };
  out += "{\"files\":" + std::to_string(n.files) + ",\"rows\":" + std::to_string(n.rows) + ",\"no_column\":{";
  for (size_t i = 0; i < n.no_column.size(); ++i) {
    if (i) out += ",";
    AppendJsonString(FieldName(n.no_column[i].field), out);
    out += ":{\"rows\":" + std::to_string(n.no_column[i].rows) + ",\"files\":";
    strings(n.no_column[i].files);
    out += "}";
  }
  out += "},\"by_content\":[";
  for (size_t i = 0; i < n.by_content.size(); ++i) {
    const InputNotes::ByContent& b = n.by_content[i];
    if (i) out += ",";
    out += "{\"file\":";
    AppendJsonString(b.file, out);
    out += ",\"field\":";
    AppendJsonString(FieldName(b.field), out);
    out += ",\"column\":";
    AppendJsonString(b.header, out);
    out += ",\"evidence\":";
    AppendJsonString(b.evidence, out);
    out += "}";
  }
  out += "],\"empty\":";
  strings(n.empty);
  out += ",\"skipped\":";
  strings(n.skipped);
  out += ",\"warnings\":";
  strings(n.other);
  out += "}";
}

}  // namespace jobsift

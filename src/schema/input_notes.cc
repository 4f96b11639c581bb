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

// What a field's missing column costs the report.
std::string_view CostOf(Field f) {
  switch (f) {
    case Field::kDate: return "undated there: counted in the totals, in no period table";
    case Field::kPosition: return "the AI flag and skills there read the description alone";
    case Field::kDescription: return "the AI flag and skills there read the title alone";
    case Field::kCity: return "unknown there, so left out of the city tables";
    case Field::kSalary: return "unknown there, so left out of the salary tables";
    case Field::kDegree: return "unknown there, so left out of the degree tables";
    case Field::kExperience: return "unknown there, so left out of the experience tables";
    case Field::kCompanySize: return "unknown there, so left out of the company-size tables";
    case Field::kCompanyIndus: return "unknown there, so left out of the industry tables";
    case Field::kCompanyName: return "unknown there: re-posts are found without the employer's name";
    default: return "unknown there";
  }
}

}  // namespace

void AddSpare(const std::vector<SpareColumn>& from, std::vector<SpareColumn>* to) {
  for (const SpareColumn& s : from)
    if (std::none_of(to->begin(), to->end(), [&](const SpareColumn& t) { return t.name == s.name; }))
      to->push_back(s);
}

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

std::vector<InputNotes::Elsewhere> InputNotes::ElsewhereOf(Field field) const {
  std::vector<Elsewhere> out;
  for (const Elsewhere& e : skipped_columns)
    if (e.field == field) out.push_back(e);
  return out;
}

void InputNotes::Add(const InputNotes& o) {
  files += o.files;
  rows += o.rows;
  for (const NoColumn& n : o.no_column) {
    auto it = std::find_if(no_column.begin(), no_column.end(), [&](const NoColumn& m) { return m.field == n.field; });
    if (it == no_column.end()) {
      it = no_column.insert(std::upper_bound(no_column.begin(), no_column.end(), n,
                                             [](const NoColumn& a, const NoColumn& b) { return a.field < b.field; }),
                            NoColumn{n.field, {}, 0, {}});
    }
    it->files.insert(it->files.end(), n.files.begin(), n.files.end());
    it->rows += n.rows;
    AddSpare(n.spare, &it->spare);
  }
  skipped_columns.insert(skipped_columns.end(), o.skipped_columns.begin(), o.skipped_columns.end());
  by_content.insert(by_content.end(), o.by_content.begin(), o.by_content.end());
  empty.insert(empty.end(), o.empty.begin(), o.empty.end());
  skipped.insert(skipped.end(), o.skipped.begin(), o.skipped.end());
  other.insert(other.end(), o.other.begin(), o.other.end());
}

std::vector<std::string> InputNotes::Lines() const {
  std::vector<std::string> out;
  for (const NoColumn& n : no_column) {
    std::string name(FieldName(n.field));
    std::string line = "no column for " + name + " in " + std::to_string(n.files.size()) + " of " +
                       std::to_string(files) + (files == 1 ? " file" : " files") + " (" + std::to_string(n.rows) +
                       " of " + std::to_string(rows) + " rows; " + std::string(CostOf(n.field)) +
                       "): " + FirstNames(n.files) + ".";
    // Where the field is: in tables jobsift skipped beside them …
    std::vector<std::pair<std::string, std::vector<std::string>>> by_column;  // column -> skipped files
    for (const Elsewhere& e : ElsewhereOf(n.field)) {
      auto it = std::find_if(by_column.begin(), by_column.end(), [&](const auto& c) { return c.first == e.column; });
      if (it == by_column.end()) it = by_column.insert(by_column.end(), {e.column, {}});
      it->second.push_back(e.file);
    }
    for (const auto& [column, in] : by_column)
      line += " Skipped as holding no postings, " +
              (in.size() == 1 ? in.front() : std::to_string(in.size()) + " files (" + FirstNames(in, 1) + ")") +
              (in.size() == 1 ? " has" : " have") + " a column '" + column +
              "' for it: jobsift does not join tables, so join it into these files by company name to use it.";
    // … or in a column of their own that nothing took.
    // A field with a judge had every spare column judged by its cells
    // already: naming them would ask the user to redo that, so only their
    // number is said. For a field without one, the columns are the lead.
    std::string_view judged = JudgedAs(n.field);
    std::vector<std::string> shown;
    for (const SpareColumn& s : n.spare)
      shown.push_back("'" + s.name + "'" + (s.sample.empty() ? " (empty)" : " (" + s.sample + ")"));
    std::string name_it = "name it in a [columns] table of --config (" + name + " = \"<column>\").";
    if (shown.empty()) {
      line += " No other column there could hold it.";
    } else if (!judged.empty()) {
      line += (shown.size() == 1 ? std::string(" The one other column there does not read")
                                 : " None of the other " + std::to_string(shown.size()) + " columns there reads") +
              " as " + std::string(judged) + " by its sampled cells; if one holds it all the same, " + name_it;
    } else {
      line += " Columns no field took there: " + FirstNames(shown, 4) + "; if one holds the " + name + ", " + name_it;
    }
    out.push_back(std::move(line));
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
  // Skipped files: those skipped for the same reason (daily exports of
  // one table) share a line. A file that a field's line above already
  // names (its column could fill that field) is said there, once.
  std::vector<std::string> said;
  for (const Elsewhere& e : skipped_columns)
    if (std::any_of(no_column.begin(), no_column.end(), [&](const NoColumn& n) { return n.field == e.field; }))
      said.push_back(e.file);
  std::vector<std::pair<std::string, std::vector<std::string>>> why;  // reason -> files
  for (const std::string& s : skipped) {
    std::string file = NoteFile(s);
    if (std::find(said.begin(), said.end(), file) != said.end()) continue;
    std::string reason = s.size() > file.size() + 2 ? s.substr(file.size() + 2) : s;
    auto it = std::find_if(why.begin(), why.end(), [&](const auto& w) { return w.first == reason; });
    if (it == why.end()) {
      why.emplace_back(reason, std::vector<std::string>{file});
    } else {
      it->second.push_back(file);
    }
  }
  for (const auto& [reason, names] : why)
    out.push_back("skipped " + (names.size() == 1 ? names.front()
                                                  : std::to_string(names.size()) + " files (" + FirstNames(names) + ")") +
                  ": " + reason);
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
  // Per field without a column, a list of two-string objects.
  auto per_field = [&](const char* key, auto items_of, const char* a, const char* b, auto pair_of) {
    out += std::string("},\"") + key + "\":{";
    for (size_t i = 0; i < n.no_column.size(); ++i) {
      if (i) out += ",";
      AppendJsonString(FieldName(n.no_column[i].field), out);
      out += ":[";
      const auto& items = items_of(n.no_column[i]);
      for (size_t k = 0; k < items.size(); ++k) {
        auto [x, y] = pair_of(items[k]);
        out += std::string(k ? "," : "") + "{\"" + a + "\":";
        AppendJsonString(x, out);
        out += std::string(",\"") + b + "\":";
        AppendJsonString(y, out);
        out += "}";
      }
      out += "]";
    }
  };
  per_field(
      "spare_columns", [](const InputNotes::NoColumn& c) -> const auto& { return c.spare; }, "column", "sample",
      [](const SpareColumn& s) { return std::make_pair(std::string_view(s.name), std::string_view(s.sample)); });
  per_field(
      "in_skipped_files", [&](const InputNotes::NoColumn& c) { return n.ElsewhereOf(c.field); }, "file", "column",
      [](const InputNotes::Elsewhere& e) { return std::make_pair(std::string_view(e.file), std::string_view(e.column)); });
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

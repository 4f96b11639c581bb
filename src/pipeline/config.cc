#include "pipeline/config.h"

// Header-only and without exceptions: the library does not throw.
#define TOML_HEADER_ONLY 1
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

namespace jobsift {
namespace {

Status UnknownKey(const std::string& path, const std::string& table, const std::string& key) {
  return InvalidArgument(path + ": unknown key '" + table + "." + key + "'");
}

Status ReadInput(const std::string& path, const toml::table& t, ReadOptions* o) {
  for (const auto& [k, v] : t) {
    std::string key(k.str());
    if (key == "encoding") {
      auto s = v.value<std::string>();
      if (!s) return InvalidArgument(path + ": input.encoding must be a string");
      o->encoding = *s;
    } else if (key == "delimiter") {
      auto s = v.value<std::string>();
      if (!s || s->size() != 1) return InvalidArgument(path + ": input.delimiter must be one character");
      o->delimiter = (*s)[0];
    } else if (key == "max_field_bytes" || key == "max_record_bytes") {
      auto n = v.value<int64_t>();
      if (!n || *n < 1024) return InvalidArgument(path + ": input." + key + " must be an integer >= 1024");
      (key == "max_field_bytes" ? o->max_field_bytes : o->max_record_bytes) = static_cast<size_t>(*n);
    } else if (key == "header") {
      auto b = v.value<bool>();
      if (!b) return InvalidArgument(path + ": input.header must be true or false");
      o->columns.no_header = !*b;
    } else {
      return UnknownKey(path, "input", key);
    }
  }
  return Status::Ok();
}

Status ReadColumns(const std::string& path, const toml::table& t, ColumnOverrides* c) {
  for (const auto& [k, v] : t) {
    std::string key(k.str());
    auto s = v.value<std::string>();
    if (!s) return InvalidArgument(path + ": columns." + key + " must be a string");
    if (key == "salary_unit") {
      if (*s != "yuan" && *s != "k" && *s != "wan")
        return InvalidArgument(path + ": columns.salary_unit must be yuan, k or wan");
      c->salary_numeric_unit = *s;
      continue;
    }
    Field f;
    if (!FieldFromName(key, &f)) return UnknownKey(path, "columns", key);
    c->by_field[f] = *s;
  }
  return Status::Ok();
}

}  // namespace

Status LoadConfig(const std::string& path, Config* config) {
  toml::parse_result parsed = toml::parse_file(path);
  if (!parsed) {
    const auto& e = parsed.error();
    return InvalidArgument(path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
  const toml::table& root = parsed.table();
  for (const auto& [k, v] : root) {
    std::string key(k.str());
    const toml::table* t = v.as_table();
    if (t == nullptr) return InvalidArgument(path + ": '" + key + "' must be a table");
    if (key == "input") {
      JOBSIFT_RETURN_IF_ERROR(ReadInput(path, *t, &config->read));
    } else if (key == "columns") {
      JOBSIFT_RETURN_IF_ERROR(ReadColumns(path, *t, &config->read.columns));
    } else {
      return InvalidArgument(path + ": unknown table [" + key + "]");
    }
  }
  return Status::Ok();
}

}  // namespace jobsift

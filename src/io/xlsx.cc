#include "io/xlsx.h"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <cstring>
#include <deque>

namespace jobsift {
namespace {

class ZipMemberSource : public ByteSource {
 public:
  ZipMemberSource(zip_file_t* f, std::string name, uint64_t size) : f_(f), name_(std::move(name)), size_(size) {}
  ~ZipMemberSource() override { zip_fclose(f_); }
  StatusOr<size_t> Read(char* buf, size_t n) override {
    zip_int64_t r = zip_fread(f_, buf, n);
    if (r < 0) return IoError(name_ + ": zip member is corrupt: " + zip_file_strerror(f_));
    consumed_ += static_cast<uint64_t>(r);
    return static_cast<size_t>(r);
  }
  uint64_t RawBytesConsumed() const override { return consumed_; }
  uint64_t SizeHint() const override { return size_; }

 private:
  zip_file_t* f_;
  std::string name_;
  uint64_t size_;  // as the archive's directory says, 0 when it does not
  uint64_t consumed_ = 0;
};

std::string ZipErrorText(int code) {
  zip_error_t e;
  zip_error_init_with_code(&e, code);
  std::string s = zip_error_strerror(&e);
  zip_error_fini(&e);
  return s;
}

// Value of attribute `name` (ignoring any namespace prefix), or nullptr.
const char* Attr(const char** atts, const char* name) {
  for (int i = 0; atts[i] != nullptr; i += 2) {
    const char* a = atts[i];
    const char* colon = std::strrchr(a, ':');
    if (std::strcmp(colon ? colon + 1 : a, name) == 0) return atts[i + 1];
  }
  return nullptr;
}

const char* LocalName(const char* name) {
  const char* colon = std::strrchr(name, ':');
  return colon ? colon + 1 : name;
}

// Runs expat over a whole in-memory document with plain callbacks.
template <class Handler>
Status ParseXml(const std::string& doc, Handler& h, const std::string& where) {
  XML_Parser p = XML_ParserCreate("UTF-8");
  XML_SetUserData(p, &h);
  XML_SetElementHandler(
      p,
      [](void* ud, const char* n, const char** a) { static_cast<Handler*>(ud)->Start(LocalName(n), a); },
      [](void* ud, const char* n) { static_cast<Handler*>(ud)->End(LocalName(n)); });
  XML_SetCharacterDataHandler(p, [](void* ud, const char* s, int len) {
    static_cast<Handler*>(ud)->Text(s, static_cast<size_t>(len));
  });
  Status st;
  if (XML_Parse(p, doc.data(), static_cast<int>(doc.size()), 1) == XML_STATUS_ERROR)
    st = DataError(where + ": malformed XML at line " + std::to_string(XML_GetCurrentLineNumber(p)) +
                   ": " + XML_ErrorString(XML_GetErrorCode(p)));
  XML_ParserFree(p);
  return st;
}

struct WorkbookHandler {
  std::string first_sheet_rid, first_sheet_name;
  void Start(const char* n, const char** a) {
    if (std::strcmp(n, "sheet") == 0 && first_sheet_rid.empty()) {
      const char* id = Attr(a, "id");
      const char* nm = Attr(a, "name");
      if (id) first_sheet_rid = id;
      if (nm) first_sheet_name = nm;
    }
  }
  void End(const char*) {}
  void Text(const char*, size_t) {}
};

struct RelsHandler {
  std::string want_id, target, shared_strings;
  void Start(const char* n, const char** a) {
    if (std::strcmp(n, "Relationship") != 0) return;
    const char* id = Attr(a, "Id");
    const char* t = Attr(a, "Target");
    const char* type = Attr(a, "Type");
    if (!t) return;
    if (id && want_id == id) target = t;
    if (type && std::strstr(type, "/sharedStrings")) shared_strings = t;
  }
  void End(const char*) {}
  void Text(const char*, size_t) {}
};

struct SharedStringsHandler {
  std::vector<std::string> strings;
  std::string cur;
  bool in_si = false, in_t = false;
  int in_rph = 0;  // phonetic runs are not part of the text
  void Start(const char* n, const char**) {
    if (std::strcmp(n, "si") == 0) {
      in_si = true;
      cur.clear();
    } else if (std::strcmp(n, "t") == 0) {
      in_t = true;
    } else if (std::strcmp(n, "rPh") == 0) {
      ++in_rph;
    }
  }
  void End(const char* n) {
    if (std::strcmp(n, "si") == 0) {
      strings.push_back(cur);
      in_si = false;
    } else if (std::strcmp(n, "t") == 0) {
      in_t = false;
    } else if (std::strcmp(n, "rPh") == 0) {
      --in_rph;
    }
  }
  void Text(const char* s, size_t len) {
    if (in_si && in_t && in_rph == 0) cur.append(s, len);
  }
};

std::string ResolveTarget(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  return "xl/" + target;
}

// Column index from a cell reference such as "AB12" (A = 0), or -1.
int ColumnOf(const char* ref) {
  int col = 0;
  int letters = 0;
  for (const char* p = ref; *p; ++p) {
    char c = *p;
    if (c >= 'A' && c <= 'Z') {
      col = col * 26 + (c - 'A' + 1);
      ++letters;
    } else {
      break;
    }
  }
  return letters == 0 || col > 16384 ? -1 : col - 1;
}

}  // namespace

ZipArchive::~ZipArchive() {
  if (zip_) zip_discard(zip_);
}

StatusOr<std::unique_ptr<ZipArchive>> ZipArchive::OpenFile(const std::string& path) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (z == nullptr) return DataError(path + ": not a readable zip archive: " + ZipErrorText(err));
  return std::unique_ptr<ZipArchive>(new ZipArchive(z, path, {}));
}

StatusOr<std::unique_ptr<ZipArchive>> ZipArchive::OpenBuffer(std::string bytes, const std::string& name) {
  std::unique_ptr<ZipArchive> a(new ZipArchive(nullptr, name, std::move(bytes)));
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(a->buffer_.data(), a->buffer_.size(), 0, &error);
  if (src == nullptr) {
    std::string msg = zip_error_strerror(&error);
    zip_error_fini(&error);
    return DataError(name + ": " + msg);
  }
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &error);
  if (z == nullptr) {
    zip_source_free(src);
    std::string msg = zip_error_strerror(&error);
    zip_error_fini(&error);
    return DataError(name + ": not a readable zip archive: " + msg);
  }
  zip_error_fini(&error);
  a->zip_ = z;
  return a;
}

std::vector<std::string> ZipArchive::Names() const {
  std::vector<std::string> names;
  zip_int64_t n = zip_get_num_entries(zip_, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* nm = zip_get_name(zip_, static_cast<zip_uint64_t>(i), 0);
    if (nm == nullptr) continue;
    std::string s = nm;
    if (!s.empty() && s.back() == '/') continue;
    names.push_back(std::move(s));
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool ZipArchive::Has(const std::string& member) const {
  return zip_name_locate(zip_, member.c_str(), 0) >= 0;
}

StatusOr<std::unique_ptr<ByteSource>> ZipArchive::OpenMember(const std::string& member) const {
  zip_file_t* f = zip_fopen(zip_, member.c_str(), 0);
  if (f == nullptr)
    return DataError(name_ + ": cannot open member " + member + ": " + zip_strerror(zip_));
  zip_stat_t st;
  zip_stat_init(&st);
  uint64_t size = zip_stat(zip_, member.c_str(), 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
  return std::unique_ptr<ByteSource>(new ZipMemberSource(f, name_ + "!" + member, size));
}

StatusOr<std::string> ZipArchive::ReadMember(const std::string& member, size_t limit) const {
  auto src = OpenMember(member);
  if (!src.ok()) return src.status();
  return ReadAll(**src, limit, name_ + "!" + member);
}

bool IsXlsx(const ZipArchive& archive) { return archive.Has("xl/workbook.xml"); }

struct XlsxReader::State {
  XML_Parser parser = nullptr;
  const std::vector<std::string>* shared = nullptr;
  std::vector<std::string> shared_storage;
  std::deque<std::pair<uint64_t, std::vector<std::string>>> ready;
  std::vector<std::string> row;
  uint64_t row_number = 0;
  uint64_t rows_seen = 0;
  int col = -1;
  int next_col = 0;
  std::string type;
  std::string value;
  bool in_value = false;  // inside <v> or an inline <t>
  std::string bad_index;  // the first cell whose shared-string index does not exist

  ~State() {
    if (parser) XML_ParserFree(parser);
  }

  void Start(const char* n, const char** a) {
    if (std::strcmp(n, "row") == 0) {
      row.clear();
      next_col = 0;
      const char* r = Attr(a, "r");
      row_number = r ? std::strtoull(r, nullptr, 10) : rows_seen + 1;
    } else if (std::strcmp(n, "c") == 0) {
      const char* r = Attr(a, "r");
      col = r ? ColumnOf(r) : next_col;
      if (col < 0) col = next_col;
      next_col = col + 1;
      const char* t = Attr(a, "t");
      type = t ? t : "n";
      value.clear();
    } else if (std::strcmp(n, "v") == 0 || std::strcmp(n, "t") == 0) {
      in_value = true;
    }
  }
  void End(const char* n) {
    if (std::strcmp(n, "v") == 0 || std::strcmp(n, "t") == 0) {
      in_value = false;
    } else if (std::strcmp(n, "c") == 0) {
      std::string text;
      if (type == "s") {
        char* end = nullptr;
        unsigned long idx = std::strtoul(value.c_str(), &end, 10);
        if (end != value.c_str() && idx < shared->size()) {
          text = (*shared)[idx];
        } else if (bad_index.empty()) {
          bad_index = "row " + std::to_string(row_number) + ": shared string '" + value + "' does not exist";
        }
      } else if (type == "b") {
        text = value == "1" ? "TRUE" : "FALSE";
      } else {
        text = std::move(value);
      }
      if (!text.empty() && col >= 0) {
        if (row.size() <= static_cast<size_t>(col)) row.resize(col + 1);
        row[col] = std::move(text);
      }
      value.clear();
    } else if (std::strcmp(n, "row") == 0) {
      ++rows_seen;
      ready.emplace_back(row_number, std::move(row));
      row.clear();
    }
  }
  void Text(const char* s, size_t len) {
    if (in_value) value.append(s, len);
  }
};

XlsxReader::~XlsxReader() = default;

StatusOr<std::unique_ptr<XlsxReader>> XlsxReader::Open(const ZipArchive& archive) {
  constexpr size_t kXmlLimit = size_t{1} << 30;
  const std::string& name = archive.name();
  auto workbook = archive.ReadMember("xl/workbook.xml", kXmlLimit);
  if (!workbook.ok()) return workbook.status();
  WorkbookHandler wb;
  JOBSIFT_RETURN_IF_ERROR(ParseXml(*workbook, wb, name + "!xl/workbook.xml"));
  if (wb.first_sheet_rid.empty()) return DataError(name + ": workbook has no sheet");

  RelsHandler rels;
  rels.want_id = wb.first_sheet_rid;
  if (archive.Has("xl/_rels/workbook.xml.rels")) {
    auto doc = archive.ReadMember("xl/_rels/workbook.xml.rels", kXmlLimit);
    if (!doc.ok()) return doc.status();
    JOBSIFT_RETURN_IF_ERROR(ParseXml(*doc, rels, name + "!xl/_rels/workbook.xml.rels"));
  }
  std::string sheet_path = rels.target.empty() ? "xl/worksheets/sheet1.xml" : ResolveTarget(rels.target);
  std::string strings_path =
      rels.shared_strings.empty() ? "xl/sharedStrings.xml" : ResolveTarget(rels.shared_strings);

  std::unique_ptr<XlsxReader> r(new XlsxReader());
  r->name_ = name;
  r->sheet_name_ = wb.first_sheet_name;
  r->state_ = std::make_unique<State>();
  if (archive.Has(strings_path)) {
    auto doc = archive.ReadMember(strings_path, kXmlLimit);
    if (!doc.ok()) return doc.status();
    SharedStringsHandler ss;
    JOBSIFT_RETURN_IF_ERROR(ParseXml(*doc, ss, name + "!" + strings_path));
    r->state_->shared_storage = std::move(ss.strings);
  }
  r->state_->shared = &r->state_->shared_storage;
  auto sheet = archive.OpenMember(sheet_path);
  if (!sheet.ok()) return sheet.status();
  r->sheet_ = std::move(*sheet);

  XML_Parser p = XML_ParserCreate("UTF-8");
  r->state_->parser = p;
  XML_SetUserData(p, r->state_.get());
  XML_SetElementHandler(
      p, [](void* ud, const char* n, const char** a) { static_cast<State*>(ud)->Start(LocalName(n), a); },
      [](void* ud, const char* n) { static_cast<State*>(ud)->End(LocalName(n)); });
  XML_SetCharacterDataHandler(p, [](void* ud, const char* s, int len) {
    static_cast<State*>(ud)->Text(s, static_cast<size_t>(len));
  });
  return r;
}

StatusOr<bool> XlsxReader::NextRow(std::vector<std::string>& cells, uint64_t& row_number) {
  State& st = *state_;
  char buf[1 << 16];
  while (st.ready.empty()) {
    if (sheet_ == nullptr) return false;
    auto got = sheet_->Read(buf, sizeof buf);
    if (!got.ok()) return got.status();
    bool final = *got == 0;
    if (XML_Parse(st.parser, buf, static_cast<int>(*got), final) == XML_STATUS_ERROR) {
      return DataError(name_ + ": sheet XML is malformed at line " +
                       std::to_string(XML_GetCurrentLineNumber(st.parser)) + ": " +
                       XML_ErrorString(XML_GetErrorCode(st.parser)));
    }
    if (final) sheet_.reset();
    if (!st.bad_index.empty()) return DataError(name_ + ": the sheet is corrupt (" + st.bad_index + ")");
  }
  row_number = st.ready.front().first;
  cells = std::move(st.ready.front().second);
  while (!cells.empty() && cells.back().empty()) cells.pop_back();
  st.ready.pop_front();
  return true;
}

}  // namespace jobsift

#include "pipeline/reader.h"

#include <simdjson.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <unordered_map>

#include "base/parallel.h"
#include "base/scan_bytes.h"
#include "base/text.h"
#include "fields/normalize.h"
#include "io/csv.h"
#include "io/jsonl.h"
#include "io/sniff.h"
#include "io/xlsx.h"
#include "pipeline/progress.h"
#include "pipeline/reject_sink.h"

namespace jobsift {

std::string_view InputFormatName(InputFormat f) {
  switch (f) {
    case InputFormat::kCsv: return "csv";
    case InputFormat::kJsonl: return "jsonl";
    case InputFormat::kXlsx: return "xlsx";
  }
  return "csv";
}

namespace {

using Clock = std::chrono::steady_clock;

// Chunk buffers are recycled: a fresh multi-megabyte allocation per chunk
// costs page faults on every byte.
struct Buffer {
  std::unique_ptr<char[]> data;
  size_t cap = 0;
  size_t len = 0;
  std::string_view view() const { return {data.get(), len}; }
};

class BufferPool {
 public:
  Buffer Get(size_t min_cap) {
    std::lock_guard<std::mutex> lock(mu_);
    for (size_t i = 0; i < free_.size(); ++i) {
      if (free_[i].cap >= min_cap) {
        Buffer b = std::move(free_[i]);
        free_.erase(free_.begin() + static_cast<long>(i));
        b.len = 0;
        return b;
      }
    }
    Buffer b;
    b.cap = min_cap;
    b.data.reset(new char[min_cap + simdjson::SIMDJSON_PADDING]);
    return b;
  }
  void Put(Buffer b) {
    if (!b.data) return;
    std::lock_guard<std::mutex> lock(mu_);
    if (free_.size() < 16) free_.push_back(std::move(b));
  }

 private:
  std::mutex mu_;
  std::vector<Buffer> free_;
};

// Fixed facts about one input, shared by all its chunks.
// A file's column names: its header's (trimmed), or #1, #2 … for `width`
// columns when it has none.
std::vector<std::string> ColumnNames(const std::vector<std::string>& header, size_t width, bool has_header) {
  std::vector<std::string> names;
  if (has_header) {
    for (const std::string& h : header) names.emplace_back(TrimCell(h));
  } else {
    for (size_t i = 0; i < width; ++i) names.push_back("#" + std::to_string(i + 1));
  }
  return names;
}

struct FileState {
  std::string name;
  InputFormat format = InputFormat::kCsv;
  char delimiter = ',';
  ColumnMap map;
  size_t header_fields = 0;                  // expected fields per CSV row
  std::vector<std::string> columns;          // column names: the header's, or #1, #2 … without one
  std::unordered_map<std::string, int> keys;  // JSON Lines key -> column
  size_t report_index = 0;
};

// A read-only memory map of a whole file: chunks of an uncompressed UTF-8
// file are views into it, so its bytes are never copied.
struct Mapping {
  const char* data = nullptr;
  size_t size = 0;
  ~Mapping() {
    if (data != nullptr) munmap(const_cast<char*>(data), size);
  }
};

std::shared_ptr<const Mapping> MapFile(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat st;
  std::shared_ptr<Mapping> m;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    void* p = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (p != MAP_FAILED) {
      madvise(p, static_cast<size_t>(st.st_size), MADV_SEQUENTIAL);
      m = std::make_shared<Mapping>();
      m->data = static_cast<const char*>(p);
      m->size = static_cast<size_t>(st.st_size);
    }
  }
  close(fd);
  return m;
}

enum class ChunkKind { kText, kRows, kRejects };

struct Chunk {
  std::shared_ptr<const FileState> file;
  ChunkKind kind = ChunkKind::kText;
  // Whole records: a view into `owned` or into `mapping`. Bytes up to
  // `readable_end` may be read (simdjson reads a little past a line).
  std::string_view text;
  Buffer owned;
  std::shared_ptr<const Mapping> mapping;
  const char* readable_end = nullptr;
  uint64_t byte_offset = 0;  // of text[0] in the decoded stream
  uint64_t first_line = 1;   // line number of text[0]
  // Rows already split (xlsx): cells of row r are cells[row_begin[r] .. row_begin[r+1]).
  std::vector<std::string> cells;
  std::vector<size_t> row_begin;
  std::vector<uint64_t> row_number;
  std::vector<RejectRecord> rejects;  // decided by the reader
};

// Gives back the pages of a mapped chunk once it is processed, so resident
// memory stays bounded by the chunks in flight. Only whole pages inside the
// chunk are dropped: the neighbours' pages are shared with their chunks.
void ReleasePages(std::string_view text) {
  const uintptr_t page = 4096;
  uintptr_t b = (reinterpret_cast<uintptr_t>(text.data()) + page - 1) & ~(page - 1);
  uintptr_t e = (reinterpret_cast<uintptr_t>(text.data()) + text.size()) & ~(page - 1);
  if (e > b) madvise(reinterpret_cast<void*>(b), e - b, MADV_DONTNEED);
}

struct Result {
  std::shared_ptr<const FileState> file;
  ReadStats stats;
  std::vector<RejectRecord> rejects;
  std::unique_ptr<PostingTask> task;
};

// Line numbers within a chunk, counted only as far as someone asks: most
// runs never need them, and counting is a pass over every byte.
class LineCounter {
 public:
  LineCounter(std::string_view text, uint64_t first_line) : text_(text), line_(first_line) {}
  uint64_t At(size_t offset) {
    line_ += CountByte(text_.data() + counted_to_, offset - counted_to_, '\n');
    counted_to_ = offset;
    return line_;
  }

 private:
  std::string_view text_;
  size_t counted_to_ = 0;
  uint64_t line_;
};

// A row's line: known (JSON Lines, sheets) or counted on demand (CSV).
struct LineRef {
  uint64_t known = 0;
  LineCounter* counter = nullptr;
  size_t begin = 0;
  uint64_t Get() const { return counter != nullptr ? counter->At(begin) : known; }
};

// Per-thread state of a worker.
struct Worker {
  PostingBuilder builder;
  std::vector<std::string_view> fields;
  std::vector<std::string> repaired;
  JsonlRowParser jsonl;
  bool chunk_valid_utf8 = false;  // the whole chunk is valid: skip per-row checks
};

class Engine {
 public:
  Engine(const ReadOptions& options, PostingJob* job)
      : opt_(options), job_(job), job_wants_lines_(job != nullptr && job->WantsLineNumbers()) {
    judge_ = opt_.judge;
    if (judge_ == nullptr) {
      // Without the tables (a data folder that is not there), columns are
      // found by their names alone.
      auto fields = FieldNormalizer::Load({});
      if (fields.ok()) {
        default_judge_ = std::move(*fields);
        judge_ = default_judge_.get();
      }
    }
  }

  StatusOr<ReadSummary> Run(const std::vector<std::string>& inputs);

 private:
  // Reader side.
  void ReadPath(const std::string& path, bool named);
  void ReadSource(const std::string& name, std::unique_ptr<ByteSource> src, bool named, bool on_disk);
  void ReadArchive(ZipArchive& zip, bool named);
  void ReadXlsx(ZipArchive& zip, bool named);
  void ReadText(const std::string& name, std::shared_ptr<const Mapping> mapping,
                std::unique_ptr<PeekableSource> src, Compression comp, const std::string& encoding,
                uint64_t* invalid_bytes, bool named);
  void Fail(Status error);  // an input that could not be read
  bool Cancelled() const { return opt_.cancel != nullptr && opt_.cancel->load(std::memory_order_relaxed); }
  bool MapOrReport(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& sample,
                   const std::string& name, bool named, ColumnMap* out);
  size_t AddReport(FileReport report);
  void Submit(Chunk chunk) { pipeline_->Submit(std::move(chunk)); }
  // On the reading thread, in input order: the chunk's counts, rejects and
  // postings handed on.
  void FinishResult(Result r);
  void WarnDuplicateHeaders(const std::string& name, const std::vector<std::string>& header);
  void TickProgress(uint64_t raw_now);

  // Worker side: any of the threads, the reading one included.
  Result Process(Chunk& c, Worker& w);
  void ProcessCsv(Chunk& c, Worker& w, Result& r);
  void ProcessJsonl(Chunk& c, Worker& w, Result& r);
  void ProcessRows(Chunk& c, Worker& w, Result& r);
  // Applies the field checks to one row and hands it on. `cells` may be
  // rewritten (UTF-8 repair).
  void AcceptRow(const FileState& fs, std::vector<std::string_view>& cells, LineRef line, uint64_t offset,
                 std::string_view record, Worker& w, Result& r);
  void Reject(Result& r, const FileState& fs, uint64_t line, uint64_t offset, RejectReason why,
              std::string_view record);

  const ReadOptions& opt_;
  const CellJudge* judge_ = nullptr;
  std::unique_ptr<FieldNormalizer> default_judge_;
  PostingJob* job_;
  const bool job_wants_lines_;
  ReadSummary summary_;
  BufferPool pool_;
  std::unique_ptr<RejectSink> rejects_;  // null unless asked for

  // Chunks processed on the threads, handed on in order (base/parallel.h).
  std::unique_ptr<OrderedPipeline<Chunk, Result, Worker>> pipeline_;

  uint64_t raw_done_before_ = 0;  // raw bytes of inputs already finished
  Progress progress_;
};

bool Engine::MapOrReport(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& sample,
                         const std::string& name, bool named, ColumnMap* out) {
  auto map = MapColumns(header, sample, opt_.columns, name, judge_);
  if (!map.ok()) {
    // Named on the command line it is an error; found in a directory, a file
    // of something else (a company table beside job tables) is skipped.
    if (named) {
      Fail(map.status());
    } else {
      summary_.skipped.push_back(map.status().message());
    }
    // A company's size and industry, which a join by company name could give
    // the postings.
    if (!named && !opt_.columns.no_header)
      for (auto& [field, column] : NamedColumns(header))
        if (field == Field::kCompanySize || field == Field::kCompanyIndus)
          summary_.skipped_columns.push_back({name, field, std::move(column)});
    return false;
  }
  *out = std::move(*map);
  return true;
}

void Engine::Fail(Status error) { summary_.errors.push_back(std::move(error)); }

size_t Engine::AddReport(FileReport report) {
  summary_.files.push_back(std::move(report));
  return summary_.files.size() - 1;
}

void Engine::WarnDuplicateHeaders(const std::string& name, const std::vector<std::string>& header) {
  // Column mapping takes the first column of a name; say so, once a name.
  std::unordered_map<std::string_view, size_t> first;
  size_t warned = 0;
  for (size_t i = 0; i < header.size() && warned < 10; ++i) {
    std::string_view h = TrimCell(header[i]);
    if (h.empty()) continue;
    auto [it, fresh] = first.emplace(h, i);
    if (fresh || it->second == kNoOffset) continue;
    std::string escaped;
    AppendTsvEscaped(h.substr(0, 100), escaped);
    summary_.warnings.push_back(name + ": header '" + escaped + "' names columns " + std::to_string(it->second + 1) +
                                " and " + std::to_string(i + 1) + " (the first is used)");
    it->second = kNoOffset;
    ++warned;
  }
}

void Engine::FinishResult(Result r) {
  FileReport& rep = summary_.files[r.file->report_index];
  rep.stats.Add(r.stats);
  summary_.total.Add(r.stats);
  for (RejectRecord& rec : r.rejects) {
    if (rejects_) rejects_->Add(rec);
    if (summary_.samples.size() < opt_.reject_samples) summary_.samples.push_back(std::move(rec));
  }
  if (job_ != nullptr && r.task != nullptr) job_->Finish(std::move(r.task));
  progress_.AddRows(r.stats.rows_read);
}

Result Engine::Process(Chunk& c, Worker& w) {
  Result r;
  r.file = c.file;
  if (job_ != nullptr) r.task = job_->NewTask();
  for (RejectRecord& rec : c.rejects) {
    ++r.stats.rows_read;
    ++r.stats.rejected[static_cast<size_t>(rec.reason)];
    r.rejects.push_back(std::move(rec));
  }
  switch (c.kind) {
    case ChunkKind::kRejects: break;
    case ChunkKind::kRows: ProcessRows(c, w, r); break;
    case ChunkKind::kText:
      if (c.file->format == InputFormat::kJsonl) {
        ProcessJsonl(c, w, r);
      } else {
        ProcessCsv(c, w, r);
      }
      break;
  }
  return r;
}

void Engine::Reject(Result& r, const FileState& fs, uint64_t line, uint64_t offset, RejectReason why,
                    std::string_view record) {
  ++r.stats.rejected[static_cast<size_t>(why)];
  r.rejects.push_back(RejectRecord{fs.name, line, offset, why, Excerpt(record)});
}

void Engine::AcceptRow(const FileState& fs, std::vector<std::string_view>& cells, LineRef line,
                       uint64_t offset, std::string_view record, Worker& w, Result& r) {
  for (std::string_view cell : cells) {
    if (cell.size() > opt_.max_field_bytes) {
      Reject(r, fs, line.Get(), offset, RejectReason::kFieldTooLarge, record);
      return;
    }
  }
  // Repair invalid UTF-8 cell by cell; a row that is mostly invalid is
  // not text at all and is rejected.
  if (!w.chunk_valid_utf8 && !IsValidUtf8(record)) {
    if (w.repaired.size() < cells.size()) w.repaired.resize(cells.size());
    size_t bad = 0;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (IsValidUtf8(cells[i])) continue;
      w.repaired[i].clear();
      bad += AppendRepairedUtf8(cells[i], w.repaired[i]);
      cells[i] = w.repaired[i];
    }
    if (bad > 0 && bad * 4 > record.size()) {
      Reject(r, fs, line.Get(), offset, RejectReason::kUndecodable, record);
      return;
    }
    if (bad > 0) ++r.stats.rows_utf8_repaired;
  }
  Posting p;
  w.builder.Build(cells, fs.map, &p);
  p.source = fs.name;
  p.cells = &cells;
  p.columns = &fs.columns;
  p.salary_scale = fs.map.salary_numeric_scale;
  p.line = job_wants_lines_ ? line.Get() : 0;
  ++r.stats.rows_accepted;
  for (size_t f = 0; f < kFieldCount; ++f) r.stats.non_empty[f] += !p.value[f].empty();
  if (r.task) r.task->Add(p);
}

void Engine::ProcessCsv(Chunk& c, Worker& w, Result& r) {
  const FileState& fs = *c.file;
  std::string_view text = c.text;
  CsvRecordSplitter split(text, fs.delimiter);
  w.chunk_valid_utf8 = IsValidUtf8(text);
  LineCounter lines(text, c.first_line);
  while (split.Next(w.fields)) {
    size_t begin = split.record_begin();
    std::string_view record = text.substr(begin, split.record_end() - begin);
    if (!record.empty() && record.back() == '\n') record.remove_suffix(1);
    if (!record.empty() && record.back() == '\r') record.remove_suffix(1);
    ++r.stats.rows_read;
    uint64_t offset = c.byte_offset + begin;
    if (split.open_quote()) {
      // The reader cuts unterminated quotes off before chunking; this is
      // only reachable for a record that ends the input inside a quote.
      Reject(r, fs, lines.At(begin), offset, RejectReason::kUnterminatedQuote, record);
      continue;
    }
    // The reader skips records longer than its window; one that fitted in a
    // chunk is held to the same limit here.
    if (record.size() > opt_.max_record_bytes) {
      Reject(r, fs, lines.At(begin), offset, RejectReason::kRecordTooLarge, record);
      continue;
    }
    if (w.fields.size() != fs.header_fields) {
      Reject(r, fs, lines.At(begin), offset, RejectReason::kFieldCount, record);
      continue;
    }
    AcceptRow(fs, w.fields, LineRef{0, &lines, begin}, offset, record, w, r);
  }
}

void Engine::ProcessJsonl(Chunk& c, Worker& w, Result& r) {
  const FileState& fs = *c.file;
  std::string_view text = c.text;
  uint64_t line = c.first_line;
  w.chunk_valid_utf8 = IsValidUtf8(text);
  size_t ncols = fs.header_fields;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view record = text.substr(pos, end - pos);
    uint64_t offset = c.byte_offset + pos;
    uint64_t this_line = line;
    pos = end + 1;
    ++line;
    if (!record.empty() && record.back() == '\r') record.remove_suffix(1);
    if (TrimCell(record).empty()) continue;
    ++r.stats.rows_read;
    if (record.size() > opt_.max_record_bytes) {
      Reject(r, fs, this_line, offset, RejectReason::kRecordTooLarge, record);
      continue;
    }
    switch (w.jsonl.Parse(record, c.readable_end, fs.keys, ncols, &w.fields)) {
      case JsonlRowParser::Outcome::kRow: break;
      case JsonlRowParser::Outcome::kMalformed:
        Reject(r, fs, this_line, offset, RejectReason::kMalformedJson, record);
        continue;
      case JsonlRowParser::Outcome::kNotObject:
        Reject(r, fs, this_line, offset, RejectReason::kNotJsonObject, record);
        continue;
      case JsonlRowParser::Outcome::kDuplicateKey:
        Reject(r, fs, this_line, offset, RejectReason::kDuplicateJsonKey, record);
        continue;
    }
    AcceptRow(fs, w.fields, LineRef{this_line}, offset, record, w, r);
  }
}

void Engine::ProcessRows(Chunk& c, Worker& w, Result& r) {
  const FileState& fs = *c.file;
  w.chunk_valid_utf8 = false;
  std::string record;
  for (size_t row = 0; row + 1 < c.row_begin.size(); ++row) {
    ++r.stats.rows_read;
    w.fields.clear();
    record.clear();
    for (size_t i = c.row_begin[row]; i < c.row_begin[row + 1]; ++i) {
      w.fields.emplace_back(c.cells[i]);
      if (record.size() < 256) {
        if (!record.empty()) record += '\t';
        record += c.cells[i].substr(0, 256);
      }
    }
    // Sheets often omit trailing empty cells; only extra cells are wrong.
    if (w.fields.size() > fs.header_fields) {
      Reject(r, fs, c.row_number[row], kNoOffset, RejectReason::kFieldCount, record);
      continue;
    }
    w.fields.resize(fs.header_fields);
    size_t total = 0;
    for (auto f : w.fields) total += f.size();
    std::string_view whole = record;
    std::string joined;
    if (total > record.size()) {
      for (auto f : w.fields) joined.append(f);
      whole = joined;
    }
    AcceptRow(fs, w.fields, LineRef{c.row_number[row]}, kNoOffset, whole, w, r);
  }
}

void Engine::TickProgress(uint64_t raw_now) { progress_.SetBytes(raw_done_before_ + raw_now); }

void Engine::ReadPath(const std::string& path, bool named) {
  auto src = OpenFileSource(path, opt_.cancel);
  if (!src.ok()) {
    Fail(src.status());
    return;
  }
  ReadSource(path, std::move(*src), named, path != "-");
}

void Engine::ReadSource(const std::string& name, std::unique_ptr<ByteSource> raw, bool named, bool on_disk) {
  auto src = std::make_unique<PeekableSource>(std::move(raw));
  auto head = src->Peek(4);
  if (!head.ok()) {
    Fail(head.status());
    return;
  }
  Compression comp = DetectCompression(*head);
  std::unique_ptr<PeekableSource> body;
  if (comp != Compression::kNone) {
    body = std::make_unique<PeekableSource>(Decompress(std::move(src), comp, name));
  } else {
    body = std::move(src);
  }
  auto sample = body->Peek(64 * 1024);
  if (!sample.ok()) {
    Fail(sample.status());
    return;
  }
  if (IsZipMagic(*sample)) {
    // A zip on disk is opened in place; a compressed or piped one is read whole first.
    auto zip = [&]() -> StatusOr<std::unique_ptr<ZipArchive>> {
      if (on_disk && comp == Compression::kNone) return ZipArchive::OpenFile(name);
      auto bytes = ReadAll(*body, size_t{2} << 30, name);
      if (!bytes.ok()) return bytes.status();
      return ZipArchive::OpenBuffer(std::move(*bytes), name);
    }();
    if (!zip.ok()) {
      Fail(zip.status());
      return;
    }
    ReadArchive(**zip, named);
    return;
  }
  if (std::string_view kind = BinaryKind(*sample); !kind.empty()) {
    // Named, a binary is an error; found in a directory, it is skipped.
    std::string why = name + ": not text (" + std::string(kind) + "): jobsift reads CSV, JSON Lines, XLSX and zip "
                      "archives of them, in UTF-8 or GB18030, gzip- or zstd-compressed";
    if (named) {
      Fail(DataError(why));
    } else {
      summary_.skipped.push_back(why);
    }
    return;
  }
  std::string encoding = opt_.encoding.empty() ? DetectEncoding(*sample) : opt_.encoding;
  auto invalid = std::make_unique<uint64_t>(0);
  std::unique_ptr<PeekableSource> text;
  std::string upper = AsciiLower(encoding);
  if (upper == "utf-8" || upper == "utf8") {
    text = std::move(body);
    encoding = "UTF-8";
  } else {
    auto conv = ConvertToUtf8(std::move(body), encoding, invalid.get());
    if (!conv.ok()) {
      Fail(Status(conv.status().code(), name + ": " + conv.status().message()));
      return;
    }
    text = std::make_unique<PeekableSource>(std::move(*conv));
  }
  // An uncompressed UTF-8 file on disk is mapped, not copied.
  std::shared_ptr<const Mapping> mapping;
  if (on_disk && comp == Compression::kNone && encoding == "UTF-8") mapping = MapFile(name);
  ReadText(name, std::move(mapping), std::move(text), comp, encoding, invalid.get(), named);
}

void Engine::ReadArchive(ZipArchive& zip, bool named) {
  if (IsXlsx(zip)) {
    ReadXlsx(zip, named);
    return;
  }
  // A plain zip: read every member that looks like data, in sorted order.
  for (const std::string& member : zip.Names()) {
    std::string lower = AsciiLower(member);
    static constexpr std::string_view kData[] = {".csv", ".tsv", ".txt", ".jsonl", ".ndjson", ".json",
                                                 ".xlsx", ".gz", ".zst", ".zip"};
    bool data = false;
    for (auto ext : kData) data |= EndsWith(lower, ext);
    if (!data || lower.find("__macosx/") != std::string::npos) continue;
    std::string name = zip.name() + "!" + member;
    auto src = zip.OpenMember(member);
    if (!src.ok()) {
      Fail(src.status());
      continue;
    }
    ReadSource(name, std::move(*src), named, false);
  }
}

void Engine::ReadXlsx(ZipArchive& zip, bool named) {
  auto reader = XlsxReader::Open(zip);
  if (!reader.ok()) {
    Fail(reader.status());
    return;
  }
  std::vector<std::string> header;
  uint64_t header_row = 0;
  auto first = (*reader)->NextRow(header, header_row);
  if (!first.ok()) {
    Fail(first.status());
    return;
  }
  if (!*first) {
    FileReport rep;
    rep.name = zip.name();
    rep.format = InputFormat::kXlsx;
    rep.encoding = "UTF-8";
    AddReport(std::move(rep));
    summary_.empty.push_back(zip.name() + ": the sheet is empty");
    return;
  }
  // Sample rows for mapping; they are submitted as data afterwards.
  std::vector<std::vector<std::string>> sample;
  std::vector<uint64_t> sample_rows;
  for (int i = 0; i < 200; ++i) {
    std::vector<std::string> row;
    uint64_t rn = 0;
    auto more = (*reader)->NextRow(row, rn);
    if (!more.ok()) {
      Fail(more.status());
      return;
    }
    if (!*more) break;
    sample.push_back(std::move(row));
    sample_rows.push_back(rn);
  }
  auto fs = std::make_shared<FileState>();
  if (!MapOrReport(header, sample, zip.name(), named, &fs->map)) return;
  const ColumnMap* map = &fs->map;
  fs->name = zip.name();
  fs->format = InputFormat::kXlsx;
  size_t width = header.size();
  for (const auto& row : sample) width = std::max(width, row.size());
  fs->header_fields = width;
  if (!map->has_header) {
    sample.insert(sample.begin(), header);
    sample_rows.insert(sample_rows.begin(), header_row);
  }
  fs->columns = ColumnNames(header, width, map->has_header);
  FileReport rep;
  rep.columns = fs->columns;
  rep.name = fs->name;
  rep.format = InputFormat::kXlsx;
  rep.encoding = "UTF-8";
  rep.headers = map->has_header ? header : std::vector<std::string>{};
  rep.map = *map;
  fs->report_index = AddReport(std::move(rep));
  if (map->has_header) WarnDuplicateHeaders(fs->name, header);
  if (opt_.headers_only) return;

  Chunk chunk;
  size_t chunk_bytes = 0;
  auto flush = [&] {
    if (chunk.row_number.empty()) return;
    chunk.kind = ChunkKind::kRows;
    chunk.file = fs;
    chunk.row_begin.push_back(chunk.cells.size());
    Submit(std::move(chunk));
    chunk = Chunk();
    chunk_bytes = 0;
  };
  auto add = [&](std::vector<std::string>& row, uint64_t rn) {
    chunk.row_begin.push_back(chunk.cells.size());
    chunk.row_number.push_back(rn);
    for (auto& cell : row) {
      chunk_bytes += cell.size() + 16;
      chunk.cells.push_back(std::move(cell));
    }
    if (chunk_bytes >= opt_.chunk_bytes / 4 || chunk.row_number.size() >= 8192) flush();
  };
  for (size_t i = 0; i < sample.size(); ++i) add(sample[i], sample_rows[i]);
  std::vector<std::string> row;
  uint64_t rn = 0;
  for (;;) {
    if (Cancelled()) break;
    auto more = (*reader)->NextRow(row, rn);
    if (!more.ok()) {
      flush();
      Fail(Status(more.status().code(), more.status().message() + " (rows before it were read)"));
      return;
    }
    if (!*more) break;
    add(row, rn);
  }
  flush();
}

// The reader's window on a decoded text stream: a view into a mapped file,
// or a buffer refilled from a ByteSource. Either way window() starts at the
// first byte not yet handed on.
class TextWindow {
 public:
  TextWindow(std::shared_ptr<const Mapping> map, PeekableSource* src, BufferPool* pool,
             const std::atomic<bool>* cancel)
      : map_(std::move(map)), src_(src), pool_(pool), cancel_(cancel) {}
  ~TextWindow() { pool_->Put(std::move(buf_)); }

  // Makes window() hold at least `want` bytes, or all that is left.
  void Ensure(size_t want) {
    if (map_) {
      map_len_ = std::min(want, map_->size - map_pos_);
      return;
    }
    if (buf_.cap < want) {
      Buffer bigger = pool_->Get(want);
      if (buf_.len > 0) std::memcpy(bigger.data.get(), buf_.data.get(), buf_.len);
      bigger.len = buf_.len;
      pool_->Put(std::move(buf_));
      buf_ = std::move(bigger);
    }
    while (!eof_ && buf_.len < want) {
      // A slow pipe may take long to fill a chunk; an interrupted run stops.
      if (cancel_ != nullptr && cancel_->load(std::memory_order_relaxed)) break;
      auto got = src_->Read(buf_.data.get() + buf_.len, want - buf_.len);
      if (!got.ok()) {
        error_ = got.status();  // ends the stream; the rows before it count
        eof_ = true;
        break;
      }
      if (*got == 0) eof_ = true;
      buf_.len += *got;
    }
  }
  std::string_view window() const {
    return map_ ? std::string_view(map_->data + map_pos_, map_len_) : buf_.view();
  }
  // Nothing lies beyond window().
  bool at_end() const { return map_ ? map_pos_ + map_len_ == map_->size : eof_; }
  const Status& error() const { return error_; }
  uint64_t offset() const { return offset_; }
  uint64_t line() const { return line_; }
  // Bytes taken from the file (for progress, whose total is file sizes):
  // decoded offsets differ from them for gzip, zstd and GB18030.
  uint64_t raw_consumed() const { return map_ ? map_pos_ : src_->RawBytesConsumed(); }

  // Hands the first `n` bytes of the window on as the text of `c`.
  void Take(size_t n, Chunk* c) {
    c->byte_offset = offset_;
    c->first_line = line_;
    if (map_) {
      c->text = std::string_view(map_->data + map_pos_, n);
      c->readable_end = map_->data + map_->size;
      c->mapping = map_;
    } else {
      Buffer rest = pool_->Get(std::max(buf_.cap, buf_.len - n));
      std::memcpy(rest.data.get(), buf_.data.get() + n, buf_.len - n);
      rest.len = buf_.len - n;
      buf_.len = n;
      c->owned = std::move(buf_);
      c->text = c->owned.view();
      c->readable_end = c->text.data() + c->text.size() + simdjson::SIMDJSON_PADDING;
      buf_ = std::move(rest);
    }
    Advance(c->text);
  }
  // Drops the first `n` bytes of the window (a header, a rejected line).
  void Drop(size_t n) {
    Advance(window().substr(0, n));
    if (!map_) {
      std::memmove(buf_.data.get(), buf_.data.get() + n, buf_.len - n);
      buf_.len -= n;
    }
  }

 private:
  void Advance(std::string_view gone) {
    line_ += CountByte(gone.data(), gone.size(), '\n');
    offset_ += gone.size();
    if (map_) {
      map_pos_ += gone.size();
      map_len_ -= gone.size();
    }
  }

  std::shared_ptr<const Mapping> map_;
  size_t map_pos_ = 0;
  size_t map_len_ = 0;
  PeekableSource* src_;
  BufferPool* pool_;
  const std::atomic<bool>* cancel_;
  Buffer buf_;
  bool eof_ = false;
  Status error_;
  uint64_t offset_ = 0;  // decoded offset of window()[0]
  uint64_t line_ = 1;    // line number of window()[0]
};

void Engine::ReadText(const std::string& name, std::shared_ptr<const Mapping> mapping,
                      std::unique_ptr<PeekableSource> src, Compression comp, const std::string& encoding,
                      uint64_t* invalid_bytes, bool named) {
  TextWindow tw(std::move(mapping), src.get(), &pool_, opt_.cancel);
  tw.Ensure(std::min<size_t>(opt_.chunk_bytes, 1 << 20));
  if (!tw.error().ok() && tw.window().empty()) {
    Fail(tw.error());
    return;
  }
  if (StartsWith(tw.window(), "\xEF\xBB\xBF")) tw.Drop(3);

  auto fs = std::make_shared<FileState>();
  fs->name = name;
  FileReport rep;
  rep.name = name;
  rep.encoding = encoding;
  rep.compression = comp;

  std::string_view head = tw.window();
  size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    rep.format = InputFormat::kCsv;
    AddReport(std::move(rep));
    summary_.empty.push_back(name + ": the file is empty");
    return;
  }
  bool jsonl = LooksLikeJsonLines(head);
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> sample;
  if (jsonl) {
    fs->format = InputFormat::kJsonl;
    // Keys in order of first appearance over the first lines.
    JsonlColumns cols;
    int lines = SampleJsonlColumns(head, tw.at_end(), 200, &cols);
    header = std::move(cols.header);
    fs->keys = std::move(cols.keys);
    sample = std::move(cols.sample);
    if (header.empty()) {
      Fail(DataError(name + ": looks like JSON Lines but no line of the first " + std::to_string(lines) +
               " is a JSON object"));
      return;
    }
    fs->header_fields = header.size();
    if (!MapOrReport(header, sample, name, named, &fs->map)) return;
    fs->map.has_header = true;
  } else {
    fs->format = InputFormat::kCsv;
    fs->delimiter = opt_.delimiter != 0 ? opt_.delimiter : DetectDelimiter(head);
    // The header is the first record; widen the window until it is whole.
    while (FindLastRecordEnd(tw.window(), fs->delimiter).end == 0 && !tw.at_end() &&
           tw.window().size() < opt_.max_record_bytes && !Cancelled())
      tw.Ensure(tw.window().size() * 2 + (1 << 20));
    head = tw.window();
    CsvBoundary bound = FindLastRecordEnd(head, fs->delimiter);
    std::string_view whole = bound.end > 0 ? head.substr(0, bound.end) : head;
    CsvRecordSplitter split(whole, fs->delimiter);
    std::vector<std::string_view> fields;
    if (!split.Next(fields) || split.open_quote()) {
      Fail(DataError(name + ": cannot read a header row (an unterminated quote in the first record?)"));
      return;
    }
    for (auto f : fields) header.emplace_back(f);
    size_t header_end = split.record_end();
    while (sample.size() < 200 && split.Next(fields)) sample.emplace_back(fields.begin(), fields.end());
    fs->header_fields = header.size();
    if (!MapOrReport(header, sample, name, named, &fs->map)) return;
    if (fs->map.has_header) tw.Drop(header_end);
  }
  rep.format = fs->format;
  rep.delimiter = fs->format == InputFormat::kCsv ? fs->delimiter : 0;
  rep.headers = fs->map.has_header ? header : std::vector<std::string>{};
  rep.map = fs->map;
  fs->columns = ColumnNames(header, fs->header_fields, fs->map.has_header);
  rep.columns = fs->columns;
  fs->report_index = AddReport(std::move(rep));
  if (fs->map.has_header) WarnDuplicateHeaders(name, header);
  if (opt_.headers_only) return;

  auto emit = [&](size_t n) {
    Chunk c;
    c.kind = ChunkKind::kText;
    c.file = fs;
    tw.Take(n, &c);
    Submit(std::move(c));
  };
  // Rejects the line at the start of the window (the reader could not fit
  // it into a record) and reads on past its newline without keeping it.
  auto reject_line = [&](RejectReason why) {
    Chunk c;
    c.kind = ChunkKind::kRejects;
    c.file = fs;
    c.rejects.push_back(RejectRecord{name, tw.line(), tw.offset(), why, Excerpt(tw.window())});
    Submit(std::move(c));
    for (;;) {
      std::string_view v = tw.window();
      size_t nl = v.find('\n');
      if (nl != std::string_view::npos) {
        tw.Drop(nl + 1);
        return;
      }
      tw.Drop(v.size());
      if (tw.at_end()) return;
      tw.Ensure(opt_.chunk_bytes);
    }
  };

  uint64_t last_tick = 0;
  for (;;) {
    if (Cancelled()) break;
    tw.Ensure(std::max(opt_.chunk_bytes, tw.window().size()));
    if ((opt_.progress || opt_.on_progress) && tw.raw_consumed() - last_tick > (8u << 20)) {
      last_tick = tw.raw_consumed();
      TickProgress(last_tick);
    }
    std::string_view v = tw.window();
    if (v.empty()) break;
    size_t end;
    bool open_quote = false;
    if (fs->format == InputFormat::kJsonl) {
      const void* nl = memrchr(v.data(), '\n', v.size());
      end = nl ? static_cast<const char*>(nl) - v.data() + 1 : 0;
    } else {
      CsvBoundary b = FindLastRecordEnd(v, fs->delimiter);
      end = b.end;
      open_quote = b.open_quote;
    }
    if (tw.at_end()) {
      if (!open_quote) {
        emit(v.size());  // the last record may lack its newline
      } else if (end > 0) {
        emit(end);
      } else {
        reject_line(RejectReason::kUnterminatedQuote);
      }
      continue;
    }
    if (end > 0) {
      emit(end);
      continue;
    }
    // No whole record in the window: widen it, up to the record limit.
    if (v.size() >= opt_.max_record_bytes) {
      reject_line(open_quote ? RejectReason::kUnterminatedQuote : RejectReason::kRecordTooLarge);
      continue;
    }
    tw.Ensure(std::min(v.size() * 2, opt_.max_record_bytes + 1));
  }
  if (!tw.error().ok()) Fail(Status(tw.error().code(), tw.error().message() + " (the rows before it were read)"));
  summary_.files[fs->report_index].invalid_encoding_bytes = *invalid_bytes;
  summary_.decoded_bytes += tw.offset();
}

// Expands directories (recursively, sorted) into the data files they hold.
struct InputFile {
  std::string path;
  bool named;  // given on the command line (not found in a directory)
  uint64_t size;
};

void ExpandInputs(const std::vector<std::string>& inputs, bool as_found, std::vector<InputFile>* out,
                  std::vector<Status>* errors, uint64_t* total_bytes) {
  namespace fs = std::filesystem;
  static constexpr std::string_view kData[] = {".csv", ".tsv", ".txt", ".jsonl", ".ndjson", ".json",
                                               ".xlsx", ".zip", ".gz", ".zst", ".zstd"};
  for (const std::string& in : inputs) {
    if (in == "-") {
      out->push_back({in, true, 0});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(in, ec);
    if (ec || !fs::exists(st)) {
      errors->push_back(NotFound(in + ": no such file or directory"));
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(in, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.') continue;
        std::string lower = AsciiLower(name);
        bool data = false;
        for (auto ext : kData) data |= EndsWith(lower, ext);
        if (data) found.push_back(it->path().string());
      }
      if (ec) errors->push_back(IoError(in + ": cannot list directory: " + ec.message()));
      std::sort(found.begin(), found.end());
      for (auto& f : found) {
        uint64_t size = fs::file_size(f, ec);
        *total_bytes += size;
        out->push_back({std::move(f), false, size});
      }
      continue;
    }
    uint64_t size = fs::file_size(in, ec);
    *total_bytes += size;
    out->push_back({in, !as_found, size});
  }
}

StatusOr<ReadSummary> Engine::Run(const std::vector<std::string>& inputs) {
  auto start = Clock::now();
  if (!opt_.rejects_path.empty()) {
    auto sink = RejectSink::Open(opt_.rejects_path);
    if (!sink.ok()) return sink.status();
    rejects_ = std::move(*sink);
  }
  int threads = ThreadsFor(opt_.threads);
  summary_.threads = threads;
  std::vector<InputFile> files;
  uint64_t total_bytes = 0;
  ExpandInputs(inputs, opt_.inputs_found_in_folder, &files, &summary_.errors, &total_bytes);
  bool sizes_known = std::none_of(files.begin(), files.end(), [](const InputFile& f) { return f.path == "-"; });
  progress_.Start(opt_.progress, total_bytes, sizes_known, opt_.on_progress);
  // The reading thread is one of them: it processes chunks whenever the
  // work in flight is at its bound, so --threads 2 keeps two cores busy, not
  // three threads on two.
  pipeline_ = std::make_unique<OrderedPipeline<Chunk, Result, Worker>>(
      threads, static_cast<size_t>(threads) * 2 + 2,
      [this](Chunk& c, Worker& w) {
        Result r = Process(c, w);
        pool_.Put(std::move(c.owned));
        if (c.mapping) ReleasePages(c.text);
        return r;
      },
      [this](Result&& r) { FinishResult(std::move(r)); });
  for (const InputFile& f : files) {
    if (Cancelled()) break;
    ReadPath(f.path, f.named);
    raw_done_before_ += f.size;
    progress_.SetBytes(raw_done_before_);
  }
  pipeline_->Drain();
  pipeline_.reset();
  progress_.Finish();
  summary_.raw_bytes = total_bytes;
  if (Cancelled()) summary_.errors.push_back(Interrupted("interrupted: stopped before reading all input"));
  summary_.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  summary_.notes = NoteInputs(summary_);
  if (rejects_) JOBSIFT_RETURN_IF_ERROR(rejects_->Close());
  return std::move(summary_);
}

}  // namespace

InputNotes NoteInputs(const ReadSummary& s) {
  InputNotes n;
  for (const FileReport& f : s.files) {
    const ColumnMap& map = f.map;
    if (map.MappedCount() == 0) continue;  // an empty file or sheet
    if (f.stats.rows_read == 0) n.empty.push_back(f.name + ": a header and no rows");
    ++n.files;
    n.rows += f.stats.rows_read;
    for (size_t i = 0; i < kFieldCount; ++i) {
      Field field = static_cast<Field>(i);
      if (!map.evidence[i].empty()) {
        size_t column = static_cast<size_t>(map.field[i].column);
        std::string header = column < f.columns.size() ? f.columns[column] : "#" + std::to_string(column + 1);
        n.by_content.push_back({f.name, field, std::move(header), map.evidence[i]});
      }
      // A file without rows loses nothing: it is said empty, once.
      if (!IsNotedField(field) || map.field[i].mapped() || f.stats.rows_read == 0) continue;
      if (field == Field::kDate && (map[Field::kDateSeen].mapped() || map[Field::kDateUpdated].mapped())) continue;
      if (field == Field::kSalary && (map[Field::kSalaryMin].mapped() || map[Field::kSalaryMax].mapped())) continue;
      auto it = std::find_if(n.no_column.begin(), n.no_column.end(),
                             [&](const InputNotes::NoColumn& c) { return c.field == field; });
      if (it == n.no_column.end()) {
        InputNotes::NoColumn fresh;
        fresh.field = field;
        n.no_column.push_back(std::move(fresh));
        it = n.no_column.end() - 1;
      }
      it->files.push_back(f.name);
      it->rows += f.stats.rows_read;
      AddSpare(map.spare, &it->spare);
    }
  }
  std::sort(n.no_column.begin(), n.no_column.end(),
            [](const InputNotes::NoColumn& a, const InputNotes::NoColumn& b) { return a.field < b.field; });
  n.skipped_columns = s.skipped_columns;
  n.empty.insert(n.empty.begin(), s.empty.begin(), s.empty.end());
  n.skipped = s.skipped;
  n.other = s.warnings;
  return n;
}

StatusOr<ReadSummary> ReadPostings(const std::vector<std::string>& inputs, const ReadOptions& options,
                                   PostingJob* job) {
  Engine engine(options, job);
  return engine.Run(inputs);
}

StatusOr<std::vector<InputListing>> ListInputs(const std::vector<std::string>& inputs) {
  std::vector<InputFile> files;
  std::vector<Status> errors;
  uint64_t total = 0;
  ExpandInputs(inputs, false, &files, &errors, &total);
  if (!errors.empty()) return errors.front();
  std::vector<InputListing> out;
  for (InputFile& f : files) out.push_back({std::move(f.path), f.named, f.size});
  return out;
}

}  // namespace jobsift

#include "aggregate/state.h"

#include <bit>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string_view>

#include <unistd.h>

#include "io/atomic_file.h"

namespace jobsift {
namespace {

constexpr char kMagic[] = "JOBSIFT-STATE\n";
constexpr size_t kMagicLen = sizeof(kMagic) - 1;
constexpr uint8_t kRecord = 'R';
constexpr uint8_t kEnd = 'E';

// The salary conventions' numbers, in the order a state file holds them.
template <class Conventions, class F>
void ForEachConvention(Conventions& c, F f) {
  for (auto* v : {&c.work_days_per_month, &c.work_hours_per_day, &c.weeks_per_month, &c.min_monthly, &c.max_monthly,
                  &c.max_ratio, &c.hourly_below, &c.annual_as_monthly_from})
    f(*v);
}

// Reads through a FILE, hashing what it reads; any short read is an error.
// The encodings are ByteReader's (base/bytes.h), which reads them from
// memory (StateRecordReader's window); the checksum is a StreamHash.
class Reader {
 public:
  Reader(std::FILE* f, std::string path) : f_(f), path_(std::move(path)) {}
  bool Bytes(void* p, size_t n) {
    if (std::fread(p, 1, n, f_) != n) return false;
    hash_.Add(p, n);
    return true;
  }
  bool U64(uint64_t* v) {
    unsigned char b[8];
    if (!Bytes(b, 8)) return false;
    *v = LoadU64(b);
    return true;
  }
  bool V64(uint64_t* v) { return DecodeV64(*this, v); }
  bool Str(std::string* s, uint64_t limit = 1 << 20) {
    uint64_t n;
    if (!U64(&n) || n > limit) return false;
    s->resize(n);
    return n == 0 || Bytes(s->data(), n);
  }
  uint64_t hash() const { return hash_.value(); }

 private:
  std::FILE* f_;
  std::string path_;
  StreamHash hash_;
};

// The end section's facts, in a state file's layout, through a writer
// with U64 and Str (a StateWriter's, or a ByteWriter).
template <class W>
void PutInfo(W& w, const StateInfo& info) {
  const ReadStats& r = info.read;
  w.U64(r.rows_read);
  w.U64(r.rows_accepted);
  w.U64(kRejectReasonCount);
  for (uint64_t v : r.rejected) w.U64(v);
  w.U64(r.rows_utf8_repaired);
  w.U64(kFieldCount);
  for (uint64_t v : r.non_empty) w.U64(v);
  w.Str(info.lexicon_checksum);
  w.Str(info.ai.definition);
  w.Str(info.ai.categories);
  w.Str(info.ai.classifier);
  w.Str(info.ai.model_checksum);
  w.Str(info.dedup);
  ForEachConvention(info.salary, [&](const double& v) { w.U64(std::bit_cast<uint64_t>(v)); });
  w.U64(info.salary.reread_small_numbers ? 1 : 0);
  const InputNotes& n = info.notes;
  w.U64(n.files);
  w.U64(n.rows);
  auto strings = [&](const std::vector<std::string>& v) {
    w.U64(v.size());
    for (const std::string& x : v) w.Str(x);
  };
  w.U64(n.no_column.size());
  for (const InputNotes::NoColumn& c : n.no_column) {
    w.U64(static_cast<uint64_t>(c.field));
    w.U64(c.rows);
    strings(c.files);
    w.U64(c.spare.size());
    for (const SpareColumn& s : c.spare) {
      w.Str(s.name);
      w.Str(s.sample);
    }
  }
  w.U64(n.skipped_columns.size());
  for (const InputNotes::Elsewhere& e : n.skipped_columns) {
    w.Str(e.file);
    w.U64(static_cast<uint64_t>(e.field));
    w.Str(e.column);
  }
  w.U64(n.by_content.size());
  for (const InputNotes::ByContent& b : n.by_content) {
    w.Str(b.file);
    w.U64(static_cast<uint64_t>(b.field));
    w.Str(b.header);
    w.Str(b.evidence);
  }
  strings(n.empty);
  strings(n.skipped);
  strings(n.other);
}

}  // namespace

StatusOr<std::unique_ptr<StateWriter>> StateWriter::Open(const std::string& path) {
  auto out = AtomicFile::Open(path);
  if (!out.ok()) return out.status();
  std::unique_ptr<StateWriter> w(new StateWriter((*out)->stream(), path));
  w->out_ = std::move(*out);
  w->Bytes(kMagic, kMagicLen);
  w->U64(kStateVersion);
  return w;
}

StatusOr<std::unique_ptr<StateWriter>> StateWriter::OpenScratch(const std::string& dir) {
  auto f = OpenScratchFile(dir);
  if (!f.ok()) return f.status();
  std::unique_ptr<StateWriter> w(new StateWriter(f->get(), "(scratch file in " + (dir.empty() ? "." : dir) + ")"));
  w->scratch_ = std::move(*f);
  w->Bytes(kMagic, kMagicLen);
  w->U64(kStateVersion);
  return w;
}

StateWriter::~StateWriter() = default;  // a state file never finished is removed by out_

void StateWriter::Bytes(const void* p, size_t n) {
  pending_.append(static_cast<const char*>(p), n);
  offset_ += n;
  if (pending_.size() >= kPendingBytes) Flush();
}

void StateWriter::Flush() {
  if (!pending_.empty() && std::fwrite(pending_.data(), 1, pending_.size(), f_) != pending_.size()) failed_ = true;
  hash_.Add(pending_.data(), pending_.size());
  pending_.clear();
}

namespace {

// A record's encodings: a u64 as 8 bytes, little-endian (fingerprints);
// numbers, counts and string lengths as varints (EncodeV64), then the
// string's bytes.
void AppendU64(std::string& b, uint64_t v) {
  size_t at = b.size();
  b.resize(at + 8);
  StoreU64(v, reinterpret_cast<unsigned char*>(b.data() + at));
}
void AppendV64(std::string& b, uint64_t v) {
  unsigned char bytes[10];
  b.append(reinterpret_cast<const char*>(bytes), EncodeV64(v, bytes));
}
void AppendStr(std::string& b, std::string_view s) {
  AppendV64(b, s.size());
  b.append(s);
}

}  // namespace

void StateWriter::U64(uint64_t v) {
  std::string b;  // 8 bytes: no allocation
  AppendU64(b, v);
  Bytes(b.data(), b.size());
}

void StateWriter::Str(std::string_view s) {
  U64(s.size());
  Bytes(s.data(), s.size());
}

void StateWriter::Add(const ContributionView& c) {
  // The record is put together where the bytes wait to be written (and
  // hashed) a megabyte at a time: one write a megabyte, not one a field.
  std::string& b = pending_;
  const size_t start = b.size();
  auto v64 = [&b](uint64_t v) { AppendV64(b, v); };
  auto str = [&b](std::string_view s) { AppendStr(b, s); };
  const CubeRecord& r = c.record;
  b.push_back(static_cast<char>(kRecord));
  for (std::string_view d : r.dim) str(d);
  // Bits: 0 AI, 1 salary known, 2 an AI term anywhere, 3-5 the category.
  b.push_back(static_cast<char>((r.ai ? 1 : 0) | (r.has_salary ? 2 : 0) | (c.any_ai_term ? 4 : 0) |
                                (static_cast<unsigned>(c.category) << 3)));
  v64(r.annual_salary);
  AppendU64(b, c.fingerprint);
  for (Unknown u : c.reasons) b.push_back(static_cast<char>(u));
  b.push_back(static_cast<char>(c.date_source));
  v64(r.groups.size());
  for (std::string_view g : r.groups) str(g);
  v64(r.ai_terms.size());
  for (std::string_view t : r.ai_terms) str(t);
  offset_ += b.size() - start;
  ++records_;
  if (b.size() >= kPendingBytes) Flush();
}

Status StateWriter::Finish(const StateInfo& info) {
  Bytes(&kEnd, 1);
  U64(records_);
  struct Out {  // PutInfo's writer: this one's
    StateWriter* w;
    void U64(uint64_t v) { w->U64(v); }
    void Str(std::string_view v) { w->Str(v); }
  } out{this};
  PutInfo(out, info);
  Flush();
  uint64_t sum = hash_.value();
  U64(sum);
  Flush();
  if (scratch_) {
    if (failed_ || std::fflush(f_) != 0) return IoError(path_ + ": write failed: " + std::strerror(errno));
    return Status::Ok();
  }
  f_ = nullptr;
  return out_->Commit(failed_);
}

namespace {

// The end section's facts, read through a reader with Bytes, U64 and Str
// (a state file's, or a ByteReader); "" when whole, else what is wrong.
template <class R>
std::string GetInfo(R& in, StateInfo* out) {
  StateInfo& info = *out;
  uint64_t reasons, fields;
  ReadStats& r = info.read;
  if (!in.U64(&r.rows_read) || !in.U64(&r.rows_accepted) || !in.U64(&reasons) || reasons != kRejectReasonCount)
    return std::string("bad statistics");
  for (uint64_t& v : r.rejected)
    if (!in.U64(&v)) return std::string("truncated");
  if (!in.U64(&r.rows_utf8_repaired) || !in.U64(&fields) || fields != kFieldCount) return std::string("bad statistics");
  for (uint64_t& v : r.non_empty)
    if (!in.U64(&v)) return std::string("truncated");
  if (!in.Str(&info.lexicon_checksum, 64) || !in.Str(&info.ai.definition, 64) ||
      !in.Str(&info.ai.categories, 64) || !in.Str(&info.ai.classifier, 64) || !in.Str(&info.ai.model_checksum, 64) ||
      !in.Str(&info.dedup, 64))
    return std::string("truncated");
  bool numbers = true;
  ForEachConvention(info.salary, [&](double& v) {
    uint64_t bits = 0;
    numbers &= in.U64(&bits);
    v = std::bit_cast<double>(bits);
  });
  uint64_t reread = 0;
  if (!numbers || !in.U64(&reread)) return std::string("truncated");
  info.salary.reread_small_numbers = reread != 0;
  InputNotes& n = info.notes;
  auto strings = [&](std::vector<std::string>* v) {
    // Grown as read, so a damaged count cannot allocate what is not there.
    uint64_t size;
    if (!in.U64(&size)) return false;
    for (uint64_t i = 0; i < size; ++i)
      if (!in.Str(&v->emplace_back())) return false;
    return true;
  };
  auto field = [&](Field* f) {
    uint64_t v;
    if (!in.U64(&v) || v >= kFieldCount) return false;
    *f = static_cast<Field>(v);
    return true;
  };
  uint64_t entries;
  if (!in.U64(&n.files) || !in.U64(&n.rows) || !in.U64(&entries) || entries > kFieldCount) return std::string("bad notes");
  n.no_column.resize(entries);
  for (InputNotes::NoColumn& c : n.no_column) {
    uint64_t spare;
    if (!field(&c.field) || !in.U64(&c.rows) || !strings(&c.files) || !in.U64(&spare)) return std::string("bad notes");
    for (uint64_t i = 0; i < spare; ++i) {
      SpareColumn& s = c.spare.emplace_back();
      if (!in.Str(&s.name) || !in.Str(&s.sample)) return std::string("bad notes");
    }
  }
  uint64_t skipped_columns;
  if (!in.U64(&skipped_columns)) return std::string("bad notes");
  for (uint64_t i = 0; i < skipped_columns; ++i) {
    InputNotes::Elsewhere& e = n.skipped_columns.emplace_back();
    if (!in.Str(&e.file) || !field(&e.field) || !in.Str(&e.column)) return std::string("bad notes");
  }
  if (!in.U64(&entries)) return std::string("bad notes");
  for (uint64_t i = 0; i < entries; ++i) {
    InputNotes::ByContent& b = n.by_content.emplace_back();
    if (!in.Str(&b.file) || !field(&b.field) || !in.Str(&b.header) || !in.Str(&b.evidence)) return std::string("bad notes");
  }
  if (!strings(&n.empty) || !strings(&n.skipped) || !strings(&n.other)) return std::string("bad notes");
  return "";
}

constexpr char kTruncatedRecord[] = "truncated record";

// A record's string: its length as a varint, then its bytes.
template <class In>
bool GetStr(In& in, std::string* s) {
  uint64_t n;
  if (!in.V64(&n) || n > (1 << 20)) return false;
  s->resize(n);
  return n == 0 || in.Bytes(s->data(), n);
}

// One record after its tag, from a Reader or a ByteReader; "" when whole,
// else what is wrong.
template <class In>
std::string GetRecord(In& in, Contribution* out) {
  Contribution& c = *out;
  for (std::string& d : c.dim)
    if (!GetStr(in, &d)) return std::string(kTruncatedRecord);
  uint8_t flags;
  if (!in.Bytes(&flags, 1) || !in.V64(&c.annual) || !in.U64(&c.fingerprint)) return std::string(kTruncatedRecord);
  c.ai = flags & 1;
  c.has_salary = flags & 2;
  c.any_ai_term = flags & 4;
  if ((flags >> 3) >= kCategoryCount) return std::string("bad record");
  c.category = static_cast<AiCategory>(flags >> 3);
  for (Unknown& u : c.reasons) {
    uint8_t b;
    if (!in.Bytes(&b, 1)) return std::string(kTruncatedRecord);
    if (b >= kUnknownCount) return std::string("bad record");
    u = static_cast<Unknown>(b);
  }
  uint8_t source;
  if (!in.Bytes(&source, 1)) return std::string(kTruncatedRecord);
  if (source >= kDateSourceCount) return std::string("bad record");
  c.date_source = static_cast<DateSource>(source);
  uint64_t n;
  if (!in.V64(&n)) return std::string(kTruncatedRecord);
  if (n > 100000) return std::string("bad record");
  c.groups.resize(n);
  for (auto& g : c.groups)
    if (!GetStr(in, &g)) return std::string(kTruncatedRecord);
  if (!in.V64(&n)) return std::string(kTruncatedRecord);
  if (n > 100000) return std::string("bad record");
  c.ai_terms.resize(n);
  for (auto& t : c.ai_terms)
    if (!GetStr(in, &t)) return std::string(kTruncatedRecord);
  return "";
}

// One pass over a state file from where `f` stands; calls `on_record` (when
// given) per record. `path` names it in errors.
StatusOr<StateInfo> ParseState(std::FILE* f, const std::string& path,
                               const std::function<void(const Contribution&)>* on_record) {
  Reader in(f, path);
  auto corrupt = [&](const std::string& what) {
    return DataError(path + ": not a usable state file (" + what + ")");
  };
  char magic[kMagicLen];
  if (!in.Bytes(magic, kMagicLen) || std::memcmp(magic, kMagic, kMagicLen) != 0) return corrupt("no jobsift state header");
  uint64_t version;
  if (!in.U64(&version)) return corrupt("truncated");
  if (version != kStateVersion)
    return DataError(path + ": state file version " + std::to_string(version) + ", this jobsift reads version " +
                     std::to_string(kStateVersion) + "; rerun report with this version");
  uint64_t seen = 0;
  Contribution c;
  for (;;) {
    uint8_t tag;
    if (!in.Bytes(&tag, 1)) return corrupt("truncated");
    if (tag == kEnd) break;
    if (tag != kRecord) return corrupt("bad record tag");
    if (std::string bad = GetRecord(in, &c); !bad.empty()) return corrupt(bad);
    ++seen;
    if (on_record != nullptr) (*on_record)(c);
  }
  StateInfo info;
  uint64_t count;
  if (!in.U64(&count) || count != seen) return corrupt("record count");
  if (std::string bad = GetInfo(in, &info); !bad.empty()) return corrupt(bad);
  uint64_t expected = in.hash();
  uint64_t stored;
  if (!in.U64(&stored)) return corrupt("truncated");
  if (stored != expected) return corrupt("checksum mismatch");
  char extra;
  if (std::fread(&extra, 1, 1, f) == 1) return corrupt("trailing bytes");
  info.records = count;
  return info;
}

StatusOr<StateInfo> ParsePath(const std::string& path, const std::function<void(const Contribution&)>* on_record) {
  UniqueFile f(std::fopen(path.c_str(), "rb"));
  if (!f) return NotFound(path + ": cannot open state file");
  return ParseState(f.get(), path, on_record);
}

}  // namespace

StatusOr<StateInfo> CheckState(const std::string& path) { return ParsePath(path, nullptr); }

Status ReplayState(const std::string& path, const std::function<void(const Contribution&)>& on_record) {
  auto r = ParsePath(path, &on_record);
  return r.ok() ? Status::Ok() : r.status();
}

Status StateWriter::Replay(const std::function<void(const Contribution&)>& on_record) {
  if (!scratch_) return InvalidArgument(path_ + ": only a scratch state is replayed from its writer");
  std::rewind(f_);
  auto r = ParseState(f_, path_, &on_record);
  return r.ok() ? Status::Ok() : r.status();
}

void SaveStateInfo(const StateInfo& info, ByteWriter& out) { PutInfo(out, info); }

bool LoadStateInfo(ByteReader& in, StateInfo* info) { return GetInfo(in, info).empty(); }

StatusOr<std::unique_ptr<StateRecordReader>> StateRecordReader::Open(const std::string& path) {
  UniqueFile f(std::fopen(path.c_str(), "rb"));
  if (!f) return NotFound(path + ": cannot open state file");
  Reader in(f.get(), path);
  char magic[kMagicLen];
  uint64_t version;
  if (!in.Bytes(magic, kMagicLen) || std::memcmp(magic, kMagic, kMagicLen) != 0 || !in.U64(&version) ||
      version != kStateVersion)
    return DataError(path + ": not a state file of version " + std::to_string(kStateVersion));
  return std::unique_ptr<StateRecordReader>(new StateRecordReader(std::move(f), path));
}

Status StateRecordReader::ReadAt(uint64_t offset, Contribution* c) {
  // A record is read from a window of the file read at once: records asked
  // for in order, a few postings apart (a part's duplicates), come from one
  // read of the window rather than a seek and a read each. A record that
  // runs past the window's end is read again from a window that starts at
  // it, four times larger each time, until the file ends.
  for (size_t want = kWindow;; want *= 4) {
    bool inside = offset >= window_start_ && offset - window_start_ < window_.size();
    if (!inside || want > kWindow) {
      window_.resize(want);
      ssize_t got = pread(fileno(f_.get()), window_.data(), want, static_cast<off_t>(offset));
      if (got < 0) return IoError(path_ + ": cannot read: " + std::strerror(errno));
      window_.resize(static_cast<size_t>(got));
      window_start_ = offset;
      window_ends_file_ = window_.size() < want;
    }
    std::string_view rest(window_);
    rest.remove_prefix(offset - window_start_);
    ByteReader in(rest);
    uint8_t tag;
    if (!in.Bytes(&tag, 1) || tag != kRecord) return DataError(path_ + ": no record at byte " + std::to_string(offset));
    std::string bad = GetRecord(in, c);
    if (bad.empty()) return Status::Ok();
    // Cut short by the window (of whatever size an earlier record left),
    // not by the file's end: read again from the record, in a larger one.
    if (bad != kTruncatedRecord || window_ends_file_)
      return DataError(path_ + ": record at byte " + std::to_string(offset) + ": " + bad);
  }
}

}  // namespace jobsift

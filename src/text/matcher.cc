#include "text/matcher.h"

#include <hs/hs.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <new>

#include "base/hash.h"
#include "jobsift/check.h"

namespace jobsift {
namespace {

struct ScanContext {
  const std::vector<uint32_t>* lengths;
  Matcher::Sink sink;
  void* ctx;
};

int OnMatch(unsigned id, unsigned long long /*from*/, unsigned long long to, unsigned /*flags*/, void* p) {
  auto* sc = static_cast<ScanContext*>(p);
  size_t end = static_cast<size_t>(to);
  return sc->sink(sc->ctx, id, end - (*sc->lengths)[id], end) ? 0 : 1;  // non-zero stops the scan
}

struct AppendContext {
  const std::vector<uint32_t>* lengths;
  std::vector<Matcher::Hit>* out;
};

int OnMatchAppend(unsigned id, unsigned long long /*from*/, unsigned long long to, unsigned /*flags*/, void* p) {
  auto* ac = static_cast<AppendContext*>(p);
  size_t end = static_cast<size_t>(to);
  ac->out->push_back({id, end - (*ac->lengths)[id], end});
  return 0;
}

// A scan that finds nothing because it failed would pass for a text
// without terms: a wrong count presented as right. With the database and
// scratch space checked when made, this is a broken invariant (scratch
// shared between threads, memory corrupted), and the process stops.
[[noreturn]] void Failed(const char* what, hs_error_t rc) {
  std::fprintf(stderr, "jobsift: Vectorscan failed %s (error %d)\n", what, static_cast<int>(rc));
  JOBSIFT_CHECK(false, "a Vectorscan scan failed");
  __builtin_unreachable();
}

// The patterns as the cache compares them: for each, its flags, length and
// bytes, after Vectorscan's version and the host's CPU features.
std::string CacheKey(const std::vector<Matcher::Pattern>& patterns) {
  std::string key = "jobsift vectorscan cache 1\n";
  key += hs_version();
  key += '\n';
  // The host: a database is compiled for this CPU's features.
  hs_platform_info_t platform{};
  if (hs_populate_platform(&platform) == HS_SUCCESS) {
    uint64_t host[2] = {platform.tune, platform.cpu_features};
    key.append(reinterpret_cast<const char*>(host), sizeof host);
  }
  for (const Matcher::Pattern& p : patterns) {
    uint32_t head[2] = {p.caseless ? 1u : 0u, static_cast<uint32_t>(p.text.size())};
    key.append(reinterpret_cast<const char*>(head), sizeof head);
    key += p.text;
  }
  return key;
}

// The folder of compiled databases: $JOBSIFT_CACHE_DIR ("off": none), else
// $XDG_CACHE_HOME/jobsift, else ~/.cache/jobsift; "" when there is none.
std::string CacheDir() {
  if (const char* d = std::getenv("JOBSIFT_CACHE_DIR"); d != nullptr)
    return std::string_view(d) == "off" ? "" : d;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x != nullptr && *x != '\0') return std::string(x) + "/jobsift";
  if (const char* h = std::getenv("HOME"); h != nullptr && *h != '\0') return std::string(h) + "/.cache/jobsift";
  return "";
}

std::string CachePath(const std::string& dir, const std::string& key) {
  char name[64];
  std::snprintf(name, sizeof name, "/vectorscan-%016llx.db", static_cast<unsigned long long>(HashBytes(key)));
  return dir + name;
}

// A database from the cache file, when the file holds exactly `key`, then
// the serialised database and a hash of it; else null (absent, another
// key, cut short or damaged: compiled afresh).
hs_database_t* LoadCached(const std::string& path, const std::string& key) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() < key.size() + 8 || bytes.compare(0, key.size(), key) != 0) return nullptr;
  std::string_view db(bytes.data() + key.size(), bytes.size() - key.size() - 8);
  uint64_t sum;
  std::memcpy(&sum, bytes.data() + bytes.size() - 8, 8);
  if (sum != HashBytes(db)) return nullptr;
  hs_database_t* out = nullptr;
  if (hs_deserialize_database(db.data(), db.size(), &out) != HS_SUCCESS) return nullptr;
  // A database this CPU cannot run would make every scan fail: Vectorscan
  // says so when asked for scratch space.
  hs_scratch_t* probe = nullptr;
  if (hs_alloc_scratch(out, &probe) != HS_SUCCESS) {
    hs_free_database(out);
    return nullptr;
  }
  hs_free_scratch(probe);
  std::error_code ec;
  std::filesystem::last_write_time(path, std::filesystem::file_time_type::clock::now(), ec);  // used last
  return out;
}

// Best effort: a folder that cannot be written only means compiling again
// next time. Written under a temporary name and renamed, so a reader never
// sees half a file.
void StoreCached(const std::string& dir, const std::string& path, const std::string& key, const hs_database_t* db) {
  char* bytes = nullptr;
  size_t size = 0;
  if (hs_serialize_database(db, &bytes, &size) != HS_SUCCESS) return;
  std::string content = key;
  content.append(bytes, size);
  std::free(bytes);
  uint64_t sum = HashBytes(std::string_view(content).substr(key.size()));
  content.append(reinterpret_cast<const char*>(&sum), 8);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  static std::atomic<uint64_t> serial{0};
  std::string tmp = path + ".tmp" + std::to_string(getpid()) + "-" + std::to_string(serial++);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return;
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush()) {
      out.close();
      std::remove(tmp.c_str());
      return;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return;
  }
  // The folder keeps the databases used last (each lexicon edit makes a
  // new one; all lexicons take about half a megabyte).
  constexpr size_t kKeep = 16;
  std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> dbs;
  // (Incremented with an error code: a folder changing under the loop
  // ends it rather than throwing.)
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.rfind("vectorscan-", 0) == 0 && name.size() > 3 && name.compare(name.size() - 3, 3, ".db") == 0)
      dbs.emplace_back(it->last_write_time(ec), it->path());
  }
  if (dbs.size() <= kKeep) return;
  std::sort(dbs.begin(), dbs.end());
  for (size_t i = 0; i + kKeep < dbs.size(); ++i) std::filesystem::remove(dbs[i].second, ec);
}

}  // namespace

StatusOr<std::unique_ptr<Matcher>> Matcher::Compile(const std::vector<Pattern>& patterns) {
  if (patterns.empty()) return InvalidArgument("matcher: no patterns");
  std::unique_ptr<Matcher> m(new Matcher());
  std::vector<const char*> exprs;
  std::vector<unsigned> flags, ids;
  std::vector<size_t> lens;
  for (size_t i = 0; i < patterns.size(); ++i) {
    if (patterns[i].text.empty()) return InvalidArgument("matcher: pattern " + std::to_string(i) + " is empty");
    exprs.push_back(patterns[i].text.data());
    lens.push_back(patterns[i].text.size());
    flags.push_back(patterns[i].caseless ? HS_FLAG_CASELESS : 0);
    ids.push_back(static_cast<unsigned>(i));
    m->lengths_.push_back(static_cast<uint32_t>(patterns[i].text.size()));
  }
  // Compiling thousands of terms takes a tenth of a second, every run; a
  // database compiled before for the same patterns is read back instead.
  std::string dir = CacheDir(), key, path;
  if (!dir.empty()) {
    key = CacheKey(patterns);
    path = CachePath(dir, key);
    m->db_ = LoadCached(path, key);
    if (m->db_ != nullptr) return m;
  }
  hs_compile_error_t* err = nullptr;
  hs_error_t rc = hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(),
                                       static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK, nullptr, &m->db_, &err);
  if (rc != HS_SUCCESS) {
    std::string msg = err != nullptr && err->message != nullptr ? err->message : "unknown error";
    int which = err != nullptr ? err->expression : -1;
    hs_free_compile_error(err);
    return InvalidArgument("matcher: Vectorscan cannot compile pattern " + std::to_string(which) +
                           (which >= 0 ? " '" + patterns[which].text + "'" : "") + ": " + msg);
  }
  if (!dir.empty()) StoreCached(dir, path, key, m->db_);
  return m;
}

Matcher::~Matcher() {
  if (db_ != nullptr) hs_free_database(db_);
}

Matcher::Scratch::~Scratch() {
  if (scratch_ != nullptr) hs_free_scratch(scratch_);
}

std::unique_ptr<Matcher::Scratch> Matcher::NewScratch() const {
  auto s = std::make_unique<Scratch>();
  hs_error_t rc = hs_alloc_scratch(db_, &s->scratch_);
  if (rc == HS_NOMEM) throw std::bad_alloc();
  if (rc != HS_SUCCESS) Failed("allocating scan space", rc);
  return s;
}

void Matcher::Run(std::string_view text, Scratch& scratch, MatchHandler on_match, void* ctx) const {
  if (text.empty()) return;
  // Block mode takes an unsigned length. Postings are far smaller (the
  // reader rejects records over --max-record-bytes, at most 4 GiB).
  size_t len = std::min<size_t>(text.size(), 0xFFFFFFFFu);
  hs_error_t rc = hs_scan(db_, text.data(), static_cast<unsigned>(len), 0, scratch.scratch_, on_match, ctx);
  if (rc != HS_SUCCESS && rc != HS_SCAN_TERMINATED) Failed("scanning", rc);
}

void Matcher::Scan(std::string_view text, Scratch& scratch, Sink sink, void* ctx) const {
  ScanContext sc{&lengths_, sink, ctx};
  Run(text, scratch, OnMatch, &sc);
}

void Matcher::ScanAll(std::string_view text, Scratch& scratch, std::vector<Hit>* out) const {
  AppendContext ac{&lengths_, out};
  Run(text, scratch, OnMatchAppend, &ac);
}

}  // namespace jobsift

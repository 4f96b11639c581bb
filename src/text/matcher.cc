#include "text/matcher.h"

#include <hs/hs.h>

#include <algorithm>

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
  hs_alloc_scratch(db_, &s->scratch_);
  return s;
}

void Matcher::Run(std::string_view text, Scratch& scratch, MatchHandler on_match, void* ctx) const {
  if (text.empty()) return;
  // Block mode takes an unsigned length. Postings are far smaller (the
  // reader rejects records over --max-record-bytes, at most 4 GiB).
  size_t len = std::min<size_t>(text.size(), 0xFFFFFFFFu);
  hs_scan(db_, text.data(), static_cast<unsigned>(len), 0, scratch.scratch_, on_match, ctx);
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

// The bodies of the fuzz targets: one entry per surface that reads bytes
// from outside (the CSV, JSON Lines and XLSX readers, the HTML normaliser,
// the field parsers, the lexicon loader, the state-file loader). Each takes
// any bytes, must neither crash nor hang, and aborts when a property every
// run must keep is broken (rows read = accepted + rejected, the CSV grammar's
// two halves agreeing, ...).
//
// They are plain functions so that the normal and sanitized test builds
// replay the seed corpora and every crash found (tests/fuzz_regressions/)
// through exactly the code libFuzzer ran; fuzzer.cc is the thin libFuzzer
// shell. Building and running: scripts/fuzz.sh, docs/robustness.md.
#ifndef JOBSIFT_FUZZ_FUZZ_TARGETS_H_
#define JOBSIFT_FUZZ_FUZZ_TARGETS_H_

#include <cstddef>
#include <cstdint>

namespace jobsift {

using FuzzEntry = int (*)(const uint8_t* data, size_t size);

int FuzzCsv(const uint8_t* data, size_t size);
int FuzzJsonl(const uint8_t* data, size_t size);
int FuzzXlsx(const uint8_t* data, size_t size);
int FuzzHtml(const uint8_t* data, size_t size);
int FuzzFields(const uint8_t* data, size_t size);
int FuzzLexicon(const uint8_t* data, size_t size);
int FuzzState(const uint8_t* data, size_t size);

struct FuzzTarget {
  const char* name;  // the folder under fuzz/corpus/ and tests/fuzz_regressions/
  FuzzEntry entry;
};
inline constexpr FuzzTarget kFuzzTargets[] = {
    {"csv", FuzzCsv},       {"jsonl", FuzzJsonl},     {"xlsx", FuzzXlsx}, {"html", FuzzHtml},
    {"fields", FuzzFields}, {"lexicon", FuzzLexicon}, {"state", FuzzState},
};

}  // namespace jobsift

#endif  // JOBSIFT_FUZZ_FUZZ_TARGETS_H_

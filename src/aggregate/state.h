// State files: what `jobsift report --state FILE` saved, so that `jobsift
// merge STATE... -o OUTDIR` produces exactly what one run over all the inputs
// would have: the posting contributions in input order (replayed, so exact
// deduplication works across splits) and the reading statistics. Format:
// docs/state-format.md. A file from another version, truncated or corrupted
// is an error, never numbers.
#ifndef JOBSIFT_AGGREGATE_STATE_H_
#define JOBSIFT_AGGREGATE_STATE_H_

#include <cstdio>
#include <functional>
#include <string>

#include "aggregate/contribution.h"
#include "base/bytes.h"
#include "base/hash.h"
#include "base/temp_file.h"
#include "fields/salary.h"
#include "io/atomic_file.h"
#include "jobsift/status.h"
#include "schema/diagnostics.h"
#include "schema/input_notes.h"

namespace jobsift {

// 2: Fingerprint hashes words, not bytes; 3: the salary conventions; 4: the
// date's fallback columns and piece-rate pay (records), the inputs' notes;
// 5: the AI category and definition; 6: the skipped tables' columns kept
// whole, not only for the fields some files lack; 7: records' numbers and
// lengths as varints, the checksum a StreamHash (a state was ~167 bytes a
// posting, hashed a byte at a time).
inline constexpr uint32_t kStateVersion = 7;

// What a state says about the run that made it.
struct StateInfo {
  ReadStats read;
  std::string lexicon_checksum;
  AiFlagInfo ai;  // what the AI flag means
  std::string dedup;
  // What turned posted pay into the annual salaries the records carry: a
  // merge must say which (report.html's methodology) and cannot mix them.
  SalaryConventions salary;
  // What the inputs left out or assumed (fields without a column, columns
  // found by content, empty and skipped files): a merge says it too.
  InputNotes notes;
  uint64_t records = 0;
};

class StateWriter {
 public:
  // Writes to `path` atomically (io/atomic_file.h): it appears when Finish
  // succeeds.
  static StatusOr<std::unique_ptr<StateWriter>> Open(const std::string& path);
  // Writes to an anonymous scratch file in `dir` (base/temp_file.h), read
  // back after Finish by Replay: postings kept aside during a run.
  static StatusOr<std::unique_ptr<StateWriter>> OpenScratch(const std::string& dir);
  ~StateWriter();
  void Add(const ContributionView& c);
  // Bytes written so far: where the next record starts (StateRecordReader).
  uint64_t offset() const { return offset_; }
  Status Finish(const StateInfo& info);
  // Scratch files only, after Finish: every contribution, in order.
  Status Replay(const std::function<void(const Contribution&)>& on_record);

 private:
  StateWriter(std::FILE* f, std::string path) : f_(f), path_(std::move(path)) {}
  UniqueFile scratch_;                // owns f_ for a scratch file
  std::unique_ptr<AtomicFile> out_;   // owns f_ for a state file
  void Bytes(const void* p, size_t n);
  void U64(uint64_t v);
  void Str(std::string_view s);
  void Flush();  // writes and hashes what is pending
  static constexpr size_t kPendingBytes = 1 << 20;
  std::FILE* f_;
  std::string path_;
  StreamHash hash_;      // of every byte written
  std::string pending_;  // bytes not yet written: Add puts its records together here
  uint64_t records_ = 0;
  uint64_t offset_ = 0;
  bool failed_ = false;
};

// Reads a whole state file and verifies its version, structure and
// checksum; returns what it says about its run. Nothing is kept in memory.
StatusOr<StateInfo> CheckState(const std::string& path);

// A state's facts about its run (everything but the records and the
// record count), in the layout of a state file's end section: partial
// reports carry them (docs/distributed.md). Load is false when damaged.
void SaveStateInfo(const StateInfo& info, ByteWriter& out);
bool LoadStateInfo(ByteReader& in, StateInfo* info);

// Single records of a state file, by where they start (StateWriter::
// offset() before each Add): a partial report takes a few postings back
// out (docs/distributed.md). The header is checked; each record's shape
// is, but not the file's checksum (use CheckState for that).
class StateRecordReader {
 public:
  static StatusOr<std::unique_ptr<StateRecordReader>> Open(const std::string& path);
  Status ReadAt(uint64_t offset, Contribution* c);

 private:
  StateRecordReader(UniqueFile f, std::string path) : f_(std::move(f)), path_(std::move(path)) {}
  static constexpr size_t kWindow = 256 << 10;
  UniqueFile f_;
  std::string path_;
  std::string window_;  // the file's bytes from window_start_
  uint64_t window_start_ = 0;
  bool window_ends_file_ = false;  // the read that filled it met the file's end
};

// Calls `on_record` for every contribution, in order. Call CheckState first:
// a file that changed in between is still caught, but only at its end.
Status ReplayState(const std::string& path, const std::function<void(const Contribution&)>& on_record);

}  // namespace jobsift

#endif  // JOBSIFT_AGGREGATE_STATE_H_

// The reading stage: turns input paths into accepted Postings, in parallel
// and deterministically.
//
// One reader thread opens each input (files, directories walked recursively
// in sorted order, or "-" for stdin), peels gzip/zstd (by magic bytes),
// opens zip and xlsx archives, detects and converts the encoding, detects
// the format and the CSV delimiter, maps the columns, and cuts the stream
// into chunks of whole records. Worker threads (--threads minus one, and the
// reader itself whenever the chunks in flight are at their bound) split each
// chunk into fields, apply the bad-row policy (schema/diagnostics.h) and
// hand each accepted Posting to a PostingTask made for that chunk. Finished
// tasks are handed back to the job strictly in input order, so whatever the
// job computes is identical for any --threads. Memory is bounded by the
// chunks in flight (about 2 × threads + 2 chunks), not by the input size.
//
// Not for: what a field means (fields/) or what is computed (the job).
#ifndef JOBSIFT_PIPELINE_READER_H_
#define JOBSIFT_PIPELINE_READER_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "io/byte_source.h"
#include "jobsift/status.h"
#include "schema/diagnostics.h"
#include "schema/column_map.h"
#include "jobsift/progress.h"
#include "schema/input_notes.h"
#include "schema/posting.h"

namespace jobsift {

enum class InputFormat : uint8_t { kCsv, kJsonl, kXlsx };
std::string_view InputFormatName(InputFormat f);

struct ReadOptions {
  int threads = 0;              // threads processing chunks, the reader included; 0 = all cores
  char delimiter = 0;           // 0 = detect among , \t ; |
  std::string encoding;         // "" = detect (UTF-8 or GB18030); else an iconv name
  size_t max_field_bytes = size_t{2} << 20;
  size_t max_record_bytes = size_t{64} << 20;
  size_t chunk_bytes = size_t{4} << 20;
  ColumnOverrides columns;
  // Says what cells read as, to map columns no header name claims (not
  // owned); null = the field normalisers of the default data tables.
  const CellJudge* judge = nullptr;
  bool progress = false;        // draw progress on stderr
  ProgressCallback on_progress; // instead, hand progress to this (jobsift/progress.h)
  // Open every input and map its columns, read no row: FileReport's
  // headers and map are filled, the rows are not counted.
  bool headers_only = false;
  std::string rejects_path;     // "" = keep counts and samples only
  size_t reject_samples = 10;
  // When set and it becomes true (a signal handler's flag), reading stops at
  // the next chunk and the summary carries an "interrupted" error.
  const std::atomic<bool>* cancel = nullptr;
  // The inputs are files found in a folder (a part of a distributed run,
  // ListInputs): one that holds no postings is skipped and noted, not an
  // error, as when the folder is read.
  bool inputs_found_in_folder = false;
};

// What happened to one input (a file, or one member of a zip).
struct FileReport {
  std::string name;
  InputFormat format = InputFormat::kCsv;
  std::string encoding;
  Compression compression = Compression::kNone;
  char delimiter = 0;
  std::vector<std::string> headers;
  std::vector<std::string> columns;  // column names: the header's (trimmed), or #1, #2 … without one
  ColumnMap map;
  ReadStats stats;
  uint64_t invalid_encoding_bytes = 0;  // bytes iconv could not convert
};

struct ReadSummary {
  ReadStats total;
  std::vector<FileReport> files;
  std::vector<Status> errors;         // inputs that could not be read at all
  std::vector<std::string> skipped;   // files in a directory that hold no postings
  // Of those, the company size and industry columns their names claim
  // ('所属行业' of a table of companies): where a field the postings have no
  // column for is, for a join by company name.
  std::vector<InputNotes::Elsewhere> skipped_columns;
  std::vector<std::string> empty;     // "<file>: the file is empty" (or the sheet)
  std::vector<std::string> warnings;  // other warnings, e.g. a header naming two columns
  // All of the above but errors, with the fields files have no column for
  // and the columns found by content: what every command says (NoteInputs).
  InputNotes notes;
  std::vector<RejectRecord> samples;  // the first rejects
  uint64_t raw_bytes = 0;             // bytes read from disk (compressed)
  uint64_t decoded_bytes = 0;         // bytes after decompression and decoding
  double seconds = 0;
  int threads = 0;
};

// Per-chunk work of a job. Add runs on a worker thread, once per accepted
// posting of the chunk, in input order; the Posting is valid only during
// the call.
class PostingTask {
 public:
  virtual ~PostingTask() = default;
  virtual void Add(const Posting& posting) = 0;
};

class PostingJob {
 public:
  virtual ~PostingJob() = default;
  // Called from worker threads; must be thread-safe.
  virtual std::unique_ptr<PostingTask> NewTask() = 0;
  // Called on one thread, once per chunk, in input order.
  virtual void Finish(std::unique_ptr<PostingTask> task) = 0;
  // Whether Posting::line must be set. Counting lines is a pass over every
  // byte, so it is done only for jobs that use them.
  virtual bool WantsLineNumbers() const { return false; }
};

// Reads all `inputs`. Unreadable inputs are reported in `errors` and the run
// goes on; a Status is returned only when the run itself cannot proceed
// (e.g. the rejects file cannot be written). `job` may be null.
// The files a read of `inputs` reads, in order (directories expanded,
// recursively, sorted): whether each was named (else found in a folder),
// and its size. An input that does not exist is an error.
struct InputListing {
  std::string path;
  bool named = true;
  uint64_t bytes = 0;
};
StatusOr<std::vector<InputListing>> ListInputs(const std::vector<std::string>& inputs);

StatusOr<ReadSummary> ReadPostings(const std::vector<std::string>& inputs, const ReadOptions& options,
                                   PostingJob* job);

// The notes of a read: its files' mappings, empty and skipped files and
// warnings (ReadPostings fills ReadSummary::notes with this).
InputNotes NoteInputs(const ReadSummary& s);

// The sniffer (BinaryKind, DetectEncoding) is io/sniff.h.

}  // namespace jobsift

#endif  // JOBSIFT_PIPELINE_READER_H_

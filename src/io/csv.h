// CSV (RFC 4180 as real files write it): the record grammar jobsift reads,
// shared by the boundary finder that cuts a stream into chunks of whole
// records and the field splitter that workers run on a chunk.
//
// The grammar is Python's csv module with its defaults (doublequote, not
// strict): a quote opens a quoted field only at the start of a field; inside
// one, `""` is a literal quote and a newline is data; after the closing
// quote, anything up to the delimiter is appended literally; a quote in the
// middle of an unquoted field is literal. Records end at an unquoted `\n`;
// a `\r` before it is dropped. Both halves follow this one grammar so that a
// chunk boundary is always a record boundary.
//
// Not for: encodings (byte_source.h) or header semantics (schema/).
#ifndef JOBSIFT_IO_CSV_H_
#define JOBSIFT_IO_CSV_H_

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace jobsift {

// Where the last complete record of `buf` ends, scanning from a record start.
struct CsvBoundary {
  // Index one past the `\n` that ends the last complete record, or 0 if
  // `buf` holds no complete record.
  size_t end = 0;
  // True when `buf` ends inside a quoted field (more input is needed, or at
  // end of input the last record has an unterminated quote).
  bool open_quote = false;
};
CsvBoundary FindLastRecordEnd(std::string_view buf, char delim);

// Splits the records of a chunk into fields. Views point into the chunk
// unless a field needed unescaping, in which case they point into storage
// owned by the splitter (valid until the next call to Next).
class CsvRecordSplitter {
 public:
  CsvRecordSplitter(std::string_view chunk, char delim) : buf_(chunk), delim_(delim) {}

  // Reads the next record into `fields`. Returns false at the end of the
  // chunk. Blank lines are skipped. `record_begin`/`record_end` are the byte
  // range of the record in the chunk. An unterminated quote at the end of
  // the chunk is reported by `open_quote` (the last field then runs to the
  // end of the chunk).
  bool Next(std::vector<std::string_view>& fields);

  size_t record_begin() const { return record_begin_; }
  size_t record_end() const { return pos_; }
  bool open_quote() const { return open_quote_; }

 private:
  std::string_view buf_;
  char delim_;
  size_t pos_ = 0;
  size_t record_begin_ = 0;
  bool open_quote_ = false;
  // A deque: adding a field's storage must not move the earlier fields'
  // (a vector's growth moved short strings and left their views dangling).
  std::deque<std::string> unescaped_;
  size_t unescaped_used_ = 0;
};

// Picks the delimiter among , \t ; | from the first records of `sample`:
// the candidate that splits the first line into the most fields and splits
// the following lines consistently. Returns ',' when nothing splits.
char DetectDelimiter(std::string_view sample);

}  // namespace jobsift

#endif  // JOBSIFT_IO_CSV_H_

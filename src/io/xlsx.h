// Zip archives and XLSX workbooks. Several real datasets ship as xlsx, some
// inside a zip (job-hunting-data's job.zip holds job.xlsx). The first sheet
// is streamed row by row from the archive through expat, so a large sheet is
// never held in memory; its shared-string table is (the format requires it).
//
// Not for: deciding what a column means (schema/).
#ifndef JOBSIFT_IO_XLSX_H_
#define JOBSIFT_IO_XLSX_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "io/byte_source.h"
#include "jobsift/status.h"

struct zip;

namespace jobsift {

class ZipArchive {
 public:
  // Opens a zip file on disk (random access, nothing buffered).
  static StatusOr<std::unique_ptr<ZipArchive>> OpenFile(const std::string& path);
  // Opens a zip held in memory (from stdin, a decompressor or another zip).
  static StatusOr<std::unique_ptr<ZipArchive>> OpenBuffer(std::string bytes, const std::string& name);
  ~ZipArchive();

  const std::string& name() const { return name_; }
  // Member names in sorted order, directories left out.
  std::vector<std::string> Names() const;
  bool Has(const std::string& member) const;
  StatusOr<std::string> ReadMember(const std::string& member, size_t limit) const;
  // Streams one member; the archive must outlive the source.
  StatusOr<std::unique_ptr<ByteSource>> OpenMember(const std::string& member) const;

 private:
  ZipArchive(struct zip* z, std::string name, std::string buffer)
      : zip_(z), name_(std::move(name)), buffer_(std::move(buffer)) {}
  struct zip* zip_;
  std::string name_;
  std::string buffer_;  // backing bytes for OpenBuffer
};

// True when the archive is an XLSX workbook (it has xl/workbook.xml).
bool IsXlsx(const ZipArchive& archive);

// Reads the rows of the first sheet of an XLSX workbook.
class XlsxReader {
 public:
  static StatusOr<std::unique_ptr<XlsxReader>> Open(const ZipArchive& archive);
  ~XlsxReader();

  // Reads the next row. `cells[i]` is column i (A = 0); missing cells are
  // empty; trailing empty cells are dropped. Shared strings, inline strings,
  // numbers (as written) and booleans are returned as text. Returns false at
  // the end of the sheet. `row_number` is the sheet's 1-based row number.
  StatusOr<bool> NextRow(std::vector<std::string>& cells, uint64_t& row_number);

  const std::string& sheet_name() const { return sheet_name_; }

  struct State;  // expat callback state, defined in xlsx.cc

 private:
  XlsxReader() = default;
  std::unique_ptr<State> state_;
  std::unique_ptr<ByteSource> sheet_;
  std::string sheet_name_;
  std::string name_;
};

}  // namespace jobsift

#endif  // JOBSIFT_IO_XLSX_H_

// A posting as the rest of the pipeline sees it: one cleaned string per
// logical field (empty = unknown), plus where it came from. Built by
// PostingBuilder from a row's raw cells and the file's ColumnMap.
//
// Not for: derived fields (fields/), which parse these strings.
#ifndef JOBSIFT_SCHEMA_POSTING_H_
#define JOBSIFT_SCHEMA_POSTING_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "schema/column_map.h"

namespace jobsift {

struct Posting {
  std::array<std::string_view, kFieldCount> value{};
  std::string_view source;  // input name
  double salary_scale = 1;  // yuan per unit of the numeric salary columns
  uint64_t line = 0;        // 1-based line (or sheet row) where the record starts;
                            // 0 unless the job asked for line numbers
  // The row's cells as read (before cleaning) and its file's column names
  // (the header's, or #1, #2 … without one), for passing input columns
  // through (annotate --keep); null when not built by the reader.
  const std::vector<std::string_view>* cells = nullptr;
  const std::vector<std::string>* columns = nullptr;

  std::string_view operator[](Field f) const { return value[static_cast<size_t>(f)]; }
};

// Fills a Posting from raw cells: trims spaces, NBSP and U+3000, unwraps
// Python list literals, and picks the size or industry part of a packed
// company-info cell. One builder per worker; the Posting's views stay valid
// until the next Build.
class PostingBuilder {
 public:
  void Build(const std::vector<std::string_view>& cells, const ColumnMap& map, Posting* out);

 private:
  std::array<std::string, kFieldCount> scratch_;
};

// The cleaning applied to every cell, exposed for tests: trimmed, list
// literal unwrapped (into `scratch` when needed).
std::string_view CleanCell(std::string_view raw, std::string& scratch);

// The company-size or industry piece of `民营公司| 500-1000人| 计算机软件`.
std::string_view CellPartOf(std::string_view cell, CellPart part);

}  // namespace jobsift

#endif  // JOBSIFT_SCHEMA_POSTING_H_

// Column mapping: which input column holds which logical field of SPEC §1.
// A mapping comes from the [columns] table of a TOML config or, without
// one, from auto-detection over the header names real job sites use in
// Chinese and English; a file without a header row (51job-2018's xlsx) is
// recognised from its cell contents instead, and so is a column of a headed
// file whose name matches no alias when its cells clearly hold one field (a
// CellJudge, given by a stage above, says what a cell reads as). A field
// with no column is unknown for every row of that file.
//
// Not for: what a cell means once found (fields/), or reading files (io/).
#ifndef JOBSIFT_SCHEMA_COLUMN_MAP_H_
#define JOBSIFT_SCHEMA_COLUMN_MAP_H_

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jobsift/status.h"

namespace jobsift {

// The logical fields of a posting. Order is the output order everywhere.
enum class Field : uint8_t {
  kId,             // posting id (optional)
  kDate,           // publish date (or refresh date where that is all a site gives)
  kDateSeen,       // first date the posting was seen: scan / crawl date (date fallback)
  kDateUpdated,    // date the posting or its record was last updated (date fallback)
  kPosition,       // job title
  kCity,           // work city
  kSalary,         // salary as one posted string
  kSalaryMin,      // numeric monthly minimum (with kSalaryMax, kSalaryMonths)
  kSalaryMax,      // numeric monthly maximum
  kSalaryMonths,   // months paid a year
  kDegree,         // required degree
  kExperience,     // required experience
  kCompanyName,    // employer
  kCompanySize,    // head-count band
  kCompanyIndus,   // industry as posted
  kDescription,    // duties and requirements
  kBenefits,       // benefit tags where a site lists them apart (福利)
  kCount
};
inline constexpr size_t kFieldCount = static_cast<size_t>(Field::kCount);

// Stable snake_case name used in config keys and JSON: "company_indus".
std::string_view FieldName(Field f);
// The SPEC §1 name: "CompanyIndus".
std::string_view FieldLabel(Field f);
StatusOr<Field> FieldFromName(std::string_view name);

// How to read a column whose cells pack several fields (51job-2019's
// 公司信息 `民营公司| 500-1000人| 计算机软件`): split on '|' and pick the
// piece that looks like a company size, or the last piece for industry.
enum class CellPart : uint8_t { kWhole, kSizePart, kIndustryPart };

struct ColumnRef {
  int column = -1;  // -1: no column
  CellPart part = CellPart::kWhole;
  bool mapped() const { return column >= 0; }
};

// A column no field took, and its first non-empty sampled value: what a
// user reads to tell whether it holds a field the file lacks.
struct SpareColumn {
  std::string name;    // the header's, or "#8" without a header row
  std::string sample;  // cleaned, at most 24 characters ("" when every sampled cell is empty)
  bool operator==(const SpareColumn&) const = default;
};

struct ColumnMap {
  std::array<ColumnRef, kFieldCount> field{};
  // For a field mapped by what its column holds, what showed it, e.g.
  // "180 of 184 sampled cells read as a city"; empty otherwise.
  std::array<std::string, kFieldCount> evidence{};
  bool has_header = true;
  // Numeric salary columns are in yuan times this (1000 for K, 10000 for 万).
  double salary_numeric_scale = 1.0;
  // "header", "content" (no header row), "header+content" (a headed file
  // with columns found by their cells), each "+config" when overridden.
  std::string detected_by;
  // The columns no field took, in file order.
  std::vector<SpareColumn> spare;

  const ColumnRef& operator[](Field f) const { return field[static_cast<size_t>(f)]; }
  ColumnRef& operator[](Field f) { return field[static_cast<size_t>(f)]; }
  size_t MappedCount() const;
};

// Says what one cleaned cell reads as, for mapping columns by content: the
// field parsers' own verdict (a city the city table knows, a salary the
// salary grammar accepts, ...). Implemented by fields/ (FieldNormalizer);
// must be thread-safe.
class CellJudge {
 public:
  virtual ~CellJudge() = default;
  // Whether `cell` reads as a value of `field`. Fields content cannot tell
  // apart (titles, names, ids) are never asked.
  virtual bool Reads(Field field, std::string_view cell) const = 0;
};

// User overrides from the config: field -> header name (or 1-based column
// number written as "#3"); fields set to "" are forced unmapped.
// The header names real sites use for each field (data/header_aliases.tsv),
// normalised as NormalizeHeader does, fields in file order and names in
// order of preference: the earlier field, then the earlier name, wins a
// column. `company_info` names columns that pack a company's type, size and
// industry into one cell.
struct HeaderAliases {
  std::vector<std::pair<Field, std::vector<std::string>>> by_field;
  std::vector<std::string> company_info;
  std::string file;
};
// Reads a header_aliases.tsv: `field<TAB>name` lines. An unknown field, an
// empty name or a name given twice is an error naming the file and line.
StatusOr<HeaderAliases> LoadHeaderAliases(const std::string& path);
// The shipped aliases: header_aliases.tsv of the default data folder
// (base/data_dir.h), read once.
const StatusOr<std::shared_ptr<const HeaderAliases>>& ShippedHeaderAliases();

struct ColumnOverrides {
  std::map<Field, std::string> by_field;
  std::string salary_numeric_unit;  // "", "yuan", "k", "wan"
  bool no_header = false;
  // The aliases to map by name (loaded from the run's data folder); null
  // for the shipped ones.
  std::shared_ptr<const HeaderAliases> aliases;
};

// Builds the mapping of one file. `header` is its first row; `sample` holds
// up to a few hundred rows after it (used to recognise a file without a
// header, the unit of numeric salary columns and, with a `judge`, the
// fields of columns whose names match no alias: a column is mapped to a
// field left without one when at least 80% of its non-empty sampled cells,
// and at least 5, read as that field; columns of plain numbers or URLs
// never are). A file without a title or a description column is a
// DataError naming `source` and, when its names claim other fields (a table
// of companies), those fields, else the headers seen.
StatusOr<ColumnMap> MapColumns(const std::vector<std::string>& header,
                               const std::vector<std::vector<std::string>>& sample,
                               const ColumnOverrides& overrides, const std::string& source,
                               const CellJudge* judge = nullptr);

// The fields `header`'s names claim by their aliases, each with its column's
// name: what a skipped file (a table of companies) holds.
std::vector<std::pair<Field, std::string>> NamedColumns(const std::vector<std::string>& header,
                                                        const HeaderAliases* aliases = nullptr);

// What a column of `f` is found by when no name claims one ("a date"), or
// "" for a field content cannot tell (MapColumns with a judge): a file
// where none was found has no column whose sampled cells read as one.
std::string_view JudgedAs(Field f);

// Normalises a header for matching: trimmed, ASCII lower-case, without
// spaces, '_', '-' and a BOM.
std::string NormalizeHeader(std::string_view h);

}  // namespace jobsift

#endif  // JOBSIFT_SCHEMA_COLUMN_MAP_H_

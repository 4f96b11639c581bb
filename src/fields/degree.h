// Degree normaliser: maps the degree requirement a site printed (本科,
// 统招本科, 大学专科, 中专/中技, 硕士研究生, 学历不限, ...) to the report's five
// levels (SPEC §2 "degree level"). The variant -> level vocabulary is data:
// data/degrees.tsv, loaded once into an immutable DegreeTable.
//
// Not for: experience or language requirements (fields/experience.h), nor
// mining degrees out of descriptions. Neighbours: fields/parsed.h,
// fields/fold.h.
//
// DegreeTable::Parse, on the full-width-folded text; the rule id each step
// reports follows the arrow.
//  1. "", "-", "[]", "nan", ...  => kMissing, degree.missing
//  2. The exact variant is in the table  => its level, degree.table
//  3. Retry with affixes stripped, one at a time: suffixes 及同等学历 及以上
//     或以上 以上 学历 毕业 (及以下 is kept: 初中及以下 is a variant) and
//     prefixes 国家统招 全日制 第一学历 统招; then the first part of
//     "A/B", "A或B", "A、B"  => its level, degree.table_stripped
//  4. Clearly another field's value: languages (text containing 语 or 普通话:
//     英语熟练, 普通话良好, 英语一般&普通话精通), head counts (2人, 若干人),
//     experience (年, 经验)  => kNotThisField, degree.not_this_field
//  5. Anything else  => kUnparseable, degree.unparseable
//
// Decision: 其他 ("other", a site's catch-all option) maps to 不限 in the
// shipped table, because the SPEC's 不限/未注明 level is exactly "no
// recognisable requirement"; edit data/degrees.tsv to change that.
//
// A DegreeTable is immutable after Load: Parse is const, thread-safe and
// allocation-free; nothing from `raw` is kept.
#ifndef JOBSIFT_FIELDS_DEGREE_H_
#define JOBSIFT_FIELDS_DEGREE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fields/parsed.h"
#include "jobsift/status.h"

namespace jobsift {

enum class DegreeLevel : uint8_t {
  kDoctor,          // 博士
  kMaster,          // 硕士 (incl. MBA/EMBA)
  kBachelor,        // 本科
  kCollegeOrBelow,  // 大专及以下 (大专, 中专, 中技, 高中, 初中)
  kAny,             // 不限
};

// "博士", "硕士", "本科", "大专及以下", "不限".
std::string_view DegreeLevelName(DegreeLevel level);

class DegreeTable {
 public:
  // Reads a variant table. Format (UTF-8): one `variant<TAB>level` per line,
  // level being one of the DegreeLevelName() labels; lines that are empty or
  // start with '#' are comments. Variants are folded (full width -> ASCII)
  // on load. Errors name the place, "path:line: why": a missing tab, an
  // unknown level, an empty or duplicate variant; NotFound if the file
  // cannot be opened.
  [[nodiscard]] static StatusOr<DegreeTable> Load(const std::string& path);

  // Parses a degree requirement; see the rules above.
  Parsed<DegreeLevel> Parse(std::string_view raw) const;

  // Number of variants loaded.
  size_t size() const { return entries_.size(); }

 private:
  DegreeTable() = default;

  // Exact lookup; false if absent.
  bool Find(std::string_view variant, DegreeLevel* level) const;

  // Variants in file order, and an open-addressing index over them (slot ->
  // entry index + 1, 0 = empty; size a power of two, at most half full). A
  // hash probe beats a binary search of string compares on the hot path.
  std::vector<std::pair<std::string, DegreeLevel>> entries_;
  std::vector<uint16_t> slots_;
};

}  // namespace jobsift

#endif  // JOBSIFT_FIELDS_DEGREE_H_

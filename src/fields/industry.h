// Industry normaliser: maps the employer industry a job site printed
// (计算机软件, 互联网/电子商务, 猎聘's slash-less 互联网移动互联网电子商务, the
// national classification's 软件和信息技术服务业, ...) to one of the 57
// canonical industries of SPEC §2 "industry". The vocabulary is data:
// data/industries.tsv (the canonical list, with the reasons for it) and
// data/industry_aliases.tsv (posted label -> industry), loaded once into an
// immutable IndustryTable.
//
// Not for: guessing an industry from a company name or a description, or
// unwrapping Python list literals (the reader does that). Neighbours:
// fields/parsed.h (the result shape), fields/fold.h (width folding),
// fields/company_size.h (parses head-count bands; Resolve only recognises
// their shape, to reject them).
//
// Resolve(raw), rule ids in []:
//  0. Fold: full-width -> ASCII and NBSP/U+3000 -> space (fields/fold.h),
//     then ASCII upper -> lower case, every '/' dropped, tab/CR/LF -> space,
//     runs of spaces -> one, trimmed. Labels are folded the same way on load,
//     so 互联网/电子商务, 互联网电子商务 and ＩＴ服务 == it服务 compare equal.
//  1. a missing marker ("", "-", "[]", "nan", "N/A", ...) -> kMissing
//                                                          [industry.missing]
//  2. the whole value is a known label -> its industry       [industry.label]
//     or a listed non-industry (民营公司, 上市, 战略投资) -> kNotThisField
//                                                     [industry.not_industry]
//  3. otherwise the value is read left to right as a list of labels separated
//     by , ; | 、 丨 or spaces, except inside parentheses (so
//     计算机服务(系统、数据服务、维修) stays one piece). At each position:
//       a. the longest known label that ends at a separator (outside
//          parentheses) or at the end, so a label that itself contains a
//          separator, 51job's 检测，认证 or 通信/电信运营、增值服务, still
//          matches whole;
//       b. else the piece up to the next separator, if it is a head-count band
//          (500-1000人, 少于50人) or a funding stage (A轮, 轮, 未融资,
//          不需要融资), is skipped as not an industry;
//       c. else, if the piece is a run of known labels written together
//          (银行保险, 互联网游戏), its first label, found greedily by longest
//          match; a piece only partly covered by labels (电子烟) is not used;
//       d. else the piece is unknown.
//     The first industry found wins: sites list a company's main industry
//     first (51job 公司信息 "民营公司| 500-1000人| 教育/培训/院校 计算机软件"
//     -> 教育).                    [industry.first_label] [industry.label_run]
//     '/' is never a separator: labels such as 互联网/电子商务 and
//     能源/矿产/采掘/冶炼 contain it, and their first part can mean another
//     industry (能源 alone -> 电力/公用事业).
//  4. no industry found: any unknown piece -> kUnparseable
//     [industry.unparseable]; else, if some piece was a non-industry ->
//     kNotThisField [industry.not_industry]; else (separators only, "| |")
//     -> kMissing [industry.missing]. Values longer than kMaxIndustryBytes
//     are kUnparseable [industry.too_long].
//
// An IndustryTable is immutable after Load: Resolve is const, thread-safe,
// does not allocate, and keeps nothing from `raw`. The common case (one known
// label) costs one folding pass and one hash lookup.
#ifndef JOBSIFT_FIELDS_INDUSTRY_H_
#define JOBSIFT_FIELDS_INDUSTRY_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fields/parsed.h"
#include "jobsift/status.h"

namespace jobsift {

// Longer industry values are not labels (a description pasted into the wrong
// column); Resolve folds into a stack buffer of this size.
inline constexpr size_t kMaxIndustryBytes = 512;

class IndustryTable {
 public:
  // Reads the canonical list and the alias table (formats in the header
  // comments of data/industries.tsv and data/industry_aliases.tsv):
  //   industries: `name<TAB>basis<TAB>scope` per line;
  //   aliases:    `label<TAB>industry[<TAB>source]` per line, industry being a
  //               canonical name or "-" (not an industry).
  // Lines that are empty or start with '#' are comments. Every canonical name
  // is also a label of itself. Errors name the place, "path:line: why": a
  // wrong column count, an empty or duplicate name, an alias to an unknown
  // industry, a label listed twice, a label that folds to the same key as an
  // earlier one but names another industry, a label that folds to a missing
  // marker or is longer than kMaxIndustryBytes; NotFound if a file cannot be
  // opened.
  [[nodiscard]] static StatusOr<IndustryTable> Load(
      const std::string& industries_path, const std::string& aliases_path);

  // Maps a posted industry label to a canonical industry name, by the rules
  // in the header comment. The value is a view into Canonical(), valid while
  // this table lives; `rule` is a static string.
  Parsed<std::string_view> Resolve(std::string_view raw) const;

  // The canonical industries, in file order.
  const std::vector<std::string>& Canonical() const { return canonical_; }

  // Number of distinct folded labels known (canonical names included).
  size_t label_count() const { return labels_.size(); }

 private:
  // Target of a label: an index into canonical_, or kNotIndustry.
  using Target = int16_t;
  static constexpr Target kNotIndustry = -1;

  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const {
      return std::hash<std::string_view>{}(s);
    }
  };

  IndustryTable() = default;

  // Where each folded label was first defined ("path:line"); used while
  // loading only, for error messages.
  using Origins =
      std::unordered_map<std::string, std::string, KeyHash, std::equal_to<>>;

  // Registers `raw_label` (folded) -> `target`, defined at `where`; returns
  // an error if the folded key is empty, a missing marker, too long, or
  // already names another target.
  Status AddLabel(std::string_view raw_label, Target target,
                  const std::string& where, Origins* origins);

  // Exact lookup of a folded key; nullptr if unknown.
  const Target* Find(std::string_view key) const;

  // Length of the longest known label starting at `pos` of the folded value
  // `s` (0 if none), storing its target.
  size_t LongestLabelAt(std::string_view s, size_t pos, Target* target) const;

  // Rule 3c on one piece: true if `piece` is a run of known labels; then
  // `*first` is the first industry in it, or kNotIndustry if it has none.
  bool LabelRun(std::string_view piece, Target* first) const;

  std::vector<std::string> canonical_;
  std::unordered_map<std::string, Target, KeyHash, std::equal_to<>> labels_;
  std::vector<size_t> key_lengths_;  // distinct byte lengths, descending
  size_t max_key_bytes_ = 0;         // longest folded label
};

}  // namespace jobsift

#endif  // JOBSIFT_FIELDS_INDUSTRY_H_

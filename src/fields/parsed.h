// The common shape of every field normaliser (salary, experience, degree,
// company size, date, city, industry): a pure function from the raw string a
// job site printed to either a value or an explained Unknown, plus the id of
// the rule that decided, so every derived field can be audited.
//
// Not for: I/O or counting. The run tallies reasons in schema/diagnostics.
#ifndef JOBSIFT_FIELDS_PARSED_H_
#define JOBSIFT_FIELDS_PARSED_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

namespace jobsift {

// Why a field is unknown. Unknown is never zero: aggregates skip it.
enum class Unknown : uint8_t {
  kNone = 0,        // not unknown: the value is set
  kMissing,         // empty, whitespace, "-", "[]", "None", "null"
  kNegotiable,      // 面议 / 薪资面议 / 保密 / 待定 (salary only)
  kUnparseable,     // no rule understood the string
  kImplausible,     // parsed, but outside the documented plausible range
  kNotThisField,    // clearly another field's value (英语熟练 as a degree)
  kNeedsReference,  // a relative or year-less date and no reference date
  kPlaceholder,     // a placeholder such as 1970-01-01
  kAmbiguous,       // several values (multi-city, 全国, 异地招聘)
  kPieceRate,       // pay per piece or order (元/单, 块/件): no period to convert (salary only)
};
// Reasons, kNone included: the size of arrays indexed by Unknown.
inline constexpr size_t kUnknownCount = static_cast<size_t>(Unknown::kPieceRate) + 1;

// Stable lower-case name used in JSON output and reports ("negotiable").
std::string_view UnknownName(Unknown reason);

// A parsed value or an Unknown with its reason. `rule` names the rule that
// produced the result (a static string such as "salary.range_k_months");
// it is set for unknowns too where a rule decided it.
template <class T>
struct Parsed {
  T value{};
  Unknown reason = Unknown::kMissing;
  std::string_view rule;

  bool ok() const { return reason == Unknown::kNone; }

  static Parsed Of(T v, std::string_view rule) {
    return Parsed{std::move(v), Unknown::kNone, rule};
  }
  static Parsed Fail(Unknown why, std::string_view rule = {}) {
    return Parsed{T{}, why, rule};
  }
};

}  // namespace jobsift

#endif  // JOBSIFT_FIELDS_PARSED_H_

// Company-size normaliser: maps the head-count band a site printed
// (51job 少于50人 / 50-150人 / 150-500人 / 500-1000人 / 1000-5000人 /
// 5000-10000人 / 10000人以上; BOSS 0-20人 / 20-99人 / 100-499人 / 500-999人 /
// 1000-9999人; plain counts 123 / 123人) to the report's four bands
// (SPEC §2 "company size band").
//
// Not for: funding stage or company type (other columns), nor social-security
// head counts from registries. Neighbours: fields/parsed.h, fields/fold.h.
//
// A raw value is read as a set of head counts, inclusive on both ends (the
// rule id follows the arrow):
//   "N-M人" (also ~ 至 到)  => {N..M}, company_size.range
//   "N人以上" "N人及以上" "N+人" "大于N人" "超过N人"
//                           => {N..}, company_size.at_least
//   "少于N人" "小于N人" "不足N人" "N人以下" "N人以内"
//                           => {0..N-1}, company_size.under
//   "N" "N人"               => {N}, company_size.headcount
// N may carry 千 / 万 ("1万人以上"). The report bands are {0..99}, {100..499},
// {500..9999}, {10000..}. The result is the band holding the most head counts
// of the raw set (counting integers, so "50-150人" is 50 counts below 100 and
// 51 from 100: 100-500人); a tie goes to the smaller band. An open-ended
// "N人以上" is the band containing N.
// Worked examples: 少于50人, 0-20人, 20-99人 -> 100人以下; 50-150人, 100-499人,
// 150-500人 -> 100-500人; 500-999人, 500-1000人, 1000-5000人, 1000-9999人,
// 5000-10000人 -> 500-10000人; 10000人以上 -> 10000人以上.
//
// Unknowns: ""/"-"/"[]"... -> kMissing [company_size.missing]; text without
// any number that is not about people (民营公司, A轮, 计算机软件 — the 51job
// company-info slot shifts) -> kNotThisField [company_size.not_this_field];
// M < N -> kImplausible [company_size.implausible]; anything else ->
// kUnparseable [company_size.unparseable].
//
// Pure, thread-safe, no allocation; nothing from `raw` is kept.
#ifndef JOBSIFT_FIELDS_COMPANY_SIZE_H_
#define JOBSIFT_FIELDS_COMPANY_SIZE_H_

#include <cstdint>
#include <string_view>

#include "fields/parsed.h"

namespace jobsift {

enum class CompanySizeBand : uint8_t {
  kUnder100,     // 100人以下 (小微)
  k100To500,     // 100-500人 (中型)
  k500To10000,   // 500-10000人 (大型)
  k10000Plus,    // 10000人以上 (超大型)
};

// "100人以下", "100-500人", "500-10000人", "10000人以上".
std::string_view CompanySizeBandName(CompanySizeBand band);

// Parses a company head-count string; see the rules above. `raw` is already
// trimmed and unwrapped.
Parsed<CompanySizeBand> ParseCompanySize(std::string_view raw);

}  // namespace jobsift

#endif  // JOBSIFT_FIELDS_COMPANY_SIZE_H_

// Experience normaliser: maps the required work experience a site printed
// ("3-5年", "3-4年工作经验", "5年以上", "经验不限", "在校/应届", or numeric years
// such as "3.0") to the report's experience bands (SPEC §2 "experience band").
//
// Not for: the degree or language requirement (fields/degree.h), nor mining
// experience out of descriptions. Neighbours: fields/parsed.h, fields/fold.h.
//
// Rules, tried in this order on the full-width-folded text; the rule id
// each one reports follows the arrow.
//  1. "", "-", "[]", "nan", ...  => kMissing, experience.missing
//  2. Words for no requirement, after repeatedly dropping a leading 经验 or
//     接受 and a trailing 工作经验 / 经验 / 要求: 不限, 无, 无需, 不要求,
//     无要求 (so 经验不限, 无经验, 无工作经验, 无需经验, 无经验要求,
//     接受无经验)  => kAny, experience.any
//  3. Students and graduates, text containing 应届, 在校, 实习, 毕业生
//     => kUnder1, experience.student
//  4. A number N (ASCII, full-width, or Chinese numerals: 三, 两, 十二)
//     followed by one of:
//     - nothing: numeric years ("3", "3.0", "0.0", "7"); N == 0 means no
//       requirement  => kAny or band(N), experience.numeric_years
//     - 年, 年以上, 年及以上, 年+, +年, each optionally + 工作经验 / 经验;
//       "0年以上" is no requirement  => kAny or band(N), experience.at_least
//     - -M年, ~M年, 到M年, 至M年 (+ 工作经验): the band that contains the
//       lower bound  => band(N), experience.range
//     - 年以下, 年以内, 年及以下: the band of values just below N
//       ("1年以内" -> 1年以下, "3年以下" -> 1-3年)  => experience.at_most
//     - 个月 (+ 以上 / 以下 ...)  => band(N / 12), experience.months
//     band(x): x < 1 -> 1年以下; 1 <= x < 3 -> 1-3年; 3 <= x < 5 -> 3-5年;
//     5 <= x < 10 -> 5-10年; x >= 10 -> 10年以上.
//     N > 60, or M < N  => kImplausible, experience.implausible
//  5. Another field's value (the 51job 2019 column shift puts 本科 / 大专 and
//     language requirements such as 英语精通 here): degree words (本科 大专
//     专科 硕士 博士 研究生 高中 中专 中技 初中 学历 MBA) or language words
//     (语, 普通话)  => kNotThisField, experience.not_this_field
//  6. Anything else  => kUnparseable, experience.unparseable
//
// Pure, thread-safe, no allocation; nothing from `raw` is kept.
#ifndef JOBSIFT_FIELDS_EXPERIENCE_H_
#define JOBSIFT_FIELDS_EXPERIENCE_H_

#include <cstdint>
#include <string_view>

#include "fields/parsed.h"

namespace jobsift {

enum class ExperienceBand : uint8_t {
  kUnder1,   // 1年以下 (incl. 应届/在校)
  k1To3,     // 1-3年
  k3To5,     // 3-5年
  k5To10,    // 5-10年
  k10Plus,   // 10年以上
  kAny,      // 不限 (no requirement stated as such)
};

// The SPEC labels: "1年以下", "1-3年", "3-5年", "5-10年", "10年以上", "不限".
std::string_view ExperienceBandName(ExperienceBand band);

// Parses an experience requirement; see the rules above. `raw` is already
// trimmed and unwrapped.
Parsed<ExperienceBand> ParseExperience(std::string_view raw);

}  // namespace jobsift

#endif  // JOBSIFT_FIELDS_EXPERIENCE_H_

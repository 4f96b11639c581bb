// Data files of `key<TAB>value` lines, the shape of jobsift's word lists
// (lexicons/rules.tsv, header_aliases.tsv, city_words.tsv): blank lines and
// lines starting with '#' are skipped, a CR before the line break is
// dropped, and every problem names "path:line".
#ifndef JOBSIFT_BASE_PAIR_FILE_H_
#define JOBSIFT_BASE_PAIR_FILE_H_

#include <functional>
#include <string>
#include <string_view>

#include "jobsift/status.h"

namespace jobsift {

// Calls `pair(key, value, where)` for each line, in order; stops at the
// first non-ok Status and returns it. A line without exactly one TAB, or
// with nothing but spaces after it, is an error; `shape` says what a line
// is ("a list and a word"). NotFound (naming `what`) when the file cannot
// be read.
Status ReadPairFile(const std::string& path, std::string_view what, std::string_view shape,
                    const std::function<Status(std::string_view key, std::string_view value,
                                               const std::string& where)>& pair);

}  // namespace jobsift

#endif  // JOBSIFT_BASE_PAIR_FILE_H_

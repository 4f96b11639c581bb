// jobsift's own data files, read line by line: word lists (`key<TAB>value`:
// lexicons/rules.tsv, header_aliases.tsv, city_words.tsv), label files and
// the published figures. Blank lines and lines starting with '#' are
// skipped, a CR before the line break is dropped, and every problem names
// "path:line".
#ifndef JOBSIFT_BASE_DATA_FILE_H_
#define JOBSIFT_BASE_DATA_FILE_H_

#include <functional>
#include <string>
#include <string_view>

#include "jobsift/status.h"

namespace jobsift {

// Calls `line(text, where)` for each line that is not blank or a comment,
// in order; stops at the first non-ok Status and returns it. NotFound
// (naming `what`) when the file cannot be read.
Status ForEachDataLine(const std::string& path, std::string_view what,
                       const std::function<Status(std::string_view text, const std::string& where)>& line);

// A file of `key<TAB>value` lines: calls `pair(key, value, where)` for each.
// A line without exactly one TAB, or with nothing but spaces after it, is
// an error; `shape` says what a line is ("a list and a word").
Status ReadPairFile(const std::string& path, std::string_view what, std::string_view shape,
                    const std::function<Status(std::string_view key, std::string_view value,
                                               const std::string& where)>& pair);

}  // namespace jobsift

#endif  // JOBSIFT_BASE_DATA_FILE_H_

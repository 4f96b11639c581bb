// JSON Lines: one JSON object a line, its keys naming columns. How the
// reader turns a line into a row of cells (io/ holds the record formats:
// csv.h, jsonl.h, xlsx.h; pipeline/reader.cc drives them).
//
// A value becomes a cell's text: strings unescaped, numbers and booleans as
// written, null empty, an array of strings joined by ",", anything else as
// minified JSON. A key given twice in one object is refused: JSON leaves
// its meaning open, and the posting is not guessed at.
#ifndef JOBSIFT_IO_JSONL_H_
#define JOBSIFT_IO_JSONL_H_

#include <simdjson.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace jobsift {

// The text of a JSON value as a cell.
void JsonCell(simdjson::dom::element v, std::string& out);

// The columns of a JSON Lines file: keys in order of first appearance over
// the lines of `head` (at most `max_lines`; a last line cut short is left
// out unless `head_is_whole`), and the cells of each line that is an object,
// for judging columns by content. Returns the lines looked at.
struct JsonlColumns {
  std::vector<std::string> header;
  std::unordered_map<std::string, int> keys;  // key -> column
  std::vector<std::vector<std::string>> sample;
};
int SampleJsonlColumns(std::string_view head, bool head_is_whole, int max_lines, JsonlColumns* out);

// Parses lines into rows of cells, reusing its buffers: one per thread.
class JsonlRowParser {
 public:
  enum class Outcome { kRow, kMalformed, kNotObject, kDuplicateKey };
  // `line` without its line break. Memory up to `readable_end` may be read
  // (simdjson reads a little past the line: in place when the buffer goes
  // on that far, else from a padded copy). On kRow, `cells` holds a view
  // per column (empty for keys the line lacks), valid until the next call.
  Outcome Parse(std::string_view line, const char* readable_end, const std::unordered_map<std::string, int>& keys,
                size_t columns, std::vector<std::string_view>* cells);

 private:
  simdjson::dom::parser json_;
  std::vector<std::string> text_;
  std::vector<uint8_t> seen_;  // per column: given in this object
};

}  // namespace jobsift

#endif  // JOBSIFT_IO_JSONL_H_

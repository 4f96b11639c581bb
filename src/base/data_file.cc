#include "base/data_file.h"

#include <fstream>

namespace jobsift {

Status ForEachDataLine(const std::string& path, std::string_view what,
                       const std::function<Status(std::string_view text, const std::string& where)>& line) {
  std::ifstream in(path);
  if (!in) return NotFound(path + ": cannot read the " + std::string(what));
  std::string text;
  for (int n = 1; std::getline(in, text); ++n) {
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.empty() || text[0] == '#') continue;
    JOBSIFT_RETURN_IF_ERROR(line(text, path + ":" + std::to_string(n)));
  }
  return Status::Ok();
}

Status ReadPairFile(const std::string& path, std::string_view what, std::string_view shape,
                    const std::function<Status(std::string_view key, std::string_view value,
                                               const std::string& where)>& pair) {
  return ForEachDataLine(path, what, [&](std::string_view line, const std::string& where) {
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos || line.find('\t', tab + 1) != std::string_view::npos)
      return InvalidArgument(where + ": a line is " + std::string(shape) + ", TAB-separated");
    std::string_view value = line.substr(tab + 1);
    if (value.find_first_not_of(' ') == std::string_view::npos) return InvalidArgument(where + ": nothing after the TAB");
    return pair(line.substr(0, tab), value, where);
  });
}

}  // namespace jobsift

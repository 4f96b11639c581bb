#include "base/pair_file.h"

#include <fstream>

namespace jobsift {

Status ReadPairFile(const std::string& path, std::string_view what, std::string_view shape,
                    const std::function<Status(std::string_view key, std::string_view value,
                                               const std::string& where)>& pair) {
  std::ifstream in(path);
  if (!in) return NotFound(path + ": cannot read the " + std::string(what));
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::string where = path + ":" + std::to_string(n);
    size_t tab = line.find('\t');
    if (tab == std::string::npos || line.find('\t', tab + 1) != std::string::npos)
      return InvalidArgument(where + ": a line is " + std::string(shape) + ", TAB-separated");
    std::string_view value = std::string_view(line).substr(tab + 1);
    if (value.find_first_not_of(' ') == std::string_view::npos) return InvalidArgument(where + ": nothing after the TAB");
    JOBSIFT_RETURN_IF_ERROR(pair(std::string_view(line).substr(0, tab), value, where));
  }
  return Status::Ok();
}

}  // namespace jobsift

// The run configuration, from a TOML file (--config) and then flags. One
// place defines every key; docs/config.md lists them.
//
//   [input]
//   encoding = "GB18030"        # default: detected
//   delimiter = "\t"            # default: detected among , \t ; |
//   max_field_bytes = 2097152
//   max_record_bytes = 67108864
//   header = false              # the files have no header row
//
//   [columns]                   # logical field = header name, or "#N" (1-based)
//   position = "岗位名称"
//   salary_min = "薪酬low"
//   salary_unit = "k"           # numeric salary columns: yuan | k | wan
//   benefits = ""               # "" = ignore a detected column
#ifndef JOBSIFT_PIPELINE_CONFIG_H_
#define JOBSIFT_PIPELINE_CONFIG_H_

#include <string>

#include "jobsift/status.h"
#include "pipeline/reader.h"

namespace jobsift {

struct Config {
  ReadOptions read;
};

// Reads `path` into `config` (keys not present keep their values). Unknown
// keys are errors that name the file and key, so typos do not pass silently.
Status LoadConfig(const std::string& path, Config* config);

}  // namespace jobsift

#endif  // JOBSIFT_PIPELINE_CONFIG_H_

// The Chinese labels of jobsift's own names — table columns, reasons a field
// is unknown or a row rejected, fields, lexicon domains, date sources — as
// report.html and tables.xlsx print them. They are data, reviewed in
// data/report/labels_zh.tsv and built into the binary, so a report needs no
// file at run time.
#ifndef JOBSIFT_REPORT_LABELS_H_
#define JOBSIFT_REPORT_LABELS_H_

#include <string_view>
#include <utility>
#include <vector>

namespace jobsift {

// The label of `name` of `kind` ("column", "unknown", "reject", "field",
// "domain", "date_source"); `name` itself when the file has none (a name
// from a newer state file, say: shown as it is, never dropped).
std::string_view LabelZh(std::string_view kind, std::string_view name);

// Whether the file has a label for `name` of `kind`.
bool HasLabelZh(std::string_view kind, std::string_view name);

// Every (kind, name) the file labels, in file order.
std::vector<std::pair<std::string_view, std::string_view>> LabelledNames();

}  // namespace jobsift

#endif  // JOBSIFT_REPORT_LABELS_H_

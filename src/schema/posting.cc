#include "schema/posting.h"

#include "base/text.h"

namespace jobsift {

std::string_view CleanCell(std::string_view raw, std::string& scratch) {
  std::string_view v = TrimCell(raw);
  if (!v.empty() && v.front() == '[' && v.back() == ']' && UnwrapListLiteral(v, scratch)) v = TrimCell(scratch);
  if (v == "None" || v == "null" || v == "NULL" || v == "nan" || v == "NaN") return {};
  return v;
}

std::string_view CellPartOf(std::string_view cell, CellPart part) {
  if (part == CellPart::kWhole) return cell;
  std::string_view chosen;
  size_t start = 0;
  while (start <= cell.size()) {
    size_t bar = cell.find('|', start);
    if (bar == std::string_view::npos) bar = cell.size();
    std::string_view piece = TrimCell(cell.substr(start, bar - start));
    start = bar + 1;
    if (piece.empty()) continue;
    bool is_size = EndsWith(piece, "人") &&
                   (piece.find_first_of("0123456789") != std::string_view::npos || StartsWith(piece, "少于"));
    if (part == CellPart::kSizePart && is_size) return piece;
    if (part == CellPart::kIndustryPart && !is_size) chosen = piece;  // the last piece
  }
  if (part == CellPart::kIndustryPart) {
    // A lone first piece is the company type (民营公司), not an industry.
    if (chosen == TrimCell(cell.substr(0, cell.find('|')))) return {};
  }
  return chosen;
}

void PostingBuilder::Build(const std::vector<std::string_view>& cells, const ColumnMap& map, Posting* out) {
  for (size_t f = 0; f < kFieldCount; ++f) {
    const ColumnRef& ref = map.field[f];
    if (!ref.mapped() || static_cast<size_t>(ref.column) >= cells.size()) {
      out->value[f] = {};
      continue;
    }
    std::string_view v = CleanCell(cells[ref.column], scratch_[f]);
    if (ref.part != CellPart::kWhole) v = CellPartOf(v, ref.part);
    out->value[f] = v;
  }
}

}  // namespace jobsift

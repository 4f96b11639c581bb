#include "schema/column_map.h"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <set>

#include "base/data_dir.h"
#include "base/data_file.h"
#include "base/text.h"
#include "schema/posting.h"

namespace jobsift {
namespace {

struct FieldInfo {
  Field field;
  std::string_view name;
  std::string_view label;
};

constexpr FieldInfo kFields[] = {
    {Field::kId, "id", "Id"},
    {Field::kDate, "date", "Date"},
    {Field::kDateSeen, "date_seen", "DateSeen"},
    {Field::kDateUpdated, "date_updated", "DateUpdated"},
    {Field::kPosition, "position", "Position"},
    {Field::kCity, "city", "City"},
    {Field::kSalary, "salary", "Salary"},
    {Field::kSalaryMin, "salary_min", "SalaryMin"},
    {Field::kSalaryMax, "salary_max", "SalaryMax"},
    {Field::kSalaryMonths, "salary_months", "SalaryMonths"},
    {Field::kDegree, "degree", "Degree"},
    {Field::kExperience, "experience", "Experience"},
    {Field::kCompanyName, "company_name", "CompanyName"},
    {Field::kCompanySize, "company_size", "CompanySize"},
    {Field::kCompanyIndus, "company_indus", "CompanyIndus"},
    {Field::kDescription, "description", "Description"},
    {Field::kBenefits, "benefits", "Benefits"},
};

// The aliases a mapping uses: the run's, else the shipped ones (null when
// those cannot be read: MapColumns says why).
const HeaderAliases* AliasesOf(const ColumnOverrides& o) {
  if (o.aliases) return o.aliases.get();
  const auto& shipped = ShippedHeaderAliases();
  return shipped.ok() ? shipped->get() : nullptr;
}

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool Contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

bool LooksLikeSalary(std::string_view s) {
  if (Contains(s, "面议")) return true;
  if (s.empty() || !(s[0] >= '0' && s[0] <= '9')) return false;
  return Contains(s, "千") || Contains(s, "万") || Contains(s, "元") || Contains(s, "k") || Contains(s, "K");
}

bool LooksLikeDate(std::string_view s) {
  auto digits = [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i)
      if (!(s[i] >= '0' && s[i] <= '9')) return false;
    return true;
  };
  if (s.size() == 5 && s[2] == '-' && digits(0, 2) && digits(3, 5)) return true;  // 04-20
  return s.size() >= 8 && digits(0, 4) && (s[4] == '-' || s[4] == '/' || StartsWith(s.substr(4), "年"));
}

bool LooksLikeSize(std::string_view s) {
  return EndsWith(s, "人") && (HasDigit(s) || Contains(s, "少于"));
}

bool LooksLikeCompanyType(std::string_view s) {
  static constexpr std::string_view kTypes[] = {"民营", "国企", "合资", "外资", "上市公司", "创业公司",
                                                "外企代表处", "事业单位", "非营利", "政府机关", "股份制"};
  for (auto t : kTypes)
    if (StartsWith(s, t)) return true;
  return false;
}

bool LooksLikeCompany(std::string_view s) {
  static constexpr std::string_view kEnds[] = {"公司", "集团", "厂", "中心", "研究院", "研究所", "医院",
                                               "学校", "事务所", "银行", "商行", "工作室", "店"};
  for (auto e : kEnds)
    if (EndsWith(s, e)) return true;
  return Contains(s, "有限公司");
}

bool LooksLikeCity(std::string_view s) {
  if (s.size() > 30 || HasDigit(s)) return false;
  return Contains(s, "-") || Contains(s, "·") || EndsWith(s, "区") || EndsWith(s, "市") || EndsWith(s, "县") ||
         s.size() <= 9;
}

bool LooksLikeBenefits(std::string_view s) {
  static constexpr std::string_view kWords[] = {"五险", "双休", "补贴", "年终", "旅游", "带薪", "奖金", "体检",
                                                "班车", "餐补", "包住", "节日"};
  for (auto w : kWords)
    if (Contains(s, w)) return true;
  return false;
}

bool LooksLikeIndustry(std::string_view s) {
  return !HasDigit(s) && s.size() <= 90 && (Contains(s, "/") || Contains(s, "(") || Contains(s, "（"));
}

// Recognises the columns of a file without a header from what its cells hold.
ColumnMap MapByContent(const std::vector<std::vector<std::string>>& rows) {
  size_t ncols = 0;
  for (const auto& r : rows) ncols = std::max(ncols, r.size());
  struct Score {
    double url = 0, salary = 0, date = 0, size = 0, type = 0, company = 0, city = 0, benefits = 0,
           industry = 0, mean_len = 0;
  };
  std::vector<Score> score(ncols);
  for (size_t c = 0; c < ncols; ++c) {
    size_t n = 0;
    Score& sc = score[c];
    for (const auto& r : rows) {
      if (c >= r.size()) continue;
      std::string_view v = TrimCell(r[c]);
      if (v.empty()) continue;
      ++n;
      sc.url += StartsWith(v, "http");
      sc.salary += LooksLikeSalary(v);
      sc.date += LooksLikeDate(v);
      sc.size += LooksLikeSize(v);
      sc.type += LooksLikeCompanyType(v);
      sc.company += LooksLikeCompany(v);
      sc.city += LooksLikeCity(v);
      sc.benefits += LooksLikeBenefits(v);
      sc.industry += LooksLikeIndustry(v);
      sc.mean_len += static_cast<double>(v.size());
    }
    if (n == 0) continue;
    for (double* p : {&sc.url, &sc.salary, &sc.date, &sc.size, &sc.type, &sc.company, &sc.city, &sc.benefits,
                      &sc.industry, &sc.mean_len})
      *p /= static_cast<double>(n);
  }
  ColumnMap map;
  map.has_header = false;
  map.detected_by = "content";
  std::vector<bool> used(ncols, false);
  auto take = [&](Field f, double Score::*member, double threshold) {
    int best = -1;
    double best_v = threshold;
    for (size_t c = 0; c < ncols; ++c) {
      if (used[c]) continue;
      if (score[c].*member >= best_v) {
        best_v = score[c].*member;
        best = static_cast<int>(c);
      }
    }
    if (best >= 0) {
      used[best] = true;
      map[f].column = best;
    }
  };
  // Columns to leave out first, then the most specific shapes.
  for (size_t c = 0; c < ncols; ++c)
    if (score[c].url >= 0.8 || score[c].type >= 0.8) used[c] = true;
  take(Field::kDate, &Score::date, 0.8);
  take(Field::kSalary, &Score::salary, 0.6);
  take(Field::kCompanySize, &Score::size, 0.6);
  // The description is the column with the longest cells, if long enough.
  {
    int best = -1;
    double best_len = 80;
    for (size_t c = 0; c < ncols; ++c)
      if (!used[c] && score[c].mean_len > best_len) {
        best_len = score[c].mean_len;
        best = static_cast<int>(c);
      }
    if (best >= 0) {
      used[best] = true;
      map[Field::kDescription].column = best;
    }
  }
  take(Field::kBenefits, &Score::benefits, 0.5);
  take(Field::kCompanyName, &Score::company, 0.5);
  take(Field::kCity, &Score::city, 0.8);
  take(Field::kCompanyIndus, &Score::industry, 0.5);
  // The title: the first remaining column of short text.
  for (size_t c = 0; c < ncols; ++c) {
    if (!used[c] && score[c].mean_len > 0 && score[c].mean_len < 80 && score[c].salary < 0.2) {
      used[c] = true;
      map[Field::kPosition].column = static_cast<int>(c);
      break;
    }
  }
  return map;
}

bool IsPlainNumber(std::string_view s) {
  size_t i = !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
  bool digit = false, dot = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') {
      digit = true;
    } else if (s[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digit;
}

// What a column's sampled cells look like. Mostly plain numbers (ids,
// flags, coordinates) or links say nothing of what a column means: such a
// column is never mapped by content, nor offered as a place a field may be.
struct CellShapes {
  size_t cells = 0, numbers = 0, urls = 0;
  void Add(std::string_view v) {
    ++cells;
    numbers += IsPlainNumber(v);
    urls += StartsWith(v, "http");
  }
  bool SaysNothing() const { return cells > 0 && (2 * numbers >= cells || 2 * urls >= cells); }
};

// The fields a column's cells can show, in the order they are sought: the
// most specific shapes first.
struct Judged {
  Field field;
  std::string_view what;
};
constexpr Judged kJudged[] = {
    {Field::kSalary, "a salary"},
    {Field::kCompanySize, "a company size"},
    {Field::kDate, "a date"},
    {Field::kExperience, "an experience requirement"},
    {Field::kDegree, "a degree"},
    {Field::kCity, "a city"},
    {Field::kCompanyIndus, "an industry"},
    {Field::kDescription, "a job description (long text with duties or requirements)"},
};
constexpr size_t kJudgedCount = std::size(kJudged);
// A column is taken for a field when this share of its non-empty sampled
// cells, and at least kContentMinCells of them, read as the field.
constexpr double kContentShare = 0.8;
constexpr size_t kContentMinCells = 5;

// Maps columns that no header name claimed to the fields still without a
// column, by what their sampled cells read as (see MapColumns).
void MapUnnamedColumns(size_t ncols, const std::vector<std::vector<std::string>>& rows, const CellJudge& judge,
                       std::vector<bool>& used, ColumnMap& map) {
  std::array<bool, kJudgedCount> wanted{};
  bool any = false;
  for (size_t j = 0; j < kJudgedCount; ++j) {
    Field f = kJudged[j].field;
    wanted[j] = !map[f].mapped() &&
                !(f == Field::kSalary && (map[Field::kSalaryMin].mapped() || map[Field::kSalaryMax].mapped()));
    any |= wanted[j];
  }
  if (!any) return;
  struct Column {
    CellShapes shapes;
    std::array<size_t, kJudgedCount> reads{};
  };
  std::vector<Column> cols(ncols);
  std::string scratch;
  for (size_t c = 0; c < ncols; ++c) {
    if (used[c]) continue;
    Column& col = cols[c];
    for (const auto& r : rows) {
      if (c >= r.size()) continue;
      std::string_view v = CleanCell(r[c], scratch);
      if (v.empty()) continue;
      col.shapes.Add(v);
      for (size_t j = 0; j < kJudgedCount; ++j)
        if (wanted[j]) col.reads[j] += judge.Reads(kJudged[j].field, v);
    }
  }
  for (size_t j = 0; j < kJudgedCount; ++j) {
    if (!wanted[j]) continue;
    int best = -1;
    double best_share = 0;
    for (size_t c = 0; c < ncols; ++c) {
      const Column& col = cols[c];
      if (used[c] || col.shapes.cells < kContentMinCells || col.shapes.SaysNothing()) continue;
      double share = static_cast<double>(col.reads[j]) / static_cast<double>(col.shapes.cells);
      if (share >= kContentShare && share > best_share) {
        best_share = share;
        best = static_cast<int>(c);
      }
    }
    if (best < 0) continue;
    Field f = kJudged[j].field;
    used[best] = true;
    map[f] = ColumnRef{best, CellPart::kWhole};
    map.evidence[static_cast<size_t>(f)] = std::to_string(cols[best].reads[j]) + " of " +
                                           std::to_string(cols[best].shapes.cells) + " sampled cells read as " +
                                           std::string(kJudged[j].what);
  }
}

// Maps the fields whose aliases name a column of `norm` (normalised
// headers), marking those columns used.
void MapByName(const HeaderAliases& aliases, const std::vector<std::string>& norm, std::vector<bool>* used,
               ColumnMap* map) {
  for (const auto& [field, names] : aliases.by_field) {
    for (const std::string& name : names) {
      auto it = std::find(norm.begin(), norm.end(), name);
      if (it == norm.end()) continue;
      size_t col = static_cast<size_t>(it - norm.begin());
      if ((*used)[col]) continue;
      (*used)[col] = true;
      (*map)[field].column = static_cast<int>(col);
      break;
    }
  }
  for (const std::string& name : aliases.company_info) {
    auto it = std::find(norm.begin(), norm.end(), name);
    if (it == norm.end() || (*used)[it - norm.begin()]) continue;
    int col = static_cast<int>(it - norm.begin());
    if (!(*map)[Field::kCompanySize].mapped()) (*map)[Field::kCompanySize] = {col, CellPart::kSizePart};
    if (!(*map)[Field::kCompanyIndus].mapped()) (*map)[Field::kCompanyIndus] = {col, CellPart::kIndustryPart};
  }
}

// The columns no field of `map` took, each with its first non-empty sampled
// value, cut to 24 characters; not those of numbers or links (CellShapes),
// which could hold no field.
std::vector<SpareColumn> SpareColumns(const std::vector<std::string>& header,
                                      const std::vector<std::vector<std::string>>& sample, const ColumnMap& map) {
  size_t width = header.size();
  for (const auto& row : sample) width = std::max(width, row.size());
  std::vector<bool> used(width, false);
  for (const ColumnRef& ref : map.field)
    if (ref.mapped() && static_cast<size_t>(ref.column) < width) used[ref.column] = true;
  std::vector<SpareColumn> out;
  std::string scratch;
  for (size_t c = 0; c < width; ++c) {
    if (used[c]) continue;
    SpareColumn s;
    s.name = map.has_header && c < header.size() ? std::string(TrimCell(header[c])) : "#" + std::to_string(c + 1);
    if (map.has_header && s.name.empty()) continue;  // an unnamed trailing column
    // Without a header row the first row is data too.
    CellShapes shapes;
    auto look = [&](const std::vector<std::string>& row) {
      if (c >= row.size()) return;
      std::string_view v = CleanCell(row[c], scratch);
      if (!v.empty()) shapes.Add(v);
      if (!s.sample.empty()) return;
      size_t end = 0;
      for (int chars = 0; end < v.size() && chars < 24; ++chars) {
        unsigned char b = static_cast<unsigned char>(v[end]);
        end += b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
      }
      s.sample = std::string(v.substr(0, std::min(end, v.size())));
      if (end < v.size()) s.sample += "…";
      for (char& ch : s.sample)
        if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
    };
    if (!map.has_header) look(header);
    for (const auto& row : sample) look(row);
    if (!shapes.SaysNothing()) out.push_back(std::move(s));
  }
  return out;
}

// Whether the first row of a file that content mapping read as having no
// header is data, not a header of names no alias knows: its own cells must
// have the shapes found in the columns below them.
bool FirstRowLooksLikeData(const std::vector<std::string>& first, const ColumnMap& by_content) {
  size_t shaped = 0, matching = 0;
  auto check = [&](Field f, bool (*looks)(std::string_view)) {
    const ColumnRef& ref = by_content[f];
    if (!ref.mapped()) return;
    ++shaped;
    if (static_cast<size_t>(ref.column) < first.size() && looks(TrimCell(first[ref.column]))) ++matching;
  };
  check(Field::kSalary, LooksLikeSalary);
  check(Field::kDate, LooksLikeDate);
  check(Field::kCompanySize, LooksLikeSize);
  check(Field::kDescription, [](std::string_view v) { return v.size() > 80; });
  return matching >= std::min<size_t>(shaped, 2);
}

double MedianNumeric(const std::vector<std::vector<std::string>>& rows, int col) {
  std::vector<double> v;
  for (const auto& r : rows) {
    if (col >= static_cast<int>(r.size())) continue;
    std::string s(TrimCell(r[col]));
    char* end = nullptr;
    double x = std::strtod(s.c_str(), &end);
    if (end != s.c_str() && x > 0) v.push_back(x);
  }
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

}  // namespace

std::string_view FieldName(Field f) { return kFields[static_cast<size_t>(f)].name; }
std::string_view FieldLabel(Field f) { return kFields[static_cast<size_t>(f)].label; }

StatusOr<Field> FieldFromName(std::string_view name) {
  std::string names;
  for (const auto& fi : kFields) {
    if (fi.name == name) return fi.field;
    names += (names.empty() ? "" : ", ") + std::string(fi.name);
  }
  return InvalidArgument("no field is called '" + std::string(name) + "' (the fields: " + names + ")");
}

size_t ColumnMap::MappedCount() const {
  return static_cast<size_t>(std::count_if(field.begin(), field.end(), [](const ColumnRef& r) { return r.mapped(); }));
}

std::vector<std::pair<Field, std::string>> NamedColumns(const std::vector<std::string>& header,
                                                        const HeaderAliases* aliases) {
  if (aliases == nullptr) aliases = AliasesOf({});
  if (aliases == nullptr) return {};
  std::vector<std::string> norm;
  for (const auto& h : header) norm.push_back(NormalizeHeader(h));
  std::vector<bool> used(header.size(), false);
  ColumnMap map;
  MapByName(*aliases, norm, &used, &map);
  std::vector<std::pair<Field, std::string>> out;
  for (size_t f = 0; f < kFieldCount; ++f)
    if (map.field[f].mapped())
      out.emplace_back(static_cast<Field>(f), std::string(TrimCell(header[map.field[f].column])));
  return out;
}

std::string_view JudgedAs(Field f) {
  for (const Judged& j : kJudged)
    if (j.field == f) return j.what;
  return {};
}

StatusOr<HeaderAliases> LoadHeaderAliases(const std::string& path) {
  HeaderAliases a;
  a.file = path;
  std::set<std::string> seen;
  Status st = ReadPairFile(
      path, "header aliases", "a field and a header name",
      [&](std::string_view field, std::string_view header, const std::string& where) {
        std::string name = NormalizeHeader(header);
        if (!seen.insert(name).second)
          return InvalidArgument(where + ": '" + name + "' is named already: a header means one field");
        if (field == "company_info") {
          a.company_info.push_back(std::move(name));
          return Status::Ok();
        }
        auto f = FieldFromName(field);
        if (!f.ok()) return InvalidArgument(where + ": " + f.status().message());
        auto it = std::find_if(a.by_field.begin(), a.by_field.end(), [&](const auto& e) { return e.first == *f; });
        if (it == a.by_field.end()) it = a.by_field.insert(a.by_field.end(), {*f, {}});
        it->second.push_back(std::move(name));
        return Status::Ok();
      });
  if (!st.ok()) return st;
  return a;
}

const StatusOr<std::shared_ptr<const HeaderAliases>>& ShippedHeaderAliases() {
  static const StatusOr<std::shared_ptr<const HeaderAliases>> kShipped =
      []() -> StatusOr<std::shared_ptr<const HeaderAliases>> {
    auto a = LoadHeaderAliases(DefaultDataDir() + "/header_aliases.tsv");
    if (!a.ok()) return a.status();
    return std::shared_ptr<const HeaderAliases>(std::make_shared<HeaderAliases>(std::move(*a)));
  }();
  return kShipped;
}

std::string NormalizeHeader(std::string_view h) {
  if (StartsWith(h, "\xEF\xBB\xBF")) h.remove_prefix(3);
  std::string out;
  for (char c : TrimCell(h)) {
    if (c == ' ' || c == '_' || c == '-' || c == '\t') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

StatusOr<ColumnMap> MapColumns(const std::vector<std::string>& header,
                               const std::vector<std::vector<std::string>>& sample,
                               const ColumnOverrides& overrides, const std::string& source,
                               const CellJudge* judge) {
  std::vector<std::string> norm;
  norm.reserve(header.size());
  for (const auto& h : header) norm.push_back(NormalizeHeader(h));

  const HeaderAliases* aliases = AliasesOf(overrides);
  if (aliases == nullptr) return ShippedHeaderAliases().status();
  ColumnMap map;
  map.detected_by = "header";
  std::vector<bool> used(header.size(), false);
  if (!overrides.no_header) MapByName(*aliases, norm, &used, &map);

  // Too little matched by name: maybe the first row is already data.
  if (overrides.no_header || map.MappedCount() < 2) {
    std::vector<std::vector<std::string>> rows;
    rows.push_back(header);
    rows.insert(rows.end(), sample.begin(), sample.end());
    ColumnMap by_content = MapByContent(rows);
    // Only shapes that header words never have count as evidence.
    size_t shaped = 0;
    for (Field f : {Field::kSalary, Field::kDate, Field::kCompanySize, Field::kDescription, Field::kCity})
      shaped += by_content[f].mapped();
    if (overrides.no_header || (shaped >= 3 && FirstRowLooksLikeData(header, by_content))) map = by_content;
  }
  // A headed file: columns no name claimed are judged by their cells.
  if (map.has_header && judge != nullptr) {
    for (const auto& [field, name] : overrides.by_field) {
      // A column the config names is not judged for another field.
      if (name.empty()) continue;
      auto it = std::find(norm.begin(), norm.end(), NormalizeHeader(name));
      if (it != norm.end()) used[it - norm.begin()] = true;
    }
    ColumnMap by_content = map;
    MapUnnamedColumns(header.size(), sample, *judge, used, by_content);
    // A file is taken for postings when a name or the config found its title
    // or description, or when its cells show a description beside a salary,
    // an experience or a degree, which only postings have: long text alone
    // never makes one of a company table.
    auto named = [&](Field f) { return map[f].mapped() || overrides.by_field.count(f) > 0; };
    bool job_only = by_content[Field::kSalary].mapped() || by_content[Field::kSalaryMin].mapped() ||
                    by_content[Field::kExperience].mapped() || by_content[Field::kDegree].mapped();
    bool postings = named(Field::kPosition) || named(Field::kDescription) ||
                    (by_content[Field::kDescription].mapped() && job_only);
    if (postings && by_content.MappedCount() > map.MappedCount()) {
      map = std::move(by_content);
      map.detected_by = "header+content";
    }
  }

  // Config overrides win over detection.
  for (const auto& [field, name] : overrides.by_field) {
    if (name.empty()) {
      map[field] = ColumnRef{};
      continue;
    }
    int col = -1;
    if (name[0] == '#') {
      col = std::atoi(name.c_str() + 1) - 1;
      if (col < 0) return InvalidArgument("config: column '" + name + "' for " + std::string(FieldName(field)) +
                                          ": column numbers start at #1");
    } else {
      std::string want = NormalizeHeader(name);
      auto it = std::find(norm.begin(), norm.end(), want);
      if (it == norm.end())
        return DataError(source + ": config maps " + std::string(FieldName(field)) + " to column '" + name +
                         "', which this file does not have");
      col = static_cast<int>(it - norm.begin());
    }
    map[field] = ColumnRef{col, CellPart::kWhole};
  }
  if (!overrides.by_field.empty()) {
    map.detected_by += "+config";
    for (const auto& [field, name] : overrides.by_field) map.evidence[static_cast<size_t>(field)].clear();
  }

  if (map.MappedCount() == 0 || (!map[Field::kPosition].mapped() && !map[Field::kDescription].mapped())) {
    // Columns of other posting fields without a title or a description: a
    // table of something else, such as companies, beside the postings.
    // A table of companies: an employer's name and facts, nothing of a job.
    std::string facts;
    bool companies = map.has_header && map[Field::kCompanyName].mapped();
    for (const auto& [field, column] : NamedColumns(header, aliases)) {
      bool company = field == Field::kCompanyName || field == Field::kCompanySize || field == Field::kCompanyIndus;
      bool neutral = field == Field::kId || field == Field::kDate || field == Field::kDateSeen ||
                     field == Field::kDateUpdated;
      companies &= company || neutral;
      if (company) facts += (facts.empty() ? "" : ", ") + std::string(FieldName(field)) + " '" + column + "'";
    }
    if (companies && overrides.by_field.empty())
      return DataError(source + ": a table of companies, not of postings (" + facts +
                       "; no title or description column): jobsift reads postings and does not join other tables to "
                       "them; to use its columns, join them into the postings' files by company name");
    std::string seen;
    for (size_t i = 0; i < header.size() && i < 40; ++i) {
      if (i) seen += ", ";
      // Headers of a file that is not text may be any bytes: show them
      // repaired and escaped, cut at 60 bytes.
      std::string repaired, shown;
      AppendRepairedUtf8(TrimCell(header[i]).substr(0, 60), repaired);
      AppendTsvEscaped(repaired, shown);
      seen += "'" + shown + "'";
    }
    return DataError(source + ": no recognisable posting columns (need at least a title or a description); "
                     "headers seen: [" + seen + "]; map them with a [columns] table in --config");
  }
  map.spare = SpareColumns(header, sample, map);

  if (map[Field::kSalaryMin].mapped() || map[Field::kSalaryMax].mapped()) {
    const std::string& unit = overrides.salary_numeric_unit;
    if (unit == "k") {
      map.salary_numeric_scale = 1000;
    } else if (unit == "wan") {
      map.salary_numeric_scale = 10000;
    } else if (unit == "yuan") {
      map.salary_numeric_scale = 1;
    } else {
      // Auto: monthly pay below 1000 only makes sense in thousands.
      int col = map[Field::kSalaryMax].mapped() ? map[Field::kSalaryMax].column : map[Field::kSalaryMin].column;
      double median = MedianNumeric(sample, col);
      map.salary_numeric_scale = (median > 0 && median < 500) ? 1000 : 1;
    }
  }
  return map;
}

}  // namespace jobsift

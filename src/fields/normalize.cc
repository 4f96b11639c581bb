#include "fields/normalize.h"

#include <cstdlib>
#include <cstring>
#include <vector>

#include "base/string_memo.h"

namespace jobsift {

std::string_view DerivedFieldName(DerivedField f) {
  switch (f) {
    case DerivedField::kSalary: return "salary";
    case DerivedField::kExperience: return "experience";
    case DerivedField::kDegree: return "degree";
    case DerivedField::kCompanySize: return "company_size";
    case DerivedField::kDate: return "date";
    case DerivedField::kCity: return "city";
    case DerivedField::kIndustry: return "industry";
    case DerivedField::kCount: break;
  }
  return "";
}

std::string_view DateSourceName(DateSource s) {
  switch (s) {
    case DateSource::kNone: return "none";
    case DateSource::kPublished: return "published";
    case DateSource::kFirstSeen: return "first_seen";
    case DateSource::kUpdated: return "updated";
    case DateSource::kAfterSeen: return "after_seen";
    case DateSource::kCount: break;
  }
  return "none";
}

DateSource DateSourceOf(const Parsed<Date>& date) {
  if (!date.ok()) return DateSource::kNone;
  if (date.rule == "date.from_seen") return DateSource::kFirstSeen;
  if (date.rule == "date.from_updated") return DateSource::kUpdated;
  if (date.rule == "date.after_seen") return DateSource::kAfterSeen;
  return DateSource::kPublished;
}

Unknown DerivedFields::ReasonOf(DerivedField f) const {
  switch (f) {
    case DerivedField::kSalary: return salary.reason;
    case DerivedField::kExperience: return experience.reason;
    case DerivedField::kDegree: return degree.reason;
    case DerivedField::kCompanySize: return company_size.reason;
    case DerivedField::kDate: return date.reason;
    case DerivedField::kCity: return city.reason;
    case DerivedField::kIndustry: return industry.reason;
    case DerivedField::kCount: break;
  }
  return Unknown::kMissing;
}

std::string_view DerivedFields::RuleOf(DerivedField f) const {
  switch (f) {
    case DerivedField::kSalary: return salary.rule;
    case DerivedField::kExperience: return experience.rule;
    case DerivedField::kDegree: return degree.rule;
    case DerivedField::kCompanySize: return company_size.rule;
    case DerivedField::kDate: return date.rule;
    case DerivedField::kCity: return city.rule;
    case DerivedField::kIndustry: return industry.rule;
    case DerivedField::kCount: break;
  }
  return {};
}

StatusOr<std::unique_ptr<FieldNormalizer>> FieldNormalizer::Load(const FieldOptions& options) {
  FieldOptions o = options;
  if (o.data_dir.empty()) o.data_dir = DefaultDataDir();
  auto path = [&](std::string& p, const char* name) {
    if (p.empty()) p = o.data_dir + "/" + name;
  };
  path(o.degrees_path, "degrees.tsv");
  path(o.cities_path, "cities.tsv");
  path(o.industries_path, "industries.tsv");
  path(o.industry_aliases_path, "industry_aliases.tsv");
  auto degrees = DegreeTable::Load(o.degrees_path);
  if (!degrees.ok()) return degrees.status();
  auto cities = CityTable::Load(o.cities_path);
  if (!cities.ok()) return cities.status();
  auto industries = IndustryTable::Load(o.industries_path, o.industry_aliases_path);
  if (!industries.ok()) return industries.status();
  return std::unique_ptr<FieldNormalizer>(
      new FieldNormalizer(std::move(o), std::move(*degrees), std::move(*cities), std::move(*industries)));
}

// The last parse of each string (2,048 slots, strings up to 40 bytes).
template <class T>
using ParseCache = StringMemo<Parsed<T>>;

struct FieldMemo::Tables {
  ParseCache<Salary> salary;
  ParseCache<ExperienceBand> experience;
  ParseCache<DegreeLevel> degree;
  ParseCache<CompanySizeBand> company_size;
  ParseCache<CityInfo> city;
  ParseCache<std::string_view> industry;
};

FieldMemo::FieldMemo() : tables_(std::make_unique<Tables>()) {}
FieldMemo::~FieldMemo() = default;

void FieldNormalizer::Normalize(const Posting& p, DerivedFields* out, FieldMemo* memo) const {
  if (memo != nullptr && memo->owner_ != this) {
    // A memo filled by another normalizer (other tables or conventions)
    // starts again.
    memo->tables_ = std::make_unique<FieldMemo::Tables>();
    memo->owner_ = this;
  }
  FieldMemo::Tables* m = memo != nullptr ? memo->tables_.get() : nullptr;
  // A field's parse, through its memo table when there is a memo.
  auto parse = [m](auto table, std::string_view raw, auto parser) {
    return m != nullptr ? (m->*table).Get(raw, parser) : parser(raw);
  };
  auto salary_of = [&](std::string_view s) { return ParseSalary(s, options_.salary); };
  auto degree_of = [&](std::string_view s) { return degrees_.Parse(s); };
  auto city_of = [&](std::string_view s) { return cities_.Resolve(s); };
  auto industry_of = [&](std::string_view s) { return industries_.Resolve(s); };
  using T = FieldMemo::Tables;

  std::string_view salary = p[Field::kSalary];
  if (!salary.empty() || (p[Field::kSalaryMin].empty() && p[Field::kSalaryMax].empty())) {
    out->salary = parse(&T::salary, salary, salary_of);
  } else {
    out->salary = SalaryFromNumbers(p[Field::kSalaryMin], p[Field::kSalaryMax], p[Field::kSalaryMonths],
                                    p.salary_scale, options_.salary);
  }
  if (out->salary.ok() && out->salary.value.unit != PayUnit::kMonth && IsPiecePay(p)) {
    // Numeric columns only give the numbers: 6 ~ 10 re-read as hourly pay
    // is 6-10 yuan an order when the posting says it pays per order.
    out->salary = Parsed<Salary>::Fail(Unknown::kPieceRate, "salary.numbers_piece_rate");
  }
  std::string_view experience = p[Field::kExperience];
  out->experience = parse(&T::experience, experience, ParseExperience);
  out->degree = parse(&T::degree, p[Field::kDegree], degree_of);
  if (out->experience.reason == Unknown::kNotThisField) {
    // 51job's column shift: with no experience requirement the degree moves
    // into the experience column (and a language requirement into the
    // degree column). The degree is then the one in the experience column,
    // and the posting states no experience requirement.
    Parsed<DegreeLevel> shifted = parse(&T::degree, experience, degree_of);
    if (shifted.ok()) {
      out->degree = Parsed<DegreeLevel>::Of(shifted.value, "degree.from_experience_column");
      out->experience = Parsed<ExperienceBand>::Of(ExperienceBand::kAny, "experience.column_shift");
    }
  }
  out->company_size = parse(&T::company_size, p[Field::kCompanySize], ParseCompanySize);
  out->date = ResolveDate(p);
  out->city = parse(&T::city, p[Field::kCity], city_of);
  out->industry = parse(&T::industry, p[Field::kCompanyIndus], industry_of);
}

bool FieldNormalizer::IsPiecePay(const Posting& p) {
  if (p[Field::kSalary].find_first_not_of(" ") != std::string_view::npos) return false;  // a posted string says its unit
  static constexpr std::string_view kCourier[] = {"骑手", "送餐", "配送员", "外卖", "跑腿", "快递员"};
  // Not 按单 or 一单一结: gigs scheduled or settled per order may pay by the hour.
  static constexpr std::string_view kPerPiece[] = {"元/单", "块/单", "元一单", "块一单", "元每单",
                                                   "块每单", "每单",  "计件",   "元/件",   "块/件"};
  auto any = [](std::string_view text, const auto& words) {
    for (std::string_view w : words)
      if (text.find(w) != std::string_view::npos) return true;
    return false;
  };
  return any(p[Field::kPosition], kCourier) || any(p[Field::kPosition], kPerPiece) ||
         any(p[Field::kDescription], kPerPiece);
}

Parsed<Date> FieldNormalizer::ResolveDate(const Posting& p) const {
  const DateContext& ctx = options_.date;
  std::string_view raw_seen = p[Field::kDateSeen], raw_updated = p[Field::kDateUpdated];
  if (raw_seen.empty() && raw_updated.empty()) return ParseDate(p[Field::kDate], ctx);
  Parsed<Date> seen = ParseDate(raw_seen, ctx);
  Parsed<Date> updated = ParseDate(raw_updated, ctx);
  // The earliest day the posting was seen on bounds its publish date.
  std::optional<Date> bound;
  if (seen.ok()) bound = seen.value;
  if (updated.ok() && (!bound || updated.value < *bound)) bound = updated.value;
  Parsed<Date> published = ParseDate(p[Field::kDate], ctx);
  if (published.reason == Unknown::kNeedsReference && bound) {
    // 04-20, 3天前: read against the day the posting was seen.
    DateContext seen_ctx = ctx;
    seen_ctx.reference = *bound;
    published = ParseDate(p[Field::kDate], seen_ctx);
  }
  if (published.ok() && !(bound && published.value > *bound)) return published;
  const bool after_seen = published.ok();
  if (seen.ok()) return Parsed<Date>::Of(seen.value, after_seen ? "date.after_seen" : "date.from_seen");
  if (updated.ok()) return Parsed<Date>::Of(updated.value, after_seen ? "date.after_seen" : "date.from_updated");
  // Nothing to fall back on: the first column that says more than "missing".
  for (const Parsed<Date>* d : {&published, &seen, &updated})
    if (d->reason != Unknown::kMissing) return *d;
  return published;
}

bool FieldNormalizer::Reads(Field field, std::string_view cell) const {
  switch (field) {
    case Field::kSalary: {
      Parsed<Salary> s = ParseSalary(cell, options_.salary);
      return s.ok() || s.reason == Unknown::kNegotiable;
    }
    case Field::kDate:
    case Field::kDateSeen:
    case Field::kDateUpdated: {
      Parsed<Date> d = ParseDate(cell, options_.date);
      return d.ok() || d.reason == Unknown::kNeedsReference || d.reason == Unknown::kPlaceholder;
    }
    case Field::kCompanySize: return ParseCompanySize(cell).ok();
    case Field::kExperience: return ParseExperience(cell).ok();
    case Field::kDegree: return degrees_.Parse(cell).ok();
    case Field::kCity: {
      Parsed<CityInfo> c = cities_.Resolve(cell);
      return c.ok() || c.reason == Unknown::kAmbiguous;
    }
    case Field::kCompanyIndus: return industries_.Resolve(cell).ok();
    case Field::kDescription: {
      if (cell.size() < 60) return false;
      for (std::string_view word : {"职责", "要求", "任职", "工作内容", "负责", "岗位", "熟悉", "经验", "能力"})
        if (cell.find(word) != std::string_view::npos) return true;
      return false;
    }
    default: return false;
  }
}

std::string_view FieldNormalizer::RawOf(const Posting& p, DerivedField f, std::string& scratch) {
  switch (f) {
    case DerivedField::kSalary:
      if (!p[Field::kSalary].empty() || (p[Field::kSalaryMin].empty() && p[Field::kSalaryMax].empty()))
        return p[Field::kSalary];
      scratch.assign(p[Field::kSalaryMin]);
      scratch += " ~ ";
      scratch += p[Field::kSalaryMax];
      if (!p[Field::kSalaryMonths].empty()) {
        scratch += " × ";
        scratch += p[Field::kSalaryMonths];
      }
      return scratch;
    case DerivedField::kExperience: return p[Field::kExperience];
    case DerivedField::kDegree: return p[Field::kDegree];
    case DerivedField::kCompanySize: return p[Field::kCompanySize];
    case DerivedField::kDate:
      // The first date column that holds something (the date falls back
      // along them).
      for (Field f : {Field::kDate, Field::kDateSeen, Field::kDateUpdated})
        if (!p[f].empty()) return p[f];
      return {};
    case DerivedField::kCity: return p[Field::kCity];
    case DerivedField::kIndustry: return p[Field::kCompanyIndus];
    case DerivedField::kCount: break;
  }
  return {};
}

}  // namespace jobsift

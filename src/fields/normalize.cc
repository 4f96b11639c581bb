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

std::string DefaultDataDir() {
  const char* env = std::getenv("JOBSIFT_DATA_DIR");
  if (env != nullptr && *env != '\0') return env;
  return JOBSIFT_DATA_DIR;
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
  out->date = ParseDate(p[Field::kDate], options_.date);
  out->city = parse(&T::city, p[Field::kCity], city_of);
  out->industry = parse(&T::industry, p[Field::kCompanyIndus], industry_of);
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
    case DerivedField::kDate: return p[Field::kDate];
    case DerivedField::kCity: return p[Field::kCity];
    case DerivedField::kIndustry: return p[Field::kCompanyIndus];
    case DerivedField::kCount: break;
  }
  return {};
}

}  // namespace jobsift

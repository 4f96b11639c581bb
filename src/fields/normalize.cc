#include "fields/normalize.h"

#include <cstdlib>

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

void FieldNormalizer::Normalize(const Posting& p, DerivedFields* out) const {
  std::string_view salary = p[Field::kSalary];
  if (!salary.empty() || (p[Field::kSalaryMin].empty() && p[Field::kSalaryMax].empty())) {
    out->salary = ParseSalary(salary, options_.salary);
  } else {
    out->salary = SalaryFromNumbers(p[Field::kSalaryMin], p[Field::kSalaryMax], p[Field::kSalaryMonths],
                                    p.salary_scale, options_.salary);
  }
  out->experience = ParseExperience(p[Field::kExperience]);
  out->degree = degrees_.Parse(p[Field::kDegree]);
  if (out->experience.reason == Unknown::kNotThisField) {
    // 51job's column shift: with no experience requirement the degree moves
    // into the experience column (and a language requirement into the
    // degree column). The degree is then the one in the experience column,
    // and the posting states no experience requirement.
    Parsed<DegreeLevel> shifted = degrees_.Parse(p[Field::kExperience]);
    if (shifted.ok()) {
      out->degree = Parsed<DegreeLevel>::Of(shifted.value, "degree.from_experience_column");
      out->experience = Parsed<ExperienceBand>::Of(ExperienceBand::kAny, "experience.column_shift");
    }
  }
  out->company_size = ParseCompanySize(p[Field::kCompanySize]);
  out->date = ParseDate(p[Field::kDate], options_.date);
  out->city = cities_.Resolve(p[Field::kCity]);
  out->industry = industries_.Resolve(p[Field::kCompanyIndus]);
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

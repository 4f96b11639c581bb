// Every derived field of a posting (SPEC §2, except the lexicon ones) from
// its cleaned raw strings: salary, experience, degree, company size, date,
// city and industry. FieldNormalizer loads the data tables once at start-up
// and is then immutable and thread-safe; Normalize is a pure function of the
// Posting.
//
// Not for: the AI flag and skills (lexicons), counting (pipeline, aggregate).
#ifndef JOBSIFT_FIELDS_NORMALIZE_H_
#define JOBSIFT_FIELDS_NORMALIZE_H_

#include <array>
#include <memory>
#include <string>
#include <string_view>

#include "base/data_dir.h"
#include "fields/city.h"
#include "fields/company_size.h"
#include "fields/date.h"
#include "fields/degree.h"
#include "fields/experience.h"
#include "fields/industry.h"
#include "fields/parsed.h"
#include "fields/salary.h"
#include "jobsift/status.h"
#include "schema/posting.h"

namespace jobsift {

enum class DerivedField : uint8_t { kSalary, kExperience, kDegree, kCompanySize, kDate, kCity, kIndustry, kCount };
inline constexpr size_t kDerivedFieldCount = static_cast<size_t>(DerivedField::kCount);
std::string_view DerivedFieldName(DerivedField f);  // "salary", "company_size", …

// Where the tables come from and the conventions the parsers use. Paths left
// empty resolve to `data_dir`/<default name>.
struct FieldOptions {
  std::string data_dir;  // "" = $JOBSIFT_DATA_DIR, else the build's data/
  std::string degrees_path;
  std::string cities_path;
  std::string industries_path;
  std::string industry_aliases_path;
  SalaryConventions salary;
  DateContext date;
};

// Which column a posting's date came from (FieldNormalizer::ResolveDate).
enum class DateSource : uint8_t {
  kNone,       // no date
  kPublished,  // the publish date
  kFirstSeen,  // no usable publish date: the first-seen date
  kUpdated,    // neither: the update date
  kAfterSeen,  // the publish date was later than a day seen: that day
  kCount
};
inline constexpr size_t kDateSourceCount = static_cast<size_t>(DateSource::kCount);
std::string_view DateSourceName(DateSource s);  // "published", "first_seen", ...
DateSource DateSourceOf(const Parsed<Date>& date);

struct DerivedFields {
  Parsed<Salary> salary;
  Parsed<ExperienceBand> experience;
  Parsed<DegreeLevel> degree;
  Parsed<CompanySizeBand> company_size;
  Parsed<Date> date;
  Parsed<CityInfo> city;
  Parsed<std::string_view> industry;

  Unknown ReasonOf(DerivedField f) const;
  std::string_view RuleOf(DerivedField f) const;
};

class FieldNormalizer;

// A memo of one FieldNormalizer's parsers for one thread: job sites print
// the same few thousand salary, experience, degree, size, city and industry
// strings over millions of postings, and looking a string up costs less
// than parsing it again (city resolution most of all). Each field keeps the
// last result per slot of a direct-mapped table; strings longer than a slot
// holds are parsed every time. Dates are not memoised: with times of day
// they rarely repeat. Results are identical with or without a memo. A memo
// used with another normalizer starts again; it must not outlive the
// normalizer it is used with (it knows it by address).
class FieldMemo {
 public:
  FieldMemo();
  ~FieldMemo();
  FieldMemo(const FieldMemo&) = delete;
  FieldMemo& operator=(const FieldMemo&) = delete;

 private:
  friend class FieldNormalizer;
  struct Tables;
  std::unique_ptr<Tables> tables_;
  const FieldNormalizer* owner_ = nullptr;  // the normalizer it memoises
};

class FieldNormalizer : public CellJudge {
 public:
  static StatusOr<std::unique_ptr<FieldNormalizer>> Load(const FieldOptions& options);

  // CellJudge, for mapping columns by what they hold: whether `cell` parses
  // as `field` (salary: a value, or negotiable, with a unit or word beside
  // the digits; date: any calendar form, year-less or placeholder included;
  // city: a city or a province; description: 60 bytes or more naming duties
  // or requirements). False for fields content cannot identify.
  bool Reads(Field field, std::string_view cell) const override;

  // Parses every field. One repair crosses fields: when the experience
  // column holds a degree (51job's column shift), the degree is read from it
  // and experience is 不限/未注明 (rules degree.from_experience_column and
  // experience.column_shift).
  // With a memo (one per thread), repeated strings are looked up, not
  // parsed again; the result is the same.
  void Normalize(const Posting& p, DerivedFields* out, FieldMemo* memo = nullptr) const;

  // Whether a posting whose pay comes from numeric columns says it pays per
  // order or piece (a courier's title, 元/单 or 计件 in the title or
  // description): small numbers re-read as hourly or daily pay are then
  // unknown (kPieceRate, rule salary.numbers_piece_rate).
  static bool IsPiecePay(const Posting& p);

  // The date of a posting: its publish date (kDate), unless that is unknown
  // or later than a day the posting was seen on (kDateSeen, kDateUpdated);
  // then the first-seen date, else the update date. A year-less or relative
  // publish date ("04-20", "3天前") is read against the earliest day seen
  // when the options give no reference. Rules: the publish date's own
  // (date.ymd, ...), "date.after_seen" (the publish date was later than a
  // day seen: the fallback is used), "date.from_seen", "date.from_updated".
  Parsed<Date> ResolveDate(const Posting& p) const;

  // The raw text behind a derived field, as shown in profiles and rejects of
  // parsing: the posted string, or "min ~ max × months" for numeric salary
  // columns. Written to `scratch` when it must be assembled.
  static std::string_view RawOf(const Posting& p, DerivedField f, std::string& scratch);

  const CityTable& cities() const { return cities_; }
  const IndustryTable& industries() const { return industries_; }
  const FieldOptions& options() const { return options_; }

 private:
  FieldNormalizer(FieldOptions o, DegreeTable d, CityTable c, IndustryTable i)
      : options_(std::move(o)), degrees_(std::move(d)), cities_(std::move(c)), industries_(std::move(i)) {}
  FieldOptions options_;
  DegreeTable degrees_;
  CityTable cities_;
  IndustryTable industries_;
};

}  // namespace jobsift

#endif  // JOBSIFT_FIELDS_NORMALIZE_H_

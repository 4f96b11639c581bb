// The aggregation cube: counts of postings by quarter × city × industry ×
// degree × company size × experience × AI flag, with exact salary sums, from
// which the analysis tables of SPEC §3 derive without rescanning, for any
// one period. It is kept as the projections they need: quarter × city × X
// and quarter × industry × X (X every other dimension) × AI flag. Their size
// is bounded by the number of distinct values (cities, industries …), never
// by the number of postings, which the full six-dimensional product is not
// (it grew to ~1M cells at 1M postings, most of them holding one posting).
// Tables for one city or one industry come from a cube filtered as postings
// enter it (set_filter): from the input, or from a state file without
// reading the input again (jobsift merge --city/--industry).
// Dimension values are interned names; ids are assigned in input order by
// the single thread that adds postings, so the cube is identical for any
// --threads. Exact duplicates (same normalised company, title, city and
// description within a half-year) are found before (DedupIndex) and only
// counted here.
//
// Not for: parsing (fields/, lexicon/) or writing tables (report/).
#ifndef JOBSIFT_AGGREGATE_CUBE_H_
#define JOBSIFT_AGGREGATE_CUBE_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/bytes.h"
#include "base/id_array_map.h"

namespace jobsift {

// Interned names of one dimension; id 0 is "unknown". Looked up once per
// posting and dimension by the thread that fills the cube, so the table is
// flat (open addressing over ids, power-of-two size, at most half full),
// hashed by HashBytes.
class Dictionary {
 public:
  Dictionary() { names_.push_back(""); }
  uint32_t Id(std::string_view name);
  // The same for a name whose bytes stay where they are while the
  // dictionary lives (a field table's name, a lexicon term): after the
  // first time it is found by its address and length, without hashing or
  // comparing the bytes.
  uint32_t IdOfStable(std::string_view name);
  // The id of a stable name seen before, else 0; adds nothing.
  uint32_t FindStable(std::string_view name) const;
  const std::string& Name(uint32_t id) const { return names_[id]; }
  size_t size() const { return names_.size(); }

 private:
  void Grow();
  void GrowStable();
  // Where a stable name is, or the empty slot where it would go.
  size_t StableSlot(std::string_view name) const;

  std::vector<std::string> names_;
  std::vector<uint32_t> slots_;  // id, or 0 for an empty slot
  // Stable names seen, by address (open addressing, at most half full).
  struct Stable {
    const char* data = nullptr;
    size_t size = 0;
    uint32_t id = 0;
  };
  std::vector<Stable> stable_;
  size_t stable_count_ = 0;
};

enum class Dim : uint8_t { kQuarter, kCity, kIndustry, kDegree, kSize, kExperience, kCount };
inline constexpr size_t kDimCount = static_cast<size_t>(Dim::kCount);

// One posting as the cube sees it: a name per dimension ("" = unknown), the
// AI flag, and the annual salary in yuan when known.
struct CubeRecord {
  std::array<std::string_view, kDimCount> dim{};
  bool ai = false;
  bool has_salary = false;
  uint64_t annual_salary = 0;
  // AI postings only: the skill/benefit groups mentioned, as
  // "domain|category|group" (and "domain|category|" for a hard category),
  // and the distinct AI terms, each once.
  std::vector<std::string_view> groups;
  std::vector<std::string_view> ai_terms;
  // Every name above stays where it is while the cube lives, so the cube
  // may know it by its address (Dictionary::IdOfStable).
  bool stable_names = false;
};

// Postings per salary bin over the bins' range only, [first, first +
// counts.size()): salaries start some 300 bins above bin 0, and a vector
// from 0 held mostly zeros.
struct SalaryHistogram {
  uint16_t first = 0;
  std::vector<uint64_t> counts;

  void Add(uint16_t bin);
};

struct CubeCell {
  uint64_t postings = 0;
  uint64_t salary_n = 0;
  uint64_t salary_sum = 0;  // yuan, exact

  // One posting, with its annual salary when it has one.
  void Count(bool has_salary, uint64_t annual) {
    ++postings;
    if (has_salary) {
      ++salary_n;
      salary_sum += annual;
    }
  }
  void Add(const CubeCell& o) {
    postings += o.postings;
    salary_n += o.salary_n;
    salary_sum += o.salary_sum;
  }
};

// A report's scope: postings of one city and/or one industry (canonical
// names; "" = any).
struct CubeFilter {
  std::string city;
  std::string industry;
  bool empty() const { return city.empty() && industry.empty(); }
};

class Cube {
 public:
  enum class AddResult : uint8_t {
    kAdded,
    kDuplicate,  // repeats an earlier posting of the same half-year
    kOutside,    // not in the filter's scope (a duplicate or not)
  };
  // Only postings within `filter` are counted. The caller finds duplicates
  // among all postings first (DedupIndex), so a filtered cube holds exactly
  // the unfiltered cube's postings of that city or industry.
  void set_filter(CubeFilter filter) { filter_ = std::move(filter); }
  const CubeFilter& filter() const { return filter_; }

  // Adds one posting (kAdded), unless it lies outside the filter.
  AddResult Add(const CubeRecord& r);
  // Starts loading the cells Add(r) will update, for a caller that knows
  // its next records a few ahead: the cells are spread over megabytes.
  // Only for stable names already seen; changes nothing.
  void Prefetch(const CubeRecord& r) const;
  // Counts a posting found to repeat an earlier one of its half-year as
  // removed (kDuplicate), unless it lies outside the filter.
  AddResult AddDuplicate(const CubeRecord& r);

  const Dictionary& dict(Dim d) const { return dicts_[static_cast<size_t>(d)]; }
  // The projections kept: (quarter, a, b, AI) for each pair (a, b).
  static constexpr std::array<std::pair<Dim, Dim>, 7> kProjections = {
      {{Dim::kCity, Dim::kIndustry},
       {Dim::kCity, Dim::kDegree},
       {Dim::kCity, Dim::kSize},
       {Dim::kCity, Dim::kExperience},
       {Dim::kIndustry, Dim::kDegree},
       {Dim::kIndustry, Dim::kSize},
       {Dim::kIndustry, Dim::kExperience}}};
  // Duplicates removed within the filter, by half-year label ("" = unknown
  // date).
  const std::map<std::string, uint64_t>& duplicates_removed() const { return duplicates_; }

  // AI postings by (quarter, industry, group) and by (quarter, city, group)
  // ids; group names in dict_groups().
  const IdArrayMap<3, uint64_t>& skills_by_industry() const { return skills_by_industry_; }
  const IdArrayMap<3, uint64_t>& skills_by_city() const { return skills_by_city_; }
  const Dictionary& dict_groups() const { return groups_; }
  // AI postings by (quarter, term) and by (quarter, term a, term b), a < b.
  const IdArrayMap<2, uint64_t>& terms() const { return terms_; }
  const IdArrayMap<3, uint64_t>& pairs() const { return pairs_; }
  const Dictionary& dict_terms() const { return term_names_; }

  // Postings by annual salary in bins 1% wide (log scale): one histogram
  // per (quarter, dimension, value, AI), where the dimension is kIndustry,
  // kCity or kDegree, or kCount for all postings: what medians need, bounded
  // by the number of values and bins, not of postings.
  const IdArrayMap<4, SalaryHistogram>& salary_bins() const { return salary_bins_; }
  static uint16_t SalaryBin(uint64_t annual_yuan);
  static double SalaryBinMid(uint16_t bin);

  // Sums cells over the dimensions not kept, ordered by names, then AI.
  // `keep` lists the dimensions of the result (in order); the AI flag is
  // always kept as the last key part. `keep` must lie within one projection:
  // the quarter and at most one dimension besides city or industry (a
  // programming error otherwise). With `half` ("2024H1"), only the quarters
  // of that half-year are read: what a single-period table needs, without
  // the other periods' cells.
  struct Marginal {
    std::vector<std::string> names;  // one name per kept dimension
    bool ai;
    CubeCell cell;
  };
  std::vector<Marginal> Collapse(const std::vector<Dim>& keep, std::string_view half = {}) const;

  // Adds the counts of `other`, a cube of other postings with the same
  // filter: the cube of both parts' postings. Names are matched by name, so
  // the parts' ids need not agree; the tables read a cube by names, so they
  // are the same as one cube filled with every posting (a partial report's
  // reduction, docs/distributed.md).
  void MergeFrom(const Cube& other);
  // Takes back what Add(r) counted (a posting found afterwards to repeat
  // another): false, and nothing changes, when r lies outside the filter.
  // Then DropEmpty leaves no cell a posting of its own would not make, so
  // the cube is the one Add would have filled without r.
  bool Subtract(const CubeRecord& r);
  void DropEmpty();
  // The cube as bytes (names, then every cell), and back into an empty
  // cube; Load is false for damaged bytes.
  void Save(ByteWriter& out) const;
  bool Load(ByteReader& in);
  // Whether each quarter id lies in `half` ("2024H1"); all of them for "".
  std::vector<bool> QuartersIn(std::string_view half) const;

 private:
  // A posting's dimension ids, then its AI flag (0/1).
  using PostingKey = std::array<uint32_t, kDimCount + 1>;
  // Its key in projection p: (quarter, a, b, AI).
  static std::array<uint32_t, 4> ProjectionKey(size_t p, const PostingKey& key);
  // Its salary histograms' keys: all postings, then its industry, city and
  // degree, each (quarter, dimension, value, AI).
  static std::array<std::array<uint32_t, 4>, 4> SalaryKeys(const PostingKey& key);
  bool Inside(const CubeRecord& r) const;

  CubeFilter filter_;
  std::array<Dictionary, kDimCount> dicts_;
  std::array<IdArrayMap<4, CubeCell>, kProjections.size()> projections_;
  std::map<std::string, uint64_t> duplicates_;
  Dictionary groups_;
  IdArrayMap<3, uint64_t> skills_by_industry_, skills_by_city_;
  Dictionary term_names_;
  IdArrayMap<2, uint64_t> terms_;
  IdArrayMap<3, uint64_t> pairs_;
  IdArrayMap<4, SalaryHistogram> salary_bins_;
};

// Half-year label of a quarter label: "2024Q3" -> "2024H2"; "" for "".
std::string HalfOfQuarter(std::string_view quarter);

// A 64-bit hash of the parts (each part's length mixed in after it); never 0.
uint64_t Fingerprint(std::initializer_list<std::string_view> parts);

}  // namespace jobsift

#endif  // JOBSIFT_AGGREGATE_CUBE_H_

// jobsift/views.h: state files held in memory as compact postings, and the
// report of any slice of them, counted as `jobsift merge` counts.
#include "jobsift/views.h"

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <unordered_map>

#include "aggregate/contribution.h"
#include "aggregate/fingerprint_set.h"
#include "aggregate/state.h"
#include "api/report_build.h"
#include "api/run_setup.h"
#include "base/parallel.h"

namespace jobsift {
namespace {

// Interned names of one kind. A name's bytes never move (a deque does not
// move its elements), so a cube may know them by address (stable names).
class Names {
 public:
  uint32_t Id(std::string_view name) {
    auto it = ids_.find(name);
    if (it != ids_.end()) return it->second;
    uint32_t id = static_cast<uint32_t>(names_.size());
    ids_.emplace(names_.emplace_back(name), id);
    return id;
  }
  // The id of a name seen, else -1.
  int64_t Find(std::string_view name) const {
    auto it = ids_.find(name);
    return it == ids_.end() ? int64_t{-1} : int64_t{it->second};
  }
  std::string_view Name(uint32_t id) const { return names_[id]; }
  size_t size() const { return names_.size(); }

 private:
  std::deque<std::string> names_;
  std::unordered_map<std::string_view, uint32_t> ids_;
};

// One loaded posting: a Contribution with its names as ids.
struct Held {
  std::array<uint32_t, kDimCount> dim{};
  uint64_t annual = 0;
  // Where its skill groups and AI terms are in the pool (AI postings only;
  // kNoTerms for others): their counts, then the group ids, then the term ids.
  uint64_t first = 0;
  std::array<Unknown, kDerivedFieldCount> reasons{};
  DateSource date_source = DateSource::kNone;
  AiCategory category = AiCategory::kNone;
  bool ai = false, has_salary = false, any_ai_term = false, duplicate = false;
};

constexpr uint64_t kNoTerms = UINT64_MAX;
constexpr size_t kCity = static_cast<size_t>(Dim::kCity);
constexpr size_t kQuarter = static_cast<size_t>(Dim::kQuarter);

bool IsQuarter(std::string_view q) {
  return q.size() == 6 && std::all_of(q.begin(), q.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }) &&
         q[4] == 'Q' && q[5] >= '1' && q[5] <= '4';
}

}  // namespace

struct LoadedRun::Impl {
  Lexicon lex;
  StateSeries series;  // the states' AI flag, dedup, salary conventions and reads
  std::vector<std::string> states;

  std::array<Names, kDimCount> dims;
  Names groups, terms, provinces, tiers;
  std::vector<uint32_t> pool;
  std::vector<Held> postings;
  uint64_t duplicates = 0;
  // By city id: its province and tier ids (0: none, the unknown city's).
  std::vector<uint32_t> province_of, tier_of;

  std::map<std::string, std::vector<std::string>, std::less<>> values;  // by facet
  std::vector<Definition> definitions;
  std::vector<AiDefinition> rules;  // definitions[i]'s rule

  void Keep(const Contribution& c, bool duplicate);
  void Describe(const FieldNormalizer& fields, const AiDefinition& own);
};

void LoadedRun::Impl::Keep(const Contribution& c, bool duplicate) {
  Held& p = postings.emplace_back();
  for (size_t d = 0; d < kDimCount; ++d) p.dim[d] = dims[d].Id(c.dim[d]);
  p.annual = c.annual;
  p.first = kNoTerms;
  if (!c.groups.empty() || !c.ai_terms.empty()) {  // a posting's lists are far shorter than 2^32
    p.first = pool.size();
    pool.push_back(static_cast<uint32_t>(c.groups.size()));
    pool.push_back(static_cast<uint32_t>(c.ai_terms.size()));
    for (const std::string& g : c.groups) pool.push_back(groups.Id(g));
    for (const std::string& t : c.ai_terms) pool.push_back(terms.Id(t));
  }
  p.reasons = c.reasons;
  p.date_source = c.date_source;
  p.category = c.category;
  p.ai = c.ai;
  p.has_salary = c.has_salary;
  p.any_ai_term = c.any_ai_term;
  p.duplicate = duplicate;
  duplicates += duplicate;
}

// The filters' values and the definitions a view may ask for.
void LoadedRun::Impl::Describe(const FieldNormalizer& fields, const AiDefinition& own) {
  provinces.Id("");
  tiers.Id("");
  const Names& cities = dims[kCity];
  for (uint32_t id = 0; id < cities.size(); ++id) {
    uint32_t province = 0, tier = 0;
    if (!cities.Name(id).empty()) {
      Parsed<CityInfo> info = fields.cities().Resolve(cities.Name(id));
      if (info.ok()) {
        province = provinces.Id(info.value.province);
        tier = tiers.Id(info.value.tier);
      }
    }
    province_of.push_back(province);
    tier_of.push_back(tier);
  }
  // Postings (re-posts not counted) per value of each dimension.
  std::array<std::vector<uint64_t>, kDimCount> per_dim;
  for (size_t d = 0; d < kDimCount; ++d) per_dim[d].assign(dims[d].size(), 0);
  std::vector<uint64_t> per_province(provinces.size()), per_tier(tiers.size());
  for (const Held& p : postings) {
    if (p.duplicate) continue;
    for (size_t d = 0; d < kDimCount; ++d) ++per_dim[d][p.dim[d]];
    ++per_province[province_of[p.dim[kCity]]];
    ++per_tier[tier_of[p.dim[kCity]]];
  }
  auto listed = [](const Names& names, const std::vector<uint64_t>& n, bool by_name) {
    std::vector<uint32_t> ids;
    for (uint32_t id = 0; id < names.size(); ++id)
      if (!names.Name(id).empty() && n[id] > 0) ids.push_back(id);
    std::sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) {
      if (!by_name && n[a] != n[b]) return n[a] > n[b];
      return names.Name(a) < names.Name(b);
    });
    std::vector<std::string> out;
    for (uint32_t id : ids) out.emplace_back(names.Name(id));
    return out;
  };
  values["quarter"] = listed(dims[kQuarter], per_dim[kQuarter], true);
  std::vector<std::string>& halves = values["half"];
  for (const std::string& q : values["quarter"])
    if (std::string h = HalfOfQuarter(q); halves.empty() || halves.back() != h) halves.push_back(h);
  values["province"] = listed(provinces, per_province, false);
  values["tier"] = listed(tiers, per_tier, false);
  for (auto [facet, d] : {std::pair{"city", Dim::kCity}, std::pair{"industry", Dim::kIndustry},
                          std::pair{"degree", Dim::kDegree}, std::pair{"size", Dim::kSize},
                          std::pair{"experience", Dim::kExperience}})
    values[facet] = listed(dims[static_cast<size_t>(d)], per_dim[static_cast<size_t>(d)], false);

  // A definition can be served when every posting it flags was recorded as
  // AI: only those postings' skills and terms are in the states.
  std::vector<AiDefinition> all = ShippedDefinitions();
  if (std::none_of(all.begin(), all.end(), [&](const AiDefinition& d) { return d.name == own.name; }))
    all.push_back(own);
  for (const AiDefinition& d : all) {
    Definition out{d.name, d.Codes(), true, ""};
    uint64_t missing = 0;
    for (const Held& p : postings)
      if (d.Flags(p.category, p.any_ai_term) && !p.ai) ++missing;
    if (d.name != own.name && missing > 0) {
      out.available = false;
      out.why = std::to_string(missing) + " postings it flags were not AI jobs under " + own.name +
                ", so the states hold no skills or terms for them: make the states with --ai-definition " + d.name;
    }
    definitions.push_back(std::move(out));
    rules.push_back(d);
  }
}

StatusOr<LoadedRun> LoadedRun::Load(const RunOptions& run, const std::vector<std::string>& states, Console& console) {
  if (states.empty()) return InvalidArgument("give at least one state file");
  auto setup = SetUpCounting(run);
  if (!setup.ok()) return setup.status();
  auto impl = std::make_shared<Impl>();
  impl->lex = std::move(setup->lex);
  // Each state checked whole first (and its records counted, so that the
  // postings are allocated once); then every posting kept, a duplicate when
  // an earlier one of its half-year has its fingerprint: the first by
  // position is kept, as one run over all the inputs keeps it (and as
  // DecideDuplicates decides for a distributed run), without holding keys.
  uint64_t records = 0;
  for (const std::string& path : states) {
    auto info = impl->series.Add(path, impl->lex);
    if (!info.ok()) return info.status();
    impl->states.push_back(path);
    records += info->records;
  }
  impl->postings.reserve(records);
  std::map<uint64_t, FingerprintSet> seen;  // by half-year (HalfCode)
  uint64_t needs_reference = 0;  // kept postings undated for want of a reference date
  for (const std::string& path : states)
    JOBSIFT_RETURN_IF_ERROR(ReplayState(path, [&](const Contribution& c) {
      bool duplicate = c.fingerprint != 0 && !seen[HalfCode(c.dim[kQuarter])].Insert(c.fingerprint);
      impl->Keep(c, duplicate);
      needs_reference += !duplicate && c.reasons[static_cast<size_t>(DerivedField::kDate)] == Unknown::kNeedsReference;
    }));
  impl->pool.shrink_to_fit();  // grown by doubling
  auto own = FindDefinition(impl->series.ai.definition);
  AiDefinition own_rule;
  if (own.ok()) {
    own_rule = *own;
  } else {
    auto parsed = ParseDefinition(impl->series.ai.definition, impl->series.ai.categories);
    if (!parsed.ok()) return DataError(states[0] + ": its AI definition '" + impl->series.ai.Label() + "' cannot be read");
    own_rule = *parsed;
  }
  impl->Describe(*setup->normalizer, own_rule);
  SayReadNotes(impl->series.read, console);
  // What every view's counts would show, said once here: views say nothing.
  for (const std::string& line : CountNotes(needs_reference, impl->postings.size() - impl->duplicates))
    console.Say(Severity::kWarning, line);
  return LoadedRun(std::move(impl));
}

StatusOr<ReportResult> LoadedRun::View(const ViewFilter& f) const {
  const Impl& m = *impl_;
  // Each filter as an id (-1: any); a name no posting has is an error.
  auto id_of = [](const Names& names, const std::string& value, const char* what) -> StatusOr<int64_t> {
    if (value.empty()) return int64_t{-1};
    int64_t id = names.Find(value);
    if (id < 0)
      return InvalidArgument(std::string(what) + ": no posting has '" + value + "'");
    return id;
  };
  auto dim = [&](Dim d) -> const Names& { return m.dims[static_cast<size_t>(d)]; };
  std::array<int64_t, kDimCount> want;
  want.fill(-1);
  const std::pair<Dim, const std::string*> named[] = {{Dim::kCity, &f.city},
                                                      {Dim::kIndustry, &f.industry},
                                                      {Dim::kDegree, &f.degree},
                                                      {Dim::kSize, &f.size},
                                                      {Dim::kExperience, &f.experience}};
  static constexpr const char* kWhat[] = {"quarter", "city", "industry", "degree", "size", "experience"};
  for (const auto& [d, value] : named) {
    auto id = id_of(dim(d), *value, kWhat[static_cast<size_t>(d)]);
    if (!id.ok()) return id.status();
    want[static_cast<size_t>(d)] = *id;
  }
  auto province = id_of(m.provinces, f.province, "province");
  if (!province.ok()) return province.status();
  auto tier = id_of(m.tiers, f.tier, "tier");
  if (!tier.ok()) return tier.status();
  for (const auto& [q, what] : {std::pair{&f.from, "from"}, std::pair{&f.to, "to"}})
    if (!q->empty() && !IsQuarter(*q)) return InvalidArgument(std::string(what) + ": a quarter such as 2024Q1, not '" + *q + "'");
  if (!f.from.empty() && !f.to.empty() && f.from > f.to)
    return InvalidArgument("from " + f.from + " is after to " + f.to);
  // Quarters kept, by id.
  const Names& quarters = dim(Dim::kQuarter);
  std::vector<char> quarter_in(quarters.size(), 1);
  const bool by_period = !f.from.empty() || !f.to.empty();
  if (by_period)
    for (uint32_t q = 0; q < quarters.size(); ++q) {
      std::string_view name = quarters.Name(q);
      quarter_in[q] = !name.empty() && (f.from.empty() || name >= f.from) && (f.to.empty() || name <= f.to);
    }
  const std::vector<std::string>& halves = m.values.at("half");
  if (!f.tables.half.empty() && std::find(halves.begin(), halves.end(), f.tables.half) == halves.end())
    return InvalidArgument("half: no posting is dated in '" + f.tables.half + "'");
  // The AI flag's definition.
  size_t rule = m.definitions.size();
  for (size_t i = 0; i < m.definitions.size(); ++i)
    if (m.definitions[i].name == (f.definition.empty() ? m.series.ai.definition : f.definition)) rule = i;
  if (rule == m.definitions.size()) return InvalidArgument("definition: no definition '" + f.definition + "'");
  if (!m.definitions[rule].available)
    return InvalidArgument("definition: " + f.definition + " cannot be shown: " + m.definitions[rule].why);
  const AiDefinition& def = m.rules[rule];
  const bool own_flag = def.name == m.series.ai.definition;
  AiFlagInfo ai = m.series.ai;
  ai.definition = def.name;
  ai.categories = def.Codes();

  // The postings in `threads` runs, each counted into a job of its own;
  // the jobs then summed in input order (ReportJob::MergeFrom matches
  // names, so the result is the same for any number of runs).
  const size_t n = m.postings.size();
  const size_t runs = std::clamp<size_t>(static_cast<size_t>(std::max(f.threads, 1)), 1, std::max<size_t>(n / 4096, 1));
  std::vector<std::unique_ptr<ReportJob>> jobs(runs);
  std::vector<char> cancelled(runs, 0);
  ParallelFor(runs, static_cast<int>(runs), [&](size_t k) {
    ReportJob& job = *(jobs[k] = std::make_unique<ReportJob>(nullptr, nullptr, m.series.dedup));
    job.set_filter(CubeFilter{f.city, f.industry});
    ContributionView v;
    v.record.stable_names = true;
    uint64_t outside = 0;
    for (size_t i = k * n / runs, end = (k + 1) * n / runs; i < end; ++i) {
      if ((i & 0xFFFF) == 0 && f.cancel != nullptr && f.cancel->load(std::memory_order_relaxed)) {
        cancelled[k] = 1;
        return;
      }
      const Held& p = m.postings[i];
      bool in = quarter_in[p.dim[kQuarter]] && (*province < 0 || m.province_of[p.dim[kCity]] == *province) &&
                (*tier < 0 || m.tier_of[p.dim[kCity]] == *tier);
      for (size_t d = 0; d < kDimCount && in; ++d) in = want[d] < 0 || p.dim[d] == want[d];
      if (!in) {
        ++outside;
        continue;
      }
      CubeRecord& r = v.record;
      for (size_t d = 0; d < kDimCount; ++d) r.dim[d] = m.dims[d].Name(p.dim[d]);
      r.ai = own_flag ? p.ai : def.Flags(p.category, p.any_ai_term);
      r.has_salary = p.has_salary;
      r.annual_salary = p.annual;
      r.groups.clear();
      r.ai_terms.clear();
      if (r.ai && p.first != kNoTerms) {
        const uint32_t* at = m.pool.data() + p.first;
        const uint32_t groups = at[0], terms = at[1];
        for (uint32_t g = 0; g < groups; ++g) r.groups.push_back(m.groups.Name(at[2 + g]));
        for (uint32_t t = 0; t < terms; ++t) r.ai_terms.push_back(m.terms.Name(at[2 + groups + t]));
      }
      v.reasons = p.reasons;
      v.date_source = p.date_source;
      v.category = p.category;
      v.any_ai_term = p.any_ai_term;
      job.AddDecided(v, p.duplicate);
    }
    job.CountOutside(outside);
  });
  if (std::find(cancelled.begin(), cancelled.end(), 1) != cancelled.end()) return Interrupted("the view was cancelled");
  ReportJob& job = *jobs[0];
  for (size_t k = 1; k < runs; ++k) job.MergeFrom(*jobs[k]);
  return FinishReport(job, m.series.read, m.lex, TablesFor(f.tables, ai), m.series.dedup, ai, m.series.salary,
                      nullptr);
}

const std::vector<std::string>& LoadedRun::Values(std::string_view facet) const {
  static const std::vector<std::string> kNone;
  auto it = impl_->values.find(facet);
  return it == impl_->values.end() ? kNone : it->second;
}
const std::vector<LoadedRun::Definition>& LoadedRun::definitions() const { return impl_->definitions; }
const std::string& LoadedRun::definition() const { return impl_->series.ai.definition; }
uint64_t LoadedRun::postings() const { return impl_->postings.size(); }
uint64_t LoadedRun::duplicates() const { return impl_->duplicates; }
const std::vector<std::string>& LoadedRun::states() const { return impl_->states; }

}  // namespace jobsift

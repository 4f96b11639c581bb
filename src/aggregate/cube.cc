#include "aggregate/cube.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <tuple>

#include "base/hash.h"
#include "jobsift/check.h"

namespace jobsift {

void Dictionary::Grow() {
  slots_.assign(slots_.empty() ? 64 : slots_.size() * 2, 0);
  size_t mask = slots_.size() - 1;
  for (uint32_t id = 1; id < names_.size(); ++id) {
    size_t i = HashBytes(names_[id]) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = id;
  }
}

uint32_t Dictionary::Id(std::string_view name) {
  if (name.empty()) return 0;
  if (2 * names_.size() >= slots_.size()) Grow();
  size_t mask = slots_.size() - 1;
  size_t i = HashBytes(name) & mask;
  for (; slots_[i] != 0; i = (i + 1) & mask)
    if (names_[slots_[i]] == name) return slots_[i];
  uint32_t id = static_cast<uint32_t>(names_.size());
  names_.emplace_back(name);
  slots_[i] = id;
  return id;
}

void Dictionary::GrowStable() {
  std::vector<Stable> old = std::move(stable_);
  stable_.assign(old.empty() ? 64 : old.size() * 2, Stable{});
  for (const Stable& e : old)
    if (e.data != nullptr) stable_[StableSlot({e.data, e.size})] = e;
}

size_t Dictionary::StableSlot(std::string_view name) const {
  size_t mask = stable_.size() - 1;
  size_t i = Mix64(reinterpret_cast<uintptr_t>(name.data()) ^ name.size()) & mask;
  while (stable_[i].data != nullptr && !(stable_[i].data == name.data() && stable_[i].size == name.size()))
    i = (i + 1) & mask;
  return i;
}

uint32_t Dictionary::IdOfStable(std::string_view name) {
  if (name.empty()) return 0;
  if (2 * (stable_count_ + 1) > stable_.size()) GrowStable();
  Stable& e = stable_[StableSlot(name)];
  if (e.data == nullptr) {
    e = {name.data(), name.size(), Id(name)};
    ++stable_count_;
  }
  return e.id;
}

uint32_t Dictionary::FindStable(std::string_view name) const {
  if (name.empty() || stable_.empty()) return 0;
  return stable_[StableSlot(name)].id;  // 0 in an empty slot
}

// Bin b covers [1000 × 1.01^b, 1000 × 1.01^(b+1)) yuan a year; bin 0 also
// holds anything lower.
uint16_t Cube::SalaryBin(uint64_t annual_yuan) {
  if (annual_yuan <= 1000) return 0;
  double b = std::log(static_cast<double>(annual_yuan) / 1000.0) / std::log(1.01);
  return static_cast<uint16_t>(std::min(b, 65000.0));
}

void SalaryHistogram::Add(uint16_t bin) {
  if (counts.empty()) {
    first = bin;
  } else if (bin < first) {
    counts.insert(counts.begin(), first - bin, 0);
    first = bin;
  }
  size_t i = bin - first;
  if (i >= counts.size()) {
    // Grown to what is needed and a little more, not doubled: the range
    // settles after the first postings, and doubling left half unused.
    if (i >= counts.capacity()) counts.reserve(i + 16);
    counts.resize(i + 1);
  }
  ++counts[i];
}

double Cube::SalaryBinMid(uint16_t bin) { return 1000.0 * std::pow(1.01, static_cast<double>(bin) + 0.5); }

std::string HalfOfQuarter(std::string_view quarter) {
  if (quarter.size() != 6 || quarter[4] != 'Q') return "";
  char q = quarter[5];
  return std::string(quarter.substr(0, 4)) + (q <= '2' ? "H1" : "H2");
}

uint64_t Fingerprint(std::initializer_list<std::string_view> parts) {
  // Eight bytes at a time, each word mixed in by multiply and xor-shift
  // (state files version 2; version 1 hashed byte by byte).
  auto mix = [](uint64_t h, uint64_t w) {
    h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 31);
  };
  uint64_t h = 0x9E3779B97F4A7C15ull;
  for (std::string_view p : parts) {
    size_t i = 0;
    for (; i + 8 <= p.size(); i += 8) {
      uint64_t w;
      std::memcpy(&w, p.data() + i, 8);
      h = mix(h, w);
    }
    uint64_t tail = 0;
    if (i < p.size()) std::memcpy(&tail, p.data() + i, p.size() - i);
    // The length ends each part, so ("ab","c") differs from ("a","bc").
    h = mix(mix(h, tail), p.size() | 0x1F00000000000000ull);
  }
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  return h == 0 ? 1 : h;
}

bool Cube::Inside(const CubeRecord& r) const {
  return (filter_.city.empty() || r.dim[static_cast<size_t>(Dim::kCity)] == filter_.city) &&
         (filter_.industry.empty() || r.dim[static_cast<size_t>(Dim::kIndustry)] == filter_.industry);
}

Cube::AddResult Cube::AddDuplicate(const CubeRecord& r) {
  if (!Inside(r)) return AddResult::kOutside;
  ++duplicates_[HalfOfQuarter(r.dim[static_cast<size_t>(Dim::kQuarter)])];
  return AddResult::kDuplicate;
}

std::array<uint32_t, 4> Cube::ProjectionKey(size_t p, const PostingKey& key) {
  auto [a, b] = kProjections[p];
  return {key[0], key[static_cast<size_t>(a)], key[static_cast<size_t>(b)], key[kDimCount]};
}

std::array<std::array<uint32_t, 4>, 4> Cube::SalaryKeys(const PostingKey& key) {
  uint32_t q = key[static_cast<size_t>(Dim::kQuarter)];
  uint32_t ai = key[kDimCount];
  auto of = [&](Dim d) { return std::array<uint32_t, 4>{q, static_cast<uint32_t>(d), key[static_cast<size_t>(d)], ai}; };
  return {{{q, static_cast<uint32_t>(Dim::kCount), 0, ai}, of(Dim::kIndustry), of(Dim::kCity), of(Dim::kDegree)}};
}

void Cube::Prefetch(const CubeRecord& r) const {
  if (!r.stable_names) return;
  PostingKey key{};
  for (size_t d = 0; d < kDimCount; ++d) {
    key[d] = dicts_[d].FindStable(r.dim[d]);
    if (key[d] == 0 && !r.dim[d].empty()) return;  // a new name: Add assigns its id
  }
  key[kDimCount] = r.ai ? 1 : 0;
  for (size_t p = 0; p < kProjections.size(); ++p) projections_[p].Prefetch(ProjectionKey(p, key));
  if (r.has_salary)
    for (const auto& k : SalaryKeys(key)) salary_bins_.Prefetch(k);
}

Cube::AddResult Cube::Add(const CubeRecord& r) {
  if (!Inside(r)) return AddResult::kOutside;
  auto id_of = [&](Dictionary& dict, std::string_view name) {
    return r.stable_names ? dict.IdOfStable(name) : dict.Id(name);
  };
  PostingKey key{};
  for (size_t d = 0; d < kDimCount; ++d) key[d] = id_of(dicts_[d], r.dim[d]);
  key[kDimCount] = r.ai ? 1 : 0;
  for (size_t p = 0; p < kProjections.size(); ++p) {
    projections_[p][ProjectionKey(p, key)].Count(r.has_salary, r.annual_salary);
  }
  uint32_t q = key[static_cast<size_t>(Dim::kQuarter)];
  if (r.has_salary) {
    uint16_t bin = SalaryBin(r.annual_salary);
    for (const auto& k : SalaryKeys(key)) salary_bins_[k].Add(bin);
  }
  if (r.ai) {
    uint32_t ind = key[static_cast<size_t>(Dim::kIndustry)];
    uint32_t city = key[static_cast<size_t>(Dim::kCity)];
    for (std::string_view g : r.groups) {
      uint32_t group = id_of(groups_, g);
      ++skills_by_industry_[{q, ind, group}];
      ++skills_by_city_[{q, city, group}];
    }
    std::vector<uint32_t> ids;
    ids.reserve(r.ai_terms.size());
    for (std::string_view t : r.ai_terms) ids.push_back(id_of(term_names_, t));
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (size_t i = 0; i < ids.size(); ++i) {
      ++terms_[{q, ids[i]}];
      for (size_t j = i + 1; j < ids.size(); ++j) ++pairs_[{q, ids[i], ids[j]}];
    }
  }
  return AddResult::kAdded;
}

std::vector<bool> Cube::QuartersIn(std::string_view half) const {
  const Dictionary& quarters = dicts_[static_cast<size_t>(Dim::kQuarter)];
  std::vector<bool> in_half(quarters.size(), true);
  if (!half.empty())
    for (uint32_t q = 0; q < quarters.size(); ++q) in_half[q] = HalfOfQuarter(quarters.Name(q)) == half;
  return in_half;
}

std::vector<Cube::Marginal> Cube::Collapse(const std::vector<Dim>& keep, std::string_view half) const {
  // The first projection holding every kept dimension; where each sits in
  // its key (quarter 0, a 1, b 2).
  size_t proj = kProjections.size();
  std::vector<size_t> at(keep.size());
  for (size_t p = 0; p < kProjections.size() && proj == kProjections.size(); ++p) {
    bool all = true;
    for (size_t i = 0; i < keep.size(); ++i) {
      if (keep[i] == Dim::kQuarter) {
        at[i] = 0;
      } else if (keep[i] == kProjections[p].first) {
        at[i] = 1;
      } else if (keep[i] == kProjections[p].second) {
        at[i] = 2;
      } else {
        all = false;
      }
    }
    if (all) proj = p;
  }
  JOBSIFT_CHECK(proj < kProjections.size() && keep.size() <= 3, "no cube projection holds the dimensions asked for");
  std::vector<bool> in_half = QuartersIn(half);
  // Summed by ids first (cheap); ids name values one to one, so each sum
  // becomes one Marginal, then ordered by name.
  IdArrayMap<4, CubeCell> by_id;
  for (const auto& [key, cell] : projections_[proj]) {
    if (!in_half[key[0]]) continue;
    std::array<uint32_t, 4> k{};
    for (size_t i = 0; i < keep.size(); ++i) k[i] = key[at[i]];
    k[3] = key[3];
    by_id[k].Add(cell);
  }
  std::vector<Marginal> out;
  out.reserve(by_id.size());
  for (const auto& [k, cell] : by_id) {
    Marginal m{{}, k[3] == 1, cell};
    m.names.reserve(keep.size());
    for (size_t i = 0; i < keep.size(); ++i) m.names.push_back(dicts_[static_cast<size_t>(keep[i])].Name(k[i]));
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(),
            [](const Marginal& a, const Marginal& b) { return std::tie(a.names, a.ai) < std::tie(b.names, b.ai); });
  return out;
}

namespace {

// Each id of `from` as an id of `to`, adding the names `to` lacks.
std::vector<uint32_t> Remap(const Dictionary& from, Dictionary& to) {
  std::vector<uint32_t> ids(from.size());
  for (uint32_t id = 1; id < from.size(); ++id) ids[id] = to.Id(from.Name(id));
  return ids;
}

void SaveDictionary(const Dictionary& d, ByteWriter& out) {
  out.V64(d.size());
  for (uint32_t id = 1; id < d.size(); ++id) out.Str(d.Name(id));
}

bool LoadDictionary(ByteReader& in, Dictionary& d) {
  uint64_t n;
  if (!in.Count(&n, 8) || n == 0) return false;
  std::string name;
  for (uint64_t id = 1; id < n; ++id)
    if (!in.Str(&name) || name.empty() || d.Id(name) != id) return false;  // names are distinct and known
  return true;
}

template <size_t N, typename V, typename SaveValue>
void SaveMap(const IdArrayMap<N, V>& map, ByteWriter& out, SaveValue save) {
  out.V64(map.size());
  for (const auto& [key, value] : map) {
    for (uint32_t k : key) out.V64(k);
    save(value);
  }
}

// `limits[i]` bounds key part i (ids of a dictionary); 0 = any.
template <size_t N, typename V, typename LoadValue>
bool LoadMap(ByteReader& in, IdArrayMap<N, V>& map, const std::array<size_t, N>& limits, LoadValue load) {
  uint64_t n;
  if (!in.Count(&n, N + 1)) return false;
  map.Reserve(map.size() + n);  // the entries come in their table's slot order
  for (uint64_t i = 0; i < n; ++i) {
    std::array<uint32_t, N> key;
    for (size_t k = 0; k < N; ++k)
      if (!in.V32(&key[k]) || (limits[k] != 0 && key[k] >= limits[k])) return false;
    if (!load(map[key])) return false;
  }
  return true;
}

void SaveHistogram(const SalaryHistogram& h, ByteWriter& out) {
  out.V64(h.first);
  out.V64(h.counts.size());
  for (uint64_t c : h.counts) out.V64(c);
}

// Adds the counts of `from` to `to`.
void AddHistogram(const SalaryHistogram& from, SalaryHistogram& to) {
  for (size_t b = 0; b < from.counts.size(); ++b) {
    if (from.counts[b] == 0) continue;
    uint16_t bin = static_cast<uint16_t>(from.first + b);
    to.Add(bin);  // makes room for the bin
    to.counts[bin - to.first] += from.counts[b] - 1;
  }
}

}  // namespace

bool Cube::Subtract(const CubeRecord& r) {
  if (!Inside(r)) return false;
  PostingKey key{};
  for (size_t d = 0; d < kDimCount; ++d) key[d] = dicts_[d].Id(r.dim[d]);
  key[kDimCount] = r.ai ? 1 : 0;
  for (size_t p = 0; p < kProjections.size(); ++p) {
    CubeCell& c = projections_[p][ProjectionKey(p, key)];
    JOBSIFT_DCHECK(c.postings > 0);
    --c.postings;
    if (r.has_salary) {
      --c.salary_n;
      c.salary_sum -= r.annual_salary;
    }
  }
  uint32_t q = key[static_cast<size_t>(Dim::kQuarter)];
  if (r.has_salary) {
    uint16_t bin = SalaryBin(r.annual_salary);
    for (const auto& k : SalaryKeys(key)) {
      SalaryHistogram& h = salary_bins_[k];
      JOBSIFT_DCHECK(bin >= h.first && bin - h.first < h.counts.size());
      --h.counts[bin - h.first];
    }
  }
  if (r.ai) {
    uint32_t ind = key[static_cast<size_t>(Dim::kIndustry)];
    uint32_t city = key[static_cast<size_t>(Dim::kCity)];
    for (std::string_view g : r.groups) {
      uint32_t group = groups_.Id(g);
      --skills_by_industry_[{q, ind, group}];
      --skills_by_city_[{q, city, group}];
    }
    std::vector<uint32_t> ids;
    for (std::string_view t : r.ai_terms) ids.push_back(term_names_.Id(t));
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (size_t i = 0; i < ids.size(); ++i) {
      --terms_[{q, ids[i]}];
      for (size_t j = i + 1; j < ids.size(); ++j) --pairs_[{q, ids[i], ids[j]}];
    }
  }
  return true;
}

namespace {

// `map` without the entries `empty` says are empty. Rebuilt only when it
// has one: taking a few duplicates out usually empties no cell, and a
// rebuild costs as much as filling the map did.
template <size_t N, typename V, typename Empty>
void DropIf(IdArrayMap<N, V>& map, Empty empty) {
  bool any = false;
  for (const auto& [key, value] : map) any = any || empty(value);
  if (!any) return;
  IdArrayMap<N, V> kept;
  kept.Reserve(map.size());
  for (const auto& [key, value] : map)
    if (!empty(value)) kept[key] = value;
  map = std::move(kept);
}

}  // namespace

void Cube::DropEmpty() {
  for (auto& p : projections_) DropIf(p, [](const CubeCell& c) { return c.postings == 0; });
  auto zero = [](uint64_t n) { return n == 0; };
  DropIf(skills_by_industry_, zero);
  DropIf(skills_by_city_, zero);
  DropIf(terms_, zero);
  DropIf(pairs_, zero);
  DropIf(salary_bins_, [](const SalaryHistogram& h) {
    return std::all_of(h.counts.begin(), h.counts.end(), [](uint64_t c) { return c == 0; });
  });
}

void Cube::MergeFrom(const Cube& o) {
  JOBSIFT_CHECK(filter_.city == o.filter_.city && filter_.industry == o.filter_.industry,
                "merging cubes of different filters");
  std::array<std::vector<uint32_t>, kDimCount> ids;
  for (size_t d = 0; d < kDimCount; ++d) ids[d] = Remap(o.dicts_[d], dicts_[d]);
  std::vector<uint32_t> groups = Remap(o.groups_, groups_);
  std::vector<uint32_t> terms = Remap(o.term_names_, term_names_);
  // o's entries come in its tables' slot order: each table here is first
  // made at least as large as o's (IdArrayMap::Reserve says why).
  auto room = [](auto& to, const auto& from) { to.Reserve(std::max(to.size(), from.size())); };
  for (size_t p = 0; p < kProjections.size(); ++p) room(projections_[p], o.projections_[p]);
  room(skills_by_industry_, o.skills_by_industry_);
  room(skills_by_city_, o.skills_by_city_);
  room(terms_, o.terms_);
  room(pairs_, o.pairs_);
  room(salary_bins_, o.salary_bins_);
  const auto& quarter = ids[static_cast<size_t>(Dim::kQuarter)];
  for (size_t p = 0; p < kProjections.size(); ++p) {
    const auto& a = ids[static_cast<size_t>(kProjections[p].first)];
    const auto& b = ids[static_cast<size_t>(kProjections[p].second)];
    for (const auto& [key, cell] : o.projections_[p])
      projections_[p][{quarter[key[0]], a[key[1]], b[key[2]], key[3]}].Add(cell);
  }
  for (const auto& [half, n] : o.duplicates_) duplicates_[half] += n;
  const auto& industry = ids[static_cast<size_t>(Dim::kIndustry)];
  const auto& city = ids[static_cast<size_t>(Dim::kCity)];
  for (const auto& [key, n] : o.skills_by_industry_) skills_by_industry_[{quarter[key[0]], industry[key[1]], groups[key[2]]}] += n;
  for (const auto& [key, n] : o.skills_by_city_) skills_by_city_[{quarter[key[0]], city[key[1]], groups[key[2]]}] += n;
  for (const auto& [key, n] : o.terms_) terms_[{quarter[key[0]], terms[key[1]]}] += n;
  for (const auto& [key, n] : o.pairs_) {
    uint32_t a = terms[key[1]], b = terms[key[2]];
    pairs_[{quarter[key[0]], std::min(a, b), std::max(a, b)}] += n;  // a < b, as Add keeps them
  }
  for (const auto& [key, hist] : o.salary_bins_) {
    uint32_t value = key[1] == static_cast<uint32_t>(Dim::kCount) ? 0 : ids[key[1]][key[2]];
    AddHistogram(hist, salary_bins_[{quarter[key[0]], key[1], value, key[3]}]);
  }
}

void Cube::Save(ByteWriter& out) const {
  out.Str(filter_.city);
  out.Str(filter_.industry);
  for (const Dictionary& d : dicts_) SaveDictionary(d, out);
  SaveDictionary(groups_, out);
  SaveDictionary(term_names_, out);
  auto cell = [&](const CubeCell& c) {
    out.V64(c.postings);
    out.V64(c.salary_n);
    out.V64(c.salary_sum);
  };
  auto count = [&](uint64_t n) { out.V64(n); };
  for (const auto& p : projections_) SaveMap(p, out, cell);
  out.V64(duplicates_.size());
  for (const auto& [half, n] : duplicates_) {
    out.Str(half);
    out.V64(n);
  }
  SaveMap(skills_by_industry_, out, count);
  SaveMap(skills_by_city_, out, count);
  SaveMap(terms_, out, count);
  SaveMap(pairs_, out, count);
  SaveMap(salary_bins_, out, [&](const SalaryHistogram& h) { SaveHistogram(h, out); });
}

bool Cube::Load(ByteReader& in) {
  if (!in.Str(&filter_.city) || !in.Str(&filter_.industry)) return false;
  for (Dictionary& d : dicts_)
    if (!LoadDictionary(in, d)) return false;
  if (!LoadDictionary(in, groups_) || !LoadDictionary(in, term_names_)) return false;
  auto size = [&](Dim d) { return dicts_[static_cast<size_t>(d)].size(); };
  auto cell = [&](CubeCell& c) { return in.V64(&c.postings) && in.V64(&c.salary_n) && in.V64(&c.salary_sum); };
  auto count = [&](uint64_t& n) { return in.V64(&n); };
  for (size_t p = 0; p < kProjections.size(); ++p)
    if (!LoadMap(in, projections_[p],
                 {size(Dim::kQuarter), size(kProjections[p].first), size(kProjections[p].second), 2}, cell))
      return false;
  uint64_t n;
  if (!in.Count(&n, 9)) return false;
  for (uint64_t i = 0; i < n; ++i) {
    std::string half;
    uint64_t removed;
    if (!in.Str(&half) || !in.V64(&removed)) return false;
    duplicates_[half] += removed;
  }
  size_t q = size(Dim::kQuarter);
  if (!LoadMap(in, skills_by_industry_, {q, size(Dim::kIndustry), groups_.size()}, count) ||
      !LoadMap(in, skills_by_city_, {q, size(Dim::kCity), groups_.size()}, count) ||
      !LoadMap(in, terms_, {q, term_names_.size()}, count) ||
      !LoadMap(in, pairs_, {q, term_names_.size(), term_names_.size()}, count))
    return false;
  uint64_t bins;
  if (!in.Count(&bins, 6)) return false;
  for (uint64_t i = 0; i < bins; ++i) {
    std::array<uint32_t, 4> key;
    for (uint32_t& k : key)
      if (!in.V32(&k)) return false;
    bool dim_ok = key[1] == static_cast<uint32_t>(Dim::kCount) ? key[2] == 0
                  : key[1] < kDimCount && key[2] < dicts_[key[1]].size();
    if (key[0] >= q || !dim_ok || key[3] > 1) return false;
    SalaryHistogram& h = salary_bins_[key];
    uint64_t first, len;
    if (!in.V64(&first) || first > UINT16_MAX || !in.Count(&len, 1) || first + len > UINT16_MAX + 1ull) return false;
    h.first = static_cast<uint16_t>(first);
    h.counts.resize(len);
    for (uint64_t& c : h.counts)
      if (!in.V64(&c)) return false;
  }
  return true;
}

}  // namespace jobsift
